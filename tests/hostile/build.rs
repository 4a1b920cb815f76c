//! Generates four modules with tl-codegen's `Builder` and `.arbitrary(true)`, so
//! each carries its `arbitrary` module (random values of every type,
//! `visit_all`; it needs tl-runtime's `arbitrary` feature):
//!
//! - `seed.rs` from `schema/seed.tl` and `edge.rs` from `generated/schema/edge.tl`
//!   (the project's own schemas, always present);
//! - `api.rs` from `api-layer230.tl` and `mtproto.rs` from `mtproto.tl`, read from
//!   `$TL_SCHEMA_DIR`, else `../shared/schema` beside the repository
//!   (`tlgen_test_support`). When they are missing, empty modules are generated
//!   and the `tlgen_schemas_missing` cfg is set, so the tests that need them say
//!   they were skipped;
//! - `hostile_docs.rs` from `schema/seed.tl` with `docs/hostile-docs.json`, and
//!   `hostile_comments.rs` from `docs/comments.tl`: documentation and schema
//!   comments holding Markdown, code, line breaks and characters a doc comment
//!   cannot hold, which must neither break the build nor become doctests.

use std::path::{Path, PathBuf};
use tl_codegen::{BuildError, Builder};
use tlgen_test_support::{API, MTPROTO, build};

fn main() -> Result<(), BuildError> {
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or(BuildError::NoOutDir)?);
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let own = [
        ("seed", manifest.join("../../schema/seed.tl")),
        ("edge", manifest.join("../../generated/schema/edge.tl")),
    ];
    for (module, path) in own {
        // In a build script the Builder prints `cargo:rerun-if-changed` itself.
        generate(&path, true)?.write(out_dir.join(format!("{module}.rs")))?;
    }
    // Documentation and schema comments written to break out of doc comments
    // (lib.rs: `hostile_docs`, `hostile_comments`).
    let docs = manifest.join("docs/hostile-docs.json");
    println!("cargo:rerun-if-changed={}", docs.display());
    Builder::new()
        .schema(manifest.join("../../schema/seed.tl"))
        .docs(&docs)
        .cargo_directives(false)
        .generate()?
        .write(out_dir.join("hostile_docs.rs"))?;
    // Its bidirectional controls are warned about (W0305) on purpose: no
    // directives, so that the warnings are not repeated on every build.
    let comments = manifest.join("docs/comments.tl");
    println!("cargo:rerun-if-changed={}", comments.display());
    Builder::new()
        .schema(&comments)
        .cargo_directives(false)
        .generate()?
        .write(out_dir.join("hostile_comments.rs"))?;
    let shared = build::schemas(&[API, MTPROTO], "the full-schema tests");
    for (module, file) in [("api", API), ("mtproto", MTPROTO)] {
        let out = out_dir.join(format!("{module}.rs"));
        match &shared {
            // `build::schemas` printed the rerun lines; no directives, so that
            // mtproto.tl's three known id warnings are not repeated on every build.
            Some(dir) => generate(&dir.join(file), false)?.write(&out).map(drop)?,
            None => std::fs::write(&out, "").map_err(|source| BuildError::Io {
                path: out.clone(),
                source,
            })?,
        }
    }
    Ok(())
}

/// Generates `path` with the `arbitrary` module.
fn generate(path: &Path, cargo_directives: bool) -> Result<tl_codegen::Generated, BuildError> {
    Builder::new()
        .schema(path)
        .arbitrary(true)
        .cargo_directives(cargo_directives)
        .generate()
}
