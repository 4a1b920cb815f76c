//! tlgen's half of the differential test against Telethon
//! (`tools/differential/run.sh` drives both halves).
//!
//! - `telethon_corpus_round_trips`: reads `$TLGEN_DIFFERENTIAL_CORPUS`
//!   (`name hex` lines that Telethon serialized), decodes every value with the
//!   generated type of its TL name, re-encodes it and requires the identical
//!   bytes; then the same through the lossless JSON form (bytes -> value ->
//!   JSON -> value -> bytes).
//! - `write_tlgen_corpus`: writes `$TLGEN_DIFFERENTIAL_OUT`: for every
//!   definition of `$TLGEN_DIFFERENTIAL_ALLOW` (TL names, one a line: those
//!   Telethon has with the same id), `$TLGEN_DIFFERENTIAL_VALUES` (default 3)
//!   random values seeded by `$TLGEN_DIFFERENTIAL_SEED` (default 1), built from
//!   allowed constructors only, decoded by the generated types and encoded by
//!   them (`to_bytes`), for Telethon to decode and re-encode.
//!
//! Both are skipped, saying so, when their variables are unset. The random
//! mode itself is also checked without Telethon by
//! `random_values_round_trip`.

use std::fmt::Write as _;
use tl_parser::Schema;
use tlgen_full_schema_tests::synth::{Flags, Synth};
use tlgen_full_schema_tests::{dispatch, first_20, load_schema, schemas_present};

fn api_schema() -> Schema {
    load_schema("api-layer230.tl")
}

fn env_path(name: &str) -> Option<std::path::PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(std::path::PathBuf::from)
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).map_or(default, |v| {
        v.parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a number"))
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Where two byte strings first differ.
fn first_difference(a: &[u8], b: &[u8]) -> usize {
    a.iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()))
}

#[test]
fn telethon_corpus_round_trips() {
    let Some(path) = env_path("TLGEN_DIFFERENTIAL_CORPUS") else {
        eprintln!(
            "skipped: TLGEN_DIFFERENTIAL_CORPUS is not set (tools/differential/run.sh sets it)"
        );
        return;
    };
    if !schemas_present() {
        return;
    }
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut definitions = std::collections::BTreeSet::new();
    let mut values = 0usize;
    let mut failures = Vec::new();
    #[cfg(feature = "json")]
    let layouts =
        tl_codegen::json::Layouts::of(&api_schema()).expect("the JSON layout of api-layer230");
    #[cfg(feature = "json")]
    let dynamic = tl_codegen::dynamic::Dynamic::new(&layouts);
    #[cfg(feature = "json")]
    let mut dynamic_values = 0usize;
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let at = format!("{}:{}", path.display(), n + 1);
        let Some((name, data)) = line.trim().split_once(' ') else {
            failures.push(format!("{at}: not a `name hex` line"));
            continue;
        };
        let Some(bytes) = tlgen_test_support::unhex(data) else {
            failures.push(format!("{at} {name}: not hex"));
            continue;
        };
        values += 1;
        match dispatch::api(name, &bytes) {
            None => failures.push(format!("{at} {name}: no generated type")),
            Some(Err(e)) => failures.push(format!(
                "{at} {name}: tlgen cannot decode Telethon's bytes: {e}\n  telethon: {data}"
            )),
            Some(Ok(out)) if out != bytes => failures.push(format!(
                "{at} {name}: re-encoded bytes differ at offset {}\n  telethon: {data}\n  tlgen:    {}",
                first_difference(&bytes, &out),
                hex(&out)
            )),
            Some(Ok(_)) => {
                definitions.insert(name.to_owned());
            }
        }
        // And through the lossless JSON form: the same bytes again.
        #[cfg(feature = "json")]
        match dispatch::api_json(name, &bytes) {
            Some(Ok(out)) if out == bytes => {}
            Some(Ok(_)) => failures.push(format!("{at} {name}: bytes differ after JSON")),
            Some(Err(e)) => failures.push(format!("{at} {name}: through JSON: {e}")),
            None => failures.push(format!("{at} {name}: no generated type with JSON")),
        }
        // And `tlgen decode`/`encode`: the generated code's JSON, the same bytes.
        #[cfg(feature = "json")]
        match dispatch::api_to_json(name, &bytes) {
            Some(Ok(generated)) => {
                if let Err(e) = tlgen_full_schema_tests::dynamic_agrees(
                    &dynamic, &layouts, name, &bytes, &generated,
                ) {
                    failures.push(format!("{at} {name}: {e}"));
                } else {
                    dynamic_values += 1;
                }
            }
            Some(Err(e)) => failures.push(format!("{at} {name}: generated JSON: {e}")),
            None => failures.push(format!("{at} {name}: no generated type with JSON")),
        }
    }
    #[cfg(feature = "json")]
    eprintln!(
        "differential-rust: tlgen decode printed the generated code's JSON for {dynamic_values} Telethon values, and tlgen encode gave their bytes back"
    );
    eprintln!(
        "differential-rust: decoded and re-encoded (directly and through JSON) {values} Telethon values of {} definitions from {}: {} mismatches",
        definitions.len(),
        path.display(),
        failures.len()
    );
    assert!(values > 0, "{} holds no values", path.display());
    assert!(
        failures.is_empty(),
        "{} mismatches (first 20):\n{}",
        failures.len(),
        first_20(&failures)
    );
}

