//! Random values of TL types, for property tests (feature `arbitrary`).
//!
//! [`Rng`] is a small seeded generator, so that a failing value can be reproduced from
//! its seed; [`Arbitrary`] builds a random value of a type from it. This module
//! implements [`Arbitrary`] for the Rust types TL builtins map to (`i32`, `i64`, `f64`,
//! `bool`, `String`, `[u8; 16]`, `[u8; 32]`, `Vec<u8>` for `bytes`, `u32` for flags
//! words), for the containers generated code uses (`Vec<T>`, `Option<T>`, `Box<T>`) and
//! for [`RawObject`]. Code generated with tl-codegen's `Options::arbitrary` adds one
//! `impl Arbitrary` per generated struct and enum, and a `visit_all` function that
//! calls a [`Visitor`] with the type of every constructor and function, so that a test
//! can round-trip every definition of a schema.
//!
//! # Depth
//!
//! `depth` bounds how deep a value nests, so that recursive types terminate. Each
//! constructor or function struct passes `depth - 1` to its fields; at depth 0 options
//! are `None`, vectors (and `bytes`) are empty, and a generated enum falls back to its
//! *shallowest* constructor, the one whose required fields bottom out soonest.
//!
//! # Values round-trip
//!
//! Every value encodes and decodes back to an equal value: strings are valid UTF-8
//! (a mix of ASCII, Latin, Cyrillic, CJK, emoji and control characters, sometimes over
//! 254 bytes so that the long length form is exercised), doubles are never NaN (NaN is
//! not equal to itself), and [`RawObject`]s are well-formed boxed values (a
//! `Vector<int>`).
//!
//! # Reproducibility
//!
//! The values drawn for a seed are part of this module's behaviour: the same seed
//! gives the same values, and each implementation draws from the generator in a fixed
//! order. Changing a constant or an order changes the values every existing seed
//! produces.

use crate::{Deserialize, RawObject, Serialize};
use std::fmt::Debug;

/// A small, fast, seeded pseudo-random generator (xorshift64*).
///
/// Not for cryptography: only to make test values reproducible from a seed.
#[derive(Debug, Clone)]
pub struct Rng {
    /// The xorshift state, never 0.
    state: u64,
}

