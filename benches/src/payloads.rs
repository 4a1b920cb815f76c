//! The realistic payloads of issue 5, built as grammers values and mirrored as
//! tlgen values with byte-identical encodings.

use grammers_tl_types as g;
use tl_runtime::{Deserialize, Serialize};
use tlgen_full_schema_tests::api;

/// One payload on both sides: the grammers value, the tlgen value and the
/// bytes both encode to.
pub struct Payload<G, T> {
    /// Short name used in benchmark ids.
    pub name: &'static str,
    /// The grammers-tl-types value.
    pub grammers: G,
    /// The tlgen value holding the same message.
    pub tlgen: T,
    /// The encoding both produce.
    pub bytes: Vec<u8>,
    /// Where grammers' decoder starts in `bytes`: 0 for types, 4 for functions,
    /// whose grammers `Deserializable` reads the body after the constructor id
    /// (tlgen's reads and checks the id too).
    pub grammers_offset: usize,
}

impl<G, T> Payload<G, T>
where
    G: g::Serializable + g::Deserializable + PartialEq + std::fmt::Debug,
    T: Serialize + Deserialize + PartialEq + std::fmt::Debug,
{
    /// Encodes `grammers`, decodes the bytes as the tlgen type, and asserts
    /// that both sides encode to the same bytes and decode them back to equal
    /// values (and that tlgen's `serialized_len` is exact).
    ///
    /// # Panics
    /// If the two sides disagree in any way.
    pub fn new(name: &'static str, grammers: G) -> Self {
        Self::with_offset(name, grammers, 0)
    }

    /// As [`Payload::new`], with grammers decoding from `grammers_offset`.
    ///
    /// # Panics
    /// If the two sides disagree in any way.
    pub fn with_offset(name: &'static str, grammers: G, grammers_offset: usize) -> Self {
        let bytes = grammers.to_bytes();
        let tlgen = match T::from_bytes(&bytes) {
            Ok(v) => v,
            Err(e) => panic!("{name}: tlgen cannot decode grammers' bytes: {e:?}"),
        };
        assert_eq!(tlgen.to_bytes(), bytes, "{name}: encodings differ");
        assert_eq!(
            tlgen.serialized_len(),
            bytes.len(),
            "{name}: serialized_len"
        );
        let back = match G::from_bytes(bytes.get(grammers_offset..).unwrap_or_default()) {
            Ok(v) => v,
            Err(e) => panic!("{name}: grammers cannot decode its own bytes: {e:?}"),
        };
        assert_eq!(back, grammers, "{name}: grammers round trip");
        assert_eq!(back.to_bytes(), bytes, "{name}: grammers re-encoding");
        Self {
            name,
            grammers,
            tlgen,
            bytes,
            grammers_offset,
        }
    }
}

/// Deterministic text of about 40 to 200 characters, some of it non-ASCII.
fn text(i: usize) -> String {
    const WORDS: [&str; 8] = [
        "hello",
        "world",
        "telegram",
        "привет",
        "schema",
        "👋",
        "message",
        "bytes",
    ];
    let n = 8 + (i * 7) % 24;
    let mut s = String::new();
    for k in 0..n {
        if k > 0 {
            s.push(' ');
        }
        s.push_str(WORDS[(i + k * 3) % WORDS.len()]);
    }
    s
}

fn peer_user(user_id: i64) -> g::enums::Peer {
    g::enums::Peer::User(g::types::PeerUser { user_id })
}

fn entities(i: usize) -> Vec<g::enums::MessageEntity> {
    let mut v = vec![
        g::enums::MessageEntity::Bold(g::types::MessageEntityBold {
            offset: 0,
            length: 5,
        }),
        g::enums::MessageEntity::Italic(g::types::MessageEntityItalic {
            offset: 6,
            length: 5,
        }),
    ];
    if i % 3 == 0 {
        v.push(g::enums::MessageEntity::TextUrl(
            g::types::MessageEntityTextUrl {
                offset: 12,
                length: 8,
                url: format!("https://example.org/{i}"),
            },
        ));
    }
    v
}

