//! `tl_codegen::dynamic` (`tlgen decode`/`encode`) on hostile input, against a
//! few definitions copied verbatim from Telegram's schemas (api-layer230.tl,
//! mtproto.tl) and one made up: flag fields that decide their bit, nesting
//! counted the same in both directions, keys given twice, strict hex and
//! base64, and memory measured by a counting global allocator (for the current
//! thread only, while a check runs). Expected bytes are worked out by hand from
//! the definitions.
#![cfg(feature = "dynamic")]

use tlgen_test_support::alloc::{Counting, measure};

use tl_codegen::dynamic::{Dynamic, Style, Target};
use tl_codegen::json::Layouts;
use tl_runtime::Limits;
use tl_runtime::json::serde_json::{self, Value, json};

const SCHEMA: &str = "
boolFalse#bc799737 = Bool;
boolTrue#997275b5 = Bool;
true#3fedd339 = True;
vector#1cb5c415 {t:Type} # [ t ] = Vector t;
updateNewAuthorization#8951abef flags:# unconfirmed:flags.0?true hash:long date:flags.0?int device:flags.0?string location:flags.0?string = Update;
textEmpty#dc3d824f = RichText;
textBold#6724abc4 text:RichText = RichText;
textConcat#7e6260d7 texts:Vector<RichText> = RichText;
resPQ#05162463 nonce:int128 server_nonce:int128 pq:bytes server_public_key_fingerprints:Vector<long> = ResPQ;
deepVectors#0badcafe v:Vector<Vector<Vector<int>>> = DeepVectors;
";

const NEW_AUTHORIZATION: u32 = 0x8951_abef;
const TEXT_EMPTY: u32 = 0xdc3d_824f;
const TEXT_BOLD: u32 = 0x6724_abc4;
const TEXT_CONCAT: u32 = 0x7e62_60d7;
const VECTOR: u32 = 0x1cb5_c415;

