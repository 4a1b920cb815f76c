//! Generates `$OUT_DIR/seed.rs` from `../schema/seed.tl` with its documentation
//! `../schema/seed-docs.json` (made from the seed page by `tools/seed_docs.py`)
//! with tl-codegen's `Builder`, exactly as a downstream crate would; `$OUT_DIR/edge.rs`
//! from `schema/edge.tl`, the definitions that exercise tl-codegen's corner cases;
//! `$OUT_DIR/dialects.rs` from `schema/dialects.tl`, TDLib's and TON's dialect;
//! and the lean mode of the seed and of `edge.tl` (`seed_lean.rs`, `edge_lean.rs`).

fn main() -> Result<(), tl_codegen::BuildError> {
    tl_codegen::Builder::new()
        .schema("../schema/seed.tl")
        .docs("../schema/seed-docs.json")
        .generate()?
        .write_to_out_dir()?;
    // The lean mode (every optional part of the API left out) of the seed with
    // its documentation (whose typed errors stay) and of the corner cases.
    let out_dir = std::path::PathBuf::from(
        std::env::var_os("OUT_DIR").ok_or(tl_codegen::BuildError::NoOutDir)?,
    );
    tl_codegen::Builder::new()
        .schema("../schema/seed.tl")
        .docs("../schema/seed-docs.json")
        .lean()
        .generate()?
        .write(out_dir.join("seed_lean.rs"))?;
    tl_codegen::Builder::new()
        .schema("schema/edge.tl")
        .lean()
        .generate()?
        .write(out_dir.join("edge_lean.rs"))?;
    for schema in ["schema/edge.tl", "schema/dialects.tl"] {
        tl_codegen::Builder::new()
            .schema(schema)
            .generate()?
            .write_to_out_dir()?;
    }
    Ok(())
}
