//! Inputs shared by the benchmarks that compare tlgen with the grammers crates.
//!
//! Each payload is built once as a `grammers_tl_types` value; the tlgen value is
//! decoded from grammers' bytes, and [`payloads::Payload::new`] asserts that both sides
//! encode to the identical bytes and that both decode them back to equal
//! values. That check runs outside timing and is what makes the encode and
//! decode comparisons fair: the two libraries handle the same message.
//!
//! Both crates bundle Telegram's API layer 230 (grammers-tl-types 0.11.0's
//! `tl/api.tl` has the same definitions as `api-layer230.tl`), so the
//! constructor ids are the same on both sides.

#[cfg(not(tlgen_schemas_missing))]
pub mod corpus;
pub mod generation;
#[cfg(not(tlgen_schemas_missing))]
pub mod payloads;

/// Whether the shared schemas were found when this crate was built; when they
/// were not, the tlgen API types are empty and every benchmark is skipped.
pub const SCHEMAS_PRESENT: bool = !cfg!(tlgen_schemas_missing);

/// The directory holding `api-layer230.tl` and `mtproto.tl`: `$TL_SCHEMA_DIR`
/// when set at run time, else `../shared/schema` beside the repository.
pub use tlgen_test_support::schema_dir;

/// The text of `api-layer230.tl`.
///
/// # Panics
/// If the file cannot be read (benchmarks only run when it exists).
pub fn api_schema_text() -> String {
    let path = schema_dir().join(tlgen_test_support::API);
    match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => panic!("cannot read {}: {e}", path.display()),
    }
}
