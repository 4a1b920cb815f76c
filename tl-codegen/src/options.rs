//! [`Options`]: everything a caller can choose about the generated code, checked
//! on its own before any schema is read.

use crate::docs::Docs;
use crate::model::naming::{KEYWORDS, NOT_RAW};
use proc_macro2::TokenStream;
use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr as _;
use std::sync::Arc;

/// How to generate code. Start from the defaults and set what you need, so that
/// options added later keep their defaults:
///
/// ```
/// let mut options = tl_codegen::Options::default();
/// options.extra_derives.push("Eq".to_owned());
/// assert_eq!(options.runtime_path, "::tl_runtime");
/// ```
///
/// The [`Builder`](crate::Builder) has a setter for each field, and the `tlgen`
/// command line a flag for each.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// The path generated code uses for the runtime crate. Default `::tl_runtime`;
    /// change it when the runtime is re-exported (`crate::tl_runtime`,
    /// `::my_client::runtime`, or `crate` when the crate root re-exports it all
    /// with `pub use tl_runtime::*;`).
    ///
    /// Generated code writes it in modules at several depths, so it is a path
    /// from the crate root (`crate::...`) or from a crate (`name::...`,
    /// `::name::...`); one relative to where it is written (`self::...`,
    /// `super::...`, `Self`) is an invalid option, and so is a keyword segment
    /// unless written raw (`crate::r#type`).
    pub runtime_path: String,
    /// Extra derives for the generated structs and enums, after `Debug, Clone,
    /// PartialEq` (e.g. `"Eq"`, `"::serde::Serialize"`). Each is a Rust path, with
    /// the rules of [`runtime_path`](Self::runtime_path) (but `crate` alone is not
    /// a derive); prefer absolute paths (`::serde::Serialize`), since a TL
    /// namespace module of the same name as a crate would otherwise shadow it.
    /// `Eq` and `Hash` (by any path ending in that name) are derived only for the
    /// items whose every field allows it: not where a `double` (`f64`) is inside,
    /// directly or through other types.
    ///
    /// The generator derives `Debug`, `Clone` and `PartialEq` itself, and
    /// `Default` for every struct whose fields all have a natural default, so
    /// listing one of these changes nothing: it is dropped, whether written as a
    /// name or as a path of `std` or `core` (`std::fmt::Debug`,
    /// `::core::clone::Clone`). A derive listed twice (`Eq` and `::core::cmp::Eq`,
    /// `serde::Serialize` and `::serde::Serialize`) is kept once.
    pub extra_derives: Vec<String>,
    /// Also generate `pub mod arbitrary`: an implementation of the runtime's
    /// `tl_runtime::arbitrary::Arbitrary` for every generated type (random values
    /// whose nesting is bounded by a depth) and `visit_all`, which visits the type
    /// of every constructor and function. For property tests; the generated code
    /// then needs the runtime's `arbitrary` feature. Default `false`.
    pub arbitrary: bool,
    /// Format the output with `prettyplease`. Needs this crate's `format` feature,
    /// and defaults to whether it is enabled. Without it the text has the same
    /// items, one item, statement, field or match arm per line, and is the same
    /// for the same input, byte for byte: right for code that is only
    /// `include!`d, and several times faster to produce for a large schema.
    pub format: bool,
    /// Generate only what these TL names need (empty: everything). Each is the
    /// full name of a function (`messages.sendMessage`), a constructor
    /// (`inputPeerUser`) or a type (`InputPeer`); what is kept is the closure
    /// over field types and function results, and a kept type keeps all of its
    /// constructors, so that every kept type can still be decoded. Unknown names
    /// are an error.
    pub keep: Vec<String>,
    /// How enum variants are named. Default [`VariantNames::Short`].
    pub variant_names: VariantNames,
    /// How ids that are not written are computed (`tl_parser::IdRule`). `None`
    /// (the default) chooses from the schema: by its written ids where the rules
    /// disagree on them, else TDLib's rule when it declares a built-in only TDLib's
    /// and TON's schemas declare (`int53 = Int53;`, `object ? = Object;`), else
    /// Telegram's.
    pub id_rule: Option<tl_parser::IdRule>,
    /// Documentation of the schema's definitions (default none). With it, every
    /// documented item carries its description, its fields' descriptions, its
    /// footnote links and a link to its page on core.telegram.org; each function
    /// documents its result and its errors, and the errors become enums: a
    /// `KnownError` of every documented error at the root of the module, and one
    /// per function with documented errors in `errors`, which is the function's
    /// `RemoteCall::Error`. Definitions without documentation keep the docs they
    /// have without it. Read it with `Builder::docs` or
    /// `Docs::read` (the `docs` feature).
    pub docs: Option<Arc<Docs>>,
    /// serde's `Serialize` and `Deserialize` for every generated type, in a JSON
    /// form (default `None`: none). The code then needs tl-runtime's `serde`
    /// feature, and nothing else: it reaches serde through the runtime.
    pub serde: Option<JsonForm>,
    /// Parts of the generated API to leave out, for a cheaper build of the
    /// generated code (default none: the whole API). What stays is every type
    /// with its fields, `Clone`, `PartialEq` (and `Default` where it applies),
    /// the wire traits, `constructor_id()`/`tl_name()`, and what serde and
    /// `arbitrary` add when asked for. [`Extra::ALL`] is the lean mode: the
    /// smallest code.
    pub omit: BTreeSet<Extra>,
}

