//! What `tl_runtime::json` refuses in any JSON, whatever the schema: keys given
//! twice, nesting past the limit (every object and array one level), flag
//! fields that contradict each other, hex and base64 that are not; and what
//! reading costs, measured by a counting global allocator (for the current
//! thread only, while a check runs).
#![cfg(feature = "serde")]

use tlgen_test_support::alloc::{Counting, measure};

use serde_json::{Value, json};
use tl_runtime::Limits;
use tl_runtime::json::{Bytes, Codec, Double, Fixed, Form, Json, JsonObject, Path, Reader};

// ------------------------------------------------------------------ counting allocator

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f`; returns its result and the most bytes it had allocated at once.
fn peak<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let (value, allocated) = measure(f);
    (value, allocated.peak)
}

// ------------------------------------------------------------------ helpers

/// Reads `text` as the JSON readers do; the error as text.
fn read(text: &str, limits: Limits) -> Result<Json, String> {
    let mut parser = serde_json::Deserializer::from_str(text);
    let json = Json::read(&mut parser, limits).map_err(|e| e.to_string())?;
    parser.end().map_err(|e| e.to_string())?;
    Ok(json)
}

/// The entries of the object `value`.
fn object(value: Value) -> JsonObject {
    match Json::from_value(&value, Limits::default()) {
        Ok(Json::Object(object)) => object,
        other => panic!("not an object: {other:?}"),
    }
}

/// `Codec::read` of `C` on the string `text`, in the lossless form.
fn read_string<C: Codec>(text: &str) -> Result<C::Value, String> {
    C::read(Json::String(text.into()), Form::Tl, &Path::root()).map_err(|e| e.to_string())
}

// ------------------------------------------------------------------ keys

#[test]
fn a_key_given_twice_is_an_error_naming_it_and_its_object() {
    // The error is raised where the object ends: `}` is column 17.
    assert_eq!(
        read(r#"{"_":"a","_":"b"}"#, Limits::default())
            .err()
            .as_deref(),
        Some("at the top level: duplicate key `_`: give each key once at line 1 column 17")
    );
    assert_eq!(
        read(r#"{"a":[{"x":1,"y":2,"x":3}]}"#, Limits::default())
            .err()
            .as_deref(),
        Some("at `a[0]`: duplicate key `x`: give each key once at line 1 column 25")
    );
    // Past 32 keys the check sorts: the key repeated first is named.
    let mut keys: Vec<String> = (0..40).map(|i| format!("\"k{i:02}\":{i}")).collect();
    keys.push("\"k07\":0".to_owned());
    keys.push("\"k03\":0".to_owned());
    let text = format!("{{\"o\":{{{}}}}}", keys.join(","));
    let error = read(&text, Limits::default()).err().unwrap_or_default();
    assert!(
        error.starts_with("at `o`: duplicate key `k07`: give each key once at line 1 column "),
        "{error}"
    );
    // The same keys once each are fine.
    assert!(read(r#"{"_":"a","b":{"_":"c"}}"#, Limits::default()).is_ok());
}

// ------------------------------------------------------------------ depth

/// `n` nested arrays around `1`.
fn arrays(n: usize) -> String {
    format!("{}1{}", "[".repeat(n), "]".repeat(n))
}

#[test]
fn every_object_and_array_is_one_level() {
    let three = Limits { max_depth: 3 };
    assert!(read(r#"[{"a":[1]}]"#, three).is_ok());
    assert_eq!(
        read(r#"[{"a":[[1]]}]"#, three).err().as_deref(),
        Some("at `[0].a[0]`: nested deeper than the limit of 3 levels at line 1 column 8")
    );
    assert_eq!(
        read(r#"{"a":{"b":{"c":{}}}}"#, three).err().as_deref(),
        Some("at `a.b.c`: nested deeper than the limit of 3 levels at line 1 column 17")
    );
    // Scalars are no level: a limit of 0 reads them, and nothing else.
    let none = Limits { max_depth: 0 };
    assert!(read("7", none).is_ok());
    let error = read("[]", none).err().unwrap_or_default();
    assert!(
        error.starts_with("at the top level: nested deeper than the limit of 0 levels at line 1"),
        "{error}"
    );
}

/// `n` nested arrays around `1`, as a `Value`.
fn deep_arrays(n: usize) -> Value {
    (0..n).fold(Value::from(1), |inner, _| Value::Array(vec![inner]))
}

#[test]
fn no_limit_goes_past_what_serde_json_reads_back() {
    let raised = Limits { max_depth: 1000 };
    assert_eq!(tl_runtime::json::MAX_DEPTH, 127);
    assert!(read(&arrays(127), raised).is_ok());
    // The 128th level is refused by serde_json's parser before ours sees it.
    assert_eq!(
        read(&arrays(128), raised).err().as_deref(),
        Some("recursion limit exceeded at line 1 column 128")
    );
    // Without that parser, by ours.
    assert_eq!(
        Json::from_value(&deep_arrays(128), raised)
            .err()
            .map(|e| e.to_string()),
        Some(format!(
            "at `{}`: nested deeper than the limit of 127 levels",
            "[0]".repeat(127)
        ))
    );
    assert_eq!(
        Json::from_value(&deep_arrays(127), Limits { max_depth: 126 })
            .err()
            .map(|e| e.to_string()),
        Some(format!(
            "at `{}`: nested deeper than the limit of 126 levels",
            "[0]".repeat(126)
        ))
    );
}

/// A `serde_json::Value` of `depth` objects, each the `text` of the next, built
/// without recursion.
fn deep_value(depth: usize) -> Value {
    let mut value = json!({"_": "textEmpty"});
    for _ in 1..depth {
        // Not `json!`, which would copy `value` recursively.
        let mut bold = serde_json::Map::new();
        bold.insert("_".to_owned(), Value::from("textBold"));
        bold.insert("text".to_owned(), value);
        value = Value::Object(bold);
    }
    value
}

/// Drops `value` without recursion (serde_json's `Value` drops recursively).
fn drop_deep(mut value: Value) {
    while let Value::Object(map) = &mut value {
        match map.remove("text") {
            Some(inner) => value = inner,
            None => break,
        }
    }
}

/// 10,000 levels of recursion would not fit in it (unoptimized, a level of
/// reading takes a few KiB of stack: 40 MB and more); 64 do, with room: 256 KiB
/// was not enough for them unoptimized with every feature of the crate on.
const STACK: usize = 1024 * 1024;

#[test]
fn a_value_nested_10000_deep_is_refused_on_a_small_stack() {
    let value = deep_value(10_000);
    let result = std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(STACK)
            .spawn_scoped(s, || {
                let converted = Json::from_value(&value, Limits::default()).map(|_| ());
                let read = Json::read(&value, Limits::default()).map(|_| ());
                (
                    converted.map_err(|e| e.to_string()),
                    read.map_err(|e| e.to_string()),
                )
            })
            .map(|thread| thread.join())
    });
    let expected = format!(
        "at `{}`: nested deeper than the limit of 64 levels",
        ["text"; 64].join(".")
    );
    match result {
        Ok(Ok((converted, read))) => {
            assert_eq!(converted, Err(expected.clone()));
            assert_eq!(read, Err(expected));
        }
        _ => panic!("the reading thread failed"),
    }
    drop_deep(value);
}

// ------------------------------------------------------------------ memory

#[test]
fn a_tree_takes_at_most_24_bytes_per_byte_of_text() {
    // What the bound rests on (on 64-bit targets).
    assert_eq!(std::mem::size_of::<Json>(), 24);
    // The worst case: one-digit numbers, 2 bytes of text for a 24-byte value,
    // in an array that doubles its room as it grows.
    let numbers = format!("[{}0]", "0,".repeat(99_999));
    // Small objects, the shape of TL values.
    let objects = format!(
        "[{}{{\"_\":\"textEmpty\"}}]",
        "{\"_\":\"textEmpty\"},".repeat(49_999)
    );
    // Many keys in one object.
    let keys: Vec<String> = (0..50_000).map(|i| format!("\"{i}\":0")).collect();
    let keys = format!("{{{}}}", keys.join(","));
    // One-character strings.
    let strings = format!("[{}\"a\"]", "\"a\",".repeat(99_999));
    for (what, text) in [
        ("numbers", numbers),
        ("objects", objects),
        ("keys", keys),
        ("strings", strings),
    ] {
        let (json, bytes) = peak(|| read(&text, Limits::default()));
        assert!(json.is_ok(), "{what}: {json:?}");
        println!(
            "{what}: {} bytes of text, peak {bytes} bytes ({:.1} per byte)",
            text.len(),
            bytes as f64 / text.len() as f64
        );
        assert!(
            bytes <= 24 * text.len(),
            "{what}: {bytes} bytes for {} bytes of text",
            text.len()
        );
    }
}

// ------------------------------------------------------------------ flags

/// `updateNewAuthorization#8951abef flags:# unconfirmed:flags.0?true hash:long
/// date:flags.0?int device:flags.0?string location:flags.0?string = Update;`
/// (api-layer230): reads bit 0 as generated code does, then finishes.
fn new_authorization(json: Value) -> Result<bool, String> {
    let root = Path::root();
    let mut r = Reader::new(
        object(json),
        Form::Tl,
        "updateNewAuthorization",
        0x8951_abef,
        &root,
    )
    .map_err(|e| e.to_string())?;
    let set = r
        .bit(
            "flags",
            0,
            &["unconfirmed"],
            &["date", "device", "location"],
        )
        .map_err(|e| e.to_string())?;
    r.take_required("hash").map_err(|e| e.to_string())?;
    for key in ["date", "device", "location"] {
        if set {
            r.take_required(key).map_err(|e| e.to_string())?;
        }
    }
    r.finish().map_err(|e| e.to_string())?;
    Ok(set)
}

