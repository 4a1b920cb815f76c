//! Generates Telegram's API (`api-layer230.tl`) pruned to what the tests use,
//! the way the README's build.rs does: `Builder::new().schema(..).keep([..])`,
//! then `generate()?.write_to_out_dir()?`, which writes
//! `$OUT_DIR/api-layer230.rs` (named after the schema file).
//!
//! The schema is read from `$TL_SCHEMA_DIR`, else `../shared/schema` beside the
//! repository (`tlgen_test_support`). When it is missing, an empty
//! `api-layer230.rs` is written and the `tlgen_schemas_missing` cfg is set, so
//! the crate still builds and its tests say they were skipped.

use std::path::PathBuf;
use tl_codegen::{BuildError, Builder};
use tlgen_test_support::{API, build};

/// What the module is pruned to: the three requests the tests build and the
/// `Updates` type they decode (with everything these need, `Message` included).
const KEEP: [&str; 4] = [
    "phone.joinGroupCall",
    "messages.sendMessage",
    "auth.sendCode",
    "Updates",
];

fn main() -> Result<(), BuildError> {
    let Some(dir) = build::schemas(&[API], "the user-API tests") else {
        let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or(BuildError::NoOutDir)?);
        let path = out_dir.join("api-layer230.rs");
        return std::fs::write(&path, "").map_err(|source| BuildError::Io { path, source });
    };
    Builder::new()
        .schema(dir.join(API))
        .keep(KEEP)
        .generate()?
        .write_to_out_dir()?;
    Ok(())
}
