//! What changed between two checked schemas (two layers of one API), at the
//! level of TL: definitions added, removed and changed, what changed in each,
//! and whether peers of the two layers can still read each other's values.
//!
//! A definition is identified by its kind (constructor or function) and its
//! full TL name. It is *changed* when both schemas have it with another id or
//! another definition: fields added, removed or retyped, moved to another flag
//! bit, made conditional or required, reordered, another result or other type
//! parameters. Two spellings of one definition (`Vector<T>` and `Vector T`)
//! are the same definition. Fields are matched by name, so a renamed field is
//! one removed and one added.
//!
//! Ids are compared as the checked schema has them ([`Combinator::id`]): the
//! written id, or the one computed by the schema's [`IdRule`](crate::IdRule)
//! where none is written. That is the id on the wire.
//!
//! The wire impact of each change ([`WireImpact`]) is judged on its own while
//! the id stays: an added optional field keeps old peers reading values that
//! leave its bit clear. When the id changes too (as it does with every field
//! change in Telegram's schemas), no value reads across the layers whatever
//! else changed, so every change of the definition is incompatible "with the
//! id": one verdict that the definition and all its changes agree on.
//!
//! ```
//! use tl_parser::{check_str, diff::{self, ChangeKind, WireImpact}};
//!
//! let (_, old) = check_str("old.tl", "user#1 id:long = User;");
//! let (_, new) = check_str("new.tl", "user#2 flags:# id:long name:flags.0?string = User;");
//! let d = diff::diff(&old.schema, &new.schema);
//! assert_eq!(d.changed.len(), 1);
//! let kinds: Vec<&ChangeKind> = d.changed[0].changes.iter().map(|c| &c.kind).collect();
//! assert!(matches!(kinds[0], ChangeKind::IdChanged { old: 1, new: 2 }));
//! assert_eq!(d.changed[0].wire(), WireImpact::Incompatible);
//! ```

use crate::schema::{Combinator, Field, Kind, Name, Schema, Ty};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// Whether peers of the two layers can read each other's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WireImpact {
    /// Values are encoded as before: old and new peers read each other's.
    None,
    /// Some values still read across the layers, others do not (the change
    /// says which).
    Partial,
    /// A peer of the other layer cannot read the values (or reads them wrong).
    Incompatible,
}

impl WireImpact {
    /// How it is named in reports: `none`, `partial`, `incompatible`.
    pub fn name(self) -> &'static str {
        match self {
            WireImpact::None => "none",
            WireImpact::Partial => "partial",
            WireImpact::Incompatible => "incompatible",
        }
    }
}

/// A flag condition by the name of its `#` field: `flags.3`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flag {
    /// The `#` field's name (`flags`, `flags2`).
    pub word: String,
    /// The bit, 0..=31.
    pub bit: u8,
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.word, self.bit)
    }
}

/// A field as a report names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FieldInfo {
    /// The field name.
    pub name: String,
    /// Its type as TL writes it (`Vector<MessageEntity>`, `#`, `true`).
    pub ty: String,
    /// Its flag condition, if it is conditional.
    pub condition: Option<Flag>,
}

impl fmt::Display for FieldInfo {
    /// As TL writes it: `name:flags.3?Type`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.condition {
            Some(flag) => write!(f, "{}:{flag}?{}", self.name, self.ty),
            None => write!(f, "{}:{}", self.name, self.ty),
        }
    }
}

/// One change of a definition present in both schemas.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    /// Another constructor id.
    IdChanged {
        /// The old id.
        old: u32,
        /// The new id.
        new: u32,
    },
    /// A field only the new definition has.
    FieldAdded(FieldInfo),
    /// A field only the old definition has.
    FieldRemoved(FieldInfo),
    /// A field of another type (its condition aside).
    FieldRetyped {
        /// The field name.
        name: String,
        /// The old type.
        old: String,
        /// The new type.
        new: String,
    },
    /// A conditional field on another bit (or another `#` field).
    FlagBitMoved {
        /// The field name.
        name: String,
        /// The old condition.
        old: Flag,
        /// The new condition.
        new: Flag,
    },
    /// A required field that became conditional.
    BecameConditional {
        /// The field name.
        name: String,
        /// Its new condition.
        flag: Flag,
    },
    /// A conditional field that became required.
    BecameRequired {
        /// The field name.
        name: String,
        /// Its old condition.
        flag: Flag,
    },
    /// The fields both definitions have are in another order.
    FieldsReordered {
        /// Their old order.
        old: Vec<String>,
        /// Their new order.
        new: Vec<String>,
    },
    /// Another result type: a function's answer, or the type a constructor
    /// belongs to.
    ResultChanged {
        /// The old result.
        old: String,
        /// The new result.
        new: String,
    },
    /// Other type parameters (`{X:Type}`).
    TypeParamsChanged {
        /// The old parameters' names.
        old: Vec<String>,
        /// The new parameters' names.
        new: Vec<String>,
    },
}

