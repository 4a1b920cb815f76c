//! `tlgen check`: validate schema files and print a summary.

use crate::cli::{CheckArgs, Failure};
use crate::load::read_sources;
use crate::render::print_diagnostics;
use tl_parser::{Schema, Sources, check};

/// Runs `tlgen check`: the schema check, then, when it finds no errors, the
/// problems generation would report (`tl_codegen::check` with the default
/// options, e.g. two TL names that become one Rust name), so that `check` fails
/// exactly when generation would.
pub fn run(args: &CheckArgs) -> Result<(), Failure> {
    let sources = read_sources(&args.schemas)?;
    let docs = args
        .docs
        .as_ref()
        .map(|path| {
            tl_codegen::Docs::read(path)
                .map(|docs| (path, docs))
                .map_err(|e| Failure::Usage(format!("invalid `--docs`: {e}")))
        })
        .transpose()?;
    let checked = check(&sources);
    let mut diagnostics = checked.diagnostics;
    if !diagnostics.iter().any(tl_parser::Diagnostic::is_error) {
        let codegen = tl_codegen::check(&checked.schema, &tl_codegen::Options::default())
            .map_err(|e| Failure::Usage(e.to_string()))?;
        diagnostics.extend(codegen);
    }
    print_diagnostics(&sources, &diagnostics, args.quiet);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    println!("{}", summary(&sources, &checked.schema, errors, warnings));
    if let Some((path, docs)) = &docs {
        let layer = docs
            .index
            .layer
            .map_or_else(String::new, |l| format!(" (layer {l})"));
        println!("documentation {}{layer}:", path.display());
        for line in docs.coverage(&checked.schema).report(5) {
            println!("  {line}");
        }
    }
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        Err(Failure::SchemaErrors)
    } else {
        Ok(())
    }
}

/// `a.tl + b.tl: layer 230, 1704 constructors (1 core line), 850 functions, 650 types; 0 errors, 3 warnings`.
pub fn summary(sources: &Sources, s: &Schema, errors: usize, warnings: usize) -> String {
    let names: Vec<&str> = sources.iter().map(|(_, f)| f.name()).collect();
    let layer = s
        .layer
        .map_or_else(|| "no layer".to_owned(), |n| format!("layer {n}"));
    let core = s.constructor_count_with_builtins() - s.constructors.len();
    let core = match core {
        0 => String::new(),
        1 => " (1 core line)".to_owned(),
        n => format!(" ({n} core lines)"),
    };
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
