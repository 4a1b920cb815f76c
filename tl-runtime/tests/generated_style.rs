//! Hand-written impls in the shape tlgen generates, for this test-only schema (the ids
//! are made up for the test; real ones come from the schema or its CRC32):
//!
//! ```text
//! peerEmpty#11111111 = Peer;
//! peerUser#22222222 user_id:long = Peer;
//! sample#33333333 flags:# silent:flags.0?true title:flags.1?string
//!     ids:Vector<long> name:string peer:Peer = Sample;
//! ---functions---
//! getSample#44444444 peer:Peer = Sample;
//! ```
//!
//! Constructor and function structs implement only `Identifiable`, `SerializeBare` and
//! `DeserializeBare`, as generated code does; their boxed `Serialize`/`Deserialize`
//! come from tl-runtime's blanket implementations.
//!
//! Checks exact bytes, exact lengths, and the exact error for input truncated at every
//! offset.

use tl_runtime::{
    DecodeError, Deserialize, DeserializeBare, Identifiable, Limits, Reader, RemoteCall, Serialize,
    SerializeBare, wire,
};

/// `peerEmpty#11111111 = Peer;`
#[derive(Debug, Clone, PartialEq)]
struct PeerEmpty;

/// `peerUser#22222222 user_id:long = Peer;`
#[derive(Debug, Clone, PartialEq)]
struct PeerUser {
    user_id: i64,
}

/// `Peer`
#[derive(Debug, Clone, PartialEq)]
enum Peer {
    Empty(PeerEmpty),
    User(PeerUser),
}

/// `sample#33333333 flags:# silent:flags.0?true title:flags.1?string ids:Vector<long>
/// name:string peer:Peer = Sample;`
#[derive(Debug, Clone, PartialEq)]
struct Sample {
    silent: bool,
    title: Option<String>,
    ids: Vec<i64>,
    name: String,
    peer: Peer,
}

/// `getSample#44444444 peer:Peer = Sample;`
#[derive(Debug, Clone, PartialEq)]
struct GetSample {
    peer: Peer,
}

impl Identifiable for PeerEmpty {
    const CONSTRUCTOR_ID: u32 = 0x1111_1111;
    const TL_NAME: &'static str = "peerEmpty";
    const TL_TYPE: &'static str = "Peer";
}
impl SerializeBare for PeerEmpty {
    fn serialize_bare(&self, _out: &mut Vec<u8>) {}
    fn bare_len(&self) -> usize {
        0
    }
}
impl DeserializeBare for PeerEmpty {
    fn deserialize_bare(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.nested(|_| Ok(Self))
    }
}

impl Identifiable for PeerUser {
    const CONSTRUCTOR_ID: u32 = 0x2222_2222;
    const TL_NAME: &'static str = "peerUser";
    const TL_TYPE: &'static str = "Peer";
}
impl SerializeBare for PeerUser {
    fn serialize_bare(&self, out: &mut Vec<u8>) {
        wire::write_long(self.user_id, out);
    }
    fn bare_len(&self) -> usize {
        wire::LONG_LEN
    }
}
impl DeserializeBare for PeerUser {
    fn deserialize_bare(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.enter()?;
        let user_id = reader.read_i64()?;
        reader.leave();
        Ok(Self { user_id })
    }
}

impl Serialize for Peer {
    fn serialize(&self, out: &mut Vec<u8>) {
        match self {
            Self::Empty(x) => {
                wire::write_u32(PeerEmpty::CONSTRUCTOR_ID, out);
                x.serialize_bare(out);
            }
            Self::User(x) => {
                wire::write_u32(PeerUser::CONSTRUCTOR_ID, out);
                x.serialize_bare(out);
            }
        }
    }
    fn serialized_len(&self) -> usize {
        wire::ID_LEN
            + match self {
                Self::Empty(x) => x.bare_len(),
                Self::User(x) => x.bare_len(),
            }
    }
}
impl Deserialize for Peer {
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let offset = reader.position();
        match reader.read_u32()? {
            PeerEmpty::CONSTRUCTOR_ID => PeerEmpty::deserialize_bare(reader).map(Self::Empty),
            PeerUser::CONSTRUCTOR_ID => PeerUser::deserialize_bare(reader).map(Self::User),
            id => Err(DecodeError::unknown_constructor(offset, id, "Peer")),
        }
    }
}

