//! Generates Rust from the schema into `$OUT_DIR`, in a file named after it
//! (`api.tl` gives `api.rs`). The Builder also tells Cargo to run this again
//! when the schema changes, and only then.

fn main() -> Result<(), tl_codegen::BuildError> {
    tl_codegen::Builder::new()
        .schema("../../../schema/seed.tl")
        .generate()?
        .write_to_out_dir()?;
    Ok(())
}
