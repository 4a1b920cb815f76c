//! Writes `$OUT_DIR/decoders.rs`: the table of every decodable type of the
//! generated `api` (api-layer230.tl) and `mtproto` (mtproto.tl) modules of
//! `tlgen-full-schema-tests`: each boxed type (its enum, or `bool` for `Bool`)
//! and each function (generic ones with a concrete query), sorted by name so that
//! a selector in the fuzz input always means the same type.
//!
//! The schemas are read from `$TL_SCHEMA_DIR`, else `../../shared/schema`.

#[path = "../tests/full-schema/src/generic_query.rs"]
mod generic_query;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use tl_codegen::item_paths;
use tl_parser::{Kind, Sources, check};

const MODULES: [(&str, &str); 2] = [("api", "api-layer230.tl"), ("mtproto", "mtproto.tl")];

fn main() {
    println!("cargo::rerun-if-env-changed=TL_SCHEMA_DIR");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let schema_dir = std::env::var_os("TL_SCHEMA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../../shared/schema"));
    // Label -> Rust type, sorted by label.
    let mut table: BTreeMap<String, String> = BTreeMap::new();
    for (module, file) in MODULES {
        let path = schema_dir.join(file);
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let mut sources = Sources::new();
        sources.add(file, text);
        let checked = check(&sources);
        assert!(!checked.has_errors(), "{file} has errors");
        let schema = &checked.schema;
        let root = format!("tlgen_full_schema_tests::{module}");
        let paths = item_paths(schema);
        // The concrete query of generic functions, as tests/full-schema chooses it.
        let query = generic_query::generic_query_index(schema)
            .and_then(|i| paths.iter().filter(|p| p.kind == Kind::Function).nth(i))
            .map(|p| format!("{root}::{}", p.struct_path));
        for p in &paths {
            match p.kind {
                Kind::Constructor => {
                    let Some(type_name) = schema
                        .constructors
                        .iter()
                        .find(|c| c.name.full() == p.tl_name)
                        .and_then(|c| c.result_name())
                    else {
                        continue;
                    };
                    let rust = p
                        .enum_path
                        .as_ref()
                        .map_or_else(|| "bool".to_owned(), |e| format!("{root}::{e}"));
                    table.insert(format!("{module}:{}", type_name.full()), rust);
                }
                Kind::Function => {
                    let mut rust = format!("{root}::{}", p.struct_path);
                    if p.generic {
                        let _ = write!(rust, "<{}>", query.as_deref().unwrap_or("()"));
                    }
                    table.insert(format!("{module}:{}", p.tl_name), rust);
                }
            }
        }
    }
    let mut code = String::from(
        "/// Every decodable type: (label, check).\npub static DECODERS: &[(&str, Check)] = &[\n",
    );
    for (label, rust) in &table {
        let _ = writeln!(code, "    ({label:?}, check::<{rust}>),");
    }
    code.push_str("];\n");
    let out = out_dir.join("decoders.rs");
    std::fs::write(&out, code).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
