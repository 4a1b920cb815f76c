//! Documentation input: [`Docs`], what Telegram's site says of each constructor,
//! type and method (descriptions, per-field descriptions, footnote links, errors),
//! in the JSON format of gotd's getdoc; and [`Coverage`], how much of a schema a
//! `Docs` describes.
//!
//! The data types are plain Rust, always compiled; reading them from JSON
//! ([`Docs::from_json`], [`Docs::read`], [`Builder::docs`](crate::Builder::docs))
//! needs the `docs` feature, which brings serde and serde_json, so that build
//! scripts that use no documentation do not compile them.

use std::collections::BTreeMap;
use std::fmt;
use tl_parser::Schema;

/// The documentation of a schema's definitions, by TL name.
///
/// Names the schema does not define are allowed (documentation is often of
/// another layer): they are left out of the generated code and reported by
/// [`Docs::coverage`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Docs {
    /// The layer the documentation describes (`index.layer`), if it says.
    pub index: Index,
    /// Constructors, by TL name (`updateShort`, `phone.groupCall`).
    pub constructors: BTreeMap<String, Definition>,
    /// Types, by TL name (`Updates`, `phone.GroupCall`).
    pub types: BTreeMap<String, Definition>,
    /// Functions, by TL name (`phone.joinGroupCall`).
    pub methods: BTreeMap<String, Definition>,
    /// Every error the documentation knows, by name (`FLOOD_PREMIUM_WAIT_%d`,
    /// with `%d` where a number goes).
    pub errors: BTreeMap<String, ErrorEntry>,
}

/// The `index` of the documentation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Index {
    /// The layer the documentation was taken at.
    pub layer: Option<i64>,
}

/// What the documentation says of one constructor, type or method.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Definition {
    /// Paragraphs. Footnote markers (`¹`, `»²`: superscript digits) refer to
    /// [`links`](Self::links) by position, from 1.
    pub description: Vec<String>,
    /// The targets of the description's footnote markers.
    pub links: Vec<String>,
    /// Fields of a constructor, parameters of a method, by TL name.
    pub fields: BTreeMap<String, FieldDoc>,
    /// The errors a method can fail with, as its page lists them.
    pub errors: Vec<ErrorEntry>,
}

/// What the documentation says of one field or parameter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct FieldDoc {
    /// One paragraph, with footnote markers like [`Definition::description`]'s.
    pub description: String,
    /// The targets of its footnote markers.
    pub links: Vec<String>,
}

/// One RPC error as documented.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ErrorEntry {
    /// The error code (400, 403, 420, ...).
    pub code: i32,
    /// The name (the JSON's `type`): `GROUPCALL_INVALID`, or a pattern with `%d`
    /// where a number goes.
    pub name: String,
    /// What it means.
    pub description: String,
}

/// Why documentation could not be read: the file, the line and column in it, and
/// what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocsError {
    /// The file (or the name given for the text).
    pub file: String,
    /// The line, from 1 (0 when the file could not be read at all).
    pub line: usize,
    /// The column, from 1 (0 when the file could not be read at all).
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for DocsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}; documentation must be JSON in gotd's getdoc format \
                 (an object with `index`, `constructors`, `types`, `methods`, `errors`)",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

impl std::error::Error for DocsError {}

