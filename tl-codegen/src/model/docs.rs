//! The documentation of every generated item, decided in the model: what each
//! item is, the TL definition it came from, the schema's own documentation, and
//! what the Rust form of each field means (which bit it depends on, which fields
//! share it, why it is boxed). Emission only turns these lines into `#[doc]`
//! attributes.

use super::layout::MemberKind;
use super::{
    AccessorKind, ErrorEnum, ErrorVariant, Model, Return, Scope, Section, Struct, ValueType,
};
use crate::docs::{Definition, Docs, ErrorEntry};
use tl_parser::{Combinator, Field, Kind};

/// Text from outside (a documentation file, a schema comment) as one line of
/// Markdown that rustdoc renders as written, never as structure or code.
///
/// The result is always a single line: runs of spaces, tabs and line breaks
/// (`\n`, `\r`, U+2028, ...) become one space, and characters a doc comment cannot hold or that change
/// how the text displays (control characters, which include a bare `\r`, and the
/// bidirectional overrides rustc refuses, U+202A-U+202E and U+2066-U+2069) are
/// written out as `\u{..}`. Within the line, brackets, angle brackets,
/// backticks, `*`, `_`, `~`, `&`, `|` and backslashes would be read as links,
/// HTML, code, emphasis, entities or table cells, so they are escaped; a line
/// starting like a list item, heading, quote, table or code fence would change
/// the structure of the doc comment (a code block would even become a doctest),
/// so its first character is escaped too. Leading white space is dropped for the
/// same reason.
pub(crate) fn escape(text: &str) -> String {
    let visible = visible_line(text);
    let text = visible.trim();
    let after_digits = text.trim_start_matches(|c: char| c.is_ascii_digit());
    let number = text.len() - after_digits.len();
    if number > 0 && after_digits.starts_with(['.', ')']) {
        // `1.` starts a numbered list; `1\.` does not.
        let digits = text.get(..number).unwrap_or_default();
        return format!("{digits}\\{}", escape_inline(after_digits));
    }
    // The other characters that can start a block are escaped wherever they are.
    let prefix = if text.starts_with(['-', '+', '#', '=']) {
        "\\"
    } else {
        ""
    };
    format!("{prefix}{}", escape_inline(text))
}

