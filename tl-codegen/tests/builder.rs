//! The `Builder`: files in, one module out, errors rendered with their source lines.

use std::path::PathBuf;
use tl_codegen::{BuildError, Builder};

/// A fresh directory under the target directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

fn write(path: &PathBuf, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

#[test]
fn several_schemas_make_one_module() {
    let dir = scratch("builder_ok");
    let types = dir.join("types.tl");
    let functions = dir.join("functions.tl");
    write(&types, "pong#347773c5 msg_id:long ping_id:long = Pong;\n");
    write(
        &functions,
        "---functions---\nping#7abe77ec ping_id:long = Pong;\n",
    );
    let out = dir.join("out.rs");
    let written = Builder::new()
        .schema(&types)
        .schema(&functions)
        .out_file(&out)
        .derive("Eq")
        .cargo_directives(false)
        .generate();
    assert_eq!(written.ok(), Some(out.clone()));
    let code = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(code.contains("pub struct Pong {"));
    assert!(code.contains("pub struct Ping {"));
    assert!(code.contains("#[derive(Debug, Clone, PartialEq, Eq)]"));
}

#[test]
fn schema_errors_render_every_diagnostic_with_its_line() {
    let dir = scratch("builder_errors");
    let schema = dir.join("bad.tl");
    write(&schema, "a#1 x:Nope = A;\nb#2 y:Missing = B;\n");
    let error = Builder::new()
        .schema(&schema)
        .out_file(dir.join("out.rs"))
        .cargo_directives(false)
        .generate()
        .err();
    let Some(BuildError::Schema(report)) = &error else {
        panic!("expected a schema error, got {error:?}");
    };
    // The two errors, and the warnings that the made-up ids differ from the CRC32.
    assert_eq!(
        report.diagnostics.iter().filter(|d| d.is_error()).count(),
        2
    );
    assert_eq!(report.diagnostics.len(), 4);
    let text = error.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        text.starts_with("tl-codegen: the schema has 2 error(s):"),
        "{text}"
    );
    assert!(text.contains("bad.tl:1:7: error[E0201]"), "{text}");
    assert!(text.contains("  | a#1 x:Nope = A;"), "{text}");
    assert!(text.contains("bad.tl:2:7: error[E0201]"), "{text}");
    assert!(!dir.join("out.rs").exists(), "nothing is written on error");
}

#[test]
fn codegen_errors_are_rendered_too() {
    let dir = scratch("builder_codegen");
    let schema = dir.join("clash.tl");
    write(&schema, "fooBar#1 = T;\nfoo_bar#2 = U;\n");
    let error = Builder::new()
        .schema(&schema)
        .out_file(dir.join("out.rs"))
        .cargo_directives(false)
        .generate()
        .err();
    assert!(matches!(error, Some(BuildError::Codegen(_))), "{error:?}");
    let text = error.map(|e| e.to_string()).unwrap_or_default();
    assert!(text.contains("clash.tl:2:1: error[E0202]"), "{text}");
    assert!(text.contains("= "), "{text}");
}

#[test]
fn missing_inputs_are_clear_errors() {
    let error = Builder::new().cargo_directives(false).generate().err();
    assert!(matches!(error, Some(BuildError::NoSchema)));
    let error = Builder::new()
        .schema("/nonexistent/x.tl")
        .cargo_directives(false)
        .generate()
        .err();
    let text = error.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        text.starts_with("tl-codegen: /nonexistent/x.tl: "),
        "{text}"
    );
    let error = Builder::new()
        .schema("/nonexistent/x.tl")
        .derive("1bad")
        .generate()
        .err();
    assert!(
        matches!(error, Some(BuildError::InvalidOption(_))),
        "{error:?}"
    );
}
