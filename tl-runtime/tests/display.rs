//! The exact human messages of every `DecodeError` kind, and `offset()`.

use tl_runtime::DecodeError;

fn check(error: DecodeError, offset: usize, message: &str) {
    assert_eq!(error.to_string(), message);
    assert_eq!(error.offset(), offset);
    let boxed: Box<dyn std::error::Error> = Box::new(error);
    assert_eq!(boxed.to_string(), message);
}

#[test]
fn unexpected_eof() {
    check(
        DecodeError::UnexpectedEof {
            offset: 12,
            needed: 4,
            remaining: 2,
        },
        12,
        "unexpected end of input at byte 12: needed 4 more bytes, 2 remain",
    );
    check(
        DecodeError::UnexpectedEof {
            offset: 0,
            needed: 1,
            remaining: 0,
        },
        0,
        "unexpected end of input at byte 0: needed 1 more byte, 0 remain",
    );
}

#[test]
fn unknown_constructor() {
    check(
        DecodeError::unknown_constructor(8, 0xdead_beef, "Peer"),
        8,
        "unknown constructor id 0xdeadbeef at byte 8 for type Peer",
    );
    check(
        DecodeError::unknown_constructor(0, 1, "Bool"),
        0,
        "unknown constructor id 0x00000001 at byte 0 for type Bool",
    );
}

#[test]
fn length_too_large() {
    check(
        DecodeError::LengthTooLarge {
            offset: 0,
            declared: 16_777_215,
            remaining: 0,
        },
        0,
        "length prefix at byte 0 declares 16777215 bytes but only 0 bytes remain",
    );
}

#[test]
fn count_too_large() {
    check(
        DecodeError::CountTooLarge {
            offset: 4,
            count: 2_147_483_648,
            min_item_size: 4,
            remaining: 1,
        },
        4,
        "vector count 2147483648 at byte 4 needs at least 4 bytes per item but only 1 byte remains",
    );
}

#[test]
fn the_rest() {
    check(
        DecodeError::NonZeroPadding { offset: 3 },
        3,
        "non-zero padding byte at byte 3",
    );
    check(
        DecodeError::InvalidUtf8 { offset: 1 },
        1,
        "invalid UTF-8 in string at byte 1",
    );
    check(
        DecodeError::TrailingBytes {
            offset: 52,
            remaining: 3,
        },
        52,
        "3 bytes of trailing input after the value, starting at byte 52",
    );
    check(
        DecodeError::DepthExceeded {
            offset: 260,
            limit: 64,
        },
        260,
        "value at byte 260 is nested deeper than the limit of 64 levels",
    );
    check(
        DecodeError::invalid(7, "invalid length prefix byte 255"),
        7,
        "invalid length prefix byte 255 at byte 7",
    );
}
