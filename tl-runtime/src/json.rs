//! TL values as JSON, in two forms (the `serde` feature).
//!
//! Code generated with tl-codegen's `Options::serde` implements serde's
//! `Serialize` and `Deserialize` for every generated type through this module,
//! which holds every rule of both forms; the generated code only lists, per
//! definition, which JSON key holds which field and with which [`Codec`].
//!
//! # The forms
//!
//! | | [`Form::Tdlib`] | [`Form::Tl`] |
//! |---|---|---|
//! | for | TDLib's JSON interface (`td_json_client`) | storing Telegram values losslessly |
//! | object tag | `"@type": "user"` | `"_": "messages.messagesSlice"` (namespace included) |
//! | `int`, `int32`, `int53` | number | number |
//! | `long`, `int64` | string (`"-5"`), a number is accepted | number, a string is accepted |
//! | `double` | number | number; not finite: a string of its bits (`"0x7ff8000000000000"`) |
//! | `string` | string | string |
//! | `bytes` | base64 (standard, padded) | the same |
//! | `int128`, `int256`, `N*[int]` | lowercase hex | the same |
//! | `Bool` | `true`/`false` (a number is accepted, as TDLib does) | `true`/`false` |
//! | `Vector` | array | array |
//! | `Object` | base64 of its TL bytes | the same |
//! | `flags.K?T` absent | — | key left out |
//! | `flags.K?true` | — | `true` when set, else left out |
//! | `#` words | — | left out: they follow from the fields |
//! | a field documented "may be null" | `null` when absent | — |
//! | missing or `null` number, string, `Bool` or vector | its zero value, as TDLib reads it | an error |
//! | unknown keys on input | ignored, as TDLib ignores them | an error |
//!
//! Every object carries its tag on output; on input the tag is required where the
//! type has several constructors and checked where it is given. The tag is
//! written first, and read wherever it is.
//!
//! [`Envelope`] adds TDLib's `"@extra"` and `"@client_id"` to a request or an
//! answer.
//!
//! # Errors
//!
//! Reading never panics: malformed JSON, wrong types, numbers out of range, bad
//! base64 or hex, unknown constructors and missing fields are an [`Error`] naming
//! the JSON path (`updates[3].message.entities[0]`) and what was expected.
//!
//! # Limits
//!
//! Input is first read into a [`Json`] tree (see [`Json::read`]), which bounds
//! what any input can cost:
//!
//! - **depth**: every object and every array is one level, as every constructor
//!   body and every vector is one level of the binary decoder, under the same
//!   [`Limits::max_depth`](crate::Limits::max_depth) (default 64; serde's
//!   `Deserialize` uses the default, [`Bounded`] another), and never more than
//!   [`MAX_DEPTH`] (127), the deepest JSON serde_json's parser reads back. So a
//!   value that reads from JSON encodes to bytes that decode under the same
//!   limits, and the other way round;
//! - **keys**: a key given twice in one object is an error (`"_"` included);
//! - **memory**: the tree takes at most 12 bytes per byte of JSON text once read
//!   (24 while an array of one-digit numbers grows), then the value read from it.
//!
//! # Flags
//!
//! A flags word follows from the fields, and every field of a bit says whether
//! the bit is set: a `flags.K?true` field that is `true`, or a value on the bit
//! that is given, sets it; a `false` field beside one that sets its bit, a value
//! missing from a bit set by another field, or a flags word (accepted though
//! never written) other than the one the fields give, is an error at its path
//! ([`Reader::bit`], used by generated code and `tlgen encode` alike).

use std::fmt::{self, Write as _};
use std::marker::PhantomData;

pub use serde;
use serde::ser::{SerializeMap as _, SerializeSeq as _};
use serde::{Deserializer, Serializer};
pub use serde_json;
use serde_json::Value;

use crate::Limits;
use crate::object::RawObject;

mod tree;
pub use tree::{Json, JsonObject, MAX_DEPTH};

/// The JSON conventions a generated module follows (see the [module](self) docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// TDLib's JSON interface, as TDLib's own converter reads and writes it.
    Tdlib,
    /// The lossless, name-tagged form for Telegram's binary schemas.
    Tl,
}

impl Form {
    /// The key naming an object's constructor: `@type` or `_`.
    #[must_use]
    pub const fn tag(self) -> &'static str {
        match self {
            Form::Tdlib => "@type",
            Form::Tl => "_",
        }
    }
}

/// A value that could not be read from JSON: where, and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    path: String,
    message: String,
}

impl Error {
    /// An error at `path` (see [`Path`]).
    #[must_use]
    pub fn new(path: &Path<'_>, message: impl Into<String>) -> Self {
        Self {
            path: path.to_string(),
            message: message.into(),
        }
    }

