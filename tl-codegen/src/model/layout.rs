//! How the TL fields of one combinator become the fields of its Rust struct.
//!
//! TL fields and Rust fields do not correspond one to one:
//!
//! - a `#` word that conditional fields refer to is not stored: it is computed on
//!   write from which optional values are set, and decoded into a local on read;
//! - `flags.K?true` is a `bool` and takes no room on the wire;
//! - `flags.K?T` is an `Option<T>`;
//! - fields that share one bit are present together or absent together, so they
//!   become one `Option` of a small generated struct, stored in a field named after
//!   the first field of the group. The struct is named after that field too and
//!   lives in a module named after the combinator, as prost does for nested items
//!   (`message_fwd_header::SavedFromPeer`), so its name cannot clash with a
//!   constructor's (`messageViews` and the `views` group of `message` both exist).
//!   `true` fields of such a group carry no data of their own: they are set exactly
//!   when the group is, so they are not stored either. A group made only of `true`
//!   fields is one `bool`;
//! - an `Object` right after an `int` named `bytes` is the transport `message` of
//!   mtproto.tl (`msg_id:long seqno:int bytes:int body:Object`): `bytes` is the
//!   object's length, computed on write and used on read to bound the object;
//! - an unconditional `true` field carries nothing at all and has no Rust field;
//! - a `#` word that no field refers to is a plain number (`u32`).
//!
//! [`Layout`] records both views: `members`, the Rust fields in declaration order
//! (a group sits where its first field was), and `wire`, what to do for each TL
//! field in wire order.

use super::naming::{self, RustName};
use tl_parser::{Builtin, Combinator, Ty};

/// A bit of a flags word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bit {
    /// Index of the `#` field holding the bit.
    pub flags_field: usize,
    /// The bit number, 0..=31.
    pub bit: u8,
}

/// What a Rust struct field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MemberKind {
    /// An unconditional value of the TL field's type.
    Plain {
        /// The TL field.
        field: usize,
    },
    /// `flags.K?T` alone on its bit: `Option<T>`.
    Optional {
        /// The TL field.
        field: usize,
        /// Its bit.
        bit: Bit,
    },
    /// `flags.K?true` (one or several fields sharing the bit, all `true`): `bool`.
    Flag {
        /// The TL fields (all of type `true`).
        fields: Vec<usize>,
        /// Their bit.
        bit: Bit,
    },
    /// Several fields sharing one bit, at least one carrying data:
    /// `Option<GroupStruct>`.
    Group {
        /// The fields that carry data, in wire order: the group struct's fields.
        values: Vec<usize>,
        /// The `true` fields of the group: set exactly when the group is.
        implied: Vec<usize>,
        /// The bit.
        bit: Bit,
        /// The name of the generated group struct (in [`Layout::group_module`]).
        struct_name: RustName,
    },
    /// An object field that TDLib's schema documents as possibly null ("may be
    /// null", "pass null"): `Option<T>`. TL has no null; on the wire it is
    /// TL's `null#56730bcc` when absent, else the value with its constructor id
    /// (TDLib itself has no binary form of these types).
    Nullable {
        /// The TL field.
        field: usize,
    },
    /// `body:Object` whose length is given by the preceding `bytes:int`.
    SizedObject {
        /// The `Object` field.
        field: usize,
        /// The `bytes:int` field.
        length_field: usize,
    },
}

/// One field of the generated Rust struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Member {
    /// The Rust field name.
    pub name: RustName,
    /// What it holds.
    pub kind: MemberKind,
}

impl Member {
    /// The bit this member depends on, if it is conditional.
    pub(crate) fn bit(&self) -> Option<Bit> {
        match &self.kind {
            MemberKind::Optional { bit, .. }
            | MemberKind::Flag { bit, .. }
            | MemberKind::Group { bit, .. } => Some(*bit),
            MemberKind::Plain { .. }
            | MemberKind::Nullable { .. }
            | MemberKind::SizedObject { .. } => None,
        }
    }

    /// Whether the member must be given (`new`'s parameters): it is not
    /// conditional on a flag bit, nor nullable.
    pub(crate) fn is_required(&self) -> bool {
        self.bit().is_none() && !matches!(self.kind, MemberKind::Nullable { .. })
    }

    /// The first TL field the member stands for.
    pub(crate) fn first_field(&self) -> Option<usize> {
        match &self.kind {
            MemberKind::Plain { field }
            | MemberKind::Optional { field, .. }
            | MemberKind::Nullable { field }
            | MemberKind::SizedObject { field, .. } => Some(*field),
            MemberKind::Flag { fields, .. } => fields.first().copied(),
            MemberKind::Group { values, .. } => values.first().copied(),
        }
    }
}

