//! Fuzz target: the decoder of every boxed type and every function of the full
//! api-layer230 and mtproto schemas, on arbitrary bytes.
//!
//! The first two bytes (little-endian) choose the type (modulo the number of
//! types, see `build.rs`); the rest is the input. Decoding must never panic, and
//! a value that decodes must re-encode to exactly as many bytes as it consumed,
//! equal to them except for flag bits that no field uses (ignored when reading,
//! so written back as zero: the re-encoding's bits are a subset of the input's),
//! and the re-encoding must decode and encode again to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tl_runtime::{Deserialize, Reader, Serialize};

/// Decodes one input as one type and checks the re-encoding (see [`check`]).
type Check = fn(&[u8]);

include!(concat!(env!("OUT_DIR"), "/decoders.rs"));

/// Decodes a prefix of `input` as `T` and checks the re-encoding.
fn check<T: Deserialize + Serialize>(input: &[u8]) {
    let mut reader = Reader::new(input);
    let Ok(value) = T::deserialize(&mut reader) else {
        return;
    };
    let consumed = &input[..reader.position()];
    let encoded = value.to_bytes();
    assert_eq!(
        encoded.len(),
        value.serialized_len(),
        "serialized_len is exact"
    );
    assert_eq!(
        encoded.len(),
        consumed.len(),
        "re-encoding has the consumed length"
    );
    for (i, (e, c)) in encoded.iter().zip(consumed).enumerate() {
        assert_eq!(
            e & !c,
            0,
            "byte {i}: re-encoding sets bits the input did not"
        );
    }
    let again = match T::from_bytes(&encoded) {
        Ok(again) => again,
        Err(e) => panic!("the re-encoding does not decode: {e}"),
    };
    assert_eq!(again.to_bytes(), encoded, "the re-encoding is canonical");
}

fuzz_target!(|data: &[u8]| {
    let [a, b, input @ ..] = data else {
        return;
    };
    let index = usize::from(u16::from_le_bytes([*a, *b])) % DECODERS.len();
    if let Some((_, check)) = DECODERS.get(index) {
        check(input);
    }
});
