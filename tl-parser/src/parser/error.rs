//! The parser's error type: a position, a code and a message.

use crate::diagnostic::Code;
use nom::error::{ErrorKind, ParseError};

/// A syntax error found while parsing one definition.
///
/// Positions are stored as the length of the input that remained at that
/// point, so they can be turned into absolute offsets without keeping a
/// pointer to the start of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    /// Remaining input length where the problem starts.
    pub rest_at: usize,
    /// Number of bytes the problem covers (at least the offending character).
    pub width: usize,
    /// What kind of problem.
    pub code: Code,
    /// The message shown to the user.
    pub message: String,
    /// Advice, when there is something specific to do.
    pub help: Option<String>,
}

impl SyntaxError {
    /// An error at the start of `at`, covering its first character.
    pub fn at(at: &str, code: Code, message: impl Into<String>) -> Self {
        SyntaxError {
            rest_at: at.len(),
            width: at.chars().next().map_or(0, char::len_utf8),
            code,
            message: message.into(),
            help: None,
        }
    }

    /// An error covering `width` bytes from the start of `at`.
    pub fn covering(at: &str, width: usize, code: Code, message: impl Into<String>) -> Self {
        SyntaxError {
            width,
            ..SyntaxError::at(at, code, message)
        }
    }

    /// Attaches advice.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// "expected X, found Y" at the start of `at`, describing what is there.
    pub fn expected(at: &str, what: &str) -> Self {
        match at.chars().next() {
            None => SyntaxError::at(
                at,
                Code::UnexpectedEnd,
                format!("unexpected end of file: expected {what}"),
            ),
            Some(c) if !c.is_ascii() => SyntaxError::at(
                at,
                Code::UnexpectedCharacter,
                format!(
                    "unexpected character `{c}` (U+{:04X}): expected {what}",
                    u32::from(c)
                ),
            )
            .help("TL names use only ASCII letters, digits and `_`; non-ASCII text belongs in comments"),
            Some(c) => SyntaxError::at(
                at,
                Code::Expected,
                format!("expected {what}, found `{}`", c.escape_default()),
            ),
        }
    }
}

impl ParseError<&str> for SyntaxError {
    fn from_error_kind(input: &str, kind: ErrorKind) -> Self {
        SyntaxError::expected(input, kind.description())
    }

    fn append(_input: &str, _kind: ErrorKind, other: Self) -> Self {
        other
    }

    fn or(self, other: Self) -> Self {
        // Prefer the error that got further into the input.
        if other.rest_at < self.rest_at {
            other
        } else {
            self
        }
    }
}

/// The result type of every parser in this crate.
pub(crate) type PResult<'a, T> = nom::IResult<&'a str, T, SyntaxError>;

/// A recoverable error (nom tries alternatives).
pub(crate) fn backtrack<T>(e: SyntaxError) -> Result<T, nom::Err<SyntaxError>> {
    Err(nom::Err::Error(e))
}

/// An unrecoverable error (the definition is malformed).
pub(crate) fn fail<T>(e: SyntaxError) -> Result<T, nom::Err<SyntaxError>> {
    Err(nom::Err::Failure(e))
}
