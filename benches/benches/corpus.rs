//! Decode and encode of the broad corpus (issue 15: values of every type of
//! api-layer230.tl, see `tlgen_benches::corpus`), tlgen next to grammers-tl-types
//! in the same process: each round measures both sides one after the other
//! (which goes first alternates), and the ratio of each round is taken within it,
//! so that load from other processes, which moves whole seconds on a shared
//! machine, touches both sides of a ratio alike. Prints every round and the
//! medians.
//!
//! ```text
//! cargo bench -p tlgen-benches --bench corpus
//! TLGEN_CORPUS_ROUNDS=9 TLGEN_CORPUS_SECONDS=1 cargo bench -p tlgen-benches --bench corpus
//! TLGEN_BENCH_CORPUS=DIR/telethon.corpus cargo bench -p tlgen-benches --bench corpus
//! ```
//!
//! Without `--bench` (as `cargo test --benches` runs it) it makes one short round,
//! a smoke test of the corpus checks and the loop.

#[cfg(not(tlgen_schemas_missing))]
fn main() {
    use std::time::{Duration, Instant};
    use tlgen_benches::corpus::{self, Op};

    let bench = std::env::args().any(|a| a == "--bench");
    let number = |name: &str, default: f64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(default)
    };
    let rounds = if bench {
        number("TLGEN_CORPUS_ROUNDS", 7.0).max(1.0) as usize
    } else {
        1
    };
    let budget = Duration::from_secs_f64(if bench {
        number("TLGEN_CORPUS_SECONDS", 0.5).max(0.01)
    } else {
        0.01
    });

    let built = Instant::now();
    let corpus = corpus::standard();
    let bytes = corpus.bytes();
    println!(
        "corpus: {} values of {} types, {} bytes ({} skipped), built and checked in {:.1?}",
        corpus.len(),
        corpus.groups.len(),
        bytes,
        corpus.skipped,
        built.elapsed()
    );
    // MB/s of `op` over passes for at least `budget`.
    let measure = |op: Op| {
        let start = Instant::now();
        let mut passes = 0u32;
        while passes == 0 || start.elapsed() < budget {
            std::hint::black_box(corpus.pass(op));
            passes += 1;
        }
        bytes as f64 * f64::from(passes) / start.elapsed().as_secs_f64() / 1e6
    };
    for op in [
        Op::DecodeTlgen,
        Op::DecodeGrammers,
        Op::EncodeTlgen,
        Op::EncodeGrammers,
    ] {
        // Warm-up, and a check that every value decodes (encode: all bytes written).
        let n = corpus.pass(op);
        let want = match op {
            Op::DecodeTlgen | Op::DecodeGrammers => corpus.len(),
            Op::EncodeTlgen | Op::EncodeGrammers => bytes,
        };
        assert_eq!(n, want, "{op:?}");
    }

    println!(
        "round | decode tlgen MB/s | decode grammers MB/s | ratio | encode tlgen MB/s | encode grammers MB/s | ratio"
    );
    let mut decode = Vec::new();
    let mut encode = Vec::new();
    for round in 0..rounds {
        let pair = |tlgen: Op, grammers: Op| {
            if round % 2 == 0 {
                let t = measure(tlgen);
                (t, measure(grammers))
            } else {
                let g = measure(grammers);
                (measure(tlgen), g)
            }
        };
        let (dt, dg) = pair(Op::DecodeTlgen, Op::DecodeGrammers);
        let (et, eg) = pair(Op::EncodeTlgen, Op::EncodeGrammers);
        println!(
            "{} | {dt:.0} | {dg:.0} | {:.2} | {et:.0} | {eg:.0} | {:.2}",
            round + 1,
            dt / dg,
            et / eg
        );
        decode.push((dt, dg));
        encode.push((et, eg));
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    };
    let summary = |name: &str, v: &[(f64, f64)]| {
        println!(
            "median {name}: tlgen {:.0} MB/s, grammers {:.0} MB/s, ratio {:.2} (per-round ratios {:.2} to {:.2})",
            median(v.iter().map(|p| p.0).collect()),
            median(v.iter().map(|p| p.1).collect()),
            median(v.iter().map(|p| p.0 / p.1).collect()),
            v.iter().map(|p| p.0 / p.1).fold(f64::INFINITY, f64::min),
            v.iter()
                .map(|p| p.0 / p.1)
                .fold(f64::NEG_INFINITY, f64::max),
        );
    };
    summary("decode", &decode);
    summary("encode", &encode);
}

#[cfg(tlgen_schemas_missing)]
fn main() {
    eprintln!("schemas missing: corpus benchmark skipped");
}
