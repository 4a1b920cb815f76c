//! Doc comments of generated items: the TL definition each item came from and the
//! schema's own documentation.

use proc_macro2::TokenStream;
use quote::quote;
use tl_parser::{Combinator, Field, Kind};

/// `#[doc]` attributes, one per line (printed as `///` comments).
pub(crate) fn attrs<S: AsRef<str>>(lines: &[S]) -> TokenStream {
    let lines = lines.iter().map(|line| {
        let line = line.as_ref();
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #text])
    });
    quote!(#(#lines)*)
}

/// One line of schema text made safe for Markdown: brackets and angle brackets
/// would be read as links and HTML tags by rustdoc, and a line starting like a
/// list item, heading, quote, table or code fence would change the structure of
/// the doc comment (a code block would even become a doctest), so its first
/// character is escaped too. Leading white space is dropped for the same reason.
pub(crate) fn escape(text: &str) -> String {
    let text = text.trim();
    let mut out = String::with_capacity(text.len() + 2);
    let after_digits = text.trim_start_matches(|c: char| c.is_ascii_digit());
    let number = text.len() - after_digits.len();
    if number > 0 && after_digits.starts_with(['.', ')']) {
        // `1.` starts a numbered list; `1\.` does not.
        out.push_str(text.get(..number).unwrap_or_default());
        out.push('\\');
        out.push_str(after_digits);
        return escape_inline(&out);
    }
    // `>` (a quote) is escaped below with the other angle brackets.
    if text.starts_with(['-', '*', '+', '#', '=', '|', '`', '~']) {
        out.push('\\');
    }
    out.push_str(text);
    escape_inline(&out)
}

/// Escapes the characters rustdoc would read as links or HTML tags, and makes URLs
/// autolinks (`<https://...>`: rustdoc warns about bare ones).
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("<http://") || rest.starts_with("<https://") {
            let autolink = rest
                .find('>')
                .and_then(|end| rest.get(..=end))
                .filter(|link| !link.contains(char::is_whitespace));
            if let Some(link) = autolink {
                out.push_str(link);
                rest = rest.get(link.len()..).unwrap_or_default();
                continue;
            }
        }
        if rest.starts_with("http://") || rest.starts_with("https://") {
            let end = rest
                .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
                .unwrap_or(rest.len());
            let url = rest
                .get(..end)
                .unwrap_or_default()
                .trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = rest.get(url.len()..).unwrap_or_default();
            continue;
        }
        if matches!(c, '[' | ']' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
    }
    out
}

/// The lines of a fenced `text` block holding `code` (never closed early: a fence
/// inside the code is made longer than any run of backticks in it).
fn code_block(code: &str, lines: &mut Vec<String>) {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    lines.push(format!("{fence}text"));
    lines.push(code.to_owned());
    lines.push(fence);
}

/// The documentation paragraph of a combinator from the schema, if any.
fn schema_doc(c: &Combinator) -> Option<String> {
    let doc = c.doc.as_ref()?;
    let summary = doc.summary();
    let summary = summary.trim();
    (!summary.is_empty()).then(|| summary.to_owned())
}

/// Doc lines of the struct of constructor or function `c`: what it is, the
/// schema's documentation, then the definition.
pub(crate) fn combinator(c: &Combinator, extra: &[String]) -> Vec<String> {
    let result = match &c.result {
        tl_parser::Ty::Boxed(name) => name.full(),
        other => crate::docs::ty(other),
    };
    let mut lines = vec![match c.kind {
        Kind::Constructor => format!(
            "Constructor `{}` (id `{:#010x}`) of type `{}`.",
            c.name, c.id, result
        ),
        Kind::Function => format!(
            "Function `{}` (id `{:#010x}`), returning `{}`.",
            c.name, c.id, result
        ),
    }];
    if let Some(doc) = schema_doc(c) {
        lines.push(String::new());
        lines.extend(doc.lines().map(escape));
    }
    lines.push(String::new());
    code_block(&format!("{};", c.definition), &mut lines);
    if !extra.is_empty() {
        lines.push(String::new());
        lines.extend(extra.iter().cloned());
    }
    lines
}

/// The text of field `field` as written in `c`'s definition (`out:flags.1?true`),
/// taken from the definition so it matches it exactly.
pub(crate) fn field_text(c: &Combinator, field: &Field) -> String {
    let prefix = format!("{}:", field.name);
    c.definition
        .split(' ')
        .skip(1)
        .find(|token| token.starts_with(&prefix))
        .map_or_else(
            || format!("{}:{}", field.name, ty(&field.ty)),
            str::to_owned,
        )
}

/// The schema's `@field` documentation of `field`, escaped, if any.
pub(crate) fn field_doc(field: &Field) -> Option<String> {
    field
        .doc
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(escape)
}

/// A TL type in canonical form.
pub(crate) fn ty(t: &tl_parser::Ty) -> String {
    use tl_parser::Ty;
    match t {
        Ty::Builtin(b) => b.tl_name().to_owned(),
        Ty::Flags => "#".to_owned(),
        Ty::True => "true".to_owned(),
        Ty::Boxed(name) => name.full(),
        Ty::Bare(name) => format!("%{name}"),
        Ty::Vector { boxed, item } => {
            let head = if *boxed { "Vector" } else { "vector" };
            format!("{head}<{}>", ty(item))
        }
        Ty::Param { name, bang } => format!("{}{name}", if *bang { "!" } else { "" }),
        Ty::Object => "Object".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_escaped() {
        assert_eq!(escape("see [x] <b> a_b"), "see \\[x\\] \\<b\\> a_b");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("    code"), "code");
        assert_eq!(escape("```rust"), "\\```rust");
        assert_eq!(escape("12. twelve"), "12\\. twelve");
        assert_eq!(escape("3) three"), "3\\) three");
        assert_eq!(escape("12 monkeys"), "12 monkeys");
        assert_eq!(escape("# title"), "\\# title");
        assert_eq!(escape("> quote"), "\\> quote");
        assert_eq!(
            escape("see https://core.telegram.org/api, or <https://x.y/z>."),
            "see <https://core.telegram.org/api>, or <https://x.y/z>."
        );
        assert_eq!(escape("(http://a.b)"), "(<http://a.b>)");
    }

    #[test]
    fn fences_outgrow_backticks_in_the_code() {
        let mut lines = Vec::new();
        code_block("a ```` b", &mut lines);
        assert_eq!(lines, ["`````text", "a ```` b", "`````"]);
    }
}
