//! [`Reader`]: a bounds-checked, depth-limited cursor over TL-encoded input.

use crate::error::DecodeError;
use crate::limits::Limits;
use crate::wire;

/// A cursor over a byte slice that decodes TL primitives.
///
/// Every read checks the remaining length first and returns a [`DecodeError`] naming the
/// offset instead of panicking. Offsets ([`position`](Self::position) and those in errors)
/// count from the start of the slice given to [`new`](Self::new).
///
/// The reader also tracks nesting depth for generated code: each constructor body and
/// each vector is decoded between [`enter`](Self::enter) and [`leave`](Self::leave) (or
/// inside [`nested`](Self::nested)), and entering deeper than
/// [`Limits::max_depth`] fails with [`DecodeError::DepthExceeded`].
///
/// After a read returns an error, the reader's position and depth are unspecified (a
/// failed read may have consumed part of the value); discard the reader.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    /// The unread input.
    rest: &'a [u8],
    /// Length of the whole input, so `position = total - rest.len()`.
    total: usize,
    /// Current nesting depth (number of `enter` calls not yet matched by `leave`).
    depth: usize,
    /// The limits in force.
    limits: Limits,
}

impl<'a> Reader<'a> {
    /// A reader over `bytes` with the default [`Limits`].
    #[inline]
    #[must_use]
    pub const fn new(bytes: &'a [u8]) -> Self {
        Self::with_limits(bytes, Limits::DEFAULT)
    }

    /// A reader over `bytes` with the given [`Limits`].
    #[inline]
    #[must_use]
    pub const fn with_limits(bytes: &'a [u8], limits: Limits) -> Self {
        Self {
            rest: bytes,
            total: bytes.len(),
            depth: 0,
            limits,
        }
    }

    /// The limits in force.
    #[inline]
    #[must_use]
    pub const fn limits(&self) -> Limits {
        self.limits
    }

    /// How many bytes have been consumed: the offset of the next byte to read.
    #[inline]
    #[must_use]
    pub const fn position(&self) -> usize {
        self.total - self.rest.len()
    }

    /// How many bytes are left to read.
    #[inline]
    #[must_use]
    pub const fn remaining(&self) -> usize {
        self.rest.len()
    }

