//! Tokens: white space, comments, names, numbers and ids.

use super::bytes::{HEX_NOT_IDENT, HEX_OTHER_IDENT, hex_digit, ident_len, is_ident_char, is_space};
use super::error::{PResult, SyntaxError, fail};
use crate::diagnostic::Code;
use crate::source::line_end;
use nom::Parser;
use nom::bytes::complete::{take_until, take_while};
use nom::error::{ErrorKind, ParseError as _};

/// Skips white space and comments (`//` to the end of the line, by
/// [`line_end`]'s rule, and `/* */`).
///
/// The parser calls this before nearly every token, mostly where there is
/// nothing to skip: that case is decided from the first byte, inline.
/// So is the next most common case, a single space before a token.
#[inline(always)]
pub(crate) fn trivia(input: &str) -> PResult<'_, ()> {
    match input.as_bytes() {
        [b, ..] if starts_token(*b) => Ok((input, ())),
        [] => Ok((input, ())),
        // The space is ASCII, so index 1 is a character boundary.
        [b' ', b, ..] if starts_token(*b) => Ok((input.get(1..).unwrap_or_default(), ())),
        _ => skip_trivia(input),
    }
}

/// Whether text starting with `b` has no trivia to skip: `b` is ASCII and
/// starts neither white space nor a comment.
#[inline]
fn starts_token(b: u8) -> bool {
    b.is_ascii() && b != b'/' && !is_space(b)
}

/// [`trivia`] when there may be something to skip. ASCII white space is
/// skipped byte by byte; only non-ASCII text goes through the `char`-based
/// combinator.
fn skip_trivia(mut input: &str) -> PResult<'_, ()> {
    loop {
        input = skip_ascii_whitespace(input);
        if input.as_bytes().first().is_some_and(|b| !b.is_ascii()) {
            let (rest, skipped) = take_while(char::is_whitespace).parse(input)?;
            if !skipped.is_empty() {
                input = rest;
                continue;
            }
        }
        if input.starts_with("//") {
            input = input.get(line_end(input)..).unwrap_or_default();
        } else if input.starts_with("/*") {
            input = block_comment(input)?.0;
        } else {
            return Ok((input, ()));
        }
    }
}

/// Skips the ASCII characters [`char::is_whitespace`] accepts.
fn skip_ascii_whitespace(input: &str) -> &str {
    let skipped = input
        .bytes()
        .position(|b| !is_space(b))
        .unwrap_or(input.len());
    // All the bytes skipped are ASCII, so this is a character boundary.
    input.get(skipped..).unwrap_or_default()
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

/// One identifier segment: `[A-Za-z_][A-Za-z0-9_]*`.
///
/// Scans bytes directly: the nom combinator form (`satisfy` + `take_while` over
/// `char`s) was the parser's largest self cost (see BENCHMARKS.md). All the
/// bytes taken are ASCII, so the split is on a character boundary.
pub(crate) fn ident_segment(input: &str) -> PResult<'_, &str> {
    match input.split_at_checked(ident_len(input.as_bytes())) {
        Some((name, rest)) if !name.is_empty() => Ok((rest, name)),
        _ => Err(nom::Err::Error(SyntaxError::from_error_kind(
            input,
            ErrorKind::Satisfy,
        ))),
    }
}

/// A possibly namespaced name: `a.b.name`. Stops before `.0` (a flag bit).
/// At most [`MAX_NESTING`](crate::MAX_NESTING) namespaces: each is a module
/// the generated code nests, so deeper is an error, as for types.
///
/// One pass over the bytes; every segment is an [`ident_segment`]. Inlined:
/// its callers are few, and returning the result through memory cost about
/// as much as the scan.
#[inline(always)]
pub(crate) fn full_name(input: &str) -> PResult<'_, &str> {
    let bytes = input.as_bytes();
    let mut len = ident_len(bytes);
    if len > 0 {
        let mut namespaces = 0;
        while bytes.get(len) == Some(&b'.') {
            match ident_len(bytes.get(len + 1..).unwrap_or_default()) {
                0 => break,
                _ if namespaces == crate::MAX_NESTING => {
                    return fail(too_many_namespaces(input.get(len..).unwrap_or_default()));
                }
                segment => {
                    namespaces += 1;
                    len += 1 + segment;
                }
            }
        }
    }
    match input.split_at_checked(len) {
        Some((name, rest)) if len > 0 => Ok((rest, name)),
        _ => Err(nom::Err::Error(SyntaxError::from_error_kind(
            input,
            ErrorKind::Satisfy,
        ))),
    }
}