/// A part of the generated API that [`Options::omit`] can leave out. None of
/// them changes the wire format or the types: code written without them
/// compiles unchanged with them, unless it implements one of the omitted traits
/// for generated types itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Extra {
    /// `Debug` on the generated structs and enums (the error enums of
    /// [`Options::docs`] keep theirs: an error needs it). Needed by
    /// [`Options::arbitrary`].
    Debug,
    /// Each struct's `new(..)` and `with_<field>(..)` setters; without them,
    /// values are written as struct literals (`..Default::default()` where the
    /// struct has `Default`).
    Builders,
    /// `From<struct> for enum`, and so `.into()` from a constructor's struct to
    /// its type's enum.
    From,
    /// `TryFrom<enum> for struct`: an enum back into one constructor's struct.
    TryFrom,
    /// The enums' methods reading a field every constructor of the type has
    /// (`Message::id()`).
    Accessors,
    /// Doc comments, every one of them (a crate that warns of `missing_docs`
    /// then puts `#[allow(missing_docs)]` on the module it includes the code
    /// in). With [`Options::docs`], the typed errors stay.
    Docs,
}

impl Extra {
    /// Every part, in the order of the command line's help: omitting all of
    /// them is the lean mode.
    pub const ALL: [Extra; 6] = [
        Extra::Debug,
        Extra::Builders,
        Extra::From,
        Extra::TryFrom,
        Extra::Accessors,
        Extra::Docs,
    ];

    /// The name the command line's `--omit` takes (`debug`, `builders`,
    /// `from`, `try-from`, `accessors`, `docs`).
    pub fn name(self) -> &'static str {
        match self {
            Extra::Debug => "debug",
            Extra::Builders => "builders",
            Extra::From => "from",
            Extra::TryFrom => "try-from",
            Extra::Accessors => "accessors",
            Extra::Docs => "docs",
        }
    }
}

impl fmt::Display for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Extra {
    type Err = String;

    /// One of the [`name`](Extra::name)s.
    fn from_str(text: &str) -> Result<Self, String> {
        Extra::ALL
            .into_iter()
            .find(|extra| extra.name() == text)
            .ok_or_else(|| {
                let names: Vec<&str> = Extra::ALL.iter().map(|e| e.name()).collect();
                format!(
                    "`{text}` is not a part of the API: one of {}",
                    names.join(", ")
                )
            })
    }
}

