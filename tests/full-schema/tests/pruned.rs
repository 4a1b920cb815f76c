//! The api-layer230 module pruned to a client's root set (`Options::keep`) reads
//! and writes exactly what the full module does, for every definition it keeps:
//!
//! - the bytes `synth` writes from the schema for each kept definition (every
//!   optional field present, and none) round-trip through the pruned types and
//!   through the full ones, unchanged;
//! - random values of every kept constructor and function (the pruned module's
//!   `arbitrary`), encoded by the pruned module, decode with the full module and
//!   re-encode to the same bytes, and decode with the pruned module to the same
//!   value.
//!
//! The modules pruned to single roots (`api_join_group_call`, `api_get_config`)
//! only need to compile, which building this crate proves.

#![cfg(not(tlgen_schemas_missing))]

use tl_runtime::arbitrary::{Arbitrary, Rng, Visitor};
use tl_runtime::{Deserialize, Serialize};
use tlgen_full_schema_tests::synth::{Flags, Synth};
use tlgen_full_schema_tests::{api_pruned, dispatch, load_schema, schemas_present};

#[test]
fn synthesized_bytes_read_the_same_in_the_pruned_and_the_full_module() {
    if !schemas_present() {
        return;
    }
    let schema = &load_schema("api-layer230.tl");
    let mut synth = Synth::new(schema);
    let (mut constructors, mut functions, mut values) = (0, 0, 0);
    let mut failures = Vec::new();
    for c in schema.combinators() {
        let name = c.name.full();
        let bytes = synth.boxed(c, Flags::All);
        if dispatch::api_pruned(&name, &bytes).is_none() {
            continue;
        }
        match c.kind {
            tl_parser::Kind::Constructor => constructors += 1,
            tl_parser::Kind::Function => functions += 1,
        }
        for flags in [Flags::All, Flags::None] {
            let bytes = synth.boxed(c, flags);
            values += 1;
            let pruned = dispatch::api_pruned(&name, &bytes);
            let full = dispatch::api(&name, &bytes);
            if pruned != Some(Ok(bytes.clone())) || full != Some(Ok(bytes.clone())) {
                failures.push(format!(
                    "{name} ({flags:?}): pruned {pruned:?}, full {full:?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!(
        "pruned api-layer230: {constructors} constructors and {functions} functions, \
         {values} values read identically"
    );
    assert_eq!(functions, tlgen_test_support::CLIENT_ROOTS.len());
    assert!(constructors > 100 && constructors < 1703, "{constructors}");
}

/// Encodes random values with the pruned module and reads them with both.
struct PrunedAgainstFull {
    seeds: u64,
    values: usize,
    failures: Vec<String>,
}

impl Visitor for PrunedAgainstFull {
    fn visit<T>(&mut self, tl_name: &'static str)
    where
        T: Arbitrary + Serialize + Deserialize + PartialEq + std::fmt::Debug,
    {
        for seed in 0..self.seeds {
            let mut rng = Rng::new(seed);
            let value = T::arbitrary(&mut rng, 3);
            let bytes = value.to_bytes();
            self.values += 1;
            if T::from_bytes(&bytes).as_ref() != Ok(&value) {
                self.failures.push(format!(
                    "{tl_name} seed {seed}: the pruned module reads another value"
                ));
            }
            match dispatch::api(tl_name, &bytes) {
                Some(Ok(again)) if again == bytes => {}
                other => self.failures.push(format!(
                    "{tl_name} seed {seed}: the full module gives {other:?} for {bytes:02x?}"
                )),
            }
        }
    }
}

#[test]
fn random_values_of_the_pruned_module_read_the_same_in_the_full_one() {
    if !schemas_present() {
        return;
    }
    let mut visitor = PrunedAgainstFull {
        seeds: 20,
        values: 0,
        failures: Vec::new(),
    };
    api_pruned::arbitrary::visit_all(&mut visitor);
    assert!(
        visitor.failures.is_empty(),
        "{} failures:\n{}",
        visitor.failures.len(),
        visitor.failures.join("\n")
    );
    eprintln!("{} random values read identically", visitor.values);
    assert!(visitor.values > 2000);
}

#[test]
fn pruned_modules_say_so_and_know_only_their_ids() {
    if !schemas_present() {
        return;
    }
    use tlgen_full_schema_tests::{api, api_get_config, api_join_group_call};
    // `help.getConfig` is kept; `phone.joinGroupCall` is not in that module.
    assert_eq!(
        api_get_config::name_for_id(0xc4f9_186b),
        Some("help.getConfig")
    );
    assert_eq!(api_get_config::name_for_id(0x8fb5_3057), None);
    assert_eq!(api::name_for_id(0x8fb5_3057), Some("phone.joinGroupCall"));
    assert_eq!(
        api_join_group_call::name_for_id(0x8fb5_3057),
        Some("phone.joinGroupCall")
    );
    assert_eq!(api_pruned::LAYER, 230);
}
