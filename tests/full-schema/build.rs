//! Generates `api.rs` and `mtproto.rs` from the shared schemas with tl-codegen's
//! `Builder`, plus `dispatch.rs`: for each module a function from TL name to a
//! round trip through the generated type of that name.
//!
//! `api.rs` and `api_pruned.rs` are documented by Telegram's documentation
//! (`../shared/docs/telegram-docs.json`), so that the documented code is
//! compiled with every warning denied and `missing_docs`, and `cargo doc` on
//! this crate checks its links (`.ci/run`).
//!
//! Also api-layer230 pruned (`Builder::keep`): `api_pruned.rs` to a client's
//! root set ([`CLIENT_ROOTS`], with the `arbitrary` module, and dispatched too),
//! `api_join_group_call.rs` to `phone.joinGroupCall` and `api_get_config.rs` to
//! `help.getConfig`. Those three and `dispatch.rs` only with the `round-trip`
//! feature (default): the fuzz targets and benchmarks use `api` and `mtproto`.
//!
//! The code is unformatted (tl-codegen's default without its `format` feature):
//! the modules are only `include!`d, and this keeps the unformatted output
//! compiled (with `deny(warnings)`) and round-tripped.
//!
//! The schemas are read from `$TL_SCHEMA_DIR`, else `../shared/schema` beside the
//! repository (`tlgen_test_support`). When they are missing, empty modules are
//! generated and the `tlgen_schemas_missing` cfg is set, so the tests can say
//! they were skipped.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use tl_codegen::{BuildError, Builder, Generated, ItemPath, JsonForm};
use tl_parser::Kind;
use tlgen_test_support::{API, CLIENT_ROOTS, MTPROTO, TDLIB, TON, build, generic_query_name};

/// The modules: name, schema file, the names it is pruned to (none: the whole
/// schema), whether it has the `arbitrary` module, whether it is documented by
/// Telegram's documentation ([`tlgen_test_support::docs_file`]). `tdlib` and
/// `ton` are generated with the `dialects` feature only.
const MODULES: [(&str, &str, &[&str], bool, bool); 7] = [
    ("api", API, &[], false, true),
    ("mtproto", MTPROTO, &[], false, false),
    ("tdlib", TDLIB, &[], false, false),
    ("ton", TON, &[], true, false),
    ("api_pruned", API, CLIENT_ROOTS, true, true),
    (
        "api_join_group_call",
        API,
        &["phone.joinGroupCall"],
        false,
        false,
    ),
    ("api_get_config", API, &["help.getConfig"], false, false),
];

fn main() -> Result<(), BuildError> {
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or(BuildError::NoOutDir)?);
    let schema_dir = build::schemas(&[API, MTPROTO, TDLIB, TON], "the full-schema tests");
    let mut dispatch = String::new();
    if schema_dir.is_some() {
        println!(
            "cargo:rerun-if-changed={}",
            tlgen_test_support::docs_file().display()
        );
    }
    let round_trip = std::env::var_os("CARGO_FEATURE_ROUND_TRIP").is_some();
    for (module, file, keep, arbitrary, documented) in MODULES {
        let out = out_dir.join(format!("{module}.rs"));
        let dialect = matches!(module, "tdlib" | "ton");
        if !round_trip && !matches!(module, "api" | "mtproto") {
            // Neither generated nor included (the `round-trip` feature).
            continue;
        }
        let wanted = !dialect || std::env::var_os("CARGO_FEATURE_DIALECTS").is_some();
        let Some(dir) = schema_dir.as_ref().filter(|_| wanted) else {
            let _ = writeln!(
                dispatch,
                "/// Not generated (no schema, or a dialect without the `dialects` feature): nothing to dispatch.\npub fn {module}(_: &str, _: &[u8]) -> Option<Result<Vec<u8>, ::tl_runtime::DecodeError>> {{ None }}\n\
                 /// Not generated: nothing to dispatch.\npub fn {module}_json(_: &str, _: &[u8]) -> Option<Result<Vec<u8>, String>> {{ None }}\n\
                 /// Not generated: nothing to dispatch.\n#[cfg(feature = \"json\")]\npub fn {module}_to_json(_: &str, _: &[u8]) -> Option<Result<String, String>> {{ None }}\n\
                 /// Not generated: nothing to dispatch.\n#[cfg(feature = \"json\")]\npub fn {module}_from_json(_: &str, _: ::serde_json::Value) -> Option<Result<Vec<u8>, String>> {{ None }}"
            );
            write(&out, "")?;
            continue;
        };
        // `build::schemas` printed the rerun lines; no directives here, so that
        // mtproto.tl's three known id warnings are not repeated on every build.
        let mut builder = Builder::new();
        let json = keep.is_empty() && std::env::var_os("CARGO_FEATURE_JSON").is_some();
        if json {
            builder = builder.serde(JsonForm::Auto);
        }
        if documented {
            builder = builder.docs(tlgen_test_support::docs_file());
        }
        let generated = builder
            .schema(dir.join(file))
            .keep(keep.iter().copied())
            .arbitrary(arbitrary)
            .cargo_directives(false)
            .generate()?;
        generated.write(&out)?;
        add_dispatch(&mut dispatch, module, file, &generated, json);
    }
    write(&out_dir.join("dispatch.rs"), &dispatch)
}

