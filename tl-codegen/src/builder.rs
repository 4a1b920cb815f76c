//! The one door: [`Builder`] reads and checks schemas and generates the code;
//! [`Generated`] holds the result and writes it (or checks that a file is up to
//! date). Build scripts, the `tlgen` command line and tlgen's own test, fuzz and
//! bench build scripts all go through it.

use crate::docs::{Coverage, DocsError};
use crate::options::{Extra, JsonForm, OptionError, Options, VariantNames};
use crate::{GenerateError, ItemPath};
use std::fmt;
use std::path::{Path, PathBuf};
use tl_parser::{Diagnostic, Schema, Sources};

/// Generates Rust code for TL schemas: from `build.rs`, from the command line, or
/// from any program.
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), tl_codegen::BuildError> {
///     tl_codegen::Builder::new()
///         .schema("schema/api.tl")
///         .derive("Eq")
///         .generate()?
///         .write_to_out_dir()?; // $OUT_DIR/api.rs
///     Ok(())
/// }
/// ```
///
/// Several schemas given to one builder are checked together as one schema (one
/// module). Schemas that clash, like api.tl and mtproto.tl (both define a
/// `message`), need one builder each.
///
/// Inside a build script (`OUT_DIR` set), [`generate`](Self::generate) prints
/// `cargo:rerun-if-changed` for every schema file, each warning of the schema
/// check as a `cargo:warning`, and one line for documentation entries that name
/// nothing in the schema ([`docs_warning`](Self::docs_warning)).
#[derive(Debug, Clone, Default)]
pub struct Builder {
    schemas: Vec<Input>,
    /// A documentation file, read by `generate` into `Options::docs`.
    docs_file: Option<PathBuf>,
    options: Options,
    cargo_directives: Option<bool>,
    /// Whether the documentation's coverage is a `cargo:warning` (default on).
    quiet_docs: bool,
}

/// A schema to read: a file, or text already in memory.
#[derive(Debug, Clone)]
enum Input {
    File(PathBuf),
    Text { name: String, text: String },
}

impl Builder {
    /// A builder with no schema and the default [`Options`].
    pub fn new() -> Self {
        Builder::default()
    }

    /// Adds a schema file (relative paths are relative to the package root when run
    /// from `build.rs`).
    #[must_use]
    pub fn schema(mut self, path: impl AsRef<Path>) -> Self {
        self.schemas.push(Input::File(path.as_ref().to_path_buf()));
        self
    }

    /// Adds a schema given as text; `name` stands for its file in diagnostics.
    #[must_use]
    pub fn schema_text(mut self, name: impl Into<String>, text: impl Into<String>) -> Self {
        self.schemas.push(Input::Text {
            name: name.into(),
            text: text.into(),
        });
        self
    }

    /// The path generated code uses for the runtime crate (default `::tl_runtime`);
    /// see [`Options::runtime_path`].
    #[must_use]
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.options.runtime_path = path.into();
        self
    }

    /// Adds a derive (a Rust path, e.g. `"Eq"` or `"::serde::Serialize"`); see
    /// [`Options::extra_derives`].
    #[must_use]
    pub fn derive(mut self, path: impl Into<String>) -> Self {
        self.options.extra_derives.push(path.into());
        self
    }

    /// Whether to generate the `arbitrary` module (default `false`); see
    /// [`Options::arbitrary`].
    #[must_use]
    pub fn arbitrary(mut self, arbitrary: bool) -> Self {
        self.options.arbitrary = arbitrary;
        self
    }

    /// serde's `Serialize` and `Deserialize` for every generated type, in JSON
    /// form `form` (`JsonForm::Auto` chooses by the schema's dialect); see
    /// [`Options::serde`].
    #[must_use]
    pub fn serde(mut self, form: JsonForm) -> Self {
        self.options.serde = Some(form);
        self
    }

    /// Whether to format the code with prettyplease (default: whether the
    /// `format` feature is enabled); see [`Options::format`].
    #[must_use]
    pub fn format(mut self, format: bool) -> Self {
        self.options.format = format;
        self
    }

    /// Generates only what these TL names need; see [`Options::keep`]. May be
    /// called several times.
    #[must_use]
    pub fn keep<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.options.keep.extend(names.into_iter().map(Into::into));
        self
    }

    /// How enum variants are named (default [`VariantNames::Short`]); see
    /// [`Options::variant_names`].
    #[must_use]
    pub fn variant_names(mut self, names: VariantNames) -> Self {
        self.options.variant_names = names;
        self
    }

    /// How ids that are not written are computed (default `None`: chosen from
    /// the schema); see [`Options::id_rule`].
    #[must_use]
    pub fn id_rule(mut self, rule: Option<tl_parser::IdRule>) -> Self {
        self.options.id_rule = rule;
        self
    }

    /// Reads documentation from `path` (JSON in gotd's getdoc format, such as
    /// Telegram's scraped `telegram-docs.json`) when generating; see
    /// [`Options::docs`]. Entries naming definitions the schema does not have are
    /// left out and reported as one warning ([`Generated::docs_coverage`]).
    /// Needs the `docs` feature.
    #[cfg(feature = "docs")]
    #[must_use]
    pub fn docs(mut self, path: impl AsRef<Path>) -> Self {
        self.docs_file = Some(path.as_ref().to_path_buf());
        self
    }

    /// Leaves `part` of the API out of the generated code (repeatable); see
    /// [`Options::omit`].
    #[must_use]
    pub fn omit(mut self, part: Extra) -> Self {
        self.options.omit.insert(part);
        self
    }

    /// The lean mode: every part of the API that [`Options::omit`] can leave
    /// out is left out ([`Extra::ALL`]), for the cheapest build of the
    /// generated code.
    #[must_use]
    pub fn lean(mut self) -> Self {
        self.options.omit.extend(Extra::ALL);
        self
    }

    /// Replaces all options at once.
    #[must_use]
    pub fn options(mut self, options: Options) -> Self {
        self.options = options;
        self
    }

    /// Whether to print `cargo:rerun-if-changed` and `cargo:warning` lines. Default:
    /// only when running inside a build script (`OUT_DIR` is set).
    #[must_use]
    pub fn cargo_directives(mut self, print: bool) -> Self {
        self.cargo_directives = Some(print);
        self
    }

    /// Whether a build script warns, in one `cargo:warning` line, that entries of
    /// the documentation (`docs`, with the `docs` feature) name nothing in the schema, as
    /// documentation of another layer does. Default: `true`. The other cargo
    /// directives are printed either way; [`Generated::docs_coverage`] has the
    /// figures, and `tlgen check SCHEMA --docs FILE` lists the entries.
    #[must_use]
    pub fn docs_warning(mut self, warn: bool) -> Self {
        self.quiet_docs = !warn;
        self
    }

    /// The `cargo:warning` line on documentation entries that name nothing in
    /// the schema: one line, since the user acts on it only by choosing other
    /// documentation or by silencing it.
    fn docs_directive(&self, coverage: &Coverage) -> Option<String> {
        let summary = coverage.summary().filter(|_| !self.quiet_docs)?;
        Some(format!(
            "cargo:warning=documentation: {summary}; `tlgen check SCHEMA --docs FILE` lists \
             them, `Builder::docs_warning(false)` silences this line"
        ))
    }

    /// Reads and checks the schemas and generates the code.
    ///
    /// # Errors
    /// A [`BuildError`] whose `Display` renders every diagnostic with its file,
    /// line, column and source line: an invalid option, an unreadable file, schema
    /// errors, or a schema that is valid TL but cannot be turned into Rust.
    pub fn generate(&self) -> Result<Generated, BuildError> {
        self.options.validate()?;
        if self.schemas.is_empty() {
            return Err(BuildError::NoSchema);
        }
        let directives = self
            .cargo_directives
            .unwrap_or_else(|| std::env::var_os("OUT_DIR").is_some());
        let mut sources = Sources::new();
        for input in &self.schemas {
            match input {
                Input::File(path) => {
                    if directives {
                        println!("cargo:rerun-if-changed={}", path.display());
                    }
                    let bytes = std::fs::read(path).map_err(|source| BuildError::Io {
                        path: path.clone(),
                        source,
                    })?;
                    let text = String::from_utf8(bytes).map_err(|e| BuildError::NotText {
                        path: path.clone(),
                        offset: e.utf8_error().valid_up_to(),
                    })?;
                    sources.add(path.display().to_string(), text);
                }
                Input::Text { name, text } => {
                    sources.add(name.clone(), text.clone());
                }
            }
        }
        let check_options = tl_parser::CheckOptions::default().id_rule(self.options.id_rule);
        let checked = tl_parser::check_with(&sources, check_options);
        let (schema, warnings) = match checked.into_result() {
            Ok(ok) => ok,
            Err(diagnostics) => return Err(BuildError::Schema(Report::new(sources, diagnostics))),
        };
        if directives {
            for warning in &warnings {
                for line in warning.render_plain(&sources).lines() {
                    println!("cargo:warning={line}");
                }
            }
        }
        let mut options = self.options.clone();
        if let Some(path) = &self.docs_file {
            if directives {
                println!("cargo:rerun-if-changed={}", path.display());
            }
            options.docs = Some(std::sync::Arc::new(read_docs(path)?));
        }
        let docs_coverage = options.docs.as_ref().map(|docs| docs.coverage(&schema));
        if let Some(line) = docs_coverage
            .as_ref()
            .and_then(|coverage| self.docs_directive(coverage))
            .filter(|_| directives)
        {
            println!("{line}");
        }
        let (code, items) = match crate::generate_code(&schema, &options) {
            Ok(output) => output,
            Err(GenerateError::InvalidOption(error)) => {
                return Err(BuildError::InvalidOption(error));
            }
            Err(GenerateError::Schema(diagnostics)) => {
                return Err(BuildError::Codegen(Report::new(sources, diagnostics)));
            }
        };
        let stem = match self.schemas.first() {
            Some(Input::File(path)) => path.file_stem().map(|s| s.to_string_lossy().into_owned()),
            Some(Input::Text { name, .. }) => Path::new(name)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned()),
            None => None,
        };
        Ok(Generated {
            code,
            items,
            warnings: Report::new(sources, warnings),
            schema,
            stem: stem.unwrap_or_else(|| "tl".to_owned()),
            docs_coverage,
        })
    }
}

