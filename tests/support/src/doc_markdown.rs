//! What the doc comments of generated code are, as rustdoc reads them (the
//! `doc-markdown` feature): [`problems`] parses the code with syn, renders the
//! doc comment of every item, field and variant with pulldown-cmark (the
//! Markdown parser rustdoc uses, with the extensions rustdoc turns on) and lists
//! every piece of structure tl-codegen never writes itself.
//!
//! tl-codegen writes paragraphs of escaped text, inline code, links to Rust
//! paths and to `http(s)` pages, fenced `text` blocks of one TL definition, the
//! heading `Errors` and the table of a function's errors below it. Anything else
//! (another code block, which rustdoc would run as a doctest, HTML, a list, a
//! quote, a rule, a footnote, a link elsewhere, a character a doc comment cannot
//! hold) came from text that was not escaped.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use syn::visit::{self, Visit};

/// The doc comments of `code` (a generated module): one string per item,
/// field or variant that has one, the lines joined as rustdoc joins them.
///
/// # Errors
/// When `code` does not parse as a Rust file.
pub fn doc_comments(code: &str) -> Result<Vec<String>, syn::Error> {
    let file = syn::parse_file(code)?;
    let mut docs = Docs(Vec::new());
    docs.visit_file(&file);
    Ok(docs.0)
}

/// Every doc comment of `code` whose Markdown holds something tl-codegen does
/// not write (see the [module](self) docs), each with the reason; empty when all
/// is as written.
///
/// # Errors
/// When `code` does not parse as a Rust file.
pub fn problems(code: &str) -> Result<Vec<String>, syn::Error> {
    Ok(doc_comments(code)?
        .iter()
        .flat_map(|doc| {
            problems_of(doc)
                .into_iter()
                .map(move |p| format!("{p}\n  in: {doc:?}"))
        })
        .collect())
}

/// The problems of one doc comment.
pub fn problems_of(doc: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(c) = doc
        .chars()
        .find(|&c| c == '\r' || (c.is_control() && c != '\n') || is_bidi_control(c))
    {
        problems.push(format!("holds the character {c:?}"));
    }
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut in_code_block = false;
    // The cells of the table's head and of the current row.
    let mut head: Vec<String> = Vec::new();
    let mut row_cells = 0;
    let mut in_head = false;
    let mut heading_text: Option<String> = None;
    for (event, range) in Parser::new_ext(doc, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code_block = true;
                match kind {
                    CodeBlockKind::Fenced(info) if &*info == "text" => {}
                    other => problems.push(format!("a code block: {other:?}")),
                }
            }
            Event::Text(text) if in_code_block => {
                let body = text.strip_suffix('\n').unwrap_or(&text);
                if body.contains('\n') || !body.ends_with(';') {
                    problems.push(format!(
                        "a code block that is not one TL definition: {body:?}"
                    ));
                }
            }
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Start(Tag::Heading { level, .. }) => {
                if level != HeadingLevel::H1 {
                    problems.push(format!("a heading of level {level:?}"));
                }
                heading_text = Some(String::new());
            }
            Event::Text(text) if heading_text.is_some() => {
                if let Some(heading) = heading_text.as_mut() {
                    heading.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(text) = heading_text
                    .take()
                    .filter(|t| !HEADINGS.contains(&t.as_str()))
                {
                    problems.push(format!("a heading: {text:?}"));
                }
            }
            Event::Start(Tag::TableHead) => {
                head.clear();
                in_head = true;
            }
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                if !TABLE_HEADS.iter().any(|h| h[..] == head[..]) {
                    problems.push(format!("a table headed {head:?}"));
                }
            }
            Event::Start(Tag::TableRow) => {
                row_cells = 0;
                // Markdown drops cells beyond the head's: count the row's
                // separators in its text instead (each `|` not escaped).
                let source = doc.get(range).unwrap_or_default();
                let separators = source
                    .char_indices()
                    .filter(|&(i, c)| c == '|' && !source[..i].ends_with('\\'))
                    .count();
                if separators != head.len() + 1 {
                    problems.push(format!(
                        "a table row of {} cells under {head:?}",
                        separators.saturating_sub(1)
                    ));
                }
            }
            Event::Start(Tag::TableCell) if in_head => head.push(String::new()),
            Event::Start(Tag::TableCell) => row_cells += 1,
            Event::Text(text) | Event::Code(text) if in_head => {
                if let Some(cell) = head.last_mut() {
                    cell.push_str(&text);
                }
            }
            Event::End(TagEnd::TableRow) if row_cells != head.len() => {
                problems.push(format!("a table row of {row_cells} cells under {head:?}"));
            }
            Event::Start(Tag::Link { dest_url, .. }) if !is_written_link(&dest_url) => {
                problems.push(format!("a link to {dest_url:?}"));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                problems.push(format!("an image: {dest_url:?}"));
            }
            Event::Start(
                tag @ (Tag::List(_)
                | Tag::Item
                | Tag::BlockQuote(_)
                | Tag::FootnoteDefinition(_)
                | Tag::HtmlBlock
                | Tag::Strikethrough
                | Tag::Emphasis
                | Tag::Strong),
            ) => problems.push(format!("structure: {tag:?}")),
            Event::Html(html) | Event::InlineHtml(html) => {
                problems.push(format!("HTML: {html:?}"));
            }
            Event::Rule => problems.push("a horizontal rule".to_owned()),
            Event::FootnoteReference(name) => problems.push(format!("a footnote: {name:?}")),
            Event::TaskListMarker(_) => problems.push("a task list marker".to_owned()),
            Event::HardBreak => problems.push("a hard line break".to_owned()),
            _ => {}
        }
    }
    problems
}

