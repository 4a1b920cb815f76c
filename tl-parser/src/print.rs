//! Printing definitions back as text: the canonical form shown in
//! documentation, and the normalized form whose CRC32 is the constructor id.

use crate::ast::{Arg, Definition, TypeExpr, TypeExprKind};

/// Which text to produce.
///
/// The forms other than [`Form::Canonical`] are the texts the id rules hash
/// (see [`crate::schema::IdRule`]); [`Form::Literal`] is also how TDLib's
/// reference parser prints a definition (after its `#id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// As a person writes it: `name#id {X:Type} a:flags.0?true b:Vector<T> = R`.
    Canonical,
    /// The text Telegram hashes: no id, `{X:Type}` as `X:Type`, `Vector<T>` as
    /// `Vector T`, a field of type `bytes` as `string` (but `Vector<bytes>`
    /// unchanged), and `flags.N?true` fields left out.
    Normalized,
    /// As [`Form::Normalized`] but with `bytes` left as `bytes`: a few ids
    /// Telegram assigned (in mtproto.tl) were computed this way.
    NormalizedBytesKept,
    /// The text TDLib's reference parser hashes: as [`Form::Normalized`] but
    /// with every field as written (`bytes` stays `bytes`, `flags.N?true`
    /// fields are kept).
    Literal,
}

/// Prints `def` in the given form (without the trailing `;`).
pub fn definition(def: &Definition<'_>, form: Form) -> String {
    let mut out = String::with_capacity(64);
    write_definition(&mut out, def, form);
    out
}

/// Appends `def` in the given form to `out`. Everything is written into the one
/// buffer: building a `String` per argument and per type made printing (done
/// once per definition to compute its id) a quarter of `check`'s instructions.
/// The checker reuses one buffer for every definition and copies out the
/// text it keeps, so each text costs one allocation of its exact size.
pub(crate) fn write_definition(out: &mut String, def: &Definition<'_>, form: Form) {
    write_definition_noting_fields(out, def, form, None);
}

/// [`write_definition`], also noting in `fields` where in `out` each field
/// argument was written (start and end offsets, in order).
pub(crate) fn write_definition_noting_fields(
    out: &mut String,
    def: &Definition<'_>,
    form: Form,
    mut fields: Option<&mut Vec<(usize, usize)>>,
) {
    out.push_str(def.name.text);
    if form == Form::Canonical {
        if let Some(id) = def.id {
            out.push('#');
            push_hex8(out, id.value);
        }
    }
    for p in &def.type_params {
        out.push(' ');
        if form == Form::Canonical {
            out.push('{');
        }
        out.push_str(p.name.text);
        out.push(':');
        if p.bang {
            out.push('!');
        }
        write_type_expr(out, &p.ty, form);
        if form == Form::Canonical {
            out.push('}');
        }
    }
    if def.builtin_marker {
        out.push_str(" ?");
    }
    for arg in &def.args {
        if printed(arg, form) {
            out.push(' ');
            let start = out.len();
            write_argument(out, arg, form);
            if let (Some(fields), Arg::Field(_)) = (fields.as_deref_mut(), arg) {
                fields.push((start, out.len()));
            }
        }
    }
    out.push_str(" = ");
    write_type_expr(out, &def.result, form);
}

/// Whether `arg` appears in the given form: `flags.N?true` fields are left out
/// of the normalized forms.
fn printed(arg: &Arg<'_>, form: Form) -> bool {
    match arg {
        Arg::Field(f) => {
            let is_true = matches!(f.ty.kind, TypeExprKind::Name("true"));
            matches!(form, Form::Canonical | Form::Literal) || f.condition.is_none() || !is_true
        }
        Arg::Repeat(_) => true,
    }
}

