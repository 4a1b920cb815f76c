//! Printing definitions back as text: the canonical form shown in
//! documentation, and the normalized form whose CRC32 is the constructor id.

use crate::ast::{Arg, Definition, TypeExpr, TypeExprKind};
use std::fmt::Write as _;

/// Which text to produce.
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
}

/// Prints `def` in the given form (without the trailing `;`).
pub fn definition(def: &Definition, form: Form) -> String {
    let mut out = def.name.text.clone();
    if form == Form::Canonical {
        if let Some(id) = def.id {
            let _ = write!(out, "#{:08x}", id.value);
        }
    }
    for p in &def.type_params {
        out.push(' ');
        let bang = if p.bang { "!" } else { "" };
        let ty = type_expr(&p.ty, form);
        match form {
            Form::Canonical => {
                let _ = write!(out, "{{{}:{bang}{ty}}}", p.name.text);
            }
            Form::Normalized | Form::NormalizedBytesKept => {
                let _ = write!(out, "{}:{bang}{ty}", p.name.text);
            }
        }
    }
    if def.builtin_marker {
        out.push_str(" ?");
    }
    for arg in &def.args {
        if let Some(text) = argument(arg, form) {
            out.push(' ');
            out.push_str(&text);
        }
    }
    out.push_str(" = ");
    out.push_str(&type_expr(&def.result, form));
    out
}

fn argument(arg: &Arg, form: Form) -> Option<String> {
    match arg {
        Arg::Field(f) => {
            let mut s = String::new();
            if let Some(name) = &f.name {
                s.push_str(&name.text);
                s.push(':');
            }
            if let Some(c) = &f.condition {
                s.push_str(&c.field.text);
                if let Some(bit) = c.bit {
                    let _ = write!(s, ".{}", bit.value);
                }
                s.push('?');
                let is_true = matches!(&f.ty.kind, TypeExprKind::Name(n) if n == "true");
                if form != Form::Canonical && is_true {
                    return None;
                }
            }
            if f.bang {
                s.push('!');
            }
            // Telegram hashes a field of type `bytes` as `string`; `bytes`
            // nested in a type argument (`Vector<bytes>`) is hashed as is.
            let is_bytes = matches!(&f.ty.kind, TypeExprKind::Name(n) if n == "bytes");
            if form == Form::Normalized && is_bytes {
                s.push_str("string");
            } else {
                s.push_str(&type_expr(&f.ty, form));
            }
            Some(s)
        }
        Arg::Repeat(r) => {
            let mut s = String::new();
            if let Some(name) = &r.name {
                s.push_str(&name.text);
                s.push(':');
            }
            if let Some(m) = &r.multiplicity {
                s.push_str(&type_expr(m, form));
                s.push('*');
            }
            s.push_str("[ ");
            for a in &r.args {
                if let Some(t) = argument(a, form) {
                    s.push_str(&t);
                    s.push(' ');
                }
            }
            s.push(']');
            Some(s)
        }
    }
}

/// Prints a type expression.
pub fn type_expr(ty: &TypeExpr, form: Form) -> String {
    match &ty.kind {
        TypeExprKind::Name(n) => n.clone(),
        TypeExprKind::Nat => "#".to_owned(),
        TypeExprKind::Number(n) => n.to_string(),
        TypeExprKind::Bare(inner) => format!("%{}", type_expr(inner, form)),
        TypeExprKind::Apply { head, args } => {
            let head = type_expr(head, form);
            let args: Vec<String> = args.iter().map(|a| type_expr(a, form)).collect();
            match form {
                Form::Canonical => format!("{head}<{}>", args.join(",")),
                Form::Normalized | Form::NormalizedBytesKept => {
                    format!("{head} {}", args.join(" "))
                }
            }
        }
    }
}

/// CRC32 (IEEE) of the normalized text: the id Telegram assigns when none is written.
pub fn computed_id(def: &Definition) -> (u32, String) {
    let text = definition(def, Form::Normalized);
    (crc32fast::hash(text.as_bytes()), text)
}