/// The documentation in `path`.
#[cfg(feature = "docs")]
fn read_docs(path: &Path) -> Result<crate::Docs, BuildError> {
    crate::Docs::read(path).map_err(BuildError::Docs)
}

/// Unreachable: without the `docs` feature no documentation file can be set.
#[cfg(not(feature = "docs"))]
fn read_docs(path: &Path) -> Result<crate::Docs, BuildError> {
    Err(BuildError::Docs(crate::DocsError {
        file: path.display().to_string(),
        line: 0,
        column: 0,
        message: "reading documentation needs tl-codegen's `docs` feature".to_owned(),
    }))
}

/// Generated code, with what callers need besides the text: the Rust path of
/// every generated definition, the schema's warnings, the checked schema.
#[derive(Debug, Clone)]
pub struct Generated {
    code: String,
    items: Vec<ItemPath>,
    warnings: Report,
    schema: Schema,
    stem: String,
    docs_coverage: Option<Coverage>,
}

/// What [`Generated::write`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// The file did not exist, or held other contents; it now holds the code.
    Wrote,
    /// The file already held exactly the code, and was left untouched (so its
    /// modification time does not make Cargo rebuild anything).
    Unchanged,
}

impl Generated {
    pub(crate) fn new(code: String, items: Vec<ItemPath>, schema: Schema) -> Generated {
        Generated {
            code,
            items,
            warnings: Report::new(Sources::new(), Vec::new()),
            schema,
            stem: "tl".to_owned(),
            docs_coverage: None,
        }
    }