    /// Whether all input has been read.
    #[inline]
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The unread input, without consuming it.
    #[inline]
    #[must_use]
    pub const fn unread(&self) -> &'a [u8] {
        self.rest
    }

    /// The current nesting depth (0 outside any constructor body or vector).
    #[inline]
    #[must_use]
    pub const fn depth(&self) -> usize {
        self.depth
    }

    /// The error for a read of `needed` bytes at the current position that cannot be
    /// satisfied.
    #[inline]
    const fn eof(&self, needed: usize) -> DecodeError {
        DecodeError::UnexpectedEof {
            offset: self.position(),
            needed,
            remaining: self.rest.len(),
        }
    }

    /// Reads exactly `N` bytes.
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEof`] if fewer than `N` bytes remain.
    #[inline]
    pub fn read_array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        match self.rest.split_first_chunk::<N>() {
            Some((head, tail)) => {
                self.rest = tail;
                Ok(*head)
            }
            None => Err(self.eof(N)),
        }
    }

    /// Reads exactly `len` bytes as a borrowed slice (no length prefix, no padding).
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEof`] if fewer than `len` bytes remain.
    #[inline]
    pub fn read_raw(&mut self, len: usize) -> Result<&'a [u8], DecodeError> {
        match self.rest.split_at_checked(len) {
            Some((head, tail)) => {
                self.rest = tail;
                Ok(head)
            }
            None => Err(self.eof(len)),
        }
    }

    /// Consumes and returns all unread input.
    #[inline]
    pub fn read_rest(&mut self) -> &'a [u8] {
        std::mem::take(&mut self.rest)
    }

    /// Reads a little-endian `u32` (a constructor id, a `#` flags word or a vector count).
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEof`] if fewer than 4 bytes remain.
    #[inline]
    pub fn read_u32(&mut self) -> Result<u32, DecodeError> {
        self.read_array().map(u32::from_le_bytes)
    }

    /// Reads the next little-endian `u32` without consuming it (for dispatching on a
    /// constructor id).
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEof`] if fewer than 4 bytes remain.
    #[inline]
    pub fn peek_u32(&self) -> Result<u32, DecodeError> {
        match self.rest.first_chunk::<4>() {
            Some(head) => Ok(u32::from_le_bytes(*head)),
            None => Err(self.eof(4)),
        }
    }

    /// Reads a TL `int` (little-endian `i32`).
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEof`] if fewer than 4 bytes remain.
    #[inline]
    pub fn read_i32(&mut self) -> Result<i32, DecodeError> {
        self.read_array().map(i32::from_le_bytes)
    }

    /// Reads a little-endian `u64`.
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEof`] if fewer than 8 bytes remain.
    #[inline]
    pub fn read_u64(&mut self) -> Result<u64, DecodeError> {
        self.read_array().map(u64::from_le_bytes)
    }

    /// Reads a TL `long` (little-endian `i64`).
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEof`] if fewer than 8 bytes remain.
    #[inline]
    pub fn read_i64(&mut self) -> Result<i64, DecodeError> {
        self.read_array().map(i64::from_le_bytes)
    }

    /// Reads a TL `double` (little-endian IEEE 754 binary64, bit-exact, NaN payloads kept).
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEof`] if fewer than 8 bytes remain.
    #[inline]
    pub fn read_f64(&mut self) -> Result<f64, DecodeError> {
        self.read_array().map(f64::from_le_bytes)
    }

    /// Reads a TL `int128` (16 bytes, kept in wire order).
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEof`] if fewer than 16 bytes remain.
    #[inline]
    pub fn read_int128(&mut self) -> Result<[u8; 16], DecodeError> {
        self.read_array()
    }

    /// Reads a TL `int256` (32 bytes, kept in wire order).
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEof`] if fewer than 32 bytes remain.
    #[inline]
    pub fn read_int256(&mut self) -> Result<[u8; 32], DecodeError> {
        self.read_array()
    }

    /// Reads a boxed TL `Bool`: `boolTrue#997275b5` or `boolFalse#bc799737`.
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEof`] if fewer than 4 bytes remain;
    /// [`DecodeError::UnknownConstructor`] (type `"Bool"`) for any other id.
    #[inline]
    pub fn read_bool(&mut self) -> Result<bool, DecodeError> {
        let offset = self.position();
        match self.read_u32()? {
            wire::BOOL_TRUE_ID => Ok(true),
            wire::BOOL_FALSE_ID => Ok(false),
            id => Err(DecodeError::unknown_constructor(offset, id, "Bool")),
        }
    }

    /// Reads a constructor id and checks that it is `id`.
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEof`] if fewer than 4 bytes remain;
    /// [`DecodeError::UnknownConstructor`] naming `expected_type` if the id differs.
    #[inline]
    pub fn expect_constructor(
        &mut self,
        id: u32,
        expected_type: &'static str,
    ) -> Result<(), DecodeError> {
        let offset = self.position();
        let found = self.read_u32()?;
        if found == id {
            Ok(())
        } else {
            Err(DecodeError::unknown_constructor(
                offset,
                found,
                expected_type,
            ))
        }
    }

    /// Reads TL `bytes` or `string` framing and returns the data, borrowed from the input.
    ///
    /// Framing: a length below 254 is one byte; otherwise byte 254 then the length as 3
    /// little-endian bytes. Then the data, then zero bytes up to a multiple of 4.
    ///
    /// Only the canonical encoding is accepted, so every accepted input re-encodes to the
    /// same bytes.
    ///
    /// # Errors
    /// - [`DecodeError::UnexpectedEof`] if the prefix or the padding is cut off;
    /// - [`DecodeError::Invalid`] if the first byte is 255, or if the 254 form encodes a
    ///   length below 254 (non-canonical);
    /// - [`DecodeError::LengthTooLarge`] if the declared length exceeds the remaining
    ///   input (checked before anything is copied or allocated);
    /// - [`DecodeError::NonZeroPadding`] at the first non-zero padding byte.
    #[inline]
    pub fn read_bytes_ref(&mut self) -> Result<&'a [u8], DecodeError> {
        self.read_framed().map(|(_, data)| data)
    }

    /// The work of [`read_bytes_ref`](Self::read_bytes_ref); also returns the offset at
    /// which the data starts.
    fn read_framed(&mut self) -> Result<(usize, &'a [u8]), DecodeError> {
        let offset = self.position();
        let [first] = self.read_array::<1>()?;
        let (header, len) = match first {
            0..=253 => (1, usize::from(first)),
            254 => {
                let [a, b, c] = self.read_array::<3>()?;
                let len = usize::from(a) | usize::from(b) << 8 | usize::from(c) << 16;
                if len < 254 {
                    return Err(DecodeError::invalid(
                        offset,
                        "non-canonical length prefix (254 form for a length below 254)",
                    ));
                }
                (4, len)
            }
            255 => {
                return Err(DecodeError::invalid(
                    offset,
                    "invalid length prefix byte 255",
                ));
            }
        };
        if len > self.rest.len() {
            return Err(DecodeError::LengthTooLarge {
                offset,
                declared: len,
                remaining: self.rest.len(),
            });
        }
        let data_offset = self.position();
        let data = self.read_raw(len)?;
        let padding_offset = self.position();
        let padding = self.read_raw(wire::padding(header + len))?;
        if let Some(bad) = padding.iter().position(|&b| b != 0) {
            return Err(DecodeError::NonZeroPadding {
                offset: padding_offset + bad,
            });
        }
        Ok((data_offset, data))
    }

    /// Reads TL `bytes` into an owned vector. See [`read_bytes_ref`](Self::read_bytes_ref).
    ///
    /// # Errors
    /// As [`read_bytes_ref`](Self::read_bytes_ref).
    #[inline]
    pub fn read_bytes(&mut self) -> Result<Vec<u8>, DecodeError> {
        self.read_bytes_ref().map(<[u8]>::to_vec)
    }

    /// Reads a TL `string` as a borrowed `&str`. See [`read_bytes_ref`](Self::read_bytes_ref).
    ///
    /// # Errors
    /// As [`read_bytes_ref`](Self::read_bytes_ref), and [`DecodeError::InvalidUtf8`] at the
    /// first byte that is not valid UTF-8 (never replaced lossily).
    #[inline]
    pub fn read_str(&mut self) -> Result<&'a str, DecodeError> {
        let (data_offset, data) = self.read_framed()?;
        from_utf8(data).map_err(|valid_up_to| DecodeError::InvalidUtf8 {
            offset: data_offset + valid_up_to,
        })
    }

    /// Reads a TL `string` into an owned `String`. See [`read_str`](Self::read_str).
    ///
    /// # Errors
    /// As [`read_str`](Self::read_str).
    #[inline]
    pub fn read_string(&mut self) -> Result<String, DecodeError> {
        self.read_str().map(str::to_owned)
    }

    /// Reads a vector count and checks it against the remaining input before anything is
    /// allocated: `count * max(min_item_size, 1)` must not exceed [`remaining`](Self::remaining).
    ///
    /// Returns the count as `usize`. A `min_item_size` of 0 is treated as 1, so the number
    /// of items (and so the work done) is always bounded by the input length.
    ///
    /// # Errors
    /// [`DecodeError::UnexpectedEof`] if fewer than 4 bytes remain;
    /// [`DecodeError::CountTooLarge`] if the count cannot fit in the remaining input.
    #[inline]
    pub fn read_count(&mut self, min_item_size: usize) -> Result<usize, DecodeError> {
        let offset = self.position();
        let count = self.read_u32()?;
        let fits = usize::try_from(count).ok().filter(|&n| {
            n.checked_mul(min_item_size.max(1))
                .is_some_and(|need| need <= self.rest.len())
        });
        fits.ok_or(DecodeError::CountTooLarge {
            offset,
            count,
            min_item_size,
            remaining: self.rest.len(),
        })
    }

    /// Enters one level of nesting (call at the start of a constructor body or vector).
    ///
    /// # Errors
    /// [`DecodeError::DepthExceeded`] if the depth would exceed [`Limits::max_depth`]; the
    /// depth is then left unchanged.
    #[inline]
    pub const fn enter(&mut self) -> Result<(), DecodeError> {
        if self.depth >= self.limits.max_depth {
            return Err(DecodeError::DepthExceeded {
                offset: self.position(),
                limit: self.limits.max_depth,
            });
        }
        self.depth += 1;
        Ok(())
    }

    /// Leaves one level of nesting (call at the end of a constructor body that called
    /// [`enter`](Self::enter)). Never goes below 0.
    #[inline]
    pub const fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Runs `f` one nesting level deeper: [`enter`](Self::enter), `f`, then
    /// [`leave`](Self::leave) whether `f` succeeded or not.
    ///
    /// # Errors
    /// [`DecodeError::DepthExceeded`] from `enter`, or whatever `f` returns.
    #[inline]
    pub fn nested<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<T, DecodeError> {
        self.enter()?;
        let result = f(self);
        self.leave();
        result
    }

    /// Checks that all input has been read.
    ///
    /// # Errors
    /// [`DecodeError::TrailingBytes`] naming the position and the unread byte count.
    #[inline]
    pub const fn finish(&self) -> Result<(), DecodeError> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(DecodeError::TrailingBytes {
                offset: self.position(),
                remaining: self.rest.len(),
            })
        }
    }
}

/// `data` as `&str` if it is valid UTF-8, else the length of its longest valid prefix.
///
/// Text is most of what a decoder reads, and validating it with SIMD (simdutf8, AVX2
/// or SSE 4.2 chosen at run time, the standard library for inputs below 64 bytes)
/// takes a fraction of the time of `std::str::from_utf8` on non-ASCII text. An
/// input it rejects is validated again by the standard library, which gives the
/// offset (only on the error path) and decides: both implement the same definition
/// of UTF-8 (`tests/utf8.rs` compares them on random and adversarial input).
#[inline]
fn from_utf8(data: &[u8]) -> Result<&str, usize> {
    match simdutf8::basic::from_utf8(data) {
        Ok(text) => Ok(text),
        Err(_) => rejected(data),
    }
}

/// The error path of [`from_utf8`], kept out of line.
#[cold]
#[inline(never)]
fn rejected(data: &[u8]) -> Result<&str, usize> {
    std::str::from_utf8(data).map_err(|e| e.valid_up_to())
}