#[cfg(feature = "docs")]
impl Docs {
    /// Reads documentation from JSON text; `file` names it in errors.
    ///
    /// Keys the format does not use are skipped; a key given twice in one
    /// object (`"description"` twice, two entries `"updateShort"`) is an error,
    /// never a silent choice of one.
    ///
    /// # Errors
    /// JSON that is not valid, or not of the expected shape (a string where a
    /// list is expected, an error without `code`, a key given twice): the line
    /// and column of the problem, and what it is.
    pub fn from_json(file: &str, text: &str) -> Result<Docs, DocsError> {
        // A byte order mark is not JSON, but editors write one; RFC 8259 lets a
        // reader skip it.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = serde_json::Deserializer::from_str(text);
        let docs =
            serde::de::DeserializeSeed::deserialize(json::Object::<Docs>::top(), &mut reader)
                .and_then(|docs| reader.end().map(|()| docs));
        docs.map_err(|e| {
            let message = e.to_string();
            // serde_json appends " at line L column C"; the position is given apart.
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m)
                .to_owned();
            DocsError {
                file: file.to_owned(),
                line: e.line(),
                column: e.column(),
                message,
            }
        })
    }

    /// Reads documentation from a JSON file.
    ///
    /// # Errors
    /// As [`from_json`](Self::from_json), and a file that cannot be read or is not
    /// UTF-8 (with the line and column of the first byte that is not).
    pub fn read(path: impl AsRef<std::path::Path>) -> Result<Docs, DocsError> {
        let path = path.as_ref();
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| DocsError {
            file: file.clone(),
            line: 0,
            column: 0,
            message: format!("cannot read documentation: {e}"),
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = e
                .as_bytes()
                .get(..e.utf8_error().valid_up_to())
                .unwrap_or_default();
            // Everything before the first invalid byte is text.
            let before = String::from_utf8_lossy(valid);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            DocsError {
                file: file.clone(),
                line,
                column,
                message: "the file is not UTF-8 text (JSON must be UTF-8)".to_owned(),
            }
        })?;
        Docs::from_json(&file, &text)
    }
}

impl Docs {
    /// How much of `schema` this documentation describes, and which of its
    /// entries name nothing the schema defines.
    ///
    /// Constructors, functions and types are the schema's own definitions; core
    /// lines such as `vector {t:Type} # [ t ] = Vector t;` are built-ins, not
    /// counted. Type entries describing a built-in type (`int`, `#`, `Vector
    /// t`) are listed apart ([`Coverage::builtin_types`]); other entries naming
    /// a built-in (the constructor `vector`) count as naming nothing.
    pub fn coverage(&self, schema: &Schema) -> Coverage {
        let constructors: Vec<String> = schema.constructors.iter().map(|c| c.name.full()).collect();
        let functions: Vec<String> = schema.functions.iter().map(|c| c.name.full()).collect();
        let types: Vec<String> = schema.types.iter().map(|t| t.name.full()).collect();
        let count = |names: &[String], docs: &BTreeMap<String, Definition>| {
            let documented = names.iter().filter(|n| docs.contains_key(*n)).count();
            Counts {
                documented,
                undocumented: names.len() - documented,
            }
        };
        let unknown = |names: &[String], docs: &BTreeMap<String, Definition>| {
            let names: std::collections::BTreeSet<&str> =
                names.iter().map(String::as_str).collect();
            docs.keys()
                .filter(|k| !names.contains(k.as_str()))
                .cloned()
                .collect::<Vec<String>>()
        };
        let mut unknown_fields = Vec::new();
        let combinators = schema
            .constructors
            .iter()
            .map(|c| (c, &self.constructors))
            .chain(schema.functions.iter().map(|f| (f, &self.methods)));
        for (c, docs) in combinators {
            let Some(definition) = docs.get(&c.name.full()) else {
                continue;
            };
            for field in definition.fields.keys() {
                if !c.fields.iter().any(|f| f.name == *field) {
                    unknown_fields.push(format!("{}.{field}", c.name));
                }
            }
        }
        unknown_fields.sort();
        let (builtin_types, unknown_types) = unknown(&types, &self.types)
            .into_iter()
            .partition(|name| is_builtin_type(name));
        Coverage {
            constructors: count(&constructors, &self.constructors),
            functions: count(&functions, &self.methods),
            types: count(&types, &self.types),
            unknown_constructors: unknown(&constructors, &self.constructors),
            unknown_functions: unknown(&functions, &self.methods),
            unknown_types,
            unknown_fields,
            builtin_types,
        }
    }
}

/// Whether a type entry describes a type TL has built in (`int`, `#`, `Vector
/// t`), which has no item of its own in generated code.
fn is_builtin_type(name: &str) -> bool {
    let name = name.strip_suffix(" t").unwrap_or(name);
    matches!(name, "#" | "Vector") || tl_parser::Builtin::from_tl_name(name).is_some()
}