    /// With documentation (`Builder::docs`): how much of the schema it
    /// describes, and its entries that name nothing in the schema (those are
    /// warnings: they are left out).
    pub fn docs_coverage(&self) -> Option<&Coverage> {
        self.docs_coverage.as_ref()
    }

    /// The generated module's source text.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The generated module's source text, by value.
    pub fn into_code(self) -> String {
        self.code
    }

    /// Where each generated TL definition is, in schema order.
    pub fn items(&self) -> &[ItemPath] {
        &self.items
    }

    /// The schema check's warnings (no errors: there were none), with their
    /// rendering.
    pub fn warnings(&self) -> &Report {
        &self.warnings
    }

    /// The checked schema the code was generated from.
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// Writes the code to `path` unless the file already holds it, creating its
    /// directory if needed.
    ///
    /// # Errors
    /// [`BuildError::Io`] when the directory or the file cannot be written.
    pub fn write(&self, path: impl AsRef<Path>) -> Result<Written, BuildError> {
        let path = path.as_ref();
        if self.is_written_at(path) {
            return Ok(Written::Unchanged);
        }
        let io = |source| BuildError::Io {
            path: path.to_path_buf(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        std::fs::write(path, &self.code).map_err(io)?;
        Ok(Written::Wrote)
    }

    /// Writes the code to `$OUT_DIR/<stem of the first schema>.rs` (`api.rs` for
    /// `schema/api.tl`) unless it already holds it; returns the path.
    ///
    /// # Errors
    /// [`BuildError::NoOutDir`] outside a build script; [`BuildError::Io`] when the
    /// file cannot be written.
    pub fn write_to_out_dir(&self) -> Result<PathBuf, BuildError> {
        let out_dir = std::env::var_os("OUT_DIR").ok_or(BuildError::NoOutDir)?;
        let path = PathBuf::from(out_dir).join(format!("{}.rs", self.stem));
        self.write(&path)?;
        Ok(path)
    }

    /// Checks that `path` holds exactly the code, writing nothing: for CI jobs
    /// that keep generated code in the repository.
    ///
    /// # Errors
    /// [`BuildError::OutOfDate`] when the file is missing or differs.
    pub fn check(&self, path: impl AsRef<Path>) -> Result<(), BuildError> {
        let path = path.as_ref();
        if self.is_written_at(path) {
            Ok(())
        } else {
            Err(BuildError::OutOfDate {
                path: path.to_path_buf(),
            })
        }
    }

    fn is_written_at(&self, path: &Path) -> bool {
        std::fs::read(path).is_ok_and(|old| old == self.code.as_bytes())
    }
}

/// Diagnostics together with the sources they point into and their plain
/// rendering.
#[derive(Debug, Clone)]
pub struct Report {
    /// The diagnostics, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// The schema files they point into (for renderers of your own).
    pub sources: Sources,
    /// Each diagnostic rendered with `file:line:column`, the source line and a caret.
    pub rendered: String,
}

impl Report {
    fn new(sources: Sources, diagnostics: Vec<Diagnostic>) -> Report {
        let rendered = diagnostics
            .iter()
            .map(|d| d.render_plain(&sources))
            .collect::<Vec<_>>()
            .join("\n");
        Report {
            diagnostics,
            sources,
            rendered,
        }
    }

    /// How many of the diagnostics are errors.
    pub fn error_count(&self) -> usize {
        // An "and N more" entry stands for N errors.
        self.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.count)
            .sum()
    }
}

/// Why the [`Builder`] or [`Generated`] failed.
///
/// `Debug` shows the same text as `Display`, so that
/// `fn main() -> Result<(), BuildError>` in a build script prints the rendered
/// diagnostics.
#[non_exhaustive]
pub enum BuildError {
    /// No schema was given.
    NoSchema,
    /// An option is invalid.
    InvalidOption(OptionError),
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A schema file is not UTF-8 text.
    NotText {
        /// The file.
        path: PathBuf,
        /// The offset of the first byte that is not UTF-8.
        offset: usize,
    },
    /// The schema has errors (every diagnostic of the check, warnings included).
    Schema(Report),
    /// The schema is valid TL but cannot be generated (e.g. two names that become
    /// one Rust name).
    Codegen(Report),
    /// The documentation file cannot be read, is not JSON, or not of the
    /// expected shape.
    Docs(DocsError),
    /// [`Generated::write_to_out_dir`] outside a build script (`OUT_DIR` is not
    /// set).
    NoOutDir,
    /// [`Generated::check`]: the file does not hold the generated code.
    OutOfDate {
        /// The file.
        path: PathBuf,
    },
}

impl From<OptionError> for BuildError {
    fn from(error: OptionError) -> Self {
        BuildError::InvalidOption(error)
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::NoSchema => {
                f.write_str("tl-codegen: no schema given; call `.schema(path)`")
            }
            BuildError::InvalidOption(error) => write!(f, "tl-codegen: {error}"),
            BuildError::Io { path, source } => {
                write!(f, "tl-codegen: {}: {source}", path.display())
            }
            BuildError::NotText { path, offset } => write!(
                f,
                "tl-codegen: {} is not UTF-8 text (invalid byte at offset {offset}): TL \
                 schemas are text files",
                path.display()
            ),
            BuildError::Schema(report) => write!(
                f,
                "tl-codegen: the schema has {} error(s):\n\n{}",
                report.error_count(),
                report.rendered
            ),
            BuildError::Codegen(report) => write!(
                f,
                "tl-codegen: the schema cannot be turned into Rust, {} error(s):\n\n{}",
                report.error_count(),
                report.rendered
            ),
            BuildError::Docs(error) => write!(f, "tl-codegen: {error}"),
            BuildError::NoOutDir => f.write_str(
                "tl-codegen: OUT_DIR is not set; use `Generated::write(path)` outside build \
                 scripts",
            ),
            BuildError::OutOfDate { path } => write!(
                f,
                "tl-codegen: {} is not up to date with the schema; regenerate it",
                path.display()
            ),
        }
    }
}

impl fmt::Debug for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Io { source, .. } => Some(source),
            BuildError::InvalidOption(error) => Some(error),
            BuildError::Docs(error) => Some(error),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documentation_entries_naming_nothing_are_one_warning_that_can_be_silenced() {
        let coverage = Coverage {
            unknown_constructors: vec!["FileHash".to_owned(), "Updates".to_owned()],
            unknown_functions: vec!["upload.getWebfile".to_owned()],
            ..Coverage::default()
        };
        assert_eq!(
            Builder::new().docs_directive(&coverage).as_deref(),
            Some(
                "cargo:warning=documentation: 3 entries name nothing in the schema \
                 (2 constructors, 1 method) and are left out; `tlgen check SCHEMA --docs \
                 FILE` lists them, `Builder::docs_warning(false)` silences this line"
            )
        );
        assert_eq!(
            Builder::new().docs_warning(false).docs_directive(&coverage),
            None
        );
        assert_eq!(Builder::new().docs_directive(&Coverage::default()), None);
    }
}
