//! RPC errors: [`RpcError`], what MTProto's `rpc_error#2144ca19 error_code:int
//! error_message:string = RpcError;` says, with the number of patterned names
//! (`FLOOD_WAIT_42`) captured; [`CallError`], what a [`RemoteCall`](crate::RemoteCall)
//! fails with; and [`KnownErrors`], the table behind the error enums tlgen generates
//! from documentation.
//!
//! The rules for names live here, once: which part of a message is its number, and
//! which documented pattern (`FLOOD_WAIT_%d`, `FILE_REFERENCE_%d_EXPIRED`) a message
//! matches. Generated code only lists each function's errors.

use crate::error::DecodeError;
use crate::reader::Reader;
use crate::traits::{DeserializeBare, Identifiable, SerializeBare};
use crate::wire;
use std::fmt;

/// An error the server answered a request with: `rpc_error#2144ca19
/// error_code:int error_message:string = RpcError;`, decoded, with its name split
/// from the number some names carry.
///
/// ```
/// use tl_runtime::{Deserialize, RpcError};
///
/// let error = RpcError::new(420, "FLOOD_WAIT_42");
/// assert_eq!((error.code, error.name.as_str(), error.value), (420, "FLOOD_WAIT", Some(42)));
/// assert_eq!(error.message, "FLOOD_WAIT_42");
///
/// // The bytes of `rpc_error`: id, `error_code:int`, `error_message:string`.
/// let bytes = [
///     0x19, 0xca, 0x44, 0x21, 0x90, 0x01, 0x00, 0x00, // rpc_error, 400
///     0x0f, b'P', b'E', b'E', b'R', b'_', b'I', b'D', // 15 bytes of text
///     b'_', b'I', b'N', b'V', b'A', b'L', b'I', b'D',
/// ];
/// let error = RpcError::from_bytes(&bytes)?;
/// assert_eq!((error.code, error.name.as_str(), error.value), (400, "PEER_ID_INVALID", None));
/// # Ok::<(), tl_runtime::DecodeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RpcError {
    /// `error_code`: 400, 403, 420, ... (Telegram's own list of codes says what each
    /// class means: 420 is flood, 303 a redirect to another data center).
    pub code: i32,
    /// The name: the message without its number (`FLOOD_WAIT` for `FLOOD_WAIT_42`,
    /// `FILE_REFERENCE_EXPIRED` for `FILE_REFERENCE_0_EXPIRED`), else the whole
    /// message.
    pub name: String,
    /// The number in the message, if it has one (see [`RpcError::new`]).
    pub value: Option<u32>,
    /// `error_message` as the server sent it.
    pub message: String,
}

impl RpcError {
    /// The error with `code` and `message`, its name and number split as the
    /// server writes patterned names: the number is the first run of ASCII digits
    /// that follows an `_` (so `2FA_CONFIRM_WAIT_5` is `2FA_CONFIRM_WAIT` with 5,
    /// `FILE_REFERENCE_3_EXPIRED` is `FILE_REFERENCE_EXPIRED` with 3). The name is
    /// the message without those digits and the `_` before them (`A_5MIN` is
    /// `A_MIN`). A number too large for a `u32` is not split off: the name is then
    /// the whole message.
    ///
    /// This is also how a test makes the error a call fails with, without bytes:
    /// `CallError::from_rpc(RpcError::new(400, "GROUPCALL_INVALID"))` is the
    /// typed error of the call (see [`CallError`]).
    pub fn new(code: i32, message: impl Into<String>) -> RpcError {
        let message = message.into();
        let split = split_number(&message)
            .and_then(|(name, digits)| Some((name, Some(digits.parse::<u32>().ok()?))));
        let (name, value) = split.unwrap_or_else(|| (message.clone(), None));
        RpcError {
            code,
            name,
            value,
            message,
        }
    }

    /// Whether this error is the documented `name`: equal to it, or, for a
    /// patterned name (with `%d` where the number goes, `FLOOD_WAIT_%d`), the same
    /// text with a number (ASCII digits that fit a `u32`) in its place.
    pub fn is(&self, name: &str) -> bool {
        self.matching(name).is_some()
    }

    /// The number standing for `%d` when this error is `name` (0 for a name
    /// without `%d`); `None` when it is not.
    fn matching(&self, name: &str) -> Option<u32> {
        let Some((before, after)) = name.split_once("%d") else {
            return (self.message == name).then_some(0);
        };
        let digits = self.message.strip_prefix(before)?.strip_suffix(after)?;
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok()
    }
}

/// The name and the number of `message`: the first run of ASCII digits after an
/// `_` is the number, and the name is the message without it (and without the
/// `_` before it, unless letters follow the digits: `A_5MIN` is `A_MIN`).
fn split_number(message: &str) -> Option<(String, &str)> {
    let bytes = message.as_bytes();
    let start = (1..bytes.len()).find(|&i| {
        bytes.get(i - 1) == Some(&b'_') && bytes.get(i).is_some_and(u8::is_ascii_digit)
    })?;
    let end = (start..bytes.len())
        .find(|&i| !bytes.get(i).is_some_and(u8::is_ascii_digit))
        .unwrap_or(bytes.len());
    let digits = message.get(start..end)?;
    let after = message.get(end..)?;
    let keep = if after.is_empty() || after.starts_with('_') {
        start - 1
    } else {
        start
    };
    Some((format!("{}{after}", message.get(..keep)?), digits))
}

impl fmt::Display for RpcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RPC error {}: {}", self.code, self.message)
    }
}

impl std::error::Error for RpcError {}

