//! The seed's documented errors: `rpc_error` bytes written by hand (id
//! `0x2144ca19` and the code little-endian, the message as a TL string: one
//! length byte, the text, zero padding to a multiple of 4) become the errors
//! `phone.joinGroupCall`'s page lists. The README's error-handling example is
//! `explain` below, verbatim (checked by `the_readme_shows_this_example`).

use generated::KnownError;

// README example: begin
use generated::{errors, functions}; // the generated module: here, the seed crate
use tl_runtime::KnownErrors as _; // code(), name(), description()
use tl_runtime::{CallError, DecodeError, Deserialize, RemoteCall, RpcError};

/// What to do when `phone.joinGroupCall` fails with the `rpc_error` in `answer`.
fn explain(answer: &[u8]) -> Result<String, DecodeError> {
    let error = RpcError::from_bytes(answer)?; // code, name, captured number
    // The errors this call can fail with, as its page lists them:
    let error = <functions::phone::JoinGroupCall as RemoteCall>::Error::from_rpc(error);
    Ok(match error {
        errors::phone::JoinGroupCall::GroupcallInvalid => "fetch the call again".to_owned(),
        errors::phone::JoinGroupCall::GroupcallSsrcDuplicateMuch => "retry, new SSRC".to_owned(),
        errors::phone::JoinGroupCall::Other(e) if e.name == "FLOOD_WAIT" => {
            format!("wait {} s", e.value.unwrap_or(0))
        }
        other => format!(
            "{} {}: {:?}",
            other.code(),
            other.name(),
            other.description()
        ),
    })
}

/// Or pass it on with `?`: the typed errors are `std::error::Error`s, displayed
/// with their code, name and description.
fn join(answer: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
    let error = RpcError::from_bytes(answer)?;
    Err(<functions::phone::JoinGroupCall as RemoteCall>::Error::from_rpc(error))?
}
// README example: end

/// `rpc_error` 400 `GROUPCALL_INVALID`: 17 bytes of text, 2 of padding.
const GROUPCALL_INVALID: [u8; 28] = [
    0x19, 0xca, 0x44, 0x21, 0x90, 0x01, 0x00, 0x00, 0x11, b'G', b'R', b'O', b'U', b'P', b'C', b'A',
    b'L', b'L', b'_', b'I', b'N', b'V', b'A', b'L', b'I', b'D', 0, 0,
];

/// `rpc_error` 403 `GROUPCALL_FORBIDDEN`: 19 bytes of text, no padding.
const GROUPCALL_FORBIDDEN: [u8; 28] = [
    0x19, 0xca, 0x44, 0x21, 0x93, 0x01, 0x00, 0x00, 0x13, b'G', b'R', b'O', b'U', b'P', b'C', b'A',
    b'L', b'L', b'_', b'F', b'O', b'R', b'B', b'I', b'D', b'D', b'E', b'N',
];

/// `rpc_error` 420 `FLOOD_WAIT_42`: 13 bytes of text, 2 of padding.
const FLOOD_WAIT_42: [u8; 24] = [
    0x19, 0xca, 0x44, 0x21, 0xa4, 0x01, 0x00, 0x00, 0x0d, b'F', b'L', b'O', b'O', b'D', b'_', b'W',
    b'A', b'I', b'T', b'_', b'4', b'2', 0, 0,
];

/// `rpc_error` 400 `CHAT_ADMIN_REQUIRED` (listed for the call in later layers,
/// not on the seed page): 19 bytes of text.
const CHAT_ADMIN_REQUIRED: [u8; 28] = [
    0x19, 0xca, 0x44, 0x21, 0x90, 0x01, 0x00, 0x00, 0x13, b'C', b'H', b'A', b'T', b'_', b'A', b'D',
    b'M', b'I', b'N', b'_', b'R', b'E', b'Q', b'U', b'I', b'R', b'E', b'D',
];

#[test]
fn the_calls_own_errors_are_variants() {
    type Error = <functions::phone::JoinGroupCall as RemoteCall>::Error;
    let typed = |bytes: &[u8]| Error::from_rpc(RpcError::from_bytes(bytes).unwrap());
    assert_eq!(
        typed(&GROUPCALL_INVALID),
        errors::phone::JoinGroupCall::GroupcallInvalid
    );
    assert_eq!(
        typed(&GROUPCALL_FORBIDDEN),
        errors::phone::JoinGroupCall::GroupcallForbidden
    );
    let other = typed(&CHAT_ADMIN_REQUIRED);
    assert_eq!(
        other,
        errors::phone::JoinGroupCall::Other(RpcError::new(400, "CHAT_ADMIN_REQUIRED"))
    );
    // The global enum knows the same five.
    assert_eq!(
        KnownError::from_rpc(RpcError::from_bytes(&GROUPCALL_FORBIDDEN).unwrap()),
        KnownError::GroupcallForbidden
    );
}

#[test]
fn the_readme_example_explains_errors() {
    assert_eq!(explain(&GROUPCALL_INVALID).unwrap(), "fetch the call again");
    assert_eq!(
        explain(&GROUPCALL_FORBIDDEN).unwrap(),
        "403 GROUPCALL_FORBIDDEN: Some(\"The group call has already ended.\")"
    );
    assert_eq!(explain(&FLOOD_WAIT_42).unwrap(), "wait 42 s");
    assert_eq!(
        explain(&CHAT_ADMIN_REQUIRED).unwrap(),
        "400 CHAT_ADMIN_REQUIRED: None"
    );
    assert!(explain(&FLOOD_WAIT_42[..10]).is_err());
}

#[test]
fn typed_errors_go_through_question_mark_and_display_their_docs() {
    assert_eq!(
        join(&GROUPCALL_INVALID).map_err(|e| e.to_string()),
        Err("RPC error 400 GROUPCALL_INVALID: The specified group call is invalid.".to_owned())
    );
    assert_eq!(
        join(&CHAT_ADMIN_REQUIRED).map_err(|e| e.to_string()),
        Err("RPC error 400: CHAT_ADMIN_REQUIRED".to_owned())
    );
    // Not an error of the call: `?` takes the decoding error too.
    assert!(join(&FLOOD_WAIT_42[..10]).is_err());
    let known: Box<dyn std::error::Error> = Box::new(KnownError::from_rpc(
        RpcError::from_bytes(&GROUPCALL_FORBIDDEN).unwrap(),
    ));
    assert_eq!(
        known.to_string(),
        "RPC error 403 GROUPCALL_FORBIDDEN: The group call has already ended."
    );
}

#[test]
fn the_readme_shows_this_example() {
    let source = include_str!("errors.rs");
    let readme = include_str!("../../README.md");
    let example = source
        .split_once("// README example: begin\n")
        .and_then(|(_, rest)| rest.split_once("// README example: end"))
        .map(|(example, _)| example)
        .unwrap_or_default();
    assert!(example.lines().count() > 10, "no example found");
    assert!(
        readme.contains(example),
        "README.md does not show generated/tests/errors.rs's example verbatim:\n{example}"
    );
}