/// What happens on the wire for one TL field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Wire {
    /// A `#` word computed from the members conditioned on it.
    FlagsWord {
        /// The local variable holding it (the TL field name).
        local: RustName,
    },
    /// The value of a `Plain` member.
    Plain {
        /// Index into [`Layout::members`].
        member: usize,
    },
    /// The value of an `Optional` member, written when it is set.
    Optional {
        /// Index into [`Layout::members`].
        member: usize,
    },
    /// The value of a `Nullable` member: its boxed form, or `null#56730bcc`.
    Nullable {
        /// Index into [`Layout::members`].
        member: usize,
    },
    /// One value field of a `Group` member, written when the group is set.
    Grouped {
        /// Index into [`Layout::members`].
        member: usize,
        /// The TL field.
        field: usize,
    },
    /// Nothing on the wire (`true` fields).
    Nothing,
    /// The `bytes:int` length of a sized object, computed from it.
    ObjectLength {
        /// The local variable holding the length on read.
        local: RustName,
        /// Index into [`Layout::members`] of the `SizedObject`.
        member: usize,
    },
    /// The object of a `SizedObject` member.
    SizedObject {
        /// Index into [`Layout::members`].
        member: usize,
        /// The local variable holding the length on read.
        length_local: RustName,
    },
}

/// The Rust view and the wire view of one combinator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Layout {
    /// Rust struct fields, in declaration order.
    pub members: Vec<Member>,
    /// One entry per TL field, in wire order.
    pub wire: Vec<Wire>,
    /// The module holding the group structs (the combinator's name in snake case),
    /// next to the combinator's struct.
    pub group_module: RustName,
    /// For each TL field, the members whose bit it holds, as (bit, member
    /// index), in member order ([`Layout::bits_of`]; a table, as a combinator
    /// may have thousands of flags words).
    bits: Vec<Vec<(u8, usize)>>,
}

impl Layout {
    /// Lays out `c`; `nullable` says which unconditional fields are nullable
    /// objects (see [`MemberKind::Nullable`]).
    pub(crate) fn of(c: &Combinator, nullable: &dyn Fn(usize) -> bool) -> Layout {
        // Every table below is filled in one pass, so that laying out a
        // combinator stays linear in its fields however many share a bit.
        // Which fields hold other fields' bits:
        let mut referenced = vec![false; c.fields.len()];
        for cond in c.fields.iter().filter_map(|f| f.condition) {
            if let Some(r) = referenced.get_mut(cond.flags_field) {
                *r = true;
            }
        }
        // The fields sharing each field's bit (its flag group's).
        let mut group_of: Vec<&[usize]> = vec![&[]; c.fields.len()];
        for g in &c.flag_groups {
            for &i in &g.fields {
                if let Some(slot) = group_of.get_mut(i) {
                    *slot = &g.fields;
                }
            }
        }
        let mut members: Vec<Member> = Vec::new();
        let mut wire: Vec<Wire> = Vec::with_capacity(c.fields.len());
        // Member index of each group, by its leading field.
        let mut group_member: Vec<Option<usize>> = vec![None; c.fields.len()];
        for (index, field) in c.fields.iter().enumerate() {
            let name = naming::field_name(&field.name);
            if field.ty == Ty::Flags && referenced.get(index).copied().unwrap_or(false) {
                wire.push(Wire::FlagsWord { local: name });
                continue;
            }
            if let Some(cond) = field.condition {
                let bit = Bit {
                    flags_field: cond.flags_field,
                    bit: cond.bit,
                };
                let single = [index];
                let group = match group_of.get(index) {
                    Some(&fields) if !fields.is_empty() => fields,
                    _ => &single,
                };
                let leader = group.first().copied().unwrap_or(index);
                if leader != index {
                    let member = group_member.get(leader).copied().flatten();
                    wire.push(match member {
                        Some(member) if field.ty != Ty::True => Wire::Grouped {
                            member,
                            field: index,
                        },
                        _ => Wire::Nothing,
                    });
                    continue;
                }
                let is_true = |i: &usize| c.fields.get(*i).is_some_and(|f| f.ty == Ty::True);
                let (implied, values): (Vec<usize>, Vec<usize>) =
                    group.iter().copied().partition(is_true);
                let member = members.len();
                let kind = if values.is_empty() {
                    MemberKind::Flag {
                        fields: implied,
                        bit,
                    }
                } else if group.len() == 1 {
                    MemberKind::Optional { field: index, bit }
                } else {
                    MemberKind::Group {
                        values,
                        implied,
                        bit,
                        struct_name: naming::type_name(&field.name),
                    }
                };
                wire.push(match &kind {
                    MemberKind::Flag { .. } => Wire::Nothing,
                    MemberKind::Optional { .. } => Wire::Optional { member },
                    _ if field.ty == Ty::True => Wire::Nothing,
                    _ => Wire::Grouped {
                        member,
                        field: index,
                    },
                });
                if let Some(slot) = group_member.get_mut(index) {
                    *slot = Some(member);
                }
                members.push(Member { name, kind });
                continue;
            }
            if field.ty == Ty::True {
                wire.push(Wire::Nothing);
                continue;
            }
            if is_object_length(c, index) {
                // Filled in when the object itself is reached (the next field).
                wire.push(Wire::Nothing);
                continue;
            }
            let member = members.len();
            let previous = index.checked_sub(1);
            match previous.filter(|&p| field.ty == Ty::Object && is_object_length(c, p)) {
                Some(length_field) => {
                    let length_local = c.fields.get(length_field).map_or_else(
                        || naming::field_name("bytes"),
                        |f| naming::field_name(&f.name),
                    );
                    if let Some(slot) = wire.get_mut(length_field) {
                        *slot = Wire::ObjectLength {
                            local: length_local.clone(),
                            member,
                        };
                    }
                    wire.push(Wire::SizedObject {
                        member,
                        length_local,
                    });
                    members.push(Member {
                        name,
                        kind: MemberKind::SizedObject {
                            field: index,
                            length_field,
                        },
                    });
                }
                None if nullable(index) => {
                    wire.push(Wire::Nullable { member });
                    members.push(Member {
                        name,
                        kind: MemberKind::Nullable { field: index },
                    });
                }
                None => {
                    wire.push(Wire::Plain { member });
                    members.push(Member {
                        name,
                        kind: MemberKind::Plain { field: index },
                    });
                }
            }
        }
        let mut bits = vec![Vec::new(); c.fields.len()];
        for (index, m) in members.iter().enumerate() {
            if let Some(b) = m.bit() {
                if let Some(word) = bits.get_mut(b.flags_field) {
                    word.push((b.bit, index));
                }
            }
        }
        Layout {
            members,
            wire,
            group_module: naming::module_name(&c.name.name),
            bits,
        }
    }

