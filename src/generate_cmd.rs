//! `tlgen SCHEMA... -o DIR`: generate `DIR/mod.rs`.

use crate::check_cmd::{plural, summary};
use crate::cli::{Failure, GenerateArgs};
use crate::load::read_sources;
use crate::render::print_diagnostics;
use std::path::Path;
use tl_parser::check;

/// Runs generation.
pub fn run(args: &GenerateArgs) -> Result<(), Failure> {
    if args.schemas.is_empty() {
        return Err(Failure::Usage(
            "no schema files given: `tlgen SCHEMA... -o DIR` (or `tlgen check SCHEMA...`)"
                .to_owned(),
        ));
    }
    let Some(out_dir) = &args.out_dir else {
        return Err(Failure::Usage(
            "missing `-o DIR`: where to write the generated module (`DIR/mod.rs`)".to_owned(),
        ));
    };
    let sources = read_sources(&args.schemas)?;
    let checked = check(&sources);
    print_diagnostics(&sources, &checked.diagnostics, args.quiet);
    if checked.has_errors() {
        let errors = checked.errors().count();
        eprintln!(
            "error: nothing written: the schema has {errors} {}",
            plural(errors, "error")
        );
        return Err(Failure::SchemaErrors);
    }
    let mut options = tl_codegen::Options::default();
    options.runtime_path = args.runtime_path.clone();
    options.extra_derives = args.derives.clone();
    let code = match tl_codegen::generate(&checked.schema, &options) {
        Ok(code) => code,
        Err(diagnostics) => {
            print_diagnostics(&sources, &diagnostics, false);
            eprintln!("error: nothing written: the schema cannot be turned into Rust");
            return Err(Failure::SchemaErrors);
        }
    };
    let target = out_dir.join("mod.rs");
    let unchanged = std::fs::read(&target).is_ok_and(|old| old == code.as_bytes());
    if args.check {
        if unchanged {
            return Ok(());
        }
        eprintln!(
            "error: `{}` is not up to date with the schema: run without `--check` to regenerate it",
            target.display()
        );
        return Err(Failure::SchemaErrors);
    }
    if !unchanged {
        write_file(out_dir, &target, &code)?;
    }
    if !args.quiet {
        eprintln!(
            "{} {}: {} ({} lines)",
            if unchanged { "unchanged:" } else { "wrote" },
            target.display(),
            summary(&sources, &checked),
            code.lines().count(),
        );
    }
    Ok(())
}

fn write_file(dir: &Path, target: &Path, code: &str) -> Result<(), Failure> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::Usage(format!("cannot create `{}`: {e}", dir.display())))?;
    std::fs::write(target, code)
        .map_err(|e| Failure::Usage(format!("cannot write `{}`: {e}", target.display())))
}
