//! `Options::format = false` writes the same code as the formatted output, only
//! laid out differently: parsing the unformatted text and formatting it with
//! prettyplease must give the formatted output exactly. (This package depends on
//! tl-codegen with its `format` feature.)
//!
//! Checked for `schema/seed.tl`, `generated/schema/edge.tl` (every corner case the
//! generator handles), and `mtproto.tl` and `api-layer230.tl` from the
//! shared-schema directory (`$TL_SCHEMA_DIR` or `../shared/schema`; skipped with a
//! message when missing, except under CI, where missing schemas fail the test).

use std::path::Path;
use tl_codegen::{Generated, Schema};
use tlgen_test_support::{API, MTPROTO};

fn generate(schema: &Schema, format: bool) -> Generated {
    let mut options = tl_codegen::Options::default();
    options.format = format;
    options.arbitrary = true;
    tl_codegen::generate(schema, &options).unwrap_or_else(|e| panic!("{e}"))
}

/// The leading `//` comment lines (not doc comments) of `code`, and the rest.
fn split_header(code: &str) -> (&str, &str) {
    let mut at = 0;
    while code[at..].starts_with("//") && !code[at..].starts_with("///") {
        at += code[at..].find('\n').map_or(code.len() - at, |i| i + 1);
    }
    code.split_at(at)
}

/// Generates `path` both ways and compares.
fn same_code_both_ways(path: &Path) {
    let name = path.display().to_string();
    let formatted = tl_codegen::Builder::new()
        .schema(path)
        .arbitrary(true)
        .format(true)
        .cargo_directives(false)
        .generate()
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let schema = formatted.schema();
    let formatted = formatted.code();
    let plain = generate(schema, false).into_code();
    assert_ne!(
        plain, formatted,
        "{name}: the unformatted text is the formatted one"
    );
    // One item or statement per line: no line much longer than the longest
    // formatted one (a TL definition quoted in a doc comment).
    let longest = |text: &str| text.lines().map(str::len).max().unwrap_or(0);
    let (plain_longest, formatted_longest) = (longest(&plain), longest(formatted));
    assert!(
        plain_longest <= formatted_longest + 40,
        "{name}: an unformatted line has {plain_longest} characters, the longest formatted one {formatted_longest}"
    );
    let parsed = syn::parse_file(&plain)
        .unwrap_or_else(|e| panic!("{name}: unformatted output does not parse: {e}"));
    // Parsing drops the leading `// @generated` comment: compare it on its own.
    let (plain_header, _) = split_header(&plain);
    let (formatted_header, formatted_items) = split_header(formatted);
    assert_eq!(plain_header, formatted_header, "{name}");
    assert!(
        prettyplease::unparse(&parsed) == formatted_items,
        "{name}: the unformatted output formats to different code"
    );
    let again = generate(schema, false).into_code();
    assert!(again == plain, "{name}: two unformatted generations differ");
}

#[test]
fn seed_and_edge_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    same_code_both_ways(&root.join("schema/seed.tl"));
    same_code_both_ways(&root.join("generated/schema/edge.tl"));
}

#[test]
fn real_schemas() {
    let Some(dir) = tlgen_test_support::schemas(&[MTPROTO, API]) else {
        return;
    };
    for file in [MTPROTO, API] {
        same_code_both_ways(&dir.join(file));
    }
}