impl ChangeKind {
    /// A short stable name of the kind of change, for reports and JSON:
    /// `id_changed`, `field_added`, ...
    pub fn code(&self) -> &'static str {
        match self {
            ChangeKind::IdChanged { .. } => "id_changed",
            ChangeKind::FieldAdded(_) => "field_added",
            ChangeKind::FieldRemoved(_) => "field_removed",
            ChangeKind::FieldRetyped { .. } => "field_retyped",
            ChangeKind::FlagBitMoved { .. } => "flag_bit_moved",
            ChangeKind::BecameConditional { .. } => "became_conditional",
            ChangeKind::BecameRequired { .. } => "became_required",
            ChangeKind::FieldsReordered { .. } => "fields_reordered",
            ChangeKind::ResultChanged { .. } => "result_changed",
            ChangeKind::TypeParamsChanged { .. } => "type_params_changed",
        }
    }

    /// The field the change is about, if it is about one.
    pub fn field(&self) -> Option<&str> {
        match self {
            ChangeKind::FieldAdded(f) | ChangeKind::FieldRemoved(f) => Some(&f.name),
            ChangeKind::FieldRetyped { name, .. }
            | ChangeKind::FlagBitMoved { name, .. }
            | ChangeKind::BecameConditional { name, .. }
            | ChangeKind::BecameRequired { name, .. } => Some(name),
            _ => None,
        }
    }
}

impl fmt::Display for ChangeKind {
    /// One line: `field added: name:flags.3?string`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeKind::IdChanged { old, new } => write!(f, "id #{old:08x} -> #{new:08x}"),
            ChangeKind::FieldAdded(field) => write!(f, "field added: `{field}`"),
            ChangeKind::FieldRemoved(field) => write!(f, "field removed: `{field}`"),
            ChangeKind::FieldRetyped { name, old, new } => {
                write!(f, "field `{name}` retyped: `{old}` -> `{new}`")
            }
            ChangeKind::FlagBitMoved { name, old, new } => {
                write!(f, "field `{name}` moved from bit `{old}` to `{new}`")
            }
            ChangeKind::BecameConditional { name, flag } => {
                write!(f, "field `{name}` became conditional (`{flag}`)")
            }
            ChangeKind::BecameRequired { name, flag } => {
                write!(f, "field `{name}` became required (was `{flag}`)")
            }
            ChangeKind::FieldsReordered { old, new } => write!(
                f,
                "fields reordered: `{}` -> `{}`",
                old.join(" "),
                new.join(" ")
            ),
            ChangeKind::ResultChanged { old, new } => {
                write!(f, "result type `{old}` -> `{new}`")
            }
            ChangeKind::TypeParamsChanged { old, new } => write!(
                f,
                "type parameters `{{{}}}` -> `{{{}}}`",
                old.join(" "),
                new.join(" ")
            ),
        }
    }
}

/// One change with its wire impact.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Change {
    /// What changed.
    pub kind: ChangeKind,
    /// Whether peers of the two layers still read each other's values.
    pub wire: WireImpact,
    /// Why, in a sentence.
    pub wire_reason: String,
}

/// A definition only one of the schemas has.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Definition {
    /// Constructor or function.
    pub kind: Kind,
    /// Full TL name.
    pub name: Name,
    /// Its id.
    pub id: u32,
    /// Its result type (a constructor's type, a function's answer).
    pub result: String,
    /// The definition as written (white space collapsed, comments removed).
    pub definition: String,
}

