//! TL wire primitives as free functions: `write_*` appends to a `Vec<u8>`, `*_len` gives
//! the exact encoded size, `read_*` decodes from a [`Reader`].
//!
//! Everything is little-endian:
//!
//! | TL type | Rust | bytes |
//! |---|---|---|
//! | `int`, `#` | `i32`, `u32` | 4 |
//! | `long` | `i64` | 8 |
//! | `double` | `f64` | 8 |
//! | `int128` / `int256` | `[u8; 16]` / `[u8; 32]` | 16 / 32, in wire order |
//! | `Bool` | `bool` | 4: `boolTrue#997275b5` or `boolFalse#bc799737` |
//! | `bytes` / `string` | `Vec<u8>` / `String` | length prefix, data, zero padding to a multiple of 4 |
//! | `Vector<T>` | `Vec<T>` | `0x1cb5c415`, `u32` count, items |
//! | `vector<T>` | `Vec<T>` | `u32` count, items |
//!
//! The `bytes`/`string` length prefix is one byte for lengths below 254, otherwise byte
//! 254 followed by the length as 3 little-endian bytes; lengths of 2^24 or more cannot
//! be encoded (see [`MAX_BYTES_LEN`]).

use crate::error::DecodeError;
use crate::reader::Reader;
use crate::traits::{Deserialize, Serialize};

/// Constructor id of the boxed `Vector` type: `vector#1cb5c415`.
pub const VECTOR_ID: u32 = 0x1cb5_c415;
/// Constructor id of `boolTrue#997275b5`.
pub const BOOL_TRUE_ID: u32 = 0x9972_75b5;
/// Constructor id of `boolFalse#bc799737`.
pub const BOOL_FALSE_ID: u32 = 0xbc79_9737;
/// Constructor id of TL's `null#56730bcc = Null;`: what an absent nullable
/// object of TDLib's schemas is written as ([`write_nullable`]).
pub const NULL_ID: u32 = 0x5673_0bcc;

/// Encoded size of a TL `int` or a `#` flags word.
pub const INT_LEN: usize = 4;
/// Encoded size of a TL `long`.
pub const LONG_LEN: usize = 8;
/// Encoded size of a TL `double`.
pub const DOUBLE_LEN: usize = 8;
/// Encoded size of a TL `int128`.
pub const INT128_LEN: usize = 16;
/// Encoded size of a TL `int256`.
pub const INT256_LEN: usize = 32;
/// Encoded size of a boxed TL `Bool` (its constructor id).
pub const BOOL_LEN: usize = 4;
/// Encoded size of a constructor id.
pub const ID_LEN: usize = 4;
/// The smallest encoding of any `bytes` or `string` (the empty one: 4 bytes).
pub const MIN_BYTES_LEN: usize = 4;
/// The longest `bytes`/`string` data the wire format can express: 2^24 - 1 bytes.
///
/// [`write_bytes`] and [`write_string`] panic on longer data (there is no encoding for
/// it, and `Serialize` cannot fail); check against this constant first if your data can
/// be that large. MTProto messages are far smaller than this in practice.
pub const MAX_BYTES_LEN: usize = (1 << 24) - 1;

/// Zero bytes needed after `len` bytes to reach a multiple of 4 (0..=3).
#[inline]
#[must_use]
pub const fn padding(len: usize) -> usize {
    (4 - len % 4) % 4
}

/// Size of the length prefix for `bytes`/`string` data of `len` bytes: 1 or 4.
#[inline]
#[must_use]
pub const fn header_len(len: usize) -> usize {
    if len < 254 { 1 } else { 4 }
}

/// Exact encoded size of `bytes`/`string` data of `len` bytes: prefix + data + padding.
#[inline]
#[must_use]
pub const fn framed_len(len: usize) -> usize {
    let unpadded = header_len(len) + len;
    unpadded + padding(unpadded)
}

// ---------------------------------------------------------------------------- fixed size

/// Writes a `u32` (a constructor id, a `#` flags word or a count).
#[inline]
pub fn write_u32(value: u32, out: &mut Vec<u8>) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// Overwrites the `u32` at byte `at` of `out`: generated code writes a flags word
/// as a placeholder, then its fields (setting the word's bits as it goes), then the
/// word itself with this.
///
/// # Panics
/// If `out` has no 4 bytes at `at` (the placeholder was not written).
#[inline]
pub fn patch_u32(value: u32, at: usize, out: &mut [u8]) {
    match out.get_mut(at..at.saturating_add(4)) {
        Some(slot) => slot.copy_from_slice(&value.to_le_bytes()),
        None => no_placeholder(at, out.len()),
    }
}

