//! The checked schema: every name resolved, every id known.
//!
//! This is what code generators consume. It knows nothing of Rust; it keeps
//! enough of the source (locations, the definition text, documentation) for
//! a generator to document its output and to report its own errors.

use crate::ast::Doc;
use crate::source::Location;
use std::fmt;

/// A possibly namespaced TL name: `phone.joinGroupCall` is namespace
/// `["phone"]`, name `joinGroupCall`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name {
    /// Namespace segments, outermost first (may be empty).
    pub namespace: Vec<String>,
    /// The last segment.
    pub name: String,
}

impl Name {
    /// Splits a dotted name.
    pub fn parse(full: &str) -> Name {
        // One pass over the bytes; most names have no namespace and need no
        // `Vec` allocation.
        let mut namespace = Vec::new();
        let mut start = 0;
        for (i, b) in full.bytes().enumerate() {
            if b == b'.' {
                // `.` is ASCII: `start` and `i` are character boundaries.
                namespace.push(full.get(start..i).unwrap_or_default().to_owned());
                start = i + 1;
            }
        }
        Name {
            namespace,
            name: full.get(start..).unwrap_or_default().to_owned(),
        }
    }

    /// The dotted form, e.g. `phone.joinGroupCall`.
    pub fn full(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for ns in &self.namespace {
            write!(f, "{ns}.")?;
        }
        f.write_str(&self.name)
    }
}

/// Whether a combinator is a constructor (a value of a type) or a function
/// (a remote call).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Declared in a types section.
    Constructor,
    /// Declared in a `---functions---` section.
    Function,
}

/// The TL built-in types.
///
/// Some are other dialects' spellings of the same wire value (TDLib's `int32`
/// is Telegram's `int`): they are kept apart because their names differ in
/// documentation and JSON; [`Builtin::wire`] gives the value on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Builtin {
    /// `int`: 32-bit signed.
    Int,
    /// `long`: 64-bit signed.
    Long,
    /// `double`: 64-bit IEEE float.
    Double,
    /// `string`: length-prefixed UTF-8.
    String,
    /// `bytes`: length-prefixed bytes.
    Bytes,
    /// `int128`: 16 bytes.
    Int128,
    /// `int256`: 32 bytes.
    Int256,
    /// TDLib's `int32`: an `int`.
    Int32,
    /// TDLib's `int53`: a 64-bit signed integer holding at most 53 significant
    /// bits (so that JSON readers can keep it in a double); a `long` on the wire.
    Int53,
    /// TDLib's `int64`: a `long`.
    Int64,
    /// tonlib's `secureString`: a `string` whose memory the C++ side wipes.
    SecureString,
    /// tonlib's `secureBytes`: `bytes` whose memory the C++ side wipes.
    SecureBytes,
}

impl Builtin {
    /// Every built-in, in declaration order.
    pub const ALL: [Builtin; 12] = [
        Builtin::Int,
        Builtin::Long,
        Builtin::Double,
        Builtin::String,
        Builtin::Bytes,
        Builtin::Int128,
        Builtin::Int256,
        Builtin::Int32,
        Builtin::Int53,
        Builtin::Int64,
        Builtin::SecureString,
        Builtin::SecureBytes,
    ];

    /// The TL spelling.
    pub fn tl_name(self) -> &'static str {
        match self {
            Builtin::Int => "int",
            Builtin::Long => "long",
            Builtin::Double => "double",
            Builtin::String => "string",
            Builtin::Bytes => "bytes",
            Builtin::Int128 => "int128",
            Builtin::Int256 => "int256",
            Builtin::Int32 => "int32",
            Builtin::Int53 => "int53",
            Builtin::Int64 => "int64",
            Builtin::SecureString => "secureString",
            Builtin::SecureBytes => "secureBytes",
        }
    }

    /// The built-in named `name`, if any.
    pub fn from_tl_name(name: &str) -> Option<Builtin> {
        // A match rather than a search of `ALL`: every type name a schema
        // mentions is looked up here first.
        Some(match name {
            "int" => Builtin::Int,
            "long" => Builtin::Long,
            "double" => Builtin::Double,
            "string" => Builtin::String,
            "bytes" => Builtin::Bytes,
            "int128" => Builtin::Int128,
            "int256" => Builtin::Int256,
            "int32" => Builtin::Int32,
            "int53" => Builtin::Int53,
            "int64" => Builtin::Int64,
            "secureString" => Builtin::SecureString,
            "secureBytes" => Builtin::SecureBytes,
            _ => return None,
        })
    }

    /// The built-in of Telegram's schemas with the same wire encoding (and
    /// Rust type): `int32` is an `int`, `int53` and `int64` are `long`s,
    /// `secureString` a `string`, `secureBytes` `bytes`; the others are their own.
    pub fn wire(self) -> Builtin {
        match self {
            Builtin::Int32 => Builtin::Int,
            Builtin::Int53 | Builtin::Int64 => Builtin::Long,
            Builtin::SecureString => Builtin::String,
            Builtin::SecureBytes => Builtin::Bytes,
            other => other,
        }
    }
}