/// A name from the documentation file as a message shows it: escaped (`\n`,
/// `\u{202e}`) where it holds a character that is not plainly visible, since a
/// line break would start another `cargo:` directive in a build script's output
/// and a bidirectional control would reorder the line on a terminal.
fn shown(name: &str) -> String {
    let hidden = |c: char| !matches!(c, '"' | '\'' | '\\') && c.escape_debug().len() > 1;
    if name.chars().any(hidden) {
        name.escape_debug().to_string()
    } else {
        name.to_owned()
    }
}

/// How many definitions of one kind have documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// With an entry in the documentation.
    pub documented: usize,
    /// Without one.
    pub undocumented: usize,
}

/// How much of a schema a [`Docs`] describes ([`Docs::coverage`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Coverage {
    /// The schema's constructors.
    pub constructors: Counts,
    /// The schema's functions.
    pub functions: Counts,
    /// The schema's types.
    pub types: Counts,
    /// Constructor entries naming no constructor of the schema, sorted.
    pub unknown_constructors: Vec<String>,
    /// Method entries naming no function of the schema, sorted.
    pub unknown_functions: Vec<String>,
    /// Type entries naming no type of the schema, sorted.
    pub unknown_types: Vec<String>,
    /// Field and parameter entries (`definition.field`) of documented
    /// definitions naming no field of theirs, sorted.
    pub unknown_fields: Vec<String>,
    /// Type entries describing types TL has built in (`int`, `#`, `Vector t`),
    /// sorted: not an error of the documentation, but with nothing to document.
    pub builtin_types: Vec<String>,
}

impl Coverage {
    /// The lines of a report: three lines of counts, then the
    /// [`unknown_lines`](Self::unknown_lines), then the built-in types
    /// described.
    pub fn report(&self, examples: usize) -> Vec<String> {
        let counts = |what: &str, c: Counts| {
            format!(
                "{what}: {} documented, {} not documented",
                c.documented, c.undocumented
            )
        };
        let mut lines = vec![
            counts("constructors", self.constructors),
            counts("functions", self.functions),
            counts("types", self.types),
        ];
        lines.extend(self.unknown_lines(examples));
        if !self.builtin_types.is_empty() {
            let shown: Vec<String> = self.builtin_types.iter().map(|n| shown(n)).collect();
            lines.push(format!(
                "{} type {} built-in types, which have no item of their own: {}",
                self.builtin_types.len(),
                if self.builtin_types.len() == 1 {
                    "entry describes"
                } else {
                    "entries describe"
                },
                shown.join(", ")
            ));
        }
        lines
    }

    /// One line per kind of entry that names nothing in the schema: how many,
    /// and the first `examples` names (none when every entry names something).
    pub fn unknown_lines(&self, examples: usize) -> Vec<String> {
        let mut lines = Vec::new();
        for (what, names) in self.unknown_lists() {
            if names.is_empty() {
                continue;
            }
            let shown: Vec<String> = names.iter().take(examples).map(|n| shown(n)).collect();
            let more = if names.len() > shown.len() {
                ", ..."
            } else {
                ""
            };
            let (entries, name) = if names.len() == 1 {
                ("entry", "names")
            } else {
                ("entries", "name")
            };
            lines.push(format!(
                "{} {what} {entries} {name} nothing in the schema: {}{more}",
                names.len(),
                shown.join(", ")
            ));
        }
        lines
    }

    /// Whether every entry of the documentation names something in the schema.
    pub fn all_known(&self) -> bool {
        self.unknown_count() == 0
    }

    /// How many entries name nothing in the schema.
    pub fn unknown_count(&self) -> usize {
        self.unknown_lists()
            .iter()
            .map(|(_, names)| names.len())
            .sum()
    }