#[test]
fn write_tlgen_corpus() {
    let Some(out_path) = env_path("TLGEN_DIFFERENTIAL_OUT") else {
        eprintln!("skipped: TLGEN_DIFFERENTIAL_OUT is not set (tools/differential/run.sh sets it)");
        return;
    };
    if !schemas_present() {
        return;
    }
    let allow_path = env_path("TLGEN_DIFFERENTIAL_ALLOW")
        .expect("TLGEN_DIFFERENTIAL_ALLOW must name the allow-list of TL names");
    let allow = std::fs::read_to_string(&allow_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", allow_path.display()));
    let names: Vec<String> = allow
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    let seed = env_number("TLGEN_DIFFERENTIAL_SEED", 1);
    let per_def = env_number("TLGEN_DIFFERENTIAL_VALUES", 3);
    let schema = api_schema();
    let mut synth = Synth::seeded(&schema, seed).with_allowed(names.iter().cloned());
    let mut out = String::new();
    let mut definitions = 0usize;
    let mut values = 0usize;
    let mut unbuildable = Vec::new();
    let mut failures = Vec::new();
    for c in schema.combinators() {
        let name = c.name.full();
        if !names.contains(&name) {
            continue;
        }
        if !synth.can_build(c) {
            unbuildable.push(name);
            continue;
        }
        definitions += 1;
        for _ in 0..per_def {
            let bytes = synth.boxed(c, Flags::Random);
            match dispatch::api(&name, &bytes) {
                Some(Ok(encoded)) if encoded == bytes => {
                    let _ = writeln!(out, "{name} {}", hex(&encoded));
                    values += 1;
                }
                Some(Ok(encoded)) => failures.push(format!(
                    "{name}: re-encoded bytes differ at offset {}\n  synth: {}\n  tlgen: {}",
                    first_difference(&bytes, &encoded),
                    hex(&bytes),
                    hex(&encoded)
                )),
                Some(Err(e)) => failures.push(format!(
                    "{name}: cannot decode: {e}\n  synth: {}",
                    hex(&bytes)
                )),
                None => failures.push(format!("{name}: no generated type")),
            }
        }
    }
    std::fs::write(&out_path, out)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", out_path.display()));
    eprintln!(
        "differential-rust: wrote {values} tlgen-encoded values of {definitions} definitions to {} (seed {seed}, {per_def} per definition; {} allowed names not buildable from allowed ones: {:?})",
        out_path.display(),
        unbuildable.len(),
        unbuildable
    );
    assert!(
        failures.is_empty(),
        "{} values of the random mode do not round-trip in tlgen (first 20):\n{}",
        failures.len(),
        first_20(&failures)
    );
}

/// The random mode without an allow-list: one seeded value of every
/// definition decodes and re-encodes to the identical bytes.
#[test]
fn random_values_round_trip() {
    if !schemas_present() {
        return;
    }
    let schema = api_schema();
    let mut synth = Synth::seeded(&schema, 7);
    let mut failures = Vec::new();
    let mut values = 0;
    for c in schema.combinators() {
        assert!(synth.can_build(c), "{} cannot be built", c.name);
        let bytes = synth.boxed(c, Flags::Random);
        values += 1;
        match dispatch::api(&c.name.full(), &bytes) {
            Some(Ok(out)) if out == bytes => {}
            other => failures.push(format!(
                "{}: {:?}",
                c.name,
                other.map(|r| r.map(|o| hex(&o)))
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(values, 1703 + 850);
}

/// The same seed gives the same bytes.
#[test]
fn random_mode_is_deterministic() {
    if !schemas_present() {
        return;
    }
    let schema = api_schema();
    let bytes = |seed| {
        let mut synth = Synth::seeded(&schema, seed);
        schema
            .combinators()
            .take(200)
            .flat_map(|c| synth.boxed(c, Flags::Random))
            .collect::<Vec<u8>>()
    };
    assert_eq!(bytes(3), bytes(3));
    assert_ne!(bytes(3), bytes(4));
}