    /// The members conditioned on flags field `flags_field`, as (bit, member
    /// index), in member order.
    pub(crate) fn bits_of(&self, flags_field: usize) -> &[(u8, usize)] {
        self.bits.get(flags_field).map_or(&[], Vec::as_slice)
    }
}

/// Whether field `index` is the `bytes:int` length of an `Object` right after it.
fn is_object_length(c: &Combinator, index: usize) -> bool {
    let Some(field) = c.fields.get(index) else {
        return false;
    };
    let next_is_object = c
        .fields
        .get(index + 1)
        .is_some_and(|next| next.ty == Ty::Object && next.condition.is_none());
    field.name == "bytes"
        && field.ty == Ty::Builtin(Builtin::Int)
        && field.condition.is_none()
        && next_is_object
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(text: &str) -> Layout {
        let (_, checked) = tl_parser::check_str("t.tl", text);
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        let c = checked
            .schema
            .combinators()
            .last()
            .cloned()
            .unwrap_or_else(|| panic!("no combinator in {text}"));
        Layout::of(&c, &|_| false)
    }

    fn names(l: &Layout) -> Vec<String> {
        l.members.iter().map(|m| m.name.display()).collect()
    }

    #[test]
    fn flags_words_are_not_members() {
        let l = layout("a#1 flags:# x:flags.0?true y:flags.1?int z:int = A;");
        assert_eq!(names(&l), ["x", "y", "z"]);
        assert!(matches!(l.wire[0], Wire::FlagsWord { .. }));
        assert_eq!(l.wire[1], Wire::Nothing);
        assert_eq!(l.wire[2], Wire::Optional { member: 1 });
        assert_eq!(l.wire[3], Wire::Plain { member: 2 });
        assert_eq!(l.bits_of(0).len(), 2);
    }

    #[test]
    fn shared_bits_form_one_group_member() {
        let l = layout(
            "a#1 flags:# bot:flags.3?true k:int version:flags.3?int name:flags.3?string = A;",
        );
        assert_eq!(names(&l), ["bot", "k"]);
        match &l.members[0].kind {
            MemberKind::Group {
                values,
                implied,
                struct_name,
                ..
            } => {
                assert_eq!(values, &[3, 4]);
                assert_eq!(implied, &[1]);
                assert_eq!(struct_name.display(), "Bot");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(
            l.wire[3],
            Wire::Grouped {
                member: 0,
                field: 3
            }
        );
        assert_eq!(
            l.wire[4],
            Wire::Grouped {
                member: 0,
                field: 4
            }
        );
        assert_eq!(l.group_module.display(), "a");
    }

    #[test]
    fn unreferenced_flags_word_is_a_number() {
        let l = layout("a#1 flags:# title:string = A;");
        assert_eq!(names(&l), ["flags", "title"]);
        assert_eq!(l.wire[0], Wire::Plain { member: 0 });
    }

    #[test]
    fn object_after_bytes_is_sized() {
        let l = layout("message#1 msg_id:long seqno:int bytes:int body:Object = Message;");
        assert_eq!(names(&l), ["msg_id", "seqno", "body"]);
        assert!(matches!(l.wire[2], Wire::ObjectLength { member: 2, .. }));
        assert!(matches!(l.wire[3], Wire::SizedObject { member: 2, .. }));
    }
}
