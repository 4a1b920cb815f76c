//! `RawObject`: TL's `Object`, kept as boxed bytes.

use tl_runtime::{DecodeError, Deserialize, RawObject, Reader, Serialize, wire};

const BOOL_TRUE: [u8; 4] = [0xb5, 0x75, 0x72, 0x99];

/// `rpc_result#f35c6d01 req_msg_id:long result:Object = RpcResult;`
#[derive(Debug, PartialEq)]
struct RpcResult {
    req_msg_id: i64,
    result: RawObject,
}

impl Deserialize for RpcResult {
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.expect_constructor(0xf35c_6d01, "RpcResult")?;
        reader.nested(|r| {
            Ok(Self {
                req_msg_id: r.read_i64()?,
                result: RawObject::deserialize(r)?,
            })
        })
    }
}

#[test]
fn from_value_holds_the_boxed_bytes() {
    let object = RawObject::from_value(&true);
    assert_eq!(object.as_bytes(), BOOL_TRUE);
    assert_eq!(object.constructor_id(), 0x9972_75b5);
    assert_eq!(object.body(), &[] as &[u8]);
    assert_eq!(object.decode::<bool>(), Ok(true));
    assert_eq!(
        object.decode::<Vec<i32>>(),
        Err(DecodeError::UnknownConstructor {
            offset: 0,
            id: 0x9972_75b5,
            expected_type: "Vector",
        })
    );
    assert_eq!(
        format!("{object:?}"),
        "RawObject { constructor_id: 0x997275b5, len: 4 }"
    );
}

#[test]
fn serialize_writes_the_bytes_verbatim() {
    let object = RawObject::from_value(&vec![3i64]);
    let expected = [
        0x15, 0xc4, 0xb5, 0x1c, 0x01, 0x00, 0x00, 0x00, 0x03, 0, 0, 0, 0, 0, 0, 0,
    ];
    assert_eq!(object.to_bytes(), expected);
    assert_eq!(object.serialized_len(), 16);
    assert_eq!(object.body(), &expected[4..]);
    assert_eq!(object.clone().into_bytes(), expected);
    assert_eq!(Vec::from(object), expected);
}

#[test]
fn new_requires_a_constructor_id() {
    assert_eq!(
        RawObject::new(vec![1, 2]),
        Err(DecodeError::UnexpectedEof {
            offset: 0,
            needed: 4,
            remaining: 2,
        })
    );
    let object = RawObject::new(vec![1, 2, 3, 4, 5]).map(|o| o.constructor_id());
    assert_eq!(object, Ok(0x0403_0201));
}

#[test]
fn deserialize_consumes_the_rest_of_the_input() {
    let input = [
        0x01, 0x6d, 0x5c, 0xf3, // rpc_result
        0x2a, 0, 0, 0, 0, 0, 0, 0, // req_msg_id 42
        0xb5, 0x75, 0x72, 0x99, // result: boolTrue
    ];
    let decoded = RpcResult::from_bytes(&input);
    assert_eq!(
        decoded,
        Ok(RpcResult {
            req_msg_id: 42,
            result: RawObject::from_value(&true),
        })
    );
    assert_eq!(decoded.and_then(|r| r.result.decode::<bool>()), Ok(true));
}

#[test]
fn deserialize_needs_at_least_a_constructor_id() {
    assert_eq!(
        RawObject::from_bytes(&[1, 2, 3]),
        Err(DecodeError::UnexpectedEof {
            offset: 0,
            needed: 4,
            remaining: 3,
        })
    );
}

#[test]
fn decode_rejects_leftover_bytes_inside_the_object() {
    let mut bytes = BOOL_TRUE.to_vec();
    bytes.extend_from_slice(&[0; 4]);
    let object = RawObject::new(bytes);
    assert_eq!(
        object.and_then(|o| o.decode::<bool>()),
        Err(DecodeError::TrailingBytes {
            offset: 4,
            remaining: 4,
        })
    );
}

#[test]
fn read_with_len_takes_exactly_len_bytes() {
    // Transport `message msg_id:long seqno:int bytes:int body:Object`, then more input.
    let mut input = Vec::new();
    wire::write_long(1, &mut input);
    wire::write_int(3, &mut input);
    wire::write_int(4, &mut input);
    input.extend_from_slice(&BOOL_TRUE);
    input.extend_from_slice(&[0xee; 4]);

    let mut reader = Reader::new(&input);
    assert_eq!(reader.read_i64(), Ok(1));
    assert_eq!(reader.read_i32(), Ok(3));
    let len = reader
        .read_i32()
        .map(|n| usize::try_from(n).unwrap_or(usize::MAX));
    assert_eq!(len, Ok(4));
    let body = RawObject::read_with_len(&mut reader, 4);
    assert_eq!(body, Ok(RawObject::from_value(&true)));
    assert_eq!(reader.position(), 20);
    assert_eq!(reader.remaining(), 4);
}

#[test]
fn read_with_len_rejects_bad_lengths_before_allocating() {
    let input = [0u8; 8];
    let mut reader = Reader::new(&input);
    assert_eq!(reader.read_u32(), Ok(0));
    assert_eq!(
        RawObject::read_with_len(&mut reader, 0x7fff_ffff),
        Err(DecodeError::LengthTooLarge {
            offset: 4,
            declared: 0x7fff_ffff,
            remaining: 4,
        })
    );
    assert_eq!(
        RawObject::read_with_len(&mut reader, 3),
        Err(DecodeError::Invalid {
            offset: 4,
            reason: "object length shorter than a constructor id",
        })
    );
}
