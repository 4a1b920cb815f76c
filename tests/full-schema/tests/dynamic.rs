//! `tlgen decode`/`encode` (`tl_codegen::dynamic`, a schema read at run time)
//! against the generated serde code of the same schemas:
//!
//! - `dynamic_json_is_the_generated_json`: random values of every definition of
//!   api-layer230 and mtproto (tests/full-schema/src/synth.rs, every flag
//!   pattern) decode to the JSON the generated code writes, and encode back to
//!   their bytes (the Telethon corpus gets the same check in `differential`);
//! - `hostile_bytes_*`: random and damaged bytes never panic, and the dynamic
//!   decoder accepts exactly what the generated decoder accepts, with the same
//!   JSON; errors name an offset inside the input;
//! - `hostile_json_*`: damaged JSON never panics, and the dynamic encoder accepts
//!   exactly what the generated code reads, with the same bytes;
//! - `depth_is_limited_both_ways` and `unknown_ids_are_named`: the limits and
//!   the error messages.
#![cfg(feature = "json")]

use proptest::prelude::*;
use serde_json::Value;
use std::sync::LazyLock;
use tl_codegen::dynamic::{Dynamic, Target};
use tl_codegen::json::Layouts;
use tl_parser::Schema;
use tlgen_full_schema_tests::synth::{Flags, Synth};
use tlgen_full_schema_tests::{
    dispatch, dynamic_agrees, dynamic_target, load_schema, schemas_present,
};

type ToJson = fn(&str, &[u8]) -> Option<Result<String, String>>;
type FromJson = fn(&str, Value) -> Option<Result<Vec<u8>, String>>;

struct Module {
    schema: Schema,
    layouts: Layouts,
    to_json: ToJson,
    from_json: FromJson,
}

fn module(file: &str, to_json: ToJson, from_json: FromJson) -> Module {
    let schema = load_schema(file);
    let layouts = Layouts::of(&schema).expect("layouts");
    Module {
        schema,
        layouts,
        to_json,
        from_json,
    }
}

/// api-layer230, read once for all the cases.
fn api() -> &'static Module {
    static API: LazyLock<Module> = LazyLock::new(|| {
        module(
            "api-layer230.tl",
            dispatch::api_to_json,
            dispatch::api_from_json,
        )
    });
    &API
}

/// mtproto, read once.
fn mtproto() -> &'static Module {
    static MTPROTO: LazyLock<Module> = LazyLock::new(|| {
        module(
            "mtproto.tl",
            dispatch::mtproto_to_json,
            dispatch::mtproto_from_json,
        )
    });
    &MTPROTO
}

