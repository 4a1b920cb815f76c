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
    pub message: Message,
    /// Advice, when there is something specific to do.
    pub help: Option<String>,
}

/// A syntax error's message, rendered only when the error is reported.
///
/// The parser backtracks: every failed alternative builds an error that is
/// then dropped. Formatting "expected X, found `c`" eagerly made those
/// failures allocate, which was the largest single cost of parsing
/// api-layer230.tl (see BENCHMARKS.md); the common "expected" form is kept as
/// data instead and rendered by [`Message::render`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Message {
    /// A message already rendered.
    Text(String),
    /// `expected {what}, found {found}` (or end of file when `found` is `None`).
    Expected {
        /// What was expected.
        what: Expected,
        /// The character found instead, if any.
        found: Option<char>,
    },
}

/// What an [`Message::Expected`] error expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expected {
    /// A description written by the parser.
    Text(&'static str),
    /// What a nom combinator expected.
    Nom(ErrorKind),
}

impl std::fmt::Display for Expected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Expected::Text(text) => f.write_str(text),
            Expected::Nom(kind) => f.write_str(kind.description()),
        }
    }
}

impl Message {
    /// The text shown to the user.
    pub fn render(&self) -> String {
        match self {
            Message::Text(text) => text.clone(),
            Message::Expected { what, found: None } => {
                format!("unexpected end of file: expected {what}")
            }
            Message::Expected {
                what,
                found: Some(c),
            } if !c.is_ascii() => format!(
                "unexpected character `{c}` (U+{:04X}): expected {what}",
                u32::from(*c)
            ),
            Message::Expected {
                what,
                found: Some(c),
            } => format!("expected {what}, found `{}`", c.escape_default()),
        }
    }
}

impl From<String> for Message {
    fn from(text: String) -> Self {
        Message::Text(text)
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Self {
        Message::Text(text.to_owned())
    }
}

impl SyntaxError {
    /// An error at the start of `at`, covering its first character.
    pub fn at(at: &str, code: Code, message: impl Into<Message>) -> Self {
        SyntaxError {
            rest_at: at.len(),
            width: at.chars().next().map_or(0, char::len_utf8),
            code,
            message: message.into(),
            help: None,
        }
    }

    /// An error covering `width` bytes from the start of `at`.
    pub fn covering(at: &str, width: usize, code: Code, message: impl Into<Message>) -> Self {
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
    pub fn expected(at: &str, what: &'static str) -> Self {
        SyntaxError::expected_what(at, Expected::Text(what))
    }

    /// As [`SyntaxError::expected`], for any [`Expected`].
    fn expected_what(at: &str, what: Expected) -> Self {
        let found = at.chars().next();
        let code = match found {
            None => Code::UnexpectedEnd,
            Some(c) if !c.is_ascii() => Code::UnexpectedCharacter,
            Some(_) => Code::Expected,
        };
        let e = SyntaxError::at(at, code, Message::Expected { what, found });
        match found {
            Some(c) if !c.is_ascii() => e.help(
                "TL names use only ASCII letters, digits and `_`; non-ASCII text belongs in comments",
            ),
            _ => e,
        }
    }
}

impl ParseError<&str> for SyntaxError {
    fn from_error_kind(input: &str, kind: ErrorKind) -> Self {
        SyntaxError::expected_what(input, Expected::Nom(kind))
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
