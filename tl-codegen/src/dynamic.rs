//! TL bytes to the lossless JSON form and back, with a schema read at run time
//! (the `dynamic` feature; `tlgen decode` and `tlgen encode`).
//!
//! The form is the one code generated with `Options::serde(JsonForm::Tl)`
//! reads and writes: the same [`json::Layouts`](crate::json::Layouts) decide the
//! keys, and every value goes through the same `tl_runtime::json` codec, so that
//! for the same bytes both give the same JSON. The decoder is as strict as
//! generated code: it reads through `tl_runtime::Reader` (bounded depth,
//! allocation checked against the remaining input, canonical encodings only,
//! no trailing bytes), never panics, and names the byte offset and the TL path
//! of what it could not read.
//!
//! ```
//! use tl_codegen::dynamic::{Dynamic, Target};
//! use tl_codegen::json::Layouts;
//!
//! let (_, checked) = tl_parser::check_str("ping.tl", "
//!     pong#347773c5 msg_id:long ping_id:long = Pong;
//! ");
//! let layouts = Layouts::of(&checked.schema)?;
//! let dynamic = Dynamic::new(&layouts);
//! let target = Target::parse(&layouts, "Pong", false).map_err(|e| e.to_string())?;
//! let bytes = [0xc5, 0x73, 0x77, 0x34, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0];
//! let json = dynamic.decode(&target, &bytes).map_err(|e| e.to_string())?;
//! assert_eq!(dynamic.to_json(&json, false), r#"{"_":"pong","msg_id":1,"ping_id":2}"#);
//! assert_eq!(dynamic.encode(&target, &json).map_err(|e| e.to_string())?, bytes);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::json::{Codec, Definition, Entry, Layouts, Presence, WireField};
use std::fmt::{self, Write as _};
use tl_parser::Kind;
use tl_runtime::json::{
    self as rt, Codec as _, Form, Path,
    serde_json::{Map, Value, value::Serializer},
};
use tl_runtime::{DecodeError, Deserialize as _, Limits, RawObject, Reader, wire};

/// What the bytes hold.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Target {
    /// A value of a type: boxed (`Updates`, `Vector<long>`), bare (`%Message`,
    /// `vector<long>`), or a builtin (`int`, `Bool`, `Object`).
    Value(Codec),
    /// A request: the boxed function named so.
    Function(String),
}

/// Why [`Target::parse`] did not understand a type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetError(String);

impl fmt::Display for TargetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TargetError {}

impl Target {
    /// Reads a type as written in a schema: a type name (`Updates`), a
    /// builtin (`int`, `long`, `string`, `bytes`, `int128`, `int256`, `double`,
    /// `Bool`, `Object`), `Vector<T>` or `vector<T>`, `%T` for the body of the
    /// only constructor of `T`. With `bare`, the value has no id: a constructor
    /// name stands for its body, a type for the body of its only constructor,
    /// and `Vector` for `vector`. Inside a vector a constructor name is the bare
    /// type, as in a schema (`vector<future_salt>`).
    ///
    /// # Errors
    /// A name the schema does not define, a constructor name without `bare`
    /// (the value would start with the id of its type's constructor: the type
    /// reads it), a bare type with several constructors, or text that is not a
    /// type.
    pub fn parse(layouts: &Layouts, text: &str, bare: bool) -> Result<Target, TargetError> {
        parse_type(layouts, text.trim(), bare, 0).map(Target::Value)
    }

    /// The request of function `name`.
    ///
    /// # Errors
    /// When the schema has no such function (saying what `name` is when it
    /// is a constructor or a type).
    pub fn function(layouts: &Layouts, name: &str) -> Result<Target, TargetError> {
        if layouts.function(name).is_some() {
            return Ok(Target::Function(name.to_owned()));
        }
        let message = match layouts.constructor(name) {
            Some(def) => format!(
                "`{name}` is a constructor of type `{ty}`, not a function: use --type {ty}",
                ty = def.type_name
            ),
            None if layouts.constructors_of(name).is_some() => {
                format!("`{name}` is a type, not a function: use --type {name}")
            }
            None => format!("the schema has no function `{name}`"),
        };
        Err(TargetError(message))
    }
}