/// The documented panic of [`patch_u32`], kept out of line.
#[cold]
#[inline(never)]
#[track_caller]
fn no_placeholder(at: usize, len: usize) -> ! {
    panic!("no u32 to overwrite at byte {at} of {len}")
}

/// Writes a TL `int`.
#[inline]
pub fn write_int(value: i32, out: &mut Vec<u8>) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// Writes a TL `long`.
#[inline]
pub fn write_long(value: i64, out: &mut Vec<u8>) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// Writes a TL `double` (bit-exact).
#[inline]
pub fn write_double(value: f64, out: &mut Vec<u8>) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// Writes a TL `int128` verbatim.
#[inline]
pub fn write_int128(value: [u8; 16], out: &mut Vec<u8>) {
    out.extend_from_slice(&value);
}

/// Writes a TL `int256` verbatim.
#[inline]
pub fn write_int256(value: [u8; 32], out: &mut Vec<u8>) {
    out.extend_from_slice(&value);
}

/// Writes a boxed TL `Bool`.
#[inline]
pub fn write_bool(value: bool, out: &mut Vec<u8>) {
    write_u32(if value { BOOL_TRUE_ID } else { BOOL_FALSE_ID }, out);
}

/// Fixed-size values that follow one another on the wire, gathered on the stack
/// and appended with one capacity check instead of one per value.
///
/// Generated code writes a run of `int`, `long`, `double`, `int128`, `int256`,
/// `Bool` and `#` fields (and the flags words before them) through this: `N` is the
/// run's encoded size, which the generator adds up from the field types.
///
/// ```
/// use tl_runtime::wire::Fixed;
/// let mut out = Vec::new();
/// Fixed::<16>::new().u32(0x2).int(-1).long(7).write(&mut out);
/// assert_eq!(out, [2, 0, 0, 0, 255, 255, 255, 255, 7, 0, 0, 0, 0, 0, 0, 0]);
/// ```
///
/// With constant arguments to `N` and to each call (as in generated code) the
/// optimizer reduces the run to stores into the vector; the checks below cannot
/// fail then, and are there so that a wrong `N` is a panic, never wrong bytes.
#[derive(Debug, Clone, Copy)]
#[must_use = "nothing is written until `write`"]
pub struct Fixed<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> Default for Fixed<N> {
    #[inline]
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> Fixed<N> {
    /// An empty run.
    #[inline]
    pub const fn new() -> Self {
        Fixed {
            bytes: [0; N],
            len: 0,
        }
    }

    /// Appends `value`'s bytes to the run.
    ///
    /// # Panics
    /// If the run would exceed `N` bytes.
    #[inline]
    #[track_caller]
    fn put<const M: usize>(mut self, value: [u8; M]) -> Self {
        match self.bytes.get_mut(self.len..self.len + M) {
            Some(slot) => slot.copy_from_slice(&value),
            None => fixed_run_overflow(N),
        }
        self.len += M;
        self
    }

    /// Appends a `u32` (a `#` flags word or value).
    #[inline]
    pub fn u32(self, value: u32) -> Self {
        self.put(value.to_le_bytes())
    }

    /// Appends a TL `int`.
    #[inline]
    pub fn int(self, value: i32) -> Self {
        self.put(value.to_le_bytes())
    }

    /// Appends a TL `long`.
    #[inline]
    pub fn long(self, value: i64) -> Self {
        self.put(value.to_le_bytes())
    }

    /// Appends a TL `double` (bit-exact).
    #[inline]
    pub fn double(self, value: f64) -> Self {
        self.put(value.to_le_bytes())
    }

    /// Appends a TL `int128` verbatim.
    #[inline]
    pub fn int128(self, value: [u8; 16]) -> Self {
        self.put(value)
    }

    /// Appends a TL `int256` verbatim.
    #[inline]
    pub fn int256(self, value: [u8; 32]) -> Self {
        self.put(value)
    }

    /// Appends a boxed TL `Bool`.
    #[inline]
    pub fn bool(self, value: bool) -> Self {
        self.u32(if value { BOOL_TRUE_ID } else { BOOL_FALSE_ID })
    }

    /// Appends the run to `out`.
    ///
    /// # Panics
    /// If fewer than `N` bytes were put in the run.
    #[inline]
    #[track_caller]
    pub fn write(self, out: &mut Vec<u8>) {
        if self.len != N {
            fixed_run_short(self.len, N);
        }
        out.extend_from_slice(&self.bytes);
    }
}

/// The documented panic of [`Fixed`]'s writes, kept out of line.
#[cold]
#[inline(never)]
#[track_caller]
fn fixed_run_overflow(n: usize) -> ! {
    panic!("more than the {n} bytes declared were put in a wire::Fixed run")
}

/// The documented panic of [`Fixed::write`], kept out of line.
#[cold]
#[inline(never)]
#[track_caller]
fn fixed_run_short(len: usize, n: usize) -> ! {
    panic!("a wire::Fixed run of {n} bytes was written with {len}")
}

/// Writes an object that TDLib's schemas document as possibly null: the value
/// with its constructor id, or [`NULL_ID`] when absent. (TL has no null, and
/// TDLib no binary form of these schemas; this is tlgen's, and it is lossless.)
#[inline]
pub fn write_nullable<T: Serialize + ?Sized>(value: Option<&T>, out: &mut Vec<u8>) {
    match value {
        Some(value) => value.serialize(out),
        None => write_u32(NULL_ID, out),
    }
}

/// Reads what [`write_nullable`] writes.
///
/// # Errors
/// What reading a `T` fails with.
#[inline]
pub fn read_nullable<T: Deserialize>(reader: &mut Reader<'_>) -> Result<Option<T>, DecodeError> {
    if reader.peek_u32()? == NULL_ID {
        reader.read_u32()?;
        Ok(None)
    } else {
        T::deserialize(reader).map(Some)
    }
}

/// Reads a `u32`. See [`Reader::read_u32`].
///
/// # Errors
/// [`DecodeError::UnexpectedEof`] if fewer than 4 bytes remain.
#[inline]
pub fn read_u32(reader: &mut Reader<'_>) -> Result<u32, DecodeError> {
    reader.read_u32()
}

/// Reads a TL `int`.
///
/// # Errors
/// [`DecodeError::UnexpectedEof`] if fewer than 4 bytes remain.
#[inline]
pub fn read_int(reader: &mut Reader<'_>) -> Result<i32, DecodeError> {
    reader.read_i32()
}

/// Reads a TL `long`.
///
/// # Errors
/// [`DecodeError::UnexpectedEof`] if fewer than 8 bytes remain.
#[inline]
pub fn read_long(reader: &mut Reader<'_>) -> Result<i64, DecodeError> {
    reader.read_i64()
}

/// Reads a TL `double`.
///
/// # Errors
/// [`DecodeError::UnexpectedEof`] if fewer than 8 bytes remain.
#[inline]
pub fn read_double(reader: &mut Reader<'_>) -> Result<f64, DecodeError> {
    reader.read_f64()
}

/// Reads a TL `int128`.
///
/// # Errors
/// [`DecodeError::UnexpectedEof`] if fewer than 16 bytes remain.
#[inline]
pub fn read_int128(reader: &mut Reader<'_>) -> Result<[u8; 16], DecodeError> {
    reader.read_int128()
}

/// Reads a TL `int256`.
///
/// # Errors
/// [`DecodeError::UnexpectedEof`] if fewer than 32 bytes remain.
#[inline]
pub fn read_int256(reader: &mut Reader<'_>) -> Result<[u8; 32], DecodeError> {
    reader.read_int256()
}

/// Reads a boxed TL `Bool`. See [`Reader::read_bool`].
///
/// # Errors
/// [`DecodeError::UnexpectedEof`], or [`DecodeError::UnknownConstructor`] for an id that
/// is neither `boolTrue` nor `boolFalse`.
#[inline]
pub fn read_bool(reader: &mut Reader<'_>) -> Result<bool, DecodeError> {
    reader.read_bool()
}

// ------------------------------------------------------------------------ bytes / string

/// Writes TL `bytes`: length prefix, data, zero padding to a multiple of 4.
///
/// # Panics
/// If `data` is longer than [`MAX_BYTES_LEN`] (2^24 - 1 bytes), which the wire format
/// cannot express. Nothing is written in that case.
#[inline]
pub fn write_bytes(data: &[u8], out: &mut Vec<u8>) {
    let len = data.len();
    let (prefix, prefix_len) = match u8::try_from(len) {
        Ok(short @ 0..=253) => ([short, 0, 0, 0], 1),
        _ => match u32::try_from(len) {
            Ok(long) if len <= MAX_BYTES_LEN => {
                let [a, b, c, _] = long.to_le_bytes();
                ([254, a, b, c], 4)
            }
            _ => bytes_too_long(len),
        },
    };
    let framed = framed_len(len);
    let start = out.len();
    // One capacity check for the whole frame, made only once the length is
    // known to be encodable. The prefix and the padding are written at their
    // widest (4 and 3 bytes) and cut back, so no branch depends on the length;
    // random lengths made those branches mispredict.
    reserve_framed(framed + 3, out);
    out.extend_from_slice(&prefix);
    out.truncate(start + prefix_len);
    out.extend_from_slice(data);
    out.extend_from_slice(&[0; 3]);
    out.truncate(start + framed);
}

/// The least room the vector gets beyond a `bytes`/`string` when it has to grow
/// for one.
///
/// `Vec::reserve` grows to exactly the length asked for when that is more than
/// double the capacity, so a large `bytes` or `string` would fill the vector to
/// the brim and the next small write of the same value would reallocate and copy
/// it all again (about 15 µs for 64 KiB with glibc, against 3 µs for the copy).
const MIN_GROWTH_SLACK: usize = 1024;

/// The most room the vector gets beyond a `bytes`/`string` when it has to grow
/// for one: what keeps the doubling of [`reserve_framed`] from holding a
/// megabyte of spare capacity after a 1 MiB file part.
const MAX_GROWTH_SLACK: usize = 64 * 1024;

/// Reserves room for `needed` bytes, never when the room is already there (so
/// small values keep the single allocation of `to_bytes`). When the vector must
/// grow, it grows to about twice what it will then hold (the length so far plus
/// `needed`), with at least [`MIN_GROWTH_SLACK`] and at most [`MAX_GROWTH_SLACK`]
/// to spare: amortized doubling of the size needed rather than of the old
/// capacity, so that what a value writes after a large string usually fits
/// without copying the string again.
#[inline]
fn reserve_framed(needed: usize, out: &mut Vec<u8>) {
    if out.capacity() - out.len() < needed {
        let slack = (out.len() + needed).clamp(MIN_GROWTH_SLACK, MAX_GROWTH_SLACK);
        out.reserve(needed + slack);
    }
}

/// The documented panic of [`write_bytes`], kept out of line.
#[cold]
#[inline(never)]
#[track_caller]
fn bytes_too_long(len: usize) -> ! {
    panic!("TL bytes/string of {len} bytes exceeds the wire limit of {MAX_BYTES_LEN} bytes")
}

/// Exact encoded size of TL `bytes` holding `data`.
#[inline]
#[must_use]
pub const fn bytes_len(data: &[u8]) -> usize {
    framed_len(data.len())
}

/// Reads TL `bytes` into a new `Vec<u8>`. See [`Reader::read_bytes_ref`].
///
/// # Errors
/// As [`Reader::read_bytes_ref`].
#[inline]
pub fn read_bytes(reader: &mut Reader<'_>) -> Result<Vec<u8>, DecodeError> {
    reader.read_bytes()
}

/// Reads TL `bytes`, borrowing the data from the input.
///
/// # Errors
/// As [`Reader::read_bytes_ref`].
#[inline]
pub fn read_bytes_ref<'a>(reader: &mut Reader<'a>) -> Result<&'a [u8], DecodeError> {
    reader.read_bytes_ref()
}

