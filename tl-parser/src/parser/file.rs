//! The file-level loop: comments, documentation, section markers, layer,
//! and recovery after a malformed definition.

use super::bytes::is_space;
use super::definition::{Ctx, definition};
use super::doc;
use super::error::SyntaxError;
use super::lexical::{Surprise, SurpriseKind, block_comment, surprising_comment_characters};
use crate::ast::{File, Number, Section};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::{FileId, Location, Span, line_break_len, line_end};

/// Parses a whole file. Returns every definition that parsed, one
/// diagnostic per malformed one (parsing resumes after each error), and a
/// warning for each character that makes a comment show otherwise than it
/// reads (a line break TL does not count as one, a bidirectional control).
pub fn parse_file(file: FileId, text: &str) -> (File<'_>, Vec<Diagnostic>) {
    let ctx = Ctx {
        len: text.len(),
        depth: 0,
    };
    let mut out = File {
        definitions: Vec::new(),
        layer: None,
        classes: Vec::new(),
    };
    let mut diagnostics = Vec::new();
    let mut section = Section::Types;
    let mut rest = text;
    loop {
        let (after, docs, layer) = match leading_trivia(ctx, text, rest, &mut out.classes) {
            Ok(t) => t,
            Err(e) => {
                diagnostics.push(to_diagnostic(ctx, file, &e));
                break;
            }
        };
        if let Some(layer) = layer {
            out.layer = Some(layer);
        }
        rest = after;
        if rest.is_empty() {
            break;
        }
        if rest.starts_with("---") {
            let line_end = line_end(rest);
            let marker = rest.get(..line_end).unwrap_or_default().trim_end();
            // TDLib's parser also reads the markers with spaces inside the dashes
            // (`--- functions ---`).
            let word = marker
                .strip_prefix("---")
                .and_then(|m| m.strip_suffix("---"))
                .map(str::trim);
            match word {
                Some("functions") => section = Section::Functions,
                Some("types") => section = Section::Types,
                _ => diagnostics.push(
                    Diagnostic::error(
                        Code::UnknownSection,
                        Location {
                            file,
                            span: ctx.span(rest, &rest[marker.len()..]),
                        },
                        format!("unknown section marker `{marker}`"),
                    )
                    .with_help("the only section markers are `---functions---` and `---types---`"),
                ),
            }
            rest = rest.get(line_end..).unwrap_or_default();
            continue;
        }
        match definition(ctx, section, rest, &mut out.definitions) {
            Ok(after) => {
                if let (false, Some(def)) = (docs.is_empty(), out.definitions.last_mut()) {
                    out.classes.extend(doc::class(&docs));
                    def.doc = doc::build(&docs).map(Box::new);
                }
                rest = after;
            }
            Err(nom::Err::Error(e) | nom::Err::Failure(e)) => {
                diagnostics.push(to_diagnostic(ctx, file, &e));
                rest = recover(rest, e.rest_at);
            }
            Err(nom::Err::Incomplete(_)) => {
                diagnostics.push(to_diagnostic(
                    ctx,
                    file,
                    &SyntaxError::expected("", "the rest of the definition"),
                ));
                break;
            }
        }
    }
    diagnostics.extend(
        surprising_comment_characters(text)
            .into_iter()
            .map(|s| surprise_warning(file, s)),
    );
    (out, diagnostics)
}

/// The warning for a [`Surprise`] in a comment.
fn surprise_warning(file: FileId, s: Surprise) -> Diagnostic {
    let location = Location {
        file,
        span: Span::new(s.offset, s.offset + s.c.len_utf8()),
    };
    let what = format!("U+{:04X} ({})", u32::from(s.c), s.name);
    match s.kind {
        SurpriseKind::LineBreak => Diagnostic::warning(
            Code::LineBreakInComment,
            location,
            format!("`//` comment goes on past {what}, which editors may show as a line break"),
        )
        .with_label("the comment does not end here")
        .with_note("a `//` comment ends only at `\n`, `\r\n` or `\r`: the rest of this line is comment, not schema")
        .with_help("remove the character; if the text after it is meant as a definition, start a new line for it"),
        SurpriseKind::Bidi => Diagnostic::warning(
            Code::BidiControlInComment,
            location,
            format!("comment holds {what}, a bidirectional control character"),
        )
        .with_label("changes the order the text around it is shown in")
        .with_note("text around it may display in another order than tlgen reads it (\"Trojan Source\", CVE-2021-42574)")
        .with_help("remove the character; right-to-left text needs no direction controls"),
    }
}

