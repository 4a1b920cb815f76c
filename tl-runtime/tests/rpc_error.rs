//! `rpc_error#2144ca19 error_code:int error_message:string = RpcError;` from bytes
//! written by hand (id and int little-endian; the string's one length byte, its
//! text, zero padding to a multiple of 4), into `RpcError` and into an enum of
//! documented errors written the way tlgen generates one.

use tl_runtime::{CallError, Deserialize, ErrorDoc, KnownErrors, RpcError, Serialize};

/// `rpc_error` 420 `FLOOD_WAIT_42`: 13 bytes of text, 2 of padding.
const FLOOD_WAIT_42: [u8; 24] = [
    0x19, 0xca, 0x44, 0x21, // rpc_error
    0xa4, 0x01, 0x00, 0x00, // 420
    0x0d, b'F', b'L', b'O', b'O', b'D', b'_', b'W', b'A', b'I', b'T', b'_', b'4', b'2', 0, 0,
];

/// `rpc_error` 400 `GROUPCALL_INVALID`: 17 bytes of text, 2 of padding.
const GROUPCALL_INVALID: [u8; 28] = [
    0x19, 0xca, 0x44, 0x21, // rpc_error
    0x90, 0x01, 0x00, 0x00, // 400
    0x11, b'G', b'R', b'O', b'U', b'P', b'C', b'A', b'L', b'L', b'_', b'I', b'N', b'V', b'A', b'L',
    b'I', b'D', 0, 0,
];

/// `rpc_error` 400 `FILE_REFERENCE_3_EXPIRED`: 24 bytes of text, 3 of padding.
const FILE_REFERENCE_3_EXPIRED: [u8; 36] = [
    0x19, 0xca, 0x44, 0x21, // rpc_error
    0x90, 0x01, 0x00, 0x00, // 400
    0x18, b'F', b'I', b'L', b'E', b'_', b'R', b'E', b'F', b'E', b'R', b'E', b'N', b'C', b'E', b'_',
    b'3', b'_', b'E', b'X', b'P', b'I', b'R', b'E', b'D', 0, 0, 0,
];

/// `rpc_error` -503 `SOME_NEW_ERROR`: 14 bytes of text, 1 of padding.
const SOME_NEW_ERROR: [u8; 24] = [
    0x19, 0xca, 0x44, 0x21, // rpc_error
    0x09, 0xfe, 0xff, 0xff, // -503
    0x0e, b'S', b'O', b'M', b'E', b'_', b'N', b'E', b'W', b'_', b'E', b'R', b'R', b'O', b'R', 0,
];

#[test]
fn plain_patterned_and_unknown_names() {
    let plain = RpcError::from_bytes(&GROUPCALL_INVALID).unwrap();
    assert_eq!(
        plain,
        RpcError {
            code: 400,
            name: "GROUPCALL_INVALID".into(),
            value: None,
            message: "GROUPCALL_INVALID".into(),
        }
    );
    let flood = RpcError::from_bytes(&FLOOD_WAIT_42).unwrap();
    assert_eq!(
        flood,
        RpcError {
            code: 420,
            name: "FLOOD_WAIT".into(),
            value: Some(42),
            message: "FLOOD_WAIT_42".into(),
        }
    );
    let middle = RpcError::from_bytes(&FILE_REFERENCE_3_EXPIRED).unwrap();
    assert_eq!(
        (middle.name.as_str(), middle.value),
        ("FILE_REFERENCE_EXPIRED", Some(3))
    );
    let unknown = RpcError::from_bytes(&SOME_NEW_ERROR).unwrap();
    assert_eq!(
        (unknown.code, unknown.name.as_str(), unknown.value),
        (-503, "SOME_NEW_ERROR", None)
    );
    // The bytes are exactly what the values write back.
    assert_eq!(flood.to_bytes(), FLOOD_WAIT_42);
    assert_eq!(unknown.to_bytes(), SOME_NEW_ERROR);
}

#[test]
fn numbers_anywhere_after_an_underscore() {
    let split = |message: &str| {
        let e = RpcError::new(400, message);
        (e.name, e.value)
    };
    assert_eq!(
        split("2FA_CONFIRM_WAIT_5"),
        ("2FA_CONFIRM_WAIT".into(), Some(5))
    );
    assert_eq!(
        split("PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN"),
        ("PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_MIN".into(), Some(5))
    );
    assert_eq!(split("2FA_CONFIRM_WAIT"), ("2FA_CONFIRM_WAIT".into(), None));
    // Too large for a u32: no number, the whole message is the name.
    assert_eq!(
        split("FLOOD_WAIT_4294967296"),
        ("FLOOD_WAIT_4294967296".into(), None)
    );
    assert_eq!(
        split("FLOOD_WAIT_4294967295"),
        ("FLOOD_WAIT".into(), Some(u32::MAX))
    );
    assert_eq!(split(""), (String::new(), None));
    assert_eq!(split("_"), ("_".into(), None));
}

