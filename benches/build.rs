//! Sets `tlgen_schemas_missing` when the shared schemas are absent (the same
//! rule as `tests/full-schema/build.rs`), so the benchmarks compile to no-ops
//! instead of failing the workspace build.

use std::path::PathBuf;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(tlgen_schemas_missing)");
    println!("cargo::rerun-if-env-changed=TL_SCHEMA_DIR");
    let dir = schema_dir();
    let api = dir.join("api-layer230.tl");
    println!("cargo::rerun-if-changed={}", api.display());
    if !api.is_file() || !dir.join("mtproto.tl").is_file() {
        println!("cargo::rustc-cfg=tlgen_schemas_missing");
        println!(
            "cargo::warning=schemas not found in {}: the benchmarks will be skipped",
            dir.display()
        );
    }
    println!("cargo::rustc-env=TLGEN_BENCH_SCHEMA_DIR={}", dir.display());
}

fn schema_dir() -> PathBuf {
    std::env::var_os("TL_SCHEMA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default())
                .join("../../shared/schema")
        })
}