/// The headings tl-codegen writes: a function's errors, and the module docs'
/// table of TL types.
const HEADINGS: &[&str] = &["Errors", "How TL types are represented"];

/// The heads of the tables tl-codegen writes under those headings.
const TABLE_HEADS: &[&[&str]] = &[&["Code", "Type", "Description"], &["TL", "Rust"]];

/// Whether tl-codegen writes links to `url`: a page on the web or a Rust path
/// (an intra-doc link such as `super::enums::Updates`).
fn is_written_link(url: &str) -> bool {
    let web = url.starts_with("https://") || url.starts_with("http://");
    let rust_path = !url.is_empty()
        && url.split("::").all(|segment| {
            !segment.is_empty()
                && segment
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '#')
        });
    web || rust_path
}

/// The bidirectional controls rustc refuses in comments.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Collects the doc comment of everything that can have one.
struct Docs(Vec<String>);

impl Docs {
    fn add(&mut self, attrs: &[syn::Attribute]) {
        let lines: Vec<String> = attrs
            .iter()
            .filter(|a| a.path().is_ident("doc"))
            .filter_map(|a| match &a.meta {
                syn::Meta::NameValue(syn::MetaNameValue {
                    value:
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(text),
                            ..
                        }),
                    ..
                }) => Some(text.value()),
                _ => None,
            })
            .collect();
        if lines.is_empty() {
            return;
        }
        // rustdoc removes the indentation common to the lines.
        let indent = lines
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.len() - l.trim_start_matches(' ').len())
            .min()
            .unwrap_or(0);
        let text: Vec<&str> = lines
            .iter()
            .map(|l| l.get(indent..).unwrap_or(""))
            .collect();
        self.0.push(text.join("\n"));
    }
}

