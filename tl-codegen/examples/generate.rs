//! Generates the module for the schema files given as arguments (checked together)
//! and prints it; the time of each step and the size go to stderr.
//!
//! ```text
//! cargo run --release -p tl-codegen --example generate -- schema/seed.tl > seed.rs
//! cargo run --release -p tl-codegen --features format --example generate -- --format schema/seed.tl
//! ```
//!
//! The output is unformatted unless `--format` is given (which needs the `format`
//! feature). The two steps are the ones the `Builder` runs: `tl_parser::check`,
//! then `tl_codegen::generate`.

use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut options = tl_codegen::Options::default();
    let mut paths = Vec::new();
    for arg in std::env::args().skip(1) {
        if arg == "--format" {
            options.format = true;
        } else {
            paths.push(arg);
        }
    }
    if paths.is_empty() {
        eprintln!("usage: generate [--format] SCHEMA.tl... > module.rs");
        return ExitCode::FAILURE;
    }
    if let Err(error) = options.validate() {
        eprintln!("{error}");
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
        Ok(generated) => {
            let total = start.elapsed();
            let code = generated.code();
            eprintln!(
                "checked in {checked_at:?}, generated in {:?} (total {total:?}): {} lines, {} bytes",
                total - checked_at,
                code.lines().count(),
                code.len()
            );
            print!("{code}");
            ExitCode::SUCCESS
        }
        Err(tl_codegen::GenerateError::Schema(diagnostics)) => {
            for d in &diagnostics {
                eprintln!("{}", d.render_plain(&sources));
            }
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
