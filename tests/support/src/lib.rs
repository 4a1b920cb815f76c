//! What tlgen's tests, build scripts, benchmarks and fuzz targets share, kept
//! once:
//!
//! - where Telegram's real schemas are: [`schema_dir`] (`$TL_SCHEMA_DIR`, else
//!   `../shared/schema` next to the repository);
//! - what happens when they are missing: [`schemas`] and [`missing`] (the caller
//!   is skipped with a message, except under CI, where it fails); build scripts
//!   use [`build::schemas`], which sets the `tlgen_schemas_missing` cfg instead,
//!   and their crates' tests [`built_with_schemas`];
//! - which function stands for `X` in generic functions:
//!   [`generic_query_index`];
//! - how the reference-vector files written by tools/ are read:
//!   [`hex_vectors`];
//! - a counting global allocator for tests that bound allocation: [`alloc`];
//! - with the `doc-markdown` feature, what the doc comments of generated code
//!   are as rustdoc reads them: `doc_markdown`.
#![deny(missing_docs)]

pub mod alloc;
#[cfg(feature = "doc-markdown")]
pub mod doc_markdown;

use std::path::{Path, PathBuf};
use tl_parser::Schema;

/// Telegram's API schema, layer 230.
pub const API: &str = "api-layer230.tl";
/// The MTProto service schema.
pub const MTPROTO: &str = "mtproto.tl";
/// TDLib's client API (ids computed by TDLib's rule, its own number types).
pub const TDLIB: &str = "tdlib-td_api.tl";
/// TON's lite-server API (`object ? = Object;`, `int256 8*[ int ]`).
pub const TON: &str = "ton-lite_api.tl";
/// A client's root set of functions: what a small Telegram client calls. The
/// module pruned to it (`Options::keep`) is compiled and checked against the full
/// one by `tests/full-schema`, and its build time measured by
/// `scripts/build_times.sh` (which lists the same names).
pub const CLIENT_ROOTS: &[&str] = &[
    "messages.sendMessage",
    "messages.getHistory",
    "updates.getDifference",
    "updates.getState",
    "auth.sendCode",
    "auth.signIn",
    "users.getFullUser",
    "contacts.resolveUsername",
    "upload.getFile",
    "upload.saveFilePart",
    "help.getConfig",
];

/// The environment variable naming the directory of the shared schemas.
pub const SCHEMA_DIR_VAR: &str = "TL_SCHEMA_DIR";

/// The directory of the shared real-world schemas: `$TL_SCHEMA_DIR` when set,
/// else `shared/schema` beside the repository (`../shared/schema` from its root),
/// wherever the caller is.
pub fn schema_dir() -> PathBuf {
    std::env::var_os(SCHEMA_DIR_VAR).map_or_else(default_schema_dir, PathBuf::from)
}

/// Telegram's documentation (gotd's getdoc JSON, layer 223): `docs/` beside the
/// schema directory, `../shared/docs/telegram-docs.json` by default.
pub fn docs_file() -> PathBuf {
    schema_dir().join("../docs/telegram-docs.json")
}

/// `shared/schema` beside the repository root, found from this crate's own
/// directory (`tests/support`).
fn default_schema_dir() -> PathBuf {
    let support = Path::new(env!("CARGO_MANIFEST_DIR"));
    let beside_root = support
        .ancestors()
        .nth(3)
        .map_or_else(|| support.join("../../.."), Path::to_path_buf);
    beside_root.join("shared/schema")
}

/// Whether this runs under CI (`CI` is set), where missing schemas are a failure.
pub fn under_ci() -> bool {
    std::env::var_os("CI").is_some()
}

/// The rule for a test whose input is missing: it says `skipped: {message}` and
/// the caller returns; under CI (`CI` set) it panics with the message instead,
/// so a CI run never passes without having run everything.
///
/// # Panics
/// Under CI.
pub fn missing(message: &str) {
    assert!(
        !under_ci(),
        "{message} (under CI, missing schemas are a failure)"
    );
    eprintln!("skipped: {message}");
}

/// The schema directory when every one of `files` is in it; otherwise
/// [`missing`] says so (or fails under CI) and this returns `None`.
///
/// ```no_run
/// # fn check(_: &std::path::Path) {}
/// let Some(dir) = tlgen_test_support::schemas(&[tlgen_test_support::API]) else {
///     return;
/// };
/// check(&dir.join(tlgen_test_support::API));
/// ```
///
/// # Panics
/// Under CI, when a file is missing.
pub fn schemas(files: &[&str]) -> Option<PathBuf> {
    let dir = schema_dir();
    let absent: Vec<&str> = files
        .iter()
        .copied()
        .filter(|f| !dir.join(f).is_file())
        .collect();
    if absent.is_empty() {
        return Some(dir);
    }
    missing(&format!(
        "{} not found in {} (set {SCHEMA_DIR_VAR})",
        absent.join(", "),
        dir.display()
    ));
    None
}