/// Skips white space and comments before a definition. Returns the comment
/// lines that stand directly above it (no blank line in between) and any
/// `// LAYER N` seen; a comment block standing on its own that documents a
/// class (`//@class Name @description …`) goes to `classes`.
fn leading_trivia<'a>(
    ctx: Ctx,
    text: &'a str,
    mut rest: &'a str,
    classes: &mut Vec<(String, String)>,
) -> Result<(&'a str, Vec<&'a str>, Option<Number>), SyntaxError> {
    let mut docs: Vec<&str> = Vec::new();
    let mut layer = None;
    // Whether only white space has been seen since the start of this line.
    // (Scanned backwards from `rest`: usually it starts a line and this stops
    // at once.)
    let before = text.get(..ctx.offset(rest)).unwrap_or("");
    let mut clean_line = match before.as_bytes().last() {
        None | Some(b'\n' | b'\r') => true,
        // Right after a definition's `;`, the common case.
        Some(&b) if b.is_ascii() && !is_space(b) => false,
        _ => before
            .chars()
            .rev()
            .take_while(|&c| c != '\n' && c != '\r')
            .all(char::is_whitespace),
    };
    while let Some(c) = rest.chars().next() {
        let line_break = line_break_len(rest.as_bytes());
        if line_break > 0 {
            if clean_line {
                classes.extend(doc::class(&docs));
                docs.clear();
            }
            clean_line = true;
            rest = rest.get(line_break..).unwrap_or_default();
        } else if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
        } else if let Some(comment) = rest.strip_prefix("//") {
            let end = line_end(comment);
            let body = comment.get(..end).unwrap_or_default();
            if let Some(n) = layer_number(body) {
                layer = Some(Number {
                    value: n,
                    span: ctx.span(rest, &comment[end..]),
                });
                docs.clear();
            } else if !clean_line || body.trim_start_matches('/').trim().is_empty() {
                // A trailing comment or a separator line documents nothing.
                docs.clear();
            } else {
                docs.push(body);
            }
            clean_line = false;
            rest = &comment[end..];
        } else if rest.starts_with("/*") {
            rest = block_comment(rest)
                .map_err(|e| match e {
                    nom::Err::Error(e) | nom::Err::Failure(e) => e,
                    nom::Err::Incomplete(_) => SyntaxError::expected("", "`*/`"),
                })?
                .0;
            docs.clear();
            clean_line = false;
        } else {
            break;
        }
    }
    Ok((rest, docs, layer))
}

/// `LAYER 230` in `// LAYER 230`.
fn layer_number(comment: &str) -> Option<u32> {
    let words: Vec<&str> = comment.split_whitespace().collect();
    match words.as_slice() {
        [keyword, n] if keyword.eq_ignore_ascii_case("layer") => n.parse().ok(),
        _ => None,
    }
}

/// Where to resume after a malformed definition starting at `start` whose
/// error lies `rest_at` bytes before the end: just past the next `;`, or at
/// the next line that starts a new definition in column 1, whichever is first.
///
/// One forward scan that stops there: looking for the `;` first could scan
/// to the end of the file on every error of a file without one.
fn recover(start: &str, rest_at: usize) -> &str {
    let error_pos = start.len().saturating_sub(rest_at);
    let bytes = start.as_bytes();
    let mut i = error_pos.max(1).min(start.len());
    while let Some(&b) = bytes.get(i) {
        i += 1;
        // After `\r\n`, the position after the `\r` starts with `\n`: no name.
        let starts_definition = || {
            bytes
                .get(i)
                .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'-')
        };
        if b == b';' || (matches!(b, b'\n' | b'\r') && starts_definition()) {
            break;
        }
    }
    // Both stops are right after an ASCII byte: a character boundary.
    start.get(i..).unwrap_or_default()
}

/// Converts a parser error to a diagnostic.
fn to_diagnostic(ctx: Ctx, file: FileId, e: &SyntaxError) -> Diagnostic {
    let start = ctx.len.saturating_sub(e.rest_at);
    let span = Span::new(start, (start + e.width).min(ctx.len));
    let mut d = Diagnostic::error(e.code, Location { file, span }, e.message.render());
    if let Some(help) = &e.help {
        d = d.with_help(help.clone());
    }
    d
}