/// A definition both schemas have, with another id or another definition.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Changed {
    /// Constructor or function.
    pub kind: Kind,
    /// Full TL name.
    pub name: Name,
    /// The old id.
    pub old_id: u32,
    /// The new id.
    pub new_id: u32,
    /// The old definition as written.
    pub old_definition: String,
    /// The new definition as written.
    pub new_definition: String,
    /// Every change, the id first, then the fields in the new definition's
    /// order, removed fields in the old one's, then order, result and parameters.
    pub changes: Vec<Change>,
}

impl Changed {
    /// The worst wire impact of its changes.
    pub fn wire(&self) -> WireImpact {
        self.changes
            .iter()
            .map(|c| c.wire)
            .max()
            .unwrap_or(WireImpact::None)
    }
}

/// A boxed type whose set of constructors changed (or that only one schema has).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TypeChange {
    /// The type's name.
    pub name: Name,
    /// Whether only the new schema has the type.
    pub added: bool,
    /// Whether only the old schema has the type.
    pub removed: bool,
    /// Constructors that now build it (new to the schema, or moved from
    /// another type), sorted.
    pub gained: Vec<Name>,
    /// Constructors that no longer build it, sorted.
    pub lost: Vec<Name>,
    /// Whether peers of the two layers still read its values.
    pub wire: WireImpact,
}

/// Everything that differs between two schemas; every list sorted by
/// namespace, then name, constructors before functions of one name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Diff {
    /// The old schema's layer.
    pub old_layer: Option<u32>,
    /// The new schema's layer.
    pub new_layer: Option<u32>,
    /// Definitions only the new schema has.
    pub added: Vec<Definition>,
    /// Definitions only the old schema has.
    pub removed: Vec<Definition>,
    /// Definitions both have, with another id or another definition.
    pub changed: Vec<Changed>,
    /// Types that gained or lost constructors, or that only one schema has.
    pub types: Vec<TypeChange>,
}

/// The order of reports: namespace, then name, constructors first.
fn sort_key(kind: Kind, name: &Name) -> Key {
    (
        name.namespace.clone(),
        name.name.clone(),
        u8::from(kind == Kind::Function),
    )
}

/// Compares two checked schemas: what `new` adds, removes and changes
/// relative to `old`, with the wire impact of every change.
pub fn diff(old: &Schema, new: &Schema) -> Diff {
    let (old_defs, new_defs) = (by_key(old), by_key(new));
    let mut out = Diff {
        old_layer: old.layer,
        new_layer: new.layer,
        ..Diff::default()
    };
    for (key, c) in &new_defs {
        match old_defs.get(key) {
            None => out.added.push(definition(c)),
            Some(o) => {
                let changes = changes(o, c);
                if !changes.is_empty() {
                    out.changed.push(Changed {
                        kind: c.kind,
                        name: c.name.clone(),
                        old_id: o.id,
                        new_id: c.id,
                        old_definition: o.definition.clone(),
                        new_definition: c.definition.clone(),
                        changes,
                    });
                }
            }
        }
    }
    for (key, c) in &old_defs {
        if !new_defs.contains_key(key) {
            out.removed.push(definition(c));
        }
    }
    out.types = type_changes(old, new);
    out
}

/// A definition's place in reports (see [`sort_key`]).
type Key = (Vec<String>, String, u8);

/// The definitions of `s` by their report order.
fn by_key(s: &Schema) -> BTreeMap<Key, &Combinator> {
    s.combinators()
        .map(|c| (sort_key(c.kind, &c.name), c))
        .collect()
}

/// `c` as an added or removed definition.
fn definition(c: &Combinator) -> Definition {
    Definition {
        kind: c.kind,
        name: c.name.clone(),
        id: c.id,
        result: ty_text(&c.result),
        definition: c.definition.clone(),
    }
}

/// The constructors of each type, by type.
fn constructors_by_type(s: &Schema) -> BTreeMap<&Name, BTreeSet<&Name>> {
    let mut out: BTreeMap<&Name, BTreeSet<&Name>> = BTreeMap::new();
    for t in &s.types {
        let names = t
            .constructors
            .iter()
            .filter_map(|&i| s.constructors.get(i))
            .map(|c| &c.name);
        out.entry(&t.name).or_default().extend(names);
    }
    out
}

