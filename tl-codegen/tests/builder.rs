//! The `Builder`: files in, one module out, errors rendered with their source
//! lines; `Generated` writes the module only when it changed, or checks it.
//!
//! The code is compared with its whitespace removed, so these tests hold with and
//! without the `format` feature.

use std::path::PathBuf;
use tl_codegen::{BuildError, Builder, Written};
use tl_parser::Kind;

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

/// `text` without whitespace.
fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether `code` holds `needle`, whitespace aside.
fn holds(code: &str, needle: &str) -> bool {
    squash(code).contains(&squash(needle))
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
    let generated = Builder::new()
        .schema(&types)
        .schema(&functions)
        .derive("Eq")
        .cargo_directives(false)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let code = generated.code();
    assert!(holds(code, "pub struct Pong {"), "{code}");
    assert!(holds(code, "pub struct Ping {"), "{code}");
    assert!(
        holds(code, "#[derive(Debug, Clone, PartialEq, Eq)]"),
        "{code}"
    );
    let items: Vec<(&str, Kind, &str)> = generated
        .items()
        .iter()
        .map(|p| (p.tl_name.as_str(), p.kind, p.struct_path.as_str()))
        .collect();
    assert_eq!(
        items,
        [
            ("pong", Kind::Constructor, "types::Pong"),
            ("ping", Kind::Function, "functions::Ping"),
        ]
    );
    assert_eq!(generated.schema().constructors.len(), 1);
    assert_eq!(generated.schema().functions.len(), 1);
    assert!(generated.warnings().diagnostics.is_empty());
}

#[test]
fn write_creates_the_directory_and_rewrites_only_changes() {
    let dir = scratch("builder_write");
    let schema = dir.join("a.tl");
    write(&schema, "a#1 x:int = A;\n");
    let generated = Builder::new()
        .schema(&schema)
        .cargo_directives(false)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let out = dir.join("nested/dir/a.rs");
    assert!(matches!(
        generated.check(&out),
        Err(BuildError::OutOfDate { path }) if path == out
    ));
    assert_eq!(generated.write(&out).ok(), Some(Written::Wrote));
    assert_eq!(
        std::fs::read_to_string(&out).ok().as_deref(),
        Some(generated.code())
    );
    assert_eq!(generated.write(&out).ok(), Some(Written::Unchanged));
    assert!(generated.check(&out).is_ok());
    write(&out, "// edited\n");
    let error = generated.check(&out).err();
    assert_eq!(
        error.map(|e| e.to_string()),
        Some(format!(
            "tl-codegen: {} is not up to date with the schema; regenerate it",
            out.display()
        ))
    );
    assert_eq!(generated.write(&out).ok(), Some(Written::Wrote));
    assert!(generated.check(&out).is_ok());
}

#[test]
fn write_to_out_dir_needs_a_build_script() {
    // Integration tests of a package without a build script have no OUT_DIR.
    if std::env::var_os("OUT_DIR").is_some() {
        return;
    }
    let generated = Builder::new()
        .schema_text("api.tl", "a#1 = A;\n")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        generated.write_to_out_dir(),
        Err(BuildError::NoOutDir)
    ));
}

#[test]
fn warnings_come_with_the_code() {
    // CRC32("a = A") is 0x7aae25b9, so #12345678 draws a warning.
    let generated = Builder::new()
        .schema_text("w.tl", "a#12345678 = A;\n")
        .cargo_directives(false)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let warnings = generated.warnings();
    assert_eq!(warnings.diagnostics.len(), 1);
    assert_eq!(warnings.error_count(), 0);
    assert!(
        warnings
            .rendered
            .starts_with("w.tl:1:3: warning[W0301]: written id #12345678 of `a` differs"),
        "{}",
        warnings.rendered
    );
}

