//! Generates `api.rs` and `mtproto.rs` from the shared schemas, plus
//! `dispatch.rs`: for each module a function from TL name to a round trip
//! through the generated type of that name.
//!
//! The schemas are read from `$TL_SCHEMA_DIR`, else `../../../shared/schema`.
//! When they are missing, empty modules are generated and the
//! `tlgen_schemas_missing` cfg is set, so the tests can say they were skipped.

#[path = "src/generic_query.rs"]
mod generic_query;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use tl_codegen::{ItemPath, Options, item_paths};
use tl_parser::{Kind, Sources, check};

/// The two modules: name and schema file.
const MODULES: [(&str, &str); 2] = [("api", "api-layer230.tl"), ("mtproto", "mtproto.tl")];

fn main() {
    println!("cargo::rustc-check-cfg=cfg(tlgen_schemas_missing)");
    println!("cargo::rerun-if-env-changed=TL_SCHEMA_DIR");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let schema_dir = std::env::var_os("TL_SCHEMA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../../../shared/schema"));
    let mut dispatch = String::new();
    let present = MODULES
        .iter()
        .all(|(_, file)| schema_dir.join(file).is_file());
    if !present {
        println!("cargo::rustc-cfg=tlgen_schemas_missing");
        println!(
            "cargo::warning=schemas not found in {}: the full-schema tests will be skipped",
            schema_dir.display()
        );
    }
    for (module, file) in MODULES {
        let path = schema_dir.join(file);
        println!("cargo::rerun-if-changed={}", path.display());
        let code = if present {
            generate(&path, file, module, &mut dispatch)
        } else {
            let _ = writeln!(
                dispatch,
                "/// No schema: nothing to dispatch.\npub fn {module}(_: &str, _: &[u8]) -> Option<Result<Vec<u8>, ::tl_runtime::DecodeError>> {{ None }}"
            );
            String::new()
        };
        write(&out_dir.join(format!("{module}.rs")), &code);
    }
    write(&out_dir.join("dispatch.rs"), &dispatch);
}

fn write(path: &Path, text: &str) {
    if let Err(e) = std::fs::write(path, text) {
        panic!("cannot write {}: {e}", path.display());
    }
}

fn generate(path: &Path, file: &str, module: &str, dispatch: &mut String) -> String {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => panic!("cannot read {}: {e}", path.display()),
    };
    let mut sources = Sources::new();
    sources.add(file, text);
    let checked = check(&sources);
    if checked.has_errors() {
        let rendered: String = checked
            .diagnostics
            .iter()
            .map(|d| d.render_plain(&sources))
            .collect();
        panic!("{file} has errors:\n{rendered}");
    }
    let schema = &checked.schema;
    // Unformatted: these modules are only `include!`d, and this keeps the
    // unformatted output compiled (with `deny(warnings)`) and round-tripped.
    let mut options = Options::default();
    options.format = false;
    let code = match tl_codegen::generate(schema, &options) {
        Ok(code) => code,
        Err(diagnostics) => {
            let rendered: String = diagnostics
                .iter()
                .map(|d| d.render_plain(&sources))
                .collect();
            panic!("cannot generate {file}:\n{rendered}");
        }
    };
    // The concrete function standing for `X` in generic functions (the rule
    // `Synth::new` uses too).
    let query = generic_query::generic_query_index(schema);
    let paths = item_paths(schema);
    let query_path = query
        .and_then(|i| paths.iter().filter(|p| p.kind == Kind::Function).nth(i))
        .map(|p| format!("crate::{module}::{}", p.struct_path));
    let _ = writeln!(
        dispatch,
        "/// Round trip of the definition named `name` of `{file}` through its generated type.\n\
         pub fn {module}(name: &str, bytes: &[u8]) -> Option<Result<Vec<u8>, ::tl_runtime::DecodeError>> {{\n\
         match name {{"
    );
    for p in &paths {
        let ty = rust_type(module, p, query_path.as_deref());
        let _ = writeln!(
            dispatch,
            "{:?} => Some(crate::round_trip::<{ty}>(bytes)),",
            p.tl_name
        );
    }
    let _ = writeln!(dispatch, "_ => None,\n}}\n}}");
    code
}

/// The type to decode a definition's bytes as.
fn rust_type(module: &str, p: &ItemPath, query: Option<&str>) -> String {
    match (p.kind, &p.enum_path) {
        (Kind::Constructor, Some(e)) => format!("crate::{module}::{e}"),
        (Kind::Constructor, None) => "bool".to_owned(),
        (Kind::Function, _) if p.generic => {
            format!(
                "crate::{module}::{}<{}>",
                p.struct_path,
                query.unwrap_or("()")
            )
        }
        (Kind::Function, _) => format!("crate::{module}::{}", p.struct_path),
    }
}