impl Rng {
    /// A generator seeded with `seed` (every seed is valid, 0 included).
    ///
    /// The state is `seed * 0x9e3779b97f4a7c15 ^ 0xd1b54a32d192ed03` (wrapping), or 1
    /// if that is 0.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0xd1b5_4a32_d192_ed03;
        if state == 0 {
            state = 1;
        }
        Self { state }
    }

    /// The next 64 random bits: one xorshift64* step (shifts 12, 25, 27, multiplier
    /// `0x2545f4914f6cdd1d`).
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.state = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n` (`next_u64() % n`), or 0 without drawing when `n` is 0.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// A coin flip: the top bit of [`next_u64`](Self::next_u64).
    pub fn coin(&mut self) -> bool {
        self.next_u64() >> 63 == 1
    }

    /// The length of a vector at `depth`: up to 3 and never more than `depth`, so 0 at
    /// depth 0 (a draw is made even then).
    pub fn vec_len(&mut self, depth: u32) -> usize {
        let most = u64::from(depth.min(3));
        small(self.below(most + 1))
    }
}

/// `n` as a `usize`, for numbers already known to be small (lengths and indexes drawn
/// below a `usize` bound).
fn small(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// `len` as a `u64` bound for [`Rng::below`].
fn bound(len: usize) -> u64 {
    u64::try_from(len).unwrap_or(u64::MAX)
}

/// The low 8 bits of a draw.
fn byte(rng: &mut Rng) -> u8 {
    let [low, ..] = rng.next_u64().to_le_bytes();
    low
}

/// A type with random values.
pub trait Arbitrary: Sized {
    /// A random value whose nesting is bounded by `depth` (see the
    /// [module docs](crate::arbitrary)).
    fn arbitrary(rng: &mut Rng, depth: u32) -> Self;

    /// A random vector of values, each generated at the same `depth`: up to three
    /// (never more than `depth`), none at depth 0 ([`Rng::vec_len`]).
    ///
    /// `u8` overrides it for TL `bytes`.
    fn arbitrary_vec(rng: &mut Rng, depth: u32) -> Vec<Self> {
        (0..rng.vec_len(depth))
            .map(|_| Self::arbitrary(rng, depth))
            .collect()
    }
}

/// Which values an integer takes: one of `edges` half of the time (a coin flip, then
/// an index), else a full draw.
fn edgy(rng: &mut Rng, edges: &[u64]) -> u64 {
    if rng.coin() {
        let i = small(rng.below(bound(edges.len())));
        edges.get(i).copied().unwrap_or(0)
    } else {
        rng.next_u64()
    }
}

impl Arbitrary for u8 {
    /// The low 8 bits of a draw.
    fn arbitrary(rng: &mut Rng, _: u32) -> Self {
        byte(rng)
    }

    /// TL `bytes`: up to 8 bytes, or 250 to 299 (so that lengths of 254 and more take
    /// the long form) one time in six; empty at depth 0.
    fn arbitrary_vec(rng: &mut Rng, depth: u32) -> Vec<Self> {
        // The choice is drawn even at depth 0.
        let choice = rng.below(6);
        let len = match (depth, choice) {
            (0, _) => 0,
            (_, 0) => 250 + rng.below(50),
            _ => rng.below(9),
        };
        (0..len).map(|_| byte(rng)).collect()
    }
}

impl Arbitrary for u32 {
    /// A flags word: 0, 1, `0xffffffff` or `0x80000000` half of the time.
    fn arbitrary(rng: &mut Rng, _: u32) -> Self {
        low_u32(edgy(rng, &[0, 1, 0xffff_ffff, 0x8000_0000]))
    }
}

impl Arbitrary for i32 {
    /// 0, 1, -1, `i32::MIN` or `i32::MAX` half of the time.
    fn arbitrary(rng: &mut Rng, _: u32) -> Self {
        let bits = low_u32(edgy(rng, &[0, 1, 0xffff_ffff, 0x8000_0000, 0x7fff_ffff]));
        Self::from_ne_bytes(bits.to_ne_bytes())
    }
}

/// The low 32 bits of `n`.
fn low_u32(n: u64) -> u32 {
    u32::try_from(n & 0xffff_ffff).unwrap_or(0)
}

impl Arbitrary for i64 {
    /// 0, 1, -1, `i64::MIN` or `i64::MAX` half of the time.
    fn arbitrary(rng: &mut Rng, _: u32) -> Self {
        let bits = edgy(rng, &[0, 1, u64::MAX, 1 << 63, (1 << 63) - 1]);
        Self::from_ne_bytes(bits.to_ne_bytes())
    }
}

impl Arbitrary for f64 {
    /// Any bit pattern (infinities, subnormals and -0.0 included), with NaN replaced
    /// by -0.0.
    fn arbitrary(rng: &mut Rng, _: u32) -> Self {
        let value = Self::from_bits(rng.next_u64());
        if value.is_nan() { -0.0 } else { value }
    }
}

impl Arbitrary for bool {
    /// A coin flip.
    fn arbitrary(rng: &mut Rng, _: u32) -> Self {
        rng.coin()
    }
}

impl<const N: usize> Arbitrary for [u8; N] {
    /// `int128` / `int256`: one draw per byte, first to last.
    fn arbitrary(rng: &mut Rng, _: u32) -> Self {
        std::array::from_fn(|_| byte(rng))
    }
}

/// The pieces strings are made of: 1- to 4-byte UTF-8 sequences.
const PIECES: &[&str] = &[
    "a", "Z", "0", " ", "\n", "é", "ж", "中", "😀", "\u{0}", "\u{ffff}",
];

impl Arbitrary for String {
    /// Empty one time in eight, 100 to 159 pieces (often over 254 bytes) one time in
    /// eight, else up to 11 pieces; each piece drawn from a fixed list of ASCII,
    /// Latin, Cyrillic, CJK, emoji and control characters.
    fn arbitrary(rng: &mut Rng, _: u32) -> Self {
        let len = match rng.below(8) {
            0 => 0,
            1 => 100 + rng.below(60),
            _ => rng.below(12),
        };
        (0..len)
            .map(|_| {
                let i = small(rng.below(bound(PIECES.len())));
                PIECES.get(i).copied().unwrap_or("a")
            })
            .collect()
    }
}

impl<T: Arbitrary> Arbitrary for Vec<T> {
    /// [`T::arbitrary_vec`](Arbitrary::arbitrary_vec).
    fn arbitrary(rng: &mut Rng, depth: u32) -> Self {
        T::arbitrary_vec(rng, depth)
    }
}

impl<T: Arbitrary> Arbitrary for Option<T> {
    /// `None` at depth 0 (without drawing), else `None` or a value at the same depth on
    /// a coin flip.
    fn arbitrary(rng: &mut Rng, depth: u32) -> Self {
        if depth == 0 || rng.coin() {
            None
        } else {
            Some(T::arbitrary(rng, depth))
        }
    }
}

impl<T: Arbitrary> Arbitrary for Box<T> {
    /// A boxed `T` at the same depth.
    fn arbitrary(rng: &mut Rng, depth: u32) -> Self {
        Self::new(T::arbitrary(rng, depth))
    }
}

impl Arbitrary for RawObject {
    /// A boxed `Vector<int>` of up to three items (generated at depth `max(depth, 1)`,
    /// so possibly non-empty even at depth 0).
    fn arbitrary(rng: &mut Rng, depth: u32) -> Self {
        let items: Vec<i32> = Arbitrary::arbitrary(rng, depth.max(1));
        Self::from_value(&items)
    }
}

/// Receives the Rust type of each constructor and function from a generated
/// `visit_all` function.
pub trait Visitor {
    /// Called with one definition's type and TL name (with namespace).
    fn visit<T>(&mut self, tl_name: &'static str)
    where
        T: Arbitrary + Serialize + Deserialize + PartialEq + Debug;
}