#[test]
fn schema_errors_render_every_diagnostic_with_its_line() {
    let dir = scratch("builder_errors");
    let schema = dir.join("bad.tl");
    write(&schema, "a#1 x:Nope = A;\nb#2 y:Missing = B;\n");
    let error = Builder::new()
        .schema(&schema)
        .cargo_directives(false)
        .generate()
        .err();
    let Some(BuildError::Schema(report)) = &error else {
        panic!("expected a schema error, got {error:?}");
    };
    // The two errors, and no warning that the made-up ids differ from the
    // CRC32: on a definition with an error that would only repeat it.
    assert_eq!(report.error_count(), 2);
    assert_eq!(report.diagnostics.len(), 2);
    assert_eq!(report.sources.iter().count(), 1);
    let text = error.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        text.starts_with("tl-codegen: the schema has 2 error(s):"),
        "{text}"
    );
    assert!(text.contains("bad.tl:1:7: error[E0201]"), "{text}");
    assert!(text.contains("  | a#1 x:Nope = A;"), "{text}");
    assert!(text.contains("bad.tl:2:7: error[E0201]"), "{text}");
}

#[test]
fn codegen_errors_are_rendered_too() {
    let dir = scratch("builder_codegen");
    let schema = dir.join("clash.tl");
    write(&schema, "fooBar#1 = T;\nfoo_bar#2 = U;\n");
    let error = Builder::new()
        .schema(&schema)
        .cargo_directives(false)
        .generate()
        .err();
    assert!(matches!(error, Some(BuildError::Codegen(_))), "{error:?}");
    let text = error.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        text.starts_with("tl-codegen: the schema cannot be turned into Rust, 1 error(s):"),
        "{text}"
    );
    assert!(text.contains("clash.tl:2:1: error[E0401]"), "{text}");
    assert!(text.contains("clash.tl:1:1: "), "{text}");
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
}

#[test]
fn invalid_options_name_the_option_before_any_schema_is_read() {
    let error = Builder::new()
        .schema("/nonexistent/x.tl")
        .derive("1bad")
        .generate()
        .err();
    let Some(BuildError::InvalidOption(option)) = &error else {
        panic!("expected an invalid option, got {error:?}");
    };
    assert_eq!(option.option, "derive");
    assert_eq!(
        error.map(|e| e.to_string()),
        Some(
            "tl-codegen: invalid option `derive`: `1bad` is not a Rust path: `1bad` is not an \
             identifier"
                .to_owned()
        )
    );
    let error = Builder::new()
        .schema_text("t.tl", "a#1 = A;\n")
        .runtime_path("not a path")
        .generate()
        .err();
    assert_eq!(
        error.map(|e| e.to_string()),
        Some(
            "tl-codegen: invalid option `runtime_path`: `not a path` is not a Rust path: `not a \
             path` is not an identifier"
                .to_owned()
        )
    );
}

/// Paths generated code could not use: keywords, paths relative to where they
/// are written, `crate` as a derive. Each used to give an internal error or code
/// that does not compile; now the option is refused before any schema is read.
#[test]
fn options_that_would_not_compile_are_refused() {
    let keyword = |value: &str, keyword: &str| {
        format!(
            "`{value}` is not a Rust path: `{keyword}` is a keyword (write `r#{keyword}` for an \
             identifier of that name)"
        )
    };
    let relative = |value: &str, keyword: &str| {
        format!(
            "`{value}` is relative to where it is written (`{keyword}`), and generated code \
             writes it in modules at several depths: give a path from the crate root \
             (`crate::...`) or from a crate (`name::...`, `::name::...`)"
        )
    };
    let cases = [
        (
            "runtime_path",
            "crate::type",
            keyword("crate::type", "type"),
        ),
        ("runtime_path", "dyn", keyword("dyn", "dyn")),
        (
            "runtime_path",
            "::rt::yield",
            keyword("::rt::yield", "yield"),
        ),
        ("runtime_path", "self", relative("self", "self")),
        ("runtime_path", "self::rt", relative("self::rt", "self")),
        ("runtime_path", "Self", relative("Self", "Self")),
        ("runtime_path", "super", relative("super", "super")),
        (
            "runtime_path",
            "rt::crate",
            "`rt::crate` is not a Rust path: `crate` can only begin a path, with no `::` before it"
                .to_owned(),
        ),
        (
            "runtime_path",
            "crate::r#crate",
            "`crate::r#crate` is not a Rust path: `crate` cannot be a raw identifier".to_owned(),
        ),
        ("derive", "type", keyword("type", "type")),
        ("derive", "async", keyword("async", "async")),
        ("derive", "self", relative("self", "self")),
        (
            "derive",
            "crate",
            "`crate` is the crate itself, not a derive macro: name the derive (`crate::Name`)"
                .to_owned(),
        ),
    ];
    for (option, value, message) in cases {
        let builder = Builder::new().schema("/nonexistent/x.tl");
        let builder = match option {
            "runtime_path" => builder.runtime_path(value),
            _ => builder.derive(value),
        };
        let error = builder.generate().err();
        let Some(BuildError::InvalidOption(invalid)) = &error else {
            panic!("{option} {value}: expected an invalid option, got {error:?}");
        };
        assert_eq!(
            (invalid.option, invalid.message.as_str()),
            (option, message.as_str()),
            "{option} {value}"
        );
    }
}

