//! The lossless JSON form of each definition, as data: which JSON key holds
//! which TL field, with which of `tl_runtime::json`'s codecs, and when it is
//! present.
//!
//! The generated serde code (`Options::serde`) and `tlgen decode`/`encode`
//! (which read a schema at run time) both follow this description, and both
//! derive it from the model's field layout, so they cannot disagree on the form:
//!
//! - the keys are the TL field names; the tag (`"_"`) is the full TL name;
//! - `#` words that fields refer to, and the `bytes:int` length of a sized
//!   `Object` (mtproto's transport `message`), are left out: they follow from
//!   the other fields;
//! - `flags.K?T` is left out when absent; `flags.K?true` is `true` or left out;
//! - fields sharing one bit are written one by one, present together.
//!
//! Read back, every field on a bit says whether it is set (a `true` flag, a
//! given value), and fields that disagree are an error: the runtime's
//! `tl_runtime::json::Reader::bit` decides, for the generated code and for
//! `tlgen encode` alike.
//!
//! `Layouts::of` describes every definition of a schema; `Definition::wire`
//! also says what each TL field is on the wire, for a reader or writer that works
//! without generated code.
//!
//! [`Codec`] and the rule giving each value its codec are always here: the
//! generated serde code names them. The description of whole definitions
//! (`Layouts`, for `tlgen decode`/`encode`) is compiled with the `tools`
//! feature only, so build scripts do not compile it.

use crate::model::{Model, ValueType};
use tl_parser::Builtin;

#[cfg(feature = "tools")]
mod layouts;
#[cfg(feature = "tools")]
pub use layouts::{Bit, Definition, Entry, Layouts, Presence, WireField};

/// How one value is written in JSON and on the wire: one of `tl_runtime::json`'s
/// codecs, or an object of the schema.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Codec {
    /// `int`, `int32` (`tl_runtime::json::Int`): 4 bytes on the wire.
    Int,
    /// A `#` word no field refers to (`Nat`): a `u32`.
    Nat,
    /// TDLib's `int53` (`Int53`): a `long` on the wire.
    Int53,
    /// `long`, `int64` (`Long`).
    Long,
    /// `double` (`Double`).
    Double,
    /// The schema's standard `Bool` (`Bool`): `boolTrue`/`boolFalse` on the wire.
    Bool,
    /// `string` (`Str`).
    Str,
    /// `bytes` (`Bytes`).
    Bytes,
    /// `int128`, `int256`, `N*[int]` (`Fixed<N>`): this many bytes.
    Fixed(usize),
    /// `Object` (`Raw`): any boxed value, kept as its bytes.
    Raw,
    /// `Vector<T>` (`boxed`, with its id) or `vector<T>` (`Vector`).
    Vector {
        /// Whether the vector is written with its id.
        boxed: bool,
        /// The items.
        item: Box<Codec>,
    },
    /// A value of a boxed type, by TL name (`Updates`): an object tagged with
    /// one of its constructors.
    Boxed(String),
    /// A bare constructor, by TL name (`%Message`, `future_salt`): its object,
    /// written on the wire without id.
    Bare(String),
    /// A type parameter: `!X` (`function`: any function, boxed) or `X` (any
    /// boxed value of the schema).
    Param {
        /// Whether it is `!X`.
        function: bool,
    },
}

/// The codec of a value of type `ty`: the one place a TL type is given its
/// JSON codec (the generated code names the same codec).
pub(crate) fn codec(model: &Model<'_>, ty: &ValueType) -> Codec {
    match ty {
        ValueType::Builtin(b) => match b {
            Builtin::Int | Builtin::Int32 => Codec::Int,
            Builtin::Int53 => Codec::Int53,
            Builtin::Long | Builtin::Int64 => Codec::Long,
            Builtin::Double => Codec::Double,
            Builtin::String | Builtin::SecureString => Codec::Str,
            Builtin::Bytes | Builtin::SecureBytes => Codec::Bytes,
            Builtin::Int128 => Codec::Fixed(16),
            Builtin::Int256 => Codec::Fixed(32),
        },
        ValueType::IntArray(words) => Codec::Fixed(4 * *words as usize),
        // `true` has no value; a `#` that no field refers to is a number.
        ValueType::Flags | ValueType::True => Codec::Nat,
        ValueType::Bool => Codec::Bool,
        ValueType::Object => Codec::Raw,
        ValueType::Vector { boxed, item } => Codec::Vector {
            boxed: *boxed,
            item: Box::new(codec(model, item)),
        },
        ValueType::Enum(id) => Codec::Boxed(
            model
                .enums
                .get(*id)
                .map_or_else(String::new, |e| e.t.name.full()),
        ),
        ValueType::Bare(id) => Codec::Bare(
            model
                .structs
                .get(*id)
                .map_or_else(String::new, |s| s.c.name.full()),
        ),
        // Every generic definition tlgen accepts is a function taking `!X`
        // (`invokeWithLayer`); a field says which exactly (`field_codec`).
        ValueType::Param(_) => Codec::Param { function: true },
    }
}