fn parse_type(
    layouts: &Layouts,
    text: &str,
    bare: bool,
    depth: usize,
) -> Result<Codec, TargetError> {
    if depth > 16 {
        return Err(TargetError(format!("`{text}` nests too deep")));
    }
    for (prefix, boxed) in [("Vector<", !bare), ("vector<", false)] {
        if let Some(inner) = text.strip_prefix(prefix).and_then(|t| t.strip_suffix('>')) {
            let item = parse_type(layouts, inner.trim(), false, depth + 1)?;
            return Ok(Codec::Vector {
                boxed,
                item: Box::new(item),
            });
        }
    }
    let builtin = match text {
        "int" | "int32" => Some(Codec::Int),
        "#" => Some(Codec::Nat),
        "int53" => Some(Codec::Int53),
        "long" | "int64" => Some(Codec::Long),
        "double" => Some(Codec::Double),
        "string" | "secureString" => Some(Codec::Str),
        "bytes" | "secureBytes" => Some(Codec::Bytes),
        "int128" => Some(Codec::Fixed(16)),
        "int256" => Some(Codec::Fixed(32)),
        "Object" => Some(Codec::Raw),
        _ => None,
    };
    if let Some(codec) = builtin {
        return Ok(codec);
    }
    if layouts.is_bool(text) {
        return Ok(Codec::Bool);
    }
    let name = text.strip_prefix('%').unwrap_or(text);
    if let Some(mut constructors) = layouts.constructors_of(name) {
        if !bare && !text.starts_with('%') {
            return Ok(Codec::Boxed(name.to_owned()));
        }
        return match (constructors.next(), constructors.next()) {
            (Some(only), None) => Ok(Codec::Bare(only.name.clone())),
            _ => Err(TargetError(format!(
                "`{name}` has several constructors, so it has no bare form: name one of them"
            ))),
        };
    }
    if let Some(def) = layouts.constructor(name) {
        // At the top, a constructor's value with its id is a value of its type.
        if depth == 0 && !bare && !text.starts_with('%') {
            return Err(TargetError(format!(
                "`{name}` is a constructor of type `{ty}`: give `--type {ty}` for a value that \
                 starts with its constructor id, or add `--bare` for `{name}`'s fields alone",
                ty = def.type_name
            )));
        }
        return Ok(Codec::Bare(name.to_owned()));
    }
    if layouts.function(name).is_some() {
        return Err(TargetError(format!(
            "`{name}` is a function: use --function {name}"
        )));
    }
    Err(TargetError(format!(
        "the schema defines no type or constructor `{text}`"
    )))
}

/// Bytes that are not a value of the target: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeFailure {
    /// The byte offset of the problem.
    pub offset: usize,
    /// The TL path of the value being read (`updates[3].message`); empty at the top.
    pub path: String,
    /// What was wrong.
    pub message: String,
}

impl fmt::Display for DecodeFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "at `{}`: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for DecodeFailure {}

/// Decodes and encodes values of one schema; see the [module](self) docs.
#[derive(Debug, Clone)]
pub struct Dynamic<'a> {
    layouts: &'a Layouts,
    others: Vec<(&'a str, &'a Layouts)>,
    limits: Limits,
}

impl<'a> Dynamic<'a> {
    /// Reads and writes values of `layouts`' schema, with the default [`Limits`].
    #[must_use]
    pub fn new(layouts: &'a Layouts) -> Self {
        Self {
            layouts,
            others: Vec::new(),
            limits: Limits::default(),
        }
    }

    /// Another schema, named `name` (its file), that an unknown constructor id
    /// is looked up in, so that the error can say what it is.
    #[must_use]
    pub fn other(mut self, name: &'a str, layouts: &'a Layouts) -> Self {
        self.others.push((name, layouts));
        self
    }

    /// Other limits (the depth of nested objects, for both directions).
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Decodes `bytes`, which must hold exactly one value of `target`, into the
    /// lossless JSON form.
    ///
    /// # Errors
    /// Bytes that are not such a value, with the offset and TL path.
    pub fn decode(&self, target: &Target, bytes: &[u8]) -> Result<Value, DecodeFailure> {
        let mut d = Decoder {
            dynamic: self,
            reader: Reader::with_limits(bytes, self.limits),
            path: Vec::new(),
        };
        let value = match target {
            Target::Value(codec) => d.value(codec)?,
            Target::Function(name) => {
                let Some(def) = self.layouts.function(name) else {
                    return Err(d.fail(0, format!("the schema has no function `{name}`")));
                };
                let offset = d.reader.position();
                let id = d.reader.read_u32().map_err(|e| d.wrap(e))?;
                if id != def.id {
                    return Err(d.unknown(offset, id, &format!("function {name}"), Some(def)));
                }
                d.object(def)?
            }
        };
        d.reader.finish().map_err(|e| d.wrap(e))?;
        Ok(value)
    }

