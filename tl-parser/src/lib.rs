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
#[cfg(feature = "diff")]
pub mod diff;
mod hash;
mod parser;
pub mod print;
pub mod schema;
pub mod source;

pub use check::{CheckOptions, Checked, check, check_with, closest_name, closest_names};
pub use diagnostic::{Code, Diagnostic, Label, Severity};
pub use parser::parse_file;
pub use schema::{
    Builtin, Combinator, Field, FlagGroup, IdRule, IdRuleReason, Kind, Name, Schema, Ty, TypeDef,
};
pub use source::{EXCERPT_WIDTH, Excerpt, FileId, LineCol, Location, SourceFile, Sources, Span};

/// How deep types may nest: at most this many `<…>`, `(…)`, `%` and `[…]`
/// inside one another (`Vector<Vector<int>>` is 2 deep), and at most this
/// many namespaces in a name (`a.b.name` has 2; each is a module the
/// generated code nests). Deeper input is a syntax error (E0107) at the
/// opening past the limit, so no later stage ever walks a deeper type or
/// module tree.
///
/// Every walk over a type recurses (the parser, the checker, the printer,
/// the diffs, code generation, and syn and prettyplease when formatting), so
/// the limit is what keeps them within a thread's stack. Measured in an
/// unoptimized build, the deepest case is generating formatted code with
/// every option: about 1.2 MiB of stack at 32 levels (checking alone, 0.4
/// MiB), so 32 fits a 2 MiB test thread with room to spare; 64 would not.
/// The deepest type in Telegram's and TDLib's schemas is 2
/// (`vector<vector<keyboardButton>>`), the deepest name has 2 namespaces
/// (TON's `wallet.v3.initialAccountState`).
pub const MAX_NESTING: usize = 32;

/// Checks a single schema text; `name` is used in diagnostics.
pub fn check_str(name: &str, text: &str) -> (Sources, Checked) {
    let mut sources = Sources::new();
    sources.add(name, text);
    let checked = check(&sources);
    (sources, checked)
}