/// The error for the `.` (at the start of `at`) that opens one namespace
/// more than [`MAX_NESTING`](crate::MAX_NESTING).
#[cold]
fn too_many_namespaces(at: &str) -> SyntaxError {
    SyntaxError::at(
        at,
        Code::NestingTooDeep,
        format!(
            "`.` opens namespace {}: names nest at most {} namespaces deep",
            crate::MAX_NESTING + 1,
            crate::MAX_NESTING
        ),
    )
    .help(format!(
        "write the name with at most {} namespaces (`a.b.name` has 2; Telegram's schemas use 1, TON's 2)",
        crate::MAX_NESTING
    ))
}

/// A decimal number that fits in `u32`.
#[inline(always)]
pub(crate) fn number(input: &str) -> PResult<'_, u32> {
    let len = input.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, rest) = match input.split_at_checked(len) {
        Some(split) if len > 0 => split,
        _ => {
            return Err(nom::Err::Error(SyntaxError::from_error_kind(
                input,
                ErrorKind::Digit,
            )));
        }
    };
    let value = digits.bytes().try_fold(0u32, |n, digit| {
        n.checked_mul(10)?.checked_add(u32::from(digit - b'0'))
    });
    match value {
        Some(n) => Ok((rest, n)),
        None => fail(SyntaxError::covering(
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
    // Nearly every id is written with all 8 digits: decode those in straight
    // line. Anything else takes the general scan below.
    if let Some((digits, after)) = input.as_bytes().split_first_chunk::<8>() {
        if !after.first().is_some_and(|&b| is_ident_char(b)) {
            let mut value = 0u32;
            let mut is_hex = true;
            for &b in digits {
                let digit = hex_digit(b);
                is_hex &= digit < 16;
                value = value << 4 | u32::from(digit & 15);
            }
            // The 8 bytes are ASCII hexadecimal digits, so this is a
            // character boundary.
            if let (true, Some(rest)) = (is_hex, input.get(8..)) {
                return Ok((rest, value));
            }
        }
    }
    // The word is what an identifier may contain, so that `#12g4` is
    // reported as one bad id rather than as an id followed by `g4`. It is
    // decoded as it is scanned; whether it is a valid id is decided after.
    let mut len = 0;
    let mut value = 0u32;
    let mut is_hex = true;
    for &b in input.as_bytes() {
        let digit = hex_digit(b);
        if digit == HEX_NOT_IDENT {
            break;
        }
        is_hex &= digit != HEX_OTHER_IDENT;
        // Up to 8 hexadecimal digits always fit in a `u32`.
        value = value.wrapping_shl(4) | u32::from(digit & 15);
        len += 1;
    }
    let Some((word, rest)) = input.split_at_checked(len).filter(|_| len > 0) else {
        let mut e = SyntaxError::expected(input, "1 to 8 hexadecimal digits after `#`");
        if !input.is_empty() {
            e.code = Code::InvalidId;
        }
        return fail(e.help(
            "write the constructor id in hexadecimal, e.g. `#1cb5c415`, or leave it out to have it computed",
        ));
    };
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
    Ok((rest, value))
}

/// Expects the literal `token` (after trivia), failing with `what` otherwise.
#[inline(always)]
pub(crate) fn expect<'a>(
    input: &'a str,
    token: &'static str,
    what: &'static str,
) -> PResult<'a, ()> {
    let (input, _) = trivia(input)?;
    match input.strip_prefix(token) {
        Some(rest) => Ok((rest, ())),
        None => fail(SyntaxError::expected(input, what)),
    }
}

/// Consumes `token` if it comes next (after trivia).
#[inline(always)]
pub(crate) fn accept<'a>(input: &'a str, token: &'static str) -> PResult<'a, bool> {
    let (after_trivia, _) = trivia(input)?;
    match after_trivia.strip_prefix(token) {
        Some(rest) => Ok((rest, true)),
        None => Ok((input, false)),
    }
}