// ------------------------------------------------------------------ counting allocator

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f`; returns its result and the most bytes it had allocated at once.
fn peak<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let (value, allocated) = measure(f);
    (value, allocated.peak)
}

// ------------------------------------------------------------------ helpers

fn layouts() -> Layouts {
    let (_, checked) = tl_parser::check_str("hostile.tl", SCHEMA);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    Layouts::of(&checked.schema).unwrap_or_else(|e| panic!("{e}"))
}

fn target(layouts: &Layouts, ty: &str) -> Target {
    Target::parse(layouts, ty, false).unwrap_or_else(|e| panic!("{ty}: {e}"))
}

fn words(words: &[u32]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_le_bytes()).collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Encodes JSON text as `tlgen encode` does: read, then encode.
fn encode_text(dynamic: &Dynamic<'_>, target: &Target, text: &str) -> Result<Vec<u8>, String> {
    let json = dynamic
        .read_json(text.as_bytes())
        .map_err(|e| e.to_string())?;
    dynamic.encode_json(target, json).map_err(|e| e.to_string())
}

/// `depth` levels of `textBold`/`textEmpty`: `depth - 1` bolds, then the empty text.
fn bolds(depth: usize) -> Vec<u8> {
    let mut ids = vec![TEXT_BOLD; depth - 1];
    ids.push(TEXT_EMPTY);
    words(&ids)
}

/// The JSON of `bolds(depth)`, built without recursion.
fn deep_json(depth: usize) -> Value {
    (1..depth).fold(json!({"_": "textEmpty"}), |text, _| {
        let mut bold = serde_json::Map::new();
        bold.insert("_".to_owned(), Value::from("textBold"));
        bold.insert("text".to_owned(), text);
        Value::Object(bold)
    })
}

// ------------------------------------------------------------------ flags (case 10)

#[test]
fn a_flag_field_is_its_bit_and_contradictions_are_errors() {
    let layouts = layouts();
    let dynamic = Dynamic::new(&layouts);
    let update = target(&layouts, "Update");
    // id; flags = 1 (bit 0); hash = 1 as a long; date = 2; device "a" (length
    // 1, one byte, 2 of padding); location "b".
    let full = "efab5189 01000000 0100000000000000 02000000 01610000 01620000".replace(' ', "");
    let values = r#""hash":1,"date":2,"device":"a","location":"b""#;
    for text in [
        format!(r#"{{"_":"updateNewAuthorization",{values}}}"#),
        format!(r#"{{"_":"updateNewAuthorization","unconfirmed":true,{values}}}"#),
        format!(r#"{{"_":"updateNewAuthorization","flags":1,{values}}}"#),
    ] {
        assert_eq!(
            encode_text(&dynamic, &update, &text).map(|b| hex(&b)),
            Ok(full.clone()),
            "{text}"
        );
    }
    // Bit 0 clear: id, flags 0, hash.
    assert_eq!(
        encode_text(
            &dynamic,
            &update,
            r#"{"_":"updateNewAuthorization","unconfirmed":false,"hash":1}"#
        )
        .map(|b| hex(&b)),
        Ok("efab5189000000000100000000000000".to_owned())
    );
    // Decoded back, `unconfirmed` is the bit; keys in the entries' order (the
    // group of bit 0 where its first field, `unconfirmed`, was: values first).
    let bytes = words(&[NEW_AUTHORIZATION, 1, 1, 0, 2, 0x0000_6101, 0x0000_6201]);
    assert_eq!(hex(&bytes), full);
    assert_eq!(
        dynamic.decode_to_string(&update, &bytes, Style::Compact),
        Ok(r#"{"_":"updateNewAuthorization","date":2,"device":"a","location":"b","unconfirmed":true,"hash":1}"#.to_owned())
    );
    let errors = [
        (
            r#"{"_":"updateNewAuthorization","unconfirmed":true,"hash":1}"#,
            "at the top level: missing field `date` of `updateNewAuthorization`: `unconfirmed` is true, which sets bit 0 of `flags`, and `date` is on that bit too",
        ),
        (
            r#"{"_":"updateNewAuthorization","unconfirmed":false,"hash":1,"date":2,"device":"a","location":"b"}"#,
            "at `unconfirmed`: `unconfirmed` is false, but `date` is given, and both are bit 0 of `flags`: make `unconfirmed` true or leave it out",
        ),
        (
            r#"{"_":"updateNewAuthorization","flags":0,"hash":1,"date":2,"device":"a","location":"b"}"#,
            "at `flags`: `flags` is 0x0, but the fields set 0x1: leave `flags` out, it follows from the fields",
        ),
    ];
    for (text, error) in errors {
        assert_eq!(
            encode_text(&dynamic, &update, text),
            Err(error.to_owned()),
            "{text}"
        );
    }
}

// ------------------------------------------------------------------ depth (cases 4, 11)

#[test]
fn every_depth_decode_accepts_encode_reads_back() {
    let layouts = layouts();
    let rich = target(&layouts, "RichText");
    for limit in [1, 2, 64, 127] {
        let dynamic = Dynamic::new(&layouts).limits(Limits { max_depth: limit });
        for depth in 1..=limit {
            let bytes = bolds(depth);
            let text = dynamic
                .decode_to_string(&rich, &bytes, Style::Indented)
                .unwrap_or_else(|e| panic!("limit {limit}, depth {depth}: {e}"));
            assert_eq!(
                encode_text(&dynamic, &rich, &text),
                Ok(bytes),
                "limit {limit}, depth {depth}"
            );
        }
        // One level more is refused both ways: at the last body, after its id.
        let bytes = bolds(limit + 1);
        let path = vec!["text"; limit].join(".");
        let e = dynamic
            .decode(&rich, &bytes)
            .expect_err("one level too deep");
        assert_eq!(e.offset, 4 * limit + 4);
        assert_eq!(e.path, path);
        assert_eq!(
            dynamic
                .encode(&rich, &deep_json(limit + 1))
                .map_err(|e| e.to_string()),
            Err(format!(
                "at `{path}`: nested deeper than the limit of {limit} levels"
            ))
        );
    }
}

#[test]
fn vectors_are_levels_too() {
    let layouts = layouts();
    let deep = target(&layouts, "DeepVectors");
    // deepVectors [[[7]]]: id; Vector, 1; Vector, 1; Vector, 1; 7.
    let bytes = words(&[0x0bad_cafe, VECTOR, 1, VECTOR, 1, VECTOR, 1, 7]);
    let json = json!({"_": "deepVectors", "v": [[[7]]]});
    let four = Dynamic::new(&layouts).limits(Limits { max_depth: 4 });
    assert_eq!(four.decode(&deep, &bytes), Ok(json.clone()));
    assert_eq!(four.encode(&deep, &json), Ok(bytes.clone()));
    // Three levels: the object, two vectors; the third vector's count is at byte 24.
    let three = Dynamic::new(&layouts).limits(Limits { max_depth: 3 });
    let e = three.decode(&deep, &bytes).expect_err("four levels");
    assert_eq!(
        e.to_string(),
        "at `v[0][0]`: value at byte 24 is nested deeper than the limit of 3 levels"
    );
    assert_eq!(
        three.encode(&deep, &json).map_err(|e| e.to_string()),
        Err("at `v[0][0]`: nested deeper than the limit of 3 levels".to_owned())
    );
    // textConcat [textConcat [textEmpty]]: objects and vectors alternate.
    let rich = target(&layouts, "RichText");
    let bytes = words(&[TEXT_CONCAT, VECTOR, 1, TEXT_CONCAT, VECTOR, 1, TEXT_EMPTY]);
    let five = Dynamic::new(&layouts).limits(Limits { max_depth: 5 });
    let text = five
        .decode_to_string(&rich, &bytes, Style::Compact)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        text,
        r#"{"_":"textConcat","texts":[{"_":"textConcat","texts":[{"_":"textEmpty"}]}]}"#
    );
    assert_eq!(encode_text(&five, &rich, &text), Ok(bytes.clone()));
    let four = Dynamic::new(&layouts).limits(Limits { max_depth: 4 });
    assert_eq!(
        four.decode(&rich, &bytes).map_err(|e| e.to_string()),
        Err(
            "at `texts[0].texts[0]`: value at byte 28 is nested deeper than the limit of 4 levels"
                .to_owned()
        )
    );
    assert_eq!(
        encode_text(&four, &rich, &text),
        Err(
            "at `texts[0].texts[0]`: nested deeper than the limit of 4 levels at line 1 column 55"
                .to_owned()
        )
    );
}

#[test]
fn a_raised_limit_stops_at_127_levels_on_a_small_stack() {
    let layouts = layouts();
    let rich = target(&layouts, "RichText");
    let bytes = bolds(8_000);
    let dynamic = Dynamic::new(&layouts).limits(Limits {
        max_depth: 1_000_000,
    });
    let text = format!(
        "{}{}",
        r#"{"_":"textBold","text":"#.repeat(7_999),
        "}".repeat(7_999)
    );
    let (decoded, encoded) = std::thread::scope(|s| {
        // 8,000 levels of recursion would not fit in 1 MiB; 127 do, unoptimized.
        let thread = std::thread::Builder::new()
            .stack_size(1024 * 1024)
            .spawn_scoped(s, || {
                (
                    dynamic.decode_to_string(&rich, &bytes, Style::Indented),
                    encode_text(&dynamic, &rich, &text),
                )
            });
        match thread.map(|t| t.join()) {
            Ok(Ok(results)) => results,
            _ => panic!("the thread failed"),
        }
    });
    let e = decoded.expect_err("8,000 levels");
    assert_eq!(
        e.to_string(),
        format!(
            "at `{}`: value at byte 512 is nested deeper than the limit of 127 levels",
            vec!["text"; 127].join(".")
        )
    );
    // serde_json's parser refuses the 128th level before the tree does.
    assert_eq!(
        encoded,
        Err("recursion limit exceeded at line 1 column 2922".to_owned())
    );
}

// ------------------------------------------------------------------ keys, hex, base64 (7, 12, 13)

#[test]
fn keys_given_twice_are_errors() {
    let layouts = layouts();
    let dynamic = Dynamic::new(&layouts);
    let rich = target(&layouts, "RichText");
    assert_eq!(
        encode_text(&dynamic, &rich, r#"{"_":"textBold","_":"textEmpty"}"#),
        Err(
            "at the top level: duplicate key `_`: give each key once at line 1 column 32"
                .to_owned()
        )
    );
    assert_eq!(
        encode_text(
            &dynamic,
            &rich,
            r#"{"_":"textBold","text":{"_":"textEmpty","_":"textEmpty"}}"#
        ),
        Err("at `text`: duplicate key `_`: give each key once at line 1 column 56".to_owned())
    );
}

#[test]
fn hex_and_base64_are_strict() {
    let layouts = layouts();
    let dynamic = Dynamic::new(&layouts);
    let res_pq = target(&layouts, "ResPQ");
    let good = json!({
        "_": "resPQ",
        "nonce": "000102030405060708090a0b0c0d0e0f",
        "server_nonce": "f0e0d0c0b0a090807060504030201000",
        "pq": "F7vHpI0=",
        "server_public_key_fingerprints": []
    });
    assert!(dynamic.encode(&res_pq, &good).is_ok());
    let with = |key: &str, value: &str| {
        let mut json = good.clone();
        if let Value::Object(map) = &mut json {
            map.insert(key.to_owned(), Value::from(value));
        }
        dynamic.encode(&res_pq, &json).map_err(|e| e.to_string())
    };
    assert_eq!(
        with("nonce", "+f+f+f+f+f+f+f+f+f+f+f+f+f+f+f+f"),
        Err("at `nonce`: expected 32 hex digits (16 bytes), found \"+f+f+f+f+f+f+f+f+f+f+f+f+f+f+f+f\"".to_owned())
    );
    assert_eq!(
        with("pq", "F7v-pI0/"),
        Err("at `pq`: not base64: it mixes the standard alphabet ('/' at 7) with the URL-safe one ('-' at 3): use one".to_owned())
    );
}

// ------------------------------------------------------------------ memory (case 6)

#[test]
fn decoding_holds_the_text_it_prints() {
    let layouts = layouts();
    let dynamic = Dynamic::new(&layouts);
    // Vector<RichText> of 100,000 textEmpty: 400,008 bytes.
    let n = 100_000;
    let mut bytes = words(&[VECTOR, n]);
    bytes.extend(words(&[TEXT_EMPTY]).repeat(n as usize));
    let vector = target(&layouts, "Vector<RichText>");
    let (text, bytes_peak) = peak(|| dynamic.decode_to_string(&vector, &bytes, Style::Indented));
    let text = text.unwrap_or_else(|e| panic!("{e}"));
    println!(
        "{} bytes in, {} bytes of text, peak {bytes_peak}",
        bytes.len(),
        text.len()
    );
    // The text, and up to as much again while it grows.
    assert!(
        bytes_peak <= 2 * text.len(),
        "{bytes_peak} for {} bytes of text",
        text.len()
    );
    // 30 bytes of text for each 4-byte item, ",\n  {\n    \"_\": \"textEmpty\"\n  }",
    // the first without its comma, and "[", "\n]".
    assert_eq!(text.len(), 2 + 30 * n as usize);

    // Encoding reads a tree of the text, then writes the bytes.
    let (encoded, encode_peak) = peak(|| encode_text(&dynamic, &vector, &text));
    println!("encode: {} bytes of text, peak {encode_peak}", text.len());
    assert_eq!(encoded, Ok(bytes));
    assert!(
        encode_peak <= 4 * text.len(),
        "{encode_peak} for {} bytes of text",
        text.len()
    );
}

#[test]
fn values_that_take_no_bytes_count_as_one() {
    let layouts = layouts();
    let dynamic = Dynamic::new(&layouts);
    let trues = target(&layouts, "vector<%True>");
    // A count of 12 with 12 bytes after it: twelve `true`, then 12 bytes too many.
    let bytes = words(&[12, 0, 0, 0]);
    let e = dynamic.decode(&trues, &bytes).expect_err("trailing bytes");
    assert_eq!(
        e.to_string(),
        "12 bytes of trailing input after the value, starting at byte 4"
    );
    // vector<vector<%True>>: 1,000 vectors, the i-th counting 4 * (999 - i)
    // items, all within the count check (each item takes no bytes, and that
    // many bytes remain), 1,998,000 items from 4,004 bytes. The first vector
    // takes 3,996 of the 4,004 items allowed; the second asks for 3,992.
    let mut bytes = words(&[1000]);
    for i in 0..1000 {
        bytes.extend(words(&[4 * (999 - i)]));
    }
    let nested = target(&layouts, "vector<vector<%True>>");
    let (result, bytes_peak) = peak(|| dynamic.decode_to_string(&nested, &bytes, Style::Indented));
    assert_eq!(
        result.map_err(|e| e.to_string()),
        Err("at `[1]`: a vector of 3992 items that take no bytes, at byte 8: the input's 4004 bytes allow 8 more such items (each counts as one byte)".to_owned())
    );
    // The 3,996 items printed, 26 bytes each, and the text's room to grow.
    println!("{} bytes in, peak {bytes_peak}", bytes.len());
    assert!(bytes_peak < 4 * 26 * 3996, "{bytes_peak}");
}

#[test]
fn a_schema_of_bare_types_within_bare_types_is_read_once() {
    // b1 holds 16 b0, b2 16 b1, ... b9 16 b8: 16^9 paths from b9 to b0, each
    // followed once before the fewest bytes of each constructor were kept.
    let mut schema = String::from("b0#10000000 x:int = B0;\n");
    for i in 1..10 {
        let fields: Vec<String> = (0..16).map(|j| format!("f{j}:%B{}", i - 1)).collect();
        schema.push_str(&format!(
            "b{i}#{:08x} {} = B{i};\n",
            0x1000_0000 + i,
            fields.join(" ")
        ));
    }
    let (_, checked) = tl_parser::check_str("fanout.tl", &schema);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    let layouts = Layouts::of(&checked.schema).unwrap_or_else(|e| panic!("{e}"));
    let dynamic = Dynamic::new(&layouts);
    let target = target(&layouts, "vector<%B9>");
    assert_eq!(dynamic.decode(&target, &words(&[0])), Ok(json!([])));
    // b9 takes 4 * 16^9 bytes: a count of 1 needs them.
    assert_eq!(
        dynamic.decode(&target, &words(&[1])).map_err(|e| e.to_string()),
        Err("vector count 1 at byte 0 needs at least 274877906944 bytes per item but only 0 bytes remain".to_owned())
    );
}

// ------------------------------------------------------------------ output styles

#[test]
fn the_styles_print_the_same_value() {
    let layouts = layouts();
    let dynamic = Dynamic::new(&layouts);
    let rich = target(&layouts, "RichText");
    let bytes = words(&[TEXT_CONCAT, VECTOR, 2, TEXT_BOLD, TEXT_EMPTY, TEXT_EMPTY]);
    let compact = dynamic.decode_to_string(&rich, &bytes, Style::Compact);
    let value: Value = serde_json::from_str(compact.as_deref().unwrap_or("")).unwrap_or_default();
    assert_eq!(
        value,
        json!({"_": "textConcat", "texts": [{"_": "textBold", "text": {"_": "textEmpty"}}, {"_": "textEmpty"}]})
    );
    assert_eq!(
        dynamic.decode_to_string(&rich, &bytes, Style::Indented),
        serde_json::to_string_pretty(&value).map_err(|_| unreachable!())
    );
    assert_eq!(
        dynamic
            .decode_to_string(&rich, &bytes, Style::Tree)
            .ok()
            .as_deref(),
        Some(
            "textConcat#7e6260d7 : RichText\n  texts: [2]\n    [0] textBold#6724abc4 : RichText\n      text: textEmpty#dc3d824f : RichText\n    [1] textEmpty#dc3d824f : RichText"
        )
    );
}
