//! Tokens: white space, comments, names, numbers and ids.

use super::error::{PResult, SyntaxError, fail};
use crate::diagnostic::Code;
use nom::Parser;
use nom::bytes::complete::{tag, take_until, take_while, take_while1};
use nom::character::complete::digit1;
use nom::error::{ErrorKind, ParseError as _};

/// Skips white space and comments (`//` to end of line, `/* */`).
pub(crate) fn trivia(mut input: &str) -> PResult<'_, ()> {
    loop {
        let (rest, _) = take_while(|c: char| c.is_whitespace()).parse(input)?;
        input = rest;
        if input.starts_with("//") {
            let end = input.find('\n').unwrap_or(input.len());
            input = &input[end..];
        } else if input.starts_with("/*") {
            input = block_comment(input)?.0;
        } else {
            return Ok((input, ()));
        }
    }
}

/// Skips one `/* … */` comment; `input` starts with `/*`.
pub(crate) fn block_comment(input: &str) -> PResult<'_, ()> {
    let body = &input[2..];
    match take_until::<_, _, SyntaxError>("*/").parse(body) {
        Ok((rest, _)) => Ok((&rest[2..], ())),
        Err(_) => fail(
            SyntaxError::covering(
                input,
                2,
                Code::UnterminatedComment,
                "unterminated block comment",
            )
            .help("close the comment with `*/`"),
        ),
    }
}

/// Whether `c` may start a TL identifier.
pub(crate) fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

/// Whether `c` may continue a TL identifier.
pub(crate) fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// One identifier segment: `[A-Za-z_][A-Za-z0-9_]*`.
///
/// Scans bytes directly: the nom combinator form (`satisfy` + `take_while` over
/// `char`s) was the parser's largest self cost (see BENCHMARKS.md). All the
/// bytes taken are ASCII, so the split is on a character boundary.
pub(crate) fn ident_segment(input: &str) -> PResult<'_, &str> {
    let bytes = input.as_bytes();
    let starts = bytes
        .first()
        .is_some_and(|&b| is_ident_start(char::from(b)));
    let len = if starts {
        bytes
            .iter()
            .skip(1)
            .position(|&b| !is_ident_char(char::from(b)))
            .map_or(bytes.len(), |p| p + 1)
    } else {
        0
    };
    match input.split_at_checked(len) {
        Some((name, rest)) if len > 0 => Ok((rest, name)),
        _ => Err(nom::Err::Error(SyntaxError::from_error_kind(
            input,
            ErrorKind::Satisfy,
        ))),
    }
}

/// A possibly namespaced name: `a.b.name`. Stops before `.0` (a flag bit).
pub(crate) fn full_name(input: &str) -> PResult<'_, &str> {
    let (mut rest, _) = ident_segment(input)?;
    while let Some(after_dot) = rest.strip_prefix('.') {
        match ident_segment(after_dot) {
            Ok((r, _)) => rest = r,
            Err(_) => break,
        }
    }
    let len = input.len() - rest.len();
    Ok((rest, &input[..len]))
}

/// A decimal number that fits in `u32`.
pub(crate) fn number(input: &str) -> PResult<'_, u32> {
    let (rest, digits) = digit1(input)?;
    match digits.parse::<u32>() {
        Ok(n) => Ok((rest, n)),
        Err(_) => fail(SyntaxError::covering(
            input,
            digits.len(),
            Code::Expected,
            format!("number `{digits}` is too large"),
        )),
    }
}

/// A constructor id after `#`: 1 to 8 hexadecimal digits. `input` starts
/// right after the `#`.
pub(crate) fn hex_id(input: &str) -> PResult<'_, u32> {
    let (rest, word) = take_while1::<_, _, SyntaxError>(is_ident_char)
        .parse(input)
        .or_else(|_| {
            let mut e = SyntaxError::expected(input, "1 to 8 hexadecimal digits after `#`");
            if !input.is_empty() {
                e.code = Code::InvalidId;
            }
            fail(
                e.help(
                    "write the constructor id in hexadecimal, e.g. `#1cb5c415`, or leave it out to have it computed",
                ),
            )
        })?;
    let is_hex = word.chars().all(|c| c.is_ascii_hexdigit());
    if !is_hex || word.len() > 8 {
        let why = if is_hex {
            format!("constructor id `#{word}` has {} digits", word.len())
        } else {
            format!("constructor id `#{word}` is not hexadecimal")
        };
        return fail(
            SyntaxError::covering(input, word.len(), Code::InvalidId, why)
                .help("an id is 1 to 8 hexadecimal digits (a 32-bit number), e.g. `#1cb5c415`"),
        );
    }
    match u32::from_str_radix(word, 16) {
        Ok(id) => Ok((rest, id)),
        Err(_) => fail(SyntaxError::covering(
            input,
            word.len(),
            Code::InvalidId,
            format!("constructor id `#{word}` is not a 32-bit number"),
        )),
    }
}

/// Expects the literal `token` (after trivia), failing with `what` otherwise.
pub(crate) fn expect<'a>(
    input: &'a str,
    token: &'static str,
    what: &'static str,
) -> PResult<'a, ()> {
    let (input, _) = trivia(input)?;
    match tag::<_, _, SyntaxError>(token).parse(input) {
        Ok((rest, _)) => Ok((rest, ())),
        Err(_) => fail(SyntaxError::expected(input, what)),
    }
}

/// Consumes `token` if it comes next (after trivia).
pub(crate) fn accept<'a>(input: &'a str, token: &'static str) -> PResult<'a, bool> {
    let (after_trivia, _) = trivia(input)?;
    match after_trivia.strip_prefix(token) {
        Some(rest) => Ok((rest, true)),
        None => Ok((input, false)),
    }
}
