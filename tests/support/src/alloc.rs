//! A counting global allocator, for tests that bound what code allocates.
//!
//! A test binary installs it once:
//!
//! ```ignore
//! #[global_allocator]
//! static ALLOCATOR: tlgen_test_support::alloc::Counting = tlgen_test_support::alloc::Counting;
//! ```
//!
//! and [`measure`] then reports what a closure allocated. Only the calling
//! thread's allocations are counted, and only while [`measure`] runs, so tests
//! running at the same time (and the test harness) do not disturb the figures.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// The allocator: [`System`]'s, with sizes recorded while [`measure`] runs.
#[derive(Debug, Clone, Copy)]
pub struct Counting;

/// What a closure allocated ([`measure`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Allocated {
    /// The most bytes live at once (allocated during the run and not yet freed).
    pub peak: usize,
    /// All bytes requested, reallocations counted at their new size.
    pub total: usize,
    /// The largest single request.
    pub largest: usize,
    /// How many reallocations there were.
    pub reallocs: usize,
}

thread_local! {
    static TRACKING: Cell<bool> = const { Cell::new(false) };
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
    static TOTAL: Cell<usize> = const { Cell::new(0) };
    static LARGEST: Cell<usize> = const { Cell::new(0) };
    static REALLOCS: Cell<usize> = const { Cell::new(0) };
}

fn tracking() -> bool {
    TRACKING.try_with(Cell::get).unwrap_or(false)
}

fn grow(by: usize) {
    if tracking() {
        let _ = TOTAL.try_with(|t| t.set(t.get() + by));
        let _ = LARGEST.try_with(|l| l.set(l.get().max(by)));
        let _ = LIVE.try_with(|l| {
            let now = l.get() + by as isize;
            l.set(now);
            let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
        });
    }
}

fn shrink(by: usize) {
    if tracking() {
        let _ = LIVE.try_with(|l| l.set(l.get() - by as isize));
    }
}

// SAFETY: forwards every call to `System` unchanged; only records sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        shrink(layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        shrink(layout.size());
        grow(new_size);
        if tracking() {
            let _ = REALLOCS.try_with(|r| r.set(r.get() + 1));
        }
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Runs `f` and returns its result with what it allocated on this thread.
///
/// # Panics
/// When [`Counting`] is not the test binary's global allocator: every figure
/// would be 0, and a bound on them could not fail.
pub fn measure<T>(f: impl FnOnce() -> T) -> (T, Allocated) {
    let (_, probe) = run(|| std::hint::black_box(Box::new(0u64)));
    assert_eq!(
        probe.total, 8,
        "tlgen_test_support::alloc::Counting is not this binary's #[global_allocator]"
    );
    run(f)
}

fn run<T>(f: impl FnOnce() -> T) -> (T, Allocated) {
    LIVE.with(|l| l.set(0));
    PEAK.with(|p| p.set(0));
    TOTAL.with(|t| t.set(0));
    LARGEST.with(|l| l.set(0));
    REALLOCS.with(|r| r.set(0));
    TRACKING.with(|t| t.set(true));
    let value = f();
    TRACKING.with(|t| t.set(false));
    let allocated = Allocated {
        peak: usize::try_from(PEAK.with(Cell::get)).unwrap_or(0),
        total: TOTAL.with(Cell::get),
        largest: LARGEST.with(Cell::get),
        reallocs: REALLOCS.with(Cell::get),
    };
    (value, allocated)
}
