//! The generated API used the way a client uses it, against bytes from an
//! independent implementation.
//!
//! `tests/vectors/telethon.txt` was written by Telethon 1.45.0 (the Python
//! MTProto client, whose serializers are generated from its own copy of the
//! schema) with `tools/differential/user_api_vectors.py`, which also checks that
//! every Telethon class it uses has the id and fields api-layer230.tl gives that
//! name. To regenerate it, run `tools/differential/setup.sh`, then
//! `.venv-differential/bin/python tools/differential/user_api_vectors.py`
//! (`--check` fails when the file is stale). Each case is a `# name: description`
//! comment giving every field value, then `name hex`, the boxed serialization.
//!
//! Requests are built here with `new` (required fields), the chainable
//! `with_*` setters (optional ones), `Default` and struct update, and must
//! encode to Telethon's bytes exactly and decode back to the same value.
//! Responses are decoded from Telethon's bytes, matched by their short variant
//! names, converted with `TryFrom` (both ways), read through the enum-level `id()`
//! accessor, compared with the same values built by hand, and re-encoded to the
//! same bytes.

use std::collections::BTreeMap;

/// The vectors file, written by `tools/differential/user_api_vectors.py`.
const VECTORS: &str = include_str!("vectors/telethon.txt");

/// Every case of the vectors file; each is used by a test below.
const CASES: [&str; 13] = [
    "join_group_call_muted",
    "join_group_call_public_key",
    "send_message_silent",
    "send_message_scheduled",
    "send_code_default_settings",
    "send_code_token",
    "updates_too_long",
    "update_short_delete_messages",
    "updates_new_message",
    "message",
    "message_service",
    "message_empty",
    "message_empty_peer",
];

/// The cases of the vectors file: name -> bytes.
fn vectors() -> BTreeMap<String, Vec<u8>> {
    tlgen_test_support::hex_vectors(VECTORS)
}

#[test]
fn every_case_of_the_vectors_file_is_checked() {
    let in_file: Vec<String> = vectors().into_keys().collect();
    let mut listed = CASES.to_vec();
    listed.sort_unstable();
    assert_eq!(in_file, listed, "tests/vectors/telethon.txt against CASES");
}