    /// The JSON path of the value, such as `updates[3].message`; empty for the
    /// top-level value.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was wrong.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "at the top level: {}", self.message)
        } else {
            write!(f, "at `{}`: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for Error {}

/// Where a value being read sits in the document: a chain of keys and indices
/// kept on the stack, turned into text only for an error.
#[derive(Debug, Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Segment<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    /// The top-level value.
    #[must_use]
    pub const fn root() -> Path<'static> {
        Path {
            parent: None,
            segment: Segment::Root,
        }
    }

    /// The value under `key` of this object.
    #[must_use]
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Key(key),
        }
    }

    /// Item `index` of this array.
    #[must_use]
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Index(index),
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            parent.fmt(f)?;
        }
        match self.segment {
            Segment::Root => Ok(()),
            Segment::Key(key) => {
                if self
                    .parent
                    .is_some_and(|p| !matches!(p.segment, Segment::Root))
                {
                    f.write_char('.')?;
                }
                f.write_str(key)
            }
            Segment::Index(index) => write!(f, "[{index}]"),
        }
    }
}

/// The error for a value of the wrong kind.
fn expected(path: &Path<'_>, what: &str, found: &Json) -> Error {
    Error::new(path, format!("expected {what}, found {}", found.kind()))
}

// ------------------------------------------------------------------- codecs

/// How values of one TL type are written to and read from JSON. The generated
/// code names a codec for every field (`Vector<Long>` for `Vector<long>`), and
/// the codec decides the rest with the form.
pub trait Codec {
    /// The Rust type of the values.
    type Value;

    /// Writes `value` in `form`.
    ///
    /// # Errors
    /// The serializer's errors.
    fn write<S: Serializer>(value: &Self::Value, form: Form, s: S) -> Result<S::Ok, S::Error>;

    /// Reads a value in `form` from `json`, found at `path`.
    ///
    /// # Errors
    /// When `json` is not a value of this type in this form.
    fn read(json: Json, form: Form, path: &Path<'_>) -> Result<Self::Value, Error>;

    /// The value a missing or `null` field stands for: TDLib reads a zero
    /// number, an empty string or an empty vector; objects and the lossless form
    /// have none.
    fn absent(form: Form) -> Option<Self::Value> {
        let _ = form;
        None
    }
}

/// Writes `value` with codec `C` where serde wants a `Serialize` value.
struct With<'a, C: Codec>(&'a C::Value, Form, PhantomData<C>);

impl<C: Codec> serde::Serialize for With<'_, C> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        C::write(self.0, self.1, s)
    }
}

macro_rules! zero_in_tdlib {
    () => {
        fn absent(form: Form) -> Option<Self::Value> {
            (form == Form::Tdlib).then(Default::default)
        }
    };
}

/// Reads an integer from a JSON number, or from a string where `strings` allows.
fn integer<T: TryFrom<i64> + TryFrom<u64> + std::str::FromStr>(
    json: &Json,
    strings: bool,
    what: &str,
    path: &Path<'_>,
) -> Result<T, Error> {
    let out_of_range = || Error::new(path, format!("{json} is not {what}"));
    match json {
        Json::Number(n) => {
            if let Some(i) = n.as_i64() {
                T::try_from(i).map_err(|_| out_of_range())
            } else if let Some(u) = n.as_u64() {
                T::try_from(u).map_err(|_| out_of_range())
            } else {
                Err(out_of_range())
            }
        }
        Json::String(s) if strings => s.parse().map_err(|_| out_of_range()),
        other => Err(expected(path, what, other)),
    }
}

/// `int` and `int32`: a number (TDLib also reads a string).
#[derive(Debug)]
pub enum Int {}

impl Codec for Int {
    type Value = i32;
    fn write<S: Serializer>(value: &i32, _: Form, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(*value)
    }
    fn read(json: Json, form: Form, path: &Path<'_>) -> Result<i32, Error> {
        integer(&json, form == Form::Tdlib, "a 32-bit integer", path)
    }
    zero_in_tdlib!();
}

/// A `#` word that no field refers to: a number.
#[derive(Debug)]
pub enum Nat {}

impl Codec for Nat {
    type Value = u32;
    fn write<S: Serializer>(value: &u32, _: Form, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(*value)
    }
    fn read(json: Json, form: Form, path: &Path<'_>) -> Result<u32, Error> {
        integer(
            &json,
            form == Form::Tdlib,
            "an unsigned 32-bit integer",
            path,
        )
    }
    zero_in_tdlib!();
}

/// TDLib's `int53`: a number.
#[derive(Debug)]
pub enum Int53 {}

impl Codec for Int53 {
    type Value = i64;
    fn write<S: Serializer>(value: &i64, _: Form, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(*value)
    }
    fn read(json: Json, form: Form, path: &Path<'_>) -> Result<i64, Error> {
        integer(&json, form == Form::Tdlib, "a 64-bit integer", path)
    }
    zero_in_tdlib!();
}

/// `long` and `int64`: a string in TDLib's form (JavaScript's numbers hold 53
/// bits), a number in the lossless form; both accept either.
#[derive(Debug)]
pub enum Long {}

impl Codec for Long {
    type Value = i64;
    fn write<S: Serializer>(value: &i64, form: Form, s: S) -> Result<S::Ok, S::Error> {
        match form {
            Form::Tdlib => s.collect_str(value),
            Form::Tl => s.serialize_i64(*value),
        }
    }
    fn read(json: Json, _: Form, path: &Path<'_>) -> Result<i64, Error> {
        integer(&json, true, "a 64-bit integer", path)
    }
    zero_in_tdlib!();
}

