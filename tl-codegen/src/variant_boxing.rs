//! Which enum variants hold their constructor's struct in a `Box`.
//!
//! A Rust enum is as large as its largest variant, and every value takes that
//! much memory whichever constructor it holds. With every struct inline,
//! api-layer230's `Update` enum was 5,224 bytes, so a `Vector<Update>` of
//! 4-byte constructors decoded into about 1,300 times its encoded size, and
//! moving such values dominated decoding time. A variant whose struct is
//! estimated larger than [`INLINE_LIMIT`] bytes is therefore boxed; small
//! structs (no fields, a few numbers, a string) stay inline and cost no
//! allocation.
//!
//! The estimate follows the Rust representation the generator emits and only
//! needs to be roughly right: it decides where the line falls, not soundness.

use std::collections::BTreeSet;
use tl_parser::schema::Builtin;
use tl_parser::{Combinator, Schema, Ty};

/// Structs estimated larger than this many bytes are boxed inside enums.
pub(crate) const INLINE_LIMIT: usize = 32;

/// Estimated size of an enum value: a boxed payload or an inline one of at
/// most [`INLINE_LIMIT`] bytes, plus the discriminant.
const ENUM_ESTIMATE: usize = INLINE_LIMIT + 8;

/// Indices of the constructors whose enum variant is boxed.
pub(crate) fn boxed_variants(schema: &Schema) -> BTreeSet<usize> {
    schema
        .constructors
        .iter()
        .enumerate()
        .filter(|(_, c)| estimated_size(c) > INLINE_LIMIT)
        .map(|(i, _)| i)
        .collect()
}

/// Rough size in bytes of the struct generated for `c`.
fn estimated_size(c: &Combinator) -> usize {
    let flag_words: BTreeSet<usize> = c
        .fields
        .iter()
        .filter_map(|f| f.condition.map(|cond| cond.flags_field))
        .collect();
    c.fields
        .iter()
        .enumerate()
        .map(|(i, f)| match (&f.condition, &f.ty) {
            // Flags words that conditions use are computed, not stored.
            (None, Ty::Flags) if flag_words.contains(&i) => 0,
            (Some(_), Ty::True) => 1,
            (Some(_), ty) => size_of_ty(ty) + 8,
            (None, ty) => size_of_ty(ty),
        })
        .sum()
}

fn size_of_ty(ty: &Ty) -> usize {
    match ty {
        Ty::Builtin(Builtin::Int) | Ty::Flags => 4,
        Ty::Builtin(Builtin::Long | Builtin::Double) => 8,
        Ty::Builtin(Builtin::Int128) => 16,
        Ty::Builtin(Builtin::Int256) => 32,
        Ty::Builtin(Builtin::String | Builtin::Bytes) | Ty::Vector { .. } | Ty::Object => 24,
        Ty::True => 0,
        Ty::Boxed(name) if name.namespace.is_empty() && name.name == "Bool" => 1,
        Ty::Boxed(_) => ENUM_ESTIMATE,
        // A bare constructor is its struct inline: assume a large one.
        Ty::Bare(_) => 2 * ENUM_ESTIMATE,
        Ty::Param { .. } => ENUM_ESTIMATE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed(text: &str) -> Vec<String> {
        let (_, checked) = tl_parser::check_str("t.tl", text);
        let schema = checked.schema;
        boxed_variants(&schema)
            .into_iter()
            .map(|i| schema.constructors[i].name.full())
            .collect()
    }

    #[test]
    fn small_structs_stay_inline_and_large_ones_are_boxed() {
        let schema = "empty = T;\nnumbers a:int b:long c:long = T;\ntext s:string x:int = T;\n\
                      big a:string b:string = T;\nnested t:T u:T = T;\n\
                      flagged flags:# a:flags.0?true b:flags.1?string = T;\n";
        assert_eq!(boxed(schema), ["big", "nested", "flagged"]);
    }
}