/// `text` on one line, with every character that must not reach a doc comment
/// as it is replaced (see [`escape`]).
fn visible_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_line_break(c) || c == '\t' || c == ' ' {
            // One space for any run of them.
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else if c.is_control() || is_bidi_control(c) {
            // Written as Rust writes the character in a string (`\u{202e}`).
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `c` ends a line in some editor or in Markdown: line feed, carriage
/// return, vertical tab, form feed, next line, line and paragraph separators.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The bidirectional embeddings, overrides and isolates, which make text display
/// in another order than it is read (rustc refuses them in comments and
/// literals: `text_direction_codepoint_in_comment`).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Escapes the characters rustdoc would read as Markdown, and makes URLs
/// autolinks (`<https://...>`: rustdoc warns about bare ones). `text` is one
/// line already made visible ([`visible_line`]).
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("<http://") || rest.starts_with("<https://") {
            // An autolink as written, if it is one: a URL up to the first `>`,
            // with nothing in it that could end it early or open HTML.
            let autolink = rest
                .get(1..)
                .and_then(|r| r.find(|c: char| !is_url_char(c)).map(|end| (r, end)))
                .and_then(|(r, end)| (r.get(end..end + 1) == Some(">")).then(|| end + 2))
                .and_then(|len| rest.get(..len));
            if let Some(link) = autolink {
                out.push_str(link);
                rest = rest.get(link.len()..).unwrap_or_default();
                continue;
            }
        }
        if rest.starts_with("http://") || rest.starts_with("https://") {
            let end = rest.find(|c: char| !is_url_char(c)).unwrap_or(rest.len());
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
        if matches!(
            c,
            '[' | ']' | '<' | '>' | '`' | '*' | '_' | '~' | '&' | '|' | '\\'
        ) {
            out.push('\\');
        }
        out.push(c);
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
    }
    out
}

/// Whether `c` may stand inside a URL written as an autolink (`<...>`): not
/// white space, not a control character, nothing that ends the link or starts
/// HTML or code (`<`, `>`, `"`, `` ` ``), no backslash.
fn is_url_char(c: char) -> bool {
    !(c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '`' | '\\'))
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

/// Fills in the documentation of every item of `model`.
pub(super) fn document(model: &mut Model<'_>) {
    let docs = model.docs.clone();
    let docs = docs.as_deref();
    let extras: Vec<Vec<String>> = model
        .structs
        .iter()
        .map(|s| function_extra(model, s, definition(docs, s.c)))
        .collect();
    for (s, extra) in model.structs.iter_mut().zip(extras) {
        let doc = definition(docs, s.c);
        s.docs = struct_docs(s, doc, &extra);
        s.member_docs = (0..s.layout.members.len())
            .map(|m| member_docs(s, m, doc))
            .collect();
        s.setter_docs = (0..s.layout.members.len())
            .map(|m| setter_docs(s, m, doc))
            .collect();
        s.group_docs = (0..s.layout.members.len())
            .map(|m| group_docs(s, m))
            .collect();
        let field_docs: Vec<Vec<String>> = (0..s.fields.len())
            .map(|i| {
                let mut rest = vec![format!("TL: {}.", field_code(s.c, i))];
                if s.fields.get(i).is_some_and(|f| f.boxed) {
                    rest.push(BOXED.to_owned());
                }
                with_schema_docs(s.c, &[i], doc, rest)
            })
            .collect();
        for (field, docs) in s.fields.iter_mut().zip(field_docs) {
            field.docs = docs;
        }
    }
    let structs = &model.structs;
    for e in &mut model.enums {
        let count = e.variants.len();
        // TDLib documents a type with `//@class Name @description …`.
        let class = e.t.doc.as_deref().map(str::trim).filter(|d| !d.is_empty());
        e.docs = class
            .map(|d| vec![escape(d), String::new()])
            .unwrap_or_default();
        e.docs.push(format!(
            "TL type `{}`, with {count} constructor{}.",
            e.t.name,
            if count == 1 { "" } else { "s" }
        ));
        let type_doc = docs.and_then(|d| d.types.get(&e.t.name.full()));
        if let Some(doc) = type_doc {
            described(doc, &page("type", &e.t.name.full()), &mut e.docs);
        }
        e.docs.push(String::new());
        e.docs.push(
            "Serializes as its variant does (constructor id, then fields); decoding dispatches \
             on the constructor id."
                .to_owned(),
        );
        for v in &mut e.variants {
            let Some(c) = structs.get(v.struct_id).map(|s| s.c) else {
                continue;
            };
            let mut lines = vec![format!("`{}`", c.name), String::new()];
            // The first paragraph says what the constructor is; the rest is on
            // its struct.
            let summary = definition(docs, c).and_then(|d| {
                let first = d.description.first()?;
                Some(linked(first, &d.links))
            });
            if let Some(summary) = summary.filter(|s| !s.is_empty()) {
                lines.push(summary);
                lines.push(String::new());
            }
            code_block(&format!("{};", c.definition), &mut lines);
            v.docs = lines;
        }
        let first = e.variants.first().and_then(|v| structs.get(v.struct_id));
        for a in &mut e.accessors {
            let field = first.and_then(|s| {
                let (member, _) = a.members.first()?;
                let field = s.layout.members.get(*member)?.first_field()?;
                Some(field_code(s.c, field))
            });
            let what = match a.kind {
                AccessorKind::Value => "",
                AccessorKind::Optional => " (`None` where it is absent)",
                AccessorKind::Flag => " (whether its bit is set)",
            };
            a.docs = vec![format!(
                "The `{}` field{what}, which every constructor of `{}` has{}.",
                a.name.text(),
                e.t.name,
                field.map_or_else(String::new, |code| format!(" (TL: {code})"))
            )];
        }
    }
}

/// The note on fields boxed to break a cycle.
const BOXED: &str = "Boxed: the type contains itself through this field.";

/// Doc lines of the struct of `s`, with its documentation `doc` and, for a
/// documented function, `function` (its result and errors).
fn struct_docs(s: &Struct<'_>, doc: Option<&Definition>, function: &[String]) -> Vec<String> {
    let mut extra: Vec<String> = Vec::new();
    let paragraph = |text: String, extra: &mut Vec<String>| {
        if !extra.is_empty() {
            extra.push(String::new());
        }
        extra.push(text);
    };
    // Documented fields without a Rust field (flags words): their text here.
    let mut covered = vec![false; s.c.fields.len()];
    for i in s.layout.members.iter().flat_map(|m| member_fields(&m.kind)) {
        if let Some(c) = covered.get_mut(i) {
            *c = true;
        }
    }
    for (i, field) in s.c.fields.iter().enumerate() {
        let documented = doc.and_then(|d| d.fields.get(&field.name));
        let Some(documented) = documented.filter(|_| !covered.get(i).copied().unwrap_or(false))
        else {
            continue;
        };
        let text = linked(&documented.description, &documented.links);
        if !text.is_empty() {
            paragraph(
                format!("{} (no Rust field): {text}", field_code(s.c, i)),
                &mut extra,
            );
        }
    }
    if !function.is_empty() {
        if !extra.is_empty() {
            extra.push(String::new());
        }
        extra.extend(function.iter().cloned());
    }
    let unstored: Vec<String> =
        s.c.fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.ty == tl_parser::Ty::True && f.condition.is_none())
            .map(|(i, _)| format!("`{}`", field_text(s.c, i)))
            .collect();
    if !unstored.is_empty() {
        paragraph(
            format!(
                "{} carries no data (an unconditional `true`), so it has no field.",
                unstored.join(", ")
            ),
            &mut extra,
        );
    }
    combinator(s.c, doc, &extra)
}

