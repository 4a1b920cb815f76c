//! Trait implementations for the Rust types TL builtins map to, and for the containers
//! generated code wraps values in (`Box`, references, slices). The boxed
//! [`Serialize`]/[`Deserialize`] of constructor and function structs come from the
//! blanket implementations next to [`Identifiable`].
//!
//! | TL | Rust | note |
//! |---|---|---|
//! | `int` | `i32` | bare = boxed |
//! | `long` | `i64` | bare = boxed |
//! | `double` | `f64` | bare = boxed |
//! | `int128` / `int256` / `N*[ int ]` | `[u8; 16]` / `[u8; 32]` / `[u8; 4N]` | bare = boxed |
//! | `string` | `String` (`str` for writing) | bare = boxed |
//! | `Bool` | `bool` | boxed only: the bare form would carry no information |
//! | `Vector<T>` / `vector<T>` | `Vec<T>` (`[T]` for writing) | `Serialize` = boxed, `SerializeBare` = bare |
//!
//! `bytes` maps to `Vec<u8>`, which the `Vec<T>` impls cannot cover (`u8` is not a TL
//! type, so `Vec<u8>` has no trait impls): generated code calls
//! [`wire::write_bytes`], [`wire::bytes_len`] and [`wire::read_bytes`] for it.

use crate::error::DecodeError;
use crate::reader::Reader;
use crate::traits::{Deserialize, DeserializeBare, Identifiable, Serialize, SerializeBare};
use crate::wire;

/// Implements all four traits for a fixed-size builtin whose bare and boxed forms agree.
macro_rules! fixed {
    ($ty:ty, $len:expr, $write:path, $read:ident) => {
        impl Serialize for $ty {
            #[inline]
            fn serialize(&self, out: &mut Vec<u8>) {
                $write(*self, out);
            }
            #[inline]
            fn serialized_len(&self) -> usize {
                $len
            }
        }
        impl SerializeBare for $ty {
            #[inline]
            fn serialize_bare(&self, out: &mut Vec<u8>) {
                $write(*self, out);
            }
            #[inline]
            fn bare_len(&self) -> usize {
                $len
            }
        }
        impl Deserialize for $ty {
            #[inline]
            fn deserialize(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
                reader.$read()
            }
        }
        impl DeserializeBare for $ty {
            #[inline]
            fn deserialize_bare(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
                reader.$read()
            }
        }
    };
}

fixed!(i32, wire::INT_LEN, wire::write_int, read_i32);
fixed!(i64, wire::LONG_LEN, wire::write_long, read_i64);
fixed!(f64, wire::DOUBLE_LEN, wire::write_double, read_f64);

// `int128`, `int256` and any other repetition of `int`s a schema declares
// (TON's `int512 16*[ int ]`): the bytes verbatim, bare and boxed alike.

impl<const N: usize> Serialize for [u8; N] {
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self);
    }
    #[inline]
    fn serialized_len(&self) -> usize {
        N
    }
}

impl<const N: usize> SerializeBare for [u8; N] {
    #[inline]
    fn serialize_bare(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self);
    }
    #[inline]
    fn bare_len(&self) -> usize {
        N
    }
}

impl<const N: usize> Deserialize for [u8; N] {
    #[inline]
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.read_array()
    }
}

impl<const N: usize> DeserializeBare for [u8; N] {
    #[inline]
    fn deserialize_bare(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.read_array()
    }
}

impl Serialize for bool {
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        wire::write_bool(*self, out);
    }
    #[inline]
    fn serialized_len(&self) -> usize {
        wire::BOOL_LEN
    }
}

impl Deserialize for bool {
    #[inline]
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.read_bool()
    }
}

// ------------------------------------------------------------------------------- strings

impl Serialize for str {
    /// # Panics
    /// If longer than [`wire::MAX_BYTES_LEN`] bytes.
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        wire::write_string(self, out);
    }
    #[inline]
    fn serialized_len(&self) -> usize {
        wire::string_len(self)
    }
}

impl SerializeBare for str {
    /// # Panics
    /// If longer than [`wire::MAX_BYTES_LEN`] bytes.
    #[inline]
    fn serialize_bare(&self, out: &mut Vec<u8>) {
        wire::write_string(self, out);
    }
    #[inline]
    fn bare_len(&self) -> usize {
        wire::string_len(self)
    }
}

