//! Analyses over the whole model, each run once before emission: what to keep
//! when pruning, what to box, what may derive `Eq`/`Hash` and `Default`, which
//! fields every constructor of a type shares (its accessors), and how shallow
//! each type's values can be (for `arbitrary`).

use super::layout::{Member, MemberKind};
use super::{Accessor, AccessorKind, Index, Model, Struct, ValueType};
use crate::options::{Extra, OptionError};
use proc_macro2::TokenStream;
use quote::quote;
use tl_parser::{Builtin, Code, Diagnostic, Name, Ty};

// ------------------------------------------------------------------- pruning

/// Which definitions of the schema are generated.
pub(super) struct Kept {
    /// `None`: everything.
    sets: Option<(Vec<bool>, Vec<bool>, Vec<bool>)>,
}

impl Kept {
    pub(super) fn constructor(&self, i: usize) -> bool {
        self.sets
            .as_ref()
            .is_none_or(|(c, _, _)| c.get(i).copied().unwrap_or(false))
    }
    pub(super) fn function(&self, i: usize) -> bool {
        self.sets
            .as_ref()
            .is_none_or(|(_, f, _)| f.get(i).copied().unwrap_or(false))
    }
    pub(super) fn type_def(&self, i: usize) -> bool {
        self.sets
            .as_ref()
            .is_none_or(|(_, _, t)| t.get(i).copied().unwrap_or(false))
    }
}

/// The closure of `roots` (TL names of functions, constructors or types) over
/// field types and function results. Constructors are kept with their type, and
/// a type with all of its constructors, so that every kept type decodes whatever
/// its constructors are.
///
/// # Errors
/// A root the schema does not define, with the closest name it does.
pub(super) fn kept(index: &Index<'_>, roots: &[String]) -> Result<Kept, OptionError> {
    if roots.is_empty() {
        return Ok(Kept { sets: None });
    }
    let schema = index.schema;
    let mut constructors = vec![false; schema.constructors.len()];
    let mut functions = vec![false; schema.functions.len()];
    let mut types = vec![false; schema.types.len()];
    let type_index = |name: &Name| index.types_by_name.get(name).copied();
    let result_type = |name: &Name| {
        let c = index.constructors_by_name.get(name)?;
        schema
            .constructors
            .get(*c)?
            .result_name()
            .and_then(type_index)
    };
    let mut pending_types: Vec<usize> = Vec::new();
    // Every TL type a field or result mentions.
    fn mentioned<'t>(ty: &'t Ty, out: &mut Vec<&'t Name>, bare: &mut Vec<&'t Name>) {
        match ty {
            Ty::Boxed(name) => out.push(name),
            Ty::Bare(name) => bare.push(name),
            Ty::Vector { item, .. } => mentioned(item, out, bare),
            _ => {}
        }
    }
    let visit = |tys: Vec<&Ty>, pending: &mut Vec<usize>| {
        let mut boxed = Vec::new();
        let mut bare = Vec::new();
        for ty in tys {
            mentioned(ty, &mut boxed, &mut bare);
        }
        pending.extend(boxed.into_iter().filter_map(type_index));
        pending.extend(bare.into_iter().filter_map(result_type));
    };
    for root in roots {
        let root = root.trim();
        let name = Name::parse(root);
        if let Some(i) = schema.functions.iter().position(|f| f.name == name) {
            functions[i] = true;
            let f = &schema.functions[i];
            let mut tys: Vec<&Ty> = f.fields.iter().map(|f| &f.ty).collect();
            tys.push(&f.result);
            visit(tys, &mut pending_types);
        } else if index.constructors_by_name.contains_key(&name) {
            pending_types.extend(result_type(&name));
        } else if let Some(i) = type_index(&name) {
            pending_types.push(i);
        } else {
            let candidates: Vec<String> = schema
                .functions
                .iter()
                .chain(&schema.constructors)
                .map(|c| c.name.full())
                .chain(schema.types.iter().map(|t| t.name.full()))
                .collect();
            let suggestion = tl_parser::closest_name(root, candidates.iter().map(String::as_str));
            return Err(OptionError {
                option: "keep",
                message: match suggestion {
                    Some(s) => format!(
                        "the schema has no function, constructor or type `{root}`; did you \
                         mean `{s}`?"
                    ),
                    None => format!(
                        "the schema has no function, constructor or type `{root}` (names are \
                         full TL names with their namespace, e.g. `messages.sendMessage`)"
                    ),
                },
            });
        }
    }
    while let Some(t) = pending_types.pop() {
        if std::mem::replace(&mut types[t], true) {
            continue;
        }
        for &c in &schema.types[t].constructors {
            if let Some(slot) = constructors.get_mut(c) {
                *slot = true;
            }
            if let Some(constructor) = schema.constructors.get(c) {
                visit(
                    constructor.fields.iter().map(|f| &f.ty).collect(),
                    &mut pending_types,
                );
            }
        }
    }
    Ok(Kept {
        sets: Some((constructors, functions, types)),
    })
}