/// The TL fields a member holds or stands for.
fn member_fields(kind: &MemberKind) -> Vec<usize> {
    match kind {
        MemberKind::Plain { field }
        | MemberKind::Optional { field, .. }
        | MemberKind::Nullable { field } => vec![*field],
        MemberKind::Flag { fields, .. } => fields.clone(),
        MemberKind::Group {
            values, implied, ..
        } => values.iter().chain(implied).copied().collect(),
        MemberKind::SizedObject {
            field,
            length_field,
        } => vec![*field, *length_field],
    }
}

/// The documentation entry of constructor or function `c`, if any.
fn definition<'d>(docs: Option<&'d Docs>, c: &Combinator) -> Option<&'d Definition> {
    let docs = docs?;
    match c.kind {
        Kind::Constructor => docs.constructors.get(&c.name.full()),
        Kind::Function => docs.methods.get(&c.name.full()),
    }
}

/// The page of a definition on core.telegram.org (`kind`: `constructor`,
/// `method` or `type`).
fn page(kind: &str, name: &str) -> String {
    format!("https://core.telegram.org/{kind}/{name}")
}

/// Appends the paragraphs of `doc` and the link to its `page`, each after an
/// empty line.
fn described(doc: &Definition, page: &str, lines: &mut Vec<String>) {
    for paragraph in &doc.description {
        let text = linked(paragraph, &doc.links);
        if !text.is_empty() {
            lines.push(String::new());
            lines.push(text);
        }
    }
    lines.push(String::new());
    lines.push(format!("Telegram's documentation: <{page}>"));
}