/// `double`: a number; a value that is not finite (which JSON numbers cannot
/// hold) as a string of its bits, `"0x7ff0000000000000"`.
#[derive(Debug)]
pub enum Double {}

impl Codec for Double {
    type Value = f64;
    fn write<S: Serializer>(value: &f64, _: Form, s: S) -> Result<S::Ok, S::Error> {
        if value.is_finite() {
            s.serialize_f64(*value)
        } else {
            s.collect_str(&format_args!("{:#018x}", value.to_bits()))
        }
    }
    fn read(json: Json, _: Form, path: &Path<'_>) -> Result<f64, Error> {
        match &json {
            Json::Number(n) => n.as_f64().ok_or_else(|| expected(path, "a number", &json)),
            Json::String(s) => s
                .strip_prefix("0x")
                .and_then(hex_u64)
                .map(f64::from_bits)
                .filter(|f| !f.is_finite())
                .ok_or_else(|| {
                    Error::new(
                        path,
                        format!("expected a number, or the bits of one that is not finite (\"0x7ff0000000000000\"), found {json}"),
                    )
                }),
            other => Err(expected(path, "a number", other)),
        }
    }
    zero_in_tdlib!();
}

/// `Bool`: `true` or `false` (TDLib also reads a number, non-zero for true).
#[derive(Debug)]
pub enum Bool {}

impl Codec for Bool {
    type Value = bool;
    fn write<S: Serializer>(value: &bool, _: Form, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(*value)
    }
    fn read(json: Json, form: Form, path: &Path<'_>) -> Result<bool, Error> {
        match json {
            Json::Bool(b) => Ok(b),
            Json::Number(_) if form == Form::Tdlib => {
                integer::<i32>(&json, false, "a boolean", path).map(|n| n != 0)
            }
            other => Err(expected(path, "true or false", &other)),
        }
    }
    zero_in_tdlib!();
}

/// `string`: a string.
#[derive(Debug)]
pub enum Str {}

impl Codec for Str {
    type Value = String;
    fn write<S: Serializer>(value: &String, _: Form, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(value)
    }
    fn read(json: Json, _: Form, path: &Path<'_>) -> Result<String, Error> {
        match json {
            Json::String(s) => Ok(s.into_string()),
            other => Err(expected(path, "a string", &other)),
        }
    }
    zero_in_tdlib!();
}

/// `bytes`: base64 (standard alphabet, padded; the URL-safe alphabet and
/// missing padding are accepted).
#[derive(Debug)]
pub enum Bytes {}

impl Codec for Bytes {
    type Value = Vec<u8>;
    fn write<S: Serializer>(value: &Vec<u8>, _: Form, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64_encode(value))
    }
    fn read(json: Json, _: Form, path: &Path<'_>) -> Result<Vec<u8>, Error> {
        match &json {
            Json::String(s) => base64_decode(s).map_err(|why| Error::new(path, why)),
            other => Err(expected(path, "a base64 string", other)),
        }
    }
    zero_in_tdlib!();
}

/// `int128`, `int256` and TDLib's `N*[int]` arrays: lowercase hex of the bytes
/// in wire order.
#[derive(Debug)]
pub enum Fixed<const N: usize> {}

impl<const N: usize> Codec for Fixed<N> {
    type Value = [u8; N];
    fn write<S: Serializer>(value: &[u8; N], _: Form, s: S) -> Result<S::Ok, S::Error> {
        let mut hex = String::with_capacity(2 * N);
        for byte in value {
            let _ = write!(hex, "{byte:02x}");
        }
        s.serialize_str(&hex)
    }
    fn read(json: Json, _: Form, path: &Path<'_>) -> Result<[u8; N], Error> {
        let wrong = || {
            Error::new(
                path,
                format!("expected {} hex digits ({N} bytes), found {json}", 2 * N),
            )
        };
        let Json::String(hex) = &json else {
            return Err(wrong());
        };
        if hex.len() != 2 * N {
            return Err(wrong());
        }
        let mut out = [0; N];
        for (byte, pair) in out.iter_mut().zip(hex.as_bytes().chunks_exact(2)) {
            let (high, low) = match pair {
                [high, low] => (hex_digit(*high), hex_digit(*low)),
                _ => (None, None),
            };
            *byte = high.zip(low).map(|(h, l)| h << 4 | l).ok_or_else(wrong)?;
        }
        Ok(out)
    }
}

/// The value of one hex digit (either case). `u8::from_str_radix` is not used:
/// it takes a leading `+` as part of the number.
fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Exactly 16 hex digits as a `u64`.
fn hex_u64(hex: &str) -> Option<u64> {
    if hex.len() != 16 {
        return None;
    }
    hex.bytes()
        .try_fold(0_u64, |n, c| Some(n << 4 | u64::from(hex_digit(c)?)))
}

/// TL's `Object` ([`RawObject`]): base64 of its TL bytes.
#[derive(Debug)]
pub enum Raw {}

