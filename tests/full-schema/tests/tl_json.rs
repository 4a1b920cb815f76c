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

// ------------------------------------------------------------ hostile JSON (issue 23)

/// `serde_json::from_value` as `T`, the error as text (from a `Value`, serde_json
/// adds no position).
fn from_value<T: serde::de::DeserializeOwned>(json: Value) -> Result<T, String> {
    serde_json::from_value(json).map_err(|e| e.to_string())
}

/// `depth` levels of RichText: `depth - 1` textBold around a textEmpty, built
/// without recursion (`json!` would copy the inner value recursively).
fn bolds_json(depth: usize) -> Value {
    (1..depth).fold(json!({"_": "textEmpty"}), |text, _| {
        let mut bold = serde_json::Map::new();
        bold.insert("_".to_owned(), Value::from("textBold"));
        bold.insert("text".to_owned(), text);
        Value::Object(bold)
    })
}

/// Drops a value of `bolds_json` without recursion.
fn drop_bolds(mut json: Value) {
    while let Value::Object(map) = &mut json {
        match map.remove("text") {
            Some(inner) => json = inner,
            None => break,
        }
    }
}

/// The bytes of `bolds_json(depth)`: textBold#6724abc4 ids, then textEmpty#dc3d824f.
fn bolds_bytes(depth: usize) -> Vec<u8> {
    let mut ids = vec![0x6724_abc4_u32; depth - 1];
    ids.push(0xdc3d_824f);
    ids.iter().flat_map(|id| id.to_le_bytes()).collect()
}

#[test]
fn json_nested_10000_deep_is_refused_on_a_small_stack() {
    if !schemas_present() {
        return;
    }
    let limit = format!(
        "at `{}`: nested deeper than the limit of 64 levels",
        ["text"; 64].join(".")
    );
    // Through serde's `Deserialize` for `&Value` (as `from_value` but without
    // dropping the rest of the value, which serde_json does recursively): on
    // 256 KiB of stack, where 10,000 levels of recursion could never fit.
    let deep = bolds_json(10_000);
    let borrowed = std::thread::scope(|s| {
        let thread = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn_scoped(s, || {
                <api::enums::RichText as serde::Deserialize>::deserialize(&deep)
                    .map_err(|e| e.to_string())
                    .err()
            });
        match thread.map(|t| t.join()) {
            Ok(Ok(error)) => error,
            _ => panic!("the reading thread failed"),
        }
    });
    drop_bolds(deep);
    assert_eq!(borrowed.as_deref(), Some(limit.as_str()));
    // `from_value` and `from_str`, 100 levels: past 64, short of serde_json's 128.
    assert_eq!(
        from_value::<api::enums::RichText>(bolds_json(100)).err(),
        Some(limit.clone())
    );
    let text = serde_json::to_string(&bolds_json(100)).unwrap_or_default();
    // The 65th object starts after 64 prefixes of 23 characters
    // (`{"_":"textBold","text":`).
    assert_eq!(
        serde_json::from_str::<api::enums::RichText>(&text)
            .map_err(|e| e.to_string())
            .err(),
        Some(format!("{limit} at line 1 column {}", 64 * 23 + 1))
    );
}

#[test]
fn what_serde_reads_from_bytes_decode_and_the_other_way_round() {
    if !schemas_present() {
        return;
    }
    // 64 levels, the default limit, in both forms.
    let json = bolds_json(64);
    let value = from_value::<api::enums::RichText>(json.clone());
    let bytes = value.as_ref().map(|v| v.to_bytes());
    assert_eq!(bytes, Ok(bolds_bytes(64)));
    let decoded = api::enums::RichText::from_bytes(&bolds_bytes(64)).map_err(|e| e.to_string());
    assert_eq!(decoded.as_ref().ok(), value.as_ref().ok());
    assert_eq!(
        decoded.map(|v| serde_json::to_value(v).ok()),
        Ok(Some(json))
    );
    // 65 levels: refused in both.
    assert_eq!(
        from_value::<api::enums::RichText>(bolds_json(65)).err(),
        Some(format!(
            "at `{}`: nested deeper than the limit of 64 levels",
            ["text"; 64].join(".")
        ))
    );
    assert!(api::enums::RichText::from_bytes(&bolds_bytes(65)).is_err());
    // Vectors count in both: textConcat#7e6260d7 texts:Vector<RichText> is two
    // levels, its body and its vector. 31 of them around a textEmpty: 63 levels.
    let concat = |levels: usize| {
        let mut json = json!({"_": "textEmpty"});
        let mut bytes = 0xdc3d_824f_u32.to_le_bytes().to_vec();
        for _ in 0..levels {
            json = json!({"_": "textConcat", "texts": [json]});
            let mut outer: Vec<u8> = [0x7e62_60d7_u32, 0x1cb5_c415, 1]
                .iter()
                .flat_map(|w| w.to_le_bytes())
                .collect();
            outer.extend(bytes);
            bytes = outer;
        }
        (json, bytes)
    };
    let (json, bytes) = concat(31);
    let value = from_value::<api::enums::RichText>(json);
    assert_eq!(value.as_ref().map(|v| v.to_bytes()), Ok(bytes.clone()));
    assert_eq!(
        api::enums::RichText::from_bytes(&bytes).ok().as_ref(),
        value.as_ref().ok()
    );
    // 32 of them: 65 levels, the last the innermost textEmpty's body (at byte
    // 32 * 12 + 4 of the bytes).
    let (json, bytes) = concat(32);
    assert_eq!(
        from_value::<api::enums::RichText>(json).err(),
        Some(format!(
            "at `{}`: nested deeper than the limit of 64 levels",
            ["texts[0]"; 32].join(".")
        ))
    );
    assert_eq!(
        api::enums::RichText::from_bytes(&bytes),
        Err(tl_runtime::DecodeError::DepthExceeded {
            offset: 388,
            limit: 64
        })
    );
}

