//! Every constructor and function of api-layer230.tl and mtproto.tl: bytes
//! written from the schema by `synth` (independently of the generated code)
//! decode with the generated types and re-encode to the identical bytes, once
//! with every optional field present and once with none.

use tlgen_full_schema_tests::synth::{Flags, Synth};
use tlgen_full_schema_tests::{dispatch, load_schema, schemas_present};

type Dispatch = fn(&str, &[u8]) -> Option<Result<Vec<u8>, tl_runtime::DecodeError>>;

fn round_trip_all(file: &str, dispatch: Dispatch) -> (usize, usize) {
    let schema = &load_schema(file);
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

#[test]
#[cfg(feature = "dialects")]
fn every_tdlib_definition_round_trips() {
    if !schemas_present() {
        return;
    }
    let (definitions, values) = round_trip_all("tdlib-td_api.tl", dispatch::tdlib);
    eprintln!("tdlib-td_api.tl: {definitions} definitions, {values} values round-tripped");
    // The 3,178 lines of reference-ids/tdlib-td_api.txt, less its 7 built-in
    // lines (double, string, int32, int53, int64, bytes, vector).
    assert_eq!(definitions, 2161 + 1010);
}

#[test]
#[cfg(feature = "dialects")]
fn every_ton_lite_definition_round_trips() {
    if !schemas_present() {
        return;
    }
    let (definitions, values) = round_trip_all("ton-lite_api.tl", dispatch::ton);
    eprintln!("ton-lite_api.tl: {definitions} definitions, {values} values round-tripped");
    // The 101 lines of reference-ids/ton-lite_api.txt, less its 10 built-in
    // lines (int, long, double, string, object, function, bytes, vector,
    // int128, int256).
    assert_eq!(definitions, 57 + 34);
}

/// Round-trips random values of each visited type (the generated `Arbitrary`).
#[cfg(feature = "dialects")]
struct RandomRoundTrip {
    values: usize,
    failures: Vec<String>,
}

#[cfg(feature = "dialects")]
impl tl_runtime::arbitrary::Visitor for RandomRoundTrip {
    fn visit<T>(&mut self, tl_name: &'static str)
    where
        T: tl_runtime::arbitrary::Arbitrary
            + tl_runtime::Serialize
            + tl_runtime::Deserialize
            + PartialEq
            + std::fmt::Debug,
    {
        for seed in 0..20 {
            let value = T::arbitrary(&mut tl_runtime::arbitrary::Rng::new(seed), 3);
            let bytes = value.to_bytes();
            self.values += 1;
            if T::from_bytes(&bytes).as_ref() != Ok(&value) {
                self.failures.push(format!("{tl_name} seed {seed}"));
            }
        }
    }
}

#[test]
#[cfg(feature = "dialects")]
fn random_ton_values_with_int256_arrays_round_trip() {
    if !schemas_present() {
        return;
    }
    let mut visitor = RandomRoundTrip {
        values: 0,
        failures: Vec::new(),
    };
    tlgen_full_schema_tests::ton::arbitrary::visit_all(&mut visitor);
    assert!(visitor.failures.is_empty(), "{:#?}", visitor.failures);
    // 20 values of each of the 57 constructors but Bool's two (they are
    // `bool`), and of the 34 functions.
    assert_eq!(visitor.values, 20 * (55 + 34));
}

/// A module's `{module}_json` dispatch function.
#[cfg(feature = "json")]
type JsonDispatch = fn(&str, &[u8]) -> Option<Result<Vec<u8>, String>>;

/// Every definition of `file`, as synthesized bytes (every optional field, none,
/// and three random values), through JSON: decoded, written as JSON, read back
/// (the same value, written as the same JSON) and encoded to the same bytes.
#[cfg(feature = "json")]
fn json_round_trip_all(file: &str, dispatch: JsonDispatch) -> usize {
    let schema = &load_schema(file);
    let mut synth = Synth::new(schema);
    let mut random = Synth::seeded(schema, 7);
    let mut failures = Vec::new();
    let mut values = 0;
    for c in schema.combinators() {
        let mut inputs = vec![
            ("all", synth.boxed(c, Flags::All)),
            ("none", synth.boxed(c, Flags::None)),
        ];
        for _ in 0..3 {
            inputs.push(("random", random.boxed(c, Flags::Random)));
        }
        for (mode, bytes) in inputs {
            values += 1;
            match dispatch(&c.name.full(), &bytes) {
                None => failures.push(format!("{}: no generated type with JSON", c.name)),
                Some(Err(e)) => failures.push(format!("{} ({mode}): {e}", c.name)),
                Some(Ok(out)) if out != bytes => {
                    failures.push(format!("{} ({mode}): bytes differ after JSON", c.name));
                }
                Some(Ok(_)) => {}
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        tlgen_full_schema_tests::first_20(&failures)
    );
    values
}

#[test]
#[cfg(feature = "json")]
fn every_api_layer_230_definition_round_trips_through_json() {
    if !schemas_present() {
        return;
    }
    let values = json_round_trip_all("api-layer230.tl", dispatch::api_json);
    assert_eq!(values, 5 * (1703 + 850));
}

#[test]
#[cfg(feature = "json")]
fn every_mtproto_definition_round_trips_through_json() {
    if !schemas_present() {
        return;
    }
    let values = json_round_trip_all("mtproto.tl", dispatch::mtproto_json);
    assert_eq!(values, 5 * (54 + 10));
}

#[test]
#[cfg(all(feature = "json", feature = "dialects"))]
fn every_tdlib_definition_round_trips_through_json() {
    if !schemas_present() {
        return;
    }
    let values = json_round_trip_all("tdlib-td_api.tl", dispatch::tdlib_json);
    assert_eq!(values, 5 * (2161 + 1010));
}

#[test]
#[cfg(all(feature = "json", feature = "dialects"))]
fn every_ton_lite_definition_round_trips_through_json() {
    if !schemas_present() {
        return;
    }
    let values = json_round_trip_all("ton-lite_api.tl", dispatch::ton_json);
    assert_eq!(values, 5 * (57 + 34));
}
