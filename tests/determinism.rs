//! Generating the same schema twice gives byte-identical output.
//!
//! Checked for `schema/seed.tl`, and for `api-layer230.tl` and `mtproto.tl` (each as
//! its own module: the two clash on `message`) read from `$TL_SCHEMA_DIR`, or
//! `../shared/schema` next to the repository. Where those are missing the test says
//! so and passes, except under CI (`CI` set), where it fails.

use std::path::PathBuf;

/// Checks `path` and generates it twice; the two outputs must be identical.
fn generate_twice(path: &std::path::Path) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path.display().to_string();
    let (_, checked) = tl_parser::check_str(&name, &text);
    assert!(!checked.has_errors(), "{name}: {:?}", checked.diagnostics);
    let options = tl_codegen::Options::default();
    let first =
        tl_codegen::generate(&checked.schema, &options).unwrap_or_else(|d| panic!("{name}: {d:?}"));
    // Check again from the text, so that nothing computed by the first run is reused.
    let (_, checked) = tl_parser::check_str(&name, &text);
    let second =
        tl_codegen::generate(&checked.schema, &options).unwrap_or_else(|d| panic!("{name}: {d:?}"));
    assert!(first == second, "{name}: two generations differ");
    assert!(!first.is_empty());
}

#[test]
fn seed_generates_identically() {
    generate_twice(&PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schema/seed.tl"
    )));
}

/// The directory of the shared real-world schemas, if present.
fn shared_schema_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("TL_SCHEMA_DIR").map_or_else(
        || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/schema")),
        PathBuf::from,
    );
    if dir.join("api-layer230.tl").is_file() && dir.join("mtproto.tl").is_file() {
        return Some(dir);
    }
    let message = format!(
        "api-layer230.tl and mtproto.tl not found in {} (set TL_SCHEMA_DIR)",
        dir.display()
    );
    assert!(std::env::var_os("CI").is_none(), "{message}");
    eprintln!("skipped: {message}");
    None
}

#[test]
fn real_schemas_generate_identically() {
    let Some(dir) = shared_schema_dir() else {
        return;
    };
    generate_twice(&dir.join("mtproto.tl"));
    generate_twice(&dir.join("api-layer230.tl"));
}