impl Codec for Raw {
    type Value = RawObject;
    fn write<S: Serializer>(value: &RawObject, _: Form, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64_encode(value.as_bytes()))
    }
    fn read(json: Json, form: Form, path: &Path<'_>) -> Result<RawObject, Error> {
        let bytes = Bytes::read(json, form, path)?;
        RawObject::new(bytes)
            .map_err(|_| Error::new(path, "an Object needs at least its 4-byte constructor id"))
    }
}

/// `Vector<T>` and `vector<T>`: an array of `C`'s values.
#[derive(Debug)]
pub struct Vector<C>(PhantomData<C>);

impl<C: Codec> Codec for Vector<C> {
    type Value = Vec<C::Value>;
    fn write<S: Serializer>(value: &Vec<C::Value>, form: Form, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(value.len()))?;
        for item in value {
            seq.serialize_element(&With::<C>(item, form, PhantomData))?;
        }
        seq.end()
    }
    fn read(json: Json, form: Form, path: &Path<'_>) -> Result<Vec<C::Value>, Error> {
        match json {
            Json::Array(items) => items
                .into_vec()
                .into_iter()
                .enumerate()
                .map(|(i, item)| C::read(item, form, &path.index(i)))
                .collect(),
            other => Err(expected(path, "an array", &other)),
        }
    }
    zero_in_tdlib!();
}

/// A value held in a `Box` (to break a cycle of types).
#[derive(Debug)]
pub struct Boxed<C>(PhantomData<C>);

impl<C: Codec> Codec for Boxed<C> {
    type Value = Box<C::Value>;
    fn write<S: Serializer>(value: &Box<C::Value>, form: Form, s: S) -> Result<S::Ok, S::Error> {
        C::write(value, form, s)
    }
    fn read(json: Json, form: Form, path: &Path<'_>) -> Result<Box<C::Value>, Error> {
        C::read(json, form, path).map(Box::new)
    }
    fn absent(form: Form) -> Option<Self::Value> {
        C::absent(form).map(Box::new)
    }
}

/// A generated type, written in its own module's form.
#[derive(Debug)]
pub struct Obj<T>(PhantomData<T>);

impl<T: Object> Codec for Obj<T> {
    type Value = T;
    fn write<S: Serializer>(value: &T, _: Form, s: S) -> Result<S::Ok, S::Error> {
        value.write_json(s)
    }
    fn read(json: Json, _: Form, path: &Path<'_>) -> Result<T, Error> {
        T::read_json(json, path)
    }
}

// ------------------------------------------------------------------ objects

/// A generated type: a constructor's or function's struct, or a type's enum.
/// Generated code implements it, and serde's traits on top of it
/// ([`serde_impls!`](crate::serde_impls)).
pub trait Object: Sized {
    /// The form of the module the type was generated in.
    const FORM: Form;

    /// Writes the tag and the fields into an open object.
    ///
    /// # Errors
    /// The serializer's errors.
    fn write_entries<M: serde::ser::SerializeMap>(&self, w: &mut Writer<M>)
    -> Result<(), M::Error>;

    /// Reads a value from the entries of an object.
    ///
    /// # Errors
    /// When the entries are not a value of this type.
    fn read_entries(entries: JsonObject, path: &Path<'_>) -> Result<Self, Error>;

    /// Writes the value as a JSON object.
    ///
    /// # Errors
    /// The serializer's errors.
    fn write_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = Writer {
            map: s.serialize_map(None)?,
            form: Self::FORM,
        };
        self.write_entries(&mut w)?;
        w.map.end()
    }

    /// Reads a value from a JSON object found at `path`.
    ///
    /// # Errors
    /// When `json` is not an object of this type.
    fn read_json(json: Json, path: &Path<'_>) -> Result<Self, Error> {
        match json {
            Json::Object(entries) => Self::read_entries(entries, path),
            other => Err(expected(path, "an object", &other)),
        }
    }
}

/// Writes the entries of one object (generated `write_entries`).
#[derive(Debug)]
pub struct Writer<M> {
    map: M,
    form: Form,
}

impl<M: serde::ser::SerializeMap> Writer<M> {
    /// Writes the tag: the constructor's TL name (in TDLib's form, without
    /// namespace, which TDLib's schemas do not have).
    ///
    /// # Errors
    /// The serializer's errors.
    pub fn tag(&mut self, name: &str) -> Result<(), M::Error> {
        self.map.serialize_entry(self.form.tag(), name)
    }

    /// Writes a field.
    ///
    /// # Errors
    /// The serializer's errors.
    pub fn field<C: Codec>(&mut self, key: &str, value: &C::Value) -> Result<(), M::Error> {
        self.map
            .serialize_entry(key, &With::<C>(value, self.form, PhantomData))
    }

    /// Writes a field that may be absent: left out when absent in the lossless
    /// form (a `flags.K?T` field), `null` in TDLib's (a field that may be null).
    ///
    /// # Errors
    /// The serializer's errors.
    pub fn optional<C: Codec>(
        &mut self,
        key: &str,
        value: Option<&C::Value>,
    ) -> Result<(), M::Error> {
        match (value, self.form) {
            (Some(value), _) => self.field::<C>(key, value),
            (None, Form::Tdlib) => self.map.serialize_entry(key, &()),
            (None, Form::Tl) => Ok(()),
        }
    }