impl Identifiable for Sample {
    const CONSTRUCTOR_ID: u32 = 0x3333_3333;
    const TL_NAME: &'static str = "sample";
    const TL_TYPE: &'static str = "Sample";
}
impl SerializeBare for Sample {
    fn serialize_bare(&self, out: &mut Vec<u8>) {
        let flags = u32::from(self.silent) | u32::from(self.title.is_some()) << 1;
        wire::write_u32(flags, out);
        if let Some(title) = &self.title {
            wire::write_string(title, out);
        }
        wire::write_vector(&self.ids, out, |v, out| wire::write_long(*v, out));
        wire::write_string(&self.name, out);
        self.peer.serialize(out);
    }
    fn bare_len(&self) -> usize {
        wire::INT_LEN
            + self.title.as_deref().map_or(0, wire::string_len)
            + wire::vector_len(&self.ids, |_| wire::LONG_LEN)
            + wire::string_len(&self.name)
            + self.peer.serialized_len()
    }
}
impl DeserializeBare for Sample {
    fn deserialize_bare(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.nested(|r| {
            let flags = r.read_u32()?;
            let silent = flags & 1 << 0 != 0;
            let title = if flags & 1 << 1 != 0 {
                Some(r.read_string()?)
            } else {
                None
            };
            let ids = wire::read_vector_min(r, wire::LONG_LEN, wire::read_long)?;
            let name = r.read_string()?;
            let peer = Peer::deserialize(r)?;
            Ok(Self {
                silent,
                title,
                ids,
                name,
                peer,
            })
        })
    }
}

impl Identifiable for GetSample {
    const CONSTRUCTOR_ID: u32 = 0x4444_4444;
    const TL_NAME: &'static str = "getSample";
}
impl SerializeBare for GetSample {
    fn serialize_bare(&self, out: &mut Vec<u8>) {
        self.peer.serialize(out);
    }
    fn bare_len(&self) -> usize {
        self.peer.serialized_len()
    }
}
impl DeserializeBare for GetSample {
    fn deserialize_bare(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.nested(|r| {
            Ok(Self {
                peer: Peer::deserialize(r)?,
            })
        })
    }
}
impl RemoteCall for GetSample {
    type Return = Sample;
    type Error = tl_runtime::RpcError;
}

fn full_sample() -> Sample {
    Sample {
        silent: true,
        title: Some("hi".to_owned()),
        ids: vec![1, -1],
        name: String::new(),
        peer: Peer::User(PeerUser { user_id: 7 }),
    }
}

/// `full_sample()`, worked out by hand. 52 bytes.
const FULL_SAMPLE: [u8; 52] = [
    0x33, 0x33, 0x33, 0x33, // 0: sample
    0x03, 0x00, 0x00, 0x00, // 4: flags = bit 0 (silent) | bit 1 (title)
    0x02, b'h', b'i', 0x00, // 8: title "hi", 1 byte of padding
    0x15, 0xc4, 0xb5, 0x1c, // 12: Vector
    0x02, 0x00, 0x00, 0x00, // 16: count 2
    0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 20: 1
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // 28: -1
    0x00, 0x00, 0x00, 0x00, // 36: name "", 3 bytes of padding
    0x22, 0x22, 0x22, 0x22, // 40: peerUser
    0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 44: user_id 7
];

#[test]
fn full_sample_bytes() {
    let value = full_sample();
    assert_eq!(value.to_bytes(), FULL_SAMPLE);
    assert_eq!(value.serialized_len(), 52);
    assert_eq!(value.bare_len(), 48);
    assert_eq!(value.to_bare_bytes().get(..), FULL_SAMPLE.get(4..));
    assert_eq!(Sample::from_bytes(&FULL_SAMPLE), Ok(value.clone()));
    assert_eq!(Sample::from_bare_bytes(&FULL_SAMPLE[4..]), Ok(value));
}

