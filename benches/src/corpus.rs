//! The broad corpus of issue 15: values of every constructor of api-layer230.tl
//! (every boxed type that is an enum on both sides), encoded once and decoded and
//! encoded by tlgen and grammers-tl-types alike.
//!
//! The values are written by the full-schema tests' seeded random synthesizer
//! ([`Synth::seeded`], `Flags::Random`): random flag subsets, nested vectors,
//! integers and doubles, `bytes`, and strings drawn from the same length
//! distribution and alphabets (ASCII, Latin-1, Cyrillic, Greek, CJK, emoji,
//! combining marks, right-to-left text) as the Telethon differential generator
//! (`tools/differential/telethon_corpus.py`), including lengths around the
//! 254-byte prefix boundary and a few of 64 KiB and more. The same seed gives the
//! same bytes, so the corpus needs neither Python nor a file in git.
//! [`Corpus::from_name_hex`] reads a corpus Telethon wrote instead
//! (`tools/differential/run.sh --keep DIR` leaves `DIR/telethon.corpus`).
//!
//! [`Corpus::new`] checks every value the way `Payload::new` checks the payloads:
//! both sides decode it and encode it back to the identical bytes.

use grammers_tl_types as g;
use std::collections::BTreeMap;
use std::hint::black_box;
use tl_parser::Schema;
use tl_runtime::{Deserialize, Serialize};
use tlgen_full_schema_tests::synth::{Flags, Synth};

include!(concat!(env!("OUT_DIR"), "/corpus_types.rs"));

/// The values of one TL type on both sides.
pub trait Group {
    /// The TL type's name.
    fn type_name(&self) -> &'static str;
    /// Number of values.
    fn len(&self) -> usize;
    /// Whether the group holds no value.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Total encoded size of the values.
    fn bytes(&self) -> usize;
    /// The encoded values (boxed, with their constructor ids).
    fn encoded(&self) -> &[Vec<u8>];
    /// Decodes every value with tlgen; returns how many decoded.
    fn decode_tlgen(&self) -> usize;
    /// Decodes every value with grammers-tl-types; returns how many decoded.
    fn decode_grammers(&self) -> usize;
    /// Encodes every value with tlgen; returns the bytes written.
    fn encode_tlgen(&self) -> usize;
    /// Encodes every value with grammers-tl-types; returns the bytes written.
    fn encode_grammers(&self) -> usize;
    /// Encodes every value with tlgen into the output `how` says (see
    /// [`Output`]); returns the bytes written.
    fn encode_tlgen_into(&self, how: Output, buf: &mut Vec<u8>) -> usize;
}

/// Where [`Group::encode_tlgen_into`] puts each value's encoding: the variants
/// take what a pass costs apart (`examples/encode_outputs.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// A new vector from `to_bytes`, as a message is sent (what the `corpus`
    /// bench measures).
    ToBytes,
    /// A new vector with exactly the capacity the value needs (known from the
    /// corpus, so this is the best an exact length pass could do, less its cost).
    ExactCapacity,
    /// One vector, cleared and reused for every value: no allocation at all.
    ReusedBuffer,
    /// No encoding: a copy of the value's encoded bytes into a new vector of
    /// exactly that size (the allocation and copy any encoder must make).
    CopyOnly,
}

/// A [`Group`] of TL type `name`: grammers enum `G`, tlgen enum `T`.
struct Typed<G, T> {
    name: &'static str,
    encoded: Vec<Vec<u8>>,
    grammers: Vec<G>,
    tlgen: Vec<T>,
}

impl<G, T> Typed<G, T>
where
    G: g::Serializable + g::Deserializable + 'static,
    T: Serialize + Deserialize + 'static,
{
    /// Decodes `values` on both sides and checks that each side encodes them back
    /// to the identical bytes.
    ///
    /// # Panics
    /// If either side cannot decode a value or encodes it differently.
    fn boxed(name: &'static str, encoded: Vec<Vec<u8>>) -> Box<dyn Group> {
        let mut grammers = Vec::with_capacity(encoded.len());
        let mut tlgen = Vec::with_capacity(encoded.len());
        for (i, bytes) in encoded.iter().enumerate() {
            let t = match T::from_bytes(bytes) {
                Ok(v) => v,
                Err(e) => panic!("{name} value {i}: tlgen cannot decode it: {e}"),
            };
            assert_eq!(&t.to_bytes(), bytes, "{name} value {i}: tlgen re-encoding");
            let gv = match G::from_bytes(bytes) {
                Ok(v) => v,
                Err(e) => panic!("{name} value {i}: grammers cannot decode it: {e:?}"),
            };
            assert_eq!(
                &gv.to_bytes(),
                bytes,
                "{name} value {i}: grammers re-encoding"
            );
            grammers.push(gv);
            tlgen.push(t);
        }
        Box::new(Self {
            name,
            encoded,
            grammers,
            tlgen,
        })
    }
}

