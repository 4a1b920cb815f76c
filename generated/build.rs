//! Generates `$OUT_DIR/seed.rs` from `../schema/seed.tl` with its documentation
//! `../schema/seed-docs.json` (made from the seed page by `tools/seed_docs.py`)
//! with tl-codegen's `Builder`, exactly as a downstream crate would; `$OUT_DIR/edge.rs`
//! from `schema/edge.tl`, the definitions that exercise tl-codegen's corner cases;
//! and `$OUT_DIR/dialects.rs` from `schema/dialects.tl`, TDLib's and TON's dialect.

fn main() -> Result<(), tl_codegen::BuildError> {
    tl_codegen::Builder::new()
        .schema("../schema/seed.tl")
        .docs("../schema/seed-docs.json")
        .generate()?
        .write_to_out_dir()?;
    for schema in ["schema/edge.tl", "schema/dialects.tl"] {
        tl_codegen::Builder::new()
            .schema(schema)
            .generate()?
            .write_to_out_dir()?;
    }
    Ok(())
}
