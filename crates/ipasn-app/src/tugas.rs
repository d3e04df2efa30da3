//! Background jobs of this process (imports started from a request). A graceful shutdown stops
//! taking requests, then waits for these: each ends in its own transaction — stored, or rolled
//! back and marked interrupted at the next start-up.

use std::future::Future;
use std::sync::LazyLock;
use std::time::Duration;
use tokio_util::task::TaskTracker;

static TUGAS: LazyLock<TaskTracker> = LazyLock::new(TaskTracker::new);

/// Runs `job` in the background, tracked for the shutdown.
pub fn jalankan<F>(job: F)
where
    F: Future<Output = ()> + Send + 'static,
{
    TUGAS.spawn(job);
}

/// Waits at most `batas` for the jobs running now; no new one is tracked after this. Returns
/// whether they all ended.
pub async fn tunggu(batas: Duration) -> bool {
    TUGAS.close();
    tokio::time::timeout(batas, TUGAS.wait()).await.is_ok()
}
