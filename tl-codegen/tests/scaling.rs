//! Generation's memory on large schemas, measured with a counting global
//! allocator: the most bytes live at once while generating, against the size
//! of the code generated. (Time is not asserted; BENCHMARKS-style figures
//! for large schemas are in the commit messages.)
//!
//! The allocator counts only on the thread that asked, and only while
//! [`measure`] runs, so that tests running at the same time do not disturb
//! the figures.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    static TRACKING: Cell<bool> = const { Cell::new(false) };
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn grow(by: usize) {
    if TRACKING.try_with(Cell::get).unwrap_or(false) {
        let _ = LIVE.try_with(|l| {
            let now = l.get() + by as isize;
            l.set(now);
            let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
        });
    }
}

fn shrink(by: usize) {
    if TRACKING.try_with(Cell::get).unwrap_or(false) {
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
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f`, returning its result and the most bytes it had live at once
/// on this thread.
fn measure<T>(f: impl FnOnce() -> T) -> (T, usize) {
    LIVE.with(|l| l.set(0));
    PEAK.with(|p| p.set(0));
    TRACKING.with(|t| t.set(true));
    let value = f();
    TRACKING.with(|t| t.set(false));
    (value, usize::try_from(PEAK.with(Cell::get)).unwrap_or(0))
}

/// The peak while generating `text` and the size of the code, in bytes.
fn generate(text: &str, format: bool) -> (usize, usize) {
    let (_, checked) = tl_parser::check_str("big.tl", text);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    let mut options = tl_codegen::Options::default();
    options.format = format;
    let (generated, peak) = measure(|| tl_codegen::generate(&checked.schema, &options));
    match generated {
        Ok(generated) => (peak, generated.code().len()),
        Err(e) => panic!("{e}"),
    }
}

/// 2,000 definitions of one field each, every one of its own type.
fn many_definitions() -> String {
    (0..2000).map(|i| format!("c{i} x:int = T{i};\n")).collect()
}

// The whole module used to be held as tokens until it was printed: about 16
// times the code's size for 50,000 definitions (2.9 GB for 178 MB). Each
// item is now text as soon as it is emitted; what stays is the model and
// the text itself, growing.
const LIMIT: usize = 5;

#[test]
fn generating_unformatted_holds_a_small_multiple_of_the_code() {
    let (peak, code) = generate(&many_definitions(), false);
    println!("unformatted: peak {peak} bytes for {code} bytes of code");
    assert!(
        peak < LIMIT * code,
        "peak {peak} bytes for {code} bytes of code"
    );
}

#[cfg(feature = "format")]
#[test]
fn generating_formatted_holds_a_small_multiple_of_the_code() {
    let (peak, code) = generate(&many_definitions(), true);
    println!("formatted: peak {peak} bytes for {code} bytes of code");
    assert!(
        peak < LIMIT * code,
        "peak {peak} bytes for {code} bytes of code"
    );
}
