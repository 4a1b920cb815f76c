//! Writes `$OUT_DIR/decoders.rs`: the table of every decodable type of the
//! generated `api` (api-layer230.tl) and `mtproto` (mtproto.tl) modules of
//! `tlgen-full-schema-tests`: each boxed type (its enum, or `bool` for `Bool`)
//! and each function (generic ones with a concrete query), sorted by name so that
//! a selector in the fuzz input always means the same type. Copies
//! api-layer230.tl to `$OUT_DIR` too, for the `json_encode` target, which reads
//! it at run time.
//!
//! The schemas are read from `$TL_SCHEMA_DIR`, else `../shared/schema` beside the
//! repository (`tlgen_test_support`), and generated with tl-codegen's `Builder`
//! as `tlgen-full-schema-tests` does, for their item paths.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use tl_codegen::{BuildError, Builder};
use tl_parser::Kind;
use tlgen_test_support::{API, MTPROTO, build, generic_query_name};

const MODULES: [(&str, &str); 2] = [("api", API), ("mtproto", MTPROTO)];

fn main() -> Result<(), BuildError> {
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or(BuildError::NoOutDir)?);
    // When a schema is missing, the Builder's error names it.
    let schema_dir = build::schema_dir_rerun_if_changed(&[API, MTPROTO]);
    let api_copy = out_dir.join(API);
    std::fs::copy(schema_dir.join(API), &api_copy).map_err(|source| BuildError::Io {
        path: api_copy,
        source,
    })?;
    // Label -> Rust type, sorted by label.
    let mut table: BTreeMap<String, String> = BTreeMap::new();
    for (module, file) in MODULES {
        // No directives: the rerun lines are printed, and mtproto.tl's
        // three known id warnings need not be repeated on every build.
        let generated = Builder::new()
            .schema(schema_dir.join(file))
            .cargo_directives(false)
            .generate()?;
        let schema = generated.schema();
        let paths = generated.items();
        let root = format!("tlgen_full_schema_tests::{module}");
        // The concrete query of generic functions, as tests/full-schema chooses it.
        let query = generic_query_name(schema)
            .and_then(|name| {
                paths
                    .iter()
                    .find(|p| p.kind == Kind::Function && p.tl_name == name)
            })
            .map(|p| format!("{root}::{}", p.struct_path));
        for p in paths {
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
    std::fs::write(&out, code).map_err(|source| BuildError::Io { path: out, source })
}