/// Writes a TL `string` (its UTF-8 bytes, framed like `bytes`).
///
/// # Panics
/// If `value` is longer than [`MAX_BYTES_LEN`] bytes; see [`write_bytes`].
#[inline]
pub fn write_string(value: &str, out: &mut Vec<u8>) {
    write_bytes(value.as_bytes(), out);
}

/// Exact encoded size of a TL `string`.
#[inline]
#[must_use]
pub const fn string_len(value: &str) -> usize {
    framed_len(value.len())
}

/// Reads a TL `string` into a new `String`; invalid UTF-8 is an error.
///
/// # Errors
/// As [`Reader::read_str`].
#[inline]
pub fn read_string(reader: &mut Reader<'_>) -> Result<String, DecodeError> {
    reader.read_string()
}

/// Reads a TL `string`, borrowing it from the input; invalid UTF-8 is an error.
///
/// # Errors
/// As [`Reader::read_str`].
#[inline]
pub fn read_str<'a>(reader: &mut Reader<'a>) -> Result<&'a str, DecodeError> {
    reader.read_str()
}

// ------------------------------------------------------------------------------- vectors

/// The item count as a `u32`.
///
/// # Panics
/// If there are more than `u32::MAX` items.
#[inline]
#[track_caller]
fn count_u32(len: usize) -> u32 {
    match u32::try_from(len) {
        Ok(count) => count,
        Err(_) => too_many_items(len),
    }
}