    /// One line saying how many entries name nothing in the schema, by kind
    /// (`40 entries name nothing in the schema (22 constructors, 1 method, 17
    /// fields) and are left out`); `None` when every entry names something.
    /// What a build prints: [`unknown_lines`](Self::unknown_lines) names them.
    pub fn summary(&self) -> Option<String> {
        let total = self.unknown_count();
        if total == 0 {
            return None;
        }
        let kinds: Vec<String> = self
            .unknown_lists()
            .iter()
            .filter(|(_, names)| !names.is_empty())
            .map(|(what, names)| match names.len() {
                1 => format!("1 {what}"),
                n => format!("{n} {what}s"),
            })
            .collect();
        let (entries, name, are) = if total == 1 {
            ("entry", "names", "is")
        } else {
            ("entries", "name", "are")
        };
        Some(format!(
            "{total} {entries} {name} nothing in the schema ({}) and {are} left out",
            kinds.join(", ")
        ))
    }

    fn unknown_lists(&self) -> [(&'static str, &[String]); 4] {
        [
            ("constructor", &self.unknown_constructors),
            ("method", &self.unknown_functions),
            ("type", &self.unknown_types),
            ("field", &self.unknown_fields),
        ]
    }
}

/// Reading [`Docs`] from JSON through serde's visitors, written by hand so that
/// the `docs` feature compiles no procedural macro, and strictly: a key given
/// twice in one object is an error. Keys the format does not use are skipped.
#[cfg(feature = "docs")]
mod json {
    use super::{Definition, Docs, ErrorEntry, FieldDoc, Index};
    use serde::de::{
        self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
    };
    use std::collections::{BTreeMap, BTreeSet};
    use std::fmt;
    use std::marker::PhantomData;

    /// A JSON object of the format, read key by key into `Self` and then
    /// turned into what it stands for.
    pub(super) trait Fields: Default {
        /// What the object is read into.
        type Output;

        /// Reads the value of `key` into `self`, or skips it when the format
        /// does not use it; `what` names the object in messages.
        fn field<'de, A: MapAccess<'de>>(
            &mut self,
            key: &str,
            map: &mut A,
            what: &str,
        ) -> Result<(), A::Error>;

        /// Checks what must be given, once every key is read.
        fn finish<E: de::Error>(self, what: &str) -> Result<Self::Output, E>;
    }

    /// Reads one object as `T`; `what` names it in messages (`the `constructors`
    /// entry `updateShort``).
    pub(super) struct Object<T> {
        what: String,
        kind: PhantomData<T>,
    }

    impl<T> Object<T> {
        fn new(what: String) -> Self {
            Object {
                what,
                kind: PhantomData,
            }
        }
    }

    impl Object<Docs> {
        /// The whole document.
        pub(super) fn top() -> Self {
            Object::new("the documentation".to_owned())
        }
    }

    impl<'de, T: Fields> DeserializeSeed<'de> for Object<T> {
        type Value = T::Output;

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T::Output, D::Error> {
            d.deserialize_map(self)
        }
    }

    impl<'de, T: Fields> Visitor<'de> for Object<T> {
        type Value = T::Output;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "an object for {}", self.what)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T::Output, A::Error> {
            let mut value = T::default();
            let mut seen = BTreeSet::new();
            while let Some(key) = map.next_key::<String>()? {
                if seen.contains(&key) {
                    return Err(de::Error::custom(format!(
                        "{} gives `{}` twice",
                        self.what,
                        key.escape_debug()
                    )));
                }
                value.field(&key, &mut map, &self.what)?;
                seen.insert(key);
            }
            value.finish(&self.what)
        }
    }

    /// Reads an object of entries by name (`"constructors": {"updateShort":
    /// {...}}`), each an object read as `T`; `section` names it in messages.
    struct Entries<T> {
        section: String,
        kind: PhantomData<T>,
    }

    impl<T> Entries<T> {
        fn new(section: impl Into<String>) -> Self {
            Entries {
                section: section.into(),
                kind: PhantomData,
            }
        }
    }

