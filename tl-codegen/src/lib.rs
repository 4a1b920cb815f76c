//! Rust code generation for TL (Type Language) schemas, the language Telegram's
//! MTProto API is described in.
//!
//! A checked [`Schema`] (from `tl-parser`) goes in; the source of one Rust module
//! comes out. Data flows one way, one area of this crate per step:
//!
//! - `model/`: the schema and the [`Options`] become one resolved description of
//!   the Rust output (every item's module, name, fields and their types, boxing,
//!   flag groups, derives, docs), decided once, with every reason it cannot be
//!   generated as a diagnostic;
//! - `emit/`: the model becomes tokens (quote), then text: formatted by
//!   prettyplease (the `format` feature) or printed one item, statement or field
//!   per line. The same input gives the same text, byte for byte;
//! - [`Builder`] and [`Generated`]: the one door, from schema files to written
//!   code, used by build scripts and the `tlgen` command line alike.
//!
//! From a build script:
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), tl_codegen::BuildError> {
//!     tl_codegen::Builder::new().schema("schema/api.tl").generate()?.write_to_out_dir()?;
//!     Ok(())
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! pub mod api {
//!     include!(concat!(env!("OUT_DIR"), "/api.rs"));
//! }
//! ```
//!
//! As a library:
//!
//! ```
//! let generated = tl_codegen::Builder::new()
//!     .schema_text("ping.tl", "
//!         pong#347773c5 msg_id:long ping_id:long = Pong;
//!         ---functions---
//!         ping#7abe77ec ping_id:long = Pong;
//!     ")
//!     .generate()?;
//! assert!(generated.code().contains("pub struct Ping {"));
//! assert!(generated.code().contains("type Return = super::enums::Pong;"));
//! assert_eq!(generated.items()[1].struct_path, "functions::Ping");
//! # Ok::<(), tl_codegen::BuildError>(())
//! ```
//!
//! # The generated module
//!
//! - `LAYER: i32`, the schema's layer;
//! - `name_for_id(u32) -> Option<&'static str>`, constructor and function ids to TL
//!   names;
//! - `types`: one struct per constructor, implementing the runtime's
//!   `Identifiable`, `SerializeBare` and `DeserializeBare` (and so, through the
//!   runtime's implementations over those, `Serialize` and `Deserialize`);
//! - `enums`: one enum per boxed type, one variant per constructor, holding its
//!   struct (in a `Box` when the struct is large); `constructor_id()` and
//!   `tl_name()` tell which;
//! - `functions`: one struct per function, also implementing `RemoteCall` with its
//!   `Return` type and its `Error` (the runtime's `RpcError` without documentation);
//! - TL namespaces as nested modules: `types::phone::GroupCall`,
//!   `functions::phone::JoinGroupCall`;
//! - with documentation ([`Options::docs`]): `KnownError`, every documented RPC
//!   error, and `errors`, one enum per function of the errors its page lists
//!   (`errors::phone::JoinGroupCall`, the function's `RemoteCall::Error`).
//!
//! The module holds items only (no inner attributes), so it can be `include!`d
//! anywhere, and every item is documented with the TL definition it came from, so
//! it compiles in a `#![deny(missing_docs)]` crate.
//!
//! [`Options::omit`] leaves parts of the API out for a cheaper build of the
//! generated code ([`Extra`]: `Debug`, builders, `From`, `TryFrom`, accessors,
//! doc comments); without doc comments, the module is included where
//! `missing_docs` is allowed.
//!
//! # Features
//!
//! None is on by default: a build script that generates code compiles only
//! the generator.
//!
//! - `format`: format the output with prettyplease ([`Options::format`]);
//! - `docs`: read documentation and RPC errors from JSON ([`Docs`]);
//! - `tools`: the schema tools of `tlgen diff`/`decode`/`encode`: `diff` (a
//!   layer change and its impact on the generated Rust API) and
//!   `json::Layouts` (every definition's JSON form as data);
//! - `dynamic` (with `tools`): `dynamic`, TL bytes to JSON and back with a
//!   schema read at run time.

mod builder;
#[cfg(feature = "tools")]
pub mod diff;
mod docs;
#[cfg(feature = "dynamic")]
pub mod dynamic;
mod emit;
pub mod json;
mod model;
mod options;

pub use builder::{BuildError, Builder, Generated, Report, Written};
pub use docs::{Counts, Coverage, Definition, Docs, DocsError, ErrorEntry, FieldDoc, Index};
pub use model::ItemPath;
pub use options::{Extra, JsonForm, OptionError, Options, VariantNames};
pub use tl_parser::{Diagnostic, Schema};

use model::Model;

/// Why [`generate`] failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum GenerateError {
    /// An option is invalid (also: a [`keep`](Options::keep) name the schema does
    /// not define).
    InvalidOption(OptionError),
    /// The schema is valid TL but cannot be turned into Rust: every reason, as
    /// diagnostics naming the definitions involved.
    Schema(Vec<Diagnostic>),
}

impl std::fmt::Display for GenerateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GenerateError::InvalidOption(error) => error.fmt(f),
            GenerateError::Schema(diagnostics) => {
                write!(f, "the schema cannot be turned into Rust:")?;
                for d in diagnostics {
                    write!(f, " [{}] {};", d.code.as_str(), d.message)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for GenerateError {}

/// Generates the Rust module for an already checked `schema`: the step under the
/// [`Builder`], for callers that hold a [`Schema`] (from `tl_parser::check`).
///
/// The code holds items only (after an `@generated` comment line), formatted by
/// prettyplease when [`Options::format`] is set; include it with `include!` or
/// as a module file. The same schema and options always give the same text.
///
/// # Errors
/// An invalid option, or every reason the schema cannot be generated, as
/// diagnostics naming the definitions involved: two TL names that map to one
/// Rust name in the same scope (never silently renamed), generic constructors,
/// function results that cannot be decoded.
pub fn generate(schema: &Schema, options: &Options) -> Result<Generated, GenerateError> {
    let (code, items) = generate_code(schema, options)?;
    Ok(Generated::new(code, items, schema.clone()))
}

/// The problems [`generate`] would report for `schema` with `options`, without
/// emitting anything: what `tlgen check` adds to the schema check. Both build
/// the same model, so they cannot disagree.
///
/// # Errors
/// An invalid option.
pub fn check(schema: &Schema, options: &Options) -> Result<Vec<Diagnostic>, OptionError> {
    let parsed = options.parse()?;
    Model::build(schema, options, parsed).map(|(_, diagnostics)| diagnostics)
}

/// The code and the item paths for `schema`.
pub(crate) fn generate_code(
    schema: &Schema,
    options: &Options,
) -> Result<(String, Vec<ItemPath>), GenerateError> {
    let parsed = options.parse().map_err(GenerateError::InvalidOption)?;
    let (model, diagnostics) =
        Model::build(schema, options, parsed).map_err(GenerateError::InvalidOption)?;
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(GenerateError::Schema(diagnostics));
    }
    let code = emit::file(&model, options.format).map_err(|e| {
        GenerateError::Schema(vec![Diagnostic::error(
            tl_parser::Code::NotRepresentable,
            tl_parser::Location {
                file: tl_parser::FileId(0),
                span: tl_parser::Span::new(0, 0),
            },
            format!("internal error: tl-codegen produced invalid Rust ({e}); please report it"),
        )])
    })?;
    Ok((code, model.item_paths()))
}
