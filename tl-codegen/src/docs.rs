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
#[cfg_attr(feature = "docs", derive(serde::Deserialize))]
#[non_exhaustive]
pub struct Docs {
    /// The layer the documentation describes (`index.layer`), if it says.
    #[cfg_attr(feature = "docs", serde(rename = "index"))]
    pub index: Index,
    /// Constructors, by TL name (`updateShort`, `phone.groupCall`).
    #[cfg_attr(feature = "docs", serde(default))]
    pub constructors: BTreeMap<String, Definition>,
    /// Types, by TL name (`Updates`, `phone.GroupCall`).
    #[cfg_attr(feature = "docs", serde(default))]
    pub types: BTreeMap<String, Definition>,
    /// Functions, by TL name (`phone.joinGroupCall`).
    #[cfg_attr(feature = "docs", serde(default))]
    pub methods: BTreeMap<String, Definition>,
    /// Every error the documentation knows, by name (`FLOOD_PREMIUM_WAIT_%d`,
    /// with `%d` where a number goes).
    #[cfg_attr(feature = "docs", serde(default))]
    pub errors: BTreeMap<String, ErrorEntry>,
}

/// The `index` of the documentation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "docs", derive(serde::Deserialize))]
#[non_exhaustive]
pub struct Index {
    /// The layer the documentation was taken at.
    #[cfg_attr(feature = "docs", serde(default))]
    pub layer: Option<i64>,
}

/// What the documentation says of one constructor, type or method.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "docs", derive(serde::Deserialize))]
#[non_exhaustive]
pub struct Definition {
    /// Paragraphs. Footnote markers (`¹`, `»²`: superscript digits) refer to
    /// [`links`](Self::links) by position, from 1.
    #[cfg_attr(feature = "docs", serde(default))]
    pub description: Vec<String>,
    /// The targets of the description's footnote markers.
    #[cfg_attr(feature = "docs", serde(default))]
    pub links: Vec<String>,
    /// Fields of a constructor, parameters of a method, by TL name.
    #[cfg_attr(feature = "docs", serde(default, alias = "parameters"))]
    pub fields: BTreeMap<String, FieldDoc>,
    /// The errors a method can fail with, as its page lists them.
    #[cfg_attr(feature = "docs", serde(default))]
    pub errors: Vec<ErrorEntry>,
}

/// What the documentation says of one field or parameter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "docs", derive(serde::Deserialize))]
#[non_exhaustive]
pub struct FieldDoc {
    /// One paragraph, with footnote markers like [`Definition::description`]'s.
    #[cfg_attr(feature = "docs", serde(default))]
    pub description: String,
    /// The targets of its footnote markers.
    #[cfg_attr(feature = "docs", serde(default))]
    pub links: Vec<String>,
}

/// One RPC error as documented.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "docs", derive(serde::Deserialize))]
#[non_exhaustive]
pub struct ErrorEntry {
    /// The error code (400, 403, 420, ...).
    pub code: i32,
    /// The name (the JSON's `type`): `GROUPCALL_INVALID`, or a pattern with `%d`
    /// where a number goes.
    #[cfg_attr(feature = "docs", serde(rename = "type"))]
    pub name: String,
    /// What it means.
    #[cfg_attr(feature = "docs", serde(default))]
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
    /// # Errors
    /// JSON that is not valid, or not of the expected shape (a string where a
    /// list is expected, an error without `code`): the line and column of the
    /// problem, and what it is.
    pub fn from_json(file: &str, text: &str) -> Result<Docs, DocsError> {
        serde_json::from_str(text).map_err(|e| {
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
    /// UTF-8.
    pub fn read(path: impl AsRef<std::path::Path>) -> Result<Docs, DocsError> {
        let path = path.as_ref();
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| DocsError {
            file: file.clone(),
            line: 0,
            column: 0,
            message: format!("cannot read documentation: {e}"),
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
    /// counted, and entries naming them count as naming nothing.
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
        Coverage {
            constructors: count(&constructors, &self.constructors),
            functions: count(&functions, &self.methods),
            types: count(&types, &self.types),
            unknown_constructors: unknown(&constructors, &self.constructors),
            unknown_functions: unknown(&functions, &self.methods),
            unknown_types: unknown(&types, &self.types),
            unknown_fields,
        }
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
}

impl Coverage {
    /// The lines of a report: three lines of counts, then the
    /// [`unknown_lines`](Self::unknown_lines).
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
            let shown: Vec<&str> = names.iter().take(examples).map(String::as_str).collect();
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
        self.unknown_lists()
            .iter()
            .all(|(_, names)| names.is_empty())
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
