//! The generated seed types against bytes from an independent implementation.
//!
//! `tests/vectors/telethon_seed.txt` was produced by Telethon 1.37.0 (the Python
//! MTProto client, whose serializers are generated from its own copy of the schema)
//! with `tools/telethon_vectors.py`: run `tools/setup_venv.sh`, then
//! `.venv/bin/python tools/telethon_vectors.py`. Each case in the file is a
//! `# name: description` comment giving every field value, then `name hex`, the
//! boxed serialization Telethon produced.
//!
//! For every case, the same value is built here by hand from its description, and:
//! `to_bytes()` must equal Telethon's bytes exactly, `serialized_len()` must equal
//! their length, and decoding Telethon's bytes must give back the same value. Every
//! case of the file must be used, and every case here must be in the file.

use generated::{LAYER, enums, functions, name_for_id, types};
use std::collections::BTreeMap;
use std::fmt::Debug;
use tl_runtime::{DecodeError, Deserialize, Serialize};

const VECTORS: &str = include_str!("vectors/telethon_seed.txt");

/// One value whose encoding is checked against Telethon's.
trait Case {
    /// Panics with the case name if the value does not match `expected`.
    fn check(&self, name: &str, expected: &[u8]);
}

impl<T: Serialize + Deserialize + PartialEq + Debug> Case for T {
    fn check(&self, name: &str, expected: &[u8]) {
        assert_eq!(
            self.to_bytes(),
            expected,
            "{name}: bytes differ from Telethon's"
        );
        assert_eq!(
            self.serialized_len(),
            expected.len(),
            "{name}: serialized_len"
        );
        assert_eq!(
            T::from_bytes(expected).as_ref(),
            Ok(self),
            "{name}: decoding"
        );
    }
}

/// The cases of the vectors file: name -> bytes.
fn vectors() -> BTreeMap<String, Vec<u8>> {
    tlgen_test_support::hex_vectors(VECTORS)
}

const DATE: i32 = 1_700_000_000;
const BIG_NEGATIVE: i64 = -9_141_386_507_638_288_912;
const UNICODE: &str = "Привет, мир! 👋 «ünïcödé»";

fn peer_user(user_id: i64) -> enums::Peer {
    types::PeerUser { user_id }.into()
}

fn entity(offset: i32, length: i32) -> enums::MessageEntity {
    types::MessageEntityUnknown { offset, length }.into()
}

fn story_reply(user_id: i64, story_id: i32) -> enums::MessageReplyHeader {
    types::MessageReplyStoryHeader {
        peer: peer_user(user_id),
        story_id,
    }
    .into()
}

fn user_empty(id: i64) -> enums::User {
    types::UserEmpty { id }.into()
}

fn chat_empty(id: i64) -> enums::Chat {
    types::ChatEmpty { id }.into()
}

fn saved_gifs() -> enums::Update {
    types::UpdateSavedGifs.into()
}

fn ssrc_json() -> enums::DataJson {
    types::DataJson {
        data: r#"{"ssrc":12345,"ufrag":"abc"}"#.to_owned(),
    }
    .into()
}

fn group_call() -> enums::InputGroupCall {
    types::InputGroupCall {
        id: 81_985_529_216_486_895,
        access_hash: BIG_NEGATIVE,
    }
    .into()
}

/// `messageFwdHeader` with only `date` set.
fn fwd_header_min(date: i32) -> types::MessageFwdHeader {
    types::MessageFwdHeader {
        imported: false,
        saved_out: false,
        from_id: None,
        from_name: None,
        date,
        channel_post: None,
        post_author: None,
        saved_from_peer: None,
        saved_from_id: None,
        saved_from_name: None,
        saved_date: None,
        psa_type: None,
    }
}

/// `messageFwdHeader` with every field set (flags 0x00000ffd).
fn fwd_header_all() -> types::MessageFwdHeader {
    types::MessageFwdHeader {
        imported: true,
        saved_out: true,
        from_id: Some(peer_user(1001)),
        from_name: Some("Forwarder".to_owned()),
        date: 1_699_996_400,
        channel_post: Some(77),
        post_author: Some("Author ✍".to_owned()),
        saved_from_peer: Some(types::message_fwd_header::SavedFromPeer {
            saved_from_peer: peer_user(1002),
            saved_from_msg_id: 55,
        }),
        saved_from_id: Some(peer_user(1003)),
        saved_from_name: Some("Saver".to_owned()),
        saved_date: Some(1_699_999_940),
        psa_type: Some("covid".to_owned()),
    }
}