/// Types that gained or lost constructors, or exist on one side only.
fn type_changes(old: &Schema, new: &Schema) -> Vec<TypeChange> {
    let (old_types, new_types) = (constructors_by_type(old), constructors_by_type(new));
    let empty = BTreeSet::new();
    let names: BTreeSet<&Name> = old_types.keys().chain(new_types.keys()).copied().collect();
    let mut out = Vec::new();
    for name in names {
        let before = old_types.get(name);
        let after = new_types.get(name);
        let (b, a) = (before.unwrap_or(&empty), after.unwrap_or(&empty));
        let gained: Vec<Name> = a.difference(b).map(|n| (*n).clone()).collect();
        let lost: Vec<Name> = b.difference(a).map(|n| (*n).clone()).collect();
        if gained.is_empty() && lost.is_empty() {
            continue;
        }
        let (added, removed) = (before.is_none(), after.is_none());
        let wire = if added || removed {
            WireImpact::Incompatible
        } else {
            WireImpact::Partial
        };
        out.push(TypeChange {
            name: name.clone(),
            added,
            removed,
            gained,
            lost,
            wire,
        });
    }
    out.sort_by_key(|t| sort_key(Kind::Constructor, &t.name));
    out
}

/// A field's type as TL writes it (its condition aside).
pub fn ty_text(ty: &Ty) -> String {
    match ty {
        Ty::Builtin(b) => b.tl_name().to_owned(),
        Ty::Flags => "#".to_owned(),
        Ty::True => "true".to_owned(),
        Ty::Boxed(name) | Ty::Bare(name) => name.full(),
        Ty::Vector { boxed, item } => {
            let head = if *boxed { "Vector" } else { "vector" };
            format!("{head}<{}>", ty_text(item))
        }
        Ty::Param { name, bang } => {
            if *bang {
                format!("!{name}")
            } else {
                name.clone()
            }
        }
        Ty::Object => "Object".to_owned(),
        Ty::IntArray { name, .. } => name.clone(),
    }
}

/// Whether values of `a` and `b` have the same bytes on the wire
/// (`int` and TDLib's `int32`, `long` and `int53`, ...).
fn same_wire(a: &Ty, b: &Ty) -> bool {
    match (a, b) {
        (Ty::Builtin(x), Ty::Builtin(y)) => x.wire() == y.wire(),
        (
            Ty::Vector {
                boxed: xb,
                item: xi,
            },
            Ty::Vector {
                boxed: yb,
                item: yi,
            },
        ) => xb == yb && same_wire(xi, yi),
        _ => a == b,
    }
}

/// The condition of field `f` of `c`, by its `#` field's name.
fn flag_of(c: &Combinator, f: &crate::schema::Field) -> Option<Flag> {
    f.condition.map(|cond| Flag {
        word: c
            .fields
            .get(cond.flags_field)
            .map_or_else(String::new, |w| w.name.clone()),
        bit: cond.bit,
    })
}

/// `f` of `c` as a report names it.
fn field_info(c: &Combinator, f: &crate::schema::Field) -> FieldInfo {
    FieldInfo {
        name: f.name.clone(),
        ty: ty_text(&f.ty),
        condition: flag_of(c, f),
    }
}

/// The fields of `c` by name (a definition may have thousands: looking each
/// up by a scan made comparing two of them quadratic).
fn fields_by_name(c: &Combinator) -> HashMap<&str, &Field> {
    let mut fields = HashMap::with_capacity(c.fields.len());
    for f in &c.fields {
        fields.entry(f.name.as_str()).or_insert(f);
    }
    fields
}

