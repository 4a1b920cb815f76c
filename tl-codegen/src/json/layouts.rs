//! [`Layouts`]: the JSON object and the wire fields of every definition, as
//! data, for readers and writers that work without generated code.

use super::{Codec, codec};
use crate::model::layout::{MemberKind, Wire};
use crate::model::{Model, Struct, ValueType};
use crate::options::{JsonForm, OptionError, Options};
use std::collections::BTreeMap;
use tl_parser::{Kind, Schema};

/// A bit of a flags word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bit {
    /// Index of the `#` field holding the bit.
    pub flags_field: usize,
    /// The bit number, 0..=31.
    pub bit: u8,
}

/// When an [`Entry`] is in the JSON object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Presence {
    /// Always.
    Required,
    /// `flags.K?T` alone on its bit: when the bit is set.
    Optional(Bit),
    /// `flags.K?true` (every `true` field of a bit without values): `true` when
    /// the bit is set, else left out.
    Flag(Bit),
    /// A value of several fields sharing a bit: present with the others.
    Grouped(Bit),
    /// A `true` field sharing its bit with values: `true` when they are present
    /// (it holds nothing of its own; read, it is ignored).
    Implied(Bit),
    /// An object TDLib's schema documents as possibly null: left out when null.
    Nullable,
}

impl Presence {
    /// The bit the entry depends on, if any.
    #[must_use]
    pub fn bit(self) -> Option<Bit> {
        match self {
            Presence::Optional(bit)
            | Presence::Flag(bit)
            | Presence::Grouped(bit)
            | Presence::Implied(bit) => Some(bit),
            Presence::Required | Presence::Nullable => None,
        }
    }
}

/// One key of a definition's JSON object.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Entry {
    /// The key: the TL field name.
    pub key: String,
    /// The TL field (index into [`Definition::wire`]).
    pub field: usize,
    /// How its value is written.
    pub codec: Codec,
    /// When it is there.
    pub presence: Presence,
}

/// What one TL field is on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WireField {
    /// A `#` word computed from the fields conditioned on it.
    FlagsWord {
        /// Its TL field name (`flags`): never written, but checked when a
        /// reader is given it.
        key: String,
    },
    /// A value (conditional when `condition` is set), written with its codec.
    Value {
        /// Its codec.
        codec: Codec,
        /// The bit it depends on.
        condition: Option<Bit>,
    },
    /// Nothing (`true` fields; a conditional one is its bit).
    Nothing,
    /// The `bytes:int` length of the sized `Object` in field `object`.
    ObjectLength {
        /// The `Object` field.
        object: usize,
    },
    /// An `Object` whose length is field `length`.
    SizedObject {
        /// The `bytes:int` field.
        length: usize,
    },
    /// A possibly null object: boxed, or `null#56730bcc`.
    Nullable {
        /// Its codec.
        codec: Codec,
    },
}

/// One constructor or function: its JSON object and its wire fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// The full TL name, the JSON tag (`messages.sendMessage`).
    pub name: String,
    /// Constructor or function.
    pub kind: Kind,
    /// The constructor id.
    pub id: u32,
    /// The type a constructor belongs to (`Updates`); for a function, its own
    /// name (what a decoding error names).
    pub type_name: String,
    /// The JSON keys after the tag, in the order generated code writes them.
    pub entries: Vec<Entry>,
    /// One per TL field, in wire order.
    pub wire: Vec<WireField>,
    /// For each TL field, the index of its entry, if it has one.
    entry_of_field: Vec<Option<usize>>,
}

impl Definition {
    /// The entry of TL field `field`, if it has one (`#` words and the length
    /// of a sized `Object` have none).
    #[must_use]
    pub fn entry_of(&self, field: usize) -> Option<(usize, &Entry)> {
        let index = self.entry_of_field.get(field).copied().flatten()?;
        Some((index, self.entries.get(index)?))
    }

    /// The key of the flags word holding `bit` (`flags`).
    #[must_use]
    pub fn word_key(&self, bit: Bit) -> &str {
        match self.wire.get(bit.flags_field) {
            Some(WireField::FlagsWord { key }) => key,
            _ => "",
        }
    }
}

