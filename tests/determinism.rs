//! Generating the same schema twice gives byte-identical output.
//!
//! Checked for `schema/seed.tl`, and for `api-layer230.tl` and `mtproto.tl` (each as
//! its own module: the two clash on `message`) from the shared-schema directory
//! (`$TL_SCHEMA_DIR`, or `../shared/schema` next to the repository; see
//! `tlgen_test_support`). Where those are missing the test says so and passes,
//! except under CI (`CI` set), where it fails.

use std::path::{Path, PathBuf};
use tlgen_test_support::{API, MTPROTO};

/// Generates `path` twice, each time from the file; the two outputs must be
/// identical.
fn generate_twice(path: &Path) {
    let name = path.display().to_string();
    // Each run reads and checks the file again, so that nothing computed by the
    // first run is reused.
    let generate = || {
        tl_codegen::Builder::new()
            .schema(path)
            .cargo_directives(false)
            .generate()
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .into_code()
    };
    let first = generate();
    let second = generate();
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

#[test]
fn real_schemas_generate_identically() {
    let Some(dir) = tlgen_test_support::schemas(&[API, MTPROTO]) else {
        return;
    };
    generate_twice(&dir.join(MTPROTO));
    generate_twice(&dir.join(API));
}