/// A character in a comment that makes the comment show otherwise than it
/// reads: [`surprising_comment_characters`] finds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Surprise {
    /// Byte offset of the character.
    pub offset: usize,
    /// The character.
    pub c: char,
    /// Its Unicode name.
    pub name: &'static str,
    /// What it does to the comment.
    pub kind: SurpriseKind,
}

/// What a [`Surprise`] does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SurpriseKind {
    /// Inside a `//` comment, a character Unicode counts as a mandatory line
    /// break but [`line_end`] does not: editors may show the rest of the line
    /// as a line of its own, yet it is still comment.
    LineBreak,
    /// A bidirectional control: the text around it may display in another
    /// order than it is read ("Trojan Source").
    Bidi,
}

/// The characters of `text`'s comments that make them show otherwise than
/// they read, in order.
///
/// TL has no string literals, so every `//` or `/*` outside a comment starts
/// one; this follows [`trivia`]'s rule without parsing the definitions
/// (an unterminated `/*` runs to the end here; the parser reports it).
pub(crate) fn surprising_comment_characters(text: &str) -> Vec<Surprise> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(slash) = text.get(at..).and_then(|rest| rest.find('/')) {
        let start = at + slash;
        let after = text.get(start + 1..).unwrap_or_default();
        let (body_start, body, line_comment) = if after.starts_with('/') {
            let body = after.get(1..).unwrap_or_default();
            (
                start + 2,
                body.get(..line_end(body)).unwrap_or_default(),
                true,
            )
        } else if after.starts_with('*') {
            let body = after.get(1..).unwrap_or_default();
            (
                start + 2,
                body.get(..body.find("*/").unwrap_or(body.len()))
                    .unwrap_or_default(),
                false,
            )
        } else {
            at = start + 1;
            continue;
        };
        // Comments are nearly always plain ASCII: only those that are not
        // are looked at character by character.
        if body
            .bytes()
            .any(|b| b == 0x0B || b == 0x0C || !b.is_ascii())
        {
            for (i, c) in body.char_indices() {
                let (name, kind) = match surprise(c) {
                    Some((_, SurpriseKind::LineBreak)) if !line_comment => continue,
                    Some(s) => s,
                    None => continue,
                };
                found.push(Surprise {
                    offset: body_start + i,
                    c,
                    name,
                    kind,
                });
            }
        }
        // Past the comment and its `*/`; a `//` comment's line break is not
        // a comment start.
        at = (body_start + body.len() + if line_comment { 0 } else { 2 }).min(text.len());
    }
    found
}

/// Whether `c` is a [`Surprise`] (inside a `//` comment), with its name.
fn surprise(c: char) -> Option<(&'static str, SurpriseKind)> {
    use SurpriseKind::{Bidi, LineBreak};
    Some(match c {
        // Unicode's mandatory breaks (UAX #14: BK and NL) besides CR and LF.
        '\u{0B}' => ("LINE TABULATION", LineBreak),
        '\u{0C}' => ("FORM FEED", LineBreak),
        '\u{85}' => ("NEXT LINE", LineBreak),
        '\u{2028}' => ("LINE SEPARATOR", LineBreak),
        '\u{2029}' => ("PARAGRAPH SEPARATOR", LineBreak),
        // The embeddings, overrides and isolates, as rustc refuses them.
        '\u{202A}' => ("LEFT-TO-RIGHT EMBEDDING", Bidi),
        '\u{202B}' => ("RIGHT-TO-LEFT EMBEDDING", Bidi),
        '\u{202C}' => ("POP DIRECTIONAL FORMATTING", Bidi),
        '\u{202D}' => ("LEFT-TO-RIGHT OVERRIDE", Bidi),
        '\u{202E}' => ("RIGHT-TO-LEFT OVERRIDE", Bidi),
        '\u{2066}' => ("LEFT-TO-RIGHT ISOLATE", Bidi),
        '\u{2067}' => ("RIGHT-TO-LEFT ISOLATE", Bidi),
        '\u{2068}' => ("FIRST STRONG ISOLATE", Bidi),
        '\u{2069}' => ("POP DIRECTIONAL ISOLATE", Bidi),
        _ => return None,
    })
}