    /// Encodes `json`, a value of `target` in the lossless form, into TL bytes.
    ///
    /// # Errors
    /// JSON that is not such a value, with its JSON path.
    pub fn encode(&self, target: &Target, json: &Value) -> Result<Vec<u8>, rt::Error> {
        let mut e = Encoder {
            dynamic: self,
            out: Vec::new(),
            depth: 0,
        };
        let root = Path::root();
        match target {
            Target::Value(codec) => e.value(codec, json.clone(), &root)?,
            Target::Function(name) => {
                let Some(def) = self.layouts.function(name) else {
                    return Err(rt::Error::new(
                        &root,
                        format!("the schema has no function `{name}`"),
                    ));
                };
                e.boxed_definition(def, json.clone(), &root)?;
            }
        }
        Ok(e.out)
    }

    /// `value` (from [`decode`](Self::decode)) as JSON text with every object's
    /// keys in the schema's order (`"_"` first), as the generated serde code
    /// writes them; indented when `indent` is set. [`Value`]'s own `Display`
    /// sorts keys by name.
    #[must_use]
    pub fn to_json(&self, value: &Value, indent: bool) -> String {
        let ordered = Ordered {
            dynamic: self,
            value,
        };
        let text = if indent {
            rt::serde_json::to_string_pretty(&ordered)
        } else {
            rt::serde_json::to_string(&ordered)
        };
        // Writing a `Value` to a string cannot fail: its keys are strings.
        text.unwrap_or_else(|_| value.to_string())
    }

    /// The keys of `map` in the order of the definition its `"_"` names (the
    /// tag itself left out), then any others in `map`'s order; and that definition.
    fn ordered_keys<'m>(&self, map: &'m Map<String, Value>) -> (Option<&Definition>, Vec<&'m str>) {
        let def = map
            .get(Form::Tl.tag())
            .and_then(Value::as_str)
            .and_then(|t| {
                self.layouts
                    .constructor(t)
                    .or_else(|| self.layouts.function(t))
            });
        let mut keys: Vec<&str> = def
            .into_iter()
            .flat_map(|d| &d.entries)
            .filter_map(|e| map.get_key_value(&e.key).map(|(k, _)| k.as_str()))
            .collect();
        for key in map.keys() {
            if key != Form::Tl.tag() && !keys.contains(&key.as_str()) {
                keys.push(key);
            }
        }
        (def, keys)
    }

    /// `value` (from [`decode`](Self::decode)) as an indented tree with the TL
    /// names and ids of its objects, for reading.
    #[must_use]
    pub fn pretty(&self, value: &Value) -> String {
        let mut out = String::new();
        self.pretty_value(value, 0, &mut out);
        out
    }

    fn pretty_value(&self, value: &Value, indent: usize, out: &mut String) {
        match value {
            Value::Object(map) => {
                let tag = map.get(Form::Tl.tag()).and_then(Value::as_str);
                let (def, keys) = self.ordered_keys(map);
                match (tag, def) {
                    (Some(tag), Some(def)) => {
                        let _ = write!(out, "{tag}#{:08x}", def.id);
                        if def.kind == Kind::Constructor {
                            let _ = write!(out, " : {}", def.type_name);
                        }
                    }
                    (Some(tag), None) => out.push_str(tag),
                    (None, _) => out.push_str("{}"),
                }
                for key in keys {
                    if let Some(v) = map.get(key) {
                        let _ = write!(out, "\n{:width$}{key}: ", "", width = indent + 2);
                        self.pretty_value(v, indent + 2, out);
                    }
                }
            }
            Value::Array(items) => {
                let _ = write!(out, "[{}]", items.len());
                for (i, item) in items.iter().enumerate() {
                    let _ = write!(out, "\n{:width$}[{i}] ", "", width = indent + 2);
                    self.pretty_value(item, indent + 2, out);
                }
            }
            other => out.push_str(&other.to_string()),
        }
    }

    /// What the other schemas call constructor or function `id`.
    fn known_elsewhere(&self, id: u32) -> Option<String> {
        self.others.iter().find_map(|(name, layouts)| {
            layouts
                .constructor_by_id(id)
                .or_else(|| layouts.function_by_id(id))
                .map(|def| format!("`{}` of {name}", def.name))
        })
    }
}

