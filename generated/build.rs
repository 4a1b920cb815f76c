//! Generates `$OUT_DIR/seed.rs` from `../schema/seed.tl` with tl-codegen's `Builder`,
//! exactly as a downstream crate would, and `$OUT_DIR/edge.rs` from
//! `schema/edge.tl`, the definitions that exercise tl-codegen's corner cases.

fn main() -> Result<(), tl_codegen::BuildError> {
    for schema in ["../schema/seed.tl", "schema/edge.tl"] {
        tl_codegen::Builder::new()
            .schema(schema)
            .generate()?
            .write_to_out_dir()?;
    }
    Ok(())
}
