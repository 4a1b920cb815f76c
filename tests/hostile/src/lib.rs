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

/// `schema/seed.tl` documented by `docs/hostile-docs.json`: every description,
/// parameter and error of it is Markdown, code or text a doc comment cannot hold
/// (line breaks, bare carriage returns, bidirectional overrides). That this
/// crate compiles, that `cargo test` finds no doctest in it, and that `cargo
/// doc` (with warnings denied under CI) accepts it are the tests.
pub mod hostile_docs {
    include!(concat!(env!("OUT_DIR"), "/hostile_docs.rs"));
}

/// `docs/comments.tl`: schema comments of the same kind as `hostile_docs`'
/// documentation.
pub mod hostile_comments {
    include!(concat!(env!("OUT_DIR"), "/hostile_comments.rs"));
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
