//! Rust types generated from `schema/seed.tl` by tlgen, at build time.
//!
//! `build.rs` runs [`tl_codegen::Builder`] on `../schema/seed.tl`, which writes
//! `$OUT_DIR/seed.rs`; the [`seed`] module includes it, and its items are re-exported
//! here. The [`edge`] module is generated the same way from `schema/edge.tl`. This crate is tlgen's proof that the `build.rs` route works end to end, and
//! the home of the round-trip tests against bytes produced by Telethon (see
//! `tests/telethon.rs`).
//!
//! ```
//! use generated::{enums, types};
//! use tl_runtime::{Deserialize, Serialize};
//!
//! let update = enums::Updates::from(types::UpdatesTooLong);
//! assert_eq!(update.to_bytes(), [0x7e, 0xaf, 0x17, 0xe3]);
//! assert_eq!(enums::Updates::from_bytes(&[0x7e, 0xaf, 0x17, 0xe3]), Ok(update));
//! assert_eq!(generated::name_for_id(0xe317af7e), Some("updatesTooLong"));
//! ```
//!
//! [`tl_codegen::Builder`]: https://docs.rs/tl-codegen
#![deny(missing_docs)]

/// The code generated from `schema/seed.tl` (layer 186: the seven `Updates`
/// constructors, `phone.joinGroupCall`, and every type they use), documented by
/// `schema/seed-docs.json` (the seed page's description, parameters and errors).
pub mod seed {
    include!(concat!(env!("OUT_DIR"), "/seed.rs"));
}

pub use seed::{KnownError, LAYER, enums, errors, functions, name_for_id, types};

/// The code generated from `generated/schema/edge.tl`: schema names that are Rust
/// keywords or prelude items, namespaces named like primitive types, every builtin,
/// shared flag bits, recursive types, `Object` and the transport `message`, and
/// generic functions. `tests/edge.rs` round-trips it.
pub mod edge {
    include!(concat!(env!("OUT_DIR"), "/edge.rs"));
}

/// The code generated from `generated/schema/dialects.tl`: TDLib's and TON's
/// built-in declarations and ids, class docs and namespaced names that share
/// their last part. `tests/dialects.rs` checks it.
pub mod dialects {
    include!(concat!(env!("OUT_DIR"), "/dialects.rs"));
}

/// The seed generated in the lean mode (`Builder::lean`): the same types and
/// wire code without `Debug`, `new`/`with_*`, `From`, `TryFrom`, accessors or doc
/// comments (so the module allows `missing_docs`, as the option's docs say a
/// user does). `tests/lean.rs` checks it against Telethon's bytes.
#[allow(missing_docs)]
pub mod seed_lean {
    include!(concat!(env!("OUT_DIR"), "/seed_lean.rs"));
}

/// `generated/schema/edge.tl` in the lean mode: that every corner case compiles
/// without the optional parts of the API.
#[allow(missing_docs)]
pub mod edge_lean {
    include!(concat!(env!("OUT_DIR"), "/edge_lean.rs"));
}