/// A chat message with text, entities and (for most) a reply header.
pub fn message(i: usize) -> g::enums::Message {
    let id = 10_000 + i as i32;
    let reply_to = (i % 4 != 0).then(|| {
        g::enums::MessageReplyHeader::Header(g::types::MessageReplyHeader {
            reply_to_scheduled: false,
            forum_topic: false,
            quote: i % 5 == 0,
            reply_to_ephemeral: false,
            reply_to_msg_id: Some(id - 1),
            reply_to_peer_id: None,
            reply_from: None,
            reply_media: None,
            reply_to_top_id: None,
            quote_text: (i % 5 == 0).then(|| "quoted".to_owned()),
            quote_entities: None,
            quote_offset: (i % 5 == 0).then_some(0),
            todo_item_id: None,
            poll_option: None,
        })
    });
    g::enums::Message::Message(g::types::Message {
        out: i % 2 == 0,
        mentioned: false,
        media_unread: false,
        silent: false,
        post: false,
        from_scheduled: false,
        legacy: false,
        edit_hide: false,
        pinned: false,
        noforwards: false,
        invert_media: false,
        offline: false,
        video_processing_pending: false,
        paid_suggested_post_stars: false,
        paid_suggested_post_ton: false,
        id,
        from_id: Some(peer_user(1_000_000 + (i % 20) as i64)),
        from_boosts_applied: None,
        from_rank: None,
        peer_id: g::enums::Peer::Channel(g::types::PeerChannel {
            channel_id: 2_000_000 + (i % 10) as i64,
        }),
        saved_peer_id: None,
        fwd_from: None,
        via_bot_id: None,
        via_business_bot_id: None,
        guestchat_via_from: None,
        reply_to,
        date: 1_760_000_000 + i as i32,
        message: text(i),
        media: None,
        reply_markup: None,
        entities: Some(entities(i)),
        views: (i % 2 == 1).then_some(100 + i as i32),
        forwards: (i % 2 == 1).then_some(i as i32),
        replies: None,
        edit_date: (i % 7 == 0).then_some(1_760_000_100 + i as i32),
        post_author: None,
        grouped_id: None,
        reactions: None,
        restriction_reason: None,
        ttl_period: None,
        quick_reply_shortcut_id: None,
        effect: None,
        factcheck: None,
        report_delivery_until_date: None,
        paid_message_stars: None,
        suggested_post: None,
        schedule_repeat_period: None,
        summary_from_language: None,
        rich_message: None,
    })
}

/// A user as the server sends it alongside messages.
pub fn user(i: usize) -> g::enums::User {
    g::enums::User::User(g::types::User {
        is_self: false,
        contact: i % 3 == 0,
        mutual_contact: false,
        deleted: false,
        bot: false,
        bot_chat_history: false,
        bot_nochats: false,
        verified: false,
        restricted: false,
        min: false,
        bot_inline_geo: false,
        support: false,
        scam: false,
        apply_min_photo: false,
        fake: false,
        bot_attach_menu: false,
        premium: i % 4 == 0,
        attach_menu_enabled: false,
        bot_can_edit: false,
        close_friend: false,
        stories_hidden: false,
        stories_unavailable: false,
        contact_require_premium: false,
        bot_business: false,
        bot_has_main_app: false,
        bot_forum_view: false,
        bot_forum_can_manage_topics: false,
        bot_can_manage_bots: false,
        bot_guestchat: false,
        bot_guard: false,
        id: 1_000_000 + i as i64,
        access_hash: Some(0x1234_5678_9abc_def0 ^ i as i64),
        first_name: Some(format!("First{i}")),
        last_name: (i % 2 == 0).then(|| format!("Last{i}")),
        username: Some(format!("user_{i}")),
        phone: None,
        photo: Some(g::enums::UserProfilePhoto::Photo(
            g::types::UserProfilePhoto {
                has_video: false,
                personal: false,
                photo_id: 5_000_000 + i as i64,
                stripped_thumb: Some(vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]),
                dc_id: 2,
            },
        )),
        status: Some(g::enums::UserStatus::Online(g::types::UserStatusOnline {
            expires: 1_760_000_500,
        })),
        bot_info_version: None,
        restriction_reason: None,
        bot_inline_placeholder: None,
        lang_code: Some("en".to_owned()),
        emoji_status: None,
        usernames: None,
        stories_max_id: None,
        color: None,
        profile_color: None,
        bot_active_users: None,
        bot_verification_icon: None,
        send_paid_messages_stars: None,
        linked_community_id: None,
    })
}

