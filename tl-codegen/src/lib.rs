//! Rust code generation for TL (Type Language) schemas, the language Telegram's
//! MTProto API is described in.
//!
//! A checked [`Schema`] (from `tl-parser`) goes in; the formatted source of one Rust
//! module comes out. The pipeline is `Schema -> proc_macro2 tokens (quote) ->
//! syn::File -> prettyplease text`, so the output is always syntactically valid,
//! formatted, and the same for the same input, byte for byte.
//!
//! From a build script, use the [`Builder`]:
//!
//! ```no_run
//! // In build.rs's `fn main`:
//! if let Err(error) = tl_codegen::Builder::new().schema("schema/api.tl").generate() {
//!     eprintln!("{error}");
//!     std::process::exit(1);
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
//! As a library, call [`generate`]:
//!
//! ```
//! let (_, checked) = tl_parser::check_str("ping.tl", "
//!     pong#347773c5 msg_id:long ping_id:long = Pong;
//!     ---functions---
//!     ping#7abe77ec ping_id:long = Pong;
//! ");
//! let code = tl_codegen::generate(&checked.schema, &tl_codegen::Options::default())
//!     .map_err(|d| format!("{d:?}"))?;
//! assert!(code.contains("pub struct Ping {"));
//! assert!(code.contains("type Return = super::enums::Pong;"));
//! # Ok::<(), String>(())
//! ```
//!
//! # The generated module
//!
//! - `LAYER: i32`, the schema's layer;
//! - `name_for_id(u32) -> Option<&'static str>`, constructor and function ids to TL
//!   names;
//! - `types`: one struct per constructor, implementing the runtime's `Serialize`,
//!   `SerializeBare`, `Deserialize`, `DeserializeBare` and `Identifiable`;
//! - `enums`: one enum per boxed type, one variant per constructor, holding its
//!   struct; `constructor_id()` and `tl_name()` tell which;
//! - `functions`: one struct per function, also implementing `RemoteCall` with its
//!   `Return` type;
//! - TL namespaces as nested modules: `types::phone::GroupCall`,
//!   `functions::phone::JoinGroupCall`.
//!
//! The module holds items only (no inner attributes), so it can be `include!`d
//! anywhere, and every item is documented with the TL definition it came from, so
//! it compiles in a `#![deny(missing_docs)]` crate. Generated code refers to the
//! standard library by absolute paths (`::std::option::Option`) and to its own
//! items by relative paths (`super::enums::Peer`), so schema names such as
//! `Option`, `Result` or `String` never shadow anything it uses. The mapping of TL
//! to Rust is documented in the generated `types` module.

#![deny(missing_docs)]

mod arbitrary;
mod builder;
mod codec;
mod collisions;
mod context;
mod deserialize;
mod docs;
mod enums;
mod generics;
mod layout;
mod lookup;
mod member_docs;
mod modules;
mod naming;
mod options;
mod paths;
mod plain_text;
mod recursion;
mod serialize;
mod structs;
mod validate;
mod variant_boxing;

pub use builder::{BuildError, Builder, Generated, Report, Written};
pub use options::{OptionError, Options};
pub use paths::ItemPath;
pub use tl_parser::{Diagnostic, Schema};

use context::{Context, Section};
use modules::ModuleTree;
use proc_macro2::TokenStream;
use quote::quote;
use structs::StructGen;
#[cfg(feature = "format")]
use tl_parser::{Code, FileId, Location, Span};

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
/// The code holds items only, formatted by prettyplease when [`Options::format`]
/// is set; include it with `include!` or as a module file. The same schema and
/// options always give the same text.
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
/// generating anything: what `tlgen check` adds to the schema check.
///
/// # Errors
/// An invalid option.
pub fn check(schema: &Schema, options: &Options) -> Result<Vec<Diagnostic>, OptionError> {
    let parsed = options.parse()?;
    let derives = parsed.derives.into_iter().map(|(d, _)| d).collect();
    let mut ctx = Context::new(schema, parsed.runtime, derives);
    ctx.boxed = recursion::boxed_fields(&ctx);
    let mut diagnostics = validate::check(&ctx);
    diagnostics.extend(collisions::check(&ctx));
    Ok(diagnostics)
}