// ------------------------------------------------------------------- boxing

/// Structs estimated larger than this many bytes are boxed inside enums.
///
/// A Rust enum is as large as its largest variant, and every value takes that
/// much memory whichever constructor it holds. With every struct inline,
/// api-layer230's `Update` enum was 5,224 bytes, so a `Vector<Update>` of
/// 4-byte constructors decoded into about 1,300 times its encoded size. Small
/// structs (no fields, a few numbers, a string) stay inline and cost no
/// allocation. The estimate follows the representation the generator emits and
/// only needs to be roughly right: it decides where the line falls, not
/// soundness.
const INLINE_LIMIT: usize = 32;

/// Estimated size of an enum value: a boxed payload or an inline one of at most
/// [`INLINE_LIMIT`] bytes, plus the discriminant.
const ENUM_ESTIMATE: usize = INLINE_LIMIT + 8;

/// Rough size of a value of `ty` held inline.
fn estimated_size(ty: &ValueType) -> usize {
    match ty {
        ValueType::Builtin(b) => match b.wire() {
            Builtin::Long | Builtin::Double => 8,
            Builtin::Int128 => 16,
            Builtin::Int256 => 32,
            Builtin::String | Builtin::Bytes => 24,
            _ => 4,
        },
        ValueType::Flags => 4,
        ValueType::IntArray(words) => 4 * *words as usize,
        ValueType::Vector { .. } | ValueType::Object => 24,
        ValueType::True => 0,
        ValueType::Bool => 1,
        ValueType::Enum(_) | ValueType::Param(_) => ENUM_ESTIMATE,
        // A bare constructor is its struct inline: assume a large one.
        ValueType::Bare(_) => 2 * ENUM_ESTIMATE,
    }
}

/// Marks the variants whose struct is estimated larger than [`INLINE_LIMIT`].
pub(super) fn box_variants(model: &mut Model<'_>) {
    let sizes: Vec<usize> = model
        .structs
        .iter()
        .map(|s| {
            s.layout
                .members
                .iter()
                .map(|m| match &m.kind {
                    MemberKind::Plain { field } => {
                        s.fields.get(*field).map_or(0, |f| estimated_size(&f.ty))
                    }
                    MemberKind::Optional { field, .. } | MemberKind::Nullable { field } => s
                        .fields
                        .get(*field)
                        .map_or(0, |f| estimated_size(&f.ty) + 8),
                    MemberKind::Flag { .. } => 1,
                    MemberKind::Group { values, .. } => values
                        .iter()
                        .filter_map(|v| s.fields.get(*v))
                        .map(|f| estimated_size(&f.ty) + 8)
                        .sum(),
                    MemberKind::SizedObject { .. } => 24,
                })
                .sum()
        })
        .collect();
    for e in &mut model.enums {
        for v in &mut e.variants {
            v.boxed = sizes
                .get(v.struct_id)
                .is_some_and(|&size| size > INLINE_LIMIT);
        }
    }
}

/// Boxes the fields that close a cycle of inline values, so that recursive types
/// have a finite size, and nothing else.
///
/// The "contains inline" graph has a node per struct and per enum. An enum
/// contains the structs its variants hold unboxed; a struct contains what each
/// field holds by value (an enum, or a bare struct; `Option` is inline too,
/// while a `Vec` is already an indirection). A field is boxed exactly when its
/// target lies in its struct's own strongly connected component. Every cycle
/// passes through a struct field (enums only point to structs), so afterwards no
/// component has an inner edge left.
pub(super) fn box_fields(model: &mut Model<'_>) {
    let structs = model.structs.len();
    let target = |ty: &ValueType| match ty {
        ValueType::Enum(e) => Some(structs + e),
        ValueType::Bare(s) => Some(*s),
        _ => None,
    };
    let mut adjacency: Vec<Vec<usize>> = vec![Vec::new(); structs + model.enums.len()];
    for (i, s) in model.structs.iter().enumerate() {
        adjacency[i].extend(s.fields.iter().filter_map(|f| target(&f.ty)));
    }
    for (i, e) in model.enums.iter().enumerate() {
        adjacency[structs + i].extend(e.variants.iter().filter(|v| !v.boxed).map(|v| v.struct_id));
    }
    let component = strongly_connected_components(&adjacency);
    for (i, s) in model.structs.iter_mut().enumerate() {
        for f in &mut s.fields {
            if let Some(t) = target(&f.ty) {
                f.boxed = component.get(t) == component.get(i);
            }
        }
    }
}

