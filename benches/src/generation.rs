//! The whole generation on each side, schema text to Rust text, shared by the
//! `generate` benchmark and the `profile` example.

/// tlgen: the `Builder` from schema text (check, then generate), formatted
/// through prettyplease or not (`Builder::format`).
///
/// # Panics
/// If the schema does not check or generate (the benchmarks' input always does).
pub fn tlgen(text: &str, format: bool) -> String {
    let generated = tl_codegen::Builder::new()
        .schema_text("api-layer230.tl", text)
        .format(format)
        .cargo_directives(false)
        .generate();
    match generated {
        Ok(generated) => generated.into_code(),
        Err(e) => panic!("tlgen cannot generate: {e}"),
    }
}

/// The configuration grammers-tl-types' default features give grammers-tl-gen.
pub fn grammers_config() -> grammers_tl_gen::Config {
    grammers_tl_gen::Config {
        gen_name_for_id: true,
        deserializable_functions: false,
        impl_debug: true,
        impl_from_enum: true,
        impl_from_type: true,
        impl_serde: false,
    }
}

/// grammers: `parse_tl_file` + `generate_rust_code` writing unformatted text into
/// memory; returns the number of bytes written.
///
/// # Panics
/// If grammers-tl-gen reports an error.
pub fn grammers(text: &str, config: &grammers_tl_gen::Config) -> usize {
    let defs: Vec<_> = grammers_tl_parser::parse_tl_file(text)
        .filter_map(Result::ok)
        .collect();
    let mut out = grammers_tl_gen::Outputs {
        common: Vec::new(),
        types: Vec::new(),
        functions: Vec::new(),
        enums: Vec::new(),
    };
    if let Err(e) = grammers_tl_gen::generate_rust_code(&mut out, &defs, 230, config) {
        panic!("grammers cannot generate: {e}");
    }
    out.common.len() + out.types.len() + out.functions.len() + out.enums.len()
}
