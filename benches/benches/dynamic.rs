//! `tlgen decode`'s dynamic decoder (`tl_codegen::dynamic`: the schema read at
//! run time, bytes to the lossless JSON as a `serde_json::Value`) next to the
//! generated decoder (bytes to the generated Rust value), over the broad
//! corpus of `tlgen_benches::corpus` (values of every type of api-layer230.tl).
//! The two do not produce the same thing: the dynamic decoder builds a JSON
//! tree (maps of strings), the generated one Rust structs, and that is the
//! comparison a user choosing between `tlgen decode` and generated code makes.
//! Rounds alternate which side goes first; each round's ratio is taken within
//! it. Prints every round and the median.
//!
//! ```text
//! cargo bench -p tlgen-benches --bench dynamic
//! ```
//!
//! Without `--bench` (as `cargo test --benches` runs it) it makes one short round.

#[cfg(not(tlgen_schemas_missing))]
fn main() {
    use std::hint::black_box;
    use std::time::{Duration, Instant};
    use tl_codegen::dynamic::{Dynamic, Target};
    use tl_codegen::json::Layouts;
    use tlgen_benches::corpus::{self, Op};

    let bench = std::env::args().any(|a| a == "--bench");
    let (rounds, budget) = if bench {
        (7, Duration::from_millis(500))
    } else {
        (1, Duration::from_millis(10))
    };
    let corpus = corpus::standard();
    let bytes = corpus.bytes();
    let schema = tlgen_full_schema_tests::load_schema(tlgen_test_support::API);
    let layouts = match Layouts::of(&schema) {
        Ok(layouts) => layouts,
        Err(e) => panic!("{e}"),
    };
    let dynamic = Dynamic::new(&layouts);
    let targets: Vec<(Target, &[Vec<u8>])> = corpus
        .groups
        .iter()
        .map(|g| match Target::parse(&layouts, g.type_name(), false) {
            Ok(target) => (target, g.encoded()),
            Err(e) => panic!("{}: {e}", g.type_name()),
        })
        .collect();
    let dynamic_pass = || {
        targets
            .iter()
            .flat_map(|(target, values)| values.iter().map(move |v| (target, v)))
            .filter(|(target, v)| black_box(dynamic.decode(target, black_box(v))).is_ok())
            .count()
    };
    assert_eq!(
        dynamic_pass(),
        corpus.len(),
        "every value decodes dynamically"
    );
    assert_eq!(corpus.pass(Op::DecodeTlgen), corpus.len());
    println!(
        "corpus: {} values of {} types, {bytes} bytes",
        corpus.len(),
        corpus.groups.len()
    );
    // MB/s of `pass` over passes for at least `budget`.
    let measure = |pass: &dyn Fn() -> usize| {
        let start = Instant::now();
        let mut passes = 0u32;
        while passes == 0 || start.elapsed() < budget {
            black_box(pass());
            passes += 1;
        }
        bytes as f64 * f64::from(passes) / start.elapsed().as_secs_f64() / 1e6
    };
    println!("round | generated MB/s | dynamic MB/s | generated / dynamic");
    let mut ratios = Vec::new();
    for round in 0..rounds {
        let generated_pass = || corpus.pass(Op::DecodeTlgen);
        let (generated, dynamic) = if round % 2 == 0 {
            let g = measure(&generated_pass);
            (g, measure(&dynamic_pass))
        } else {
            let d = measure(&dynamic_pass);
            (measure(&generated_pass), d)
        };
        let ratio = generated / dynamic;
        ratios.push(ratio);
        println!("{round} | {generated:.1} | {dynamic:.1} | {ratio:.2}x");
    }
    ratios.sort_by(f64::total_cmp);
    if let Some(median) = ratios.get(ratios.len() / 2) {
        println!("median: the generated decoder is {median:.2}x as fast as the dynamic one");
    }
}

#[cfg(tlgen_schemas_missing)]
fn main() {
    tlgen_test_support::missing("the dynamic-decoder benchmark");
}
