//! What one encode pass over the broad corpus costs, taken apart by where each
//! value's bytes go (`tlgen_benches::corpus::Output`): a new vector from
//! `to_bytes` (what the `corpus` bench measures), a new vector of exactly the
//! right capacity, one reused vector (no allocation), and no encoding at all
//! (a copy of the encoded bytes into a new vector). Each round times every
//! output for `TLGEN_CORPUS_SECONDS` (default 0.5) in turn; prints milliseconds
//! per pass, every round and the medians.
//!
//! ```text
//! cargo run --release -p tlgen-benches --example encode_outputs
//! ```

#[cfg(not(tlgen_schemas_missing))]
fn main() {
    use std::time::{Duration, Instant};
    use tlgen_benches::corpus::{self, Output};

    let outputs = [
        Output::ToBytes,
        Output::ExactCapacity,
        Output::ReusedBuffer,
        Output::CopyOnly,
    ];
    let seconds = std::env::var("TLGEN_CORPUS_SECONDS")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(0.5);
    let rounds = 7;
    let corpus = corpus::standard();
    let mut buf = Vec::new();
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); outputs.len()];
    println!("round | {outputs:?} (ms per pass)");
    for round in 1..=rounds {
        let mut row = Vec::new();
        for (i, &how) in outputs.iter().enumerate() {
            let start = Instant::now();
            let mut passes = 0u32;
            while start.elapsed() < Duration::from_secs_f64(seconds) {
                let bytes: usize = corpus
                    .groups
                    .iter()
                    .map(|g| g.encode_tlgen_into(how, &mut buf))
                    .sum();
                std::hint::black_box(bytes);
                passes += 1;
            }
            let ms = start.elapsed().as_secs_f64() * 1e3 / f64::from(passes);
            times[i].push(ms);
            row.push(format!("{ms:.3}"));
        }
        println!("{round} | {}", row.join(" | "));
    }
    for (how, mut t) in outputs.iter().zip(times) {
        t.sort_by(f64::total_cmp);
        println!("median {how:?}: {:.3} ms", t[t.len() / 2]);
    }
}

#[cfg(tlgen_schemas_missing)]
fn main() {
    eprintln!("schemas missing: nothing to measure");
}