/// Every change from `o` to `n` (empty: the same definition).
fn changes(o: &Combinator, n: &Combinator) -> Vec<Change> {
    let mut out = Vec::new();
    let mut push = |kind: ChangeKind, wire: WireImpact, reason: &str| {
        out.push(Change {
            kind,
            wire,
            wire_reason: reason.to_owned(),
        });
    };
    if o.id != n.id {
        push(
            ChangeKind::IdChanged {
                old: o.id,
                new: n.id,
            },
            WireImpact::Incompatible,
            "a peer of the other layer does not know the new id, nor the old one",
        );
    }
    let (old_fields, new_fields) = (fields_by_name(o), fields_by_name(n));
    let old_field = |name: &str| old_fields.get(name).copied();
    let new_field = |name: &str| new_fields.get(name).copied();
    for f in &n.fields {
        let Some(before) = old_field(&f.name) else {
            let info = field_info(n, f);
            let (wire, reason) = match (&info.condition, &f.ty) {
                (Some(_), Ty::True) => (
                    WireImpact::None,
                    "an old peer ignores the bit (and loses its value); nothing else is written",
                ),
                (Some(_), _) => (
                    WireImpact::Partial,
                    "an old peer reads values that leave the bit clear, and misreads the others",
                ),
                (None, Ty::True) => (WireImpact::None, "a `true` field writes nothing"),
                (None, _) => (
                    WireImpact::Incompatible,
                    "every value has the new field, which an old peer does not expect",
                ),
            };
            push(ChangeKind::FieldAdded(info), wire, reason);
            continue;
        };
        if before.ty != f.ty {
            let (wire, reason) = if same_wire(&before.ty, &f.ty) {
                (
                    WireImpact::None,
                    "both types have the same bytes on the wire",
                )
            } else if f.condition.is_some() && before.condition.is_some() {
                (
                    WireImpact::Partial,
                    "values without the field still read; values with it do not",
                )
            } else {
                (
                    WireImpact::Incompatible,
                    "the field's bytes are another type's",
                )
            };
            push(
                ChangeKind::FieldRetyped {
                    name: f.name.clone(),
                    old: ty_text(&before.ty),
                    new: ty_text(&f.ty),
                },
                wire,
                reason,
            );
        }
        match (flag_of(o, before), flag_of(n, f)) {
            (None, Some(flag)) => push(
                ChangeKind::BecameConditional {
                    name: f.name.clone(),
                    flag,
                },
                if f.ty == Ty::True {
                    WireImpact::None
                } else {
                    WireImpact::Partial
                },
                if f.ty == Ty::True {
                    "a `true` field writes nothing"
                } else {
                    "an old peer reads values that have the field, and misreads those without it"
                },
            ),
            (Some(flag), None) => push(
                ChangeKind::BecameRequired {
                    name: f.name.clone(),
                    flag,
                },
                if f.ty == Ty::True {
                    WireImpact::None
                } else {
                    WireImpact::Incompatible
                },
                if f.ty == Ty::True {
                    "a `true` field writes nothing"
                } else {
                    "the bit is no longer set, so an old peer skips the field and misreads the rest"
                },
            ),
            (Some(old), Some(new)) if old != new => push(
                ChangeKind::FlagBitMoved {
                    name: f.name.clone(),
                    old,
                    new,
                },
                WireImpact::Partial,
                "values with neither bit set read the same; the others are misread",
            ),
            _ => {}
        }
    }
    for f in &o.fields {
        if new_field(&f.name).is_none() {
            let info = field_info(o, f);
            let (wire, reason) = match (&info.condition, &f.ty) {
                (Some(_), Ty::True) => (
                    WireImpact::None,
                    "a new peer ignores the bit; nothing else was written",
                ),
                (Some(_), _) => (
                    WireImpact::Partial,
                    "a new peer reads old values that leave the bit clear, and misreads the others",
                ),
                (None, Ty::True) => (WireImpact::None, "a `true` field writes nothing"),
                (None, _) => (
                    WireImpact::Incompatible,
                    "every old value has the field, which a new peer does not expect",
                ),
            };
            push(ChangeKind::FieldRemoved(info), wire, reason);
        }
    }
    let common = |a: &Combinator, b: &HashMap<&str, &Field>| -> Vec<String> {
        a.fields
            .iter()
            .filter(|f| b.contains_key(f.name.as_str()))
            .map(|f| f.name.clone())
            .collect()
    };
    let (old_order, new_order) = (common(o, &new_fields), common(n, &old_fields));
    if old_order != new_order {
        push(
            ChangeKind::FieldsReordered {
                old: old_order,
                new: new_order,
            },
            WireImpact::Incompatible,
            "the fields are written in another order",
        );
    }
    if o.result != n.result {
        let (wire, reason) = match n.kind {
            Kind::Function if same_wire(&o.result, &n.result) => (
                WireImpact::None,
                "both types have the same bytes on the wire",
            ),
            Kind::Function => (
                WireImpact::Incompatible,
                "the answer is decoded as another type",
            ),
            Kind::Constructor => (
                WireImpact::Incompatible,
                "fields of the old type no longer accept it, nor those of the new type before",
            ),
        };
        push(
            ChangeKind::ResultChanged {
                old: ty_text(&o.result),
                new: ty_text(&n.result),
            },
            wire,
            reason,
        );
    }
    let params = |c: &Combinator| -> Vec<String> {
        c.type_params
            .iter()
            .map(|p| format!("{}:Type", p.name))
            .collect()
    };
    if params(o) != params(n) {
        push(
            ChangeKind::TypeParamsChanged {
                old: params(o),
                new: params(n),
            },
            WireImpact::Incompatible,
            "the generic values are written differently",
        );
    }
    if o.id != n.id {
        let others = out
            .iter_mut()
            .filter(|c| !matches!(c.kind, ChangeKind::IdChanged { .. }));
        for change in others {
            change.wire = WireImpact::Incompatible;
            change.wire_reason = WITH_THE_ID.to_owned();
        }
    }
    out
}