    impl<'de, T: Fields> DeserializeSeed<'de> for Entries<T> {
        type Value = BTreeMap<String, T::Output>;

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_map(self)
        }
    }

    impl<'de, T: Fields> Visitor<'de> for Entries<T> {
        type Value = BTreeMap<String, T::Output>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "an object of entries by name for {}", self.section)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut entries = BTreeMap::new();
            while let Some(name) = map.next_key::<String>()? {
                let shown = name.escape_debug().to_string();
                if entries.contains_key(&name) {
                    return Err(de::Error::custom(format!(
                        "{} has two entries `{shown}`",
                        self.section
                    )));
                }
                let what = format!("the entry `{shown}` of {}", self.section);
                let value = map.next_value_seed(Object::<T>::new(what))?;
                entries.insert(name, value);
            }
            Ok(entries)
        }
    }

    /// Reads a list of objects, each read as `T`; `what` names the list.
    struct List<T> {
        what: String,
        kind: PhantomData<T>,
    }

    impl<'de, T: Fields> DeserializeSeed<'de> for List<T> {
        type Value = Vec<T::Output>;

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_seq(self)
        }
    }

    impl<'de, T: Fields> Visitor<'de> for List<T> {
        type Value = Vec<T::Output>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a list for {}", self.what)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut items = Vec::new();
            loop {
                let what = format!("item {} of {}", items.len(), self.what);
                match seq.next_element_seed(Object::<T>::new(what))? {
                    Some(item) => items.push(item),
                    None => return Ok(items),
                }
            }
        }
    }

    impl Fields for Docs {
        type Output = Docs;

        fn field<'de, A: MapAccess<'de>>(
            &mut self,
            key: &str,
            map: &mut A,
            _what: &str,
        ) -> Result<(), A::Error> {
            match key {
                "index" => {
                    self.index = map.next_value_seed(Object::<Index>::new("`index`".to_owned()))?;
                }
                "constructors" => {
                    self.constructors =
                        map.next_value_seed(Entries::<DefinitionFields>::new("`constructors`"))?;
                }
                "types" => {
                    let types = map.next_value_seed(Entries::<DefinitionFields>::new("`types`"))?;
                    self.types = under_tl_names(types).map_err(de::Error::custom)?;
                }
                "methods" => {
                    self.methods =
                        map.next_value_seed(Entries::<DefinitionFields>::new("`methods`"))?;
                }
                "errors" => {
                    self.errors = map.next_value_seed(Entries::<ErrorFields>::new("`errors`"))?;
                }
                _ => skip(map)?,
            }
            Ok(())
        }

        fn finish<E: de::Error>(self, _what: &str) -> Result<Docs, E> {
            Ok(self)
        }
    }

    /// Type entries filed under their TL names. Telegram's type pages are
    /// titled with the namespace capitalized (`Account.Authorizations` for
    /// `account.Authorizations`); a TL namespace begins with a lowercase letter,
    /// so such an entry can only mean the lowercase one. Both spellings given is
    /// an error, like any entry given twice.
    fn under_tl_names(
        types: BTreeMap<String, Definition>,
    ) -> Result<BTreeMap<String, Definition>, String> {
        let mut filed = BTreeMap::new();
        let mut renamed = BTreeMap::new();
        for (name, definition) in types {
            let tl = match name.split_once('.') {
                // The first character is ASCII, so `1..` is a boundary.
                Some((namespace, rest))
                    if namespace.starts_with(|c: char| c.is_ascii_uppercase()) =>
                {
                    format!(
                        "{}{}.{rest}",
                        namespace[..1].to_ascii_lowercase(),
                        &namespace[1..]
                    )
                }
                _ => {
                    filed.insert(name, definition);
                    continue;
                }
            };
            renamed.insert(tl, (name, definition));
        }
        for (tl, (name, definition)) in renamed {
            if filed.contains_key(&tl) {
                return Err(format!(
                    "`types` has two entries for the type `{}`: `{}` and `{}` \
                     (a TL namespace begins with a lowercase letter, so both name it)",
                    tl.escape_debug(),
                    name.escape_debug(),
                    tl.escape_debug()
                ));
            }
            filed.insert(tl, definition);
        }
        Ok(filed)
    }

    impl Fields for Index {
        type Output = Index;

        fn field<'de, A: MapAccess<'de>>(
            &mut self,
            key: &str,
            map: &mut A,
            _what: &str,
        ) -> Result<(), A::Error> {
            match key {
                "layer" => self.layer = map.next_value()?,
                _ => skip(map)?,
            }
            Ok(())
        }

        fn finish<E: de::Error>(self, _what: &str) -> Result<Index, E> {
            Ok(self)
        }
    }

    /// A [`Definition`] as it is read: which of the two keys of its fields
    /// was given.
    #[derive(Default)]
    struct DefinitionFields {
        definition: Definition,
        fields_key: Option<String>,
    }

    impl Fields for DefinitionFields {
        type Output = Definition;

        fn field<'de, A: MapAccess<'de>>(
            &mut self,
            key: &str,
            map: &mut A,
            what: &str,
        ) -> Result<(), A::Error> {
            let definition = &mut self.definition;
            match key {
                "description" => definition.description = map.next_value()?,
                "links" => definition.links = map.next_value()?,
                // getdoc calls them `parameters` for methods, `fields` elsewhere:
                // one of the two.
                "fields" | "parameters" => {
                    if let Some(first) = &self.fields_key {
                        return Err(de::Error::custom(format!(
                            "{what} gives both `{first}` and `{key}`"
                        )));
                    }
                    self.fields_key = Some(key.to_owned());
                    let section = format!("`{key}` of {what}");
                    definition.fields = map.next_value_seed(Entries::<FieldDoc>::new(section))?;
                }
                "errors" => {
                    definition.errors = map.next_value_seed(List::<ErrorFields> {
                        what: format!("the errors of {what}"),
                        kind: PhantomData,
                    })?;
                }
                _ => skip(map)?,
            }
            Ok(())
        }

        fn finish<E: de::Error>(self, _what: &str) -> Result<Definition, E> {
            Ok(self.definition)
        }
    }

    impl Fields for FieldDoc {
        type Output = FieldDoc;

        fn field<'de, A: MapAccess<'de>>(
            &mut self,
            key: &str,
            map: &mut A,
            _what: &str,
        ) -> Result<(), A::Error> {
            match key {
                "description" => self.description = map.next_value()?,
                "links" => self.links = map.next_value()?,
                _ => skip(map)?,
            }
            Ok(())
        }

        fn finish<E: de::Error>(self, _what: &str) -> Result<FieldDoc, E> {
            Ok(self)
        }
    }

    /// An [`ErrorEntry`] as it is read: `code` and `type` must be given.
    #[derive(Default)]
    struct ErrorFields {
        code: Option<i32>,
        name: Option<String>,
        description: String,
    }

    impl Fields for ErrorFields {
        type Output = ErrorEntry;

        fn field<'de, A: MapAccess<'de>>(
            &mut self,
            key: &str,
            map: &mut A,
            _what: &str,
        ) -> Result<(), A::Error> {
            match key {
                "code" => self.code = Some(map.next_value()?),
                "type" => self.name = Some(map.next_value()?),
                "description" => self.description = map.next_value()?,
                _ => skip(map)?,
            }
            Ok(())
        }

        fn finish<E: de::Error>(self, what: &str) -> Result<ErrorEntry, E> {
            match (self.code, self.name) {
                (Some(code), Some(name)) => Ok(ErrorEntry {
                    code,
                    name,
                    description: self.description,
                }),
                (None, _) => Err(E::custom(format!("{what} has no `code`"))),
                (_, None) => Err(E::custom(format!("{what} has no `type` (its name)"))),
            }
        }
    }

    /// Skips a value the format does not use (its nesting is bounded by the
    /// JSON reader: serde_json refuses more than 128 levels).
    fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
        map.next_value::<IgnoredAny>().map(drop)
    }
}