/// `updateShortMessage` with no optional field.
fn short_message(id: i32, user_id: i64, message: String, pts: i32) -> types::UpdateShortMessage {
    types::UpdateShortMessage {
        out: false,
        mentioned: false,
        media_unread: false,
        silent: false,
        id,
        user_id,
        message,
        pts,
        pts_count: 1,
        date: DATE,
        fwd_from: None,
        via_bot_id: None,
        reply_to: None,
        entities: None,
        ttl_period: None,
    }
}

/// `updateShortChatMessage` with no optional field.
fn short_chat_message(
    id: i32,
    from_id: i64,
    chat_id: i64,
    message: String,
    pts: i32,
) -> types::UpdateShortChatMessage {
    types::UpdateShortChatMessage {
        out: false,
        mentioned: false,
        media_unread: false,
        silent: false,
        id,
        from_id,
        chat_id,
        message,
        pts,
        pts_count: 1,
        date: DATE,
        fwd_from: None,
        via_bot_id: None,
        reply_to: None,
        entities: None,
        ttl_period: None,
    }
}

/// `updateShortSentMessage` with no optional field.
fn short_sent_message(id: i32, pts: i32) -> types::UpdateShortSentMessage {
    types::UpdateShortSentMessage {
        out: false,
        id,
        pts,
        pts_count: 1,
        date: DATE,
        media: None,
        entities: None,
        ttl_period: None,
    }
}

/// `phone.joinGroupCall` with no optional field.
fn join_group_call() -> functions::phone::JoinGroupCall {
    functions::phone::JoinGroupCall {
        muted: false,
        video_stopped: false,
        call: group_call(),
        join_as: types::InputPeerEmpty.into(),
        invite_hash: None,
        params: ssrc_json(),
    }
}

fn updates(value: impl Into<enums::Updates>) -> Box<dyn Case> {
    Box::new(value.into())
}

