//! [`Json`]: a JSON document as this module's readers take it. Every reader
//! (generated serde code, `tlgen encode`) reads its input into a `Json` first,
//! through one serde visitor that enforces what serde_json's own `Value` does not:
//!
//! - **nesting**: every object and every array is one level, as every
//!   constructor body and every vector is one level of TL; past
//!   [`Limits::max_depth`] (and never past [`MAX_DEPTH`]) reading stops with an
//!   error before going deeper, so no input can exhaust the stack;
//! - **unique keys**: a key given twice in one object is an error naming the key
//!   and the object's JSON path (serde_json's `Value` keeps the last silently);
//! - **compact**: a value is 24 bytes, strings and arrays are allocated to
//!   their exact length, and objects are arrays of entries, so the tree of any
//!   input takes at most 12 bytes per byte of JSON text once read, 24 while an
//!   array grows (one-digit numbers: 2 bytes of text for a 24-byte value),
//!   where serde_json's `Value` of small objects takes tens of times more.

use std::fmt;

use serde::Deserializer;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Number, Value};

use super::{Error, Path};
use crate::Limits;

/// The deepest nesting any JSON reader of this module accepts, whatever
/// [`Limits::max_depth`] says: serde_json's parser refuses a 128th level of its
/// own, so a deeper limit would let a writer produce JSON no reader can take back.
pub const MAX_DEPTH: usize = 127;

/// A JSON value read with [`Json::read`] or [`Json::from_value`]: nesting
/// bounded, no key twice in an object, and compact: a value is 24 bytes,
/// strings and arrays take their exact length, an object is an array of
/// entries (see [the limits](crate::json#limits)).
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(Box<str>),
    /// An array.
    Array(Box<[Json]>),
    /// An object.
    Object(JsonObject),
}

/// The entries of a JSON object, in the order given, no key twice.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JsonObject(Box<[(Box<str>, Json)]>);

impl JsonObject {
    /// The number of entries.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no entries.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value of `key`.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.0.iter().find(|(k, _)| &**k == key).map(|(_, v)| v)
    }

    /// The entries, in the order given.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Json)> {
        self.0.iter().map(|(k, v)| (&**k, v))
    }

    /// The entries, to take them apart.
    #[must_use]
    pub fn into_entries(self) -> Vec<(Box<str>, Json)> {
        self.0.into_vec()
    }

    /// An object of `entries`, whose keys are known to be unique.
    pub(super) fn from_unique(entries: Vec<(Box<str>, Json)>) -> JsonObject {
        JsonObject(entries.into_boxed_slice())
    }

    /// An object of `entries`.
    ///
    /// # Errors
    /// The first key given twice.
    pub fn from_entries(entries: Vec<(Box<str>, Json)>) -> Result<JsonObject, Box<str>> {
        match first_repeated(&entries) {
            Some(key) => Err(key.into()),
            None => Ok(JsonObject(entries.into_boxed_slice())),
        }
    }
}

/// The key of `entries` whose second occurrence comes first, if any key repeats.
fn first_repeated(entries: &[(Box<str>, Json)]) -> Option<&str> {
    // A quadratic scan allocates nothing, and objects of TL values are small.
    if entries.len() <= 32 {
        return entries
            .iter()
            .enumerate()
            .find(|(i, (key, _))| entries.iter().take(*i).any(|(k, _)| k == key))
            .map(|(_, (key, _))| &**key);
    }
    let key = |i: u32| entries.get(i as usize).map_or("", |(k, _)| &**k);
    let mut order: Vec<u32> = (0..entries.len() as u32).collect();
    order.sort_by(|&a, &b| key(a).cmp(key(b)).then(a.cmp(&b)));
    order
        .windows(2)
        .filter(|pair| key(pair[0]) == key(pair[1]))
        .map(|pair| pair[1])
        .min()
        .map(key)
}

impl Json {
    /// Reads one JSON value from `d`, counting every object and array as a level
    /// and refusing one past `limits.max_depth` (at most [`MAX_DEPTH`]) and any key
    /// given twice, with the JSON path in the error.
    ///
    /// # Errors
    /// The deserializer's errors, and those, as its custom errors.
    pub fn read<'de, D: Deserializer<'de>>(d: D, limits: Limits) -> Result<Json, D::Error> {
        Seed {
            path: &Path::root(),
            depth: 1,
            max_depth: limits.max_depth.min(MAX_DEPTH),
        }
        .deserialize(d)
    }

    /// `value` as a `Json`, with the nesting limit of [`read`](Self::read).
    ///
    /// # Errors
    /// Nesting deeper than the limit, or a number that is not finite.
    pub fn from_value(value: &Value, limits: Limits) -> Result<Json, Error> {
        convert(value, &Path::root(), 1, limits.max_depth.min(MAX_DEPTH))
    }

