//! The seed generated in the lean mode against Telethon's bytes: the same
//! vectors as `tests/telethon.rs` (Telethon 1.37.0's encodings of every seed
//! constructor and of `phone.joinGroupCall`), read and written with the types
//! that have no `Debug`, builders, conversions, accessors or docs.

use generated::seed_lean::{LAYER, enums, functions, name_for_id, types};
use tl_runtime::{Deserialize, Serialize};

const VECTORS: &str = include_str!("vectors/telethon_seed.txt");

/// The encoding of `bytes` read as a `T` and written again, or `None` when
/// they are not a `T` (an id of another type).
fn reencode<T: Deserialize + Serialize + PartialEq>(bytes: &[u8]) -> Option<Vec<u8>> {
    let value = T::from_bytes(bytes).ok()?;
    let again = value.to_bytes();
    // Without `Debug`, compare values with `==` and say which side differs.
    assert!(
        T::from_bytes(&again).ok().as_ref() == Some(&value),
        "a value written again reads back differently"
    );
    assert_eq!(value.serialized_len(), again.len());
    Some(again)
}

/// Reads bytes as one type and writes them again ([`reencode`]).
type Reader = fn(&[u8]) -> Option<Vec<u8>>;

/// Every lean type a seed value can be read as.
const READERS: &[(&str, Reader)] = &[
    ("Bool", reencode::<bool>),
    ("Chat", reencode::<enums::Chat>),
    ("DataJSON", reencode::<enums::DataJson>),
    ("InputGroupCall", reencode::<enums::InputGroupCall>),
    ("InputPeer", reencode::<enums::InputPeer>),
    ("MessageEntity", reencode::<enums::MessageEntity>),
    ("MessageFwdHeader", reencode::<enums::MessageFwdHeader>),
    ("MessageMedia", reencode::<enums::MessageMedia>),
    ("MessageReplyHeader", reencode::<enums::MessageReplyHeader>),
    ("Peer", reencode::<enums::Peer>),
    ("Update", reencode::<enums::Update>),
    ("User", reencode::<enums::User>),
    ("Updates", reencode::<enums::Updates>),
    (
        "phone.joinGroupCall",
        reencode::<functions::phone::JoinGroupCall>,
    ),
];

#[test]
fn every_telethon_vector_reads_and_writes_back_byte_for_byte() {
    let vectors = tlgen_test_support::hex_vectors(VECTORS);
    assert_eq!(
        vectors.len(),
        43,
        "the vectors file changed: count its cases again"
    );
    for (name, bytes) in &vectors {
        let id = u32::from_le_bytes(bytes[..4].try_into().expect("a case has an id"));
        assert!(name_for_id(id).is_some(), "{name}: id {id:#010x} unknown");
        let read: Vec<(&str, Vec<u8>)> = READERS
            .iter()
            .filter_map(|(ty, read)| Some((*ty, read(bytes)?)))
            .collect();
        assert_eq!(
            read.len(),
            1,
            "{name}: read as {:?}, expected exactly one type",
            read.iter().map(|(ty, _)| *ty).collect::<Vec<_>>()
        );
        assert_eq!(&read[0].1, bytes, "{name}: written back as {}", read[0].0);
    }
}

#[test]
fn values_are_struct_literals() {
    // phone_join_group_call_muted in the vectors file: muted, no invite hash.
    // (Its fields of boxed types have no natural default, so neither has it.)
    let call = functions::phone::JoinGroupCall {
        muted: true,
        video_stopped: false,
        call: enums::InputGroupCall::InputGroupCall(types::InputGroupCall {
            id: 81_985_529_216_486_895,
            access_hash: -9_141_386_507_638_288_912,
        }),
        join_as: enums::InputPeer::Empty,
        invite_hash: None,
        params: enums::DataJson::DataJson(types::DataJson {
            data: r#"{"ssrc":12345,"ufrag":"abc"}"#.to_owned(),
        }),
    };
    // `..Default::default()` where the struct has it.
    let peer = types::PeerUser {
        ..Default::default()
    };
    assert_eq!(peer.user_id, 0);
    let expected = tlgen_test_support::hex_vectors(VECTORS)["phone_join_group_call_muted"].clone();
    assert_eq!(call.to_bytes(), expected);
    assert_eq!(LAYER, 186);
}