/// Appends `arg` (which [`printed`] accepts) to `out`.
fn write_argument(out: &mut String, arg: &Arg<'_>, form: Form) {
    match arg {
        Arg::Field(f) => {
            if let Some(name) = &f.name {
                out.push_str(name.text);
                out.push(':');
            }
            if let Some(c) = &f.condition {
                out.push_str(c.field.text);
                if let Some(bit) = c.bit {
                    out.push('.');
                    push_decimal(out, bit.value);
                }
                out.push('?');
            }
            if f.bang {
                out.push('!');
            }
            // Telegram hashes a field of type `bytes` as `string`; `bytes`
            // nested in a type argument (`Vector<bytes>`) is hashed as is.
            let is_bytes = matches!(f.ty.kind, TypeExprKind::Name("bytes"));
            if form == Form::Normalized && is_bytes {
                out.push_str("string");
            } else {
                write_type_expr(out, &f.ty, form);
            }
        }
        Arg::Repeat(r) => {
            if let Some(name) = &r.name {
                out.push_str(name.text);
                out.push(':');
            }
            if let Some(m) = &r.multiplicity {
                write_type_expr(out, m, form);
                out.push('*');
            }
            out.push_str("[ ");
            for a in &r.args {
                if printed(a, form) {
                    write_argument(out, a, form);
                    out.push(' ');
                }
            }
            out.push(']');
        }
    }
}

/// Prints a type expression.
pub fn type_expr(ty: &TypeExpr<'_>, form: Form) -> String {
    let mut out = String::new();
    write_type_expr(&mut out, ty, form);
    out
}

/// Appends a type expression to `out`.
fn write_type_expr(out: &mut String, ty: &TypeExpr<'_>, form: Form) {
    match &ty.kind {
        TypeExprKind::Name(n) => out.push_str(n),
        TypeExprKind::Nat => out.push('#'),
        TypeExprKind::Number(n) => push_decimal(out, *n),
        TypeExprKind::Bare(inner) => {
            out.push('%');
            write_type_expr(out, inner, form);
        }
        TypeExprKind::Apply(terms) => {
            // The parser never builds an empty application.
            let Some((head, args)) = terms.split_first() else {
                return;
            };
            write_type_expr(out, head, form);
            let (open, sep, close) = match form {
                Form::Canonical => ('<', ',', Some('>')),
                Form::Normalized | Form::NormalizedBytesKept | Form::Literal => (' ', ' ', None),
            };
            if args.is_empty() {
                out.push(open);
            }
            for (i, a) in args.iter().enumerate() {
                out.push(if i == 0 { open } else { sep });
                write_type_expr(out, a, form);
            }
            if let Some(close) = close {
                out.push(close);
            }
        }
    }
}

/// Appends `n` in decimal, as `{n}` formats it. Flag bits are printed for
/// most fields; going through `core::fmt` for them (and for ids) was about a
/// fifth of the instructions spent printing.
fn push_decimal(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut start = digits.len();
    loop {
        start -= 1;
        // `n % 10` is a single digit.
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[start..].iter().map(|&d| char::from(d)));
}

/// Appends `n` as eight lowercase hexadecimal digits, as `{n:08x}` formats it.
fn push_hex8(out: &mut String, n: u32) {
    for shift in (0..8).rev() {
        let nibble = (n >> (shift * 4)) & 0xf;
        out.push(char::from_digit(nibble, 16).unwrap_or('0'));
    }
}

/// CRC32 (IEEE) of the normalized text: the id Telegram assigns when none is written.
pub fn computed_id(def: &Definition<'_>) -> (u32, String) {
    let text = definition(def, Form::Normalized);
    (crc32fast::hash(text.as_bytes()), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_format_does() {
        for n in [0, 7, 10, 31, 99, 100, 4_294_967_295, 0x1cb5_c415, 0xabc] {
            let mut out = String::new();
            push_decimal(&mut out, n);
            assert_eq!(out, format!("{n}"));
            out.clear();
            push_hex8(&mut out, n);
            assert_eq!(out, format!("{n:08x}"));
        }
    }
}
