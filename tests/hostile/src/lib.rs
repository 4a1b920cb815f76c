//! Hardening tests of tlgen's generated code, over the project's schemas
//! (`seed.tl`, `edge.tl`) and Telegram's (`api-layer230.tl`, `mtproto.tl`).
//!
//! `build.rs` generates each schema as a module with the `Builder`'s
//! `arbitrary(true)`, so every module has an `arbitrary` submodule: random values
//! of every generated type and a visitor over every constructor and function. The
//! tests:
//!
//! - `tests/property.rs`: for every constructor and function of the four schemas,
//!   many seeded random values: encode, decode, encode again; the decoded value
//!   equals the original, the bytes are identical, and `serialized_len()` is the
//!   encoded length;
//! - `tests/hostile.rs`: hostile inputs (huge counts and lengths, 100,000-deep
//!   nesting, random `Object`s, truncation at every offset, every flags word) with
//!   exact expected errors and the allocation of each decode measured by a counting
//!   global allocator.
#![deny(missing_docs)]

/// `schema/seed.tl` (layer 186: the seven `Updates` constructors,
/// `phone.joinGroupCall`, and every type they use).
pub mod seed {
    include!(concat!(env!("OUT_DIR"), "/seed.rs"));
}

/// `generated/schema/edge.tl`: tl-codegen's corner cases.
pub mod edge {
    include!(concat!(env!("OUT_DIR"), "/edge.rs"));
}

/// Telegram's API, layer 230 (empty when the shared schemas are missing).
pub mod api {
    include!(concat!(env!("OUT_DIR"), "/api.rs"));
}

/// The MTProto service schema (empty when the shared schemas are missing).
pub mod mtproto {
    include!(concat!(env!("OUT_DIR"), "/mtproto.rs"));
}

/// Whether the full schemas were missing when this crate was built: the calling
/// test is then skipped, saying so, except under CI, where that is a failure
/// ([`tlgen_test_support::built_with_schemas`]).
pub fn schemas_missing() -> bool {
    !tlgen_test_support::built_with_schemas(cfg!(tlgen_schemas_missing))
}