/// The JSON form of [`Options::serde`]; `tl_runtime::json` documents both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum JsonForm {
    /// TDLib's form for schemas with TDLib's id rule (TDLib's, TON's), the
    /// lossless form otherwise.
    #[default]
    Auto,
    /// TDLib's JSON interface: `"@type"`, `int64` as strings, `null` for absent
    /// objects, unknown keys ignored.
    Tdlib,
    /// Lossless and name-tagged (`"_": "messages.messagesSlice"`), for storing
    /// Telegram values: reading it back gives the same value, hence the same bytes.
    Tl,
}

/// How the variants of a generated enum are named after their constructors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum VariantNames {
    /// Without the type's name where the constructor's name begins with the
    /// whole type name followed by more words: `inputPeerUser` of `InputPeer` is
    /// `InputPeer::User`, `messages.messagesSlice` of `messages.Messages` is
    /// `Messages::Slice`. Every other constructor keeps its whole name
    /// (`updateShort` of `Updates` is `Updates::UpdateShort`), and so do two
    /// constructors of one type that would otherwise get the same name, and one
    /// whose rest is not an identifier on its own (`inputPeerSelf`:
    /// `InputPeer::InputPeerSelf`, not `Self`).
    #[default]
    Short,
    /// The constructor's whole name, like its struct: `InputPeer::InputPeerUser`.
    Full,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            runtime_path: "::tl_runtime".to_owned(),
            extra_derives: Vec::new(),
            arbitrary: false,
            format: cfg!(feature = "format"),
            keep: Vec::new(),
            variant_names: VariantNames::Short,
            id_rule: None,
            docs: None,
            serde: None,
            omit: BTreeSet::new(),
        }
    }
}

/// An option that cannot be used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionError {
    /// Which option (`runtime_path`, `derive`, `keep`, `format`).
    pub option: &'static str,
    /// What is wrong and what to do, as a sentence.
    pub message: String,
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid option `{}`: {}", self.option, self.message)
    }
}

impl std::error::Error for OptionError {}

/// The options as tokens, after validation.
pub(crate) struct Parsed {
    /// The runtime path.
    pub runtime: TokenStream,
    /// The extra derives, each with whether it needs every field to allow it
    /// (`Eq`, `Hash`: not for `f64`).
    pub derives: Vec<(TokenStream, bool)>,
}

impl Options {
    /// Checks the options on their own (the [`Builder`](crate::Builder) does this
    /// before reading any schema). Names given to [`keep`](Self::keep) are checked
    /// against the schema later.
    ///
    /// # Errors
    /// The first option that is not valid: a runtime path or derive that is not a
    /// path generated code can use (see [`runtime_path`](Self::runtime_path)),
    /// an empty name to keep, or formatting asked for without the `format`
    /// feature.
    pub fn validate(&self) -> Result<(), OptionError> {
        self.parse().map(|_| ())
    }

