//! Sets `tlgen_schemas_missing` when the shared schemas are absent (the rule of
//! `tlgen_test_support::build::schemas`, as in `tests/full-schema/build.rs`), so
//! the benchmarks compile to no-ops instead of failing the workspace build.
//!
//! Also writes `$OUT_DIR/corpus_types.rs`, the broad corpus's dispatch: for every
//! boxed type of api-layer230.tl mapped to an enum, a `match` arm from its TL name
//! to a corpus group of that type on both sides (tlgen's generated enum and
//! grammers-tl-types' enum). tlgen's paths are the `Builder`'s own `ItemPath`s;
//! grammers' are derived with [`grammers_name`], and the compiler checks every one.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use tl_codegen::{BuildError, Builder};
use tl_parser::Kind;
use tlgen_test_support::{API, MTPROTO, build};

fn main() -> Result<(), BuildError> {
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or(BuildError::NoOutDir)?);
    let mut code = String::from(
        "/// The corpus group of TL type `type_name` holding `values` (each a boxed value\n\
         /// of one of its constructors), or `None` when the type has no enum on both sides.\n\
         pub(crate) fn group(type_name: &str, values: Vec<Vec<u8>>) -> Option<Box<dyn Group>> {\n\
         match type_name {\n",
    );
    if let Some(dir) = build::schemas(&[API, MTPROTO], "the benchmarks") {
        let generated = Builder::new()
            .schema(dir.join(API))
            .cargo_directives(false)
            .format(false)
            .generate()?;
        let schema = generated.schema();
        let result_of: BTreeMap<String, &tl_parser::Name> = schema
            .constructors
            .iter()
            .filter_map(|c| Some((c.name.full(), c.result_name()?)))
            .collect();
        // TL type name -> (tlgen enum path, grammers enum path), sorted for a stable file.
        let mut types = BTreeMap::new();
        for item in generated.items() {
            let (Kind::Constructor, Some(enum_path)) = (item.kind, &item.enum_path) else {
                continue;
            };
            let Some(ty) = result_of.get(&item.tl_name) else {
                continue;
            };
            let mut grammers = String::from("grammers_tl_types::enums::");
            for ns in &ty.namespace {
                grammers.push_str(ns);
                grammers.push_str("::");
            }
            grammers.push_str(&grammers_name(&ty.name));
            types.insert(ty.full(), (enum_path.clone(), grammers));
        }
        for (tl, (tlgen, grammers)) in &types {
            let _ = writeln!(
                code,
                "{tl:?} => Some(Typed::<{grammers}, tlgen_full_schema_tests::api::{tlgen}>::boxed({tl:?}, values)),"
            );
        }
    }
    code.push_str("_ => None,\n}\n}\n");
    let path = out_dir.join("corpus_types.rs");
    std::fs::write(&path, code).map_err(|source| BuildError::Io { path, source })
}

/// The Rust name grammers-tl-gen gives a TL type (without its namespace): each
/// `_` is dropped and starts a capitalised word, the first letter is upper case,
/// and a letter right after an upper-case letter is lower-cased (so `JSONValue`
/// becomes `Jsonvalue`); other letters keep their case.
fn grammers_name(tl: &str) -> String {
    let mut out = String::with_capacity(tl.len());
    let mut word_start = true;
    let mut after_upper = false;
    for c in tl.chars() {
        if c == '_' {
            word_start = true;
            continue;
        }
        if word_start {
            out.push(c.to_ascii_uppercase());
            word_start = false;
            after_upper = true;
        } else if after_upper {
            out.push(c.to_ascii_lowercase());
            after_upper = c.is_ascii_uppercase();
        } else {
            out.push(c);
            after_upper = c.is_ascii_uppercase();
        }
    }
    out
}