/// The code and item paths for `schema`.
pub(crate) fn generate_code(
    schema: &Schema,
    options: &Options,
) -> Result<(String, Vec<ItemPath>), GenerateError> {
    let diagnostics = check(schema, options).map_err(GenerateError::InvalidOption)?;
    if !diagnostics.is_empty() {
        return Err(GenerateError::Schema(diagnostics));
    }
    let parsed = options.parse().map_err(GenerateError::InvalidOption)?;
    let derives = parsed.derives.into_iter().map(|(d, _)| d).collect();
    let mut ctx = Context::new(schema, parsed.runtime, derives);
    ctx.boxed = recursion::boxed_fields(&ctx);
    let mut tokens = root(&ctx);
    if options.arbitrary {
        tokens.extend(arbitrary::module(&ctx).map_err(GenerateError::Schema)?);
    }
    let items = paths::item_paths(schema);
    Ok((print(tokens, options.format)?, items))
}

/// The text of `tokens`: formatted by prettyplease, or one item, statement,
/// field or match arm per line.
fn print(tokens: TokenStream, format: bool) -> Result<String, GenerateError> {
    #[cfg(feature = "format")]
    if format {
        let file = syn::parse2::<syn::File>(tokens).map_err(|e| {
            GenerateError::Schema(vec![Diagnostic::error(
                Code::NotRepresentable,
                Location {
                    file: FileId(0),
                    span: Span::new(0, 0),
                },
                format!("internal error: tl-codegen produced invalid Rust ({e}); please report it"),
            )])
        })?;
        return Ok(prettyplease::unparse(&file));
    }
    // `Options::parse` rejected `format` without the feature.
    let _ = format;
    Ok(plain_text::print(tokens))
}

/// The whole module.
fn root(ctx: &Context<'_>) -> TokenStream {
    let mut types = ModuleTree::default();
    for (index, c) in ctx.schema.constructors.iter().enumerate() {
        if ctx.is_bool_constructor(index) {
            continue;
        }
        if let Some(generator) = StructGen::constructor(ctx, index) {
            types.add(
                &generator.scope.namespace,
                &c.name.namespace,
                generator.items(),
            );
        }
    }
    let mut enums = ModuleTree::default();
    for (index, t) in ctx.schema.types.iter().enumerate() {
        if ctx.is_bool_type(index) {
            continue;
        }
        let (scope, _) = Context::enum_item(t);
        enums.add(
            &scope.namespace,
            &t.name.namespace,
            enums::items(ctx, index),
        );
    }
    let mut functions = ModuleTree::default();
    for (index, f) in ctx.schema.functions.iter().enumerate() {
        if let Some(generator) = StructGen::function(ctx, index) {
            functions.add(
                &generator.scope.namespace,
                &f.name.namespace,
                generator.items(),
            );
        }
    }
    let describe = |section: Section| {
        move |namespace: &str| match section {
            Section::Types => format!("Constructors of the TL namespace `{namespace}`."),
            Section::Enums => format!("Types of the TL namespace `{namespace}`."),
            Section::Functions => format!("Functions of the TL namespace `{namespace}`."),
        }
    };
    let types = types.render(&describe(Section::Types), "", "types");
    let enums = enums.render(&describe(Section::Enums), "", "enums");
    let functions = functions.render(&describe(Section::Functions), "", "functions");
    let layer = lookup::layer(ctx.schema);
    let name_for_id = lookup::name_for_id(ctx.schema);
    let types_doc = docs::attrs(TYPES_DOC);
    let enums_doc = docs::attrs(ENUMS_DOC);
    let functions_doc = docs::attrs(FUNCTIONS_DOC);
    quote! {
        #layer
        #name_for_id
        #types_doc
        pub mod types {
            #types
        }
        #enums_doc
        #[allow(clippy::large_enum_variant)]
        pub mod enums {
            #enums
        }
        #functions_doc
        pub mod functions {
            #functions
        }
    }
}