/// A decoded value that serializes its objects' keys in the schema's order.
struct Ordered<'a> {
    dynamic: &'a Dynamic<'a>,
    value: &'a Value,
}

impl rt::serde::Serialize for Ordered<'_> {
    fn serialize<S: rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use rt::serde::ser::{SerializeMap as _, SerializeSeq as _};
        let nested = |value| Ordered {
            dynamic: self.dynamic,
            value,
        };
        match self.value {
            Value::Object(map) => {
                let (_, keys) = self.dynamic.ordered_keys(map);
                let mut out = serializer.serialize_map(Some(map.len()))?;
                if let Some(tag) = map.get(Form::Tl.tag()) {
                    out.serialize_entry(Form::Tl.tag(), tag)?;
                }
                for key in keys {
                    if let Some(value) = map.get(key) {
                        out.serialize_entry(key, &nested(value))?;
                    }
                }
                out.end()
            }
            Value::Array(items) => {
                let mut out = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    out.serialize_element(&nested(item))?;
                }
                out.end()
            }
            other => other.serialize(serializer),
        }
    }
}

/// One step of a TL path.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

struct Decoder<'a, 'b> {
    dynamic: &'a Dynamic<'a>,
    reader: Reader<'b>,
    path: Vec<Step<'a>>,
}

/// Writes `value` with the runtime codec `C` (the JSON `Value` serializer
/// cannot fail on the values codecs write; a failure is reported, not unwrapped).
fn write<C: rt::Codec>(value: &C::Value) -> Result<Value, String> {
    C::write(value, Form::Tl, Serializer).map_err(|e| e.to_string())
}

/// Calls `$body` with `$n` a const of the value of `$len`, for the lengths of
/// fixed-size values that schemas use (`int128`, `int256`, `int512`, ...).
macro_rules! with_fixed_len {
    ($len:expr, $n:ident => $body:expr, $other:expr) => {
        match $len {
            4 => {
                const $n: usize = 4;
                $body
            }
            8 => {
                const $n: usize = 8;
                $body
            }
            16 => {
                const $n: usize = 16;
                $body
            }
            32 => {
                const $n: usize = 32;
                $body
            }
            64 => {
                const $n: usize = 64;
                $body
            }
            128 => {
                const $n: usize = 128;
                $body
            }
            _ => $other,
        }
    };
}

