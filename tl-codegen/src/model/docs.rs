//! The documentation of every generated item, decided in the model: what each
//! item is, the TL definition it came from, the schema's own documentation, and
//! what the Rust form of each field means (which bit it depends on, which fields
//! share it, why it is boxed). Emission only turns these lines into `#[doc]`
//! attributes.

use super::layout::MemberKind;
use super::{AccessorKind, Model, Struct};
use tl_parser::{Combinator, Field, Kind};

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

/// Fills in the documentation of every item of `model`.
pub(super) fn document(model: &mut Model<'_>) {
    for s in &mut model.structs {
        s.docs = struct_docs(s);
        s.member_docs = (0..s.layout.members.len())
            .map(|m| member_docs(s, m))
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
                with_schema_docs(s.c, &[i], rest)
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
        e.docs.extend([
            format!(
                "TL type `{}`, with {count} constructor{}.",
                e.t.name,
                if count == 1 { "" } else { "s" }
            ),
            String::new(),
            "Serializes as its variant does (constructor id, then fields); decoding dispatches \
             on the constructor id."
                .to_owned(),
        ]);
        for v in &mut e.variants {
            let Some(c) = structs.get(v.struct_id).map(|s| s.c) else {
                continue;
            };
            let mut lines = vec![format!("`{}`", c.name), String::new()];
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

/// Doc lines of the struct of `s`.
fn struct_docs(s: &Struct<'_>) -> Vec<String> {
    let unstored: Vec<String> =
        s.c.fields
            .iter()
            .filter(|f| f.ty == tl_parser::Ty::True && f.condition.is_none())
            .map(|f| format!("`{}`", field_text(s.c, f)))
            .collect();
    let extra = if unstored.is_empty() {
        Vec::new()
    } else {
        vec![format!(
            "{} carries no data (an unconditional `true`), so it has no field.",
            unstored.join(", ")
        )]
    };
    combinator(s.c, &extra)
}

/// `` `name:flags.K?T` `` for field `field` of `c`.
fn field_code(c: &Combinator, field: usize) -> String {
    c.fields
        .get(field)
        .map_or_else(String::new, |f| format!("`{}`", field_text(c, f)))
}

/// `bit K of `flags``.
fn bit_text(c: &Combinator, flags_field: usize, bit: u8) -> String {
    let flags = c.fields.get(flags_field).map_or("?", |f| f.name.as_str());
    format!("bit {bit} of `{flags}`")
}

/// The schema docs of the given fields, then `rest`.
fn with_schema_docs(c: &Combinator, fields: &[usize], rest: Vec<String>) -> Vec<String> {
    let mut lines: Vec<String> = fields
        .iter()
        .filter_map(|i| c.fields.get(*i))
        .filter_map(field_doc)
        .collect();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.extend(rest);
    lines
}

/// The doc lines of member `index` of `s`.
fn member_docs(s: &Struct<'_>, index: usize) -> Vec<String> {
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
    match &member.kind {
        MemberKind::Plain { field } => {
            let mut rest = vec![format!("TL: {}.", field_code(c, *field))];
            rest.extend(boxed_note(*field));
            with_schema_docs(c, &[*field], rest)
        }
        MemberKind::Optional { field, bit } => {
            let mut rest = vec![format!(
                "TL: {}, present when {} is set.",
                field_code(c, *field),
                bit_text(c, bit.flags_field, bit.bit)
            )];
            rest.extend(boxed_note(*field));
            with_schema_docs(c, &[*field], rest)
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
            with_schema_docs(c, fields, rest)
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
            with_schema_docs(c, implied, rest)
        }
        MemberKind::SizedObject {
            field,
            length_field,
        } => {
            let rest = vec![
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
            ];
            with_schema_docs(c, &[*field, *length_field], rest)
        }
    }
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
/// schema's documentation, then the definition.
fn combinator(c: &Combinator, extra: &[String]) -> Vec<String> {
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
fn field_text(c: &Combinator, field: &Field) -> String {
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