/// The documented panic of [`write_vector`], kept out of line.
#[cold]
#[inline(never)]
#[track_caller]
fn too_many_items(len: usize) -> ! {
    panic!("TL vector of {len} items exceeds the u32 count limit")
}

/// Writes a boxed `Vector<T>`: [`VECTOR_ID`], the `u32` count, then each item with
/// `write_item`.
///
/// ```
/// let mut out = Vec::new();
/// tl_runtime::wire::write_vector(&[1i64, -1], &mut out, |v, out| {
///     tl_runtime::wire::write_long(*v, out)
/// });
/// assert_eq!(out.len(), 4 + 4 + 8 + 8);
/// ```
///
/// # Panics
/// If `items` has more than `u32::MAX` elements.
#[inline]
pub fn write_vector<T>(items: &[T], out: &mut Vec<u8>, write_item: impl FnMut(&T, &mut Vec<u8>)) {
    write_u32(VECTOR_ID, out);
    write_bare_vector(items, out, write_item);
}

/// Writes a bare `vector<T>`: the `u32` count, then each item with `write_item`.
///
/// # Panics
/// If `items` has more than `u32::MAX` elements.
#[inline]
pub fn write_bare_vector<T>(
    items: &[T],
    out: &mut Vec<u8>,
    mut write_item: impl FnMut(&T, &mut Vec<u8>),
) {
    write_u32(count_u32(items.len()), out);
    for item in items {
        write_item(item, out);
    }
}

