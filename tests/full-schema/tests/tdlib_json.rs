//! TDLib's JSON interface with the generated td_api types (`tdlib` module,
//! generated with `Options::serde` in TDLib's form).
//!
//! The JSON here is written by hand the way TDLib writes it (td/tl/tl_json.h:
//! `"@type"` on every object, `int64` as strings, `int53`/`int32` as numbers,
//! `bytes` as base64, `null` for absent objects, every field given); each
//! document must read into the generated types with the values it spells, and
//! write back as the same JSON (compared as JSON values).
#![cfg(all(feature = "json", feature = "dialects"))]
// `json!` of a whole TDLib message.
#![recursion_limit = "256"]

use serde_json::{Value, json};
use tl_runtime::json::Envelope;
use tlgen_full_schema_tests::schemas_present;
use tlgen_full_schema_tests::tdlib::{enums, functions, types};

/// Reads `json` as `T` and writes it back, which must give `json` again.
fn same_json<T: serde::Serialize + serde::de::DeserializeOwned>(json: &Value) -> T {
    let text = json.to_string();
    let value: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let written = serde_json::to_value(&value).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(&written, json, "written back differently");
    value
}

fn local_file() -> Value {
    json!({
        "@type": "localFile", "path": "", "can_be_downloaded": true, "can_be_deleted": false,
        "is_downloading_active": false, "is_downloading_completed": false,
        "download_offset": 0, "downloaded_prefix_size": 0, "downloaded_size": 0
    })
}

fn file(id: i32, remote_id: &str) -> Value {
    json!({
        "@type": "file", "id": id, "size": 0, "expected_size": 0,
        "local": local_file(),
        "remote": {
            "@type": "remoteFile", "id": remote_id, "unique_id": "AQADAgATx",
            "is_uploading_active": false, "is_uploading_completed": true, "uploaded_size": 0
        }
    })
}

#[test]
fn a_request_with_extra_and_its_answer() {
    if !schemas_present() {
        return;
    }
    let request = json!({"@type": "getOption", "name": "version", "@extra": 1.5});
    let read: Envelope<functions::GetOption> = same_json(&request);
    assert_eq!(read.value.name, "version");
    assert_eq!(read.extra, Some(json!(1.5)));
    assert_eq!(read.client_id, None);

    // Built in Rust, written as TDLib reads it.
    let built = Envelope::new(functions::GetOption::new("version".to_owned()))
        .extra(json!({"id": [1, 2]}))
        .client_id(3);
    assert_eq!(
        serde_json::to_value(&built).ok(),
        Some(
            json!({"@type": "getOption", "name": "version", "@extra": {"id": [1, 2]}, "@client_id": 3})
        )
    );

    let answer =
        json!({"@type": "optionValueString", "value": "1.8.56", "@extra": 1.5, "@client_id": 1});
    let read: Envelope<enums::OptionValue> = same_json(&answer);
    assert!(matches!(&read.value, enums::OptionValue::String(s) if s.value == "1.8.56"));
    assert_eq!((read.extra, read.client_id), (Some(json!(1.5)), Some(1)));
}