    /// Writes a `flags.K?true` field: `true` when set, else nothing.
    ///
    /// # Errors
    /// The serializer's errors.
    pub fn flag(&mut self, key: &str, set: bool) -> Result<(), M::Error> {
        if set {
            self.map.serialize_entry(key, &true)
        } else {
            Ok(())
        }
    }

    /// Writes any JSON value (TDLib's `@extra`).
    ///
    /// # Errors
    /// The serializer's errors.
    pub fn raw(&mut self, key: &str, value: &Value) -> Result<(), M::Error> {
        self.map.serialize_entry(key, value)
    }
}

/// Reads the entries of one object (generated `read_entries`, and `tlgen
/// encode`): each call takes its key out, and [`finish`](Self::finish) checks
/// what is left.
#[derive(Debug)]
pub struct Reader<'p> {
    entries: Vec<(Box<str>, Json)>,
    form: Form,
    name: &'p str,
    path: &'p Path<'p>,
    /// Each flags word a field has been read on, with the bits set so far.
    words: Vec<(&'p str, u32)>,
}

impl<'p> Reader<'p> {
    /// Starts reading the object of constructor `name` (its TL name), whose id
    /// is `id`, in `form`; a tag, if given, must name it (TDLib's form also
    /// takes the id, as TDLib does).
    ///
    /// # Errors
    /// When the object is tagged with another constructor.
    pub fn new(
        entries: JsonObject,
        form: Form,
        name: &'p str,
        id: u32,
        path: &'p Path<'p>,
    ) -> Result<Self, Error> {
        let mut reader = Self {
            entries: entries.into_entries(),
            form,
            name,
            path,
            words: Vec::new(),
        };
        if let Some(tag) = reader.remove(form.tag()) {
            let names = match &tag {
                Json::String(tag) => &**tag == name,
                // TDLib also takes the constructor id, as a signed 32-bit number.
                Json::Number(n) => form == Form::Tdlib && n.as_i64() == Some(i64::from(id as i32)),
                _ => false,
            };
            if !names {
                return Err(Error::new(
                    path,
                    format!(
                        "expected an object of `{name}`, found `{}`: {tag}",
                        form.tag()
                    ),
                ));
            }
        }
        Ok(reader)
    }

    /// Takes `key` out, `null` or not.
    fn remove(&mut self, key: &str) -> Option<Json> {
        let at = self.entries.iter().position(|(k, _)| &**k == key)?;
        Some(self.entries.swap_remove(at).1)
    }

    /// Whether `key` is given, and not `null`.
    fn has(&self, key: &str) -> bool {
        self.entries
            .iter()
            .any(|(k, v)| &**k == key && !v.is_null())
    }

    /// Reads a required field: TDLib reads a zero value for a missing or `null`
    /// number, string or vector.
    ///
    /// # Errors
    /// When it is missing (and has no zero value) or is not a value of its type.
    pub fn field<C: Codec>(&mut self, key: &str) -> Result<C::Value, Error> {
        match self.take_required(key) {
            Ok(value) => C::read(value, self.form, &self.path.key(key)),
            Err(error) => C::absent(self.form).ok_or(error),
        }
    }

    /// Takes the value of `key` out, for a reader that chooses the codec at run
    /// time (`tlgen encode`): `None` when it is missing or `null`.
    pub fn take(&mut self, key: &str) -> Option<Json> {
        self.remove(key).filter(|value| !value.is_null())
    }

    /// Takes out the value of required field `key`.
    ///
    /// # Errors
    /// When it is missing or `null`.
    pub fn take_required(&mut self, key: &str) -> Result<Json, Error> {
        match self.remove(key) {
            Some(Json::Null) => Err(Error::new(
                &self.path.key(key),
                format!(
                    "`{key}` of `{}` is null, which the schema does not allow",
                    self.name
                ),
            )),
            Some(value) => Ok(value),
            None => Err(Error::new(
                self.path,
                format!("missing field `{key}` of `{}`", self.name),
            )),
        }
    }

    /// Reads a field that may be absent (missing or `null`) and has no flag
    /// bit: TDLib's "may be null".
    ///
    /// # Errors
    /// When it is given but is not a value of its type.
    pub fn optional<C: Codec>(&mut self, key: &str) -> Result<Option<C::Value>, Error> {
        match self.take(key) {
            None => Ok(None),
            Some(value) => C::read(value, self.form, &self.path.key(key)).map(Some),
        }
    }