#[cfg(all(test, feature = "docs"))]
mod tests {
    use super::*;

    /// The error of reading `json`, as `line:column: message`.
    fn error(json: &str) -> String {
        match Docs::from_json("d.json", json) {
            Ok(docs) => format!("read: {docs:?}"),
            Err(e) => format!("{}:{}: {}", e.line, e.column, e.message),
        }
    }

    #[test]
    fn the_format_is_read() {
        let json = "\u{feff}{\"index\": {\"layer\": 223, \"categories\": [[1, {}]]},\n\
            \"methods\": {\"f\": {\"name\": \"f\", \"description\": [\"D\u{b9}\"], \"links\": [\"https://l\"],\n\
              \"parameters\": {\"x\": {\"name\": \"x\", \"description\": \"X\"}},\n\
              \"errors\": [{\"code\": 400, \"type\": \"E_%d\", \"description\": \"e\"}]}},\n\
            \"types\": {\"T\": {\"description\": []}}, \"unused\": {\"a\": [[[null]]]}}";
        let docs = Docs::from_json("d.json", json).map_err(|e| e.to_string());
        let mut expected = Docs::default();
        expected.index.layer = Some(223);
        let mut f = Definition {
            description: vec!["D\u{b9}".to_owned()],
            links: vec!["https://l".to_owned()],
            ..Definition::default()
        };
        f.fields.insert(
            "x".to_owned(),
            FieldDoc {
                description: "X".to_owned(),
                links: Vec::new(),
            },
        );
        f.errors.push(ErrorEntry {
            code: 400,
            name: "E_%d".to_owned(),
            description: "e".to_owned(),
        });
        expected.methods.insert("f".to_owned(), f);
        expected.types.insert("T".to_owned(), Definition::default());
        assert_eq!(docs, Ok(expected));
    }

