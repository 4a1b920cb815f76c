//! [`Options`]: everything a caller can choose about the generated code, checked
//! on its own before any schema is read.

use crate::docs::Docs;
use proc_macro2::TokenStream;
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
    /// `::my_client::runtime`).
    pub runtime_path: String,
    /// Extra derives for the generated structs and enums, after `Debug, Clone,
    /// PartialEq` (e.g. `"Eq"`, `"::serde::Serialize"`). Each is a Rust path; prefer
    /// absolute paths (`::serde::Serialize`), since a TL namespace module of the same
    /// name as a crate would otherwise shadow it. `Eq` and `Hash` (by any path
    /// ending in that name) are derived only for the items whose every field
    /// allows it: not where a `double` (`f64`) is inside, directly or through
    /// other types. `Default` needs no option: it is derived for every struct
    /// whose fields all have a natural default (so listing it changes nothing).
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
    /// have without it. Read it with [`Builder::docs`](crate::Builder::docs) or
    /// [`Docs::read`](crate::Docs::read) (the `docs` feature).
    pub docs: Option<Arc<Docs>>,
    /// serde's `Serialize` and `Deserialize` for every generated type, in a JSON
    /// form (default `None`: none). The code then needs tl-runtime's `serde`
    /// feature, and nothing else: it reaches serde through the runtime.
    pub serde: Option<JsonForm>,
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
    /// Rust path, or formatting asked for without the `format` feature.
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
        let runtime = rust_path(&self.runtime_path).map_err(|why| OptionError {
            option: "runtime_path",
            message: format!("`{}` is not a Rust path: {why}", self.runtime_path),
        })?;
        let derives = self
            .extra_derives
            .iter()
            // The model derives `Default` wherever every field has one.
            .filter(|text| last_segment(text) != "Default")
            .map(|text| {
                let tokens = rust_path(text).map_err(|why| OptionError {
                    option: "derive",
                    message: format!("`{text}` is not a Rust path: {why}"),
                })?;
                Ok((tokens, matches!(last_segment(text), "Eq" | "Hash")))
            })
            .collect::<Result<_, _>>()?;
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

/// The last segment of a path's text (`Hash` of `::std::hash::Hash`).
fn last_segment(text: &str) -> &str {
    text.rsplit("::").next().unwrap_or(text).trim()
}

/// Parses a Rust path (`::a::b`, `crate::x`, `Eq`) into tokens, or says why it
/// is not one.
fn rust_path(text: &str) -> Result<TokenStream, String> {
    let text = text.trim();
    let body = text.strip_prefix("::").unwrap_or(text);
    if body.is_empty() {
        return Err("it is empty".to_owned());
    }
    for (position, segment) in body.split("::").enumerate() {
        let ident = segment.strip_prefix("r#").unwrap_or(segment);
        let mut chars = ident.chars();
        let starts_well = chars
            .next()
            .is_some_and(|c| c == '_' || c.is_ascii_alphabetic());
        if !starts_well || !chars.all(|c| c == '_' || c.is_ascii_alphanumeric()) || ident == "_" {
            return Err(format!("`{segment}` is not an identifier"));
        }
        let path_keyword = matches!(segment, "crate" | "self" | "super" | "Self");
        if path_keyword && (position > 0 && segment != "super" || text.starts_with("::")) {
            return Err(format!("`{segment}` cannot appear there"));
        }
    }
    TokenStream::from_str(text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        for ok in [
            "::tl_runtime",
            "crate::rt",
            "Eq",
            "serde::Serialize",
            "super::super::x",
            "r#type::X",
        ] {
            assert!(rust_path(ok).is_ok(), "{ok}");
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
        ] {
            assert!(rust_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn default_is_never_an_extra_derive() {
        let options = Options {
            extra_derives: vec!["Default".to_owned(), "::core::default::Default".to_owned()],
            ..Options::default()
        };
        assert!(
            options
                .parse()
                .is_ok_and(|parsed| parsed.derives.is_empty())
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