    /// Reads `flags.K?T` alone on its bit, `bit` of the flags word named
    /// `word`: present when given (and not `null`). See [`bit`](Self::bit).
    ///
    /// # Errors
    /// When it is given but is not a value of its type.
    pub fn conditional<C: Codec>(
        &mut self,
        key: &str,
        word: &'p str,
        bit: u8,
    ) -> Result<Option<C::Value>, Error> {
        if self.bit(word, bit, &[], &[key])? {
            self.field::<C>(key).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Decides bit `bit` of the flags word named `word` from the fields on it,
    /// the one place both JSON readers do: `flags` are its `flags.K?true` fields
    /// (`true`, `false`, `null` or left out), `values` the fields carrying data
    /// (given or not). A `true` flag or a given value sets the bit. Takes the
    /// flags out and leaves the values to be read (with [`field`](Self::field)
    /// when the bit is set); returns whether it is set, and remembers it for the
    /// check of a given flags word in [`finish`](Self::finish).
    ///
    /// # Errors
    /// A flag that is not a boolean; a flag that is `false` while another field
    /// sets the bit; a value missing while another field sets the bit.
    pub fn bit(
        &mut self,
        word: &'p str,
        bit: u8,
        flags: &[&str],
        values: &[&str],
    ) -> Result<bool, Error> {
        // The first field that sets the bit, and how: "is true" or "is given".
        let mut set_by: Option<(&str, &str)> = None;
        let mut cleared_by: Option<&str> = None;
        for &key in flags {
            let Some(value) = self.take(key) else {
                continue;
            };
            if Bool::read(value, self.form, &self.path.key(key))? {
                set_by.get_or_insert((key, "is true"));
            } else {
                cleared_by.get_or_insert(key);
            }
        }
        if set_by.is_none() {
            set_by = values
                .iter()
                .find(|key| self.has(key))
                .map(|&key| (key, "is given"));
        }
        match (set_by, cleared_by) {
            (Some((setter, how)), Some(cleared)) => {
                return Err(Error::new(
                    &self.path.key(cleared),
                    format!(
                        "`{cleared}` is false, but `{setter}` {how}, and both are bit {bit} of `{word}`: make `{cleared}` true or leave it out"
                    ),
                ));
            }
            (Some((setter, how)), None) => {
                if let Some(missing) = values.iter().find(|key| !self.has(key)) {
                    return Err(Error::new(
                        self.path,
                        format!(
                            "missing field `{missing}` of `{}`: `{setter}` {how}, which sets bit {bit} of `{word}`, and `{missing}` is on that bit too",
                            self.name
                        ),
                    ));
                }
            }
            (None, _) => {
                // Values given as `null` are absent: take them out.
                for key in values {
                    self.remove(key);
                }
            }
        }
        let set = set_by.is_some();
        let mask = if set { 1_u32 << (bit & 31) } else { 0 };
        match self.words.iter_mut().find(|(w, _)| *w == word) {
            Some((_, bits)) => *bits |= mask,
            None => self.words.push((word, mask)),
        }
        Ok(set)
    }

    /// The flags word named `word` as the fields read so far set it, for a
    /// writer (`tlgen encode`).
    #[must_use]
    pub fn word(&self, word: &str) -> u32 {
        self.words
            .iter()
            .find(|(w, _)| *w == word)
            .map_or(0, |(_, bits)| *bits)
    }

    /// Ends reading: a flags word given must be the one the fields set (it is
    /// never written, but a reader may get one), and in the lossless form a key
    /// that is not a field is an error; TDLib's form ignores it, as TDLib does.
    ///
    /// # Errors
    /// A flags word other than the fields', an unknown key in the lossless form.
    pub fn finish(mut self) -> Result<(), Error> {
        for (word, bits) in std::mem::take(&mut self.words) {
            let Some(given) = self.take(word) else {
                continue;
            };
            let path = self.path.key(word);
            let given = Nat::read(given, self.form, &path)?;
            if given != bits {
                return Err(Error::new(
                    &path,
                    format!(
                        "`{word}` is {given:#x}, but the fields set {bits:#x}: leave `{word}` out, it follows from the fields"
                    ),
                ));
            }
        }
        let unknown = self.entries.iter().map(|(key, _)| &**key).min();
        match (self.form, unknown) {
            (Form::Tl, Some(key)) => Err(Error::new(
                self.path,
                format!("`{}` has no field `{key}`", self.name),
            )),
            _ => Ok(()),
        }
    }
}

/// The tag of an object of type `type_name` (its TL name), for a generated enum
/// to dispatch on: the constructor's name, or in TDLib's form its id as decimal
/// text (`"-1498250130"`), which TDLib accepts too. The constructor's own
/// [`Reader`] checks it again.
///
/// # Errors
/// When the tag is missing or not a string.
pub fn read_tag(
    entries: &JsonObject,
    form: Form,
    type_name: &str,
    path: &Path<'_>,
) -> Result<String, Error> {
    match entries.get(form.tag()) {
        Some(Json::String(tag)) => Ok(tag.to_string()),
        // TDLib also takes the constructor id, as a signed 32-bit number;
        // generated enums match it as its decimal text.
        Some(Json::Number(id)) if form == Form::Tdlib && id.as_i64().is_some() => {
            Ok(id.to_string())
        }
        Some(other) => Err(Error::new(
            path,
            format!(
                "expected `{}` to name a constructor of `{type_name}`, found {}",
                form.tag(),
                other.kind()
            ),
        )),
        None => Err(Error::new(
            path,
            format!(
                "missing `{}`: an object of `{type_name}` must name its constructor",
                form.tag()
            ),
        )),
    }
}

/// The error for a tag that names no constructor of type `type_name`.
#[must_use]
pub fn unknown_constructor(tag: &str, type_name: &str, path: &Path<'_>) -> Error {
    Error::new(
        path,
        format!("`{tag}` is not a constructor of `{type_name}`"),
    )
}

/// serde's `Deserialize` for a generated type: reads a [`Json`] under the
/// default [`Limits`], then the type from it, so that errors name the JSON path.
///
/// # Errors
/// The deserializer's errors, and [`Error`]s as its custom errors.
pub fn deserialize<'de, D: Deserializer<'de>, T: Object>(d: D) -> Result<T, D::Error> {
    serde::de::DeserializeSeed::deserialize(Bounded::<T>::new(Limits::default()), d)
}

/// Reads a generated type under other [`Limits`] than `Deserialize`'s default
/// (at most [`MAX_DEPTH`] levels; give the thread a stack to match):
///
/// ```ignore
/// use serde::de::DeserializeSeed as _;
/// let limits = tl_runtime::Limits { max_depth: 100 };
/// let mut json = serde_json::Deserializer::from_str(text);
/// let value = Bounded::<enums::Updates>::new(limits).deserialize(&mut json)?;
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Bounded<T> {
    limits: Limits,
    read: PhantomData<fn() -> T>,
}

impl<T> Bounded<T> {
    /// Reads a `T` under `limits`.
    #[must_use]
    pub const fn new(limits: Limits) -> Self {
        Self {
            limits,
            read: PhantomData,
        }
    }
}

impl<'de, T: Object> serde::de::DeserializeSeed<'de> for Bounded<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        let json = Json::read(d, self.limits)?;
        T::read_json(json, &Path::root()).map_err(serde::de::Error::custom)
    }
}

