//! A fixed workload for `valgrind --tool=callgrind`, whose instruction counts
//! are repeatable on a noisy machine where wall-clock timings are not.
//!
//! ```text
//! cargo build --release -p tlgen-benches --example profile
//! valgrind --tool=callgrind target/release/examples/profile WORKLOAD SIDE [ITERATIONS]
//! ```
//!
//! WORKLOAD: parse (tlgen: parse and check), parse-only (tlgen: the syntax tree
//! only; grammers' side is the same as for parse), generate (tlgen formatted), generate-unformatted (tlgen with
//! `Builder::format(false)`; grammers' side is the same as for generate),
//! encode-updates, decode-updates, encode-messages, decode-messages, encode-join,
//! decode-join, encode-file, decode-file, memcpy-file, encode-corpus, decode-corpus
//! (one pass over the broad corpus of `tlgen_benches::corpus`); also encode-updates-exact
//! (tlgen's `serialized_len` pass and one exact allocation before `serialize`) and
//! sizes (prints `size_of` of the large message types on both sides).
//! SIDE: tlgen or grammers (ignored by memcpy-file, encode-updates-exact and sizes). The payloads are built and
//! checked before the measured loop; compare runs with ITERATIONS and 0
//! iterations to subtract the setup.

#[cfg(not(tlgen_schemas_missing))]
fn main() {
    use grammers_tl_types::Serializable as _;
    use std::hint::black_box;
    use tl_runtime::Serialize as _;
    use tlgen_benches::payloads;

    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: profile WORKLOAD tlgen|grammers [ITERATIONS]");
        std::process::exit(2);
    }
    let (workload, side) = (args[1].as_str(), args[2].as_str());
    let n: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(100);
    let start = std::time::Instant::now();
    struct Report(std::time::Instant, usize);
    impl Drop for Report {
        fn drop(&mut self) {
            if self.1 > 0 {
                eprintln!(
                    "{:?} per iteration (wall clock, setup included)",
                    self.0.elapsed() / self.1 as u32
                );
            }
        }
    }
    let _report = Report(start, n);
    let tlgen = match side {
        "tlgen" => true,
        "grammers" => false,
        _ => {
            eprintln!("SIDE must be tlgen or grammers");
            std::process::exit(2);
        }
    };
    macro_rules! codec {
        ($p:expr, $encode:expr) => {{
            let p = $p;
            for _ in 0..n {
                match ($encode, tlgen) {
                    (true, true) => drop(black_box(black_box(&p.tlgen).to_bytes())),
                    (true, false) => drop(black_box(black_box(&p.grammers).to_bytes())),
                    (false, true) => drop(black_box(tl_runtime_from_bytes(
                        &p.tlgen,
                        black_box(&p.bytes),
                    ))),
                    (false, false) => drop(black_box(grammers_from_bytes(
                        &p.grammers,
                        black_box(&p.bytes[p.grammers_offset..]),
                    ))),
                }
            }
        }};
    }
    fn tl_runtime_from_bytes<T: tl_runtime::Deserialize>(_: &T, b: &[u8]) -> Option<T> {
        T::from_bytes(b).ok()
    }
    fn grammers_from_bytes<G: grammers_tl_types::Deserializable>(_: &G, b: &[u8]) -> Option<G> {
        G::from_bytes(b).ok()
    }
    match workload {
        "parse" | "parse-only" => {
            let text = tlgen_benches::api_schema_text();
            for _ in 0..n {
                if tlgen && workload == "parse" {
                    drop(black_box(tl_parser::check_str("api-layer230.tl", &text)));
                } else if tlgen {
                    drop(black_box(tl_parser::parse_file(
                        tl_parser::FileId(0),
                        &text,
                    )));
                } else {
                    drop(black_box(
                        grammers_tl_parser::parse_tl_file(&text).collect::<Vec<_>>(),
                    ));
                }
            }
        }
        "generate" | "generate-unformatted" => {
            use tlgen_benches::generation;
            let text = tlgen_benches::api_schema_text();
            let config = generation::grammers_config();
            for _ in 0..n {
                if tlgen {
                    drop(black_box(generation::tlgen(&text, workload == "generate")));
                } else {
                    black_box(generation::grammers(&text, &config));
                }
            }
        }
        "encode-updates" => codec!(payloads::updates(), true),
        "decode-updates" => codec!(payloads::updates(), false),
        "encode-updates-exact" => {
            // tlgen's `serialized_len` pass, one exact allocation, then `serialize`
            // (what `to_bytes` did before it grew its vector as it goes).
            let p = payloads::updates();
            for _ in 0..n {
                let value = black_box(&p.tlgen);
                let mut out = Vec::with_capacity(tl_runtime::Serialize::serialized_len(value));
                tl_runtime::Serialize::serialize(value, &mut out);
                drop(black_box(out));
            }
        }
        "encode-messages" => codec!(payloads::messages(), true),
        "decode-messages" => codec!(payloads::messages(), false),
        "encode-join" => codec!(payloads::join_group_call(), true),
        "decode-join" => codec!(payloads::join_group_call(), false),
        "encode-file" => codec!(payloads::upload_file(), true),
        "decode-file" => codec!(payloads::upload_file(), false),
        "decode-corpus" | "encode-corpus" => {
            use tlgen_benches::corpus::{self, Op};
            let corpus = corpus::standard();
            let op = match (workload, tlgen) {
                ("decode-corpus", true) => Op::DecodeTlgen,
                ("decode-corpus", false) => Op::DecodeGrammers,
                (_, true) => Op::EncodeTlgen,
                (_, false) => Op::EncodeGrammers,
            };
            for _ in 0..n {
                black_box(corpus.pass(op));
            }
        }
        "sizes" => {
            use tlgen_full_schema_tests::api;
            eprintln!(
                "size_of: tlgen Message {} enums::Message {} Update {} User {}; grammers Message {} enums::Message {} Update {} User {}",
                size_of::<api::types::Message>(),
                size_of::<api::enums::Message>(),
                size_of::<api::enums::Update>(),
                size_of::<api::enums::User>(),
                size_of::<grammers_tl_types::types::Message>(),
                size_of::<grammers_tl_types::enums::Message>(),
                size_of::<grammers_tl_types::enums::Update>(),
                size_of::<grammers_tl_types::enums::User>(),
            );
        }
        "memcpy-file" => {
            let data = payloads::file_data();
            for _ in 0..n {
                let src = black_box(&data);
                let mut out = Vec::with_capacity(src.len());
                out.extend_from_slice(src);
                drop(black_box(out));
            }
        }
        _ => {
            eprintln!("unknown workload {workload}");
            std::process::exit(2);
        }
    }
}

#[cfg(tlgen_schemas_missing)]
fn main() {
    eprintln!("schemas missing: nothing to profile");
}