/// `text` escaped (see [`escape`]), with its footnote markers (runs of
/// superscript digits, `¹`, `¹⁰`) turned into links to the `links` they number
/// from 1. A marker without such a link (or with one that is not an absolute
/// `http(s)` URL) stays text.
fn linked(text: &str, links: &[String]) -> String {
    let escaped = escape(text);
    let mut out = String::with_capacity(escaped.len());
    let mut marker = String::new();
    let flush = |marker: &mut String, out: &mut String| {
        if marker.is_empty() {
            return;
        }
        let number: usize = marker
            .chars()
            .filter_map(superscript_digit)
            .fold(0, |n, d| n.saturating_mul(10).saturating_add(d));
        let url = number
            .checked_sub(1)
            .and_then(|i| links.get(i))
            .filter(|url| is_link_target(url));
        match url {
            Some(url) => out.push_str(&format!("[{marker}]({url})")),
            None => out.push_str(marker),
        }
        marker.clear();
    };
    for c in escaped.chars() {
        if superscript_digit(c).is_some() {
            marker.push(c);
        } else {
            flush(&mut marker, &mut out);
            out.push(c);
        }
    }
    flush(&mut marker, &mut out);
    out
}

/// The value of a superscript digit.
fn superscript_digit(c: char) -> Option<usize> {
    "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|d| d == c)
}

/// Whether `url` can be a Markdown link's destination as it is.
fn is_link_target(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '<' | '>'))
}

/// For a documented function: its result, and the table of its errors with the
/// enum they become.
fn function_extra(model: &Model<'_>, s: &Struct<'_>, doc: Option<&Definition>) -> Vec<String> {
    let (Some(doc), Some(returns)) = (doc, &s.returns) else {
        return Vec::new();
    };
    let result = match returns {
        Return::Value(ValueType::Enum(id)) => {
            let path = model.enum_path(*id, &s.scope).to_string().replace(' ', "");
            format!("[`{}`]({path})", tl_result(s.c))
        }
        Return::Value(ValueType::Bool) => "`Bool` (`bool`)".to_owned(),
        _ => format!("`{}`", tl_result(s.c)),
    };
    let mut lines = vec![format!("Result: {result}.")];
    if doc.errors.is_empty() {
        return lines;
    }
    lines.extend([
        String::new(),
        "# Errors".to_owned(),
        String::new(),
        "| Code | Type | Description |".to_owned(),
        "|---|---|---|".to_owned(),
    ]);
    for e in &doc.errors {
        lines.push(format!(
            "| {} | {} | {} |",
            e.code,
            error_name(&e.name),
            escape(&e.description)
        ));
    }
    let path = s
        .errors
        .and_then(|i| model.error_enums.get(i))
        .and_then(|e| Some(s.scope.path_to(e.scope.as_ref()?, &e.name.ident())))
        .map(|path| path.to_string().replace(' ', ""));
    if let Some(path) = path {
        let name = path.rsplit("::").next().unwrap_or_default();
        lines.push(String::new());
        lines.push(match returns {
            // A wrapper's `RemoteCall::Error` is the wrapped call's.
            Return::Forwarded(p) => format!(
                "These errors are [`{name}`]({path}). A failed call is the wrapped call's \
                 `RemoteCall::Error` (`{}::Error`), which keeps them as any other error.",
                p.display()
            ),
            _ => format!(
                "A failed call is one of [`{name}`]({path}) (its `RemoteCall::Error`), which \
                 keeps any other error as it came."
            ),
        });
    }
    lines
}

/// An error name as code (`GROUPCALL_INVALID`) when it is a plain one (ASCII
/// letters, digits, `_` and `%`), else escaped text like any description.
fn error_name(name: &str) -> String {
    let plain = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'%');
    if plain {
        format!("`{name}`")
    } else {
        escape(name)
    }
}

/// The result type of `c` as written (`Updates`, `Vector<long>`).
fn tl_result(c: &Combinator) -> String {
    match &c.result {
        tl_parser::Ty::Boxed(name) => name.full(),
        other => ty(other),
    }
}

