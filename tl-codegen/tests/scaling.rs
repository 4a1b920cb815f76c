//! Generation's memory on large schemas, measured with a counting global
//! allocator: the most bytes live at once while generating, against the size
//! of the code generated. (Time is not asserted; BENCHMARKS-style figures
//! for large schemas are in the commit messages.)
//!
//! The allocator counts only on the thread that asked, and only while
//! [`measure`] runs, so that tests running at the same time do not disturb
//! the figures.

use tlgen_test_support::alloc::{Counting, measure};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The peak while generating `text` and the size of the code, in bytes.
fn generate(text: &str, format: bool) -> (usize, usize) {
    let (_, checked) = tl_parser::check_str("big.tl", text);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    let mut options = tl_codegen::Options::default();
    options.format = format;
    let (generated, peak) = measure(|| tl_codegen::generate(&checked.schema, &options));
    match generated {
        Ok(generated) => (peak.peak, generated.code().len()),
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
