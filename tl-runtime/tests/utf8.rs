//! `Reader::read_str` validates UTF-8 with simdutf8 (and the standard library on
//! the error path). Its verdict must be the standard library's: the same strings
//! accepted, and for a rejected one `InvalidUtf8` at the data's offset plus
//! `std::str::from_utf8`'s `valid_up_to`. Checked on random bytes, random text
//! with one byte changed, and adversarial sequences (truncated multi-byte
//! sequences, overlong forms, surrogates, code points above U+10FFFF, stray
//! continuation bytes), at every position around the 64-byte blocks the SIMD code
//! works in and in strings long enough (254 and more) for the 4-byte prefix.

use proptest::prelude::*;
use tl_runtime::{DecodeError, Reader, wire};

/// What `read_str` must return for `data` framed at offset `at` (after `at` bytes of
/// filler), worked out with the standard library alone.
fn expected(data: &[u8], at: usize) -> Result<&str, DecodeError> {
    let header = wire::header_len(data.len());
    std::str::from_utf8(data).map_err(|e| DecodeError::InvalidUtf8 {
        offset: at + header + e.valid_up_to(),
    })
}

/// Frames `data` after `at` zero bytes and reads it back with `read_str`.
fn check(data: &[u8], at: usize) {
    let mut input = vec![0; at];
    wire::write_bytes(data, &mut input);
    let mut reader = Reader::new(&input);
    let _ = reader.read_raw(at);
    let got = reader.read_str();
    assert_eq!(got, expected(data, at), "data {data:02x?}");
}

/// Byte sequences that are not UTF-8, or are at its edges.
const ADVERSARIAL: &[&[u8]] = &[
    // Lone continuation bytes and bytes that never occur.
    &[0x80],
    &[0xbf],
    &[0xc0],
    &[0xc1],
    &[0xf5],
    &[0xff],
    // Overlong forms of '/' and of U+07FF, U+FFFF.
    &[0xc0, 0xaf],
    &[0xe0, 0x80, 0xaf],
    &[0xf0, 0x80, 0x80, 0xaf],
    &[0xe0, 0x9f, 0xbf],
    &[0xf0, 0x8f, 0xbf, 0xbf],
    // Surrogates U+D800, U+DBFF, U+DC00, U+DFFF, and a CESU-8 pair.
    &[0xed, 0xa0, 0x80],
    &[0xed, 0xaf, 0xbf],
    &[0xed, 0xb0, 0x80],
    &[0xed, 0xbf, 0xbf],
    &[0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80],
    // Above U+10FFFF.
    &[0xf4, 0x90, 0x80, 0x80],
    &[0xf7, 0xbf, 0xbf, 0xbf],
    &[0xf8, 0x88, 0x80, 0x80, 0x80],
    // The edges that are valid: U+007F, U+0080, U+07FF, U+0800, U+D7FF, U+E000,
    // U+FFFF, U+10000, U+10FFFF.
    &[0x7f],
    &[0xc2, 0x80],
    &[0xdf, 0xbf],
    &[0xe0, 0xa0, 0x80],
    &[0xed, 0x9f, 0xbf],
    &[0xee, 0x80, 0x80],
    &[0xef, 0xbf, 0xbf],
    &[0xf0, 0x90, 0x80, 0x80],
    &[0xf4, 0x8f, 0xbf, 0xbf],
];

/// Valid text with characters of 1 to 4 bytes.
const TEXT: &str = "a é ж 中 😀 z";

#[test]
fn every_truncation_of_every_multi_byte_sequence() {
    let mut cases = 0;
    for ch in ['é', 'ж', '中', '😀', '\u{10ffff}', '\u{800}', '\u{10000}'] {
        let mut buf = [0; 4];
        let full = ch.encode_utf8(&mut buf).as_bytes();
        for cut in 1..full.len() {
            let part = &full[..cut];
            // Alone, at the end of text, before more text, and at every offset of a
            // string longer than two SIMD blocks (so inside, across and after the
            // 64-byte blocks, in both prefix forms).
            check(part, 0);
            check(&[b"abc".as_slice(), part].concat(), 0);
            check(&[part, b"abc".as_slice()].concat(), 0);
            for len in [63, 64, 65, 200, 300] {
                for pos in 0..=len {
                    let mut data = vec![b'x'; len];
                    data.splice(pos..pos, part.iter().copied());
                    check(&data, 0);
                    cases += 1;
                }
            }
        }
    }
    assert!(cases > 10_000, "{cases} cases");
}

#[test]
fn adversarial_sequences_at_every_position() {
    for seq in ADVERSARIAL {
        check(seq, 0);
        check(seq, 5);
        for len in [0, 1, 31, 64, 127, 253, 254, 300] {
            for pos in (0..=len).step_by(if len > 64 { 7 } else { 1 }) {
                // ASCII around it, and non-ASCII text around it (the SIMD path
                // takes other branches once it has seen a non-ASCII byte).
                let mut ascii = vec![b'q'; len];
                ascii.splice(pos..pos, seq.iter().copied());
                check(&ascii, 0);
                let text: Vec<u8> = TEXT.bytes().cycle().take(len).collect();
                let mut mixed = text.clone();
                mixed.splice(pos..pos, seq.iter().copied());
                check(&mixed, 3);
            }
        }
    }
}

#[test]
fn offsets_name_the_first_invalid_byte_of_the_string() {
    // 70 bytes of text then a surrogate: offset = 1 (prefix) + 70.
    let mut data = vec![b'a'; 70];
    data.extend_from_slice(&[0xed, 0xa0, 0x80]);
    let mut input = Vec::new();
    wire::write_bytes(&data, &mut input);
    assert_eq!(
        Reader::new(&input).read_str(),
        Err(DecodeError::InvalidUtf8 { offset: 71 })
    );
    // The same after 300 bytes of text (4-byte prefix) and 8 bytes before it.
    let mut data: Vec<u8> = TEXT.bytes().cycle().take(300).collect();
    while std::str::from_utf8(&data).is_err() {
        data.pop();
    }
    let valid = data.len();
    data.push(0xff);
    let mut input = vec![0; 8];
    wire::write_bytes(&data, &mut input);
    let mut reader = Reader::new(&input);
    let _ = reader.read_raw(8);
    assert_eq!(
        reader.read_str(),
        Err(DecodeError::InvalidUtf8 {
            offset: 8 + 4 + valid
        })
    );
}

/// Random text (characters of every length) of about `n` bytes.
fn text() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<char>(), 0..400).prop_map(|chars| {
        let s: String = chars.into_iter().collect();
        s.into_bytes()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn random_bytes_agree_with_std(data in proptest::collection::vec(any::<u8>(), 0..600), at in 0usize..8) {
        check(&data, at);
    }

    #[test]
    fn random_text_agrees_with_std(data in text()) {
        check(&data, 0);
    }

    #[test]
    fn random_text_with_one_byte_changed_agrees_with_std(
        data in text(),
        pick in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let mut data = data;
        if !data.is_empty() {
            let i = pick.index(data.len());
            data[i] = byte;
        }
        check(&data, 0);
    }

    #[test]
    fn random_text_with_an_adversarial_sequence_agrees_with_std(
        data in text(),
        pick in any::<prop::sample::Index>(),
        seq in prop::sample::select(ADVERSARIAL),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut data = data;
        let i = pick.index(data.len() + 1);
        // The whole sequence or a prefix of it.
        let seq = &seq[..=cut.index(seq.len())];
        data.splice(i..i, seq.iter().copied());
        check(&data, 0);
    }
}
