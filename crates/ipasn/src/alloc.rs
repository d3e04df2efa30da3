//! The process's allocator: the system one, asking Linux for transparent huge pages on large
//! blocks.
//!
//! A 1M-person package fills some 700 MB of record tables. On 4 KiB pages that is ~230,000 page
//! faults, each entering the kernel to zero and map one page; with `madvise(MADV_HUGEPAGE)` on
//! blocks of 8 MiB and more the kernel maps 2 MiB at a time. Systems whose THP setting is `never`
//! ignore the advice; `always` needs none. Small blocks are left as they are.

use std::alloc::{GlobalAlloc, Layout, System};

/// Blocks at least this large are advised.
const LARGE: usize = 8 << 20;
/// The huge page size on x86-64 and most aarch64 kernels.
const HUGE_PAGE: usize = 2 << 20;

/// The system allocator with huge-page advice for large blocks.
pub struct Allocator;

// SAFETY: every call is forwarded to `System` unchanged; `madvise` only gives the kernel a hint
// about whole huge pages inside the block just returned, and never changes its contents.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        advise(p, layout.size());
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) }
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, new_size) };
        advise(q, new_size);
        q
    }
}

fn advise(p: *mut u8, size: usize) {
    if p.is_null() || size < LARGE {
        return;
    }
    let start = (p as usize).next_multiple_of(HUGE_PAGE);
    let end = (p as usize + size) / HUGE_PAGE * HUGE_PAGE;
    if end > start {
        // SAFETY: [start, end) lies inside the block; the advice is a hint and its failure is
        // harmless.
        unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE) };
    }
}

/// Makes the C allocator return every block of [`LARGE`] bytes and more to the system when it
/// is freed (a fixed mmap threshold, which also turns off glibc's dynamic one). Without it,
/// glibc raises its threshold after the first large free, and each thread's arena then keeps
/// such blocks: a burst of logins, each argon2 check taking 19 MiB, left the server at
/// 300–600 MiB resident; with it, at the few blocks checked at once (`bench/login_burst.py`).
pub fn return_large_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a parameter of the allocator; called before the runtime starts
    // any thread.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, LARGE as libc::c_int);
    }
}
