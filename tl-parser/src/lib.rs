//! Parse and check TL (Type Language) schemas, the language Telegram's
//! MTProto API is described in.
//!
//! ```
//! use tl_parser::{Sources, check};
//!
//! let mut sources = Sources::new();
//! sources.add("seed.tl", "boolTrue#997275b5 = Bool;\n---functions---\nping#7abe77ec ping_id:long = Bool;\n");
//! let checked = check(&sources);
//! assert!(!checked.has_errors());
//! assert_eq!(checked.schema.functions[0].name.full(), "ping");
//! ```
//!
//! The pipeline is `text -> parse (nom, spanned AST) -> check -> Schema`.
//! Every problem is a [`Diagnostic`]: data with a code, a location and
//! advice; nothing panics on malformed input.
#![deny(missing_docs)]

pub mod ast;
mod check;
pub mod diagnostic;
pub mod diff;
mod hash;
mod parser;
pub mod print;
pub mod schema;
pub mod source;

pub use check::{CheckOptions, Checked, check, check_with, closest_name};
pub use diagnostic::{Code, Diagnostic, Label, Severity};
pub use parser::parse_file;
pub use schema::{
    Builtin, Combinator, Field, FlagGroup, IdRule, IdRuleReason, Kind, Name, Schema, Ty, TypeDef,
};
pub use source::{FileId, LineCol, Location, SourceFile, Sources, Span};

/// Checks a single schema text; `name` is used in diagnostics.
pub fn check_str(name: &str, text: &str) -> (Sources, Checked) {
    let mut sources = Sources::new();
    sources.add(name, text);
    let checked = check(&sources);
    (sources, checked)
}