fn write(path: &Path, text: &str) -> Result<(), BuildError> {
    std::fs::write(path, text).map_err(|source| BuildError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Appends the dispatch functions of `module` to `dispatch`: `{module}` (a TL
/// round trip), and with `json` (else bodies returning `None`)
/// `{module}_json` (a round trip through JSON), `{module}_to_json` (the
/// generated JSON of given bytes) and `{module}_from_json` (the bytes of given
/// JSON).
fn add_dispatch(
    dispatch: &mut String,
    module: &str,
    file: &str,
    generated: &Generated,
    json: bool,
) {
    let schema = generated.schema();
    let items = generated.items();
    // The concrete function standing for `X` in generic functions (the rule
    // `Synth::new` uses too).
    let query_path = generic_query_name(schema)
        .and_then(|name| {
            items
                .iter()
                .find(|p| p.kind == Kind::Function && p.tl_name == name)
        })
        .map(|p| format!("crate::{module}::{}", p.struct_path));
    let query = query_path.as_deref();
    let _ = writeln!(
        dispatch,
        "/// Round trip of the definition named `name` of `{file}` through its generated type.\n\
         pub fn {module}(name: &str, bytes: &[u8]) -> Option<Result<Vec<u8>, ::tl_runtime::DecodeError>> {{"
    );
    write_arms(dispatch, module, items, query, true, "round_trip", "bytes");
    let _ = writeln!(
        dispatch,
        "/// Round trip of the definition named `name` of `{file}` through its generated type and JSON (`None`: not generated with JSON).\n\
         pub fn {module}_json(name: &str, bytes: &[u8]) -> Option<Result<Vec<u8>, String>> {{"
    );
    write_arms(
        dispatch,
        module,
        items,
        query,
        json,
        "json_round_trip",
        "bytes",
    );
    let _ = writeln!(
        dispatch,
        "/// The JSON text the generated code writes for the boxed value `bytes` of definition `name` of `{file}` (`None`: not generated with JSON).\n\
         #[cfg(feature = \"json\")]\n\
         pub fn {module}_to_json(name: &str, bytes: &[u8]) -> Option<Result<String, String>> {{"
    );
    write_arms(dispatch, module, items, query, json, "to_json", "bytes");
    let _ = writeln!(
        dispatch,
        "/// The bytes the generated type of definition `name` of `{file}` reads from `json` and writes (`None`: not generated with JSON).\n\
         #[cfg(feature = \"json\")]\n\
         pub fn {module}_from_json(name: &str, json: ::serde_json::Value) -> Option<Result<Vec<u8>, String>> {{"
    );
    write_arms(dispatch, module, items, query, json, "from_json", "json");
}

/// The body of a dispatch function calling `crate::{helper}::<T>({arg})` for
/// every item (just `None` when not `generated`), and its closing brace.
fn write_arms(
    dispatch: &mut String,
    module: &str,
    items: &[ItemPath],
    query: Option<&str>,
    generated: bool,
    helper: &str,
    arg: &str,
) {
    if !generated {
        let _ = writeln!(dispatch, "let _ = (name, {arg});\nNone\n}}");
        return;
    }
    let _ = writeln!(dispatch, "match name {{");
    for p in items {
        let ty = rust_type(module, p, query);
        let _ = writeln!(
            dispatch,
            "{:?} => Some(crate::{helper}::<{ty}>({arg})),",
            p.tl_name
        );
    }
    let _ = writeln!(dispatch, "_ => None,\n}}\n}}");
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
