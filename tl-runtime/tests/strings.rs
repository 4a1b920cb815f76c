//! `string` and `bytes` framing, with expected bytes worked out from the TL spec:
//! length < 254 -> 1 length byte, else 254 + 3-byte LE length; data; zero padding so the
//! total is a multiple of 4.

use tl_runtime::{DecodeError, Deserialize, Reader, Serialize, wire};

/// `n` bytes of recognisable ASCII data: `a`, `b`, ..., `z`, `a`, ...
fn data(n: usize) -> String {
    (b'a'..=b'z').cycle().take(n).map(char::from).collect()
}

/// Encodes `s` and checks the bytes are `prefix ++ s ++ zeros(padding)`, that
/// `serialized_len` agrees, and that it decodes back.
fn check(len: usize, prefix: &[u8], padding: usize, total: usize) {
    let s = data(len);
    let mut expected = prefix.to_vec();
    expected.extend_from_slice(s.as_bytes());
    expected.extend(std::iter::repeat_n(0u8, padding));
    assert_eq!(
        expected.len(),
        total,
        "test table is inconsistent for len {len}"
    );

    let encoded = s.to_bytes();
    assert_eq!(encoded, expected, "string of length {len}");
    assert_eq!(s.serialized_len(), total);
    assert_eq!(wire::string_len(&s), total);
    assert_eq!(wire::bytes_len(s.as_bytes()), total);
    assert_eq!(wire::framed_len(len), total);

    let mut raw = Vec::new();
    wire::write_bytes(s.as_bytes(), &mut raw);
    assert_eq!(raw, expected, "bytes of length {len}");

    assert_eq!(String::from_bytes(&encoded), Ok(s.clone()));
    let mut reader = Reader::new(&encoded);
    assert_eq!(wire::read_bytes(&mut reader), Ok(s.into_bytes()));
    assert_eq!(reader.remaining(), 0);
}

#[test]
fn empty_string_is_length_byte_and_three_padding_bytes() {
    check(0, &[0x00], 3, 4);
    assert_eq!(String::new().to_bytes(), [0, 0, 0, 0]);
}

#[test]
fn one_byte_string() {
    check(1, &[0x01], 2, 4);
    assert_eq!("a".to_bytes(), [0x01, b'a', 0, 0]);
}

#[test]
fn three_byte_string_needs_no_padding() {
    check(3, &[0x03], 0, 4);
    assert_eq!("abc".to_bytes(), [0x03, b'a', b'b', b'c']);
}

#[test]
fn four_byte_string_pads_to_eight() {
    check(4, &[0x04], 3, 8);
}

#[test]
fn length_253_is_the_longest_short_form() {
    // 1 + 253 = 254 -> 2 bytes of padding -> 256.
    check(253, &[0xfd], 2, 256);
}

#[test]
fn length_254_uses_the_long_form() {
    // 4 + 254 = 258 -> 2 bytes of padding -> 260.
    check(254, &[0xfe, 0xfe, 0x00, 0x00], 2, 260);
}

#[test]
fn length_255() {
    // 4 + 255 = 259 -> 1 byte of padding -> 260.
    check(255, &[0xfe, 0xff, 0x00, 0x00], 1, 260);
}

#[test]
fn length_1000() {
    // 1000 = 0x03e8; 4 + 1000 = 1004, already a multiple of 4.
    check(1000, &[0xfe, 0xe8, 0x03, 0x00], 0, 1004);
}

#[test]
fn length_70000_uses_the_third_length_byte() {
    // 70000 = 0x011170; 4 + 70000 = 70004, a multiple of 4.
    check(70000, &[0xfe, 0x70, 0x11, 0x01], 0, 70004);
}

#[test]
fn utf8_is_written_as_its_bytes() {
    // "é" is C3 A9: 1 + 2 = 3 -> 1 byte of padding.
    assert_eq!("é".to_bytes(), [0x02, 0xc3, 0xa9, 0x00]);
    assert_eq!(
        String::from_bytes(&[0x02, 0xc3, 0xa9, 0x00]),
        Ok("é".to_owned())
    );
}

#[test]
fn borrowed_reads_point_into_the_input() {
    let input = [0x03, b'a', b'b', b'c', 0x01, 0xff, 0x00, 0x00];
    let mut reader = Reader::new(&input);
    assert_eq!(reader.read_str(), Ok("abc"));
    assert_eq!(reader.position(), 4);
    assert_eq!(wire::read_bytes_ref(&mut reader), Ok(&[0xff][..]));
    assert_eq!(reader.position(), 8);
    assert!(reader.is_empty());
}

#[test]
fn non_zero_padding_is_rejected_at_the_offending_byte() {
    assert_eq!(
        String::from_bytes(&[0x01, b'a', 0x00, 0x01]),
        Err(DecodeError::NonZeroPadding { offset: 3 })
    );
    assert_eq!(
        String::from_bytes(&[0x00, 0x00, 0x07, 0x00]),
        Err(DecodeError::NonZeroPadding { offset: 2 })
    );
    let mut long = vec![0xfe, 0xfe, 0x00, 0x00];
    long.extend(std::iter::repeat_n(b'x', 254));
    long.extend_from_slice(&[0x80, 0x00]);
    assert_eq!(
        wire::read_bytes(&mut Reader::new(&long)),
        Err(DecodeError::NonZeroPadding { offset: 258 })
    );
}

