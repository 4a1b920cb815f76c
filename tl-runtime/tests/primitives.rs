//! Fixed-size builtins, `Bool` and vectors: exact bytes from the TL spec, lengths, and
//! decoding back.

use tl_runtime::{
    DecodeError, Deserialize, DeserializeBare, Reader, Serialize, SerializeBare, wire,
};

/// Encodes `value`, compares with `expected`, checks the length and decodes back.
fn round_trip<T>(value: T, expected: &[u8])
where
    T: Serialize + Deserialize + PartialEq + std::fmt::Debug,
{
    assert_eq!(value.to_bytes(), expected, "encoding of {value:?}");
    assert_eq!(
        value.serialized_len(),
        expected.len(),
        "length of {value:?}"
    );
    assert_eq!(T::from_bytes(expected), Ok(value));
}

#[test]
fn ints_are_four_bytes_little_endian_twos_complement() {
    round_trip(0i32, &[0, 0, 0, 0]);
    round_trip(1i32, &[1, 0, 0, 0]);
    round_trip(-1i32, &[0xff, 0xff, 0xff, 0xff]);
    round_trip(-2i32, &[0xfe, 0xff, 0xff, 0xff]);
    round_trip(0x1234_5678i32, &[0x78, 0x56, 0x34, 0x12]);
    round_trip(i32::MIN, &[0x00, 0x00, 0x00, 0x80]);
    round_trip(i32::MAX, &[0xff, 0xff, 0xff, 0x7f]);
}

