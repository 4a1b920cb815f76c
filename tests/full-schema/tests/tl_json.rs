//! The lossless JSON form of Telegram's schemas (`api`, `mtproto`), checked
//! against bytes worked out by hand from the TL spec, its strictness, and
//! hostile JSON fed to the deserializers of both forms.
#![cfg(feature = "json")]

use proptest::prelude::*;
use serde_json::{Value, json};
use tl_runtime::{Deserialize as _, Serialize as _};
use tlgen_full_schema_tests::schemas_present;
use tlgen_full_schema_tests::{api, mtproto};

#[test]
fn update_short_message_reads_as_the_bytes_the_spec_gives() {
    if !schemas_present() {
        return;
    }
    let json = json!({
        "_": "updateShortMessage", "out": true, "silent": true, "id": 5,
        "user_id": 777_000, "message": "hi", "pts": 1, "pts_count": 1,
        "date": 1_700_000_000, "via_bot_id": 9
    });
    let value: api::enums::Updates =
        serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("{e}"));
    // updateShortMessage#313bc7f8; flags = out (bit 1) | via_bot_id (bit 11) |
    // silent (bit 13) = 0x2802; id; user_id (long); "hi" (length byte, two
    // bytes, one of padding); pts; pts_count; date; via_bot_id (long).
    let expected = tlgen_test_support::unhex(
        "f8c73b31 02280000 05000000 28db0b0000000000 02686900 01000000 01000000 00f15365 0900000000000000"
            .replace(' ', "")
            .as_str(),
    );
    assert_eq!(Some(value.to_bytes()), expected);
    assert_eq!(serde_json::to_value(&value).ok(), Some(json));
}

#[test]
fn int128_as_hex_bytes_as_base64_longs_as_numbers() {
    if !schemas_present() {
        return;
    }
    let json = json!({
        "_": "resPQ",
        "nonce": "000102030405060708090a0b0c0d0e0f",
        "server_nonce": "f0e0d0c0b0a090807060504030201000",
        "pq": "F7vHpI0=",
        "server_public_key_fingerprints": [-4_344_800_451_088_585_951_i64, 1]
    });
    let value: mtproto::types::ResPq =
        serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(value.pq, [0x17, 0xbb, 0xc7, 0xa4, 0x8d]);
    // resPQ#05162463, the two int128 in wire order, pq as TL bytes (length 5,
    // 5 bytes, 2 of padding), Vector<long> (0x1cb5c415, count 2, the longs).
    let expected = tlgen_test_support::unhex(
        &[
            "63241605",
            "000102030405060708090a0b0c0d0e0f",
            "f0e0d0c0b0a090807060504030201000",
            "0517bbc7a48d0000",
            "15c4b51c02000000",
            "216be86c022bb4c3",
            "0100000000000000",
        ]
        .concat(),
    );
    assert_eq!(Some(value.to_bytes()), expected);
    assert_eq!(serde_json::to_value(&value).ok(), Some(json));
}

#[test]
fn the_lossless_form_is_strict() {
    if !schemas_present() {
        return;
    }
    let error = |json: Value| match serde_json::from_value::<api::enums::InputPeer>(json) {
        Ok(value) => panic!("read {value:?}"),
        Err(e) => e.to_string(),
    };
    assert_eq!(
        error(json!({"_": "inputPeerUser", "user_id": 1, "access_hash": 2, "acess": 3})),
        "at the top level: `inputPeerUser` has no field `acess`"
    );
    assert_eq!(
        error(json!({"_": "inputPeerUser", "user_id": 1})),
        "at the top level: missing field `access_hash` of `inputPeerUser`"
    );
    assert_eq!(
        error(json!({"_": "inputPeerUser", "user_id": 1, "access_hash": null})),
        "at `access_hash`: `access_hash` of `inputPeerUser` is null, which the schema does not allow"
    );
    assert_eq!(
        error(
            json!({"_": "inputPeerChannelFromMessage", "msg_id": 1, "channel_id": 2,
                     "peer": {"_": "inputPeerUser", "user_id": "x", "access_hash": 2}})
        ),
        "at `peer.user_id`: \"x\" is not a 64-bit integer"
    );
    assert_eq!(
        error(json!({"@type": "inputPeerSelf"})),
        "at the top level: missing `_`: an object of `InputPeer` must name its constructor"
    );
    // A struct read directly needs no tag, and rejects another one.
    let read: Result<api::types::InputPeerUser, _> =
        serde_json::from_value(json!({"user_id": 1, "access_hash": 2}));
    assert!(read.is_ok());
    let read: Result<api::types::InputPeerUser, _> =
        serde_json::from_value(json!({"_": "inputPeerChat", "user_id": 1, "access_hash": 2}));
    assert_eq!(
        read.err().map(|e| e.to_string()).as_deref(),
        Some(
            "at the top level: expected an object of `inputPeerUser`, found `_`: \"inputPeerChat\""
        )
    );
}

