//! A client's binary, using the generated API of the `client-tl` crate: an edit
//! of this file recompiles this crate only, not the generated code.

use client_tl::functions::phone::JoinGroupCall;
use client_tl::types;
use tl_runtime::{Deserialize, Identifiable, Serialize};

/// A `phone.joinGroupCall` request: joining a call muted, with WebRTC
/// parameters.
fn join_group_call() -> JoinGroupCall {
    let call = types::InputGroupCall {
        id: 81_985_529_216_486_895,
        access_hash: -9_141_386_507_638_288_912,
    };
    let params = types::DataJson {
        data: r#"{"ssrc":12345,"ufrag":"abc"}"#.to_owned(),
    };
    JoinGroupCall::new(call.into(), types::InputPeerEmpty.into(), params.into()).with_muted(true)
}

fn main() -> Result<(), tl_runtime::DecodeError> {
    let request = join_group_call();
    let bytes = request.to_bytes();
    let decoded = JoinGroupCall::from_bytes(&bytes)?;
    println!(
        "{}: {} bytes, muted: {}",
        JoinGroupCall::TL_NAME,
        bytes.len(),
        decoded.muted
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{JoinGroupCall, join_group_call};
    use tl_runtime::{Deserialize, Serialize};

    /// Bytes written by Telethon, an independent implementation (see
    /// `generated/tests/telethon.rs` for how the file was made).
    const VECTORS: &str = include_str!("../../../../generated/tests/vectors/telethon_seed.txt");

    #[test]
    fn the_request_is_telethons_bytes() {
        let vectors = tlgen_test_support::hex_vectors(VECTORS);
        let expected = &vectors["phone_join_group_call_muted"];
        assert_eq!(&join_group_call().to_bytes(), expected);
        assert_eq!(JoinGroupCall::from_bytes(expected), Ok(join_group_call()));
    }
}