impl Serialize for String {
    /// # Panics
    /// If longer than [`wire::MAX_BYTES_LEN`] bytes.
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        wire::write_string(self, out);
    }
    #[inline]
    fn serialized_len(&self) -> usize {
        wire::string_len(self)
    }
}

impl SerializeBare for String {
    /// # Panics
    /// If longer than [`wire::MAX_BYTES_LEN`] bytes.
    #[inline]
    fn serialize_bare(&self, out: &mut Vec<u8>) {
        wire::write_string(self, out);
    }
    #[inline]
    fn bare_len(&self) -> usize {
        wire::string_len(self)
    }
}

impl Deserialize for String {
    #[inline]
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.read_string()
    }
}

impl DeserializeBare for String {
    #[inline]
    fn deserialize_bare(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.read_string()
    }
}

// ------------------------------------------------------------------------------- vectors

impl<T: Serialize> Serialize for [T] {
    /// Writes a boxed `Vector<T>`.
    ///
    /// # Panics
    /// If there are more than `u32::MAX` items.
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        wire::write_vector(self, out, T::serialize);
    }
    #[inline]
    fn serialized_len(&self) -> usize {
        wire::vector_len(self, T::serialized_len)
    }
}

impl<T: Serialize> SerializeBare for [T] {
    /// Writes a bare `vector<T>`.
    ///
    /// # Panics
    /// If there are more than `u32::MAX` items.
    #[inline]
    fn serialize_bare(&self, out: &mut Vec<u8>) {
        wire::write_bare_vector(self, out, T::serialize);
    }
    #[inline]
    fn bare_len(&self) -> usize {
        wire::bare_vector_len(self, T::serialized_len)
    }
}

impl<T: Serialize> Serialize for Vec<T> {
    /// Writes a boxed `Vector<T>`.
    ///
    /// # Panics
    /// If there are more than `u32::MAX` items.
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        self.as_slice().serialize(out);
    }
    #[inline]
    fn serialized_len(&self) -> usize {
        self.as_slice().serialized_len()
    }
}

impl<T: Serialize> SerializeBare for Vec<T> {
    /// Writes a bare `vector<T>`.
    ///
    /// # Panics
    /// If there are more than `u32::MAX` items.
    #[inline]
    fn serialize_bare(&self, out: &mut Vec<u8>) {
        self.as_slice().serialize_bare(out);
    }
    #[inline]
    fn bare_len(&self) -> usize {
        self.as_slice().bare_len()
    }
}

impl<T: Deserialize> Deserialize for Vec<T> {
    /// Reads a boxed `Vector<T>`; see [`wire::read_vector`].
    #[inline]
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        wire::read_vector(reader, T::deserialize)
    }
}

impl<T: Deserialize> DeserializeBare for Vec<T> {
    /// Reads a bare `vector<T>`; see [`wire::read_bare_vector`].
    #[inline]
    fn deserialize_bare(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        wire::read_bare_vector(reader, T::deserialize)
    }
}

// ------------------------------------------------------------------- forwarding wrappers
//
// `&T` forwards `SerializeBare`; `Box<T>` forwards the bare traits and `Identifiable`, so
// a `Box` of a constructor struct gets `Serialize`/`Deserialize` from the blanket
// implementations (writing and reading the same bytes as the struct). Forwarding the
// boxed traits for every `T` would overlap with those blanket implementations; method
// calls on a `Box` or reference of any other type still reach them by auto-deref.

impl<T: SerializeBare + ?Sized> SerializeBare for &T {
    #[inline]
    fn serialize_bare(&self, out: &mut Vec<u8>) {
        (**self).serialize_bare(out);
    }
    #[inline]
    fn bare_len(&self) -> usize {
        (**self).bare_len()
    }
}

impl<T: SerializeBare + ?Sized> SerializeBare for Box<T> {
    #[inline]
    fn serialize_bare(&self, out: &mut Vec<u8>) {
        (**self).serialize_bare(out);
    }
    #[inline]
    fn bare_len(&self) -> usize {
        (**self).bare_len()
    }
}

impl<T: DeserializeBare> DeserializeBare for Box<T> {
    #[inline]
    fn deserialize_bare(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        T::deserialize_bare(reader).map(Self::new)
    }
}

impl<T: Identifiable + ?Sized> Identifiable for Box<T> {
    const CONSTRUCTOR_ID: u32 = T::CONSTRUCTOR_ID;
    const TL_NAME: &'static str = T::TL_NAME;
    const TL_TYPE: &'static str = T::TL_TYPE;
}
