//! Generated property tests: for every constructor and function of `seed.tl`,
//! `edge.tl`, `api-layer230.tl` and `mtproto.tl`, many seeded random values
//! (from the generated `arbitrary` module) are encoded, decoded and encoded again.
//! The decoded value must equal the original, the two encodings must be
//! identical, and `serialized_len()` must be the encoded length (for generated
//! types the runtime's default computes it by encoding, so this guards the
//! builtins' own lengths, e.g. `bool`). A failure names
//! the definition and the seed, so it reproduces.

use std::fmt::Debug;
use tl_runtime::{Deserialize, Serialize};
use tlgen_hostile_tests::{api, edge, mtproto, seed};

/// Values per definition; depths cycle through 0..=`MAX_DEPTH`.
const VALUES: u64 = 24;
/// The largest depth passed to `Arbitrary::arbitrary`.
const MAX_DEPTH: u64 = 4;

/// Round-trips `VALUES` values of each visited type; counts definitions, values
/// and bytes.
macro_rules! round_trip_visitor {
    ($name:ident, $module:ident) => {
        #[derive(Default)]
        struct $name {
            definitions: usize,
            values: u64,
            bytes: usize,
        }

        impl $module::arbitrary::Visitor for $name {
            fn visit<T>(&mut self, tl_name: &'static str)
            where
                T: $module::arbitrary::Arbitrary + Serialize + Deserialize + PartialEq + Debug,
            {
                self.definitions += 1;
                for i in 0..VALUES {
                    let seed = u64::from(crc(tl_name)) << 32 | i;
                    let mut rng = $module::arbitrary::Rng::new(seed);
                    let depth = (i % (MAX_DEPTH + 1)) as u32;
                    let value = T::arbitrary(&mut rng, depth);
                    check(tl_name, seed, &value);
                    self.values += 1;
                    self.bytes += value.serialized_len();
                }
            }
        }
    };
}

/// The checks for one value.
fn check<T: Serialize + Deserialize + PartialEq + Debug>(tl_name: &str, seed: u64, value: &T) {
    let bytes = value.to_bytes();
    assert_eq!(
        value.serialized_len(),
        bytes.len(),
        "{tl_name}, seed {seed:#x}: serialized_len"
    );
    let decoded = match T::from_bytes(&bytes) {
        Ok(decoded) => decoded,
        Err(e) => panic!("{tl_name}, seed {seed:#x}: {e}\nvalue: {value:?}\nbytes: {bytes:02x?}"),
    };
    assert_eq!(&decoded, value, "{tl_name}, seed {seed:#x}: decoded value");
    assert_eq!(
        decoded.to_bytes(),
        bytes,
        "{tl_name}, seed {seed:#x}: second encoding"
    );
}

/// A small stable hash of the TL name, so each definition gets its own seeds.
fn crc(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// Whether the full schemas are missing (see [`tlgen_hostile_tests::schemas_missing`]).
fn skip() -> bool {
    tlgen_hostile_tests::schemas_missing()
}

round_trip_visitor!(SeedVisitor, seed);
round_trip_visitor!(EdgeVisitor, edge);
round_trip_visitor!(ApiVisitor, api);
round_trip_visitor!(MtprotoVisitor, mtproto);

#[test]
fn every_seed_definition_round_trips() {
    let mut v = SeedVisitor::default();
    seed::arbitrary::visit_all(&mut v);
    // 21 constructors, less boolTrue and boolFalse (they are `bool`), and 1 function.
    assert_eq!(v.definitions, 20);
    assert_eq!(v.values, 20 * VALUES);
    eprintln!(
        "seed.tl: {} definitions, {} values, {} bytes",
        v.definitions, v.values, v.bytes
    );
}

#[test]
fn every_edge_definition_round_trips() {
    let mut v = EdgeVisitor::default();
    edge::arbitrary::visit_all(&mut v);
    // 42 constructors and 7 functions written in edge.tl, less boolTrue and
    // boolFalse (they are `bool`) and `vector` (built in).
    assert_eq!(v.definitions, 46);
    eprintln!(
        "edge.tl: {} definitions, {} values, {} bytes",
        v.definitions, v.values, v.bytes
    );
}

#[test]
fn every_api_definition_round_trips() {
    if skip() {
        return;
    }
    let mut v = ApiVisitor::default();
    api::arbitrary::visit_all(&mut v);
    // 1,703 constructors less the two of `Bool`, and 850 functions.
    assert_eq!(v.definitions, 1701 + 850);
    eprintln!(
        "api-layer230.tl: {} definitions, {} values, {} bytes",
        v.definitions, v.values, v.bytes
    );
}

#[test]
fn every_mtproto_definition_round_trips() {
    if skip() {
        return;
    }
    let mut v = MtprotoVisitor::default();
    mtproto::arbitrary::visit_all(&mut v);
    assert_eq!(v.definitions, 64);
    eprintln!(
        "mtproto.tl: {} definitions, {} values, {} bytes",
        v.definitions, v.values, v.bytes
    );
}
