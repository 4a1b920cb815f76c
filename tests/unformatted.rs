//! `Options::format = false` writes the same code as the formatted default, only
//! laid out differently: parsing the unformatted text and formatting it with
//! prettyplease must give the formatted output exactly.
//!
//! Checked for `schema/seed.tl`, `generated/schema/edge.tl` (every corner case the
//! generator handles), and `mtproto.tl` and `api-layer230.tl` from
//! `$TL_SCHEMA_DIR` or `../shared/schema` (skipped with a message when missing,
//! except under CI, where missing schemas fail the test).

use std::path::{Path, PathBuf};

fn options(format: bool) -> tl_codegen::Options {
    let mut options = tl_codegen::Options::default();
    options.format = format;
    options.arbitrary = true;
    options
}

/// Generates `path` both ways and compares.
fn same_code_both_ways(path: &Path) {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
    let (_, checked) = tl_parser::check_str(&name, &text);
    assert!(!checked.has_errors(), "{name}: {:?}", checked.diagnostics);
    let formatted = tl_codegen::generate(&checked.schema, &options(true))
        .unwrap_or_else(|d| panic!("{name}: {d:?}"));
    let plain = tl_codegen::generate(&checked.schema, &options(false))
        .unwrap_or_else(|d| panic!("{name}: {d:?}"));
    assert_ne!(
        plain, formatted,
        "{name}: the unformatted text is the formatted one"
    );
    // One item or statement per line: no line much longer than the longest
    // formatted one (a TL definition quoted in a doc comment).
    let longest = |text: &str| text.lines().map(str::len).max().unwrap_or(0);
    let (plain_longest, formatted_longest) = (longest(&plain), longest(&formatted));
    assert!(
        plain_longest <= formatted_longest + 40,
        "{name}: an unformatted line has {plain_longest} characters, the longest formatted one {formatted_longest}"
    );
    let parsed = syn::parse_file(&plain)
        .unwrap_or_else(|e| panic!("{name}: unformatted output does not parse: {e}"));
    assert!(
        prettyplease::unparse(&parsed) == formatted,
        "{name}: the unformatted output formats to different code"
    );
    let again = tl_codegen::generate(&checked.schema, &options(false))
        .unwrap_or_else(|d| panic!("{name}: {d:?}"));
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
    let dir = std::env::var_os("TL_SCHEMA_DIR").map_or_else(
        || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/schema")),
        PathBuf::from,
    );
    let files = ["mtproto.tl", "api-layer230.tl"];
    if !files.iter().all(|f| dir.join(f).is_file()) {
        let message = format!(
            "{files:?} not found in {} (set TL_SCHEMA_DIR)",
            dir.display()
        );
        assert!(std::env::var_os("CI").is_none(), "{message}");
        eprintln!("skipped: {message}");
        return;
    }
    for file in files {
        same_code_both_ways(&dir.join(file));
    }
}