    /// A short name of the kind of value, for errors (`a string`).
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// Whether it is `null`.
    #[must_use]
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }
}

fn too_deep(path: &Path<'_>, max_depth: usize) -> Error {
    Error::new(
        path,
        format!("nested deeper than the limit of {max_depth} levels"),
    )
}

fn convert(value: &Value, path: &Path<'_>, depth: usize, max_depth: usize) -> Result<Json, Error> {
    Ok(match value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => Json::Number(n.clone()),
        Value::String(s) => Json::String(s.as_str().into()),
        Value::Array(items) => {
            if depth > max_depth {
                return Err(too_deep(path, max_depth));
            }
            let items: Result<Vec<Json>, Error> = items
                .iter()
                .enumerate()
                .map(|(i, item)| convert(item, &path.index(i), depth + 1, max_depth))
                .collect();
            Json::Array(items?.into_boxed_slice())
        }
        Value::Object(map) => {
            if depth > max_depth {
                return Err(too_deep(path, max_depth));
            }
            let entries: Result<Vec<(Box<str>, Json)>, Error> = map
                .iter()
                .map(|(key, item)| {
                    let value = convert(item, &path.key(key), depth + 1, max_depth)?;
                    Ok((key.as_str().into(), value))
                })
                .collect();
            // A `Map` has no key twice.
            Json::Object(JsonObject(entries?.into_boxed_slice()))
        }
    })
}

impl From<Json> for Value {
    fn from(json: Json) -> Value {
        match json {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(b),
            Json::Number(n) => Value::Number(n),
            Json::String(s) => Value::String(s.into_string()),
            Json::Array(items) => {
                Value::Array(items.into_vec().into_iter().map(Value::from).collect())
            }
            Json::Object(object) => Value::Object(
                object
                    .into_entries()
                    .into_iter()
                    .map(|(k, v)| (k.into_string(), Value::from(v)))
                    .collect(),
            ),
        }
    }
}

/// Longer strings are cut in errors.
const SHOWN_CHARS: usize = 64;

/// Scalars as JSON text (a string of more than 64 characters cut with `…`),
/// arrays and objects by their kind and size: what an error shows of a value.
impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => write!(f, "{b}"),
            Json::Number(n) => write!(f, "{n}"),
            Json::String(s) => {
                let shown = match s.char_indices().nth(SHOWN_CHARS) {
                    Some((at, _)) => format!("{}…", s.get(..at).unwrap_or_default()),
                    None => s.to_string(),
                };
                write!(f, "{}", Value::String(shown))
            }
            Json::Array(items) => write!(f, "an array of {} items", items.len()),
            Json::Object(object) => write!(f, "an object of {} keys", object.len()),
        }
    }
}

/// Reads one value at `path`, `depth` levels down if it is an object or array.
struct Seed<'p> {
    path: &'p Path<'p>,
    depth: usize,
    max_depth: usize,
}

impl Seed<'_> {
    fn child<'c>(&self, path: &'c Path<'c>) -> Seed<'c> {
        Seed {
            path,
            depth: self.depth + 1,
            max_depth: self.max_depth,
        }
    }

    /// Refuses to open an object or array past the limit, before reading into it.
    fn enter<E: de::Error>(&self) -> Result<(), E> {
        if self.depth > self.max_depth {
            Err(E::custom(too_deep(self.path, self.max_depth)))
        } else {
            Ok(())
        }
    }
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Json;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Json, E> {
        Number::from_f64(v)
            .map(Json::Number)
            .ok_or_else(|| E::custom(Error::new(self.path, format!("{v} is not a JSON number"))))
    }

    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.into()))
    }

    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v.into_boxed_str()))
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        self.enter()?;
        let mut items = Vec::new();
        loop {
            let path = self.path.index(items.len());
            match seq.next_element_seed(self.child(&path))? {
                Some(item) => items.push(item),
                None => break,
            }
        }
        Ok(Json::Array(items.into_boxed_slice()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        self.enter()?;
        let mut entries: Vec<(Box<str>, Json)> = Vec::new();
        while let Some(key) = map.next_key::<Box<str>>()? {
            let path = self.path.key(&key);
            let value = map.next_value_seed(self.child(&path))?;
            entries.push((key, value));
        }
        JsonObject::from_entries(entries)
            .map(Json::Object)
            .map_err(|key| {
                de::Error::custom(Error::new(
                    self.path,
                    format!("duplicate key `{key}`: give each key once"),
                ))
            })
    }
}