    #[test]
    fn a_key_given_twice_is_an_error_where_it_is_given_again() {
        // Each position is the column of the closing quote of the key given
        // again, or of the brace closing an incomplete object (counted by hand).
        assert_eq!(
            error("{\"methods\": {}, \"methods\": {}}"),
            "1:25: the documentation gives `methods` twice"
        );
        assert_eq!(
            error("{\"methods\": {\"a\": {}, \"a\": {}}}"),
            "1:25: `methods` has two entries `a`"
        );
        assert_eq!(
            error("{\"constructors\": {\"a\": {\"description\": [], \"description\": [\"x\"]}}}"),
            "1:56: the entry `a` of `constructors` gives `description` twice"
        );
        assert_eq!(
            error("{\"methods\": {\"a\": {\"fields\": {}, \"parameters\": {}}}}"),
            "1:45: the entry `a` of `methods` gives both `fields` and `parameters`"
        );
        assert_eq!(
            error("{\"errors\": {\"E\": {\"code\": 1, \"type\": \"E\", \"code\": 2}}}"),
            "1:48: the entry `E` of `errors` gives `code` twice"
        );
        assert_eq!(
            error("{\"methods\": {\"a\": {\"fields\": {\"x\": {}, \"x\": {}}}}}"),
            "1:42: `fields` of the entry `a` of `methods` has two entries `x`"
        );
        // Keys the format does not use count too.
        assert_eq!(
            error("{\"index\": {\"other\": 1, \"other\": 2}}"),
            "1:30: `index` gives `other` twice"
        );
    }

    #[test]
    fn a_capitalized_namespace_of_a_type_entry_is_read_as_tl_spells_it() {
        let docs = Docs::from_json(
            "d.json",
            "{\"types\": {\"Account.Authorizations\": {\"description\": [\"S\"]}, \
              \"Updates\": {}, \"Ns.sub.T\": {}, \"account.Password\": {}}}",
        );
        let names: Vec<String> = docs
            .map(|d| d.types.into_keys().collect())
            .unwrap_or_default();
        assert_eq!(
            names,
            [
                "Updates",
                "account.Authorizations",
                "account.Password",
                "ns.sub.T"
            ]
        );
        // Both spellings name one type: an entry given twice. The position is
        // where both are known: just past the brace closing `types` (column 44,
        // counted by hand), at 45.
        assert_eq!(
            error("{\"types\": {\"account.T\": {}, \"Account.T\": {}}}"),
            "1:45: `types` has two entries for the type `account.T`: `Account.T` and \
             `account.T` (a TL namespace begins with a lowercase letter, so both name it)"
        );
    }