/// serde's `Serialize` for a generated type.
///
/// # Errors
/// The serializer's errors.
pub fn serialize<S: Serializer, T: Object>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    value.write_json(s)
}

/// Implements serde's `Serialize` and `Deserialize` for generated types through
/// their [`Object`] implementation.
#[macro_export]
macro_rules! serde_impls {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::json::serde::Serialize for $ty {
            fn serialize<S: $crate::json::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::json::serialize(self, s)
            }
        }
        impl<'de> $crate::json::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::json::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                $crate::json::deserialize(d)
            }
        }
    )*};
}

// ------------------------------------------------------------------ envelope

/// A request or an answer of TDLib's JSON interface with its `"@extra"` (any
/// JSON value, echoed back in the answer) and `"@client_id"`, written in the
/// same object as the value's own fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope<T> {
    /// The request or answer.
    pub value: T,
    /// `"@extra"`, if given.
    pub extra: Option<Value>,
    /// `"@client_id"`, if given.
    pub client_id: Option<i32>,
}

impl<T> Envelope<T> {
    /// `value` without `@extra` or `@client_id`.
    pub fn new(value: T) -> Self {
        Self {
            value,
            extra: None,
            client_id: None,
        }
    }

    /// With `"@extra": extra`.
    #[must_use]
    pub fn extra(mut self, extra: Value) -> Self {
        self.extra = Some(extra);
        self
    }

    /// With `"@client_id": client_id`.
    #[must_use]
    pub fn client_id(mut self, client_id: i32) -> Self {
        self.client_id = Some(client_id);
        self
    }
}

impl<T: Object> serde::Serialize for Envelope<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = Writer {
            map: s.serialize_map(None)?,
            form: T::FORM,
        };
        self.value.write_entries(&mut w)?;
        if let Some(extra) = &self.extra {
            w.raw("@extra", extra)?;
        }
        if let Some(id) = self.client_id {
            w.map.serialize_entry("@client_id", &id)?;
        }
        w.map.end()
    }
}

impl<'de, T: Object> serde::Deserialize<'de> for Envelope<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let json = Json::read(d, Limits::default())?;
        let root = Path::root();
        let Json::Object(object) = json else {
            return Err(serde::de::Error::custom(expected(
                &root,
                "an object",
                &json,
            )));
        };
        let mut extra = None;
        let mut client_id = None;
        let mut entries = object.into_entries();
        entries.retain_mut(|(key, value)| match &**key {
            "@extra" => {
                extra = Some(std::mem::replace(value, Json::Null));
                false
            }
            "@client_id" => {
                client_id = Some(std::mem::replace(value, Json::Null));
                false
            }
            _ => true,
        });
        let client_id = match client_id {
            None | Some(Json::Null) => None,
            Some(id) => Some(
                Int::read(id, Form::Tdlib, &root.key("@client_id"))
                    .map_err(serde::de::Error::custom)?,
            ),
        };
        let value = T::read_entries(JsonObject::from_unique(entries), &root)
            .map_err(serde::de::Error::custom)?;
        Ok(Self {
            value,
            extra: extra.map(Value::from),
            client_id,
        })
    }
}

