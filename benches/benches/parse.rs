//! Parsing (and checking) api-layer230.tl: tlgen's `tl_parser::check_str`
//! (parse, resolve every type, verify every id) and `tl_parser::parse_file`
//! (the syntax tree only) next to grammers-tl-parser's `parse_tl_file`
//! collected to a `Vec` (grammers parses; it resolves no types and verifies no ids).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

fn parse(c: &mut Criterion) {
    if !tlgen_benches::SCHEMAS_PRESENT {
        eprintln!("schemas missing: parse benchmarks skipped");
        return;
    }
    let text = tlgen_benches::api_schema_text();
    // Outside timing: both sides accept the whole file.
    let (_, checked) = tl_parser::check_str("api-layer230.tl", &text);
    assert!(!checked.has_errors(), "tlgen rejects api-layer230.tl");
    let defs = grammers_tl_parser::parse_tl_file(&text)
        .filter(Result::is_ok)
        .count();
    assert!(defs > 2000, "grammers parsed only {defs} definitions");

    let mut group = c.benchmark_group("parse/api-layer230");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("tlgen_check_str", |b| {
        b.iter(|| tl_parser::check_str("api-layer230.tl", black_box(&text)))
    });
    group.bench_function("tlgen_parse_file", |b| {
        b.iter(|| tl_parser::parse_file(tl_parser::FileId(0), black_box(&text)))
    });
    group.bench_function("grammers_parse_tl_file", |b| {
        b.iter(|| grammers_tl_parser::parse_tl_file(black_box(&text)).collect::<Vec<_>>())
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = parse
}
criterion_main!(benches);