/// A channel as the server sends it alongside messages.
pub fn channel(i: usize) -> g::enums::Chat {
    g::enums::Chat::Channel(g::types::Channel {
        creator: false,
        left: false,
        broadcast: i % 2 == 0,
        verified: false,
        megagroup: i % 2 == 1,
        restricted: false,
        signatures: false,
        min: false,
        scam: false,
        has_link: false,
        has_geo: false,
        slowmode_enabled: false,
        call_active: false,
        call_not_empty: false,
        fake: false,
        gigagroup: false,
        noforwards: false,
        join_to_send: false,
        join_request: false,
        forum: false,
        stories_hidden: false,
        stories_hidden_min: false,
        stories_unavailable: false,
        signature_profiles: false,
        autotranslation: false,
        broadcast_messages_allowed: false,
        monoforum: false,
        forum_tabs: false,
        id: 2_000_000 + i as i64,
        access_hash: Some(0x0fed_cba9_8765_4321 ^ i as i64),
        title: format!("Channel number {i}"),
        username: Some(format!("channel_{i}")),
        photo: g::enums::ChatPhoto::Photo(g::types::ChatPhoto {
            has_video: false,
            photo_id: 6_000_000 + i as i64,
            stripped_thumb: None,
            dc_id: 4,
        }),
        date: 1_600_000_000 + i as i32,
        restriction_reason: None,
        admin_rights: None,
        banned_rights: None,
        default_banned_rights: None,
        participants_count: Some(1000 + i as i32),
        usernames: None,
        stories_max_id: None,
        color: None,
        profile_color: None,
        emoji_status: None,
        level: None,
        subscription_until_date: None,
        bot_verification_icon: None,
        send_paid_messages_stars: None,
        linked_monoforum_id: None,
        linked_community_id: None,
    })
}

/// `updates` with 100 `updateNewMessage` (text, entities, replies), 20 users
/// and 10 channels.
pub fn updates() -> Payload<g::enums::Updates, api::enums::Updates> {
    let value = g::enums::Updates::Updates(g::types::Updates {
        updates: (0..100)
            .map(|i| {
                g::enums::Update::NewMessage(g::types::UpdateNewMessage {
                    message: message(i),
                    pts: 50_000 + i as i32,
                    pts_count: 1,
                })
            })
            .collect(),
        users: (0..20).map(user).collect(),
        chats: (0..10).map(channel).collect(),
        date: 1_760_000_000,
        seq: 0,
    });
    Payload::new("updates_100_messages", value)
}

/// `messages.messages` with 50 messages, 20 users and 10 channels.
pub fn messages() -> Payload<g::enums::messages::Messages, api::enums::messages::Messages> {
    let value = g::enums::messages::Messages::Messages(g::types::messages::Messages {
        messages: (0..50).map(message).collect(),
        topics: Vec::new(),
        chats: (0..10).map(channel).collect(),
        users: (0..20).map(user).collect(),
    });
    Payload::new("messages_messages", value)
}

/// The 1 MiB of file data carried by [`upload_file`].
pub fn file_data() -> Vec<u8> {
    (0..1024 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect()
}

/// `upload.file` carrying 1 MiB of data.
pub fn upload_file() -> Payload<g::enums::upload::File, api::enums::upload::File> {
    let value = g::enums::upload::File::File(g::types::upload::File {
        r#type: g::enums::storage::FileType::FilePartial,
        mtime: 1_760_000_000,
        bytes: file_data(),
    });
    Payload::new("upload_file_1mib", value)
}

/// The small request `phone.joinGroupCall`.
pub fn join_group_call()
-> Payload<g::functions::phone::JoinGroupCall, api::functions::phone::JoinGroupCall> {
    let value = g::functions::phone::JoinGroupCall {
        muted: true,
        video_stopped: false,
        call: g::enums::InputGroupCall::Call(g::types::InputGroupCall {
            id: 123_456_789,
            access_hash: -987_654_321,
        }),
        join_as: g::enums::InputPeer::User(g::types::InputPeerUser {
            user_id: 1_000_001,
            access_hash: 0x1234_5678,
        }),
        invite_hash: None,
        // `public_key` and `block` share bit 3: present together.
        public_key: Some([7; 32]),
        block: Some(vec![9; 64]),
        params: g::enums::DataJson::Json(g::types::DataJson {
            data: r#"{"ufrag":"abcd","pwd":"0123456789abcdef","fingerprints":[],"ssrc":12345}"#
                .to_owned(),
        }),
    };
    Payload::with_offset("phone_join_group_call", value, 4)
}