/// Every case of the vectors file, built by hand from its description.
#[allow(clippy::too_many_lines)]
fn cases() -> Vec<(&'static str, Box<dyn Case>)> {
    vec![
        ("bool_true", Box::new(true)),
        ("bool_false", Box::new(false)),
        ("chat_empty", Box::new(chat_empty(1_234_567_890_123))),
        ("data_json", Box::new(ssrc_json())),
        (
            "data_json_empty",
            Box::new(enums::DataJson::from(types::DataJson {
                data: String::new(),
            })),
        ),
        ("input_group_call", Box::new(group_call())),
        (
            "input_peer_empty",
            Box::new(enums::InputPeer::from(types::InputPeerEmpty)),
        ),
        ("message_entity_unknown", Box::new(entity(3, 7))),
        (
            "message_fwd_header_min",
            Box::new(enums::MessageFwdHeader::from(fwd_header_min(DATE))),
        ),
        (
            "message_fwd_header_all",
            Box::new(enums::MessageFwdHeader::from(fwd_header_all())),
        ),
        (
            "message_fwd_header_shared_bit",
            Box::new(enums::MessageFwdHeader::from(types::MessageFwdHeader {
                saved_from_peer: Some(types::message_fwd_header::SavedFromPeer {
                    saved_from_peer: peer_user(9),
                    saved_from_msg_id: 10,
                }),
                ..fwd_header_min(DATE)
            })),
        ),
        (
            "message_fwd_header_mix",
            Box::new(enums::MessageFwdHeader::from(types::MessageFwdHeader {
                saved_out: true,
                from_name: Some(String::new()),
                channel_post: Some(0),
                psa_type: Some("x".to_owned()),
                ..fwd_header_min(DATE)
            })),
        ),
        (
            "message_media_empty",
            Box::new(enums::MessageMedia::from(types::MessageMediaEmpty)),
        ),
        (
            "message_reply_story_header",
            Box::new(story_reply(4242, 17)),
        ),
        ("peer_user", Box::new(peer_user(777))),
        ("peer_user_negative", Box::new(peer_user(BIG_NEGATIVE))),
        ("update_saved_gifs", Box::new(saved_gifs())),
        ("user_empty", Box::new(user_empty(123_456_789))),
        ("updates_too_long", updates(types::UpdatesTooLong)),
        (
            "update_short_message_min",
            updates(short_message(1, 777, "hi".to_owned(), 2)),
        ),
        (
            "update_short_message_all",
            updates(types::UpdateShortMessage {
                out: true,
                mentioned: true,
                media_unread: true,
                silent: true,
                pts_count: 3,
                fwd_from: Some(fwd_header_all().into()),
                via_bot_id: Some(93_372_553),
                reply_to: Some(story_reply(5, 6)),
                entities: Some(vec![entity(0, 5), entity(6, 300)]),
                ttl_period: Some(86_400),
                ..short_message(100, BIG_NEGATIVE, "all fields".to_owned(), 200)
            }),
        ),
        (
            "update_short_message_mix",
            updates(types::UpdateShortMessage {
                mentioned: true,
                silent: true,
                fwd_from: Some(fwd_header_min(1_699_999_999).into()),
                entities: Some(Vec::new()),
                ttl_period: Some(0),
                ..short_message(2, 778, UNICODE.to_owned(), 3)
            }),
        ),
        (
            "update_short_message_len_253",
            updates(short_message(3, 779, "x".repeat(253), 4)),
        ),
        (
            "update_short_message_len_254",
            updates(short_message(4, 780, "y".repeat(254), 5)),
        ),
        (
            "update_short_message_long_300",
            updates(types::UpdateShortMessage {
                out: true,
                ..short_message(5, 781, "0123456789".repeat(30), 6)
            }),
        ),
        (
            "update_short_message_cyrillic_260",
            updates(types::UpdateShortMessage {
                entities: Some(vec![entity(0, 130)]),
                ..short_message(6, 782, "й".repeat(130), 7)
            }),
        ),
        (
            "update_short_message_empty_text",
            updates(types::UpdateShortMessage {
                media_unread: true,
                ..short_message(7, 783, String::new(), 8)
            }),
        ),
        (
            "update_short_chat_message_min",
            updates(short_chat_message(
                10,
                777,
                888,
                "hello chat".to_owned(),
                11,
            )),
        ),
        (
            "update_short_chat_message_all",
            updates(types::UpdateShortChatMessage {
                out: true,
                mentioned: true,
                media_unread: true,
                silent: true,
                pts_count: 2,
                fwd_from: Some(fwd_header_all().into()),
                via_bot_id: Some(-1),
                reply_to: Some(story_reply(7, 8)),
                entities: Some(vec![entity(0, 5), entity(6, 300)]),
                ttl_period: Some(604_800),
                ..short_chat_message(11, 777, BIG_NEGATIVE, "0123456789".repeat(30), 12)
            }),
        ),
        (
            "update_short_chat_message_mix",
            updates(types::UpdateShortChatMessage {
                out: true,
                via_bot_id: Some(42),
                reply_to: Some(story_reply(9, 10)),
                ..short_chat_message(12, 779, 889, UNICODE.to_owned(), 13)
            }),
        ),
        (
            "update_short_saved_gifs",
            updates(types::UpdateShort {
                update: saved_gifs(),
                date: DATE,
            }),
        ),
        (
            "updates_combined_empty",
            updates(types::UpdatesCombined {
                updates: Vec::new(),
                users: Vec::new(),
                chats: Vec::new(),
                date: DATE,
                seq_start: 0,
                seq: 0,
            }),
        ),
        (
            "updates_combined_full",
            updates(types::UpdatesCombined {
                updates: vec![saved_gifs(), saved_gifs()],
                users: vec![user_empty(1), user_empty(2)],
                chats: vec![chat_empty(3)],
                date: DATE,
                seq_start: 41,
                seq: 42,
            }),
        ),
        (
            "updates_empty",
            updates(types::Updates {
                updates: Vec::new(),
                users: Vec::new(),
                chats: Vec::new(),
                date: DATE,
                seq: 0,
            }),
        ),
        (
            "updates_full",
            updates(types::Updates {
                updates: vec![saved_gifs()],
                users: vec![user_empty(BIG_NEGATIVE)],
                chats: vec![chat_empty(5), chat_empty(6)],
                date: DATE,
                seq: 7,
            }),
        ),
        (
            "updates_users_only",
            updates(types::Updates {
                updates: Vec::new(),
                users: vec![user_empty(11), user_empty(12), user_empty(13)],
                chats: Vec::new(),
                date: DATE,
                seq: 1,
            }),
        ),
        (
            "update_short_sent_message_min",
            updates(short_sent_message(20, 21)),
        ),
        (
            "update_short_sent_message_all",
            updates(types::UpdateShortSentMessage {
                out: true,
                pts_count: 2,
                media: Some(types::MessageMediaEmpty.into()),
                entities: Some(vec![entity(0, 5), entity(6, 300)]),
                ttl_period: Some(3600),
                ..short_sent_message(21, 22)
            }),
        ),
        (
            "update_short_sent_message_mix",
            updates(types::UpdateShortSentMessage {
                out: true,
                media: Some(types::MessageMediaEmpty.into()),
                ..short_sent_message(22, 23)
            }),
        ),
        ("phone_join_group_call_none", Box::new(join_group_call())),
        (
            "phone_join_group_call_muted",
            Box::new(functions::phone::JoinGroupCall {
                muted: true,
                ..join_group_call()
            }),
        ),
        (
            "phone_join_group_call_video_stopped_invite_hash",
            Box::new(functions::phone::JoinGroupCall {
                video_stopped: true,
                invite_hash: Some("AbCdEf123".to_owned()),
                ..join_group_call()
            }),
        ),
        (
            "phone_join_group_call_all",
            Box::new(functions::phone::JoinGroupCall {
                muted: true,
                video_stopped: true,
                invite_hash: Some("0123456789".repeat(30)),
                params: types::DataJson {
                    data: UNICODE.to_owned(),
                }
                .into(),
                ..join_group_call()
            }),
        ),
    ]
}

