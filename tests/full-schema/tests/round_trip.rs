//! Every constructor and function of api-layer230.tl and mtproto.tl: bytes
//! written from the schema by `synth` (independently of the generated code)
//! decode with the generated types and re-encode to the identical bytes, once
//! with every optional field present and once with none.

use tl_parser::{Sources, check};
use tlgen_full_schema_tests::dispatch;
use tlgen_full_schema_tests::synth::{Flags, Synth};

type Dispatch = fn(&str, &[u8]) -> Option<Result<Vec<u8>, tl_runtime::DecodeError>>;

fn schemas_present() -> bool {
    if cfg!(tlgen_schemas_missing) {
        assert!(
            std::env::var_os("CI").is_none(),
            "the shared schemas are missing under CI"
        );
        eprintln!(
            "skipped: the shared schemas were not found when this crate was built (set TL_SCHEMA_DIR)"
        );
        return false;
    }
    true
}

fn schema_dir() -> std::path::PathBuf {
    std::env::var_os("TL_SCHEMA_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/schema")
        })
}

fn round_trip_all(file: &str, dispatch: Dispatch) -> (usize, usize) {
    let text = std::fs::read_to_string(schema_dir().join(file)).unwrap_or_default();
    let mut sources = Sources::new();
    sources.add(file, text);
    let checked = check(&sources);
    assert!(!checked.has_errors());
    let schema = &checked.schema;
    let mut synth = Synth::new(schema);
    let mut failures = Vec::new();
    let mut values = 0;
    for c in schema.combinators() {
        for flags in [Flags::All, Flags::None] {
            let bytes = synth.boxed(c, flags);
            values += 1;
            match dispatch(&c.name.full(), &bytes) {
                None => failures.push(format!("{}: no generated type", c.name)),
                Some(Err(e)) => {
                    failures.push(format!("{} ({flags:?}): decoding failed: {e}", c.name))
                }
                Some(Ok(out)) if out != bytes => {
                    failures.push(format!("{} ({flags:?}): re-encoded bytes differ", c.name));
                }
                Some(Ok(_)) => {}
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    (schema.constructors.len() + schema.functions.len(), values)
}

#[test]
fn every_api_layer_230_definition_round_trips() {
    if !schemas_present() {
        return;
    }
    let (definitions, values) = round_trip_all("api-layer230.tl", dispatch::api);
    eprintln!("api-layer230.tl: {definitions} definitions, {values} values round-tripped");
    assert_eq!(definitions, 1703 + 850);
}

#[test]
fn every_mtproto_definition_round_trips() {
    if !schemas_present() {
        return;
    }
    let (definitions, values) = round_trip_all("mtproto.tl", dispatch::mtproto);
    eprintln!("mtproto.tl: {definitions} definitions, {values} values round-tripped");
    assert_eq!(definitions, 54 + 10);
}