#[test]
fn nesting_beyond_the_parser_limit_is_an_error() {
    if !schemas_present() {
        return;
    }
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(serde_json::from_str::<api::enums::Updates>(&deep).is_err());
    let mut nested = String::from(r#"{"_":"inputPeerSelf"}"#);
    for _ in 0..200 {
        nested = format!(
            r#"{{"_":"inputPeerChannelFromMessage","peer":{nested},"msg_id":1,"channel_id":2}}"#
        );
    }
    assert!(serde_json::from_str::<api::enums::InputPeer>(&nested).is_err());
    assert!(
        serde_json::from_str::<api::enums::InputPeer>(r#"{"_":"inputPeerChat","chat_id":1e400}"#)
            .is_err()
    );
}

/// Any JSON value, nested a few levels, with the keys and tags the schemas use
/// mixed in so that the deserializers get past their first checks.
fn any_json() -> impl Strategy<Value = Value> {
    let keys = prop::sample::select(vec![
        "_",
        "@type",
        "id",
        "peer",
        "message",
        "flags",
        "user_id",
        "access_hash",
        "updates",
        "users",
        "chats",
        "date",
        "entities",
        "text",
        "content",
        "pts",
        "x",
    ]);
    let tags = prop::sample::select(vec![
        "updates",
        "updateShort",
        "updateNewMessage",
        "message",
        "messageText",
        "inputPeerUser",
        "formattedText",
        "textEntity",
        "peerUser",
        "updateShortMessage",
        "messageEmpty",
        "nope",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "[ -~]{0,12}".prop_map(Value::String),
        tags.clone().prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            (
                tags.clone(),
                prop::collection::vec((keys.clone(), inner), 0..8)
            )
                .prop_map(|(tag, entries)| {
                    let mut map: serde_json::Map<String, Value> = entries
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect();
                    map.entry("_").or_insert_with(|| Value::from(tag));
                    map.entry("@type").or_insert_with(|| Value::from(tag));
                    Value::Object(map)
                }),
        ]
    })
}

/// Reads `json` as each type: any result but a panic.
fn read_all(json: &Value) {
    let _ = serde_json::from_value::<api::enums::Updates>(json.clone());
    let _ = serde_json::from_value::<api::enums::Message>(json.clone());
    let _ = serde_json::from_value::<api::types::UpdateShortMessage>(json.clone());
    let _ = serde_json::from_value::<mtproto::enums::ResPq>(json.clone());
    #[cfg(feature = "dialects")]
    {
        use tlgen_full_schema_tests::tdlib;
        let _ = serde_json::from_value::<tdlib::enums::Update>(json.clone());
        let _ = serde_json::from_value::<tdlib::types::Message>(json.clone());
        let _ = serde_json::from_value::<tl_runtime::json::Envelope<tdlib::enums::Update>>(
            json.clone(),
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_json_never_panics(json in any_json()) {
        if schemas_present() {
            read_all(&json);
        }
    }

    /// A valid value's JSON with one node replaced by arbitrary JSON.
    #[test]
    fn damaged_values_never_panic(path in prop::collection::vec(any::<prop::sample::Index>(), 0..6), junk in any_json()) {
        if !schemas_present() {
            return Ok(());
        }
        let bytes = tlgen_test_support::unhex(
            "f8c73b31820800000500000028db0b000000000002686900010000000100000000f15365090000000000000015c4b51c01000000c90b61bd0000000002000000",
        ).unwrap_or_default();
        let mut json = api::enums::Updates::from_bytes(&bytes)
            .ok()
            .and_then(|v| serde_json::to_value(&v).ok())
            .unwrap_or(Value::Null);
        prop_assert!(json.is_object(), "the base value did not decode");
        // The JSON pointer of the node `path` leads to.
        let mut pointer = String::new();
        let mut node = &json;
        for step in &path {
            let next = match node {
                Value::Object(map) if !map.is_empty() => {
                    let key = map.keys().nth(step.index(map.len())).cloned().unwrap_or_default();
                    pointer.push('/');
                    pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                    map.get(&key)
                }
                Value::Array(items) if !items.is_empty() => {
                    let at = step.index(items.len());
                    pointer.push_str(&format!("/{at}"));
                    items.get(at)
                }
                _ => None,
            };
            match next {
                Some(next) => node = next,
                None => break,
            }
        }
        if let Some(node) = json.pointer_mut(&pointer) {
            *node = junk;
        }
        read_all(&json);
    }
}