#[test]
fn absent_flags_write_nothing() {
    let value = Sample {
        silent: false,
        title: None,
        ids: Vec::new(),
        name: "abcd".to_owned(),
        peer: Peer::Empty(PeerEmpty),
    };
    let expected = [
        0x33, 0x33, 0x33, 0x33, // sample
        0x00, 0x00, 0x00, 0x00, // flags = 0
        0x15, 0xc4, 0xb5, 0x1c, 0x00, 0x00, 0x00, 0x00, // empty Vector
        0x04, b'a', b'b', b'c', b'd', 0x00, 0x00, 0x00, // name, 3 bytes of padding
        0x11, 0x11, 0x11, 0x11, // peerEmpty
    ];
    assert_eq!(value.to_bytes(), expected);
    assert_eq!(value.serialized_len(), 28);
    assert_eq!(Sample::from_bytes(&expected), Ok(value));
}

#[test]
fn a_true_flag_is_only_a_bit() {
    let value = Sample {
        silent: true,
        title: None,
        ids: Vec::new(),
        name: String::new(),
        peer: Peer::Empty(PeerEmpty),
    };
    let bytes = value.to_bytes();
    assert_eq!(bytes.get(4..8), Some(&[0x01, 0x00, 0x00, 0x00][..]));
    assert_eq!(bytes.len(), 4 + 4 + 8 + 4 + 4);
    assert_eq!(Sample::from_bytes(&bytes), Ok(value));
}

#[test]
fn functions_serialize_with_their_id_and_name_their_return_type() {
    let call = GetSample {
        peer: Peer::User(PeerUser { user_id: -2 }),
    };
    assert_eq!(
        call.to_bytes(),
        [
            0x44, 0x44, 0x44, 0x44, 0x22, 0x22, 0x22, 0x22, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff,
            0xff, 0xff
        ]
    );
    let answer = <GetSample as RemoteCall>::Return::from_bytes(&FULL_SAMPLE);
    assert_eq!(answer, Ok(full_sample()));
    assert_eq!(GetSample::TL_NAME, "getSample");
}

/// The error for `FULL_SAMPLE` cut to its first `cut` bytes, from the layout above.
fn truncation_error(cut: usize) -> DecodeError {
    let eof = |offset: usize, needed: usize| DecodeError::UnexpectedEof {
        offset,
        needed,
        remaining: cut - offset,
    };
    match cut {
        0..4 => eof(0, 4), // constructor id
        4..8 => eof(4, 4), // flags
        8 => eof(8, 1),    // title length byte
        9..11 => DecodeError::LengthTooLarge {
            offset: 8,
            declared: 2,
            remaining: cut - 9,
        },
        11 => eof(11, 1),     // title padding
        12..16 => eof(12, 4), // Vector id
        16..20 => eof(16, 4), // count
        // 2 longs need 16 bytes after the count.
        20..36 => DecodeError::CountTooLarge {
            offset: 16,
            count: 2,
            min_item_size: 8,
            remaining: cut - 20,
        },
        36 => eof(36, 1),     // name length byte
        37..40 => eof(37, 3), // name padding
        40..44 => eof(40, 4), // peer constructor id
        44..52 => eof(44, 8), // user_id
        _ => unreachable!("cut {cut} is not a truncation"),
    }
}

#[test]
fn truncation_at_every_offset_is_an_exact_error() {
    for cut in 0..FULL_SAMPLE.len() {
        let input = FULL_SAMPLE.get(..cut).unwrap_or_default();
        assert_eq!(
            Sample::from_bytes(input),
            Err(truncation_error(cut)),
            "input cut to {cut} bytes"
        );
    }
}

#[test]
fn trailing_bytes_are_rejected_with_offset_and_count() {
    let mut input = FULL_SAMPLE.to_vec();
    input.extend_from_slice(&[0, 0, 0]);
    assert_eq!(
        Sample::from_bytes(&input),
        Err(DecodeError::TrailingBytes {
            offset: 52,
            remaining: 3,
        })
    );
}