/// Documentation of the generated `types` module: how TL maps to Rust.
const TYPES_DOC: &[&str] = &[
    "One struct per TL constructor (schema namespaces are nested modules).",
    "",
    "Each struct writes itself with `Serialize` (constructor id, then fields) or",
    "`SerializeBare` (fields only, TL's `%T`), reads itself back with `Deserialize` /",
    "`DeserializeBare`, and names its id with `Identifiable`. `serialized_len()` is",
    "exact; `to_bytes()` grows its vector as it writes. Decoding never panics: errors name the byte",
    "offset, unknown constructor ids name the expected type, and every constructor body",
    "counts one level against the reader's depth limit.",
    "",
    "# How TL types are represented",
    "",
    "| TL | Rust |",
    "|---|---|",
    "| `int`, `long`, `double` | `i32`, `i64`, `f64` |",
    "| `int128`, `int256` | `[u8; 16]`, `[u8; 32]` (wire order) |",
    "| `string` | `String` (invalid UTF-8 is a decoding error) |",
    "| `bytes` | `Vec<u8>` |",
    "| `Bool` | `bool` |",
    "| `Vector<T>`, `vector<T>` | `Vec<T>` (boxed and bare on the wire) |",
    "| a boxed type `T` | `enums::T` |",
    "| `%T` or a lowercase constructor name | that constructor's struct, written bare |",
    "| `flags.K?true` | `bool`: the bit itself, nothing else on the wire |",
    "| `flags.K?T` | `Option<T>` |",
    "| fields sharing one bit | one `Option` of a small struct holding them all |",
    "| `#` used by conditional fields | not stored: computed when writing |",
    "| `Object` | the runtime's `RawObject` |",
    "",
    "Flags words are computed when writing: exactly the bits of the fields that are set.",
    "When reading, bits that no field uses are ignored (so such input re-encodes without",
    "them), rather than failing a whole message over a bit a newer layer defines.",
    "",
    "Fields that share a flag bit (`public_key:flags.3?int256 block:flags.3?bytes`) are",
    "present together or absent together, so they live in one `Option` of a generated",
    "struct named after the constructor and the first of them: setting one without the",
    "others cannot be expressed.",
    "",
    "`Object` (any boxed value: the `result` of `rpc_result`, the unpacked data of",
    "`gzip_packed`, the `body` of the transport `message`) has no type the schema can",
    "name: which type it holds is only known from context (the request an `rpc_result`",
    "answers). So it is kept as `RawObject`, the value's encoded bytes with its",
    "constructor id: inspect `constructor_id()`, find its name with `name_for_id`, and",
    "`decode::<T>()` it as the type you expect. Writing it writes those bytes verbatim,",
    "so objects pass through unchanged. An `Object` takes the rest of its input, except",
    "after an `int` field named `bytes` (mtproto.tl's `message`), which gives its length:",
    "that length is then computed from the object when writing, not stored.",
    "",
    "A field is boxed (`Box<T>`) only where a type contains itself through it, so that",
    "recursive types have a finite size; vectors are already indirect.",
];

/// Documentation of the generated `enums` module.
const ENUMS_DOC: &[&str] = &[
    "One enum per TL boxed type, with one variant per constructor holding its struct",
    "from `types` (variants are named like the structs).",
    "",
    "`Bool` is not here: it is Rust's `bool`.",
    "",
    "`clippy::large_enum_variant` is allowed here: variants hold their structs inline, and",
    "boxing the large ones would make every value of those types allocate; the few",
    "recursive fields are boxed in the structs instead.",
];

/// Documentation of the generated `functions` module.
const FUNCTIONS_DOC: &[&str] = &[
    "One struct per TL function (schema namespaces are nested modules).",
    "",
    "Each implements `RemoteCall`: serialize it to send the request, decode the answer",
    "as its `Return` type. Generic functions such as `invokeWithLayer` take the inner",
    "request as a type parameter (`InvokeWithLayer<X: RemoteCall>`), write it boxed in",
    "place of `!X`, and return what it returns.",
];
