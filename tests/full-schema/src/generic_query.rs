//! The one rule for the concrete function that stands for `X` in generic
//! functions (`invokeWithLayer {X:Type} query:!X = X`) in the full-schema
//! round trip, the differential test and the decoder fuzz target: the first
//! non-generic function without fields, else the first non-generic one.
//!
//! Shared by `src/synth.rs` (which writes the bytes) and the build scripts of
//! this crate and of `fuzz/` (which choose the Rust type that decodes them),
//! through `#[path]`, so that the three always agree.

use tl_parser::Schema;

/// Index into `schema.functions` of the function used for generic `X`.
pub fn generic_query_index(schema: &Schema) -> Option<usize> {
    let functions = &schema.functions;
    functions
        .iter()
        .position(|f| f.type_params.is_empty() && f.fields.is_empty())
        .or_else(|| functions.iter().position(|f| f.type_params.is_empty()))
}