/// The wire reason of a change made with an id change (listed first, with
/// the reason), which decides it.
pub const WITH_THE_ID: &str = "with the id";

#[cfg(test)]
mod tests {
    use super::*;

    /// The diff of two schema texts (both must check).
    fn diff_of(old: &str, new: &str) -> Diff {
        let (_, o) = crate::check_str("old.tl", old);
        let (_, n) = crate::check_str("new.tl", new);
        assert!(!o.has_errors(), "{:?}", o.diagnostics);
        assert!(!n.has_errors(), "{:?}", n.diagnostics);
        diff(&o.schema, &n.schema)
    }

    /// The changes of the only changed definition, as `(code, wire)` pairs.
    fn changes_of(old: &str, new: &str) -> Vec<(String, &'static str, WireImpact)> {
        let d = diff_of(old, new);
        assert_eq!(d.changed.len(), 1, "{d:?}");
        d.changed[0]
            .changes
            .iter()
            .map(|c| (c.kind.to_string(), c.kind.code(), c.wire))
            .collect()
    }

    #[test]
    fn same_definition_spelled_otherwise_is_unchanged() {
        let d = diff_of(
            "a#1 xs:Vector<int> = A;",
            "// LAYER 2\na#1   xs:(Vector int) = A;",
        );
        assert_eq!(d.changed, []);
        assert_eq!((d.old_layer, d.new_layer), (None, Some(2)));
    }

    #[test]
    fn fields_added_and_removed_are_judged_by_their_condition() {
        let c = changes_of(
            "a#1 flags:# x:int old:flags.1?int gone:flags.2?true = A;",
            "a#1 flags:# x:int new:flags.3?string more:long on:flags.4?true = A;",
        );
        assert_eq!(
            c,
            [
                (
                    "field added: `new:flags.3?string`".to_owned(),
                    "field_added",
                    WireImpact::Partial
                ),
                (
                    "field added: `more:long`".to_owned(),
                    "field_added",
                    WireImpact::Incompatible
                ),
                (
                    "field added: `on:flags.4?true`".to_owned(),
                    "field_added",
                    WireImpact::None
                ),
                (
                    "field removed: `old:flags.1?int`".to_owned(),
                    "field_removed",
                    WireImpact::Partial
                ),
                (
                    "field removed: `gone:flags.2?true`".to_owned(),
                    "field_removed",
                    WireImpact::None
                ),
            ]
        );
    }

    #[test]
    fn conditions_moving_appearing_and_disappearing() {
        let c = changes_of(
            "a#1 flags:# x:flags.0?int y:int z:flags.2?long = A;",
            "a#1 flags:# x:flags.1?int y:flags.5?int z:long = A;",
        );
        let codes: Vec<(&str, WireImpact)> = c.iter().map(|(_, k, w)| (*k, *w)).collect();
        assert_eq!(
            codes,
            [
                ("flag_bit_moved", WireImpact::Partial),
                ("became_conditional", WireImpact::Partial),
                ("became_required", WireImpact::Incompatible),
            ]
        );
        assert_eq!(c[0].0, "field `x` moved from bit `flags.0` to `flags.1`");
    }