/// Tarjan's algorithm without recursion: the component number of every node.
/// Edges to nodes outside `0..adjacency.len()` are ignored.
pub(crate) fn strongly_connected_components(adjacency: &[Vec<usize>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let n = adjacency.len();
    let mut index = vec![UNVISITED; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNVISITED; n];
    let mut stack: Vec<usize> = Vec::new();
    // Simulated call stack: (node, position of the next edge to follow).
    let mut calls: Vec<(usize, usize)> = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != UNVISITED {
            continue;
        }
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        calls.push((root, 0));
        while let Some((node, position)) = calls.last_mut() {
            let node = *node;
            let next = adjacency[node].get(*position).copied();
            *position += 1;
            match next {
                Some(target) if target >= n => {}
                Some(target) if index[target] == UNVISITED => {
                    index[target] = next_index;
                    low[target] = next_index;
                    next_index += 1;
                    stack.push(target);
                    on_stack[target] = true;
                    calls.push((target, 0));
                }
                Some(target) => {
                    if on_stack[target] {
                        low[node] = low[node].min(index[target]);
                    }
                }
                None => {
                    calls.pop();
                    if let Some(&(parent, _)) = calls.last() {
                        low[parent] = low[parent].min(low[node]);
                    }
                    if low[node] == index[node] {
                        while let Some(member) = stack.pop() {
                            on_stack[member] = false;
                            component[member] = next_component;
                            if member == node {
                                break;
                            }
                        }
                        next_component += 1;
                    }
                }
            }
        }
    }
    component
}

// ------------------------------------------------------------------- derives

/// Whether values of `ty` can be `Eq`/`Hash`, given what is known of the items.
fn allows_eq(ty: &ValueType, structs: &[bool], enums: &[bool]) -> bool {
    match ty {
        ValueType::Builtin(Builtin::Double) => false,
        ValueType::Enum(e) => enums.get(*e).copied().unwrap_or(true),
        ValueType::Bare(s) => structs.get(*s).copied().unwrap_or(true),
        ValueType::Vector { item, .. } => allows_eq(item, structs, enums),
        _ => true,
    }
}

/// Whether values of `ty` have a natural default (zero, empty, `false`), given
/// which structs derive `Default`.
fn has_default(ty: &ValueType, structs: &[bool]) -> bool {
    match ty {
        ValueType::Builtin(_)
        | ValueType::Flags
        | ValueType::True
        | ValueType::Bool
        | ValueType::Vector { .. } => true,
        ValueType::Bare(s) => structs.get(*s).copied().unwrap_or(false),
        // The standard library implements `Default` for arrays of at most 32.
        ValueType::IntArray(words) => *words <= 8,
        // No constructor of a type is more natural than another; a parameter
        // and an object have no value of their own.
        ValueType::Enum(_) | ValueType::Param(_) | ValueType::Object => false,
    }
}

/// Whether member `member` of `s` has a default value: an absent optional
/// value, a `false` flag, or a required value that has one.
fn member_has_default(s: &Struct<'_>, member: &Member, structs: &[bool]) -> bool {
    match &member.kind {
        MemberKind::Plain { field } => s
            .fields
            .get(*field)
            .is_some_and(|f| has_default(&f.ty, structs)),
        MemberKind::Optional { .. }
        | MemberKind::Nullable { .. }
        | MemberKind::Flag { .. }
        | MemberKind::Group { .. } => true,
        MemberKind::SizedObject { .. } => false,
    }
}