/// The JSON description of every definition of a schema.
///
/// ```
/// use tl_codegen::json::{Codec, Layouts, Presence};
///
/// let (_, checked) = tl_parser::check_str("a.tl", "
///     a#1 flags:# x:flags.0?true y:flags.1?long z:string = A;
/// ");
/// let layouts = Layouts::of(&checked.schema)?;
/// let a = layouts.constructor("a").expect("a is defined");
/// let keys: Vec<(&str, &Codec)> = a.entries.iter().map(|e| (e.key.as_str(), &e.codec)).collect();
/// assert_eq!(keys, [("x", &Codec::Nat), ("y", &Codec::Long), ("z", &Codec::Str)]);
/// assert!(matches!(a.entries[0].presence, Presence::Flag { .. }));
/// # Ok::<(), tl_codegen::OptionError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Layouts {
    definitions: Vec<Definition>,
    constructors: BTreeMap<String, usize>,
    functions: BTreeMap<String, usize>,
    constructor_ids: BTreeMap<u32, usize>,
    function_ids: BTreeMap<u32, usize>,
    types: BTreeMap<String, Vec<usize>>,
    has_bool: bool,
}

impl Layouts {
    /// Describes every definition of `schema` (as code generated with
    /// `Options::serde(JsonForm::Tl)` writes it).
    ///
    /// # Errors
    /// Never with the options used; an [`OptionError`] should building the
    /// model reject them.
    pub fn of(schema: &Schema) -> Result<Layouts, OptionError> {
        let options = Options {
            serde: Some(JsonForm::Tl),
            ..Options::default()
        };
        let parsed = options.parse()?;
        let (model, _) = Model::build(schema, &options, parsed)?;
        Ok(Layouts::from_model(&model))
    }

    /// The description read off a model.
    pub(crate) fn from_model(model: &Model<'_>) -> Layouts {
        let mut out = Layouts {
            definitions: Vec::with_capacity(model.structs.len()),
            constructors: BTreeMap::new(),
            functions: BTreeMap::new(),
            constructor_ids: BTreeMap::new(),
            function_ids: BTreeMap::new(),
            types: BTreeMap::new(),
            has_bool: model
                .structs
                .iter()
                .flat_map(|s| &s.fields)
                .any(|f| contains_bool(&f.ty)),
        };
        for s in &model.structs {
            let index = out.definitions.len();
            let name = s.c.name.full();
            let (names, ids) = match s.c.kind {
                Kind::Function => (&mut out.functions, &mut out.function_ids),
                _ => (&mut out.constructors, &mut out.constructor_ids),
            };
            names.entry(name.clone()).or_insert(index);
            ids.entry(s.c.id).or_insert(index);
            let entries = entries(model, s);
            let wire = wire(model, s);
            let mut entry_of_field = vec![None; wire.len()];
            for (index, entry) in entries.iter().enumerate() {
                if let Some(slot) = entry_of_field.get_mut(entry.field) {
                    *slot = Some(index);
                }
            }
            out.definitions.push(Definition {
                name,
                kind: s.c.kind,
                id: s.c.id,
                type_name: s.tl_type.clone(),
                entries,
                wire,
                entry_of_field,
            });
        }
        for e in &model.enums {
            let members = e
                .variants
                .iter()
                .filter_map(|v| {
                    let c = &model.structs.get(v.struct_id)?.c;
                    out.constructors.get(&c.name.full()).copied()
                })
                .collect();
            out.types.insert(e.t.name.full(), members);
        }
        out
    }

    /// Every definition: constructors, then functions, in schema order.
    #[must_use]
    pub fn definitions(&self) -> &[Definition] {
        &self.definitions
    }

    /// The constructor named `name` (full TL name).
    #[must_use]
    pub fn constructor(&self, name: &str) -> Option<&Definition> {
        self.get(self.constructors.get(name))
    }

    /// The function named `name`.
    #[must_use]
    pub fn function(&self, name: &str) -> Option<&Definition> {
        self.get(self.functions.get(name))
    }

    /// The constructor with id `id`.
    #[must_use]
    pub fn constructor_by_id(&self, id: u32) -> Option<&Definition> {
        self.get(self.constructor_ids.get(&id))
    }

    /// The function with id `id`.
    #[must_use]
    pub fn function_by_id(&self, id: u32) -> Option<&Definition> {
        self.get(self.function_ids.get(&id))
    }

    /// The constructors of the boxed type `name` (`None`: no such type; the
    /// standard `Bool` is [`Codec::Bool`], not a type of objects).
    pub fn constructors_of(&self, name: &str) -> Option<impl Iterator<Item = &Definition>> {
        let members = self.types.get(name)?;
        Some(members.iter().filter_map(|&i| self.definitions.get(i)))
    }