// -------------------------------------------------------------------- base64

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (RFC 4648, section 4).
fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(BASE64[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes base64: the standard or URL-safe alphabet (one of them: a string
/// that mixes them is no encoding of either), with or without padding.
///
/// # Errors
/// A character outside the alphabet, both alphabets, misplaced padding, a
/// length no encoding has, or bits left over in the last character.
fn base64_decode(text: &str) -> Result<Vec<u8>, String> {
    let data = text.trim_end_matches('=');
    let padding = text.len() - data.len();
    if padding > 2 || (padding > 0 && text.len() % 4 != 0) || data.len() % 4 == 1 {
        return Err(format!(
            "not base64: {} characters with {padding} of padding",
            text.len()
        ));
    }
    let mut out = Vec::with_capacity(data.len() / 4 * 3 + 2);
    let mut acc: u32 = 0;
    let mut bits = 0;
    // The first character only one alphabet has, and where it is.
    let mut alphabet: Option<(u8, usize)> = None;
    for (i, c) in data.bytes().enumerate() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => {
                return Err(format!("not base64: character {:?} at {i}", char::from(c)));
            }
        };
        if value >= 62 {
            let url_safe = matches!(c, b'-' | b'_');
            match alphabet {
                None => alphabet = Some((c, i)),
                Some((first, at)) if matches!(first, b'-' | b'_') != url_safe => {
                    let ((standard, s), (url, u)) = if url_safe {
                        ((first, at), (c, i))
                    } else {
                        ((c, i), (first, at))
                    };
                    return Err(format!(
                        "not base64: it mixes the standard alphabet ({:?} at {s}) with the URL-safe one ({:?} at {u}): use one",
                        char::from(standard),
                        char::from(url)
                    ));
                }
                Some(_) => {}
            }
        }
        acc = acc << 6 | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if acc != 0 {
        return Err("not base64: the last character has bits set beyond the data".to_owned());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `value` as the readers take it.
    fn j(value: Value) -> Json {
        Json::from_value(&value, Limits::default()).unwrap_or(Json::Null)
    }

    // RFC 4648, section 10.
    const VECTORS: [(&str, &str); 7] = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];

    #[test]
    fn base64_matches_rfc_4648() {
        for (plain, encoded) in VECTORS {
            assert_eq!(base64_encode(plain.as_bytes()), encoded);
            assert_eq!(base64_decode(encoded).as_deref(), Ok(plain.as_bytes()));
            assert_eq!(
                base64_decode(encoded.trim_end_matches('=')).as_deref(),
                Ok(plain.as_bytes())
            );
        }
        assert_eq!(base64_decode("-_8=").as_deref(), Ok(&[0xfb, 0xff][..]));
        assert_eq!(base64_decode("+/8=").as_deref(), Ok(&[0xfb, 0xff][..]));
        for bad in ["Z", "Zg=", "Zh==", "Z===", "Zm9v!", "Zg==Zg==", "Zm8=="] {
            assert!(base64_decode(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn paths_read_as_written() {
        let root = Path::root();
        let updates = root.key("updates");
        let third = updates.index(3);
        let message = third.key("message");
        assert_eq!(message.to_string(), "updates[3].message");
        assert_eq!(root.index(0).key("id").to_string(), "[0].id");
        assert_eq!(
            Error::new(&message, "expected a string").to_string(),
            "at `updates[3].message`: expected a string"
        );
    }

    #[test]
    fn numbers_keep_their_range() {
        let root = Path::root();
        let big = serde_json::json!(4_294_967_296_u64);
        assert!(Int::read(j(big.clone()), Form::Tl, &root).is_err());
        assert_eq!(Long::read(j(big), Form::Tl, &root), Ok(1 << 32));
        assert_eq!(
            Long::read(j(Value::from("-9223372036854775808")), Form::Tl, &root),
            Ok(i64::MIN)
        );
        assert!(Long::read(j(Value::from("9223372036854775808")), Form::Tl, &root).is_err());
        assert!(Long::read(j(serde_json::json!(1.5)), Form::Tl, &root).is_err());
        assert!(Int::read(j(Value::from("7")), Form::Tl, &root).is_err());
        assert_eq!(Int::read(j(Value::from("7")), Form::Tdlib, &root), Ok(7));
    }

    #[test]
    fn doubles_that_are_not_finite_keep_their_bits() {
        let root = Path::root();
        for bits in [
            0x7ff0_0000_0000_0000_u64,
            0xfff0_0000_0000_0000,
            0x7ff8_0000_0000_0001,
        ] {
            let written = Double::write(
                &f64::from_bits(bits),
                Form::Tl,
                serde_json::value::Serializer,
            );
            let json = written.unwrap_or(Value::Null);
            let read = Double::read(j(json), Form::Tl, &root).map(f64::to_bits);
            assert_eq!(read, Ok(bits));
        }
        assert!(Double::read(j(Value::from("0x3ff0000000000000")), Form::Tl, &root).is_err());
    }

    #[test]
    fn hex_is_exact() {
        let root = Path::root();
        let value = [0x00, 0xab, 0x10, 0xff];
        let json = Fixed::<4>::write(&value, Form::Tl, serde_json::value::Serializer);
        assert_eq!(json.as_ref().ok(), Some(&Value::from("00ab10ff")));
        assert_eq!(
            Fixed::<4>::read(j(Value::from("00AB10ff")), Form::Tl, &root),
            Ok(value)
        );
        for bad in ["00ab10f", "00ab10fg", "00ab10ff00", "é0ab10f"] {
            assert!(
                Fixed::<4>::read(j(Value::from(bad)), Form::Tl, &root).is_err(),
                "{bad}"
            );
        }
    }
}
