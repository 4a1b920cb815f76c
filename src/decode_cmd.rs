//! `tlgen decode` and `tlgen encode`: TL bytes to the lossless JSON form and
//! back, with schemas read at run time (`tl_codegen::dynamic`).

use crate::cli::{DecodeArgs, Failure};
use crate::load::read_sources;
use crate::output;
use crate::render::print_diagnostics;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use tl_codegen::dynamic::{Dynamic, Style, Target};
use tl_codegen::json::Layouts;

/// The schemas, each read and checked on its own, with their file names.
struct Loaded {
    schemas: Vec<(String, Layouts)>,
}

fn load(paths: &[PathBuf]) -> Result<Loaded, Failure> {
    let mut schemas = Vec::new();
    for path in paths {
        let sources = read_sources(std::slice::from_ref(path))?;
        let checked = tl_parser::check(&sources);
        if checked.has_errors() {
            print_diagnostics(&sources, &checked.diagnostics, true);
            return Err(Failure::SchemaErrors);
        }
        let layouts = Layouts::of(&checked.schema).map_err(|e| Failure::Usage(e.to_string()))?;
        schemas.push((path.display().to_string(), layouts));
    }
    Ok(Loaded { schemas })
}

/// The schema that defines the target, the target, and a decoder that names
/// ids from the other schemas.
fn target<'a>(loaded: &'a Loaded, args: &DecodeArgs) -> Result<(Dynamic<'a>, Target), Failure> {
    // What `decode` prints deeper than this, `encode` (serde_json's parser)
    // could not read back.
    if args.max_depth > tl_runtime::json::MAX_DEPTH {
        return Err(Failure::Usage(format!(
            "--max-depth {}: at most {}, the deepest JSON that reads back",
            args.max_depth,
            tl_runtime::json::MAX_DEPTH
        )));
    }
    let mut first_error = None;
    for (index, (_, layouts)) in loaded.schemas.iter().enumerate() {
        let target = match (&args.function, &args.ty) {
            (Some(name), _) => Target::function(layouts, name),
            (None, Some(ty)) => Target::parse(layouts, ty, args.bare),
            (None, None) => return Err(Failure::Usage("give --type T or --function F".to_owned())),
        };
        match target {
            Ok(target) => {
                let mut dynamic = Dynamic::new(layouts).limits(tl_runtime::Limits {
                    max_depth: args.max_depth,
                });
                for (other, (name, other_layouts)) in loaded.schemas.iter().enumerate() {
                    if other != index {
                        dynamic = dynamic.other(name, other_layouts);
                    }
                }
                return Ok((dynamic, target));
            }
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(Failure::Usage(first_error.map_or_else(
        || "no schema given".to_owned(),
        |e| e.to_string(),
    )))
}

/// The schema paths and the input path.
fn split(args: &DecodeArgs) -> Result<(&[PathBuf], &Path), Failure> {
    match args.paths.split_last() {
        Some((input, schemas)) if !schemas.is_empty() => Ok((schemas, input)),
        _ => Err(Failure::Usage(
            "give one or more schema files, then the input file (`-` for stdin)".to_owned(),
        )),
    }
}

fn read_input(path: &Path) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Failure::Usage(format!("cannot read stdin: {e}")))?;
    } else {
        bytes = std::fs::read(path)
            .map_err(|e| Failure::Usage(format!("cannot read `{}`: {e}", path.display())))?;
    }
    Ok(bytes)
}

/// The values of the digits of hex text (white space ignored, an optional
/// `0x`): what `--hex` takes, decided here alone.
fn hex_digits(text: &[u8]) -> Result<Vec<u8>, String> {
    let digits: Vec<u8> = text
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let digits = digits.strip_prefix(b"0x").unwrap_or(&digits);
    // Digit by digit: `u8::from_str_radix` would take "+f" as a number.
    digits
        .iter()
        .enumerate()
        .map(|(i, &digit)| {
            char::from(digit)
                .to_digit(16)
                .and_then(|value| u8::try_from(value).ok())
                .ok_or_else(|| format!("not hex at digit {i}: {:?}", char::from(digit)))
        })
        .collect()
}

/// Hex text as bytes.
fn unhex(text: &[u8]) -> Result<Vec<u8>, String> {
    let digits = hex_digits(text)?;
    if digits.len() % 2 != 0 {
        return Err(format!("odd number of hex digits ({})", digits.len()));
    }
    Ok(digits
        .chunks_exact(2)
        .map(|pair| pair.iter().fold(0, |byte, digit| byte << 4 | digit))
        .collect())
}

/// Whether `bytes` is hex text (some hex digits, white space, an optional
/// `0x`, nothing else), as `--hex` reads it: when such input fails to
/// decode, `--hex` was likely left out.
fn is_hex_text(bytes: &[u8]) -> bool {
    hex_digits(bytes).is_ok_and(|digits| !digits.is_empty())
}

/// Runs `tlgen decode`.
pub fn decode(args: &DecodeArgs) -> Result<(), Failure> {
    let (schemas, input) = split(args)?;
    let loaded = load(schemas)?;
    let (dynamic, target) = target(&loaded, args)?;
    let mut bytes = read_input(input)?;
    if args.hex {
        bytes = unhex(&bytes).map_err(|e| Failure::Usage(format!("`{}`: {e}", input.display())))?;
    }
    let style = if args.pretty {
        Style::Tree
    } else {
        Style::Indented
    };
    match dynamic.decode_to_string(&target, &bytes, style) {
        Ok(text) => output::print(&format!("{text}\n")),
        Err(e) => {
            stderr_line!(
                "error: `{}` is not a value of the type: {e}",
                input.display()
            );
            // Hex text read as bytes fails at its first word, with an id made
            // of ASCII digits that says nothing of the cause.
            if !args.hex && is_hex_text(&bytes) {
                stderr_line!(
                    "help: `{}` holds only hex digits and white space: to read it as hex \
                     text, add --hex",
                    input.display()
                );
            }
            Err(Failure::BadInput)
        }
    }
}

/// Runs `tlgen encode`.
pub fn encode(args: &DecodeArgs) -> Result<(), Failure> {
    let (schemas, input) = split(args)?;
    let loaded = load(schemas)?;
    let (dynamic, target) = target(&loaded, args)?;
    let text = read_input(input)?;
    let json = match dynamic.read_json(&text) {
        Ok(json) => json,
        Err(e) if e.is_data() => {
            // Nesting past the limit, or a key given twice.
            stderr_line!(
                "error: `{}` is not a value of the type: {e}",
                input.display()
            );
            return Err(Failure::BadInput);
        }
        Err(e) => {
            stderr_line!("error: `{}` is not JSON: {e}", input.display());
            return Err(Failure::BadInput);
        }
    };
    drop(text);
    match dynamic.encode_json(&target, json) {
        Ok(bytes) if args.hex => {
            let mut hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            hex.push('\n');
            output::print(&hex)
        }
        Ok(bytes) => output::print_bytes(&bytes),
        Err(e) => {
            stderr_line!(
                "error: `{}` is not a value of the type: {e}",
                input.display()
            );
            Err(Failure::BadInput)
        }
    }
}
