//! [`DecodeError`]: why a byte string is not a valid TL value, and where.

use std::fmt;

/// Why decoding failed, with the byte offset at which the problem was found.
///
/// Offsets count from the start of the slice the [`Reader`](crate::Reader) was created
/// over (for [`RawObject::decode`](crate::RawObject::decode), from the start of the
/// object). The error is small and `Copy`, so returning it through deeply nested generated
/// code costs little stack.
///
/// The enum is `#[non_exhaustive]`: match on the kinds you care about and keep a fallback
/// arm. Every kind renders a human sentence through [`Display`](fmt::Display), e.g.
/// `unexpected end of input at byte 12: needed 4 more bytes, 2 remain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecodeError {
    /// The input ended in the middle of a value.
    UnexpectedEof {
        /// Where the read that ran out started.
        offset: usize,
        /// How many bytes that read needed.
        needed: usize,
        /// How many bytes were left (always less than `needed`).
        remaining: usize,
    },
    /// A constructor id that the expected type does not have (including a wrong `Bool` or
    /// `Vector` id).
    UnknownConstructor {
        /// Where the constructor id starts.
        offset: usize,
        /// The id that was read.
        id: u32,
        /// The TL type that was expected there, e.g. `"Bool"`.
        expected_type: &'static str,
    },
    /// A `bytes`/`string` length prefix declares more data than the input has left.
    LengthTooLarge {
        /// Where the length prefix starts.
        offset: usize,
        /// The declared data length, in bytes (without prefix and padding).
        declared: usize,
        /// How many bytes were left after the prefix.
        remaining: usize,
    },
    /// A vector count that the remaining input cannot possibly hold, given a lower bound on
    /// the encoded size of one item. Reported before anything is allocated.
    CountTooLarge {
        /// Where the count starts.
        offset: usize,
        /// The declared item count.
        count: u32,
        /// The smallest number of bytes one item can occupy.
        min_item_size: usize,
        /// How many bytes were left after the count.
        remaining: usize,
    },
    /// A padding byte after `bytes`/`string` data is not zero.
    NonZeroPadding {
        /// Where the offending padding byte is.
        offset: usize,
    },
    /// A `string` is not valid UTF-8.
    InvalidUtf8 {
        /// Where the first byte that is not part of a valid UTF-8 sequence is.
        offset: usize,
    },
    /// A complete value was decoded but input is left over
    /// (from [`Deserialize::from_bytes`](crate::Deserialize::from_bytes) and
    /// [`Reader::finish`](crate::Reader::finish)).
    TrailingBytes {
        /// Where the unread input starts.
        offset: usize,
        /// How many bytes are unread.
        remaining: usize,
    },
    /// Values are nested deeper than [`Limits::max_depth`](crate::Limits::max_depth).
    DepthExceeded {
        /// Where the value that would have exceeded the limit starts (after its id).
        offset: usize,
        /// The limit that was in force.
        limit: usize,
    },
    /// Any other malformation, described by a fixed message (used for non-canonical
    /// length prefixes and available to generated or hand-written code).
    Invalid {
        /// Where the problem is.
        offset: usize,
        /// What is wrong, as a sentence fragment without a trailing period.
        reason: &'static str,
    },
}

impl DecodeError {
    /// An [`UnknownConstructor`](Self::UnknownConstructor) error: `id`, read at `offset`,
    /// is not a constructor of the TL type `expected_type`.
    ///
    /// Generated enums call this from the fallback arm of their constructor-id `match`.
    #[inline]
    #[must_use]
    pub const fn unknown_constructor(offset: usize, id: u32, expected_type: &'static str) -> Self {
        Self::UnknownConstructor {
            offset,
            id,
            expected_type,
        }
    }

    /// An [`Invalid`](Self::Invalid) error with a fixed reason.
    #[inline]
    #[must_use]
    pub const fn invalid(offset: usize, reason: &'static str) -> Self {
        Self::Invalid { offset, reason }
    }

    /// The byte offset the error refers to.
    #[must_use]
    pub const fn offset(&self) -> usize {
        match *self {
            Self::UnexpectedEof { offset, .. }
            | Self::UnknownConstructor { offset, .. }
            | Self::LengthTooLarge { offset, .. }
            | Self::CountTooLarge { offset, .. }
            | Self::NonZeroPadding { offset }
            | Self::InvalidUtf8 { offset }
            | Self::TrailingBytes { offset, .. }
            | Self::DepthExceeded { offset, .. }
            | Self::Invalid { offset, .. } => offset,
        }
    }
}

/// `"1 byte"` / `"4 bytes"`.
struct Bytes(usize);

/// `"remains"` after 1, `"remain"` otherwise.
const fn remain(n: usize) -> &'static str {
    if n == 1 { "remains" } else { "remain" }
}

impl fmt::Display for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == 1 {
            f.write_str("1 byte")
        } else {
            write!(f, "{} bytes", self.0)
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::UnexpectedEof {
                offset,
                needed,
                remaining,
            } => write!(
                f,
                "unexpected end of input at byte {offset}: needed {needed} more {}, \
                 {remaining} {}",
                if needed == 1 { "byte" } else { "bytes" },
                remain(remaining)
            ),
            Self::UnknownConstructor {
                offset,
                id,
                expected_type,
            } => write!(
                f,
                "unknown constructor id {id:#010x} at byte {offset} for type {expected_type}"
            ),
            Self::LengthTooLarge {
                offset,
                declared,
                remaining,
            } => write!(
                f,
                "length prefix at byte {offset} declares {} but only {} {}",
                Bytes(declared),
                Bytes(remaining),
                remain(remaining)
            ),
            Self::CountTooLarge {
                offset,
                count,
                min_item_size,
                remaining,
            } => write!(
                f,
                "vector count {count} at byte {offset} needs at least {} per item \
                 but only {} {}",
                Bytes(min_item_size),
                Bytes(remaining),
                remain(remaining)
            ),
            Self::NonZeroPadding { offset } => {
                write!(f, "non-zero padding byte at byte {offset}")
            }
            Self::InvalidUtf8 { offset } => {
                write!(f, "invalid UTF-8 in string at byte {offset}")
            }
            Self::TrailingBytes { offset, remaining } => write!(
                f,
                "{} of trailing input after the value, starting at byte {offset}",
                Bytes(remaining)
            ),
            Self::DepthExceeded { offset, limit } => write!(
                f,
                "value at byte {offset} is nested deeper than the limit of {limit} levels"
            ),
            Self::Invalid { offset, reason } => write!(f, "{reason} at byte {offset}"),
        }
    }
}

impl std::error::Error for DecodeError {}
