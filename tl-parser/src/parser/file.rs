//! The file-level loop: comments, documentation, section markers, layer,
//! and recovery after a malformed definition.

use super::bytes::is_space;
use super::definition::{Ctx, definition};
use super::doc;
use super::error::SyntaxError;
use super::lexical::block_comment;
use crate::ast::{File, Number, Section};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::{FileId, Location, Span};

/// Parses a whole file. Returns every definition that parsed and one
/// diagnostic per malformed one; parsing resumes after each error.
pub fn parse_file(file: FileId, text: &str) -> (File<'_>, Vec<Diagnostic>) {
    let ctx = Ctx { len: text.len() };
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
            let line_end = rest.find('\n').unwrap_or(rest.len());
            let marker = rest[..line_end].trim_end();
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
            rest = &rest[line_end..];
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
    (out, diagnostics)
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
        None | Some(b'\n') => true,
        // Right after a definition's `;`, the common case.
        Some(&b) if b.is_ascii() && !is_space(b) => false,
        _ => before
            .chars()
            .rev()
            .take_while(|&c| c != '\n')
            .all(char::is_whitespace),
    };
    while let Some(c) = rest.chars().next() {
        if c == '\n' {
            if clean_line {
                classes.extend(doc::class(&docs));
                docs.clear();
            }
            clean_line = true;
            rest = &rest[1..];
        } else if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
        } else if let Some(comment) = rest.strip_prefix("//") {
            let end = comment.find('\n').unwrap_or(comment.len());
            let body = comment[..end].trim_end_matches('\r');
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
fn recover(start: &str, rest_at: usize) -> &str {
    let error_pos = start.len().saturating_sub(rest_at);
    let from = error_pos.max(1).min(start.len());
    let mut i = from;
    // Make sure we begin on a character boundary.
    while i < start.len() && !start.is_char_boundary(i) {
        i += 1;
    }
    let tail = &start[i..];
    let semicolon = tail.find(';').map(|p| i + p + 1);
    let new_line = tail.match_indices('\n').map(|(p, _)| i + p + 1).find(|&p| {
        start[p..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '-')
    });
    let resume = match (semicolon, new_line) {
        (Some(a), Some(b)) => a.min(b),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => start.len(),
    };
    &start[resume..]
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