#[test]
fn unknown_enum_constructor_names_the_type() {
    let mut input = FULL_SAMPLE.to_vec();
    if let Some(id) = input.get_mut(40..44) {
        id.copy_from_slice(&0xdead_beef_u32.to_le_bytes());
    }
    assert_eq!(
        Sample::from_bytes(&input),
        Err(DecodeError::UnknownConstructor {
            offset: 40,
            id: 0xdead_beef,
            expected_type: "Peer",
        })
    );
    assert_eq!(
        Sample::from_bytes(&[0x22, 0x22, 0x22, 0x22]),
        Err(DecodeError::UnknownConstructor {
            offset: 0,
            id: 0x2222_2222,
            expected_type: "Sample",
        })
    );
}

#[test]
fn each_constructor_body_and_vector_is_one_level_of_depth() {
    // sample (depth 1) holds ids, a Vector (depth 2) whose count is at byte 16,
    // and peerUser (depth 2), whose body starts at byte 44.
    let shallow = Limits { max_depth: 1 };
    assert_eq!(
        Sample::from_bytes_with_limits(&FULL_SAMPLE, shallow),
        Err(DecodeError::DepthExceeded {
            offset: 16,
            limit: 1,
        })
    );
    let enough = Limits { max_depth: 2 };
    assert_eq!(
        Sample::from_bytes_with_limits(&FULL_SAMPLE, enough),
        Ok(full_sample())
    );
    let mut reader = Reader::with_limits(&FULL_SAMPLE, enough);
    assert_eq!(Sample::deserialize(&mut reader), Ok(full_sample()));
    assert_eq!(reader.depth(), 0, "enter/leave and nested are balanced");
}

#[test]
fn a_constructor_decoded_alone_names_its_boxed_type() {
    let user = PeerUser { user_id: 7 };
    let bytes = user.to_bytes();
    assert_eq!(bytes.get(..), FULL_SAMPLE.get(40..));
    assert_eq!(user.serialized_len(), 12);
    assert_eq!(PeerUser::from_bytes(&bytes), Ok(user));
    assert_eq!(
        PeerUser::from_bytes(&[0x11, 0x11, 0x11, 0x11]),
        Err(DecodeError::UnknownConstructor {
            offset: 0,
            id: 0x1111_1111,
            expected_type: "Peer",
        })
    );
    assert_eq!(PeerUser::TL_TYPE, "Peer");
    assert_eq!(PeerUser::TL_NAME, "peerUser");
}

#[test]
fn functions_name_themselves_by_default() {
    assert_eq!(GetSample::TL_TYPE, "getSample");
    let call = GetSample {
        peer: Peer::Empty(PeerEmpty),
    };
    let bytes = call.to_bytes();
    assert_eq!(bytes, [0x44, 0x44, 0x44, 0x44, 0x11, 0x11, 0x11, 0x11]);
    assert_eq!(GetSample::from_bytes(&bytes), Ok(call));
    assert_eq!(
        GetSample::from_bytes(&FULL_SAMPLE),
        Err(DecodeError::UnknownConstructor {
            offset: 0,
            id: 0x3333_3333,
            expected_type: "getSample",
        })
    );
}

#[test]
fn a_box_of_a_constructor_is_the_constructor() {
    let boxed = Box::new(full_sample());
    assert_eq!(boxed.to_bytes(), FULL_SAMPLE);
    assert_eq!(Serialize::serialized_len(&boxed), 52);
    assert_eq!(<Box<Sample> as Identifiable>::TL_TYPE, "Sample");
    assert_eq!(Box::<Sample>::from_bytes(&FULL_SAMPLE), Ok(boxed));
    assert_eq!(
        Box::<PeerUser>::from_bytes(&[0x33, 0x33, 0x33, 0x33]),
        Err(DecodeError::UnknownConstructor {
            offset: 0,
            id: 0x3333_3333,
            expected_type: "Peer",
        })
    );
}
