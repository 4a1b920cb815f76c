//! [`Limits`]: the knobs that bound decoding work.

/// Bounds a [`Reader`](crate::Reader) enforces while decoding.
///
/// Memory is bounded by the input itself (see the crate docs), so the only knob is the
/// nesting depth, which bounds stack use. Change it with struct-update syntax:
///
/// ```
/// use tl_runtime::Limits;
///
/// let limits = Limits { max_depth: 16, ..Limits::default() };
/// assert_eq!(limits.max_depth, 16);
/// assert_eq!(Limits::default().max_depth, Limits::DEFAULT_MAX_DEPTH);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Limits {
    /// How many constructor bodies may be nested inside one another. A top-level struct
    /// is depth 1; a struct field of it is depth 2; and so on. Decoding a value nested one
    /// level deeper fails with [`DecodeError::DepthExceeded`](crate::DecodeError::DepthExceeded).
    ///
    /// Default: [`Limits::DEFAULT_MAX_DEPTH`] (64).
    pub max_depth: usize,
}

impl Limits {
    /// The default [`max_depth`](Self::max_depth): 64.
    ///
    /// Real Telegram data nests far less deeply (an update carrying an Instant View page
    /// with formatted text is around 15 levels), and 64 levels stay well inside a 2 MiB
    /// thread stack: generated code spends a few Rust frames per level, and even at 16 KiB
    /// of stack per level (far more than generated code uses, even unoptimised) 64
    /// levels need 1 MiB. The crate's tests decode at this depth on a 2 MiB thread.
    pub const DEFAULT_MAX_DEPTH: usize = 64;

    /// The default limits, usable in `const` contexts.
    pub const DEFAULT: Self = Self {
        max_depth: Self::DEFAULT_MAX_DEPTH,
    };
}

impl Default for Limits {
    #[inline]
    fn default() -> Self {
        Self::DEFAULT
    }
}