#[test]
fn a_flag_field_sets_its_bit_and_the_fields_of_a_bit_agree() {
    let group = json!({"hash": 1, "date": 2, "device": "a", "location": "b"});
    let with = |extra: Value| {
        let mut value = group.clone();
        if let (Value::Object(map), Value::Object(more)) = (&mut value, extra) {
            map.extend(more);
        }
        value
    };
    assert_eq!(new_authorization(group.clone()), Ok(true));
    assert_eq!(
        new_authorization(with(json!({"unconfirmed": true}))),
        Ok(true)
    );
    assert_eq!(new_authorization(json!({"hash": 1})), Ok(false));
    assert_eq!(
        new_authorization(json!({"hash": 1, "unconfirmed": false, "date": null})),
        Ok(false)
    );
    // `unconfirmed` is the bit: the bit's values must come with it.
    assert_eq!(
        new_authorization(json!({"unconfirmed": true, "hash": 1})),
        Err("at the top level: missing field `date` of `updateNewAuthorization`: `unconfirmed` is true, which sets bit 0 of `flags`, and `date` is on that bit too".to_owned())
    );
    assert_eq!(
        new_authorization(json!({"hash": 1, "date": 2})),
        Err("at the top level: missing field `device` of `updateNewAuthorization`: `date` is given, which sets bit 0 of `flags`, and `device` is on that bit too".to_owned())
    );
    // `false` beside the values that set the bit.
    assert_eq!(
        new_authorization(with(json!({"unconfirmed": false}))),
        Err("at `unconfirmed`: `unconfirmed` is false, but `date` is given, and both are bit 0 of `flags`: make `unconfirmed` true or leave it out".to_owned())
    );
    assert_eq!(
        new_authorization(with(json!({"unconfirmed": 1}))),
        Err("at `unconfirmed`: expected true or false, found a number".to_owned())
    );
    // A flags word is never written, but one given must be the fields'.
    assert_eq!(new_authorization(with(json!({"flags": 1}))), Ok(true));
    assert_eq!(
        new_authorization(with(json!({"flags": 3}))),
        Err("at `flags`: `flags` is 0x3, but the fields set 0x1: leave `flags` out, it follows from the fields".to_owned())
    );
    assert_eq!(
        new_authorization(json!({"hash": 1, "flags": 1})),
        Err("at `flags`: `flags` is 0x1, but the fields set 0x0: leave `flags` out, it follows from the fields".to_owned())
    );
}

