-- wrk script: sends the session cookie and prints the latency percentiles as one JSON line.
local cookie = os.getenv("IPASN_COOKIE")
request = function()
  return wrk.format("GET", nil, { ["Cookie"] = cookie })
end
done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "errors": %d, "non2xx": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f}\n',
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