impl<G, T> Group for Typed<G, T>
where
    G: g::Serializable + g::Deserializable,
    T: Serialize + Deserialize,
{
    fn type_name(&self) -> &'static str {
        self.name
    }
    fn len(&self) -> usize {
        self.encoded.len()
    }
    fn bytes(&self) -> usize {
        self.encoded.iter().map(Vec::len).sum()
    }
    fn encoded(&self) -> &[Vec<u8>] {
        &self.encoded
    }
    fn decode_tlgen(&self) -> usize {
        self.encoded
            .iter()
            .filter(|b| black_box(T::from_bytes(black_box(b))).is_ok())
            .count()
    }
    fn decode_grammers(&self) -> usize {
        self.encoded
            .iter()
            .filter(|b| black_box(G::from_bytes(black_box(b))).is_ok())
            .count()
    }
    fn encode_tlgen(&self) -> usize {
        self.tlgen
            .iter()
            .map(|v| black_box(black_box(v).to_bytes()).len())
            .sum()
    }
    fn encode_grammers(&self) -> usize {
        self.grammers
            .iter()
            .map(|v| black_box(black_box(v).to_bytes()).len())
            .sum()
    }
    fn encode_tlgen_into(&self, how: Output, buf: &mut Vec<u8>) -> usize {
        let mut total = 0;
        for (value, encoded) in self.tlgen.iter().zip(&self.encoded) {
            let value = black_box(value);
            total += match how {
                Output::ToBytes => black_box(value.to_bytes()).len(),
                Output::ExactCapacity => {
                    let mut out = Vec::with_capacity(encoded.len());
                    value.serialize(&mut out);
                    black_box(out).len()
                }
                Output::ReusedBuffer => {
                    buf.clear();
                    value.serialize(buf);
                    black_box(&*buf).len()
                }
                Output::CopyOnly => black_box(encoded.clone()).len(),
            };
        }
        total
    }
}

/// Values of every type, grouped by type.
pub struct Corpus {
    /// One group per TL type, in TL name order.
    pub groups: Vec<Box<dyn Group>>,
    /// Values left out: constructors of `Bool` (`bool` on both sides, no enum)
    /// and, for a read corpus, definitions that are not constructors.
    pub skipped: usize,
}

impl Corpus {
    /// The synthesized corpus: `per_constructor` random values of every
    /// constructor of `schema` (api-layer230.tl), from `seed`.
    ///
    /// # Panics
    /// If a value does not decode and re-encode identically on both sides.
    pub fn new(schema: &Schema, seed: u64, per_constructor: usize) -> Self {
        let mut synth = Synth::seeded(schema, seed);
        let values = schema.constructors.iter().flat_map(|c| {
            (0..per_constructor)
                .map(|_| (c.name.full(), synth.boxed(c, Flags::Random)))
                .collect::<Vec<_>>()
        });
        Self::from_values(schema, values.collect())
    }

    /// A corpus read from `name hex` lines (what the Telethon differential
    /// generator writes); lines naming functions are skipped.
    ///
    /// # Errors
    /// A line that is not a TL name and hex bytes.
    ///
    /// # Panics
    /// As [`Corpus::new`].
    pub fn from_name_hex(schema: &Schema, text: &str) -> Result<Self, String> {
        let mut values = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let (name, hex) = line
                .split_once(' ')
                .ok_or_else(|| format!("line {}: not `name hex`", n + 1))?;
            let bytes =
                tlgen_test_support::unhex(hex).ok_or_else(|| format!("line {}: not hex", n + 1))?;
            values.push((name.to_owned(), bytes));
        }
        Ok(Self::from_values(schema, values))
    }

    fn from_values(schema: &Schema, values: Vec<(String, Vec<u8>)>) -> Self {
        let type_of: BTreeMap<String, String> = schema
            .constructors
            .iter()
            .filter_map(|c| Some((c.name.full(), c.result_name()?.full())))
            .collect();
        let mut by_type: BTreeMap<&str, Vec<Vec<u8>>> = BTreeMap::new();
        let mut skipped = 0;
        for (name, bytes) in values {
            match type_of.get(&name) {
                Some(ty) => by_type.entry(ty).or_default().push(bytes),
                None => skipped += 1,
            }
        }
        let mut groups = Vec::new();
        for (ty, values) in by_type {
            let n = values.len();
            match group(ty, values) {
                Some(group) => groups.push(group),
                None => skipped += n,
            }
        }
        Self { groups, skipped }
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        self.groups.iter().map(|g| g.len()).sum()
    }

    /// Whether the corpus holds no value.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Total encoded size.
    pub fn bytes(&self) -> usize {
        self.groups.iter().map(|g| g.bytes()).sum()
    }

    /// One pass of `op` over every group; returns the sum of what `op` returns.
    pub fn pass(&self, op: Op) -> usize {
        self.groups
            .iter()
            .map(|g| match op {
                Op::DecodeTlgen => g.decode_tlgen(),
                Op::DecodeGrammers => g.decode_grammers(),
                Op::EncodeTlgen => g.encode_tlgen(),
                Op::EncodeGrammers => g.encode_grammers(),
            })
            .sum()
    }
}

/// What one pass over the corpus does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// tlgen's `from_bytes` of every value.
    DecodeTlgen,
    /// grammers' `from_bytes` of every value.
    DecodeGrammers,
    /// tlgen's `to_bytes` of every value.
    EncodeTlgen,
    /// grammers' `to_bytes` of every value.
    EncodeGrammers,
}

/// The seed and size of the corpus every benchmark and profile uses.
pub const SEED: u64 = 1;
/// Values per constructor in the standard corpus.
pub const PER_CONSTRUCTOR: usize = 3;

/// The standard corpus ([`SEED`], [`PER_CONSTRUCTOR`]) of api-layer230.tl, or the
/// `name hex` corpus in the file named by `$TLGEN_BENCH_CORPUS` when it is set.
///
/// # Panics
/// If the schema or the file cannot be read, or a value does not check.
pub fn standard() -> Corpus {
    let schema = tlgen_full_schema_tests::load_schema(tlgen_test_support::API);
    match std::env::var_os("TLGEN_BENCH_CORPUS").filter(|v| !v.is_empty()) {
        Some(path) => {
            let path = std::path::PathBuf::from(path);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            Corpus::from_name_hex(&schema, &text)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        }
        None => Corpus::new(&schema, SEED, PER_CONSTRUCTOR),
    }
}