/// Builds the error enums of the documentation: [`Model::known_errors`], and for
/// each kept function with documented errors its enum in `errors` (set in
/// [`Struct::errors`]).
pub(super) fn errors(model: &mut Model<'_>) {
    let Some(docs) = model.docs.clone() else {
        return;
    };
    let all: Vec<&ErrorEntry> = docs.errors.values().collect();
    if !all.is_empty() {
        let mut e = error_enum(None, super::naming::type_name("KnownError"), &all);
        e.docs = vec![
            "Every RPC error the documentation names, with its code and description \
             (`tl_runtime::KnownErrors`)."
                .to_owned(),
            String::new(),
            "Build it from an `RpcError` with `tl_runtime::CallError::from_rpc`: a patterned \
             name (`FLOOD_PREMIUM_WAIT_%d`) holds its number, and an error the documentation \
             does not name is kept as it came."
                .to_owned(),
        ];
        model.known_errors = Some(e);
    }
    for s in &mut model.structs {
        let Some(doc) = docs.methods.get(&s.c.name.full()) else {
            continue;
        };
        if !s.is_function() || doc.errors.is_empty() {
            continue;
        }
        let scope = Scope {
            section: Section::Errors,
            namespace: s.scope.namespace.clone(),
        };
        let entries: Vec<&ErrorEntry> = doc.errors.iter().collect();
        let path = scope
            .path_to(&s.scope, &s.name.ident())
            .to_string()
            .replace(' ', "");
        let mut e = error_enum(Some(scope), s.name.clone(), &entries);
        e.docs = vec![
            format!(
                "The errors `{}` can fail with, as its documentation lists them.",
                s.c.name
            ),
            String::new(),
            if matches!(s.returns, Some(Return::Forwarded(_))) {
                format!(
                    "Not the `RemoteCall::Error` of [`{name}`]({path}), which is the wrapped \
                     call's; build it from an `RpcError` with \
                     `tl_runtime::CallError::from_rpc` to tell these apart.",
                    name = s.name.display(),
                )
            } else {
                format!(
                    "The `RemoteCall::Error` of [`{name}`]({path}). Build it from an \
                     `RpcError` with `tl_runtime::CallError::from_rpc`; an error not listed \
                     here is kept as it came.",
                    name = s.name.display(),
                )
            },
        ];
        s.errors = Some(model.error_enums.len());
        model.error_enums.push(e);
    }
}

/// The enum of `entries` (the docs are left to the caller).
fn error_enum(
    scope: Option<Scope>,
    name: super::naming::RustName,
    entries: &[&ErrorEntry],
) -> ErrorEnum {
    let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    let (variant_names, other) = super::naming::error_variant_names(&names);
    let variants = entries
        .iter()
        .zip(variant_names)
        .map(|(entry, name)| {
            let patterned = entry.name.contains("%d");
            let mut docs = vec![format!("{} {}", entry.code, error_name(&entry.name))];
            let description = escape(&entry.description);
            if !description.is_empty() {
                docs.push(String::new());
                docs.push(description);
            }
            if patterned {
                docs.push(String::new());
                docs.push("Holds the number that stands for `%d`.".to_owned());
            }
            ErrorVariant {
                name,
                entry: (*entry).clone(),
                patterned,
                docs,
            }
        })
        .collect();
    ErrorEnum {
        scope,
        name,
        variants,
        other,
        docs: Vec::new(),
    }
}

/// `` `name:flags.K?T` `` for field `field` of `c`.
fn field_code(c: &Combinator, field: usize) -> String {
    c.fields
        .get(field)
        .map_or_else(String::new, |_| format!("`{}`", field_text(c, field)))
}

/// `bit K of `flags``.
fn bit_text(c: &Combinator, flags_field: usize, bit: u8) -> String {
    let flags = c.fields.get(flags_field).map_or("?", |f| f.name.as_str());
    format!("bit {bit} of `{flags}`")
}

