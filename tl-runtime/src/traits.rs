//! The traits generated code implements: [`Serialize`], [`SerializeBare`],
//! [`Deserialize`], [`DeserializeBare`], [`Identifiable`] and [`RemoteCall`], and the
//! blanket implementations that give every [`Identifiable`] struct its boxed
//! [`Serialize`] and [`Deserialize`] from its bare ones.

use crate::error::DecodeError;
use crate::limits::Limits;
use crate::reader::Reader;
use crate::wire;

/// A value written the way TL writes it wherever its type is used.
///
/// For a constructor struct or a type enum that is the boxed form (constructor id, then
/// the body); for a function it is the id and the arguments; for builtins (`int`,
/// `string`, ...) it is the plain encoding; for `Vec<T>` it is a boxed `Vector<T>`.
///
/// Constructor and function structs do not implement this trait themselves: they
/// implement [`Identifiable`] and [`SerializeBare`], and a blanket implementation
/// writes [`Identifiable::CONSTRUCTOR_ID`] followed by the bare body. Type enums
/// (which have no single id) and builtins implement it directly.
pub trait Serialize {
    /// Appends the encoding of `self` to `out`.
    fn serialize(&self, out: &mut Vec<u8>);

    /// The exact number of bytes [`serialize`](Self::serialize) appends.
    ///
    /// Builtins, vectors of them and [`RawObject`](crate::RawObject) answer
    /// without encoding; for generated types (whose code holds no length
    /// computation, to keep it small) the default encodes the value into a
    /// scratch vector and counts, which costs what [`to_bytes`](Self::to_bytes)
    /// costs.
    #[inline]
    fn serialized_len(&self) -> usize {
        let mut out = Vec::new();
        self.serialize(&mut out);
        out.len()
    }

    /// The encoding of `self` in a new vector.
    ///
    /// The vector starts with room for 1 KiB and grows as it is written, which
    /// is faster than walking the value twice: a `bytes` or `string` that does
    /// not fit grows it to about twice what it then needs, with at most 64 KiB
    /// to spare, so its capacity can exceed its length by that much. To reuse a
    /// buffer, `clear` it and call [`serialize`](Self::serialize).
    #[inline]
    fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(INITIAL_CAPACITY);
        self.serialize(&mut out);
        out
    }
}

/// The capacity [`Serialize::to_bytes`] starts with: enough for most requests and
/// for over 90 % of the values of a broad corpus of every API type (256 left a
/// quarter of them to reallocate once or more), so small values allocate once. One
/// KiB is still glibc's per-thread cache class, as cheap to allocate as 256 bytes.
const INITIAL_CAPACITY: usize = 1024;

/// A value written bare: a constructor's body without its id (TL `%T`, and lowercase
/// constructor names used as types, as in `vector<future_salt>`).
///
/// For builtins the bare form is the same as [`Serialize`]; for `Vec<T>` it is `vector<T>`
/// (count and items, no `Vector` id).
pub trait SerializeBare {
    /// Appends the bare encoding of `self` to `out`.
    fn serialize_bare(&self, out: &mut Vec<u8>);

    /// The exact number of bytes [`serialize_bare`](Self::serialize_bare) appends.
    ///
    /// The default encodes the value into a scratch vector and counts (see
    /// [`Serialize::serialized_len`]).
    #[inline]
    fn bare_len(&self) -> usize {
        let mut out = Vec::new();
        self.serialize_bare(&mut out);
        out.len()
    }

    /// The bare encoding of `self` in a new vector, grown as it is written like
    /// [`Serialize::to_bytes`]'s.
    #[inline]
    fn to_bare_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(INITIAL_CAPACITY);
        self.serialize_bare(&mut out);
        out
    }
}

/// A value read the way [`Serialize`] writes it.
///
/// As with [`Serialize`], constructor and function structs get this trait from a
/// blanket implementation over [`Identifiable`] and [`DeserializeBare`]: it checks the
/// constructor id (reporting [`Identifiable::TL_TYPE`] on a mismatch) and reads the
/// bare body. Type enums and builtins implement it directly.
///
/// Every implementation in this crate and in generated code consumes at least 4 bytes
/// (all boxed values and all builtins do), which is what [`wire::read_vector`] assumes
/// when it bounds a `Vector<T>` count.
///
/// [`wire::read_vector`]: crate::wire::read_vector
pub trait Deserialize: Sized {
    /// Reads one value from `reader`, leaving it positioned after the value.
    ///
    /// # Errors
    /// Any [`DecodeError`] describing why the input is not a valid value.
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self, DecodeError>;