impl Identifiable for RpcError {
    const CONSTRUCTOR_ID: u32 = 0x2144_ca19;
    const TL_NAME: &'static str = "rpc_error";
    const TL_TYPE: &'static str = "RpcError";
}

impl SerializeBare for RpcError {
    fn serialize_bare(&self, out: &mut Vec<u8>) {
        wire::write_int(self.code, out);
        wire::write_string(&self.message, out);
    }
}

impl DeserializeBare for RpcError {
    fn deserialize_bare(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.nested(|r| {
            let code = r.read_i32()?;
            let message = r.read_str()?;
            Ok(RpcError::new(code, message))
        })
    }
}

/// What a [`RemoteCall`](crate::RemoteCall) fails with: [`RpcError`] itself, or an
/// enum generated from documentation that names the errors the function's page
/// lists ([`KnownErrors`]) and keeps any other as an [`RpcError`].
pub trait CallError: Sized + fmt::Debug {
    /// The typed form of `error`.
    fn from_rpc(error: RpcError) -> Self;
}

impl CallError for RpcError {
    fn from_rpc(error: RpcError) -> Self {
        error
    }
}

/// One error as documentation describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ErrorDoc {
    /// The error code the documentation gives.
    pub code: i32,
    /// The name as documented: `GROUPCALL_INVALID`, or a pattern with `%d` where a
    /// number goes (`FLOOD_PREMIUM_WAIT_%d`).
    pub name: &'static str,
    /// What it means.
    pub description: &'static str,
}

/// An enum of documented errors, generated by tlgen: one variant per entry of
/// [`ERRORS`](Self::ERRORS) (holding the number of a patterned name), and one
/// holding any other [`RpcError`]. Every such enum is a [`CallError`]; this trait
/// adds what the documentation says of its value.
pub trait KnownErrors: Sized {
    /// The documented errors, in the order of the variants.
    const ERRORS: &'static [ErrorDoc];

    /// The variant of entry `index` of [`ERRORS`](Self::ERRORS), with `value` the
    /// number of a patterned name (0 for others); `error` itself for an index past
    /// the table.
    fn from_known(index: usize, value: u32, error: RpcError) -> Self;

    /// The entry of [`ERRORS`](Self::ERRORS) this value is, or the [`RpcError`] it
    /// holds when it is none of them.
    fn known(&self) -> Result<usize, &RpcError>;

    /// The number a patterned name holds (`42` of `FLOOD_WAIT_42` read as
    /// `FLOOD_WAIT_%d`); 0 for other errors. Generated enums with patterned
    /// variants implement it.
    fn number(&self) -> u32 {
        0
    }

    /// Writes the error as generated error enums display it: `RPC error`, the
    /// code, the name and the description, with the number of a patterned one in
    /// place of every `%d` (`RPC error 403 ALLOW_PAYMENT_REQUIRED_100: This peer
    /// charges 100 Telegram Stars per message, ...` with Telegram's
    /// documentation);
    /// an undocumented error as [`RpcError`] displays (`RPC error 400:
    /// SOME_ERROR`).
    ///
    /// # Errors
    /// Those of `f`.
    fn fmt_error(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let doc = match self.known() {
            Ok(index) => Self::ERRORS.get(index),
            Err(error) => return fmt::Display::fmt(error, f),
        };
        let Some(doc) = doc else {
            return f.write_str("RPC error");
        };
        // The number goes where the name has `%d`, and wherever the description
        // has it ("charges %d Telegram Stars ... smaller than %d").
        let patterned = doc.name.contains("%d");
        let number = self.number();
        let write_with_number = |f: &mut fmt::Formatter<'_>, text: &str| {
            if !patterned {
                return f.write_str(text);
            }
            let mut parts = text.split("%d");
            f.write_str(parts.next().unwrap_or_default())?;
            parts.try_for_each(|part| write!(f, "{number}{part}"))
        };
        write!(f, "RPC error {} ", doc.code)?;
        write_with_number(f, doc.name)?;
        if doc.description.is_empty() {
            return Ok(());
        }
        f.write_str(": ")?;
        write_with_number(f, doc.description)
    }

    /// What the documentation says of this error; `None` for an undocumented one.
    fn doc(&self) -> Option<&'static ErrorDoc> {
        self.known().ok().and_then(|i| Self::ERRORS.get(i))
    }

    /// The documented code, or the code of an undocumented error.
    fn code(&self) -> i32 {
        match self.known() {
            Ok(i) => Self::ERRORS.get(i).map_or(0, |e| e.code),
            Err(error) => error.code,
        }
    }

    /// The documented name (`FLOOD_PREMIUM_WAIT_%d` for a patterned one), or the
    /// message of an undocumented error.
    fn name(&self) -> &str {
        match self.known() {
            Ok(i) => Self::ERRORS.get(i).map_or("", |e| e.name),
            Err(error) => &error.message,
        }
    }

    /// The documented description; `None` for an undocumented error.
    fn description(&self) -> Option<&'static str> {
        self.doc().map(|e| e.description)
    }
}

impl<T: KnownErrors + fmt::Debug> CallError for T {
    /// The first entry of [`KnownErrors::ERRORS`] the error [`is`](RpcError::is),
    /// else the error kept as it is.
    fn from_rpc(error: RpcError) -> Self {
        let found = T::ERRORS
            .iter()
            .enumerate()
            .find_map(|(index, e)| Some((index, error.matching(e.name)?)));
        match found {
            Some((index, value)) => T::from_known(index, value, error),
            None => T::from_known(usize::MAX, 0, error),
        }
    }
}