impl<'ast> Visit<'ast> for Docs {
    fn visit_file(&mut self, node: &'ast syn::File) {
        self.add(&node.attrs);
        visit::visit_file(self, node);
    }
    fn visit_item_mod(&mut self, node: &'ast syn::ItemMod) {
        self.add(&node.attrs);
        visit::visit_item_mod(self, node);
    }
    fn visit_item_struct(&mut self, node: &'ast syn::ItemStruct) {
        self.add(&node.attrs);
        visit::visit_item_struct(self, node);
    }
    fn visit_item_enum(&mut self, node: &'ast syn::ItemEnum) {
        self.add(&node.attrs);
        visit::visit_item_enum(self, node);
    }
    fn visit_variant(&mut self, node: &'ast syn::Variant) {
        self.add(&node.attrs);
        visit::visit_variant(self, node);
    }
    fn visit_field(&mut self, node: &'ast syn::Field) {
        self.add(&node.attrs);
        visit::visit_field(self, node);
    }
    fn visit_item_fn(&mut self, node: &'ast syn::ItemFn) {
        self.add(&node.attrs);
        visit::visit_item_fn(self, node);
    }
    fn visit_item_const(&mut self, node: &'ast syn::ItemConst) {
        self.add(&node.attrs);
        visit::visit_item_const(self, node);
    }
    fn visit_item_type(&mut self, node: &'ast syn::ItemType) {
        self.add(&node.attrs);
        visit::visit_item_type(self, node);
    }
    fn visit_item_impl(&mut self, node: &'ast syn::ItemImpl) {
        self.add(&node.attrs);
        visit::visit_item_impl(self, node);
    }
    fn visit_impl_item_fn(&mut self, node: &'ast syn::ImplItemFn) {
        self.add(&node.attrs);
        visit::visit_impl_item_fn(self, node);
    }
    fn visit_impl_item_const(&mut self, node: &'ast syn::ImplItemConst) {
        self.add(&node.attrs);
        visit::visit_impl_item_const(self, node);
    }
    fn visit_impl_item_type(&mut self, node: &'ast syn::ImplItemType) {
        self.add(&node.attrs);
        visit::visit_impl_item_type(self, node);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_tl_codegen_writes_is_no_problem() {
        let doc = "Constructor `updateShort` (id `0x78d4dec1`) of type `Updates`.\n\n\
                   A \\<b\\> \\[x\\] \\`y\\` see <https://core.telegram.org/api> and \
                   [¹](https://a.b/c), [`Updates`](super::enums::Updates).\n\n\
                   ```text\nupdateShort#78d4dec1 update:Update date:int = Updates;\n```\n\n\
                   # Errors\n\n| Code | Type | Description |\n|---|---|---|\n\
                   | 400 | `GROUPCALL_INVALID` | The group call is invalid. |";
        assert_eq!(problems_of(doc), Vec::<String>::new());
    }

    #[test]
    fn structure_from_outside_is_found() {
        for (doc, expected) in [
            ("para\n\n    assert!(false);", "a code block: Indented"),
            ("```\nx\n```", "a code block: Fenced(Borrowed(\"\"))"),
            (
                "```text\na;\nb;\n```",
                "a code block that is not one TL definition: \"a;\\nb;\"",
            ),
            ("- item", "structure: List(None)"),
            ("## two", "a heading of level H2"),
            ("# Title", "a heading: \"Title\""),
            ("> quote", "structure: BlockQuote(None)"),
            ("a <script>x</script>", "HTML: Borrowed(\"<script>\")"),
            (
                "[x](javascript:alert(1))",
                "a link to Borrowed(\"javascript:alert(1)\")",
            ),
            ("***", "a horizontal rule"),
            (
                "| x | y |\n|---|---|\n| 1 | 2 |",
                "a table headed [\"x\", \"y\"]",
            ),
            (
                "| Code | Type | Description |\n|---|---|---|\n| 1 | a | b | c |",
                "a table row of 4 cells under [\"Code\", \"Type\", \"Description\"]",
            ),
            ("a \u{202e} b", "holds the character '\\u{202e}'"),
            ("a\rb", "holds the character '\\r'"),
        ] {
            let found = problems_of(doc);
            assert_eq!(
                found.first().map(String::as_str),
                Some(expected),
                "{doc:?}: {found:?}"
            );
        }
    }

    #[test]
    fn doc_comments_are_read_per_item() {
        let code = "/// A\n///\n/// b\nstruct S {\n    /// f\n    f: i32,\n}\n#[doc = \" c\"]\nenum E {\n    /// v\n    V,\n}\n";
        assert_eq!(
            doc_comments(code).map_err(|e| e.to_string()),
            Ok(vec![
                "A\n\nb".to_owned(),
                "f".to_owned(),
                "c".to_owned(),
                "v".to_owned()
            ])
        );
    }
}
