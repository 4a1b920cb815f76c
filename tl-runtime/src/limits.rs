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
    /// How many constructor bodies and vectors may be nested inside one another. A
    /// top-level struct is depth 1; a struct field of it is depth 2, a vector field
    /// too, and a struct in that vector depth 3; and so on. Decoding a value nested one
    /// level deeper fails with [`DecodeError::DepthExceeded`](crate::DecodeError::DepthExceeded).
    /// The JSON readers (the `serde` feature) count objects and arrays the same way
    /// under the same limit, and never read deeper than `json::MAX_DEPTH` (127).
    ///
    /// Default: [`Limits::DEFAULT_MAX_DEPTH`] (64).
    pub max_depth: usize,
}

impl Limits {
    /// The default [`max_depth`](Self::max_depth): 64.
    ///
    /// Real Telegram data nests far less deeply (an update carrying an Instant View page
    /// with formatted text is around 15 constructor levels, plus the vectors between
    /// them), and 64 levels stay well inside a 2 MiB
    /// thread stack (the default for spawned threads): generated code spends a few Rust
    /// frames per level, typically well under 16 KiB together even in an unoptimised
    /// build, and 64 levels of 16 KiB are 1 MiB. The crate's tests decode 64 levels, each
    /// holding a 16 KiB local (about 17 KiB per level measured), on a 2 MiB thread.
    ///
    /// Raise the limit only together with the stack size of the decoding thread.
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
