//! Encode and decode of the payloads of issue 5 with tlgen's generated API
//! types and grammers-tl-types, plus a plain copy of the 1 MiB file data as the
//! memcpy baseline. Every payload is checked byte for byte on both sides
//! before timing (see `tlgen_benches::payloads::Payload::new`).

use criterion::{Criterion, criterion_group, criterion_main};
use std::time::Duration;

#[cfg(not(tlgen_schemas_missing))]
mod run {
    use criterion::measurement::WallTime;
    use criterion::{BenchmarkGroup, Criterion, Throughput};
    use std::hint::black_box;
    use tl_runtime::{Deserialize, Serialize};
    use tlgen_benches::payloads::{self, Payload};

    fn pair<G, T>(group: &mut BenchmarkGroup<'_, WallTime>, p: &Payload<G, T>)
    where
        G: grammers_tl_types::Serializable + grammers_tl_types::Deserializable,
        T: Serialize + Deserialize,
    {
        group.throughput(Throughput::Bytes(p.bytes.len() as u64));
        group.bench_function(format!("encode/{}/tlgen", p.name), |b| {
            b.iter(|| black_box(&p.tlgen).to_bytes())
        });
        group.bench_function(format!("encode/{}/grammers", p.name), |b| {
            b.iter(|| black_box(&p.grammers).to_bytes())
        });
        group.bench_function(format!("decode/{}/tlgen", p.name), |b| {
            b.iter(|| T::from_bytes(black_box(&p.bytes)))
        });
        group.bench_function(format!("decode/{}/grammers", p.name), |b| {
            b.iter(|| G::from_bytes(black_box(&p.bytes[p.grammers_offset..])))
        });
    }

    pub fn codec(c: &mut Criterion) {
        let mut group = c.benchmark_group("codec");
        pair(&mut group, &payloads::updates());
        pair(&mut group, &payloads::messages());
        pair(&mut group, &payloads::join_group_call());
        let file = payloads::upload_file();
        pair(&mut group, &file);
        let data = payloads::file_data();
        group.throughput(Throughput::Bytes(data.len() as u64));
        group.bench_function("memcpy/1mib", |b| {
            b.iter(|| {
                let src = black_box(&data);
                let mut out = Vec::with_capacity(src.len());
                out.extend_from_slice(src);
                out
            })
        });
        group.finish();
    }
}

#[cfg(not(tlgen_schemas_missing))]
use run::codec;

#[cfg(tlgen_schemas_missing)]
fn codec(_: &mut Criterion) {
    eprintln!("schemas missing: codec benchmarks skipped");
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = codec
}
criterion_main!(benches);