    #[test]
    fn with_another_id_every_change_is_incompatible_with_it() {
        let d = diff_of(
            "a#1 flags:# x:flags.0?int = A;",
            "a#2 flags:# x:flags.1?int on:flags.2?true = A;",
        );
        let verdicts: Vec<(String, WireImpact, &str)> = d.changed[0]
            .changes
            .iter()
            .map(|c| (c.kind.to_string(), c.wire, c.wire_reason.as_str()))
            .collect();
        assert_eq!(
            verdicts,
            [
                (
                    "id #00000001 -> #00000002".to_owned(),
                    WireImpact::Incompatible,
                    "a peer of the other layer does not know the new id, nor the old one"
                ),
                // In the new definition's field order.
                (
                    "field `x` moved from bit `flags.0` to `flags.1`".to_owned(),
                    WireImpact::Incompatible,
                    "with the id"
                ),
                (
                    "field added: `on:flags.2?true`".to_owned(),
                    WireImpact::Incompatible,
                    "with the id"
                ),
            ]
        );
    }

    #[test]
    fn retyped_fields_keep_the_wire_when_the_bytes_are_the_same() {
        let c = changes_of(
            "a#1 n:int s:string v:Vector<long> = A;",
            "int32 = Int32;\na#1 n:int32 s:bytes v:Vector<int> = A;",
        );
        let codes: Vec<(&str, WireImpact)> = c.iter().map(|(_, k, w)| (*k, *w)).collect();
        assert_eq!(
            codes,
            [
                ("field_retyped", WireImpact::None),
                ("field_retyped", WireImpact::Incompatible),
                ("field_retyped", WireImpact::Incompatible),
            ]
        );
        assert_eq!(c[2].0, "field `v` retyped: `Vector<long>` -> `Vector<int>`");
    }

    #[test]
    fn results_order_and_type_membership() {
        let d = diff_of(
            "a#1 = A;\nb#2 = A;\nc#3 = C;\n---functions---\nget#9 x:int y:int = A;\n",
            "a#1 = A;\nb#2 = C;\nc#3 = C;\nd#4 = D;\n---functions---\nget#9 y:int x:int = C;\n",
        );
        let changed: Vec<(String, Vec<&str>)> = d
            .changed
            .iter()
            .map(|c| {
                (
                    c.name.full(),
                    c.changes.iter().map(|c| c.kind.code()).collect(),
                )
            })
            .collect();
        assert_eq!(
            changed,
            [
                ("b".to_owned(), vec!["result_changed"]),
                ("get".to_owned(), vec!["fields_reordered", "result_changed"]),
            ]
        );
        let added: Vec<String> = d.added.iter().map(|a| a.name.full()).collect();
        assert_eq!(added, ["d"]);
        let types: Vec<(String, bool, bool, usize, usize, WireImpact)> = d
            .types
            .iter()
            .map(|t| {
                (
                    t.name.full(),
                    t.added,
                    t.removed,
                    t.gained.len(),
                    t.lost.len(),
                    t.wire,
                )
            })
            .collect();
        assert_eq!(
            types,
            [
                ("A".to_owned(), false, false, 0, 1, WireImpact::Partial),
                ("C".to_owned(), false, false, 1, 0, WireImpact::Partial),
                ("D".to_owned(), true, false, 1, 0, WireImpact::Incompatible),
            ]
        );
    }

    #[test]
    fn reports_are_sorted_by_namespace_then_name() {
        let d = diff_of(
            "x#9 = X;",
            "x#9 = X;\nz#1 = Z;\nb.a#2 = B;\na.z#3 = A;\n---functions---\nz#4 = Z;\n",
        );
        let added: Vec<String> = d
            .added
            .iter()
            .map(|a| format!("{}:{:?}", a.name, a.kind))
            .collect();
        assert_eq!(
            added,
            [
                "z:Constructor",
                "z:Function",
                "a.z:Constructor",
                "b.a:Constructor"
            ]
        );
    }
}