    /// Decodes `bytes`, which must hold exactly one value, with the default [`Limits`].
    ///
    /// # Errors
    /// Any error from [`deserialize`](Self::deserialize), or
    /// [`DecodeError::TrailingBytes`] (with the offset and count) if input is left over.
    #[inline]
    fn from_bytes(bytes: &[u8]) -> Result<Self, DecodeError> {
        Self::from_bytes_with_limits(bytes, Limits::DEFAULT)
    }

    /// Decodes `bytes`, which must hold exactly one value, with the given [`Limits`].
    ///
    /// # Errors
    /// As [`from_bytes`](Self::from_bytes).
    #[inline]
    fn from_bytes_with_limits(bytes: &[u8], limits: Limits) -> Result<Self, DecodeError> {
        let mut reader = Reader::with_limits(bytes, limits);
        let value = Self::deserialize(&mut reader)?;
        reader.finish()?;
        Ok(value)
    }
}

/// A value read the way [`SerializeBare`] writes it.
pub trait DeserializeBare: Sized {
    /// Reads one bare value (the body, without a constructor id) from `reader`.
    ///
    /// Generated constructor structs do their nesting accounting here: the body is read
    /// between [`Reader::enter`] and [`Reader::leave`] (or inside [`Reader::nested`]), so
    /// each constructor counts one level whether it arrives boxed or bare.
    ///
    /// # Errors
    /// Any [`DecodeError`] describing why the input is not a valid value.
    fn deserialize_bare(reader: &mut Reader<'_>) -> Result<Self, DecodeError>;

    /// Decodes `bytes`, which must hold exactly one bare value, with the default
    /// [`Limits`].
    ///
    /// # Errors
    /// Any error from [`deserialize_bare`](Self::deserialize_bare), or
    /// [`DecodeError::TrailingBytes`] if input is left over.
    #[inline]
    fn from_bare_bytes(bytes: &[u8]) -> Result<Self, DecodeError> {
        let mut reader = Reader::new(bytes);
        let value = Self::deserialize_bare(&mut reader)?;
        reader.finish()?;
        Ok(value)
    }
}

/// A TL constructor or function with a fixed constructor id.
///
/// Together with [`SerializeBare`] and [`DeserializeBare`] this is all a constructor or
/// function struct implements: [`Serialize`] and [`Deserialize`] (the boxed form, id
/// then body) come from blanket implementations in this crate.
pub trait Identifiable {
    /// The 32-bit constructor id (`name#id`).
    const CONSTRUCTOR_ID: u32;
    /// The TL name, with namespace, e.g. `"messages.sendMessage"`.
    const TL_NAME: &'static str;
    /// What a decoding error names
    /// ([`DecodeError::UnknownConstructor::expected_type`](DecodeError::UnknownConstructor))
    /// when another id is found where this value was expected: generated constructors
    /// set it to their boxed type (`"Updates"` for `updateShort`), functions keep the
    /// default, their own name.
    const TL_TYPE: &'static str = Self::TL_NAME;
}

impl<T: Identifiable + SerializeBare + ?Sized> Serialize for T {
    /// Writes [`Identifiable::CONSTRUCTOR_ID`], then the bare body.
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        wire::write_u32(T::CONSTRUCTOR_ID, out);
        self.serialize_bare(out);
    }

    #[inline]
    fn serialized_len(&self) -> usize {
        wire::ID_LEN + self.bare_len()
    }
}

impl<T: Identifiable + DeserializeBare> Deserialize for T {
    /// Reads [`Identifiable::CONSTRUCTOR_ID`], then the bare body.
    ///
    /// # Errors
    /// [`DecodeError::UnknownConstructor`] naming [`Identifiable::TL_TYPE`] if another
    /// id is found, or any error from [`DeserializeBare::deserialize_bare`].
    #[inline]
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.expect_constructor(T::CONSTRUCTOR_ID, T::TL_TYPE)?;
        T::deserialize_bare(reader)
    }
}

/// A TL function: serializing it gives the request, [`Return`](Self::Return) decodes the
/// answer, and [`Error`](Self::Error) is what an `rpc_error` answer becomes.
pub trait RemoteCall: Serialize {
    /// The type the function returns (the part after `=`).
    type Return: Deserialize;
    /// What the function fails with: code generated with documentation names an
    /// enum of the errors the function's page lists (a [`KnownErrors`]), so that
    /// matching on them needs no string compares and the compiler knows which
    /// errors belong to which call; otherwise [`RpcError`]. Build it with
    /// [`CallError::from_rpc`].
    ///
    /// [`KnownErrors`]: crate::KnownErrors
    /// [`RpcError`]: crate::RpcError
    /// [`CallError::from_rpc`]: crate::CallError::from_rpc
    type Error: crate::CallError;
}
