//! Documentation comments: plain `//` lines and the `//@description … @field …` form.

use crate::ast::Doc;

/// Builds a [`Doc`] from the comment lines directly above a definition
/// (each without its leading `//`). Returns `None` when nothing is left.
pub(crate) fn build(lines: &[&str]) -> Option<Doc> {
    let lines: Vec<String> = lines
        .iter()
        .map(|l| l.trim_start_matches('/').trim().to_owned())
        .collect();
    if lines.iter().all(String::is_empty) {
        return None;
    }
    let mut doc = Doc {
        lines: lines.clone(),
        ..Doc::default()
    };
    // The tdlib form: `@name text` entries, continued on `-` lines.
    if lines.first().is_some_and(|l| l.starts_with('@')) {
        let mut joined = String::new();
        for line in &lines {
            let text = line.strip_prefix('-').unwrap_or(line).trim();
            if !joined.is_empty() {
                joined.push(' ');
            }
            joined.push_str(text);
        }
        for entry in split_entries(&joined) {
            let (name, text) = entry.split_once(' ').unwrap_or((entry, ""));
            let text = text.trim().to_owned();
            match name {
                "description" => doc.description = Some(text),
                "class" => {}
                _ => doc.fields.push((name.to_owned(), text)),
            }
        }
    }
    Some(doc)
}

/// The class a comment block documents, TDLib's `//@class Name @description
/// text` (continued on `//-` lines): the type name and the description.
pub(crate) fn class(lines: &[&str]) -> Option<(String, String)> {
    let doc = build(lines)?;
    let first = doc.lines.first()?.strip_prefix("@class ")?;
    let name = first.split_whitespace().next()?.to_owned();
    Some((name, doc.description.unwrap_or_default()))
}

/// Splits `@a text @b text` into `a text`, `b text`. An `@` counts only at
/// the start or after white space, so e-mail addresses stay in the text.
fn split_entries(text: &str) -> Vec<&str> {
    let mut starts = Vec::new();
    let mut previous = ' ';
    for (i, c) in text.char_indices() {
        if c == '@' && previous.is_whitespace() {
            starts.push(i);
        }
        previous = c;
    }
    starts
        .iter()
        .enumerate()
        .map(|(n, &s)| {
            let end = starts.get(n + 1).copied().unwrap_or(text.len());
            text[s + 1..end].trim()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lines_are_kept() {
        let doc = build(&[" Join a group call", " second line"]);
        let doc = doc.unwrap_or_default();
        assert_eq!(doc.lines, vec!["Join a group call", "second line"]);
        assert_eq!(doc.summary(), "Join a group call\nsecond line");
        assert_eq!(doc.description, None);
    }

    #[test]
    fn tdlib_form_is_split_into_description_and_fields() {
        let doc = build(&[
            "@description Sends a message @chat_id Target chat",
            "-continued here @text Text, e.g. a@b.c",
        ])
        .unwrap_or_default();
        assert_eq!(doc.description.as_deref(), Some("Sends a message"));
        assert_eq!(doc.field("chat_id"), Some("Target chat continued here"));
        assert_eq!(doc.field("text"), Some("Text, e.g. a@b.c"));
    }

    #[test]
    fn a_class_comment_names_its_type_and_description() {
        let lines = [
            "@class AuthenticationCodeType @description Provides information",
            "-about the code",
        ];
        assert_eq!(
            class(&lines),
            Some((
                "AuthenticationCodeType".to_owned(),
                "Provides information about the code".to_owned()
            ))
        );
        assert_eq!(class(&["@description Not a class"]), None);
    }

    #[test]
    fn empty_comments_give_no_doc() {
        assert_eq!(build(&["", "///"]), None);
    }
}