    #[test]
    fn coverage_sets_built_in_types_apart_and_sums_up_in_one_line() {
        let (_, checked) = tl_parser::check_str(
            "s.tl",
            "int ? = Int;\nvector {t:Type} # [ t ] = Vector t;\na x:int = A;\n---functions---\nf = A;\n",
        );
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
        let schema = checked.schema;
        let docs = Docs::from_json(
            "d.json",
            "{\"constructors\": {\"a\": {\"fields\": {\"y\": {}}}, \"b\": {}},\
              \"types\": {\"A\": {}, \"#\": {}, \"Vector t\": {}, \"int\": {}, \"B\": {}}}",
        );
        let Ok(docs) = docs else {
            panic!("{docs:?}");
        };
        let coverage = docs.coverage(&schema);
        assert_eq!(coverage.builtin_types, ["#", "Vector t", "int"]);
        assert_eq!(coverage.unknown_types, ["B"]);
        assert_eq!(coverage.unknown_constructors, ["b"]);
        assert_eq!(coverage.unknown_fields, ["a.y"]);
        assert_eq!(coverage.unknown_count(), 3);
        assert_eq!(
            coverage.summary().as_deref(),
            Some(
                "3 entries name nothing in the schema (1 constructor, 1 type, 1 field) and \
                 are left out"
            )
        );
        assert_eq!(
            coverage.report(5).last().map(String::as_str),
            Some(
                "3 type entries describe built-in types, which have no item of their own: #, Vector t, int"
            )
        );
    }

    #[test]
    fn what_an_error_entry_needs_is_named() {
        assert_eq!(
            error(
                "{\"methods\": {\"a\": {\"errors\": [{\"code\": 1, \"type\": \"A\"}, {\"type\": \"B\"}]}}}"
            ),
            "1:69: item 1 of the errors of the entry `a` of `methods` has no `code`"
        );
        assert_eq!(
            error("{\"errors\": {\"E\": {\"code\": 1}}}"),
            "1:28: the entry `E` of `errors` has no `type` (its name)"
        );
    }

    #[test]
    fn deep_nesting_is_skipped_or_refused_without_recursion() {
        // The format nests a few levels; a value it does not use is skipped by
        // serde_json without recursion, however deep.
        let deep = format!(
            "{{\"unused\": {}{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert_eq!(error(&deep), format!("read: {:?}", Docs::default()));
        // Where the format expects a list of text, a list inside it is refused
        // at once (at the column of the outer `[`, counted by hand).
        let deep = format!(
            "{{\"types\": {{\"T\": {{\"description\": {}}}}}}}",
            "[".repeat(100_000)
        );
        assert_eq!(
            error(&deep),
            "1:33: invalid type: sequence, expected a string"
        );
    }

    #[test]
    fn names_that_would_break_a_line_are_shown_escaped() {
        let json = "{\"constructors\": {\"x\\ncargo:rustc-cfg=evil\": {}, \"y\\u202ez\": {}}}";
        let docs = Docs::from_json("d.json", json).unwrap_or_default();
        let (_, checked) = tl_parser::check_str("s.tl", "a = A;");
        let coverage = docs.coverage(&checked.schema);
        assert_eq!(
            coverage.unknown_lines(5),
            [
                "2 constructor entries name nothing in the schema: x\\ncargo:rustc-cfg=evil, y\\u{202e}z"
            ]
        );
    }

    #[test]
    fn a_file_that_is_not_utf8_is_named_with_the_position_of_its_first_bad_byte() {
        let dir = std::env::temp_dir().join(format!("tl-codegen-docs-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("latin1.json");
        let written = std::fs::write(&path, b"{\"types\": {\n \"caf\xe9\": {}}}");
        assert!(written.is_ok(), "{written:?}");
        let e = Docs::read(&path);
        let _ = std::fs::remove_dir_all(&dir);
        let e = e.err().map(|e| (e.line, e.column, e.message));
        assert_eq!(
            e,
            Some((
                2,
                6,
                "the file is not UTF-8 text (JSON must be UTF-8)".to_owned()
            ))
        );
    }
}
