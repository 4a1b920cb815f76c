//! Schemas that check but cannot be generated give diagnostics naming every
//! definition involved, never a panic, an undocumented rename or uncompilable
//! code. (The two documented renames, variants qualified by namespace and a
//! group module beside a namespace, are tested here too.)

use tl_codegen::{GenerateError, Options, generate};
use tl_parser::Sources;

/// The rendered diagnostics of generating `text`, which must check without errors.
/// `tl_codegen::check` must find the same ones without generating.
fn errors(text: &str) -> Vec<String> {
    let (sources, checked): (Sources, _) = tl_parser::check_str("t.tl", text);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    let render = |diagnostics: &[tl_parser::Diagnostic]| -> Vec<String> {
        diagnostics
            .iter()
            .map(|d| d.render_plain(&sources))
            .collect()
    };
    let checked_only =
        tl_codegen::check(&checked.schema, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    let generated = match generate(&checked.schema, &Options::default()) {
        Ok(_) => Vec::new(),
        Err(GenerateError::Schema(diagnostics)) => render(&diagnostics),
        Err(e) => panic!("{e}"),
    };
    assert_eq!(
        render(&checked_only),
        generated,
        "check and generate differ"
    );
    generated
}

/// `text` without whitespace.
fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn two_names_for_one_rust_name_are_an_error_naming_both_lines() {
    let errors = errors("fooBar#1 = T;\nfoo_bar#2 = T;\n");
    assert_eq!(
        errors,
        [
            "t.tl:2:1: error[E0401]: constructor `foo_bar` and constructor `fooBar` both become \
             the Rust name `FooBar` in module `types`\n  | foo_bar#2 = T;\n  | ^^^^^^^ becomes \
             `FooBar`\n  = t.tl:1:1: constructor `fooBar` is here\n  = help: rename one of them \
             in the schema; tlgen never renames silently, so that names stay predictable\n",
            "t.tl:2:1: error[E0401]: constructor `foo_bar` and constructor `fooBar` both become \
             the Rust name `FooBar` in the variants of enum `T`\n  | foo_bar#2 = T;\n  | ^^^^^^^ \
             becomes `FooBar`\n  = t.tl:1:1: constructor `fooBar` is here\n  = help: rename one \
             of them in the schema; tlgen never renames silently, so that names stay predictable\n",
        ]
    );
}

#[test]
fn field_and_namespace_clashes_are_reported() {
    let fields = errors("a#1 srp_B:int srp_b:int = A;\n");
    assert_eq!(fields.len(), 1);
    assert!(
        fields[0].contains(
            "field `srp_b` and field `srp_B` both become the Rust name `srp_b` in the fields of `a`"
        ),
        "{}",
        fields[0]
    );
    let namespaces = errors("foo_bar.x#1 = foo_bar.X;\nfooBar.y#2 = foo_bar.X;\n");
    assert_eq!(namespaces.len(), 1, "{namespaces:?}");
    assert!(
        namespaces[0].contains(
            "namespace `fooBar` and namespace `foo_bar` both become the Rust name `foo_bar` in \
             module `types`"
        ),
        "{}",
        namespaces[0]
    );
}

#[test]
fn a_group_module_named_like_a_namespace_takes_a_suffix_by_the_documented_rule() {
    let text = "updates#1 flags:# a:flags.0?int b:flags.0?int = Updates;\nupdates.state#2 = updates.State;\n";
    assert_eq!(errors(text), Vec::<String>::new());
    let (_, checked) = tl_parser::check_str("t.tl", text);
    let generated =
        generate(&checked.schema, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    let code = generated.code();
    // The namespace keeps `updates`; the shared-bit group of `updates` moves to
    // `updates_fields` (README, "Dialects").
    assert!(code.contains("pub mod updates_fields"), "{code}");
    assert!(code.contains("pub mod updates"), "{code}");
}

#[test]
fn unsupported_definitions_are_errors() {
    let unused = errors(
        "boolTrue#997275b5 = Bool;\nboolFalse#bc799737 = Bool;\n---functions---\nf {X:Type} a:int = Bool;\n",
    );
    assert!(
        unused
            .iter()
            .any(|e| e.contains("type parameter `X` of `f` is not used by any field")),
        "{unused:?}"
    );
    let bytes = errors("a#1 = A;\n---functions---\ng#2 = bytes;\n");
    assert!(
        bytes
            .iter()
            .any(|e| e.contains("the result `bytes` of function `g` cannot be decoded")),
        "{bytes:?}"
    );
}

#[test]
fn invalid_options_are_an_option_error_naming_the_option() {
    let (_, checked) = tl_parser::check_str("t.tl", "a#1 = A;\n");
    let mut options = Options::default();
    options.extra_derives = vec!["not a path".to_owned()];
    let error = generate(&checked.schema, &options).err();
    let Some(GenerateError::InvalidOption(option)) = &error else {
        panic!("expected an invalid option, got {error:?}");
    };
    assert_eq!(option.option, "derive");
    assert_eq!(
        option.to_string(),
        "invalid option `derive`: `not a path` is not a Rust path: `not a path` is not an \
         identifier"
    );
    assert_eq!(
        tl_codegen::check(&checked.schema, &options).err().as_ref(),
        Some(option)
    );
    assert_eq!(options.validate().err().as_ref(), Some(option));
    assert!(Options::default().validate().is_ok());
}

#[test]
fn options_change_paths_and_derives() {
    let (_, checked) = tl_parser::check_str("t.tl", "a#1 x:int = A;\n");
    let mut options = Options::default();
    options.runtime_path = "crate::rt".to_owned();
    options.extra_derives = vec!["Eq".to_owned(), "::core::hash::Hash".to_owned()];
    let code = generate(&checked.schema, &options)
        .map(tl_codegen::Generated::into_code)
        .unwrap_or_default();
    let squashed = squash(&code);
    assert!(
        squashed.contains(&squash(
            "#[derive(Debug, Clone, PartialEq, Eq, ::core::hash::Hash)]"
        )),
        "{code}"
    );
    assert!(
        squashed.contains(&squash("impl crate::rt::Serialize for A")),
        "{code}"
    );
    assert!(!code.contains("tl_runtime"));
}
