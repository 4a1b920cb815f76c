//! Sets `tlgen_schemas_missing` when the shared schemas are absent (the rule of
//! `tlgen_test_support::build::schemas`, as in `tests/full-schema/build.rs`), so
//! the benchmarks compile to no-ops instead of failing the workspace build.

use tlgen_test_support::{API, MTPROTO, build};

fn main() {
    build::schemas(&[API, MTPROTO], "the benchmarks");
}