/// The schema docs and the documentation (`doc`) of the given fields, then
/// `rest`.
fn with_schema_docs(
    c: &Combinator,
    fields: &[usize],
    doc: Option<&Definition>,
    rest: Vec<String>,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for field in fields.iter().filter_map(|i| c.fields.get(*i)) {
        lines.extend(field_doc(field));
        let documented = doc.and_then(|d| d.fields.get(&field.name));
        if let Some(text) = documented.map(|f| linked(&f.description, &f.links)) {
            if !text.is_empty() {
                lines.push(text);
            }
        }
    }
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.extend(rest);
    lines
}

/// The doc lines of member `index` of `s`, documented by `doc`.
fn member_docs(s: &Struct<'_>, index: usize, doc: Option<&Definition>) -> Vec<String> {
    let c = s.c;
    let Some(member) = s.layout.members.get(index) else {
        return Vec::new();
    };
    let boxed_note = |field: usize| {
        s.fields
            .get(field)
            .is_some_and(|f| f.boxed)
            .then(|| BOXED.to_owned())
    };
    let rest = match &member.kind {
        MemberKind::Plain { field } => {
            let mut rest = vec![format!("TL: {}.", field_code(c, *field))];
            rest.extend(boxed_note(*field));
            rest
        }
        MemberKind::Nullable { field } => {
            let mut rest = vec![format!(
                "TL: {}; `None` where TDLib has null.",
                field_code(c, *field)
            )];
            rest.extend(boxed_note(*field));
            rest
        }
        MemberKind::Optional { field, bit } => {
            let mut rest = vec![format!(
                "TL: {}, present when {} is set.",
                field_code(c, *field),
                bit_text(c, bit.flags_field, bit.bit)
            )];
            rest.extend(boxed_note(*field));
            rest
        }
        MemberKind::Flag { fields, bit } => {
            let texts: Vec<String> = fields.iter().map(|f| field_code(c, *f)).collect();
            let mut rest = vec![format!(
                "TL: {}: {}.",
                join_and(&texts),
                bit_text(c, bit.flags_field, bit.bit)
            )];
            if fields.len() > 1 {
                rest.push(String::new());
                rest.push(
                    "These `true` fields share one bit, so one `bool` stands for all of them."
                        .to_owned(),
                );
            }
            rest
        }
        MemberKind::Group {
            values,
            implied,
            bit,
            struct_name,
        } => {
            let texts: Vec<String> = values.iter().map(|f| field_code(c, *f)).collect();
            let mut rest = vec![format!(
                "TL: {}, which share {} and are present together or absent together \
                 (see [`{}::{}`]).",
                join_and(&texts),
                bit_text(c, bit.flags_field, bit.bit),
                s.layout.group_module.display(),
                struct_name.display()
            )];
            for f in implied {
                rest.push(String::new());
                rest.push(format!(
                    "TL: {} is set exactly when this is `Some`.",
                    field_code(c, *f)
                ));
            }
            rest
        }
        MemberKind::SizedObject {
            field,
            length_field,
        } => vec![
            format!(
                "TL: {}: any boxed value, kept encoded (see `RawObject`).",
                field_code(c, *field)
            ),
            String::new(),
            format!(
                "On the wire it follows {}, its length in bytes, which is computed \
                 from this value when writing and bounds it when reading.",
                field_code(c, *length_field)
            ),
        ],
    };
    with_schema_docs(c, &described_fields(&member.kind), doc, rest)
}

/// The TL fields whose descriptions describe a member: for a group, those
/// implied by it (the values' own are on the group struct); for a sized
/// object, the value and its length.
fn described_fields(kind: &MemberKind) -> Vec<usize> {
    match kind {
        MemberKind::Plain { field }
        | MemberKind::Nullable { field }
        | MemberKind::Optional { field, .. } => vec![*field],
        MemberKind::Flag { fields, .. } => fields.clone(),
        MemberKind::Group { implied, .. } => implied.clone(),
        MemberKind::SizedObject {
            field,
            length_field,
        } => vec![*field, *length_field],
    }
}

