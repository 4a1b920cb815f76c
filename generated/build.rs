//! Generates `$OUT_DIR/seed.rs` from `../schema/seed.tl` with tl-codegen's `Builder`,
//! exactly as a downstream crate would, and `$OUT_DIR/edge.rs` from
//! `schema/edge.tl`, the definitions that exercise tl-codegen's corner cases, and
//! `$OUT_DIR/dialects.rs` from `schema/dialects.tl`, TDLib's and TON's dialect.

fn main() -> Result<(), tl_codegen::BuildError> {
    for schema in ["../schema/seed.tl", "schema/edge.tl", "schema/dialects.tl"] {
        tl_codegen::Builder::new()
            .schema(schema)
            .generate()?
            .write_to_out_dir()?;
    }
    Ok(())
}