/// For a crate whose build script used [`build::schemas`]: pass it
/// `cfg!(tlgen_schemas_missing)`. Returns whether the schemas were there when the
/// crate was built; when they were not, [`missing`] says the calling test is
/// skipped (or fails under CI).
///
/// # Panics
/// Under CI, when the schemas were missing.
pub fn built_with_schemas(missing_cfg: bool) -> bool {
    if missing_cfg {
        missing(&format!(
            "the shared schemas were not found when this crate was built (set {SCHEMA_DIR_VAR})"
        ));
    }
    !missing_cfg
}

/// For build scripts.
pub mod build {
    use super::{SCHEMA_DIR_VAR, schema_dir};
    use std::path::PathBuf;

    /// The cfg set when the schemas are missing.
    pub const MISSING_CFG: &str = "tlgen_schemas_missing";

    /// [`schema_dir`], after telling Cargo to rerun the build script when
    /// `$TL_SCHEMA_DIR` or any of `files` in that directory changes (so that a
    /// `Builder` reading them may run with `cargo_directives(false)`).
    pub fn schema_dir_rerun_if_changed(files: &[&str]) -> PathBuf {
        println!("cargo::rerun-if-env-changed={SCHEMA_DIR_VAR}");
        let dir = schema_dir();
        for file in files {
            println!("cargo::rerun-if-changed={}", dir.join(file).display());
        }
        dir
    }

    /// The schema directory when every one of `files` is in it, after
    /// [`schema_dir_rerun_if_changed`]. Otherwise sets the
    /// `tlgen_schemas_missing` cfg, warns that `skipped` (e.g. "the full-schema
    /// tests") will be skipped, and returns `None`; the crate's tests then ask
    /// [`built_with_schemas`](super::built_with_schemas). The cfg is declared in
    /// any case, so that it is never an unknown cfg.
    pub fn schemas(files: &[&str], skipped: &str) -> Option<PathBuf> {
        println!("cargo::rustc-check-cfg=cfg({MISSING_CFG})");
        let dir = schema_dir_rerun_if_changed(files);
        if files.iter().all(|f| dir.join(f).is_file()) {
            return Some(dir);
        }
        println!("cargo::rustc-cfg={MISSING_CFG}");
        println!(
            "cargo::warning=schemas not found in {} (set {SCHEMA_DIR_VAR}): {skipped} will be \
             skipped",
            dir.display()
        );
        None
    }
}

/// The one rule for the concrete function that stands for `X` in generic
/// functions (`invokeWithLayer {X:Type} query:!X = X`) wherever tlgen's tests
/// need a value of one: the full-schema round trip and differential test
/// (`tests/full-schema/src/synth.rs`, which writes the bytes, and its build
/// script, which chooses the Rust type that decodes them) and the decoder fuzz
/// target (`fuzz/build.rs`). The first non-generic function without fields,
/// else the first non-generic one; all of them use this function, so they
/// always agree.
///
/// Returns an index into `schema.functions`.
pub fn generic_query_index(schema: &Schema) -> Option<usize> {
    let functions = &schema.functions;
    functions
        .iter()
        .position(|f| f.type_params.is_empty() && f.fields.is_empty())
        .or_else(|| functions.iter().position(|f| f.type_params.is_empty()))
}

/// The full TL name of the function [`generic_query_index`] chooses.
pub fn generic_query_name(schema: &Schema) -> Option<String> {
    generic_query_index(schema)
        .and_then(|i| schema.functions.get(i))
        .map(|f| f.name.full())
}

/// The bytes written as `text` in hex (two digits a byte, either case); `None`
/// for an odd length or a character that is not a hex digit.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// The cases of a reference-vector file (`generated/tests/vectors/`,
/// `tests/user-api/tests/vectors/`, written by the Telethon scripts in tools/):
/// `#` lines are comments; every other non-empty line is `name hex`, the
/// case's bytes in lowercase hex.
///
/// # Panics
/// On a malformed line, bad hex or a case named twice, naming it.
pub fn hex_vectors(text: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut cases = std::collections::BTreeMap::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (name, hex) = line
            .split_once(' ')
            .unwrap_or_else(|| panic!("malformed vector line: {line}"));
        let bytes = unhex(hex).unwrap_or_else(|| panic!("bad hex in case {name}"));
        let previous = cases.insert(name.to_owned(), bytes);
        assert!(previous.is_none(), "case {name} appears twice");
    }
    cases
}

/// Command output as text (lossy UTF-8), for assertions on what a command printed.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh, empty directory `tlgen-{name}-{pid}` under the system's temporary
/// directory (removed first if a previous run left it).
///
/// # Panics
/// If it cannot be created: a test cannot go on without it.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tlgen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_directory_is_beside_the_repository() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let root = root.canonicalize().unwrap_or(root);
        assert!(root.join("Cargo.toml").is_file(), "{}", root.display());
        let beside = root.parent().map(|p| p.join("shared/schema"));
        assert_eq!(Some(default_schema_dir()), beside);
    }

    #[test]
    fn the_generic_query_is_the_first_plain_function_without_fields() {
        let (_, checked) = tl_parser::check_str(
            "t.tl",
            "a#1 = A;\n---functions---\nf#2 x:int = A;\ng#3 = A;\ninvokeWith#4 {X:Type} query:!X = X;\n",
        );
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        assert_eq!(generic_query_index(&checked.schema), Some(1));
    }
}