#[test]
fn true_fields_sharing_a_bit_agree() {
    // x#1 flags:# a:flags.3?true b:flags.3?true = X;
    let read = |json: Value| {
        let root = Path::root();
        let mut r =
            Reader::new(object(json), Form::Tl, "x", 1, &root).map_err(|e| e.to_string())?;
        let set = r
            .bit("flags", 3, &["a", "b"], &[])
            .map_err(|e| e.to_string())?;
        let word = r.word("flags");
        r.finish().map_err(|e| e.to_string())?;
        Ok::<_, String>((set, word))
    };
    assert_eq!(read(json!({"a": true})), Ok((true, 8)));
    assert_eq!(read(json!({"b": true, "a": null})), Ok((true, 8)));
    assert_eq!(read(json!({"a": false, "b": false})), Ok((false, 0)));
    assert_eq!(
        read(json!({"a": true, "b": false})),
        Err("at `b`: `b` is false, but `a` is true, and both are bit 3 of `flags`: make `b` true or leave it out".to_owned())
    );
}

// ------------------------------------------------------------------ hex, base64

#[test]
fn hex_is_hex_digits_only() {
    assert_eq!(
        read_string::<Fixed<4>>("0aFf1e2D"),
        Ok([0x0a, 0xff, 0x1e, 0x2d])
    );
    // `u8::from_str_radix` reads "+f" as 15.
    assert_eq!(
        read_string::<Fixed<4>>("+f+f+f+f").err().as_deref(),
        Some("at the top level: expected 8 hex digits (4 bytes), found \"+f+f+f+f\"")
    );
    assert!(read_string::<Fixed<4>>("-f0f0f0f").is_err());
    // An error shows at most 64 characters of a string.
    let long = "é".repeat(100);
    assert_eq!(
        read_string::<Fixed<4>>(&long).err(),
        Some(format!(
            "at the top level: expected 8 hex digits (4 bytes), found \"{}…\"",
            "é".repeat(64)
        ))
    );
    assert_eq!(
        read_string::<Double>("0x7ff0000000000000").map(f64::to_bits),
        Ok(0x7ff0_0000_0000_0000)
    );
    assert!(read_string::<Double>("0x+ff0000000000000").is_err());
}

#[test]
fn base64_is_one_alphabet() {
    assert_eq!(read_string::<Bytes>("+/8="), Ok(vec![0xfb, 0xff]));
    assert_eq!(read_string::<Bytes>("-_8="), Ok(vec![0xfb, 0xff]));
    assert_eq!(
        read_string::<Bytes>("+_8=").err().as_deref(),
        Some(
            "at the top level: not base64: it mixes the standard alphabet ('+' at 0) with the URL-safe one ('_' at 1): use one"
        )
    );
    assert_eq!(
        read_string::<Bytes>("AA-A/A==").err().as_deref(),
        Some(
            "at the top level: not base64: it mixes the standard alphabet ('/' at 4) with the URL-safe one ('-' at 2): use one"
        )
    );
}