    pub(crate) fn parse(&self) -> Result<Parsed, OptionError> {
        if self.format && !cfg!(feature = "format") {
            return Err(OptionError {
                option: "format",
                message: "formatting needs tl-codegen's `format` feature \
                          (`tl-codegen = { version = \"0.1\", features = [\"format\"] }`); \
                          or leave it off"
                    .to_owned(),
            });
        }
        let runtime =
            option_path(&self.runtime_path, PathUse::Runtime).map_err(|message| OptionError {
                option: "runtime_path",
                message,
            })?;
        let mut derives = Vec::new();
        let mut seen = Vec::new();
        for text in &self.extra_derives {
            let tokens = option_path(text, PathUse::Derive).map_err(|message| OptionError {
                option: "derive",
                message,
            })?;
            let name = derive_name(text);
            if name == "Debug" && self.omit.contains(&Extra::Debug) {
                return Err(OptionError {
                    option: "derive",
                    message: "`Debug` is derived and omitted at once: \
                              drop one of `derive Debug` and `omit debug`"
                        .to_owned(),
                });
            }
            // Derived by the model already, or listed before: twice is E0119.
            if ALWAYS_DERIVED.contains(&name.as_str()) || seen.contains(&name) {
                continue;
            }
            let needs_eq = matches!(name.rsplit("::").next(), Some("Eq" | "Hash"));
            derives.push((tokens, needs_eq));
            seen.push(name);
        }
        if self.arbitrary && self.omit.contains(&Extra::Debug) {
            return Err(OptionError {
                option: "omit",
                message: "`arbitrary` needs `Debug` (property tests print the values \
                          they fail on): omit `debug` only without `arbitrary`"
                    .to_owned(),
            });
        }
        for name in &self.keep {
            if name.trim().is_empty() {
                return Err(OptionError {
                    option: "keep",
                    message: "an empty name: give TL names such as `messages.sendMessage`"
                        .to_owned(),
                });
            }
        }
        Ok(Parsed { runtime, derives })
    }
}

/// What the generator derives on its own: `Debug`, `Clone` and `PartialEq`
/// everywhere, `Default` where every field has one.
const ALWAYS_DERIVED: &[&str] = &["Debug", "Clone", "PartialEq", "Default"];

/// The traits the standard library derives, which `std::...` and `core::...`
/// paths name under any module (`std::fmt::Debug`, `core::prelude::v1::Debug`).
const STD_DERIVES: &[&str] = &[
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Eq",
    "Hash",
    "Ord",
    "PartialEq",
    "PartialOrd",
];

/// A derive's path as one name for comparing derives: without a leading `::`
/// or `r#`, and a standard trait by its name alone (`::core::cmp::Eq` is `Eq`).
fn derive_name(text: &str) -> String {
    let text = text.trim();
    let segments: Vec<&str> = text
        .strip_prefix("::")
        .unwrap_or(text)
        .split("::")
        .map(|s| s.strip_prefix("r#").unwrap_or(s))
        .collect();
    match (segments.first(), segments.last()) {
        (Some(&("std" | "core")), Some(last)) if STD_DERIVES.contains(last) => (*last).to_owned(),
        _ => segments.join("::"),
    }
}

/// What an option's path names, which decides what it may be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PathUse {
    /// The runtime crate: a module, so `crate` alone is one (a crate root that
    /// re-exports the runtime with `pub use tl_runtime::*;`).
    Runtime,
    /// A derive macro.
    Derive,
}

