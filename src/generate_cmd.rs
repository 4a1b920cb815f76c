//! `tlgen SCHEMA... -o DIR`: generate `DIR/mod.rs`, a thin shell over
//! `tl_codegen::Builder`: every option is a flag, the Builder reads, checks and
//! generates, `Generated` writes (or checks) the file, and this module renders
//! what went wrong.

use crate::check_cmd::{plural, summary};
use crate::cli::{Failure, GenerateArgs};
use crate::render::print_diagnostics;
use tl_codegen::{BuildError, Builder, Written};

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
    let generated = builder(args)
        .generate()
        .map_err(|e| failure(e, args.quiet))?;
    let warnings = generated.warnings();
    print_diagnostics(&warnings.sources, &warnings.diagnostics, args.quiet);
    // Documentation of another layer is normal: what it names that the schema
    // lacks is left out, and said in one line (`check --docs` lists it).
    let docs_summary = generated.docs_coverage().and_then(|c| c.summary());
    if let Some(summary) = docs_summary.as_ref().filter(|_| !args.quiet) {
        stderr_line!(
            "warning: documentation: {summary}; `tlgen check SCHEMA... --docs FILE` lists them"
        );
    }
    let target = out_dir.join("mod.rs");
    if args.check {
        return generated.check(&target).map_err(|e| failure(e, args.quiet));
    }
    let written = generated.write(&target).map_err(|e| match e {
        BuildError::Io { path, source } => {
            Failure::Usage(format!("cannot write `{}`: {source}", path.display()))
        }
        other => failure(other, args.quiet),
    })?;
    if !args.quiet {
        let schema = generated.schema();
        let summary = summary(
            &warnings.sources,
            schema,
            0,
            warnings.diagnostics.iter().map(|d| d.count).sum::<usize>()
                + usize::from(docs_summary.is_some()),
        );
        let definitions = schema.constructors.len() + schema.functions.len();
        let pruned = if args.keep.is_empty() {
            String::new()
        } else {
            format!(
                "; pruned to {} of the {definitions} definitions",
                generated.items().len()
            )
        };
        stderr_line!(
            "{} {}: {summary} ({} lines{pruned})",
            match written {
                Written::Wrote => "wrote",
                Written::Unchanged => "unchanged:",
            },
            target.display(),
            generated.code().lines().count(),
        );
    }
    Ok(())
}

/// The Builder for `args`: the schemas and every option given as a flag (the
/// others keep `tl_codegen::Options`' defaults, formatting aside: on unless
/// `--no-format`).
fn builder(args: &GenerateArgs) -> Builder {
    let mut builder = Builder::new()
        .cargo_directives(false)
        .format(!args.no_format)
        .arbitrary(args.arbitrary)
        .keep(args.keep.iter().cloned());
    for schema in &args.schemas {
        builder = builder.schema(schema);
    }
    if let Some(path) = &args.runtime_path {
        builder = builder.runtime_path(path.clone());
    }
    for derive in &args.derives {
        builder = builder.derive(derive.clone());
    }
    builder = builder.id_rule(args.id_rule.rule());
    if let Some(naming) = args.variant_names {
        builder = builder.variant_names(naming.into());
    }
    if let Some(docs) = &args.docs {
        builder = builder.docs(docs);
    }
    if let Some(form) = args.serde {
        builder = builder.serde(form.into());
    }
    if args.lean {
        builder = builder.lean();
    }
    for &extra in &args.omit {
        builder = builder.omit(extra);
    }
    builder
}

/// Prints what `error` has to show (the diagnostics of a schema that cannot be
/// generated) and says how the run fails.
fn failure(error: BuildError, quiet: bool) -> Failure {
    match error {
        BuildError::Schema(report) => {
            print_diagnostics(&report.sources, &report.diagnostics, quiet);
            let errors = report.error_count();
            stderr_line!(
                "error: nothing written: the schema has {errors} {}",
                plural(errors, "error")
            );
            Failure::SchemaErrors
        }
        BuildError::Codegen(report) => {
            print_diagnostics(&report.sources, &report.diagnostics, false);
            stderr_line!("error: nothing written: the schema cannot be turned into Rust");
            Failure::SchemaErrors
        }
        BuildError::OutOfDate { path } => {
            stderr_line!(
                "error: `{}` is not up to date with the schema: run without `--check` to \
                 regenerate it",
                path.display()
            );
            Failure::SchemaErrors
        }
        BuildError::InvalidOption(error) => Failure::Usage(format!(
            "invalid option `--{}`: {}",
            flag(error.option),
            error.message
        )),
        // Writing maps its own I/O errors: these are the schema files'.
        BuildError::Io { path, source } => {
            Failure::Usage(format!("cannot read `{}`: {source}", path.display()))
        }
        BuildError::Docs(error) => Failure::Usage(format!("invalid `--docs`: {error}")),
        BuildError::NotText { path, offset } => Failure::Usage(format!(
            "`{}` is not UTF-8 text (invalid byte at offset {offset}): TL schemas are text files",
            path.display()
        )),
        other => Failure::Usage(other.to_string()),
    }
}

/// The command-line flag of an option of `tl_codegen::Options`.
fn flag(option: &str) -> String {
    match option {
        "format" => "no-format".to_owned(),
        other => other.replace('_', "-"),
    }
}