impl<'a> Decoder<'a, '_> {
    fn path_text(&self) -> String {
        let mut out = String::new();
        for step in &self.path {
            match step {
                Step::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Step::Index(i) => {
                    let _ = write!(out, "[{i}]");
                }
            }
        }
        out
    }

    fn fail(&self, offset: usize, message: String) -> DecodeFailure {
        DecodeFailure {
            offset,
            path: self.path_text(),
            message,
        }
    }

    fn wrap(&self, e: DecodeError) -> DecodeFailure {
        self.fail(e.offset(), e.to_string())
    }

    /// An unknown constructor `id` at `offset` where `expected` was wanted
    /// (`type Updates`, `function help.getConfig`, `a function's request`).
    fn unknown(
        &self,
        offset: usize,
        id: u32,
        expected: &str,
        _: Option<&Definition>,
    ) -> DecodeFailure {
        let layouts = self.dynamic.layouts;
        let mut message =
            format!("unknown constructor id {id:#010x} at byte {offset} for {expected}");
        if let Some(def) = layouts
            .constructor_by_id(id)
            .or_else(|| layouts.function_by_id(id))
        {
            let _ = match def.kind {
                Kind::Function => write!(message, " (it is function `{}`)", def.name),
                _ => write!(
                    message,
                    " (it is `{}`, of type {})",
                    def.name, def.type_name
                ),
            };
        } else if let Some(elsewhere) = self.dynamic.known_elsewhere(id) {
            let _ = write!(message, " (it is {elsewhere})");
        }
        self.fail(offset, message)
    }

    fn json(&self, written: Result<Value, String>) -> Result<Value, DecodeFailure> {
        written.map_err(|e| self.fail(self.reader.position(), e))
    }

    fn value(&mut self, codec: &'a Codec) -> Result<Value, DecodeFailure> {
        let at = self.reader.position();
        let r = &mut self.reader;
        let written = match codec {
            Codec::Int => r.read_i32().map(|v| write::<rt::Int>(&v)),
            Codec::Nat => r.read_u32().map(|v| write::<rt::Nat>(&v)),
            Codec::Int53 => r.read_i64().map(|v| write::<rt::Int53>(&v)),
            Codec::Long => r.read_i64().map(|v| write::<rt::Long>(&v)),
            Codec::Double => r.read_f64().map(|v| write::<rt::Double>(&v)),
            Codec::Bool => r.read_bool().map(|v| write::<rt::Bool>(&v)),
            Codec::Str => r.read_string().map(|v| write::<rt::Str>(&v)),
            Codec::Bytes => r.read_bytes().map(|v| write::<rt::Bytes>(&v)),
            Codec::Raw => RawObject::deserialize(r).map(|v| write::<rt::Raw>(&v)),
            Codec::Fixed(len) => {
                with_fixed_len!(*len, N => r.read_array::<N>().map(|v| write::<rt::Fixed<N>>(&v)),
                return Err(self.fail(at, format!("tlgen cannot read {len}-byte numbers"))))
            }
            Codec::Vector { boxed, item } => return self.vector(*boxed, item),
            Codec::Boxed(type_name) => return self.boxed(type_name),
            Codec::Bare(name) => {
                let Some(def) = self.dynamic.layouts.constructor(name) else {
                    return Err(self.fail(at, format!("the schema has no constructor `{name}`")));
                };
                return self.object(def);
            }
            Codec::Param { function } => return self.any(*function),
        };
        let written = written.map_err(|e| self.wrap(e))?;
        self.json(written)
    }

    fn vector(&mut self, boxed: bool, item: &'a Codec) -> Result<Value, DecodeFailure> {
        if boxed {
            self.reader
                .expect_constructor(wire::VECTOR_ID, "Vector")
                .map_err(|e| self.wrap(e))?;
        }
        let min = min_len(self.dynamic.layouts, item, 0);
        let count = self.reader.read_count(min).map_err(|e| self.wrap(e))?;
        let mut items = Vec::with_capacity(count.min(self.reader.remaining() / 16 + 1));
        for i in 0..count {
            self.path.push(Step::Index(i));
            let value = self.value(item);
            self.path.pop();
            items.push(value?);
        }
        Ok(Value::Array(items))
    }

    fn boxed(&mut self, type_name: &str) -> Result<Value, DecodeFailure> {
        let offset = self.reader.position();
        let id = self.reader.read_u32().map_err(|e| self.wrap(e))?;
        let def = self
            .dynamic
            .layouts
            .constructor_by_id(id)
            .filter(|def| def.type_name == type_name);
        match def {
            Some(def) => self.object(def),
            None => Err(self.unknown(offset, id, &format!("type {type_name}"), None)),
        }
    }

    /// A `!X` (any function) or `X` (any boxed value).
    fn any(&mut self, function: bool) -> Result<Value, DecodeFailure> {
        let offset = self.reader.position();
        let id = self.reader.read_u32().map_err(|e| self.wrap(e))?;
        let layouts = self.dynamic.layouts;
        let def = if function {
            layouts.function_by_id(id)
        } else {
            layouts.constructor_by_id(id)
        };
        match def {
            Some(def) => self.object(def),
            None => Err(self.unknown(
                offset,
                id,
                if function {
                    "a function's request"
                } else {
                    "a boxed value"
                },
                None,
            )),
        }
    }

    /// The body of `def`, one level deeper.
    fn object(&mut self, def: &'a Definition) -> Result<Value, DecodeFailure> {
        self.reader.enter().map_err(|e| self.wrap(e))?;
        let result = self.body(def);
        self.reader.leave();
        result
    }

    fn body(&mut self, def: &'a Definition) -> Result<Value, DecodeFailure> {
        let mut values: Vec<Option<Value>> = vec![None; def.wire.len()];
        let mut words: Vec<u32> = vec![0; def.wire.len()];
        let mut length: Option<(usize, i32)> = None;
        let is_set = |words: &[u32], bit: crate::json::Bit| {
            words
                .get(bit.flags_field)
                .is_some_and(|w| w >> bit.bit & 1 == 1)
        };
        for (index, field) in def.wire.iter().enumerate() {
            let key = def
                .entries
                .iter()
                .find(|e| e.field == index)
                .map_or("", |e| e.key.as_str());
            self.path.push(Step::Key(key));
            let value = match field {
                WireField::FlagsWord => match self.reader.read_u32() {
                    Ok(word) => {
                        if let Some(slot) = words.get_mut(index) {
                            *slot = word;
                        }
                        Ok(None)
                    }
                    Err(e) => Err(self.wrap(e)),
                },
                WireField::Value { codec, condition } => {
                    if condition.is_none_or(|bit| is_set(&words, bit)) {
                        self.value(codec).map(Some)
                    } else {
                        Ok(None)
                    }
                }
                WireField::Nothing => Ok(None),
                WireField::ObjectLength { .. } => {
                    let offset = self.reader.position();
                    match self.reader.read_i32() {
                        Ok(len) => {
                            length = Some((offset, len));
                            Ok(None)
                        }
                        Err(e) => Err(self.wrap(e)),
                    }
                }
                WireField::SizedObject { .. } => self.sized_object(length).map(Some),
                WireField::Nullable { codec } => match self.reader.peek_u32() {
                    Ok(wire::NULL_ID) => self
                        .reader
                        .read_u32()
                        .map(|_| None)
                        .map_err(|e| self.wrap(e)),
                    Ok(_) => self.value(codec).map(Some),
                    Err(e) => Err(self.wrap(e)),
                },
            };
            self.path.pop();
            if let Some(slot) = values.get_mut(index) {
                *slot = value?;
            }
        }
        let mut map = Map::new();
        map.insert(Form::Tl.tag().to_owned(), Value::String(def.name.clone()));
        for entry in &def.entries {
            let value = values.get_mut(entry.field).and_then(Option::take);
            let value = match entry.presence {
                Presence::Flag(bit) | Presence::Implied(bit) => {
                    is_set(&words, bit).then_some(Value::Bool(true))
                }
                _ => value,
            };
            if let Some(value) = value {
                map.insert(entry.key.clone(), value);
            }
        }
        Ok(Value::Object(map))
    }

    fn sized_object(&mut self, length: Option<(usize, i32)>) -> Result<Value, DecodeFailure> {
        let (offset, len) = length.unwrap_or((self.reader.position(), 0));
        let len = usize::try_from(len).map_err(|_| {
            self.fail(
                offset,
                format!("negative object length {len} at byte {offset}"),
            )
        })?;
        let object = RawObject::read_with_len(&mut self.reader, len).map_err(|e| self.wrap(e))?;
        self.json(write::<rt::Raw>(&object))
    }
}

