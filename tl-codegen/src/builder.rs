//! [`Builder`]: generate code from `build.rs`, in the style of `prost-build`.

use crate::{Options, generate};
use std::fmt;
use std::path::{Path, PathBuf};
use tl_parser::{Diagnostic, Sources};

/// Generates Rust code for TL schemas from a build script.
///
/// ```no_run
/// // In build.rs's `fn main`:
/// let result = tl_codegen::Builder::new()
///     .schema("schema/api.tl")
///     .derive("Eq")
///     .generate();
/// if let Err(error) = result {
///     eprintln!("{error}");
///     std::process::exit(1);
/// }
/// ```
///
/// Several schemas given to one builder are checked together as one schema (one
/// module). Schemas that clash, like api.tl and mtproto.tl (both define a
/// `message`), need one builder each, each with its own output file.
///
/// `generate` prints `cargo:rerun-if-changed` for every schema, and each warning of
/// the schema check as a `cargo:warning`.
#[derive(Debug, Clone, Default)]
pub struct Builder {
    schemas: Vec<PathBuf>,
    out_file: Option<PathBuf>,
    options: Options,
    cargo_directives: Option<bool>,
}

impl Builder {
    /// A builder with no schema, the default [`Options`] and the default output file.
    pub fn new() -> Self {
        Builder::default()
    }

    /// Adds a schema file (relative paths are relative to the package root when run
    /// from `build.rs`).
    #[must_use]
    pub fn schema(mut self, path: impl AsRef<Path>) -> Self {
        self.schemas.push(path.as_ref().to_path_buf());
        self
    }

    /// Where to write the code. Default: `$OUT_DIR/<stem of the first schema>.rs`,
    /// e.g. `$OUT_DIR/seed.rs` for `schema/seed.tl`.
    #[must_use]
    pub fn out_file(mut self, path: impl AsRef<Path>) -> Self {
        self.out_file = Some(path.as_ref().to_path_buf());
        self
    }

    /// The path generated code uses for the runtime crate (default `::tl_runtime`).
    #[must_use]
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.options.runtime_path = path.into();
        self
    }

    /// Adds a derive to every generated struct and enum (a Rust path, e.g. `"Eq"` or
    /// `"::serde::Serialize"`).
    #[must_use]
    pub fn derive(mut self, path: impl Into<String>) -> Self {
        self.options.extra_derives.push(path.into());
        self
    }

    /// Whether to format the generated code (default `true`); see
    /// [`Options::format`]. Turning it off makes generation several times faster
    /// for large schemas, for code that is only `include!`d.
    #[must_use]
    pub fn format(mut self, format: bool) -> Self {
        self.options.format = format;
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

    /// Checks the schemas and writes the generated module; returns the path written.
    ///
    /// The file is only rewritten when its content changes, so an unchanged schema
    /// does not make Cargo rebuild the crate.
    ///
    /// # Errors
    /// A [`BuildError`] whose `Display` renders every diagnostic with its file,
    /// line, column and source line.
    pub fn generate(&self) -> Result<PathBuf, BuildError> {
        self.options.validate().map_err(BuildError::InvalidOption)?;
        let first = self.schemas.first().ok_or(BuildError::NoSchema)?;
        let directives = self
            .cargo_directives
            .unwrap_or_else(|| std::env::var_os("OUT_DIR").is_some());
        let mut sources = Sources::new();
        for path in &self.schemas {
            if directives {
                println!("cargo:rerun-if-changed={}", path.display());
            }
            let text = std::fs::read_to_string(path).map_err(|source| BuildError::Io {
                path: path.clone(),
                source,
            })?;
            sources.add(path.display().to_string(), text);
        }
        let checked = tl_parser::check(&sources);
        let (schema, warnings) = checked
            .into_result()
            .map_err(|diagnostics| BuildError::Schema(Report::new(&sources, diagnostics)))?;
        if directives {
            for warning in &warnings {
                for line in warning.render_plain(&sources).lines() {
                    println!("cargo:warning={line}");
                }
            }
        }
        let code = generate(&schema, &self.options)
            .map_err(|diagnostics| BuildError::Codegen(Report::new(&sources, diagnostics)))?;
        let out_file = match &self.out_file {
            Some(path) => path.clone(),
            None => {
                let out_dir = std::env::var_os("OUT_DIR").ok_or(BuildError::NoOutDir)?;
                let stem = first.file_stem().unwrap_or(first.as_os_str());
                let mut name = stem.to_os_string();
                name.push(".rs");
                PathBuf::from(out_dir).join(name)
            }
        };
        let unchanged = std::fs::read_to_string(&out_file).is_ok_and(|old| old == code);
        if !unchanged {
            std::fs::write(&out_file, code).map_err(|source| BuildError::Io {
                path: out_file.clone(),
                source,
            })?;
        }
        Ok(out_file)
    }
}

/// Diagnostics together with their rendering (which needs the source text).
#[derive(Debug, Clone)]
pub struct Report {
    /// The diagnostics, errors and warnings, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// Each diagnostic rendered with `file:line:column`, the source line and a caret.
    pub rendered: String,
}

impl Report {
    fn new(sources: &Sources, diagnostics: Vec<Diagnostic>) -> Report {
        let rendered = diagnostics
            .iter()
            .map(|d| d.render_plain(sources))
            .collect::<Vec<_>>()
            .join("\n");
        Report {
            diagnostics,
            rendered,
        }
    }

    fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Why [`Builder::generate`] failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// No schema was given.
    NoSchema,
    /// An option is invalid (e.g. a derive that is not a Rust path).
    InvalidOption(String),
    /// A schema could not be read or the output could not be written.
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// The schema has errors (every diagnostic of the check, warnings included).
    Schema(Report),
    /// The schema is valid TL but cannot be generated (e.g. two names that become
    /// one Rust name).
    Codegen(Report),
    /// No output file was set and `OUT_DIR` is not set (not running in `build.rs`).
    NoOutDir,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::NoSchema => {
                f.write_str("tl-codegen: no schema given; call `.schema(path)`")
            }
            BuildError::InvalidOption(message) => write!(f, "tl-codegen: {message}"),
            BuildError::Io { path, source } => {
                write!(f, "tl-codegen: {}: {source}", path.display())
            }
            BuildError::Schema(report) => write!(
                f,
                "tl-codegen: the schema has {} error(s):\n\n{}",
                report.error_count(),
                report.rendered
            ),
            BuildError::Codegen(report) => write!(
                f,
                "tl-codegen: the schema cannot be generated, {} error(s):\n\n{}",
                report.error_count(),
                report.rendered
            ),
            BuildError::NoOutDir => f.write_str(
                "tl-codegen: OUT_DIR is not set; call `.out_file(path)` outside build scripts",
            ),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
