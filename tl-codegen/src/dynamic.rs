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
//! of what it could not read. The encoder reads JSON as generated code does
//! (`tl_runtime::json::Json`: keys given twice are errors; flags follow from
//! the fields, and fields that contradict each other are errors).
//!
//! # Limits
//!
//! - **Depth**: one limit, [`Limits::max_depth`] (default 64, at most
//!   [`MAX_DEPTH`](rt::MAX_DEPTH), 127, the deepest JSON serde_json's parser
//!   reads back), for both directions, where every constructor body and every
//!   vector is a level, as every object and array is in JSON. So whatever
//!   [`decode_to_string`](Dynamic::decode_to_string) prints,
//!   [`read_json`](Dynamic::read_json) and [`encode_json`](Dynamic::encode_json)
//!   read back under the same limits, and the other way round. Both recurse
//!   once per level: 127 levels take under 192 KiB of stack optimized, about
//!   1 MiB unoptimized.
//! - **Memory**: decoding holds the input and the text it prints, which it
//!   writes as it reads (at most twice its length while it grows, and a copy
//!   of one object's keys while they are put in order); a value that takes no
//!   bytes on the wire (an item of `vector<%True>`) counts as one byte of the
//!   input, so that no input prints more values than it has bytes (generated
//!   code, whose `Vec` of such items costs nothing, has no such rule). Encoding
//!   holds the JSON text, its tree (at most 12 bytes per byte of text, 24 while
//!   an array grows), and the bytes.
//!
//! ```
//! use tl_codegen::dynamic::{Dynamic, Style, Target};
//! use tl_codegen::json::Layouts;
//!
//! let (_, checked) = tl_parser::check_str("ping.tl", "
//!     pong#347773c5 msg_id:long ping_id:long = Pong;
//! ");
//! let layouts = Layouts::of(&checked.schema)?;
//! let dynamic = Dynamic::new(&layouts);
//! let target = Target::parse(&layouts, "Pong", false).map_err(|e| e.to_string())?;
//! let bytes = [0xc5, 0x73, 0x77, 0x34, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0];
//! let text = dynamic.decode_to_string(&target, &bytes, Style::Compact).map_err(|e| e.to_string())?;
//! assert_eq!(text, r#"{"_":"pong","msg_id":1,"ping_id":2}"#);
//! let json = dynamic.read_json(text.as_bytes())?;
//! assert_eq!(dynamic.encode_json(&target, json).map_err(|e| e.to_string())?, bytes);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::json::{Codec, Definition, Entry, Layouts, Presence, WireField};
use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::io::Write as _;
use tl_parser::Kind;
use tl_runtime::json::{
    self as rt, Codec as _, Form, Json, JsonObject, Path,
    serde_json::{Map, Value},
};
use tl_runtime::{DecodeError, Deserialize as _, Limits, RawObject, Reader, wire};

/// What the bytes hold.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Target {
    /// A value of a type: boxed (`Updates`, `Vector<long>`), bare (`%Message`,
    /// `vector<long>`), or a builtin (`int`, `Bool`, `Object`).
    Value(Codec),
    /// A value of the constructor named so, boxed: its id first, which must be
    /// that constructor's (`updateShort`).
    Constructor(String),
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
    /// only constructor of `T`, or a constructor name for a value of that
    /// constructor alone, its id first ([`Target::Constructor`]). With `bare`,
    /// the value has no id: a constructor name stands for its body, a type for
    /// the body of its only constructor, and `Vector` for `vector`. Inside a
    /// vector a constructor name is the bare type, as in a schema
    /// (`vector<future_salt>`).
    ///
    /// # Errors
    /// A name the schema does not define (with the names it likely stands
    /// for), a function's name, a bare type with several constructors, or text
    /// that is not a type.
    pub fn parse(layouts: &Layouts, text: &str, bare: bool) -> Result<Target, TargetError> {
        let text = text.trim();
        match parse_type(layouts, text, bare, 0)? {
            // Only a constructor's own name gives `Bare` without `bare` or `%`.
            // Its id is read and checked, rather than left out: bytes that
            // start with it (what a constructor's value usually is) then read
            // as they are, and bytes without it fail at the first word
            // instead of being read from the wrong place.
            Codec::Bare(name) if !bare && name == text => Ok(Target::Constructor(name)),
            codec => Ok(Target::Value(codec)),
        }
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
            None => format!(
                "the schema has no function `{name}`{}",
                did_you_mean(&tl_parser::closest_names(
                    name,
                    names_of(layouts, Kind::Function),
                    SUGGESTIONS
                ))
            ),
        };
        Err(TargetError(message))
    }
}

