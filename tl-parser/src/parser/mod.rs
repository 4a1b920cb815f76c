//! Text to spanned AST, built on nom.

mod bytes;
mod definition;
mod doc;
mod error;
mod file;
mod lexical;

pub use file::parse_file;
