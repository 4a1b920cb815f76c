//! Fuzz target: `tlgen encode`'s reader and encoder (`tl_codegen::dynamic`) on
//! arbitrary JSON text, against api-layer230 (copied by `build.rs`).
//!
//! The input is JSON text for any value of the schema: a constructor or a
//! function, named by its `"_"` tag. Reading and encoding must never panic,
//! and what encodes must decode (`tlgen decode`) to JSON that encodes to the
//! same bytes again and decodes to the same JSON again, through the text as the
//! command line prints and reads it.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use tl_codegen::dynamic::{Dynamic, Style, Target};
use tl_codegen::json::{Codec, Layouts};

static LAYOUTS: LazyLock<Layouts> = LazyLock::new(|| {
    let text = include_str!(concat!(env!("OUT_DIR"), "/api-layer230.tl"));
    let (_, checked) = tl_parser::check_str("api-layer230.tl", text);
    match Layouts::of(&checked.schema) {
        Ok(layouts) if !checked.has_errors() => layouts,
        _ => panic!("api-layer230.tl does not check"),
    }
});

fuzz_target!(|data: &[u8]| {
    let dynamic = Dynamic::new(&LAYOUTS);
    let Ok(json) = dynamic.read_json(data) else {
        return;
    };
    // Any constructor, else any function.
    let targets = [false, true].map(|function| Target::Value(Codec::Param { function }));
    let Some((target, bytes)) = targets.iter().find_map(|target| {
        let bytes = dynamic.encode_json(target, json.clone()).ok()?;
        Some((target, bytes))
    }) else {
        return;
    };
    let text = match dynamic.decode_to_string(target, &bytes, Style::Indented) {
        Ok(text) => text,
        Err(e) => panic!("the encoding does not decode: {e}"),
    };
    let again = match dynamic.read_json(text.as_bytes()) {
        Ok(json) => json,
        Err(e) => panic!("the decoded text does not read: {e}"),
    };
    match dynamic.encode_json(target, again) {
        Ok(again) => assert_eq!(again, bytes, "the decoded JSON encodes to other bytes"),
        Err(e) => panic!("the decoded JSON does not encode: {e}"),
    }
    assert_eq!(
        dynamic
            .decode_to_string(target, &bytes, Style::Indented)
            .ok(),
        Some(text),
        "decoding is not deterministic"
    );
});