/// Defines each test to run its check (in [`checks`]) when the crate was built
/// with the schemas; otherwise it says it was skipped (a failure under CI), as
/// the generated module is then empty.
macro_rules! user_api_tests {
    ($($(#[doc = $doc:literal])* $name:ident,)*) => {$(
        $(#[doc = $doc])*
        #[test]
        fn $name() {
            if tlgen_test_support::built_with_schemas(cfg!(tlgen_schemas_missing)) {
                #[cfg(not(tlgen_schemas_missing))]
                checks::$name();
            }
        }
    )*};
}

user_api_tests! {
    /// `phone.joinGroupCall` from `new` and `with_*`, the `public_key`/`block`
    /// pair as one group struct.
    join_group_call_is_built_with_new_and_with,
    /// `messages.sendMessage` with a non-ASCII text, a `true` flag, a date and a
    /// vector of entities.
    send_message_is_built_with_new_and_with,
    /// `auth.sendCode` with `CodeSettings::default()`, and with settings built by
    /// struct update and by `with_*` (`token`/`app_sandbox` as one group).
    send_code_takes_default_settings,
    /// `Updates` decoded and matched by the short variant names.
    updates_match_by_short_variant_names,
    /// `TryFrom<enums::Updates> for types::UpdateShort`: `Ok`, and `Err` giving
    /// the enum back.
    update_short_converts_with_try_from,
    /// Every `Message` constructor decoded, its id read through `id()`.
    messages_have_an_id_accessor,
}

/// The checks, written only against the generated API (which exists only when
/// the schema was there at build time).
#[cfg(not(tlgen_schemas_missing))]
mod checks {
    use super::{CASES, vectors};
    use std::fmt::Debug;
    use tl_runtime::{Deserialize, Serialize};
    use tlgen_user_api_tests::tl::{enums, functions, types};

    const DATE: i32 = 1_700_000_000;
    const PHONE: &str = "+15550100123";
    const API_ID: i32 = 12345;
    const API_HASH: &str = "0123456789abcdef0123456789abcdef";

    /// Telethon's bytes for case `name`, which must be one of [`CASES`].
    fn vector(name: &str) -> Vec<u8> {
        assert!(CASES.contains(&name), "{name} is not listed in CASES");
        vectors()
            .remove(name)
            .unwrap_or_else(|| panic!("case {name} is not in tests/vectors/telethon.txt"))
    }

    /// Checks that `request` encodes to Telethon's bytes for case `name` and
    /// that those bytes decode to `request`.
    fn check_request<T: Serialize + Deserialize + PartialEq + Debug>(name: &str, request: &T) {
        let expected = vector(name);
        assert_eq!(
            request.to_bytes(),
            expected,
            "{name}: bytes differ from Telethon's"
        );
        assert_eq!(
            request.serialized_len(),
            expected.len(),
            "{name}: serialized_len"
        );
        assert_eq!(
            T::from_bytes(&expected).as_ref(),
            Ok(request),
            "{name}: decoding"
        );
    }

    /// Decodes Telethon's bytes for case `name`, checking that the value encodes
    /// back to the same bytes.
    fn decode<T: Serialize + Deserialize>(name: &str) -> T {
        let bytes = vector(name);
        let value = T::from_bytes(&bytes)
            .unwrap_or_else(|e| panic!("{name}: cannot decode Telethon's bytes: {e}"));
        assert_eq!(
            value.to_bytes(),
            bytes,
            "{name}: re-encoding differs from Telethon's bytes"
        );
        value
    }

    fn group_call() -> enums::InputGroupCall {
        enums::InputGroupCall::InputGroupCall(types::InputGroupCall::new(
            81_985_529_216_486_895,
            -9_141_386_507_638_288_912,
        ))
    }

    fn params() -> enums::DataJson {
        enums::DataJson::DataJson(types::DataJson::new(r#"{"ufrag":"a"}"#.to_owned()))
    }

    fn input_user() -> enums::InputPeer {
        enums::InputPeer::User(types::InputPeerUser::new(
            777_000_111,
            -72_623_859_790_382_856,
        ))
    }

    fn bold(offset: i32, length: i32) -> enums::MessageEntity {
        enums::MessageEntity::Bold(types::MessageEntityBold::new(offset, length))
    }

    fn peer_user(user_id: i64) -> enums::Peer {
        enums::Peer::User(types::PeerUser::new(user_id))
    }

    fn peer_chat(chat_id: i64) -> enums::Peer {
        enums::Peer::Chat(types::PeerChat::new(chat_id))
    }

    pub fn join_group_call_is_built_with_new_and_with() {
        use functions::phone::{JoinGroupCall, join_group_call};

        // `new` takes the required fields in schema order and leaves every
        // optional one absent.
        let bare = JoinGroupCall::new(group_call(), enums::InputPeer::InputPeerSelf, params());
        assert_eq!(
            bare,
            JoinGroupCall {
                muted: false,
                video_stopped: false,
                call: group_call(),
                join_as: enums::InputPeer::InputPeerSelf,
                invite_hash: None,
                public_key: None,
                params: params(),
            }
        );
        // Constructors without fields are unit variants, equal to their structs
        // converted.
        assert_eq!(
            enums::InputPeer::from(types::InputPeerSelf),
            enums::InputPeer::InputPeerSelf
        );
        assert_eq!(
            enums::InputPeer::from(types::InputPeerEmpty),
            enums::InputPeer::Empty
        );

        let muted = bare.with_muted(true).with_invite_hash("x".into());
        check_request("join_group_call_muted", &muted);

        let public_key: [u8; 32] = std::array::from_fn(|i| 0xe0 + i as u8);
        let with_key = muted.with_public_key(join_group_call::PublicKey {
            public_key,
            block: b"block\x00\xff".to_vec(),
        });
        assert!(!with_key.video_stopped);
        check_request("join_group_call_public_key", &with_key);
    }

    pub fn send_message_is_built_with_new_and_with() {
        use functions::messages::SendMessage;

        let silent = SendMessage::new(
            input_user(),
            "Привет, мир! 👋".to_owned(),
            0x1122_3344_5566_7788,
        )
        .with_silent(true);
        assert_eq!(silent.reply_to, None);
        check_request("send_message_silent", &silent);

        let scheduled = SendMessage::new(
            input_user(),
            "Жирный текст".to_owned(),
            -72_623_859_790_382_856,
        )
        .with_schedule_date(DATE + 3600)
        .with_entities(vec![bold(0, 6), bold(7, 5)]);
        assert!(!scheduled.silent);
        check_request("send_message_scheduled", &scheduled);
    }

    pub fn send_code_takes_default_settings() {
        use functions::auth::SendCode;

        let defaults = SendCode::new(
            PHONE.to_owned(),
            API_ID,
            API_HASH.to_owned(),
            types::CodeSettings::default().into(),
        );
        check_request("send_code_default_settings", &defaults);

        // `token` and `app_sandbox` share flag bit 8: one optional group.
        let token = types::code_settings::Token {
            token: "t".to_owned(),
            app_sandbox: false,
        };
        let settings = types::CodeSettings {
            allow_flashcall: true,
            token: Some(token.clone()),
            ..Default::default()
        };
        assert_eq!(
            settings,
            types::CodeSettings::default()
                .with_allow_flashcall(true)
                .with_token(token)
        );
        let with_token = SendCode::new(
            PHONE.to_owned(),
            API_ID,
            API_HASH.to_owned(),
            settings.into(),
        );
        check_request("send_code_token", &with_token);
    }

    /// The `updates` case's message, built by hand.
    fn hello() -> types::Message {
        types::Message::new(42, peer_user(777), DATE, "hello".to_owned()).with_out(true)
    }

    pub fn updates_match_by_short_variant_names() {
        let too_long: enums::Updates = decode("updates_too_long");
        assert!(matches!(too_long, enums::Updates::TooLong), "{too_long:?}");
        assert_eq!(too_long, enums::Updates::from(types::UpdatesTooLong));

        let short: enums::Updates = decode("update_short_delete_messages");
        match &short {
            enums::Updates::UpdateShort(short) => {
                assert_eq!(short.date, DATE);
                match &short.update {
                    enums::Update::DeleteMessages(deleted) => {
                        assert_eq!(deleted.messages, [3, 4, 5]);
                        assert_eq!((deleted.pts, deleted.pts_count), (120, 3));
                    }
                    other => panic!("update_short_delete_messages: holds {other:?}"),
                }
            }
            other => panic!("update_short_delete_messages: decoded as {other:?}"),
        }
        let deleted = types::UpdateDeleteMessages::new(vec![3, 4, 5], 120, 3);
        assert_eq!(short, types::UpdateShort::new(deleted.into(), DATE).into());

        let full: enums::Updates = decode("updates_new_message");
        match &full {
            enums::Updates::Updates(updates) => {
                assert_eq!((updates.date, updates.seq), (DATE, 7));
                assert!(updates.users.is_empty() && updates.chats.is_empty());
                let [enums::Update::NewMessage(new)] = updates.updates.as_slice() else {
                    panic!("updates_new_message: holds {:?}", updates.updates);
                };
                assert_eq!((new.pts, new.pts_count), (121, 1));
                assert_eq!(new.message.id(), 42);
                match &new.message {
                    enums::Message::Message(message) => {
                        assert!(message.out);
                        assert_eq!(message.message, "hello");
                    }
                    other => panic!("updates_new_message: message {other:?}"),
                }
            }
            enums::Updates::Combined(combined) => {
                panic!("updates_new_message: decoded as updatesCombined {combined:?}")
            }
            other => panic!("updates_new_message: decoded as {other:?}"),
        }
        let new_message = types::UpdateNewMessage::new(hello().into(), 121, 1);
        let expected =
            types::Updates::new(vec![new_message.into()], Vec::new(), Vec::new(), DATE, 7);
        assert_eq!(full, expected.into());
    }

    pub fn update_short_converts_with_try_from() {
        let updates: enums::Updates = decode("update_short_delete_messages");
        let short = types::UpdateShort::try_from(updates.clone())
            .unwrap_or_else(|back| panic!("not an updateShort: {back:?}"));
        assert_eq!(short.date, DATE);
        let deleted = types::UpdateDeleteMessages::try_from(short.update.clone())
            .unwrap_or_else(|back| panic!("not an updateDeleteMessages: {back:?}"));
        assert_eq!(deleted.messages, [3, 4, 5]);
        // and back through `From`
        assert_eq!(enums::Updates::from(short), updates);

        // The wrong constructor gives the enum back, unchanged.
        let too_long: enums::Updates = decode("updates_too_long");
        match types::UpdateShort::try_from(too_long) {
            Ok(short) => panic!("updatesTooLong converted to {short:?}"),
            Err(back) => {
                assert_eq!(back, enums::Updates::TooLong);
                assert_eq!(back.to_bytes(), vector("updates_too_long"));
                assert_eq!(
                    types::UpdatesTooLong::try_from(back),
                    Ok(types::UpdatesTooLong)
                );
            }
        }
        let full: enums::Updates = decode("updates_new_message");
        assert_eq!(types::UpdateShort::try_from(full.clone()), Err(full));
    }

    pub fn messages_have_an_id_accessor() {
        let built: [(&str, enums::Message); 4] = [
            (
                "message",
                types::Message::new(101, peer_user(777), DATE, "Hi ✋".to_owned())
                    .with_out(true)
                    .with_from_id(peer_user(778))
                    .with_entities(vec![bold(0, 2)])
                    .with_offline(true)
                    .into(),
            ),
            (
                "message_service",
                types::MessageService::new(
                    102,
                    peer_chat(4242),
                    DATE,
                    types::MessageActionChatDeleteUser::new(778).into(),
                )
                .with_silent(true)
                .into(),
            ),
            ("message_empty", types::MessageEmpty::new(103).into()),
            (
                "message_empty_peer",
                types::MessageEmpty::new(104)
                    .with_peer_id(peer_chat(4242))
                    .into(),
            ),
        ];
        for ((name, expected), id) in built.into_iter().zip(101..) {
            let message: enums::Message = decode(name);
            assert_eq!(message, expected, "{name}");
            assert_eq!(message.id(), id, "{name}: id()");
            // The accessor reads the field of whichever constructor it is.
            let field = match &message {
                enums::Message::Message(m) => m.id,
                enums::Message::Service(s) => s.id,
                enums::Message::Empty(e) => e.id,
            };
            assert_eq!(field, id, "{name}");
        }

        let service: enums::Message = decode("message_service");
        let back = types::MessageEmpty::try_from(service.clone())
            .expect_err("a messageService is no messageEmpty");
        assert_eq!(back, service);
        let service = types::MessageService::try_from(back)
            .unwrap_or_else(|back| panic!("not a messageService: {back:?}"));
        match service.action {
            enums::MessageAction::ChatDeleteUser(action) => assert_eq!(action.user_id, 778),
            other => panic!("message_service: action {other:?}"),
        }
    }
}