#[test]
fn every_case_matches_telethon_bytes() {
    let vectors = vectors();
    let cases = cases();
    let mut unused: Vec<&String> = vectors.keys().collect();
    for (name, case) in &cases {
        let expected = vectors
            .get(*name)
            .unwrap_or_else(|| panic!("case {name} is not in the vectors file"));
        case.check(name, expected);
        unused.retain(|n| n.as_str() != *name);
    }
    assert!(
        unused.is_empty(),
        "cases in the file without a test: {unused:?}"
    );
    assert_eq!(cases.len(), vectors.len(), "a case is tested twice");
    assert_eq!(cases.len(), 43);
}

/// `update_short_sent_message_mix`: id, flags, id, pts, pts_count, date, then the
/// `messageMediaEmpty` id at offset 24. 28 bytes.
fn sent_message_mix() -> Vec<u8> {
    vectors()
        .remove("update_short_sent_message_mix")
        .unwrap_or_default()
}

#[test]
fn truncated_input_fails_at_the_offset_of_the_missing_value() {
    let bytes = sent_message_mix();
    assert_eq!(bytes.len(), 28);
    let cut = bytes.get(..26).unwrap_or_default();
    assert_eq!(
        enums::Updates::from_bytes(cut),
        Err(DecodeError::UnexpectedEof {
            offset: 24,
            needed: 4,
            remaining: 2,
        })
    );
    // Cut inside the flags word.
    let cut = bytes.get(..6).unwrap_or_default();
    assert_eq!(
        enums::Updates::from_bytes(cut),
        Err(DecodeError::UnexpectedEof {
            offset: 4,
            needed: 4,
            remaining: 2,
        })
    );
    // Every strict prefix fails; none panics.
    for len in 0..bytes.len() {
        let prefix = bytes.get(..len).unwrap_or_default();
        assert!(
            enums::Updates::from_bytes(prefix).is_err(),
            "prefix of {len}"
        );
    }
}

#[test]
fn trailing_bytes_are_an_error() {
    let mut bytes = sent_message_mix();
    bytes.push(0);
    assert_eq!(
        enums::Updates::from_bytes(&bytes),
        Err(DecodeError::TrailingBytes {
            offset: 28,
            remaining: 1,
        })
    );
}

#[test]
fn unknown_constructors_name_the_expected_type() {
    let mut bytes = sent_message_mix();
    if let Some(id) = bytes.get_mut(24..28) {
        id.copy_from_slice(&0xdead_beef_u32.to_le_bytes());
    }
    assert_eq!(
        enums::Updates::from_bytes(&bytes),
        Err(DecodeError::UnknownConstructor {
            offset: 24,
            id: 0xdead_beef,
            expected_type: "MessageMedia",
        })
    );
    assert_eq!(
        enums::Updates::from_bytes(&0x1234_5678_u32.to_le_bytes()),
        Err(DecodeError::UnknownConstructor {
            offset: 0,
            id: 0x1234_5678,
            expected_type: "Updates",
        })
    );
    // A struct decoded on its own checks its own id, naming its type.
    assert_eq!(
        types::UpdateShortSentMessage::from_bytes(&types::UpdatesTooLong.to_bytes()),
        Err(DecodeError::UnknownConstructor {
            offset: 0,
            id: 0xe317_af7e,
            expected_type: "Updates",
        })
    );
}

#[test]
fn enums_expose_constructor_ids_and_names() {
    let value = enums::Updates::from(short_sent_message(1, 2));
    assert_eq!(value.constructor_id(), 0x9015_e101);
    assert_eq!(value.tl_name(), "updateShortSentMessage");
    assert_eq!(name_for_id(0x9015_e101), Some("updateShortSentMessage"));
    assert_eq!(name_for_id(0xb132_ff7b), Some("phone.joinGroupCall"));
    assert_eq!(name_for_id(0x9972_75b5), Some("boolTrue"));
    assert_eq!(name_for_id(0x1cb5_c415), Some("vector"));
    assert_eq!(name_for_id(0), None);
    assert_eq!(LAYER, 186);
}