/// The fewest bytes a value of `codec` takes (bounds vector counts).
fn min_len(layouts: &Layouts, codec: &Codec, depth: usize) -> usize {
    match codec {
        Codec::Long | Codec::Int53 | Codec::Double => 8,
        Codec::Fixed(n) => *n,
        Codec::Vector { boxed: true, .. } => 8,
        Codec::Bare(name) => {
            // A bare type inside itself counts as nothing: the bound only loosens.
            if depth > 8 {
                return 0;
            }
            layouts.constructor(name).map_or(0, |def| {
                def.wire
                    .iter()
                    .map(|w| match w {
                        WireField::Value {
                            codec,
                            condition: None,
                        } => min_len(layouts, codec, depth + 1),
                        WireField::Value { .. } | WireField::Nothing => 0,
                        _ => 4,
                    })
                    .sum()
            })
        }
        _ => 4,
    }
}

struct Encoder<'a> {
    dynamic: &'a Dynamic<'a>,
    out: Vec<u8>,
    depth: usize,
}

fn expected(path: &Path<'_>, what: &str, found: &Value) -> rt::Error {
    let kind = match found {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    rt::Error::new(path, format!("expected {what}, found {kind}"))
}

impl Encoder<'_> {
    fn value(&mut self, codec: &Codec, json: Value, path: &Path<'_>) -> Result<(), rt::Error> {
        let out = &mut self.out;
        match codec {
            Codec::Int => wire::write_int(rt::Int::read(json, Form::Tl, path)?, out),
            Codec::Nat => wire::write_u32(rt::Nat::read(json, Form::Tl, path)?, out),
            Codec::Int53 => wire::write_long(rt::Int53::read(json, Form::Tl, path)?, out),
            Codec::Long => wire::write_long(rt::Long::read(json, Form::Tl, path)?, out),
            Codec::Double => wire::write_double(rt::Double::read(json, Form::Tl, path)?, out),
            Codec::Bool => wire::write_bool(rt::Bool::read(json, Form::Tl, path)?, out),
            Codec::Str => {
                let text = rt::Str::read(json, Form::Tl, path)?;
                check_len(text.len(), path)?;
                wire::write_string(&text, out);
            }
            Codec::Bytes => {
                let data = rt::Bytes::read(json, Form::Tl, path)?;
                check_len(data.len(), path)?;
                wire::write_bytes(&data, out);
            }
            Codec::Raw => out.extend_from_slice(rt::Raw::read(json, Form::Tl, path)?.as_bytes()),
            Codec::Fixed(len) => {
                with_fixed_len!(*len, N => out.extend_from_slice(&rt::Fixed::<N>::read(json, Form::Tl, path)?),
                return Err(rt::Error::new(path, format!("tlgen cannot write {len}-byte numbers"))))
            }
            Codec::Vector { boxed, item } => {
                let Value::Array(items) = json else {
                    return Err(expected(path, "an array", &json));
                };
                let count = u32::try_from(items.len())
                    .map_err(|_| rt::Error::new(path, "more items than a TL vector holds"))?;
                if *boxed {
                    wire::write_u32(wire::VECTOR_ID, out);
                }
                wire::write_u32(count, out);
                for (i, item_json) in items.into_iter().enumerate() {
                    self.value(item, item_json, &path.index(i))?;
                }
            }
            Codec::Boxed(type_name) => {
                let mut entries = object(json, path)?;
                let tag = rt::take_tag(&mut entries, Form::Tl, type_name, path)?;
                let def = self
                    .dynamic
                    .layouts
                    .constructor(&tag)
                    .filter(|def| &def.type_name == type_name)
                    .ok_or_else(|| rt::unknown_constructor(&tag, type_name, path))?;
                wire::write_u32(def.id, &mut self.out);
                self.body(def, entries, path)?;
            }
            Codec::Bare(name) => {
                let def = self.dynamic.layouts.constructor(name).ok_or_else(|| {
                    rt::Error::new(path, format!("the schema has no constructor `{name}`"))
                })?;
                self.body(def, object(json, path)?, path)?;
            }
            Codec::Param { function } => {
                let mut entries = object(json, path)?;
                // The TL type, in messages: any function's request, any boxed value.
                let what = if *function { "!X" } else { "X" };
                let tag = rt::take_tag(&mut entries, Form::Tl, what, path)?;
                let layouts = self.dynamic.layouts;
                let def = if *function {
                    layouts.function(&tag)
                } else {
                    layouts.constructor(&tag)
                };
                let def = def.ok_or_else(|| not_a_param(layouts, &tag, *function, path))?;
                wire::write_u32(def.id, &mut self.out);
                self.body(def, entries, path)?;
            }
        }
        Ok(())
    }

    /// A boxed function or constructor `def`: its id, then its body.
    fn boxed_definition(
        &mut self,
        def: &Definition,
        json: Value,
        path: &Path<'_>,
    ) -> Result<(), rt::Error> {
        let entries = object(json, path)?;
        wire::write_u32(def.id, &mut self.out);
        self.body(def, entries, path)
    }

    fn body(
        &mut self,
        def: &Definition,
        entries: Map<String, Value>,
        path: &Path<'_>,
    ) -> Result<(), rt::Error> {
        if self.depth >= self.dynamic.limits.max_depth {
            return Err(rt::Error::new(
                path,
                format!(
                    "nested deeper than the limit of {} levels",
                    self.dynamic.limits.max_depth
                ),
            ));
        }
        self.depth += 1;
        let result = self.fields(def, entries, path);
        self.depth -= 1;
        result
    }

    fn fields(
        &mut self,
        def: &Definition,
        entries: Map<String, Value>,
        path: &Path<'_>,
    ) -> Result<(), rt::Error> {
        let mut r = rt::Reader::new(entries, Form::Tl, &def.name, def.id, path)?;
        let mut values: Vec<Option<Value>> = vec![None; def.wire.len()];
        let mut words: Vec<u32> = vec![0; def.wire.len()];
        let set = |words: &mut Vec<u32>, bit: crate::json::Bit| {
            if let Some(word) = words.get_mut(bit.flags_field) {
                *word |= 1 << (bit.bit & 31);
            }
        };
        let mut groups_read: Vec<crate::json::Bit> = Vec::new();
        for entry in &def.entries {
            let Entry {
                key,
                field,
                presence,
                ..
            } = entry;
            match *presence {
                Presence::Required => {
                    let value = r.take_required(key)?;
                    put(&mut values, *field, value);
                }
                Presence::Optional(bit) => {
                    if let Some(value) = r.take(key) {
                        set(&mut words, bit);
                        put(&mut values, *field, value);
                    }
                }
                Presence::Nullable => {
                    if let Some(value) = r.take(key) {
                        put(&mut values, *field, value);
                    }
                }
                Presence::Flag(bit) => {
                    if r.flag(key)? {
                        set(&mut words, bit);
                    }
                }
                Presence::Grouped(bit) | Presence::Implied(bit) => {
                    if groups_read.contains(&bit) {
                        continue;
                    }
                    groups_read.push(bit);
                    let group = def.entries.iter().filter(|e| e.presence.bit() == Some(bit));
                    let value_keys: Vec<&str> = group
                        .clone()
                        .filter(|e| matches!(e.presence, Presence::Grouped(_)))
                        .map(|e| e.key.as_str())
                        .collect();
                    let present = r.has_any(&value_keys);
                    for implied in group
                        .clone()
                        .filter(|e| matches!(e.presence, Presence::Implied(_)))
                    {
                        r.flag(&implied.key)?;
                    }
                    if present {
                        set(&mut words, bit);
                        for member in group.filter(|e| matches!(e.presence, Presence::Grouped(_))) {
                            let value = r.take_required(&member.key)?;
                            put(&mut values, member.field, value);
                        }
                    }
                }
            }
        }
        r.finish()?;
        let key_of = |index: usize| {
            def.entries
                .iter()
                .find(|e| e.field == index)
                .map_or("", |e| e.key.as_str())
        };
        let mut sized: Option<Vec<u8>> = None;
        for (index, field) in def.wire.iter().enumerate() {
            let value = values.get_mut(index).and_then(Option::take);
            match field {
                WireField::FlagsWord => {
                    wire::write_u32(words.get(index).copied().unwrap_or(0), &mut self.out)
                }
                WireField::Value { codec, .. } => {
                    if let Some(value) = value {
                        self.value(codec, value, &path.key(key_of(index)))?;
                    }
                }
                WireField::Nothing => {}
                WireField::ObjectLength { object } => {
                    let object_json = values
                        .get_mut(*object)
                        .and_then(Option::take)
                        .unwrap_or(Value::Null);
                    let key = key_of(*object);
                    let bytes = rt::Raw::read(object_json, Form::Tl, &path.key(key))?.into_bytes();
                    let len = i32::try_from(bytes.len()).map_err(|_| {
                        rt::Error::new(&path.key(key), "an object too long for its length field")
                    })?;
                    wire::write_int(len, &mut self.out);
                    sized = Some(bytes);
                }
                WireField::SizedObject { .. } => {
                    if let Some(bytes) = sized.take() {
                        self.out.extend_from_slice(&bytes);
                    }
                }
                WireField::Nullable { codec } => match value {
                    Some(value) => self.value(codec, value, &path.key(key_of(index)))?,
                    None => wire::write_u32(wire::NULL_ID, &mut self.out),
                },
            }
        }
        Ok(())
    }
}