#[test]
fn dynamic_json_is_the_generated_json() {
    if !schemas_present() {
        return;
    }
    for m in [api(), mtproto()] {
        let dynamic = Dynamic::new(&m.layouts);
        let mut synth = Synth::seeded(&m.schema, 7);
        let mut values = 0;
        let mut failures = Vec::new();
        for c in m.schema.combinators() {
            if !synth.can_build(c) {
                continue;
            }
            let name = c.name.full();
            for flags in [Flags::All, Flags::None, Flags::Random, Flags::Random] {
                let bytes = synth.boxed(c, flags);
                let generated = match (m.to_json)(&name, &bytes) {
                    Some(Ok(json)) => json,
                    Some(Err(e)) => {
                        failures.push(format!("{name}: generated: {e}"));
                        continue;
                    }
                    None => continue,
                };
                values += 1;
                if let Err(e) = dynamic_agrees(&dynamic, &m.layouts, &name, &bytes, &generated) {
                    failures.push(format!("{name}: {e}"));
                }
            }
        }
        eprintln!(
            "dynamic: {values} values compared, {} failures",
            failures.len()
        );
        assert!(
            values > 1000 || m.schema.constructors.len() < 200,
            "only {values} values"
        );
        assert!(
            failures.is_empty(),
            "{} failures, the first:\n{}",
            failures.len(),
            failures
                .iter()
                .take(10)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// Random values of a few definitions with nesting, flags, vectors and bytes.
const SAMPLES: [&str; 6] = [
    "updateShortMessage",
    "messages.messages",
    "user",
    "messages.sendMessage",
    "invokeWithLayer",
    "config",
];

fn samples(m: &Module, seed: u64) -> Vec<(String, Vec<u8>)> {
    let mut synth = Synth::seeded(&m.schema, seed);
    let mut out = Vec::new();
    for c in m.schema.combinators() {
        if SAMPLES.contains(&c.name.full().as_str()) && synth.can_build(c) {
            out.push((c.name.full(), synth.boxed(c, Flags::Random)));
        }
    }
    out
}

/// The dynamic decoder and the generated one on `bytes`: both reject, or
/// both accept with the same JSON.
fn same_verdict_on_bytes(
    m: &Module,
    dynamic: &Dynamic<'_>,
    name: &str,
    bytes: &[u8],
) -> Result<(), TestCaseError> {
    let target = dynamic_target(&m.layouts, name).map_err(TestCaseError::fail)?;
    let ours = dynamic.decode(&target, bytes);
    let theirs =
        (m.to_json)(name, bytes).ok_or_else(|| TestCaseError::fail("no generated type"))?;
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => prop_assert_eq!(&dynamic.to_json(a, false), b),
        (Err(e), Err(_)) => {
            prop_assert!(e.offset <= bytes.len(), "{e} beyond {} bytes", bytes.len())
        }
        _ => prop_assert!(false, "{name}: dynamic {ours:?}, generated {theirs:?}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn hostile_bytes_random(bytes in proptest::collection::vec(any::<u8>(), 0..256), which in 0..SAMPLES.len()) {
        if !schemas_present() {
            return Ok(());
        }
        let m = api();
        let dynamic = Dynamic::new(&m.layouts);
        let name = SAMPLES[which];
        // Start with the right id, so that decoding goes past it.
        let mut input = m.layouts.constructor(name).or_else(|| m.layouts.function(name)).map(|d| d.id.to_le_bytes().to_vec()).unwrap_or_default();
        input.extend_from_slice(&bytes);
        same_verdict_on_bytes(m, &dynamic, name, &input)?;
    }

    #[test]
    fn hostile_bytes_damaged(seed in 1u64..1000, at in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<bool>()) {
        if !schemas_present() {
            return Ok(());
        }
        let m = api();
        let dynamic = Dynamic::new(&m.layouts);
        for (name, mut bytes) in samples(m, seed) {
            let i = at.index(bytes.len());
            if cut {
                bytes.truncate(i);
            } else {
                bytes[i] = byte;
            }
            same_verdict_on_bytes(m, &dynamic, &name, &bytes)?;
        }
    }

    #[test]
    fn hostile_json_damaged(seed in 1u64..1000, pick in any::<prop::sample::Index>(), replacement in json_leaf()) {
        if !schemas_present() {
            return Ok(());
        }
        let m = api();
        let dynamic = Dynamic::new(&m.layouts);
        for (name, bytes) in samples(m, seed) {
            let target = dynamic_target(&m.layouts, &name).map_err(TestCaseError::fail)?;
            let Ok(mut json) = dynamic.decode(&target, &bytes) else {
                return Err(TestCaseError::fail(format!("{name} does not decode")));
            };
            let n = pick.index(count(&json));
            damage(&mut json, n, &replacement);
            let ours = dynamic.encode(&target, &json);
            let theirs = (m.from_json)(&name, json.clone()).ok_or_else(|| TestCaseError::fail("no generated type"))?;
            match (&ours, &theirs) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                (Err(_), Err(_)) => {}
                // The generated `invokeWithLayer<X>` knows `X`; a schema read at
                // run time needs the tag to know which function it is.
                (Err(e), Ok(_)) if e.message().contains("`!X` must name its constructor") => {}
                _ => prop_assert!(false, "{name}: {json}\ndynamic {ours:?}\ngenerated {theirs:?}"),
            }
        }
    }
}

/// JSON values to put in place of one in a document.
fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[a-zA-Z0-9_.=+/]{0,12}".prop_map(Value::from),
        Just(Value::Array(vec![Value::from(1)])),
        Just(serde_json::json!({"_": "inputPeerEmpty"})),
        Just(serde_json::json!({})),
    ]
}