/// The doc lines of the `with_` method of member `index` of `s` (none for a
/// required member, which has no such method): what it sets, and the field's
/// description.
fn setter_docs(s: &Struct<'_>, index: usize, doc: Option<&Definition>) -> Vec<String> {
    let Some(member) = s.layout.members.get(index).filter(|m| !m.is_required()) else {
        return Vec::new();
    };
    let mut lines = vec![format!(
        "Sets the optional field `{}`.",
        member.name.display()
    )];
    let mut described = with_schema_docs(s.c, &described_fields(&member.kind), doc, Vec::new());
    // The blank line that would come before `rest`.
    described.pop();
    if !described.is_empty() {
        lines.push(String::new());
        lines.extend(described);
    }
    lines
}

/// The doc lines of the group struct of member `index` (empty for other members).
fn group_docs(s: &Struct<'_>, index: usize) -> Vec<String> {
    let c = s.c;
    let Some(MemberKind::Group { implied, bit, .. }) = s.layout.members.get(index).map(|m| &m.kind)
    else {
        return Vec::new();
    };
    let member = s.layout.members.get(index).map_or("", |m| m.name.text());
    let mut lines = vec![
        format!(
            "The fields of `{}` that share {}: present together or absent together.",
            c.name,
            bit_text(c, bit.flags_field, bit.bit)
        ),
        String::new(),
        format!(
            "Held by the `{member}` field of [`super::{}`].",
            s.name.display()
        ),
    ];
    if !implied.is_empty() {
        let texts: Vec<String> = implied.iter().map(|f| field_code(c, *f)).collect();
        lines.push(String::new());
        lines.push(format!(
            "{} (same bit, no data) is set exactly when the group is present.",
            join_and(&texts)
        ));
    }
    lines
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The documentation paragraph of a combinator from the schema, if any.
fn schema_doc(c: &Combinator) -> Option<String> {
    let doc = c.doc.as_ref()?;
    let summary = doc.summary();
    let summary = summary.trim();
    (!summary.is_empty()).then(|| summary.to_owned())
}

/// Doc lines of the struct of constructor or function `c`: what it is, the
/// schema's documentation and `doc`, then the definition and `extra`.
fn combinator(c: &Combinator, doc: Option<&Definition>, extra: &[String]) -> Vec<String> {
    let result = match &c.result {
        tl_parser::Ty::Boxed(name) => name.full(),
        other => ty(other),
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
    if let Some(doc) = doc {
        let kind = match c.kind {
            Kind::Constructor => "constructor",
            Kind::Function => "method",
        };
        described(doc, &page(kind, &c.name.full()), &mut lines);
    }
    lines.push(String::new());
    code_block(&format!("{};", c.definition), &mut lines);
    if !extra.is_empty() {
        lines.push(String::new());
        lines.extend(extra.iter().cloned());
    }
    lines
}

/// The text of field `index` as written in `c`'s definition (`out:flags.1?true`),
/// taken from the definition so it matches it exactly.
fn field_text(c: &Combinator, index: usize) -> String {
    // By the field's position, not by searching the definition for its name:
    // that made documenting a definition quadratic in its fields.
    match (c.field_text(index), c.fields.get(index)) {
        (Some(text), _) => text.to_owned(),
        (None, Some(field)) => format!("{}:{}", field.name, ty(&field.ty)),
        (None, None) => String::new(),
    }
}

/// The schema's `@field` documentation of `field`, escaped, if any.
fn field_doc(field: &Field) -> Option<String> {
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
        Ty::IntArray { name, .. } => name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_escaped() {
        assert_eq!(escape("see [x] <b> a_b"), "see \\[x\\] \\<b\\> a\\_b");
        assert_eq!(
            escape("`uint64_t x = (time() << 32) & *p | ~q \\ r"),
            "\\`uint64\\_t x = (time() \\<\\< 32) \\& \\*p \\| \\~q \\\\ r"
        );
        assert_eq!(escape("* item"), "\\* item");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("    code"), "code");
        assert_eq!(escape("```rust"), "\\`\\`\\`rust");
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
    fn text_from_outside_stays_one_line_of_text() {
        // The issue's reproduction: a paragraph, then what Markdown reads as an
        // indented code block (a doctest).
        assert_eq!(
            escape("para\n\n        assert!(false, \"injected\");"),
            "para assert!(false, \"injected\");"
        );
        // Each line break a reader may honour, and tabs: one space per run.
        assert_eq!(
            escape("a\r\nb\rc\u{0b}d\u{0c}e\u{85}f\u{2028}g\u{2029}h\t\ti"),
            "a b c d e f g h i"
        );
        // A line that starts a block after a break is escaped as text inside
        // the one line.
        assert_eq!(escape("x\n# h\n- i\n```"), "x # h - i \\`\\`\\`");
        // Characters a doc comment cannot hold, written as Rust writes them.
        assert_eq!(
            escape("a\u{0}b\u{1b}[0m\u{7f}"),
            r"a\\u{0}b\\u{1b}\[0m\\u{7f}"
        );
        assert_eq!(
            escape("\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}"),
            r"\\u{202a}\\u{202b}\\u{202c}\\u{202d}\\u{202e}\\u{2066}\\u{2067}\\u{2068}\\u{2069}"
        );
        // Marks that only shape text stay: they are not controls.
        assert_eq!(escape("a\u{200e}b\u{feff}"), "a\u{200e}b\u{feff}");
    }

    #[test]
    fn only_whole_urls_become_autolinks() {
        // `<` inside would end the autolink and open HTML.
        assert_eq!(
            escape("<https://a.b/<script>x</script>>"),
            "\\<<https://a.b/>\\<script\\>x\\</script\\>\\>"
        );
        assert_eq!(escape("https://a.b/\"x"), "<https://a.b/>\"x");
        assert_eq!(escape("<https://a.b/c d>"), "\\<<https://a.b/c> d\\>");
        assert_eq!(escape("https://a.b/\\x"), "<https://a.b/>\\\\x");
    }

    #[test]
    fn error_names_are_code_only_when_plain() {
        assert_eq!(error_name("FLOOD_WAIT_%d"), "`FLOOD_WAIT_%d`");
        assert_eq!(error_name("Timeout"), "`Timeout`");
        assert_eq!(error_name("A`B"), "A\\`B");
        assert_eq!(error_name("A\rB C"), "A B C");
        assert_eq!(error_name(""), "");
    }

    #[test]
    fn footnote_markers_become_links() {
        let links = [
            "https://core.telegram.org/api/links#video-chat-livestream-links".to_owned(),
            "relative/page".to_owned(),
        ];
        assert_eq!(
            linked(
                "the invite link »¹, or inputPeerSelf², see ³ and x_y",
                &links
            ),
            "the invite link »[¹](https://core.telegram.org/api/links#video-chat-livestream-links), \
             or inputPeerSelf², see ³ and x\\_y"
        );
        let many: Vec<String> = (1..=10).map(|i| format!("https://a.b/{i}")).collect();
        assert_eq!(linked("ten¹⁰", &many), "ten[¹⁰](https://a.b/10)");
        assert_eq!(linked("⁰", &many), "⁰");
    }

    #[test]
    fn fences_outgrow_backticks_in_the_code() {
        let mut lines = Vec::new();
        code_block("a ```` b", &mut lines);
        assert_eq!(lines, ["`````text", "a ```` b", "`````"]);
    }
}