#[test]
fn invalid_utf8_is_rejected_at_the_first_bad_byte() {
    // C3 28: a lead byte followed by a non-continuation byte.
    assert_eq!(
        String::from_bytes(&[0x02, 0xc3, 0x28, 0x00]),
        Err(DecodeError::InvalidUtf8 { offset: 1 })
    );
    assert_eq!(
        String::from_bytes(&[0x03, b'a', 0xff, b'b']),
        Err(DecodeError::InvalidUtf8 { offset: 2 })
    );
    // A sequence cut off by the end of the data, after 4 bytes of an earlier string.
    let input = [0x00, 0x00, 0x00, 0x00, 0x02, b'a', 0xe2, 0x00];
    let mut reader = Reader::new(&input);
    assert_eq!(reader.read_str(), Ok(""));
    assert_eq!(
        reader.read_str(),
        Err(DecodeError::InvalidUtf8 { offset: 6 })
    );
    // The same bytes are fine as `bytes`.
    assert_eq!(
        wire::read_bytes(&mut Reader::new(&input[4..])),
        Ok(vec![b'a', 0xe2])
    );
}

#[test]
fn declared_length_beyond_the_input_is_rejected_before_reading() {
    // 16 MiB - 1 declared, nothing after the prefix.
    assert_eq!(
        wire::read_bytes(&mut Reader::new(&[0xfe, 0xff, 0xff, 0xff])),
        Err(DecodeError::LengthTooLarge {
            offset: 0,
            declared: 0xff_ffff,
            remaining: 0,
        })
    );
    // Short form: 5 declared, 3 present.
    assert_eq!(
        String::from_bytes(&[0x05, b'a', b'b', b'c']),
        Err(DecodeError::LengthTooLarge {
            offset: 0,
            declared: 5,
            remaining: 3,
        })
    );
}

#[test]
fn prefix_byte_255_is_rejected() {
    assert_eq!(
        wire::read_bytes(&mut Reader::new(&[0xff, 0x00, 0x00, 0x00])),
        Err(DecodeError::Invalid {
            offset: 0,
            reason: "invalid length prefix byte 255",
        })
    );
}

#[test]
fn non_canonical_long_form_is_rejected() {
    // "abc" with the 254 form: 254, 3, 0, 0, data, 1 byte of padding.
    assert_eq!(
        String::from_bytes(&[0xfe, 0x03, 0x00, 0x00, b'a', b'b', b'c', 0x00]),
        Err(DecodeError::Invalid {
            offset: 0,
            reason: "non-canonical length prefix (254 form for a length below 254)",
        })
    );
}

#[test]
fn truncated_strings_report_what_is_missing() {
    // Empty input: the prefix byte is missing.
    assert_eq!(
        String::from_bytes(&[]),
        Err(DecodeError::UnexpectedEof {
            offset: 0,
            needed: 1,
            remaining: 0,
        })
    );
    // Long form cut inside the 3 length bytes.
    assert_eq!(
        String::from_bytes(&[0xfe, 0x00]),
        Err(DecodeError::UnexpectedEof {
            offset: 1,
            needed: 3,
            remaining: 1,
        })
    );
    // Data complete, padding cut: "a" needs 2 padding bytes, 1 present.
    assert_eq!(
        String::from_bytes(&[0x01, b'a', 0x00]),
        Err(DecodeError::UnexpectedEof {
            offset: 2,
            needed: 2,
            remaining: 1,
        })
    );
}

/// Frames written one after another into a vector that already holds data, so
/// each starts at every offset modulo 4 and must leave its predecessors alone.
#[test]
fn consecutive_frames_follow_each_other_exactly() {
    let lengths = [
        0, 1, 2, 3, 4, 5, 6, 7, 253, 254, 255, 256, 257, 1000, 70000, 9,
    ];
    let mut out = vec![0xee; 3];
    let mut expected = vec![0xee; 3];
    for len in lengths {
        let s = data(len);
        wire::write_string(&s, &mut out);
        if len < 254 {
            expected.push(len as u8);
        } else {
            expected.extend_from_slice(&[254, len as u8, (len >> 8) as u8, (len >> 16) as u8]);
        }
        expected.extend_from_slice(s.as_bytes());
        let header = if len < 254 { 1 } else { 4 };
        expected.extend(std::iter::repeat_n(0u8, (4 - (header + len) % 4) % 4));
        assert_eq!(out, expected, "after a string of length {len}");
    }
}

#[test]
#[should_panic(
    expected = "TL bytes/string of 16777216 bytes exceeds the wire limit of 16777215 bytes"
)]
fn writing_more_than_the_wire_limit_panics() {
    let data = vec![0u8; wire::MAX_BYTES_LEN + 1];
    wire::write_bytes(&data, &mut Vec::new());
}

#[test]
fn the_wire_limit_itself_is_writable() {
    let data = vec![0u8; wire::MAX_BYTES_LEN];
    let mut out = Vec::new();
    wire::write_bytes(&data, &mut out);
    // 4 + (2^24 - 1) = 2^24 + 3 -> 1 byte of padding -> 2^24 + 4.
    assert_eq!(out.len(), (1 << 24) + 4);
    assert_eq!(out.get(..4), Some(&[0xfe, 0xff, 0xff, 0xff][..]));
    assert_eq!(wire::bytes_len(&data), out.len());
}