/// How many values `json` holds, itself included.
fn count(json: &Value) -> usize {
    1 + match json {
        Value::Array(items) => items.iter().map(count).sum(),
        Value::Object(map) => map.values().map(count).sum(),
        _ => 0,
    }
}

/// Replaces value number `n` (pre-order) of `json` with `with`; the root
/// stays an object, and removing a key is one of the damages too (`null`).
fn damage(json: &mut Value, mut n: usize, with: &Value) {
    fn walk(json: &mut Value, n: &mut usize, with: &Value) -> bool {
        if *n == 0 {
            *json = with.clone();
            return true;
        }
        *n -= 1;
        match json {
            Value::Array(items) => items.iter_mut().any(|v| walk(v, n, with)),
            Value::Object(map) => map.values_mut().any(|v| walk(v, n, with)),
            _ => false,
        }
    }
    n = n.max(1);
    walk(json, &mut n, with);
}

#[test]
fn depth_is_limited_both_ways() {
    if !schemas_present() {
        return;
    }
    let m = api();
    let dynamic = Dynamic::new(&m.layouts).limits(tl_runtime::Limits { max_depth: 2 });
    let target = Target::parse(&m.layouts, "Updates", false).expect("Updates");
    // updateShort#78d4dec1 update:(updateUserStatus user_id:long status:userStatusEmpty) date:int
    let mut bytes = Vec::new();
    for word in [0x78d4_dec1_u32, 0xe5bd_f8de] {
        bytes.extend_from_slice(&word.to_le_bytes());
    }
    bytes.extend_from_slice(&5_i64.to_le_bytes());
    bytes.extend_from_slice(&0x09d0_5049_u32.to_le_bytes());
    bytes.extend_from_slice(&7_i32.to_le_bytes());
    let e = dynamic.decode(&target, &bytes).expect_err("three levels");
    // The body of `userStatusEmpty`, after its id.
    assert_eq!(e.offset, 20);
    assert_eq!(e.path, "update.status");
    assert_eq!(
        e.to_string(),
        "at `update.status`: value at byte 20 is nested deeper than the limit of 2 levels"
    );
    let json = Dynamic::new(&m.layouts)
        .decode(&target, &bytes)
        .expect("decodes");
    assert_eq!(
        json,
        serde_json::json!({"_": "updateShort", "date": 7, "update": {"_": "updateUserStatus", "user_id": 5, "status": {"_": "userStatusEmpty"}}})
    );
    let e = dynamic.encode(&target, &json).expect_err("three levels");
    assert_eq!(
        e.to_string(),
        "at `update.status`: nested deeper than the limit of 2 levels"
    );
}

#[test]
fn unknown_ids_are_named() {
    if !schemas_present() {
        return;
    }
    let (a, mt) = (api(), mtproto());
    let dynamic = Dynamic::new(&a.layouts).other("mtproto.tl", &mt.layouts);
    let target = Target::parse(&a.layouts, "Updates", false).expect("Updates");
    let rpc_result = 0xf35c_6d01_u32.to_le_bytes();
    let e = dynamic
        .decode(&target, &rpc_result)
        .expect_err("not an update");
    assert_eq!(
        e.to_string(),
        "unknown constructor id 0xf35c6d01 at byte 0 for type Updates (it is `rpc_result` of mtproto.tl)"
    );
    let user_empty = 0xd3bc_4b7a_u32.to_le_bytes();
    let e = dynamic
        .decode(&target, &user_empty)
        .expect_err("not an update");
    assert_eq!(
        e.to_string(),
        "unknown constructor id 0xd3bc4b7a at byte 0 for type Updates (it is `userEmpty`, of type User: use --type User)"
    );
}
