//! `tlgen check`: validate schema files and print a summary.

use crate::cli::{CheckArgs, Failure};
use crate::load::read_sources;
use crate::render::print_diagnostics;
use tl_parser::{Checked, Schema, Sources, check};

/// Runs `tlgen check`.
pub fn run(args: &CheckArgs) -> Result<(), Failure> {
    let sources = read_sources(&args.schemas)?;
    let checked = check(&sources);
    print_diagnostics(&sources, &checked.diagnostics, args.quiet);
    println!("{}", summary(&sources, &checked));
    let warnings = checked.warnings().count();
    if checked.has_errors() || (args.deny_warnings && warnings > 0) {
        Err(Failure::SchemaErrors)
    } else {
        Ok(())
    }
}

/// `a.tl + b.tl: layer 230, 1704 constructors (1 core line), 850 functions, 650 types; 0 errors, 3 warnings`.
pub fn summary(sources: &Sources, checked: &Checked) -> String {
    let names: Vec<&str> = sources.iter().map(|(_, f)| f.name()).collect();
    let s: &Schema = &checked.schema;
    let layer = s
        .layer
        .map_or_else(|| "no layer".to_owned(), |n| format!("layer {n}"));
    let core = s.constructor_count_with_builtins() - s.constructors.len();
    let core = match core {
        0 => String::new(),
        1 => " (1 core line)".to_owned(),
        n => format!(" ({n} core lines)"),
    };
    let errors = checked.errors().count();
    let warnings = checked.warnings().count();
    format!(
        "{}: {layer}, {} {}{core}, {} {}, {} {}; {} {}, {} {}",
        names.join(" + "),
        s.constructor_count_with_builtins(),
        plural(s.constructor_count_with_builtins(), "constructor"),
        s.functions.len(),
        plural(s.functions.len(), "function"),
        s.type_count_with_builtins(),
        plural(s.type_count_with_builtins(), "type"),
        errors,
        plural(errors, "error"),
        warnings,
        plural(warnings, "warning"),
    )
}

/// `word` or `words` for `n` of them.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}