/// How the id of a definition without a written `#id` is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum IdRule {
    /// Telegram's normalization (api.tl, mtproto.tl): CRC32 of the definition
    /// with `bytes` fields hashed as `string` and `flags.N?true` fields left out.
    #[default]
    Telegram,
    /// TDLib's reference parser (td/generate/tl-parser, used for TDLib's and
    /// TON's schemas): CRC32 of the definition as written, every field kept.
    Tdlib,
}

impl IdRule {
    /// How the rule is named on the command line and in messages: `telegram`, `tdlib`.
    pub fn name(self) -> &'static str {
        match self {
            IdRule::Telegram => "telegram",
            IdRule::Tdlib => "tdlib",
        }
    }
}

/// Why the checker used the [`IdRule`] it did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum IdRuleReason {
    /// The caller asked for it.
    Requested,
    /// Written ids of definitions the two rules hash differently (ones with a
    /// `bytes` or `flags.N?true` field) agree with it more often than with the
    /// other rule.
    WrittenIds {
        /// How many such written ids Telegram's rule reproduces.
        telegram: usize,
        /// How many such written ids TDLib's rule reproduces.
        tdlib: usize,
    },
    /// No written id tells the rules apart, and the schema declares a built-in
    /// only TDLib's and TON's schemas declare (`int53 = Int53;`, `object ? = Object;`).
    Declaration(String),
    /// Nothing in the schema tells the rules apart: Telegram's rule, the default.
    #[default]
    Default,
}

/// A resolved type, as used by a field or a function result.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    /// A built-in primitive.
    Builtin(Builtin),
    /// `#`: a 32-bit flags word (or natural number).
    Flags,
    /// `true`: no data on the wire; as `flags.N?true` the bit is the value.
    True,
    /// A boxed type defined by the schema (`Updates`, `Bool`, `storage.FileType`):
    /// on the wire, a constructor id followed by that constructor's fields.
    Boxed(Name),
    /// The bare form of one constructor (`%Message`, `future_salt`): its
    /// fields without the id. The name is the constructor's.
    Bare(Name),
    /// `Vector<T>` (boxed: id 0x1cb5c415, count, items) or `vector<T>`
    /// (bare: count, items).
    Vector {
        /// Whether the vector itself is written with its id.
        boxed: bool,
        /// The item type.
        item: Box<Ty>,
    },
    /// A generic type parameter (`X` of `{X:Type}`); `bang` when written `!X`
    /// (any function returning X).
    Param {
        /// The parameter name.
        name: String,
        /// Whether written `!X`.
        bang: bool,
    },
    /// `Object`: any boxed value. Also TON's `Function` (any function: a boxed
    /// value too, its constructor id first).
    Object,
    /// A repetition of `int`s declared as a built-in, such as TON's
    /// `int512 16*[ int ] = Int512;`: that many 32-bit words, kept as bytes.
    /// (`int128` and `int256` are [`Builtin`]s.)
    IntArray {
        /// The declared name (`int512`).
        name: String,
        /// The number of 32-bit words.
        words: u32,
    },
}

/// The condition of a flagged field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Condition {
    /// Index (into [`Combinator::fields`]) of the `#` field holding the bit.
    pub flags_field: usize,
    /// The bit number, 0..=31.
    pub bit: u8,
}

/// One field of a combinator.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The field name as written.
    pub name: String,
    /// Its type. For `flags.N?T` this is `T`.
    pub ty: Ty,
    /// The flag condition, if the field is conditional.
    pub condition: Option<Condition>,
    /// Documentation of the field (from the `@name text` doc form).
    pub doc: Option<String>,
    /// Where the field was written.
    pub location: Location,
}

/// Fields that are present or absent together because they share one flag bit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FlagGroup {
    /// Index of the `#` field.
    pub flags_field: usize,
    /// The bit.
    pub bit: u8,
    /// Indices of the fields conditioned on this bit, in declaration order.
    pub fields: Vec<usize>,
}

/// A generic parameter `{X:Type}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TypeParam {
    /// `X`.
    pub name: String,
}