#[test]
fn a_flag_field_is_its_bit() {
    if !schemas_present() {
        return;
    }
    // updateNewAuthorization#8951abef flags:# unconfirmed:flags.0?true hash:long
    //   date:flags.0?int device:flags.0?string location:flags.0?string = Update;
    // id; flags = 1; hash = 1; date = 2; device "a" and location "b" (length 1,
    // one byte, 2 of padding).
    let full = tlgen_test_support::unhex(
        "efab5189 01000000 0100000000000000 02000000 01610000 01620000"
            .replace(' ', "")
            .as_str(),
    );
    let group = json!({"_": "updateNewAuthorization", "hash": 1, "date": 2, "device": "a", "location": "b"});
    let with = |key: &str, value: Value| {
        let mut json = group.clone();
        if let Value::Object(map) = &mut json {
            map.insert(key.to_owned(), value);
        }
        json
    };
    let bytes = |json: Value| from_value::<api::enums::Update>(json).map(|v| v.to_bytes());
    assert_eq!(bytes(group.clone()).ok(), full);
    assert_eq!(bytes(with("unconfirmed", json!(true))).ok(), full);
    assert_eq!(bytes(with("flags", json!(1))).ok(), full);
    // Bit 0 clear: id, flags 0, hash.
    assert_eq!(
        bytes(json!({"_": "updateNewAuthorization", "unconfirmed": false, "hash": 1})).ok(),
        tlgen_test_support::unhex("efab5189000000000100000000000000")
    );
    assert_eq!(
        bytes(json!({"_": "updateNewAuthorization", "unconfirmed": true, "hash": 1})),
        Err("at the top level: missing field `date` of `updateNewAuthorization`: `unconfirmed` is true, which sets bit 0 of `flags`, and `date` is on that bit too".to_owned())
    );
    assert_eq!(
        bytes(with("unconfirmed", json!(false))),
        Err("at `unconfirmed`: `unconfirmed` is false, but `date` is given, and both are bit 0 of `flags`: make `unconfirmed` true or leave it out".to_owned())
    );
    assert_eq!(
        bytes(with("flags", json!(0))),
        Err("at `flags`: `flags` is 0x0, but the fields set 0x1: leave `flags` out, it follows from the fields".to_owned())
    );
}

#[test]
fn keys_given_twice_hex_and_base64_are_errors() {
    if !schemas_present() {
        return;
    }
    assert_eq!(
        serde_json::from_str::<api::enums::InputPeer>(
            r#"{"_":"inputPeerUser","user_id":1,"_":"inputPeerChat","access_hash":2}"#
        )
        .map_err(|e| e.to_string())
        .err()
        .as_deref(),
        Some("at the top level: duplicate key `_`: give each key once at line 1 column 69")
    );
    let res_pq = json!({
        "_": "resPQ",
        "nonce": "000102030405060708090a0b0c0d0e0f",
        "server_nonce": "f0e0d0c0b0a090807060504030201000",
        "pq": "F7vHpI0=",
        "server_public_key_fingerprints": []
    });
    let with = |key: &str, value: &str| {
        let mut json = res_pq.clone();
        if let Value::Object(map) = &mut json {
            map.insert(key.to_owned(), Value::from(value));
        }
        from_value::<mtproto::enums::ResPq>(json).err()
    };
    assert_eq!(with("pq", "F7vHpI0="), None);
    assert_eq!(
        with("nonce", "+f+f+f+f+f+f+f+f+f+f+f+f+f+f+f+f").as_deref(),
        Some(
            "at `nonce`: expected 32 hex digits (16 bytes), found \"+f+f+f+f+f+f+f+f+f+f+f+f+f+f+f+f\""
        )
    );
    assert_eq!(
        with("pq", "F7v-pI0/").as_deref(),
        Some(
            "at `pq`: not base64: it mixes the standard alphabet ('/' at 7) with the URL-safe one ('-' at 3): use one"
        )
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