/// Options generated code can use reach it as given (and with the `format`
/// feature, formatting parses the code, so it is Rust); built-in derives and
/// repeats are dropped.
#[test]
fn valid_paths_reach_the_code_and_built_in_derives_are_dropped() {
    let generated = Builder::new()
        .schema_text("t.tl", "a#1 x:int = A;\n")
        .runtime_path("crate::r#async::rt")
        .derive("Debug")
        .derive("::core::clone::Clone")
        .derive("std::cmp::PartialEq")
        .derive("serde::Serialize")
        .derive("::serde::Serialize")
        .derive("r#Foo")
        .format(cfg!(feature = "format"))
        .cargo_directives(false)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let code = generated.code();
    assert!(
        holds(
            code,
            "#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, r#Foo)] pub struct A {"
        ),
        "{code}"
    );
    assert!(
        holds(code, "impl crate::r#async::rt::Identifiable for A {"),
        "{code}"
    );
}

/// Without the `format` feature, asking for formatting is an invalid option.
#[cfg(not(feature = "format"))]
#[test]
fn formatting_needs_the_feature() {
    assert!(!tl_codegen::Options::default().format);
    let error = Builder::new()
        .schema_text("t.tl", "a#1 = A;\n")
        .format(true)
        .generate()
        .err();
    let Some(BuildError::InvalidOption(option)) = &error else {
        panic!("expected an invalid option, got {error:?}");
    };
    assert_eq!(option.option, "format");
}

/// With the `format` feature, formatting is the default and can be turned off.
#[cfg(feature = "format")]
#[test]
fn formatting_is_the_default_with_the_feature() {
    assert!(tl_codegen::Options::default().format);
    let generate = |format: bool| {
        Builder::new()
            .schema_text("t.tl", "a#1 x:int y:string = A;\n")
            .format(format)
            .cargo_directives(false)
            .generate()
            .unwrap_or_else(|e| panic!("{e}"))
            .into_code()
    };
    let (formatted, plain) = (generate(true), generate(false));
    assert_ne!(formatted, plain);
    assert!(formatted.contains("pub struct A {\n"), "{formatted}");
    assert!(holds(&plain, "pub struct A {"), "{plain}");
}

#[test]
fn a_class_comment_documents_the_enum_and_the_id_rule_can_be_forced() {
    let text = "int32 = Int32;\n//@class Shape @description A shape to draw\n\n\
                circle radius:int32 = Shape;\nsquare side:int32 = Shape;\n\
                blob data:bytes = Blob;\n";
    let generated = Builder::new()
        .schema_text("shapes.tl", text)
        .cargo_directives(false)
        .format(false)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let code = generated.code();
    assert!(
        holds(
            code,
            r#"#[doc = " A shape to draw"] #[doc = ""] #[doc = " TL type `Shape`, with 2 constructors."]"#
        ),
        "{code}"
    );
    // TDLib's rule by default here (`int32` is declared): crc32("blob data:bytes = Blob").
    assert!(
        holds(code, "const CONSTRUCTOR_ID: u32 = 0xbb610091"),
        "{code}"
    );
    let telegram = Builder::new()
        .schema_text("shapes.tl", text)
        .cargo_directives(false)
        .id_rule(Some(tl_parser::IdRule::Telegram))
        .format(false)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    // crc32("blob data:string = Blob").
    assert!(holds(
        telegram.code(),
        "const CONSTRUCTOR_ID: u32 = 0x20dbc7fa"
    ));
}