/// Exact encoded size of a boxed `Vector<T>`: 8 plus the sum of `item_len` over `items`.
#[inline]
#[must_use]
pub fn vector_len<T>(items: &[T], item_len: impl FnMut(&T) -> usize) -> usize {
    ID_LEN + bare_vector_len(items, item_len)
}

/// Exact encoded size of a bare `vector<T>`: 4 plus the sum of `item_len` over `items`.
#[inline]
#[must_use]
pub fn bare_vector_len<T>(items: &[T], item_len: impl FnMut(&T) -> usize) -> usize {
    INT_LEN + items.iter().map(item_len).sum::<usize>()
}

/// Reads a boxed `Vector<T>` whose items each occupy at least 4 bytes (every `int`,
/// `long`, `double`, `string`, `bytes`, `Bool`, int128/int256 and boxed value does).
/// For bare items that may be smaller, use [`read_vector_min`].
///
/// # Errors
/// [`DecodeError::UnknownConstructor`] (type `"Vector"`) for a wrong id, the errors of
/// [`Reader::read_count`], and any error from `read_item`.
#[inline]
pub fn read_vector<'a, T>(
    reader: &mut Reader<'a>,
    read_item: impl FnMut(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    read_vector_min(reader, 4, read_item)
}

/// Reads a boxed `Vector<T>` whose items each occupy at least `min_item_size` bytes.
///
/// The count is checked against the remaining input before allocating (see
/// [`Reader::read_count`]); the up-front allocation never exceeds the remaining input
/// size in bytes (plus one item), whatever `size_of::<T>()` is.
///
/// # Errors
/// As [`read_vector`].
#[inline]
pub fn read_vector_min<'a, T>(
    reader: &mut Reader<'a>,
    min_item_size: usize,
    read_item: impl FnMut(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    reader.expect_constructor(VECTOR_ID, "Vector")?;
    read_bare_vector_min(reader, min_item_size, read_item)
}

/// Reads a bare `vector<T>` whose items each occupy at least 4 bytes.
/// See [`read_vector`].
///
/// # Errors
/// The errors of [`Reader::read_count`] and any error from `read_item`.
#[inline]
pub fn read_bare_vector<'a, T>(
    reader: &mut Reader<'a>,
    read_item: impl FnMut(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    read_bare_vector_min(reader, 4, read_item)
}

/// Reads a bare `vector<T>` whose items each occupy at least `min_item_size` bytes.
/// See [`read_vector_min`].
///
/// A vector is one level of nesting, as a constructor body is (and as an array is
/// in JSON, so that both forms of a value have the same depth): it is read inside
/// [`Reader::nested`], starting at its count.
///
/// # Errors
/// [`DecodeError::DepthExceeded`], the errors of [`Reader::read_count`] and any
/// error from `read_item`.
pub fn read_bare_vector_min<'a, T>(
    reader: &mut Reader<'a>,
    min_item_size: usize,
    mut read_item: impl FnMut(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    reader.nested(|reader| {
        let count = reader.read_count(min_item_size)?;
        // Never reserve more memory than the input could fill.
        let item_size = std::mem::size_of::<T>().max(1);
        let mut items = Vec::with_capacity(count.min(reader.remaining() / item_size + 1));
        for _ in 0..count {
            items.push(read_item(reader)?);
        }
        Ok(items)
    })
}