#[test]
fn documented_patterns_match_their_numbers_only() {
    let e = RpcError::new(420, "FLOOD_PREMIUM_WAIT_7");
    assert!(e.is("FLOOD_PREMIUM_WAIT_%d"));
    assert!(!e.is("FLOOD_PREMIUM_WAIT"));
    assert!(!RpcError::new(420, "FLOOD_PREMIUM_WAIT_").is("FLOOD_PREMIUM_WAIT_%d"));
    assert!(!RpcError::new(420, "FLOOD_PREMIUM_WAIT_7x").is("FLOOD_PREMIUM_WAIT_%d"));
    assert!(RpcError::new(400, "FILE_REFERENCE_0_EXPIRED").is("FILE_REFERENCE_%d_EXPIRED"));
    assert!(!RpcError::new(400, "FILE_REFERENCE_EXPIRED").is("FILE_REFERENCE_%d_EXPIRED"));
    assert!(RpcError::new(400, "FILE_REFERENCE_EXPIRED").is("FILE_REFERENCE_EXPIRED"));
}

#[test]
fn truncated_input_is_an_error() {
    for len in 0..FLOOD_WAIT_42.len() {
        assert!(
            RpcError::from_bytes(&FLOOD_WAIT_42[..len]).is_err(),
            "{len}"
        );
    }
}

/// The errors of one function, as tlgen generates them from documentation.
#[derive(Debug, Clone, PartialEq)]
enum JoinErrors {
    GroupcallInvalid,
    FileReferenceNExpired(u32),
    FileReferenceExpired,
    Other(RpcError),
}

impl KnownErrors for JoinErrors {
    const ERRORS: &'static [ErrorDoc] = &[
        ErrorDoc {
            code: 400,
            name: "GROUPCALL_INVALID",
            description: "The specified group call is invalid.",
        },
        ErrorDoc {
            code: 400,
            name: "FILE_REFERENCE_%d_EXPIRED",
            description: "The file reference of the media file at index %d expired.",
        },
        ErrorDoc {
            code: 400,
            name: "FILE_REFERENCE_EXPIRED",
            description: "File reference expired.",
        },
    ];
    fn from_known(index: usize, value: u32, error: RpcError) -> Self {
        match index {
            0 => Self::GroupcallInvalid,
            1 => Self::FileReferenceNExpired(value),
            2 => Self::FileReferenceExpired,
            _ => Self::Other(error),
        }
    }
    fn known(&self) -> Result<usize, &RpcError> {
        match self {
            Self::GroupcallInvalid => Ok(0),
            Self::FileReferenceNExpired(_) => Ok(1),
            Self::FileReferenceExpired => Ok(2),
            Self::Other(error) => Err(error),
        }
    }
    fn number(&self) -> u32 {
        match self {
            Self::FileReferenceNExpired(n) => *n,
            _ => 0,
        }
    }
}

impl std::fmt::Display for JoinErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.fmt_error(f)
    }
}

#[test]
fn typed_errors_display_code_name_and_description() {
    let typed = |bytes: &[u8]| JoinErrors::from_rpc(RpcError::from_bytes(bytes).unwrap());
    assert_eq!(
        typed(&GROUPCALL_INVALID).to_string(),
        "RPC error 400 GROUPCALL_INVALID: The specified group call is invalid."
    );
    // The number in place of `%d`, in the name and in the description.
    assert_eq!(
        typed(&FILE_REFERENCE_3_EXPIRED).to_string(),
        "RPC error 400 FILE_REFERENCE_3_EXPIRED: The file reference of the media file at \
         index 3 expired."
    );
    // Not on the list: as the RpcError displays.
    assert_eq!(
        typed(&SOME_NEW_ERROR).to_string(),
        "RPC error -503: SOME_NEW_ERROR"
    );
}

#[test]
fn typed_errors_from_bytes() {
    let typed = |bytes: &[u8]| JoinErrors::from_rpc(RpcError::from_bytes(bytes).unwrap());
    let invalid = typed(&GROUPCALL_INVALID);
    assert_eq!(invalid, JoinErrors::GroupcallInvalid);
    assert_eq!(invalid.code(), 400);
    assert_eq!(invalid.name(), "GROUPCALL_INVALID");
    assert_eq!(
        invalid.description(),
        Some("The specified group call is invalid.")
    );
    let expired = typed(&FILE_REFERENCE_3_EXPIRED);
    assert_eq!(expired, JoinErrors::FileReferenceNExpired(3));
    assert_eq!(expired.name(), "FILE_REFERENCE_%d_EXPIRED");
    assert_eq!(
        JoinErrors::from_rpc(RpcError::new(400, "FILE_REFERENCE_EXPIRED")),
        JoinErrors::FileReferenceExpired
    );
    // Not on the list: kept whole.
    let unknown = typed(&SOME_NEW_ERROR);
    assert_eq!(
        unknown,
        JoinErrors::Other(RpcError::from_bytes(&SOME_NEW_ERROR).unwrap())
    );
    assert_eq!(
        (unknown.code(), unknown.name(), unknown.description()),
        (-503, "SOME_NEW_ERROR", None)
    );
    let flood = typed(&FLOOD_WAIT_42);
    assert!(matches!(&flood, JoinErrors::Other(e) if e.value == Some(42)));
}