/// How many names an unknown name's error suggests, at most.
const SUGGESTIONS: usize = 3;

/// The builtin types `--type` takes, by name (`Bool` is one when the schema
/// uses the standard one, [`Layouts::is_bool`]).
const BUILTINS: &[(&str, Codec)] = &[
    ("int", Codec::Int),
    ("int32", Codec::Int),
    ("#", Codec::Nat),
    ("int53", Codec::Int53),
    ("long", Codec::Long),
    ("int64", Codec::Long),
    ("double", Codec::Double),
    ("string", Codec::Str),
    ("secureString", Codec::Str),
    ("bytes", Codec::Bytes),
    ("secureBytes", Codec::Bytes),
    ("int128", Codec::Fixed(16)),
    ("int256", Codec::Fixed(32)),
    ("Object", Codec::Raw),
];

/// The names of the schema's definitions of `kind` (constructors or
/// functions), in schema order.
fn names_of(layouts: &Layouts, kind: Kind) -> impl Iterator<Item = &str> {
    layouts
        .definitions()
        .iter()
        .filter(move |def| (def.kind == Kind::Function) == (kind == Kind::Function))
        .map(|def| def.name.as_str())
}

/// `names` as the end of an error: "; did you mean `a`, `b` or `c`?", or
/// nothing when there are none.
fn did_you_mean(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => format!("; did you mean {last}?"),
        Some((last, rest)) => format!("; did you mean {} or {last}?", rest.join(", ")),
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
    if let Some((_, codec)) = BUILTINS.iter().find(|(name, _)| *name == text) {
        return Ok(codec.clone());
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
    // Bare here; at the top, `Target::parse` reads it with its id unless `bare`.
    if layouts.constructor(name).is_some() {
        return Ok(Codec::Bare(name.to_owned()));
    }
    if layouts.function(name).is_some() {
        return Err(TargetError(format!(
            "`{name}` is a function: use --function {name}"
        )));
    }
    let builtins = BUILTINS.iter().map(|(name, _)| *name);
    let bool_type = layouts.is_bool("Bool").then_some("Bool");
    let candidates = builtins
        .chain(bool_type)
        .chain(layouts.type_names())
        .chain(names_of(layouts, Kind::Constructor));
    Err(TargetError(format!(
        "the schema defines no type or constructor `{text}`{}",
        did_you_mean(&tl_parser::closest_names(name, candidates, SUGGESTIONS))
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

/// How [`Dynamic::decode_to_string`] prints a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Style {
    /// JSON on one line, as `serde_json::to_string` writes the generated types.
    Compact,
    /// JSON indented by two spaces, as `serde_json::to_string_pretty` writes it.
    Indented,
    /// A tree with the TL name and id of every object (`nearestDc#8e1a1775 :
    /// NearestDc`), one key per line, for reading.
    Tree,
}

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

    /// Other limits: the depth of nested objects and vectors, for both
    /// directions, at most [`MAX_DEPTH`](rt::MAX_DEPTH) (127, lowered to it
    /// otherwise), so that whatever one direction accepts the other reads back.
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = Limits {
            max_depth: limits.max_depth.min(rt::MAX_DEPTH),
        };
        self
    }

    /// Decodes `bytes`, which must hold exactly one value of `target`, into the
    /// lossless JSON form (through [`decode_to_string`](Self::decode_to_string)).
    ///
    /// # Errors
    /// Bytes that are not such a value, with the offset and TL path.
    pub fn decode(&self, target: &Target, bytes: &[u8]) -> Result<Value, DecodeFailure> {
        let text = self.decode_to_string(target, bytes, Style::Compact)?;
        rt::serde_json::from_str(&text).map_err(|e| DecodeFailure {
            offset: bytes.len(),
            path: String::new(),
            message: format!("internal error: tlgen decode wrote JSON it cannot read ({e})"),
        })
    }

    /// Decodes `bytes`, which must hold exactly one value of `target`, into
    /// text in `style`: the lossless JSON form with every object's keys in the
    /// schema's order (`"_"` first), as the generated serde code writes them,
    /// or the tree of [`Style::Tree`].
    ///
    /// The text is written as the bytes are read, so that memory is the text
    /// itself (and a copy of one object's keys while they are put in order); a
    /// value that takes no bytes on the wire (an item of `vector<%True>`)
    /// counts as one byte of the input, so the input's length bounds how many
    /// values the text can hold.
    ///
    /// # Errors
    /// Bytes that are not such a value, with the offset and TL path.
    pub fn decode_to_string(
        &self,
        target: &Target,
        bytes: &[u8],
        style: Style,
    ) -> Result<String, DecodeFailure> {
        let mut d = Decoder {
            dynamic: self,
            reader: Reader::with_limits(bytes, self.limits),
            path: Vec::new(),
            style,
            out: Vec::new(),
            scratch: Vec::new(),
            keys: Vec::new(),
            weightless: bytes.len(),
            min_lens: BTreeMap::new(),
        };
        match target {
            Target::Value(codec) => d.value(codec)?,
            Target::Constructor(name) | Target::Function(name) => {
                let (def, what, without_id) = match target {
                    Target::Constructor(_) => (
                        self.layouts.constructor(name),
                        "constructor",
                        // Its bare value starts with its first field instead.
                        "if the value starts without its id, add --bare",
                    ),
                    _ => (self.layouts.function(name), "function", ""),
                };
                let Some(def) = def else {
                    return Err(d.fail(0, format!("the schema has no {what} `{name}`")));
                };
                let offset = d.reader.position();
                let id = d.read(Reader::read_u32)?;
                if id != def.id {
                    return Err(d.unknown(offset, id, &format!("{what} {name}"), without_id));
                }
                d.object(def)?;
            }
        }
        d.reader.finish().map_err(|e| d.wrap(e))?;
        String::from_utf8(d.out).map_err(|e| DecodeFailure {
            offset: bytes.len(),
            path: String::new(),
            message: format!("internal error: tlgen decode wrote invalid UTF-8 ({e})"),
        })
    }

    /// Reads JSON text into the tree [`encode_json`](Self::encode_json) takes,
    /// under this decoder's limits: nesting counted and bounded, keys unique
    /// (see `tl_runtime::json::Json::read`).
    ///
    /// # Errors
    /// Text that is not JSON, nesting past the limit, a key given twice, with
    /// the JSON path and the line and column.
    pub fn read_json(&self, text: &[u8]) -> Result<Json, rt::serde_json::Error> {
        let mut parser = rt::serde_json::Deserializer::from_slice(text);
        let json = Json::read(&mut parser, self.limits)?;
        parser.end()?;
        Ok(json)
    }

    /// Encodes `json`, a value of `target` in the lossless form, into TL bytes.
    ///
    /// # Errors
    /// JSON that is not such a value, or nested past the limits, with its JSON
    /// path.
    pub fn encode(&self, target: &Target, json: &Value) -> Result<Vec<u8>, rt::Error> {
        self.encode_json(target, Json::from_value(json, self.limits)?)
    }

    /// Encodes `json` (from [`read_json`](Self::read_json)), a value of
    /// `target` in the lossless form, into TL bytes.
    ///
    /// # Errors
    /// JSON that is not such a value, with its JSON path.
    pub fn encode_json(&self, target: &Target, json: Json) -> Result<Vec<u8>, rt::Error> {
        let mut e = Encoder {
            dynamic: self,
            out: Vec::new(),
            depth: 0,
        };
        let root = Path::root();
        match target {
            Target::Value(codec) => e.value(codec, json, &root)?,
            Target::Constructor(name) | Target::Function(name) => {
                let (def, what) = match target {
                    Target::Constructor(_) => (self.layouts.constructor(name), "constructor"),
                    _ => (self.layouts.function(name), "function"),
                };
                let Some(def) = def else {
                    return Err(rt::Error::new(
                        &root,
                        format!("the schema has no {what} `{name}`"),
                    ));
                };
                // A tag, if given, must name it (`tl_runtime::json::Reader::new`).
                let entries = object(json, &root)?;
                wire::write_u32(def.id, &mut e.out);
                e.body(def, entries, &root)?;
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
    /// tag itself left out), then any others in `map`'s order.
    fn ordered_keys<'m>(&self, map: &'m Map<String, Value>) -> Vec<&'m str> {
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
        keys
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
                let keys = self.dynamic.ordered_keys(map);
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

// ------------------------------------------------------------------ decoding

/// One step of a TL path.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Reads TL bytes and writes their text as it goes.
///
/// Fields arrive in wire order, but keys are written in the order of the
/// definition's entries (a group of fields sharing a bit comes first, at its
/// first field's place): each key is written where it arrives and recorded in
/// `keys`, and when an object ends with its keys out of order, its keys are
/// copied to `scratch` and written back in order. Every key but the tag is
/// preceded by its separator (the tag always comes first), so keys move whole.
struct Decoder<'a, 'b> {
    dynamic: &'a Dynamic<'a>,
    reader: Reader<'b>,
    path: Vec<Step<'a>>,
    style: Style,
    out: Vec<u8>,
    scratch: Vec<u8>,
    /// The keys written in the objects being decoded, innermost last: (entry
    /// index, start, end) in `out`.
    keys: Vec<(usize, usize, usize)>,
    /// How many more values that take no bytes may be decoded.
    weightless: usize,
    /// The fewest bytes of each bare constructor worked out so far.
    min_lens: BTreeMap<&'a str, usize>,
}

/// Writes `value` with the runtime codec `C`, as the generated code writes it.
fn write<C: rt::Codec>(value: &C::Value, out: &mut Vec<u8>) -> Result<(), String> {
    let mut serializer = rt::serde_json::Serializer::new(out);
    C::write(value, Form::Tl, &mut serializer)
        .map(|_| ())
        .map_err(|e| e.to_string())
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

impl<'a, 'b> Decoder<'a, 'b> {
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

    /// Reads with `f`, naming the path on failure.
    fn read<T>(
        &mut self,
        f: impl FnOnce(&mut Reader<'b>) -> Result<T, DecodeError>,
    ) -> Result<T, DecodeFailure> {
        f(&mut self.reader).map_err(|e| self.wrap(e))
    }

    /// An unknown constructor `id` at `offset` where `expected` was wanted
    /// (`type Updates`, `function help.getConfig`, `a function's request`):
    /// what the id is, if a schema knows it, else `if_unknown` (when not
    /// empty). At the top, what the id is says which `--type` or
    /// `--function` reads these bytes; deeper, the bytes are wrong whatever
    /// the target.
    fn unknown(&self, offset: usize, id: u32, expected: &str, if_unknown: &str) -> DecodeFailure {
        let layouts = self.dynamic.layouts;
        let mut message =
            format!("unknown constructor id {id:#010x} at byte {offset} for {expected}");
        let top = self.path.is_empty();
        if let Some(def) = layouts
            .constructor_by_id(id)
            .or_else(|| layouts.function_by_id(id))
        {
            let _ = match def.kind {
                Kind::Function if top => write!(
                    message,
                    " (it is function `{name}`: use --function {name})",
                    name = def.name
                ),
                Kind::Function => write!(message, " (it is function `{}`)", def.name),
                _ if top => write!(
                    message,
                    " (it is `{}`, of type {ty}: use --type {ty})",
                    def.name,
                    ty = def.type_name
                ),
                _ => write!(
                    message,
                    " (it is `{}`, of type {})",
                    def.name, def.type_name
                ),
            };
        } else if let Some(elsewhere) = self.dynamic.known_elsewhere(id) {
            let _ = write!(message, " (it is {elsewhere})");
        } else if !if_unknown.is_empty() {
            let _ = write!(message, " ({if_unknown})");
        }
        self.fail(offset, message)
    }

    /// Writes `value` with codec `C`.
    fn scalar<C: rt::Codec>(&mut self, value: &C::Value) -> Result<(), DecodeFailure> {
        write::<C>(value, &mut self.out).map_err(|e| self.fail(self.reader.position(), e))
    }

    /// A line break and the indentation of what sits `depth` levels down.
    fn newline(&mut self, depth: usize) {
        self.out.push(b'\n');
        self.out.resize(self.out.len() + 2 * depth, b' ');
    }

    /// `text` as a JSON string.
    fn string(&mut self, text: &str) -> Result<(), DecodeFailure> {
        self.scalar::<rt::Str>(&text.to_owned())
    }

    fn value(&mut self, codec: &'a Codec) -> Result<(), DecodeFailure> {
        match codec {
            Codec::Vector { boxed, item } => self.vector(*boxed, item),
            Codec::Boxed(type_name) => self.boxed(type_name),
            Codec::Bare(name) => {
                let Some(def) = self.dynamic.layouts.constructor(name) else {
                    let at = self.reader.position();
                    return Err(self.fail(at, format!("the schema has no constructor `{name}`")));
                };
                self.object(def)
            }
            Codec::Param { function } => self.any(*function),
            scalar => self.scalar_value(scalar),
        }
    }

    /// A value that holds no other: in a function of its own, so that the
    /// frames of the recursion through objects and vectors stay small.
    #[inline(never)]
    fn scalar_value(&mut self, codec: &Codec) -> Result<(), DecodeFailure> {
        match codec {
            Codec::Int => {
                let v = self.read(Reader::read_i32)?;
                self.scalar::<rt::Int>(&v)
            }
            Codec::Nat => {
                let v = self.read(Reader::read_u32)?;
                self.scalar::<rt::Nat>(&v)
            }
            Codec::Int53 => {
                let v = self.read(Reader::read_i64)?;
                self.scalar::<rt::Int53>(&v)
            }
            Codec::Long => {
                let v = self.read(Reader::read_i64)?;
                self.scalar::<rt::Long>(&v)
            }
            Codec::Double => {
                let v = self.read(Reader::read_f64)?;
                self.scalar::<rt::Double>(&v)
            }
            Codec::Bool => {
                let v = self.read(Reader::read_bool)?;
                self.scalar::<rt::Bool>(&v)
            }
            Codec::Str => {
                let v = self.read(Reader::read_string)?;
                self.scalar::<rt::Str>(&v)
            }
            Codec::Bytes => {
                let v = self.read(Reader::read_bytes)?;
                self.scalar::<rt::Bytes>(&v)
            }
            Codec::Raw => {
                let v = self.read(RawObject::deserialize)?;
                self.scalar::<rt::Raw>(&v)
            }
            Codec::Fixed(len) => {
                with_fixed_len!(*len, N => {
                    let v = self.read(Reader::read_array::<N>)?;
                    self.scalar::<rt::Fixed<N>>(&v)
                },
                Err(self.fail(self.reader.position(), format!("tlgen cannot read {len}-byte numbers"))))
            }
            _ => Err(self.fail(
                self.reader.position(),
                "internal error: not a scalar".to_owned(),
            )),
        }
    }

    /// The fewest bytes a value of `codec` takes (bounds vector counts), each
    /// bare constructor's worked out once: schemas are input too, and bare
    /// types of many bare fields each would take exponential time otherwise.
    fn min_len(&mut self, codec: &'a Codec, depth: usize) -> usize {
        match codec {
            Codec::Long | Codec::Int53 | Codec::Double => 8,
            Codec::Fixed(n) => *n,
            Codec::Vector { boxed: true, .. } => 8,
            Codec::Bare(name) => {
                if let Some(&len) = self.min_lens.get(name.as_str()) {
                    return len;
                }
                // A bare type inside itself (it is marked as taking nothing
                // while it is worked out), or nested deeper than this, counts
                // as nothing: the bound only loosens.
                if depth > 64 {
                    return 0;
                }
                let Some(def) = self.dynamic.layouts.constructor(name) else {
                    return 0;
                };
                self.min_lens.insert(name, 0);
                let mut len = 0_usize;
                for field in &def.wire {
                    len = len.saturating_add(match field {
                        WireField::Value {
                            codec,
                            condition: None,
                        } => self.min_len(codec, depth + 1),
                        WireField::Value { .. } | WireField::Nothing => 0,
                        _ => 4,
                    });
                }
                self.min_lens.insert(name, len);
                len
            }
            _ => 4,
        }
    }

    /// A vector: one level of nesting, as in the generated decoder.
    fn vector(&mut self, boxed: bool, item: &'a Codec) -> Result<(), DecodeFailure> {
        if boxed {
            self.read(|r| r.expect_constructor(wire::VECTOR_ID, "Vector"))?;
        }
        self.read(Reader::enter)?;
        let result = self.items(item);
        self.reader.leave();
        result
    }

    fn items(&mut self, item: &'a Codec) -> Result<(), DecodeFailure> {
        let offset = self.reader.position();
        let min = self.min_len(item, 0);
        let count = self.read(|r| r.read_count(min))?;
        if min == 0 {
            self.weightless = self.weightless.checked_sub(count).ok_or_else(|| {
                self.fail(
                    offset,
                    format!(
                        "a vector of {count} items that take no bytes, at byte {offset}: the input's {} bytes allow {} more such items (each counts as one byte)",
                        self.reader.position() + self.reader.remaining(),
                        self.weightless
                    ),
                )
            })?;
        }
        let depth = self.reader.depth();
        match self.style {
            Style::Compact | Style::Indented => self.out.push(b'['),
            Style::Tree => {
                let _ = write!(self.out, "[{count}]");
            }
        }
        for i in 0..count {
            match self.style {
                Style::Compact if i > 0 => self.out.push(b','),
                Style::Compact => {}
                Style::Indented => {
                    if i > 0 {
                        self.out.push(b',');
                    }
                    self.newline(depth);
                }
                Style::Tree => {
                    self.newline(depth);
                    let _ = write!(self.out, "[{i}] ");
                }
            }
            self.path.push(Step::Index(i));
            self.value(item)?;
            self.path.pop();
        }
        match self.style {
            Style::Compact => self.out.push(b']'),
            Style::Indented => {
                if count > 0 {
                    self.newline(depth.saturating_sub(1));
                }
                self.out.push(b']');
            }
            Style::Tree => {}
        }
        Ok(())
    }

    fn boxed(&mut self, type_name: &str) -> Result<(), DecodeFailure> {
        let offset = self.reader.position();
        let id = self.read(Reader::read_u32)?;
        let def = self
            .dynamic
            .layouts
            .constructor_by_id(id)
            .filter(|def| def.type_name == type_name);
        match def {
            Some(def) => self.object(def),
            None => Err(self.unknown(offset, id, &format!("type {type_name}"), "")),
        }
    }

    /// A `!X` (any function) or `X` (any boxed value).
    fn any(&mut self, function: bool) -> Result<(), DecodeFailure> {
        let offset = self.reader.position();
        let id = self.read(Reader::read_u32)?;
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
                "",
            )),
        }
    }

    /// The body of `def`, one level deeper.
    fn object(&mut self, def: &'a Definition) -> Result<(), DecodeFailure> {
        self.read(Reader::enter)?;
        let result = self.body(def);
        self.reader.leave();
        result
    }

    fn body(&mut self, def: &'a Definition) -> Result<(), DecodeFailure> {
        let depth = self.reader.depth();
        match self.style {
            Style::Compact => {
                self.out.extend_from_slice(b"{\"_\":");
                self.string(&def.name)?;
            }
            Style::Indented => {
                self.out.push(b'{');
                self.newline(depth);
                self.out.extend_from_slice(b"\"_\": ");
                self.string(&def.name)?;
            }
            Style::Tree => {
                let _ = write!(self.out, "{}#{:08x}", def.name, def.id);
                if def.kind == Kind::Constructor {
                    let _ = write!(self.out, " : {}", def.type_name);
                }
            }
        }
        let first_key = self.keys.len();
        let result = self.fields(def, depth);
        if result.is_ok() {
            self.order_keys(first_key);
        }
        self.keys.truncate(first_key);
        result?;
        match self.style {
            Style::Compact => self.out.push(b'}'),
            Style::Indented => {
                self.newline(depth.saturating_sub(1));
                self.out.push(b'}');
            }
            Style::Tree => {}
        }
        Ok(())
    }

    /// Starts the key of entry `entry` of `def`, at `depth`.
    fn key(&mut self, def: &Definition, entry: usize, depth: usize) -> Result<(), DecodeFailure> {
        let key = def.entries.get(entry).map_or("", |e| e.key.as_str());
        let start = self.out.len();
        self.keys.push((entry, start, start));
        match self.style {
            Style::Compact => {
                self.out.push(b',');
                self.string(key)?;
                self.out.push(b':');
            }
            Style::Indented => {
                self.out.push(b',');
                self.newline(depth);
                self.string(key)?;
                self.out.extend_from_slice(b": ");
            }
            Style::Tree => {
                self.newline(depth);
                self.out.extend_from_slice(key.as_bytes());
                self.out.extend_from_slice(b": ");
            }
        }
        Ok(())
    }

    /// Ends the key started last.
    fn end_key(&mut self) {
        let end = self.out.len();
        if let Some(last) = self.keys.last_mut() {
            last.2 = end;
        }
    }

    /// Puts the keys of the object whose first key is `keys[first]` in the
    /// order of its entries.
    fn order_keys(&mut self, first: usize) {
        let Some(keys) = self.keys.get_mut(first..) else {
            return;
        };
        if keys.windows(2).all(|pair| pair[0].0 < pair[1].0) {
            return;
        }
        let Some(&(_, start, _)) = keys.first() else {
            return;
        };
        self.scratch.clear();
        self.scratch
            .extend_from_slice(self.out.get(start..).unwrap_or_default());
        self.out.truncate(start);
        keys.sort_unstable_by_key(|&(entry, _, _)| entry);
        for &(_, from, to) in keys.iter() {
            let text = self
                .scratch
                .get(from.saturating_sub(start)..to.saturating_sub(start))
                .unwrap_or_default();
            self.out.extend_from_slice(text);
        }
    }

    fn fields(&mut self, def: &'a Definition, depth: usize) -> Result<(), DecodeFailure> {
        // The flags words read so far: (TL field, word).
        let mut words: Vec<(usize, u32)> = Vec::new();
        let is_set = |words: &[(usize, u32)], bit: crate::json::Bit| {
            words
                .iter()
                .any(|&(field, word)| field == bit.flags_field && word >> bit.bit & 1 == 1)
        };
        let mut length: Option<(usize, i32)> = None;
        for (index, field) in def.wire.iter().enumerate() {
            let entry = def.entry_of(index);
            let step = match (field, entry) {
                (_, Some((_, entry))) => entry.key.as_str(),
                (WireField::FlagsWord { key }, None) => key.as_str(),
                (WireField::ObjectLength { object }, None) => {
                    def.entry_of(*object).map_or("", |(_, e)| e.key.as_str())
                }
                _ => "",
            };
            self.path.push(Step::Key(step));
            match (field, entry) {
                (WireField::FlagsWord { .. }, _) => {
                    let word = self.read(Reader::read_u32)?;
                    words.push((index, word));
                }
                (WireField::Value { codec, condition }, Some((entry, _)))
                    if condition.is_none_or(|bit| is_set(&words, bit)) =>
                {
                    self.key(def, entry, depth)?;
                    self.value(codec)?;
                    self.end_key();
                }
                // Its bit is clear.
                (WireField::Value { .. }, Some(_)) => {}
                (WireField::Nothing, Some((entry, e))) => {
                    if let Presence::Flag(bit) | Presence::Implied(bit) = e.presence
                        && is_set(&words, bit)
                    {
                        self.key(def, entry, depth)?;
                        self.out.extend_from_slice(b"true");
                        self.end_key();
                    }
                }
                (WireField::ObjectLength { .. }, _) => {
                    let offset = self.reader.position();
                    length = Some((offset, self.read(Reader::read_i32)?));
                }
                (WireField::SizedObject { .. }, Some((entry, _))) => {
                    let object = self.sized_object(length)?;
                    self.key(def, entry, depth)?;
                    self.scalar::<rt::Raw>(&object)?;
                    self.end_key();
                }
                (WireField::Nullable { codec }, Some((entry, _))) => {
                    if self.read(|r| r.peek_u32())? == wire::NULL_ID {
                        self.read(Reader::read_u32)?;
                    } else {
                        self.key(def, entry, depth)?;
                        self.value(codec)?;
                        self.end_key();
                    }
                }
                // `true` fields without a bit of their own hold nothing.
                (WireField::Nothing, None) => {}
                (
                    WireField::Value { .. }
                    | WireField::SizedObject { .. }
                    | WireField::Nullable { .. },
                    None,
                ) => {
                    let at = self.reader.position();
                    return Err(self.fail(at, "internal error: a field without a key".to_owned()));
                }
            }
            self.path.pop();
        }
        Ok(())
    }

    fn sized_object(&mut self, length: Option<(usize, i32)>) -> Result<RawObject, DecodeFailure> {
        let (offset, len) = length.unwrap_or((self.reader.position(), 0));
        let len = usize::try_from(len).map_err(|_| {
            self.fail(
                offset,
                format!("negative object length {len} at byte {offset}"),
            )
        })?;
        self.read(|r| RawObject::read_with_len(r, len))
    }
}

// ------------------------------------------------------------------ encoding

struct Encoder<'a> {
    dynamic: &'a Dynamic<'a>,
    out: Vec<u8>,
    /// Objects and vectors open.
    depth: usize,
}

fn expected(path: &Path<'_>, what: &str, found: &Json) -> rt::Error {
    rt::Error::new(path, format!("expected {what}, found {}", found.kind()))
}

impl Encoder<'_> {
    /// One level deeper (an object's body or a vector).
    fn enter(&mut self, path: &Path<'_>) -> Result<(), rt::Error> {
        let limit = self.dynamic.limits.max_depth;
        if self.depth >= limit {
            return Err(rt::Error::new(
                path,
                format!("nested deeper than the limit of {limit} levels"),
            ));
        }
        self.depth += 1;
        Ok(())
    }

    fn value(&mut self, codec: &Codec, json: Json, path: &Path<'_>) -> Result<(), rt::Error> {
        match codec {
            Codec::Vector { boxed, item } => {
                let Json::Array(items) = json else {
                    return Err(expected(path, "an array", &json));
                };
                let count = u32::try_from(items.len())
                    .map_err(|_| rt::Error::new(path, "more items than a TL vector holds"))?;
                self.enter(path)?;
                if *boxed {
                    wire::write_u32(wire::VECTOR_ID, &mut self.out);
                }
                wire::write_u32(count, &mut self.out);
                for (i, item_json) in items.into_vec().into_iter().enumerate() {
                    self.value(item, item_json, &path.index(i))?;
                }
                self.depth -= 1;
            }
            Codec::Boxed(type_name) => {
                let entries = object(json, path)?;
                let tag = rt::read_tag(&entries, Form::Tl, type_name, path)?;
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
                let entries = object(json, path)?;
                // The TL type, in messages: any function's request, any boxed value.
                let what = if *function { "!X" } else { "X" };
                let tag = rt::read_tag(&entries, Form::Tl, what, path)?;
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
            scalar => self.scalar(scalar, json, path)?,
        }
        Ok(())
    }

    /// A value that holds no other: in a function of its own, so that the
    /// frames of the recursion through objects and vectors stay small.
    #[inline(never)]
    fn scalar(&mut self, codec: &Codec, json: Json, path: &Path<'_>) -> Result<(), rt::Error> {
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
            _ => return Err(rt::Error::new(path, "internal error: not a scalar")),
        }
        Ok(())
    }

    /// The body of `def`, one level deeper.
    fn body(
        &mut self,
        def: &Definition,
        entries: JsonObject,
        path: &Path<'_>,
    ) -> Result<(), rt::Error> {
        self.enter(path)?;
        self.fields(def, entries, path)?;
        self.depth -= 1;
        Ok(())
    }

    fn fields(
        &mut self,
        def: &Definition,
        entries: JsonObject,
        path: &Path<'_>,
    ) -> Result<(), rt::Error> {
        let (mut values, words) = read_fields(def, entries, path)?;
        let key_of = |index: usize| def.entry_of(index).map_or("", |(_, e)| e.key.as_str());
        let mut sized: Option<Vec<u8>> = None;
        for (index, field) in def.wire.iter().enumerate() {
            let value = values.get_mut(index).and_then(Option::take);
            match field {
                WireField::FlagsWord { .. } => {
                    wire::write_u32(words.get(index).copied().unwrap_or(0), &mut self.out);
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
                        .unwrap_or(Json::Null);
                    let bytes = sized_object(object_json, &path.key(key_of(*object)))?;
                    wire::write_int(bytes.len() as i32, &mut self.out);
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

/// The bytes of a sized `Object` (mtproto's transport `message`), whose length
/// must fit its `int`.
fn sized_object(json: Json, path: &Path<'_>) -> Result<Vec<u8>, rt::Error> {
    let bytes = rt::Raw::read(json, Form::Tl, path)?.into_bytes();
    if i32::try_from(bytes.len()).is_err() {
        return Err(rt::Error::new(
            path,
            "an object too long for its length field",
        ));
    }
    Ok(bytes)
}

/// Takes the entries of an object of `def` apart: the JSON value of each TL
/// field (by index), and each flags word (0 for other fields), as the
/// runtime's `Reader` decides them. Apart from the writing, so that the
/// recursion through nested values does not carry its frame.
fn read_fields(
    def: &Definition,
    entries: JsonObject,
    path: &Path<'_>,
) -> Result<(Vec<Option<Json>>, Vec<u32>), rt::Error> {
    let mut r = rt::Reader::new(entries, Form::Tl, &def.name, def.id, path)?;
    let mut values: Vec<Option<Json>> = vec![None; def.wire.len()];
    let mut bits_read: Vec<crate::json::Bit> = Vec::new();
    for entry in &def.entries {
        let Entry {
            key,
            field,
            presence,
            ..
        } = entry;
        match *presence {
            Presence::Required => put(&mut values, *field, r.take_required(key)?),
            Presence::Nullable => {
                if let Some(value) = r.take(key) {
                    put(&mut values, *field, value);
                }
            }
            Presence::Optional(bit) => {
                if r.bit(def.word_key(bit), bit.bit, &[], &[key])? {
                    put(&mut values, *field, r.take_required(key)?);
                }
            }
            Presence::Flag(bit) | Presence::Grouped(bit) | Presence::Implied(bit) => {
                if bits_read.contains(&bit) {
                    continue;
                }
                bits_read.push(bit);
                let on_bit = || def.entries.iter().filter(|e| e.presence.bit() == Some(bit));
                let flags: Vec<&str> = on_bit()
                    .filter(|e| matches!(e.presence, Presence::Flag(_) | Presence::Implied(_)))
                    .map(|e| e.key.as_str())
                    .collect();
                let group: Vec<&Entry> = on_bit()
                    .filter(|e| matches!(e.presence, Presence::Grouped(_)))
                    .collect();
                let keys: Vec<&str> = group.iter().map(|e| e.key.as_str()).collect();
                if r.bit(def.word_key(bit), bit.bit, &flags, &keys)? {
                    for member in group {
                        put(&mut values, member.field, r.take_required(&member.key)?);
                    }
                }
            }
        }
    }
    let words: Vec<u32> = def
        .wire
        .iter()
        .map(|w| match w {
            WireField::FlagsWord { key } => r.word(key),
            _ => 0,
        })
        .collect();
    r.finish()?;
    Ok((values, words))
}

/// Keeps `value` for TL field `field`.
fn put(values: &mut [Option<Json>], field: usize, value: Json) {
    if let Some(slot) = values.get_mut(field) {
        *slot = Some(value);
    }
}

fn object(json: Json, path: &Path<'_>) -> Result<JsonObject, rt::Error> {
    match json {
        Json::Object(entries) => Ok(entries),
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
