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
mod paths;
mod plain_text;
mod recursion;
mod serialize;
mod structs;
mod validate;
mod variant_boxing;

pub use builder::{BuildError, Builder, Report};
pub use paths::{ItemPath, item_paths};
pub use tl_parser::{Diagnostic, Schema};

use context::{Context, Section};
use modules::ModuleTree;
use proc_macro2::TokenStream;
use quote::quote;
use structs::StructGen;
use tl_parser::{Code, FileId, Location, Span};

/// How to generate code. Start from the defaults and set what you need, so that
/// options added later keep their defaults:
///
/// ```
/// let mut options = tl_codegen::Options::default();
/// options.extra_derives.push("Eq".to_owned());
/// assert_eq!(options.runtime_path, "::tl_runtime");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// The path generated code uses for the runtime crate. Default `::tl_runtime`;
    /// change it when the runtime is re-exported (`crate::tl_runtime`,
    /// `::my_client::runtime`).
    pub runtime_path: String,
    /// Extra derives for every generated struct and enum, after `Debug, Clone,
    /// PartialEq` (e.g. `"Eq"`, `"::serde::Serialize"`). Each is a Rust path; prefer
    /// absolute paths (`::serde::Serialize`), since a TL namespace module of the same
    /// name as a crate would otherwise shadow it. `Eq` and `Hash` only work for
    /// schemas without `double` fields.
    pub extra_derives: Vec<String>,
    /// Also generate `pub mod arbitrary`: a seeded random generator (`Rng`), a
    /// trait `Arbitrary` implemented by every generated type, whose values nest no
    /// deeper than a given depth, and `visit_all`, which visits the type of every
    /// constructor and function. For property tests (encode, decode, compare); the
    /// module needs nothing beyond the runtime. Default `false`.
    pub arbitrary: bool,
    /// Format the output with `prettyplease` (default `true`). Code that is only
    /// `include!`d from a build script can skip it: generation then does not
    /// re-parse and format what it wrote, which is most of its time for a large
    /// schema (about 4x less work for the full Telegram API). The unformatted text
    /// has the same items, a statement or item per line, and is the same for the
    /// same input, byte for byte. Keep the default for code you commit or read.
    pub format: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            runtime_path: "::tl_runtime".to_owned(),
            extra_derives: Vec::new(),
            arbitrary: false,
            format: true,
        }
    }
}

impl Options {
    /// The options as tokens, or the first invalid one as a message.
    fn parse(&self) -> Result<(TokenStream, Vec<TokenStream>), String> {
        let path = |text: &str, what: &str| {
            syn::parse_str::<syn::Path>(text)
                .map(|p| quote!(#p))
                .map_err(|e| format!("{what} `{text}` is not a Rust path: {e}"))
        };
        let runtime = path(&self.runtime_path, "runtime path")?;
        let derives = self
            .extra_derives
            .iter()
            .map(|d| path(d, "derive"))
            .collect::<Result<_, _>>()?;
        Ok((runtime, derives))
    }

    /// Checks the options on their own (the [`Builder`] does this before reading
    /// any schema).
    ///
    /// # Errors
    /// A message naming the first option that is not a Rust path.
    pub fn validate(&self) -> Result<(), String> {
        self.parse().map(|_| ())
    }
}

/// A diagnostic that belongs to no schema line, at the start of the first file.
fn general_error(schema: &Schema, message: String) -> Diagnostic {
    let location = schema.combinators().next().map_or(
        Location {
            file: FileId(0),
            span: Span::new(0, 0),
        },
        |c| c.location,
    );
    Diagnostic::error(Code::Unsupported, location, message)
}

/// Generates the Rust source of one module for `schema`.
///
/// The result holds items only, formatted by prettyplease unless
/// [`Options::format`] is off; include it with
/// `include!` or as a module file. The same schema and options always give the
/// same text.
///
/// # Errors
/// Every reason the schema cannot be generated, as diagnostics naming the
/// definitions involved: two TL names that map to one Rust name in the same scope
/// (never silently renamed), generic constructors, function results that cannot be
/// decoded, unknown types. Invalid [`Options`] are reported as one diagnostic.
pub fn generate(schema: &Schema, options: &Options) -> Result<String, Vec<Diagnostic>> {
    let (runtime, derives) = options
        .parse()
        .map_err(|message| vec![general_error(schema, message).with_help("fix the Options")])?;
    let mut ctx = Context::new(schema, runtime, derives);
    ctx.boxed = recursion::boxed_fields(&ctx);
    let mut diagnostics = validate::check(&ctx);
    diagnostics.extend(collisions::check(&ctx));
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let mut tokens = root(&ctx);
    if options.arbitrary {
        tokens.extend(arbitrary::module(&ctx)?);
    }
    if !options.format {
        return Ok(plain_text::print(tokens));
    }
    let file = syn::parse2::<syn::File>(tokens).map_err(|e| {
        vec![general_error(
            schema,
            format!("internal error: tl-codegen produced invalid Rust ({e}); please report it"),
        )]
    })?;
    Ok(prettyplease::unparse(&file))
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