    /// The names of the boxed types, in name order (what
    /// [`constructors_of`](Self::constructors_of) knows).
    pub fn type_names(&self) -> impl Iterator<Item = &str> {
        self.types.keys().map(String::as_str)
    }

    /// Whether `name` is the standard `Bool`, written as `true`/`false`.
    #[must_use]
    pub fn is_bool(&self, name: &str) -> bool {
        name == "Bool" && !self.types.contains_key(name) && self.has_bool
    }

    fn get(&self, index: Option<&usize>) -> Option<&Definition> {
        index.and_then(|&i| self.definitions.get(i))
    }
}

fn contains_bool(ty: &ValueType) -> bool {
    match ty {
        ValueType::Bool => true,
        ValueType::Vector { item, .. } => contains_bool(item),
        _ => false,
    }
}

/// The codec of field `field` of `s`: a parameter as its declaration says.
fn field_codec(model: &Model<'_>, s: &Struct<'_>, field: usize) -> Codec {
    let Some(f) = s.fields.get(field) else {
        return Codec::Nat;
    };
    param_codec(s, &f.ty).unwrap_or_else(|| codec(model, &f.ty))
}

/// `Codec::Param` for a type parameter of `s`, with whether it is `!X`.
fn param_codec(s: &Struct<'_>, ty: &ValueType) -> Option<Codec> {
    let ValueType::Param(name) = ty else {
        return None;
    };
    let function = s
        .params
        .iter()
        .find(|p| &p.name == name)
        .is_none_or(|p| p.is_function);
    Some(Codec::Param { function })
}

fn bit(b: crate::model::layout::Bit) -> Bit {
    Bit {
        flags_field: b.flags_field,
        bit: b.bit,
    }
}

/// The JSON entries of `s`, in the order generated code writes them.
fn entries(model: &Model<'_>, s: &Struct<'_>) -> Vec<Entry> {
    let key = |field: usize| s.c.fields.get(field).map_or("", |f| f.name.as_str());
    let entry = |field: usize, presence: Presence| Entry {
        key: key(field).to_owned(),
        field,
        codec: field_codec(model, s, field),
        presence,
    };
    let mut out = Vec::new();
    for m in &s.layout.members {
        match &m.kind {
            MemberKind::Plain { field } | MemberKind::SizedObject { field, .. } => {
                out.push(entry(*field, Presence::Required));
            }
            MemberKind::Optional { field, bit: b } => {
                out.push(entry(*field, Presence::Optional(bit(*b))));
            }
            MemberKind::Nullable { field } => out.push(entry(*field, Presence::Nullable)),
            MemberKind::Flag { fields, bit: b } => {
                out.extend(fields.iter().map(|f| entry(*f, Presence::Flag(bit(*b)))));
            }
            MemberKind::Group {
                values,
                implied,
                bit: b,
                ..
            } => {
                out.extend(values.iter().map(|f| entry(*f, Presence::Grouped(bit(*b)))));
                out.extend(
                    implied
                        .iter()
                        .map(|f| entry(*f, Presence::Implied(bit(*b)))),
                );
            }
        }
    }
    out
}

/// What each TL field of `s` is on the wire.
fn wire(model: &Model<'_>, s: &Struct<'_>) -> Vec<WireField> {
    let condition = |field: usize| {
        s.c.fields
            .get(field)
            .and_then(|f| f.condition)
            .map(|c| Bit {
                flags_field: c.flags_field,
                bit: c.bit,
            })
    };
    let value = |field: usize| WireField::Value {
        codec: field_codec(model, s, field),
        condition: condition(field),
    };
    s.layout
        .wire
        .iter()
        .enumerate()
        .map(|(index, w)| match w {
            Wire::FlagsWord { .. } => WireField::FlagsWord {
                key: s
                    .c
                    .fields
                    .get(index)
                    .map_or_else(String::new, |f| f.name.clone()),
            },
            Wire::Plain { .. } | Wire::Optional { .. } | Wire::Grouped { .. } => value(index),
            Wire::Nullable { .. } => WireField::Nullable {
                codec: field_codec(model, s, index),
            },
            Wire::Nothing => WireField::Nothing,
            Wire::ObjectLength { member, .. } => WireField::ObjectLength {
                object: s
                    .layout
                    .members
                    .get(*member)
                    .and_then(|m| m.first_field())
                    .unwrap_or(index + 1),
            },
            Wire::SizedObject { .. } => WireField::SizedObject {
                length: index.saturating_sub(1),
            },
        })
        .collect()
}