#[test]
fn update_new_message_with_formatted_text() {
    if !schemas_present() {
        return;
    }
    let update = json!({
        "@type": "updateNewMessage",
        "message": {
            "@type": "message", "id": 1_048_576,
            "sender_id": {"@type": "messageSenderUser", "user_id": 777_000},
            "receiver_id": null, "chat_id": 777_000,
            "sending_state": null, "scheduling_state": null,
            "is_outgoing": false, "is_pinned": false, "is_from_offline": false,
            "can_be_saved": true, "has_timestamped_media": true, "is_channel_post": false,
            "is_paid_star_suggested_post": false, "is_paid_gram_suggested_post": false,
            "contains_unread_mention": false, "contains_unread_poll_votes": false,
            "date": 1_700_000_000, "edit_date": 0,
            "forward_info": null, "import_info": null, "interaction_info": null,
            "unread_reactions": [], "fact_check": null, "suggested_post_info": null,
            "reply_to": null, "topic_id": null, "self_destruct_type": null,
            "self_destruct_in": 0.0, "auto_delete_in": 0.0, "via_bot_user_id": 0,
            "guest_bot_caller_id": null, "sender_business_bot_user_id": 0,
            "sender_boost_count": 0, "sender_tag": "", "paid_message_star_count": 0,
            "author_signature": "", "media_album_id": "0", "effect_id": "0",
            "restriction_info": null, "summary_language_code": "",
            "content": {
                "@type": "messageText",
                "text": {
                    "@type": "formattedText",
                    "text": "Login code: 12345. See https://telegram.org",
                    "entities": [
                        {"@type": "textEntity", "offset": 12, "length": 5,
                         "type": {"@type": "textEntityTypeBold"}},
                        {"@type": "textEntity", "offset": 23, "length": 20,
                         "type": {"@type": "textEntityTypeUrl"}}
                    ]
                },
                "link_preview": null, "link_preview_options": null
            },
            "reply_markup": null, "ephemeral_message_id": 0
        }
    });
    let read: enums::Update = same_json(&update);
    let enums::Update::NewMessage(update) = read else {
        panic!("not updateNewMessage: {read:?}");
    };
    let message = &update.message;
    assert_eq!(
        (message.id, message.chat_id, message.date),
        (1_048_576, 777_000, 1_700_000_000)
    );
    assert!(message.reply_to.is_none() && message.reply_markup.is_none());
    let enums::MessageContent::MessageText(text) = &message.content else {
        panic!("not messageText: {:?}", message.content);
    };
    assert_eq!(text.text.entities.len(), 2);
    assert_eq!(
        (text.text.entities[1].offset, text.text.entities[1].length),
        (23, 20)
    );
    assert_eq!(text.text.entities[0].r#type, enums::TextEntityType::Bold);
}

#[test]
fn a_user_with_int53_and_int64_fields() {
    if !schemas_present() {
        return;
    }
    // The largest int53 TDLib hands out as a number, and int64 identifiers
    // beyond 2^53 as strings.
    let user = json!({
        "@type": "user", "id": 9_007_199_254_740_991_i64, "first_name": "Ada",
        "last_name": "", "usernames": null, "phone_number": "",
        "status": {"@type": "userStatusEmpty"}, "profile_photo": null,
        "accent_color_id": 5, "background_custom_emoji_id": "5368324170671202286",
        "upgraded_gift_colors": null, "profile_accent_color_id": -1,
        "profile_background_custom_emoji_id": "-9223372036854775808",
        "emoji_status": null, "is_contact": false, "is_mutual_contact": false,
        "is_close_friend": false, "verification_status": null, "is_premium": true,
        "is_support": false, "restriction_info": null, "active_story_state": null,
        "restricts_new_chats": false, "paid_message_star_count": 0, "have_access": true,
        "type": {"@type": "userTypeRegular"}, "language_code": "en",
        "added_to_attachment_menu": false
    });
    let read: types::User = same_json(&user);
    assert_eq!(read.id, (1 << 53) - 1);
    assert_eq!(read.background_custom_emoji_id, 5_368_324_170_671_202_286);
    assert_eq!(read.profile_background_custom_emoji_id, i64::MIN);
    assert!(read.usernames.is_none() && read.is_premium);
}

#[test]
fn chat_photo_info_with_minithumbnail_bytes() {
    if !schemas_present() {
        return;
    }
    let photo = json!({
        "@type": "chatPhotoInfo",
        "small": file(1, "AQADAgATsmall"), "big": file(2, "AQADAgATbig"),
        "minithumbnail": {"@type": "minithumbnail", "width": 40, "height": 40,
                          "data": "/9j/4AAQSkZJRgABAQ=="},
        "has_animation": false, "is_personal": false
    });
    let read: types::ChatPhotoInfo = same_json(&photo);
    let thumbnail = read.minithumbnail.as_ref().map(|m| m.data.clone());
    // "/9j/4AAQSkZJRgABAQ==": the first 13 bytes of a JPEG (FF D8 FF E0 ...).
    assert_eq!(
        thumbnail.as_deref(),
        Some(
            &[
                0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01
            ][..]
        )
    );
    assert_eq!(read.small.remote.id, "AQADAgATsmall");
}

#[test]
fn tdlib_reads_what_tdlib_accepts() {
    if !schemas_present() {
        return;
    }
    // Missing or null numbers, strings, vectors and Bools read as zero values;
    // int32 from a string, int64 from a number, Bool from a number; unknown
    // keys ignored; "@type" anywhere, or absent where the type is known.
    let sparse = json!({
        "unknown": {"deep": [1, 2]}, "text": null, "@type": "formattedText"
    });
    let read: types::FormattedText =
        serde_json::from_value(sparse).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read, types::FormattedText::new(String::new(), Vec::new()));

    let loose = json!({"offset": "12", "length": 5, "type": {"@type": "textEntityTypeBold"}});
    let read: types::TextEntity = serde_json::from_value(loose).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((read.offset, read.length), (12, 5));

    // "@type" as the constructor's id, a signed 32-bit number, as TDLib takes it
    // (ids from TDLib's own parser: textEntityTypeBold#bcc0e1b0,
    // formattedText#f0f1414c).
    let numbered = json!({"@type": -252_624_564, "text": "a", "entities": [
        {"@type": "textEntity", "offset": 0, "length": 1, "type": {"@type": -1_128_210_000}}
    ]});
    let read: types::FormattedText =
        serde_json::from_value(numbered).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read.entities[0].r#type, enums::TextEntityType::Bold);
    let wrong = json!({"@type": -1_128_210_000, "text": "a", "entities": []});
    assert!(serde_json::from_value::<types::FormattedText>(wrong).is_err());

    let photo = json!({"@type": "profilePhoto", "id": 42, "small": file(1, "a"), "big": file(2, "b"),
                       "has_animation": 1, "is_personal": 0});
    let read: types::ProfilePhoto = serde_json::from_value(photo).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (read.id, read.has_animation, read.is_personal),
        (42, true, false)
    );
    assert!(read.minithumbnail.is_none());
}