/// Parses the text of a path that generated code names from every one of its
/// modules (`::a::b`, `crate::x`, `Eq`, `r#type::X`) into tokens, or says why it
/// cannot be one, as a sentence that quotes it.
///
/// Each segment is an identifier (ASCII) or a raw identifier; a keyword is one
/// only when raw. `crate` may only begin the path. `self`, `super` and `Self`
/// may not appear at all: they make the path relative to where it is written,
/// and generated code writes it in modules at several depths.
fn option_path(text: &str, used: PathUse) -> Result<TokenStream, String> {
    let not_a_path = |why: String| format!("`{text}` is not a Rust path: {why}");
    let trimmed = text.trim();
    let absolute = trimmed.starts_with("::");
    let body = trimmed.strip_prefix("::").unwrap_or(trimmed);
    if body.is_empty() {
        return Err(not_a_path("it is empty".to_owned()));
    }
    for (position, segment) in body.split("::").enumerate() {
        let (raw, ident) = match segment.strip_prefix("r#") {
            Some(ident) => (true, ident),
            None => (false, segment),
        };
        let mut chars = ident.chars();
        let starts_well = chars
            .next()
            .is_some_and(|c| c == '_' || c.is_ascii_alphabetic());
        if !starts_well || !chars.all(|c| c == '_' || c.is_ascii_alphanumeric()) || ident == "_" {
            return Err(not_a_path(format!("`{segment}` is not an identifier")));
        }
        if raw {
            if NOT_RAW.contains(&ident) {
                return Err(not_a_path(format!("`{ident}` cannot be a raw identifier")));
            }
            continue;
        }
        match ident {
            "crate" | "self" | "super" | "Self" if position > 0 || absolute => {
                return Err(not_a_path(format!(
                    "`{ident}` can only begin a path, with no `::` before it"
                )));
            }
            "crate" => {}
            "self" | "super" | "Self" => {
                return Err(format!(
                    "`{text}` is relative to where it is written (`{ident}`), and generated \
                     code writes it in modules at several depths: give a path from the crate \
                     root (`crate::...`) or from a crate (`name::...`, `::name::...`)"
                ));
            }
            keyword if KEYWORDS.contains(&keyword) => {
                return Err(not_a_path(format!(
                    "`{ident}` is a keyword (write `r#{ident}` for an identifier of that name)"
                )));
            }
            _ => {}
        }
    }
    if used == PathUse::Derive && body == "crate" {
        return Err(format!(
            "`{text}` is the crate itself, not a derive macro: name the derive (`crate::Name`)"
        ));
    }
    TokenStream::from_str(trimmed).map_err(|e| not_a_path(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        for ok in [
            "::tl_runtime",
            "tl_runtime",
            "crate::rt",
            "crate",
            "Eq",
            "serde::Serialize",
            "r#type::X",
            "crate::r#async::rt",
            " ::a::b ",
        ] {
            assert!(option_path(ok, PathUse::Runtime).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "::",
            "not a path",
            "a::",
            "a::b::",
            "1x",
            "a-b",
            "::crate",
            "a::crate",
            "_",
            "r#_",
            "r#crate",
            "crate::type",
            "type",
            "dyn",
            "gen",
            "self",
            "super",
            "Self",
            "self::rt",
            "super::super::x",
            "crate::self",
        ] {
            assert!(option_path(bad, PathUse::Runtime).is_err(), "{bad}");
        }
        assert!(option_path("crate", PathUse::Derive).is_err());
        assert!(option_path("crate::MyDerive", PathUse::Derive).is_ok());
    }

    #[test]
    fn derives_are_compared_by_name() {
        assert_eq!(derive_name("::core::fmt::Debug"), "Debug");
        assert_eq!(derive_name("std::prelude::v1::r#Eq"), "Eq");
        assert_eq!(derive_name("::serde::Serialize"), "serde::Serialize");
        assert_eq!(derive_name("my::Debug"), "my::Debug");
    }

    #[test]
    fn built_in_and_repeated_derives_are_dropped() {
        let options = Options {
            extra_derives: [
                "Default",
                "::core::default::Default",
                "Debug",
                "std::fmt::Debug",
                "core::clone::Clone",
                "::std::cmp::PartialEq",
                "Eq",
                "::core::cmp::Eq",
                "serde::Serialize",
                "::serde::Serialize",
                "r#Hash",
            ]
            .map(str::to_owned)
            .to_vec(),
            ..Options::default()
        };
        let derives = options.parse().map(|parsed| {
            parsed
                .derives
                .iter()
                .map(|(tokens, needs_eq)| (tokens.to_string(), *needs_eq))
                .collect::<Vec<_>>()
        });
        assert_eq!(
            derives,
            Ok(vec![
                ("Eq".to_owned(), true),
                ("serde :: Serialize".to_owned(), false),
                ("r#Hash".to_owned(), true),
            ])
        );
    }

    #[test]
    fn invalid_options_name_the_option() {
        let mut options = Options::default();
        options.extra_derives.push("not a path".to_owned());
        let error = options.validate().err();
        assert_eq!(
            error.map(|e| e.to_string()),
            Some(
                "invalid option `derive`: `not a path` is not a Rust path: `not a path` is not \
                 an identifier"
                    .to_owned()
            )
        );
    }
}