/// A constructor or function.
#[derive(Debug, Clone, PartialEq)]
pub struct Combinator {
    /// Constructor or function.
    pub kind: Kind,
    /// Full name.
    pub name: Name,
    /// The constructor id: the written one, or the computed one when none was written.
    pub id: u32,
    /// The id as written, if it was.
    pub written_id: Option<u32>,
    /// The id computed from [`Combinator::normalized`] (CRC32, IEEE).
    pub computed_id: u32,
    /// Generic parameters.
    pub type_params: Vec<TypeParam>,
    /// Fields in wire order (flags words included).
    pub fields: Vec<Field>,
    /// Groups of conditional fields by (flags field, bit), in order of first appearance.
    pub flag_groups: Vec<FlagGroup>,
    /// The result: for constructors always [`Ty::Boxed`]; for functions any type.
    pub result: Ty,
    /// Documentation from the comments above the definition.
    pub doc: Option<Doc>,
    /// The definition as written, white space collapsed, comments removed.
    pub definition: String,
    /// The normalized text whose CRC32 is the computed id.
    pub normalized: String,
    /// Where the definition was written.
    pub location: Location,
    /// Where each field is in [`Combinator::definition`] (start and end
    /// offsets), for [`Combinator::field_text`].
    pub(crate) field_texts: Vec<(usize, usize)>,
}

impl Combinator {
    /// Field `index` as [`Combinator::definition`] writes it
    /// (`title:flags.0?string`), found without scanning the definition.
    pub fn field_text(&self, index: usize) -> Option<&str> {
        let &(start, end) = self.field_texts.get(index)?;
        self.definition.get(start..end)
    }

    /// The group of fields sharing the bit of field `index`, if it is conditional.
    pub fn flag_group_of(&self, index: usize) -> Option<&FlagGroup> {
        self.flag_groups.iter().find(|g| g.fields.contains(&index))
    }

    /// The result type's name for a constructor.
    pub fn result_name(&self) -> Option<&Name> {
        match &self.result {
            Ty::Boxed(name) => Some(name),
            _ => None,
        }
    }
}

/// A boxed type and its constructors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeDef {
    /// The type name (`Updates`, `storage.FileType`).
    pub name: Name,
    /// Indices into [`Schema::constructors`], in declaration order.
    pub constructors: Vec<usize>,
    /// Its description from a `//@class Name @description …` comment (TDLib).
    pub doc: Option<String>,
}

/// A core built-in line such as `int ? = Int;` or the `vector` definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltinDecl {
    /// The combinator name (`int`, `vector`, `int128`).
    pub name: String,
    /// The result type's name (`Int`, `Vector`, `Int128`).
    pub type_name: String,
    /// The written id, if any (api.tl writes `vector#1cb5c415`).
    pub written_id: Option<u32>,
    /// The id computed from the normalized text.
    pub computed_id: u32,
    /// Whether it is a constructor (types section) or a function.
    pub kind: Kind,
    /// Where it was written.
    pub location: Location,
}

/// A checked schema: one or more files taken together.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schema {
    /// The layer from `// LAYER N`, if any file names one.
    pub layer: Option<u32>,
    /// Constructors in source order (core built-in lines excluded).
    pub constructors: Vec<Combinator>,
    /// Functions in source order.
    pub functions: Vec<Combinator>,
    /// Boxed types in order of first appearance, each with its constructors.
    pub types: Vec<TypeDef>,
    /// Core built-in lines, in source order (identical repeats kept once).
    pub builtins: Vec<BuiltinDecl>,
    /// How ids that are not written were computed.
    pub id_rule: IdRule,
    /// Why that rule.
    pub id_rule_reason: IdRuleReason,
}

impl Schema {
    /// The boxed type named `name`.
    pub fn type_def(&self, name: &Name) -> Option<&TypeDef> {
        self.types.iter().find(|t| &t.name == name)
    }

    /// The constructor named `name`.
    pub fn constructor(&self, name: &Name) -> Option<&Combinator> {
        self.constructors.iter().find(|c| &c.name == name)
    }

    /// The function named `name`.
    pub fn function(&self, name: &Name) -> Option<&Combinator> {
        self.functions.iter().find(|c| &c.name == name)
    }

    /// Constructors and functions, in that order.
    pub fn combinators(&self) -> impl Iterator<Item = &Combinator> {
        self.constructors.iter().chain(&self.functions)
    }

    /// Number of constructors, core built-in constructor lines included
    /// (how `tlgen check` counts "combinators before `---functions---`").
    pub fn constructor_count_with_builtins(&self) -> usize {
        self.constructors.len()
            + self
                .builtins
                .iter()
                .filter(|b| b.kind == Kind::Constructor)
                .count()
    }

    /// Number of distinct result types of constructors, built-in ones
    /// (`Vector t`, `Int`, …) included.
    pub fn type_count_with_builtins(&self) -> usize {
        let mut builtin_types: Vec<&str> = self
            .builtins
            .iter()
            .filter(|b| b.kind == Kind::Constructor)
            .map(|b| b.type_name.as_str())
            .collect();
        builtin_types.sort_unstable();
        builtin_types.dedup();
        self.types.len() + builtin_types.len()
    }
}
