//! Generates the module for the schema files given as arguments (checked together)
//! and prints it; timings and sizes go to stderr.
//!
//! ```text
//! cargo run --release -p tl-codegen --example generate -- schema/seed.tl > seed.rs
//! cargo run --release -p tl-codegen --example generate -- --no-format schema/seed.tl
//! ```

use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut options = tl_codegen::Options::default();
    let paths: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| {
            let flag = arg == "--no-format";
            if flag {
                options.format = false;
            }
            !flag
        })
        .collect();
    if paths.is_empty() {
        eprintln!("usage: generate [--no-format] SCHEMA.tl... > module.rs");
        return ExitCode::FAILURE;
    }
    let start = Instant::now();
    let mut sources = tl_parser::Sources::new();
    for path in &paths {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                sources.add(path.clone(), text);
            }
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let checked = tl_parser::check(&sources);
    let checked_at = start.elapsed();
    if checked.has_errors() {
        for d in &checked.diagnostics {
            eprintln!("{}", d.render_plain(&sources));
        }
        return ExitCode::FAILURE;
    }
    match tl_codegen::generate(&checked.schema, &options) {
        Ok(code) => {
            let total = start.elapsed();
            eprintln!(
                "checked in {checked_at:?}, generated in {:?} (total {total:?}): {} lines, {} bytes",
                total - checked_at,
                code.lines().count(),
                code.len()
            );
            print!("{code}");
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            for d in &diagnostics {
                eprintln!("{}", d.render_plain(&sources));
            }
            ExitCode::FAILURE
        }
    }
}