#[test]
fn longs_are_eight_bytes_little_endian_twos_complement() {
    round_trip(-1i64, &[0xff; 8]);
    round_trip(-2i64, &[0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    round_trip(
        0x0102_0304_0506_0708i64,
        &[0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01],
    );
    round_trip(i64::MIN, &[0, 0, 0, 0, 0, 0, 0, 0x80]);
    // -4294967296 = 0xffff_ffff_0000_0000.
    round_trip(-4_294_967_296i64, &[0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);
}

#[test]
fn doubles_are_ieee754_binary64_little_endian() {
    // 1.0 = 0x3ff0_0000_0000_0000.
    round_trip(1.0f64, &[0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
    // -2.5 = -1.25 * 2^1: sign 1, exponent 1023 + 1 = 0x400, mantissa 0.25 = 0x4_0000_...
    // -> 0xc004_0000_0000_0000.
    round_trip(-2.5f64, &[0, 0, 0, 0, 0, 0, 0x04, 0xc0]);
    round_trip(0.0f64, &[0; 8]);
}

#[test]
fn doubles_keep_nan_payloads_bit_exact() {
    let bytes = [0x01, 0, 0, 0, 0, 0, 0xf8, 0x7f];
    let value = f64::from_bytes(&bytes);
    assert_eq!(value.map(f64::to_bits), Ok(0x7ff8_0000_0000_0001));
    assert_eq!(value.map(|v| v.to_bytes()), Ok(bytes.to_vec()));
}

#[test]
fn int128_and_int256_are_written_verbatim() {
    let n128: [u8; 16] = [
        0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee,
        0xff,
    ];
    round_trip(n128, &n128);
    let mut n256 = [0u8; 32];
    for (i, b) in (0u8..).zip(n256.iter_mut()) {
        *b = 0xff - i;
    }
    round_trip(n256, &n256);

    let mut out = Vec::new();
    wire::write_int128(n128, &mut out);
    wire::write_int256(n256, &mut out);
    assert_eq!(out.len(), wire::INT128_LEN + wire::INT256_LEN);
    let mut reader = Reader::new(&out);
    assert_eq!(wire::read_int128(&mut reader), Ok(n128));
    assert_eq!(wire::read_int256(&mut reader), Ok(n256));
    assert!(reader.is_empty());
}

#[test]
fn bool_is_its_constructor_id() {
    round_trip(true, &[0xb5, 0x75, 0x72, 0x99]);
    round_trip(false, &[0x37, 0x97, 0x79, 0xbc]);
}

#[test]
fn unknown_bool_id_is_an_error_naming_the_id() {
    assert_eq!(
        bool::from_bytes(&[0, 0, 0, 0]),
        Err(DecodeError::UnknownConstructor {
            offset: 0,
            id: 0,
            expected_type: "Bool",
        })
    );
    // The `Vector` id where a Bool belongs, after 4 bytes of an int.
    let input = [7, 0, 0, 0, 0x15, 0xc4, 0xb5, 0x1c];
    let mut reader = Reader::new(&input);
    assert_eq!(reader.read_i32(), Ok(7));
    assert_eq!(
        wire::read_bool(&mut reader),
        Err(DecodeError::UnknownConstructor {
            offset: 4,
            id: 0x1cb5_c415,
            expected_type: "Bool",
        })
    );
}

#[test]
fn vector_of_ints_is_id_count_items() {
    round_trip(
        vec![1i32, -1],
        &[
            0x15, 0xc4, 0xb5, 0x1c, // Vector
            0x02, 0x00, 0x00, 0x00, // count 2
            0x01, 0x00, 0x00, 0x00, // 1
            0xff, 0xff, 0xff, 0xff, // -1
        ],
    );
    round_trip(Vec::<i64>::new(), &[0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0]);
}

#[test]
fn nested_vectors_box_every_level() {
    round_trip(
        vec![vec![1i32], vec![], vec![2, 3]],
        &[
            0x15, 0xc4, 0xb5, 0x1c, 0x03, 0x00, 0x00, 0x00, // Vector, 3 items
            0x15, 0xc4, 0xb5, 0x1c, 0x01, 0x00, 0x00, 0x00, // [0]: Vector, 1 item
            0x01, 0x00, 0x00, 0x00, //                        1
            0x15, 0xc4, 0xb5, 0x1c, 0x00, 0x00, 0x00, 0x00, // [1]: Vector, empty
            0x15, 0xc4, 0xb5, 0x1c, 0x02, 0x00, 0x00, 0x00, // [2]: Vector, 2 items
            0x02, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, //      2, 3
        ],
    );
}

#[test]
fn vector_of_strings_and_bools() {
    round_trip(
        vec!["a".to_owned(), String::new()],
        &[
            0x15, 0xc4, 0xb5, 0x1c, 0x02, 0x00, 0x00, 0x00, //
            0x01, b'a', 0x00, 0x00, //
            0x00, 0x00, 0x00, 0x00,
        ],
    );
    round_trip(
        vec![true, false],
        &[
            0x15, 0xc4, 0xb5, 0x1c, 0x02, 0x00, 0x00, 0x00, //
            0xb5, 0x75, 0x72, 0x99, //
            0x37, 0x97, 0x79, 0xbc,
        ],
    );
}

#[test]
fn bare_vectors_have_no_id() {
    let value = vec![5i64];
    let expected = [1, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0];
    assert_eq!(value.to_bare_bytes(), expected);
    assert_eq!(value.bare_len(), 12);
    assert_eq!(Vec::<i64>::from_bare_bytes(&expected), Ok(value));
}

#[test]
fn vectors_with_closures_cover_bytes_items() {
    let items: Vec<Vec<u8>> = vec![vec![0xaa], vec![]];
    let expected = [
        0x15, 0xc4, 0xb5, 0x1c, 0x02, 0x00, 0x00, 0x00, //
        0x01, 0xaa, 0x00, 0x00, //
        0x00, 0x00, 0x00, 0x00,
    ];
    let mut out = Vec::new();
    wire::write_vector(&items, &mut out, |b, out| wire::write_bytes(b, out));
    assert_eq!(out, expected);
    assert_eq!(wire::vector_len(&items, |b| wire::bytes_len(b)), 16);
    let mut reader = Reader::new(&out);
    assert_eq!(
        wire::read_vector(&mut reader, wire::read_bytes),
        Ok(items.clone())
    );
    assert!(reader.is_empty());

    let mut bare = Vec::new();
    wire::write_bare_vector(&items, &mut bare, |b, out| wire::write_bytes(b, out));
    assert_eq!(bare.get(..), expected.get(4..));
    assert_eq!(wire::bare_vector_len(&items, |b| wire::bytes_len(b)), 12);
    let mut reader = Reader::new(&bare);
    assert_eq!(
        wire::read_bare_vector(&mut reader, wire::read_bytes),
        Ok(items)
    );
}

#[test]
fn wrong_vector_id_is_an_unknown_constructor() {
    assert_eq!(
        Vec::<i32>::from_bytes(&[0xb5, 0x75, 0x72, 0x99, 0, 0, 0, 0]),
        Err(DecodeError::UnknownConstructor {
            offset: 0,
            id: 0x9972_75b5,
            expected_type: "Vector",
        })
    );
}

#[test]
fn boxes_and_references_forward() {
    // Only the bare traits forward for builtins; `Box`es of constructors are
    // `Serialize`/`Deserialize` too (tests/generated_style.rs).
    assert_eq!(SerializeBare::bare_len(&&7i64), 8);
    assert_eq!(Box::new(-1i32).to_bare_bytes(), [0xff; 4]);
    assert_eq!(Box::<i32>::from_bare_bytes(&[0xff; 4]), Ok(Box::new(-1)));
    assert_eq!([1i32].as_slice().to_bytes(), vec![1i32].to_bytes());
}

#[test]
fn raw_reader_primitives() {
    let input = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    let mut reader = Reader::new(&input);
    assert_eq!(reader.peek_u32(), Ok(0x0403_0201));
    assert_eq!(reader.position(), 0);
    assert_eq!(reader.read_u32(), Ok(0x0403_0201));
    assert_eq!(reader.read_raw(2), Ok(&[5, 6][..]));
    assert_eq!(reader.unread(), &[7, 8, 9]);
    assert_eq!(
        reader.read_u64(),
        Err(DecodeError::UnexpectedEof {
            offset: 6,
            needed: 8,
            remaining: 3,
        })
    );
    assert_eq!(reader.read_array::<2>(), Ok([7, 8]));
    assert_eq!(
        reader.finish(),
        Err(DecodeError::TrailingBytes {
            offset: 8,
            remaining: 1,
        })
    );
    assert_eq!(reader.read_rest(), &[9]);
    assert_eq!(reader.finish(), Ok(()));
    assert_eq!(
        reader.peek_u32(),
        Err(DecodeError::UnexpectedEof {
            offset: 9,
            needed: 4,
            remaining: 0,
        })
    );
}

/// A `Fixed` run writes exactly what the one-value `wire` functions write one
/// after another; the expected bytes are the spec's little-endian encodings.
#[test]
fn fixed_runs_write_what_single_writes_write() {
    let n128: [u8; 16] = core::array::from_fn(|i| i as u8);
    let n256: [u8; 32] = core::array::from_fn(|i| 0xff - i as u8);
    let mut out = vec![0xaa];
    wire::Fixed::<{ 4 + 4 + 8 + 8 + 16 + 32 + 4 + 4 }>::new()
        .u32(0x8000_0001)
        .int(-2)
        .long(0x0102_0304_0506_0708)
        .double(1.5)
        .int128(n128)
        .int256(n256)
        .bool(true)
        .bool(false)
        .write(&mut out);
    let mut expected = vec![0xaa, 0x01, 0x00, 0x00, 0x80, 0xfe, 0xff, 0xff, 0xff];
    expected.extend_from_slice(&[8, 7, 6, 5, 4, 3, 2, 1]);
    expected.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0xf8, 0x3f]);
    expected.extend_from_slice(&n128);
    expected.extend_from_slice(&n256);
    expected.extend_from_slice(&[0xb5, 0x75, 0x72, 0x99, 0x37, 0x97, 0x79, 0xbc]);
    assert_eq!(out, expected);

    let mut single = vec![0xaa];
    wire::write_u32(0x8000_0001, &mut single);
    wire::write_int(-2, &mut single);
    wire::write_long(0x0102_0304_0506_0708, &mut single);
    wire::write_double(1.5, &mut single);
    wire::write_int128(n128, &mut single);
    wire::write_int256(n256, &mut single);
    wire::write_bool(true, &mut single);
    wire::write_bool(false, &mut single);
    assert_eq!(single, expected);
}

#[test]
#[should_panic(expected = "more than the 8 bytes declared were put in a wire::Fixed run")]
fn a_fixed_run_longer_than_declared_panics() {
    let _ = wire::Fixed::<8>::new().int(1).long(2);
}

#[test]
#[should_panic(expected = "a wire::Fixed run of 12 bytes was written with 8")]
fn a_fixed_run_shorter_than_declared_panics_and_writes_nothing() {
    wire::Fixed::<12>::new().long(2).write(&mut Vec::new());
}
