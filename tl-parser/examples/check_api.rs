//! Profiling aid: parses and checks one schema file `N` times.
//!
//! ```text
//! cargo build --release -p tl-parser --example check_api
//! valgrind --tool=callgrind target/release/examples/check_api api.tl 1 [parse]
//! ```
//!
//! Run it with `N = 0` as well and subtract to get the cost of one run. With
//! `parse` as third argument only [`tl_parser::parse_file`] runs.
fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), count) = (args.next(), args.next()) else {
        eprintln!("usage: check_api FILE [N] [parse]");
        std::process::exit(2);
    };
    let count: usize = count.and_then(|n| n.parse().ok()).unwrap_or(1);
    let parse_only = args.next().as_deref() == Some("parse");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let start = std::time::Instant::now();
    let mut items = 0;
    for _ in 0..count {
        if parse_only {
            let (file, errors) = tl_parser::parse_file(tl_parser::FileId(0), &text);
            items += file.definitions.len() + errors.len();
        } else {
            let (_, checked) = tl_parser::check_str(&path, &text);
            items += checked.schema.constructors.len() + checked.diagnostics.len();
        }
    }
    let elapsed = start.elapsed();
    println!(
        "{count} runs, {items} items, {:?} per run",
        elapsed
            .checked_div(u32::try_from(count).unwrap_or(u32::MAX).max(1))
            .unwrap_or_default()
    );
}