/// Keeps `value` for TL field `field`.
fn put(values: &mut [Option<Value>], field: usize, value: Value) {
    if let Some(slot) = values.get_mut(field) {
        *slot = Some(value);
    }
}

fn object(json: Value, path: &Path<'_>) -> Result<Map<String, Value>, rt::Error> {
    match json {
        Value::Object(entries) => Ok(entries),
        other => Err(expected(path, "an object", &other)),
    }
}

fn check_len(len: usize, path: &Path<'_>) -> Result<(), rt::Error> {
    if len > wire::MAX_BYTES_LEN {
        Err(rt::Error::new(
            path,
            format!(
                "{len} bytes is longer than TL's limit of {} bytes",
                wire::MAX_BYTES_LEN
            ),
        ))
    } else {
        Ok(())
    }
}

/// `tag` where a `!X` (`function`) or `X` field wants a definition of the other
/// kind, or one the schema does not define: what was expected and what it is.
fn not_a_param(layouts: &Layouts, tag: &str, function: bool, path: &Path<'_>) -> rt::Error {
    let expected = if function {
        "a function's request (`!X`)"
    } else {
        "a boxed value (`X`)"
    };
    let found = match (layouts.constructor(tag), layouts.function(tag)) {
        (Some(def), _) => format!("a constructor of type {}", def.type_name),
        (None, Some(_)) => "a function".to_owned(),
        (None, None) => "not defined in the schema".to_owned(),
    };
    rt::Error::new(
        path,
        format!("expected {expected}, found `{tag}`, which is {found}"),
    )
}