/// Decides each item's derives: `Debug` (unless omitted), `Clone, PartialEq`,
/// `Default` for the structs whose every field has a natural default, then the
/// extra derives,
/// those that need every field to allow them (`Eq`, `Hash`) only where no
/// `f64` is inside.
///
/// `Eq`/`Hash` is the greatest fixed point: start from "allowed" everywhere
/// and withdraw it from every item that contains a disallowed one, until
/// nothing changes (so recursive types are handled). `Default` is the least
/// one: start from none and grant it to every struct whose fields have
/// defaults already, so that a struct containing itself (`node next:%Node`)
/// never gets a `Default` that would recurse forever. Group structs get their
/// own `Default` decision (their fields are required inside them).
pub(super) fn derives(model: &mut Model<'_>, extra: &[(TokenStream, bool)]) {
    let mut structs = vec![true; model.structs.len()];
    let mut enums = vec![true; model.enums.len()];
    loop {
        let mut changed = false;
        for (i, s) in model.structs.iter().enumerate() {
            if structs[i] && !s.fields.iter().all(|f| allows_eq(&f.ty, &structs, &enums)) {
                structs[i] = false;
                changed = true;
            }
        }
        for (i, e) in model.enums.iter().enumerate() {
            if enums[i]
                && !e
                    .variants
                    .iter()
                    .all(|v| structs.get(v.struct_id).copied().unwrap_or(true))
            {
                enums[i] = false;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut defaults = vec![false; model.structs.len()];
    loop {
        let mut changed = false;
        for (i, s) in model.structs.iter().enumerate() {
            if !defaults[i]
                && s.layout
                    .members
                    .iter()
                    .all(|m| member_has_default(s, m, &defaults))
            {
                defaults[i] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let debug = model.generates(Extra::Debug);
    let list = |eq: bool, default: bool| -> Vec<TokenStream> {
        let mut derives = Vec::new();
        if debug {
            derives.push(quote!(Debug));
        }
        derives.extend([quote!(Clone), quote!(PartialEq)]);
        if default {
            derives.push(quote!(Default));
        }
        derives.extend(
            extra
                .iter()
                .filter(|(_, needs_eq)| eq || !needs_eq)
                .map(|(d, _)| d.clone()),
        );
        derives
    };
    for (i, s) in model.structs.iter_mut().enumerate() {
        let eq = structs.get(i).copied().unwrap_or(false);
        s.derives = list(eq, defaults.get(i).copied().unwrap_or(false));
        let group_derives = s
            .layout
            .members
            .iter()
            .map(|m| match &m.kind {
                MemberKind::Group { values, .. } => {
                    let default = values
                        .iter()
                        .filter_map(|v| s.fields.get(*v))
                        .all(|f| has_default(&f.ty, &defaults));
                    list(eq, default)
                }
                _ => Vec::new(),
            })
            .collect();
        s.group_derives = group_derives;
    }
    for (e, allowed) in model.enums.iter_mut().zip(enums) {
        e.derives = list(allowed, false);
    }
}

// ------------------------------------------------------------------- accessors

/// Methods every generated enum already has: no accessor takes their names.
const ENUM_METHODS: &[&str] = &["constructor_id", "tl_name"];

/// What member `m` of `s` is, for an accessor: its kind, value type and
/// whether the field is boxed (`None`: not something an accessor reads).
fn accessed(s: &Struct<'_>, m: &Member) -> Option<(AccessorKind, ValueType, bool)> {
    let (kind, field) = match &m.kind {
        MemberKind::Plain { field } => (AccessorKind::Value, *field),
        MemberKind::Optional { field, .. } | MemberKind::Nullable { field } => {
            (AccessorKind::Optional, *field)
        }
        MemberKind::Flag { .. } => return Some((AccessorKind::Flag, ValueType::True, false)),
        MemberKind::Group { .. } | MemberKind::SizedObject { .. } => return None,
    };
    let f = s.fields.get(field)?;
    Some((kind, f.ty.clone(), f.boxed))
}

/// For each enum of two or more constructors, none of them empty: an accessor
/// for each field that every constructor has with the same name, kind and type
/// (in the order of the first constructor's fields). A type of one
/// constructor needs none: `let enums::T::T(x) = value;` cannot fail.
pub(super) fn accessors(model: &mut Model<'_>) {
    let structs = &model.structs;
    for e in &mut model.enums {
        if e.variants.len() < 2 || e.variants.iter().any(|v| v.unit) {
            continue;
        }
        let variant_structs: Vec<&Struct<'_>> = e
            .variants
            .iter()
            .filter_map(|v| structs.get(v.struct_id))
            .collect();
        let Some((first, rest)) = variant_structs.split_first() else {
            continue;
        };
        for (index, m) in first.layout.members.iter().enumerate() {
            if ENUM_METHODS.contains(&m.name.text()) {
                continue;
            }
            let Some((kind, ty, boxed)) = accessed(first, m) else {
                continue;
            };
            let mut members = vec![(index, boxed)];
            for s in rest {
                let found = s
                    .layout
                    .members
                    .iter()
                    .position(|other| other.name == m.name)
                    .and_then(|i| {
                        let (k, t, b) = accessed(s, s.layout.members.get(i)?)?;
                        (k == kind && t == ty).then_some((i, b))
                    });
                match found {
                    Some(member) => members.push(member),
                    None => break,
                }
            }
            if members.len() == e.variants.len() {
                e.accessors.push(Accessor {
                    name: m.name.clone(),
                    ty,
                    kind,
                    members,
                    docs: Vec::new(),
                });
            }
        }
    }
}

// ------------------------------------------------------------------- arbitrary

/// The height of a type or struct without any finite value (and the start of the
/// fixed point: heights only decrease from it, so it terminates).
const UNBOUNDED: usize = usize::MAX;

/// For `arbitrary`: each enum's shallowest variant, the one whose required
/// fields bottom out soonest (a fixed point over the model). At depth 0 a
/// generated value takes it, so generation always ends. A type without any
/// finite value is an error.
pub(super) fn shallowest(model: &mut Model<'_>) -> Vec<Diagnostic> {
    let mut structs = vec![UNBOUNDED; model.structs.len()];
    let mut enums = vec![UNBOUNDED; model.enums.len()];
    let height = |ty: &ValueType, structs: &[usize], enums: &[usize]| match ty {
        ValueType::Enum(e) => enums.get(*e).copied().unwrap_or(UNBOUNDED),
        ValueType::Bare(s) => structs.get(*s).copied().unwrap_or(UNBOUNDED),
        _ => 0,
    };
    loop {
        let mut changed = false;
        for (i, s) in model.structs.iter().enumerate() {
            let deepest =
                s.c.fields
                    .iter()
                    .zip(&s.fields)
                    .filter(|(tl, _)| tl.condition.is_none())
                    .map(|(_, f)| height(&f.ty, &structs, &enums))
                    .max()
                    .unwrap_or(0)
                    .saturating_add(1);
            if deepest < structs[i] {
                structs[i] = deepest;
                changed = true;
            }
        }
        for (i, e) in model.enums.iter().enumerate() {
            let lowest = e
                .variants
                .iter()
                .filter_map(|v| structs.get(v.struct_id).copied())
                .min()
                .unwrap_or(UNBOUNDED);
            if lowest < enums[i] {
                enums[i] = lowest;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut diagnostics = Vec::new();
    for (e, h) in model.enums.iter_mut().zip(&enums) {
        e.shallowest = e
            .variants
            .iter()
            .enumerate()
            .min_by_key(|(_, v)| structs.get(v.struct_id).copied().unwrap_or(UNBOUNDED))
            .map(|(i, _)| i);
        if *h == UNBOUNDED {
            let location =
                e.t.constructors
                    .first()
                    .and_then(|&c| model.schema.constructors.get(c))
                    .map(|c| c.location);
            if let Some(location) = location {
                diagnostics.push(
                    Diagnostic::error(
                        Code::NoFiniteValue,
                        location,
                        format!(
                            "type `{}` has no finite value: every constructor requires a `{}` \
                             again, so no arbitrary value can be generated",
                            e.t.name, e.t.name
                        ),
                    )
                    .with_help(
                        "make one of its fields conditional or a vector, or turn \
                         `arbitrary` off",
                    ),
                );
            }
        }
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_of_a_small_graph() {
        // 0 -> 1 -> 2 -> 0 is a cycle; 3 -> 3 a self loop; 4 alone; 5 -> 0.
        let graph = vec![vec![1], vec![2], vec![0], vec![3], vec![], vec![0]];
        let c = strongly_connected_components(&graph);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[0], c[3]);
        assert_ne!(c[3], c[4]);
        assert_ne!(c[5], c[0]);
    }

    #[test]
    fn a_long_chain_does_not_recurse() {
        let n = 200_000;
        let graph: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
        let c = strongly_connected_components(&graph);
        assert!(c.iter().all(|&x| x == c[0]));
    }
}
