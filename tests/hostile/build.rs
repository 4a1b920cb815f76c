//! Generates four modules with tl-codegen's `Options::arbitrary` set, so each
//! carries its `arbitrary` module (random values of every type, `visit_all`):
//!
//! - `seed.rs` from `schema/seed.tl` and `edge.rs` from `generated/schema/edge.tl`
//!   (the project's own schemas, always present);
//! - `api.rs` from `api-layer230.tl` and `mtproto.rs` from `mtproto.tl`, read from
//!   `$TL_SCHEMA_DIR`, else `../../../shared/schema`. When they are missing, empty
//!   modules are generated and the `tlgen_schemas_missing` cfg is set, so the
//!   tests that need them say they were skipped.

use std::path::{Path, PathBuf};
use tl_codegen::Options;
use tl_parser::{Sources, check};

fn main() {
    println!("cargo::rustc-check-cfg=cfg(tlgen_schemas_missing)");
    println!("cargo::rerun-if-env-changed=TL_SCHEMA_DIR");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let shared = std::env::var_os("TL_SCHEMA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../../../shared/schema"));
    let own = [
        ("seed", manifest.join("../../schema/seed.tl")),
        ("edge", manifest.join("../../generated/schema/edge.tl")),
    ];
    for (module, path) in own {
        write(&out_dir.join(format!("{module}.rs")), &generate(&path));
    }
    let full = [
        ("api", shared.join("api-layer230.tl")),
        ("mtproto", shared.join("mtproto.tl")),
    ];
    let present = full.iter().all(|(_, p)| p.is_file());
    if !present {
        println!("cargo::rustc-cfg=tlgen_schemas_missing");
        println!(
            "cargo::warning=schemas not found in {}: the full-schema tests will be skipped",
            shared.display()
        );
    }
    for (module, path) in full {
        let code = if present {
            generate(&path)
        } else {
            String::new()
        };
        write(&out_dir.join(format!("{module}.rs")), &code);
    }
}

fn write(path: &Path, text: &str) {
    if let Err(e) = std::fs::write(path, text) {
        panic!("cannot write {}: {e}", path.display());
    }
}

fn generate(path: &Path) -> String {
    println!("cargo::rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let name = path.display().to_string();
    let mut sources = Sources::new();
    sources.add(&name, text);
    let checked = check(&sources);
    let render = |d: &[tl_parser::Diagnostic]| -> String {
        d.iter().map(|d| d.render_plain(&sources)).collect()
    };
    if checked.has_errors() {
        panic!("{name} has errors:\n{}", render(&checked.diagnostics));
    }
    let mut options = Options::default();
    options.arbitrary = true;
    tl_codegen::generate(&checked.schema, &options)
        .unwrap_or_else(|d| panic!("cannot generate {name}:\n{}", render(&d)))
}
