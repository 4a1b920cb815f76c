//! [`RawObject`]: TL's `Object`, any boxed value, kept as its encoded bytes.

use std::fmt;

use crate::error::DecodeError;
use crate::limits::Limits;
use crate::reader::Reader;
use crate::traits::{Deserialize, Serialize};
use crate::wire;

/// TL's `Object` (any boxed value), held as its serialized bytes, constructor id first.
///
/// The concrete type of an `Object` is only known from context (for `rpc_result`, from
/// the request it answers), so it is kept undecoded: inspect
/// [`constructor_id`](Self::constructor_id), then [`decode`](Self::decode) it as the right
/// type. Serializing writes the bytes verbatim.
///
/// # How much input an `Object` takes
///
/// An `Object` carries no length on the wire, so its [`Deserialize`] impl **consumes all
/// remaining input** of the reader (which must be at least 4 bytes, the constructor id).
/// That is correct where `Object` fields appear in real schemas: last in their
/// constructor, with the constructor last in its buffer (`rpc_result req_msg_id:long
/// result:Object`, `gzip_packed`'s unpacked data). When the length is known from an
/// earlier field (the transport `message msg_id:long seqno:int bytes:int body:Object`),
/// read it with [`read_with_len`](Self::read_with_len) instead.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RawObject {
    /// The boxed encoding. At least 4 bytes when built by [`new`](Self::new) or decoding.
    bytes: Vec<u8>,
}

impl RawObject {
    /// Wraps the boxed encoding of a value (constructor id first).
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEof`] at offset 0 if `bytes` is shorter than the 4-byte
    /// constructor id.
    #[inline]
    pub fn new(bytes: Vec<u8>) -> Result<Self, DecodeError> {
        if bytes.len() < wire::ID_LEN {
            return Err(DecodeError::UnexpectedEof {
                offset: 0,
                needed: wire::ID_LEN,
                remaining: bytes.len(),
            });
        }
        Ok(Self { bytes })
    }

    /// Serializes `value` (which should be a boxed TL value, as every generated type is)
    /// into a new object.
    #[inline]
    #[must_use]
    pub fn from_value<T: Serialize + ?Sized>(value: &T) -> Self {
        Self {
            bytes: value.to_bytes(),
        }
    }

    /// Reads an object of exactly `len` bytes (for containers that give the body length,
    /// such as the transport `message`).
    ///
    /// # Errors
    /// [`DecodeError::LengthTooLarge`] if `len` exceeds the remaining input;
    /// [`DecodeError::Invalid`] if `len` is below 4 (no room for a constructor id). Both
    /// at the current position, and both before any allocation.
    pub fn read_with_len(reader: &mut Reader<'_>, len: usize) -> Result<Self, DecodeError> {
        let offset = reader.position();
        if len > reader.remaining() {
            return Err(DecodeError::LengthTooLarge {
                offset,
                declared: len,
                remaining: reader.remaining(),
            });
        }
        if len < wire::ID_LEN {
            return Err(DecodeError::invalid(
                offset,
                "object length shorter than a constructor id",
            ));
        }
        Ok(Self {
            bytes: reader.read_raw(len)?.to_vec(),
        })
    }

    /// The constructor id: the first 4 bytes, little-endian.
    ///
    /// (Should a hand-written [`Serialize`] impl given to [`from_value`](Self::from_value)
    /// have written fewer than 4 bytes, the missing high bytes read as zero.)
    #[inline]
    #[must_use]
    pub fn constructor_id(&self) -> u32 {
        let mut id = [0; 4];
        for (dst, src) in id.iter_mut().zip(&self.bytes) {
            *dst = *src;
        }
        u32::from_le_bytes(id)
    }

    /// The whole boxed encoding, constructor id first.
    #[inline]
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The body: the encoding after the constructor id.
    #[inline]
    #[must_use]
    pub fn body(&self) -> &[u8] {
        self.bytes.get(wire::ID_LEN..).unwrap_or_default()
    }

    /// The boxed encoding, by value.
    #[inline]
    #[must_use]
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// Decodes the object as a `T` with the default [`Limits`]; the whole object must be
    /// consumed. Error offsets count from the start of the object.
    ///
    /// # Errors
    /// As [`Deserialize::from_bytes`].
    #[inline]
    pub fn decode<T: Deserialize>(&self) -> Result<T, DecodeError> {
        T::from_bytes(&self.bytes)
    }

    /// Decodes the object as a `T` with the given [`Limits`].
    ///
    /// # Errors
    /// As [`Deserialize::from_bytes_with_limits`].
    #[inline]
    pub fn decode_with_limits<T: Deserialize>(&self, limits: Limits) -> Result<T, DecodeError> {
        T::from_bytes_with_limits(&self.bytes, limits)
    }
}

impl Serialize for RawObject {
    /// Writes the bytes verbatim.
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.bytes);
    }
    #[inline]
    fn serialized_len(&self) -> usize {
        self.bytes.len()
    }
}

impl Deserialize for RawObject {
    /// Consumes **all remaining input** as one object (see the type docs).
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEof`] if fewer than 4 bytes remain.
    #[inline]
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.peek_u32()?;
        Ok(Self {
            bytes: reader.read_rest().to_vec(),
        })
    }
}

impl AsRef<[u8]> for RawObject {
    #[inline]
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

impl From<RawObject> for Vec<u8> {
    #[inline]
    fn from(object: RawObject) -> Self {
        object.bytes
    }
}

impl fmt::Debug for RawObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawObject")
            .field(
                "constructor_id",
                &format_args!("{:#010x}", self.constructor_id()),
            )
            .field("len", &self.bytes.len())
            .finish()
    }
}