#[test]
fn errors_name_the_json_path() {
    if !schemas_present() {
        return;
    }
    let error = |json: Value| -> String {
        match serde_json::from_value::<enums::Update>(json) {
            Ok(value) => panic!("read {value:?}"),
            Err(e) => e.to_string(),
        }
    };
    let mut update = json!({
        "@type": "updateChatLastMessage", "chat_id": 1, "positions": [],
        "last_message": null
    });
    assert!(serde_json::from_value::<enums::Update>(update.clone()).is_ok());
    update["positions"] = json!([{"@type": "chatPosition", "list": {"@type": "chatListMain"},
                                  "order": "9", "is_pinned": "yes", "source": null}]);
    assert_eq!(
        error(update),
        "at `positions[0].is_pinned`: expected true or false, found a string"
    );
    assert_eq!(
        error(json!({"@type": "updateNewMessage", "message": {"@type": "message", "id": 1.5}})),
        "at `message.id`: 1.5 is not a 64-bit integer"
    );
    assert_eq!(
        error(json!({"@type": "updateNewChat", "chat": [1]})),
        "at `chat`: expected an object, found an array"
    );
    assert_eq!(
        error(json!({"@type": "updateNotAThing"})),
        "at the top level: `updateNotAThing` is not a constructor of `Update`"
    );
    assert_eq!(
        error(json!({"chat_id": 1})),
        "at the top level: missing `@type`: an object of `Update` must name its constructor"
    );
}
