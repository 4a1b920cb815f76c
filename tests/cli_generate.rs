//! `tlgen SCHEMA... -o DIR` end to end: the flags, the messages and exit
//! statuses, and the written module (formatted and `--no-format`) compiling in a
//! fresh crate that depends only on tl-runtime, with warnings denied.

use std::path::Path;
use std::process::{Command, Output};
use tlgen_test_support::{temp_dir, text};

const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn tlgen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tlgen"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run tlgen: {e}"))
}

fn path_str(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn the_seed_module_is_written_once_and_kept_when_unchanged() {
    let dir = temp_dir("gen-seed");
    let out = dir.join("tl");
    let seed = format!("{REPO}/schema/seed.tl");
    let run = tlgen(&[&seed, "-o", &path_str(&out)]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let target = out.join("mod.rs");
    let first = std::fs::read_to_string(&target).unwrap_or_default();
    assert!(first.contains("pub struct JoinGroupCall"));
    assert!(text(&run.stderr).starts_with(&format!(
        "wrote {}: {seed}: layer 186, 22 constructors",
        path_str(&target)
    )));

    let again = tlgen(&[&seed, "-o", &path_str(&out)]);
    assert!(
        text(&again.stderr).starts_with("unchanged:"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(
        tlgen(&[&seed, "-o", &path_str(&out), "--check"])
            .status
            .code(),
        Some(0)
    );

    std::fs::write(&target, format!("{first}// edited\n")).unwrap_or_else(|e| panic!("{e}"));
    let check = tlgen(&[&seed, "-o", &path_str(&out), "--check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(text(&check.stderr).contains("is not up to date with the schema"));
}

#[test]
fn a_schema_with_errors_writes_nothing() {
    let dir = temp_dir("gen-bad");
    let schema = dir.join("bad.tl");
    std::fs::write(&schema, "a#1 x:Nope = A;\n").unwrap_or_else(|e| panic!("{e}"));
    let out = dir.join("out");
    let run = tlgen(&[&path_str(&schema), "-o", &path_str(&out)]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = text(&run.stderr);
    assert!(
        stderr.contains("error[E0201]: undefined type `Nope`"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("error: nothing written: the schema has 1 error\n"),
        "{stderr}"
    );
    assert!(!out.exists());
}

#[test]
fn usage_errors_exit_with_2() {
    let seed = format!("{REPO}/schema/seed.tl");
    let run = tlgen(&[&seed]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        text(&run.stderr),
        "error: missing `-o DIR`: where to write the generated module (`DIR/mod.rs`)\n"
    );
    let run = tlgen(&["-o", "/tmp/x"]);
    assert_eq!(run.status.code(), Some(2));
}

#[test]
fn invalid_options_are_usage_errors_naming_the_flag() {
    let dir = temp_dir("gen-options");
    let out = dir.join("out");
    let seed = format!("{REPO}/schema/seed.tl");
    for (flag, value, message) in [
        (
            "--derive",
            "not a path",
            "error: invalid option `--derive`: `not a path` is not a Rust path: `not a path` is \
             not an identifier\n",
        ),
        (
            "--runtime-path",
            "::crate",
            "error: invalid option `--runtime-path`: `::crate` is not a Rust path: `crate` cannot \
             appear there\n",
        ),
        (
            "--keep",
            " ",
            "error: invalid option `--keep`: an empty name: give TL names such as \
             `messages.sendMessage`\n",
        ),
    ] {
        let run = tlgen(&[&seed, "-o", &path_str(&out), flag, value]);
        assert_eq!(run.status.code(), Some(2), "{flag} {value:?}");
        assert_eq!(text(&run.stderr), message, "{flag} {value:?}");
        assert!(!out.exists(), "{flag} {value:?}: nothing is written");
    }
    // clap checks the values it knows.
    let run = tlgen(&[&seed, "-o", &path_str(&out), "--variant-names", "long"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        text(&run.stderr).contains("[possible values: short, full]"),
        "{}",
        text(&run.stderr)
    );
    assert!(!out.exists(), "--variant-names long: nothing is written");
}

#[test]
fn a_runtime_path_and_derives_reach_the_code() {
    let dir = temp_dir("gen-runtime-path");
    let out = dir.join("out");
    let seed = format!("{REPO}/schema/seed.tl");
    let run = tlgen(&[
        &seed,
        "-o",
        &path_str(&out),
        "-q",
        "--runtime-path",
        "crate::rt",
        "--derive",
        "Eq",
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert_eq!(text(&run.stderr), "");
    let code = std::fs::read_to_string(out.join("mod.rs")).unwrap_or_default();
    assert!(code.contains("impl crate::rt::Serialize for "));
    assert!(!code.contains("tl_runtime"));
    assert!(code.contains("#[derive(Debug, Clone, PartialEq, Eq)]"));
}

#[test]
fn keep_generates_only_what_the_names_need() {
    let dir = temp_dir("gen-keep");
    let out = dir.join("out");
    let seed = format!("{REPO}/schema/seed.tl");
    let run = tlgen(&[&seed, "-o", &path_str(&out), "-q", "--keep", "updateShort"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let code = std::fs::read_to_string(out.join("mod.rs")).unwrap_or_default();
    assert!(code.contains("pub struct UpdateShort {"));
    assert!(!code.contains("JoinGroupCall"));
    let run = tlgen(&[
        &seed,
        "-o",
        &path_str(&dir.join("typo")),
        "--keep",
        "updateShrt",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        text(&run.stderr),
        "error: invalid option `--keep`: the schema has no function, constructor or type \
         `updateShrt`; did you mean `updateShort`?\n"
    );
}

#[test]
fn arbitrary_adds_the_arbitrary_module() {
    let dir = temp_dir("gen-arbitrary");
    let seed = format!("{REPO}/schema/seed.tl");
    let plain = tlgen(&[&seed, "-o", &path_str(&dir.join("plain")), "-q"]);
    assert_eq!(plain.status.code(), Some(0), "{}", text(&plain.stderr));
    let run = tlgen(&[
        &seed,
        "-o",
        &path_str(&dir.join("arb")),
        "-q",
        "--arbitrary",
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let code = std::fs::read_to_string(dir.join("arb/mod.rs")).unwrap_or_default();
    assert!(code.contains("pub mod arbitrary"));
    let without = std::fs::read_to_string(dir.join("plain/mod.rs")).unwrap_or_default();
    assert!(!without.contains("pub mod arbitrary"));
    syn::parse_file(&code).unwrap_or_else(|e| panic!("--arbitrary output does not parse: {e}"));
}

#[test]
fn no_format_writes_the_same_items_unformatted() {
    let dir = temp_dir("gen-no-format");
    let seed = format!("{REPO}/schema/seed.tl");
    let run = tlgen(&[&seed, "-o", &path_str(&dir.join("formatted")), "-q"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let run = tlgen(&[&seed, "-o", &path_str(&dir.join("plain")), "--no-format"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(
        text(&run.stderr).starts_with("wrote "),
        "{}",
        text(&run.stderr)
    );
    let formatted = std::fs::read_to_string(dir.join("formatted/mod.rs")).unwrap_or_default();
    let plain = std::fs::read_to_string(dir.join("plain/mod.rs")).unwrap_or_default();
    assert!(plain != formatted, "--no-format wrote the formatted text");
    assert!(plain.contains("pub struct JoinGroupCall"));
    // The same code: formatting the unformatted text gives the formatted text
    // (but for the leading `// @generated` line, which parsing drops).
    let parsed = syn::parse_file(&plain)
        .unwrap_or_else(|e| panic!("--no-format output does not parse: {e}"));
    let (header, items) = formatted.split_at(formatted.find('\n').map_or(0, |i| i + 1));
    assert!(header.starts_with("// @generated"), "{header}");
    assert!(plain.starts_with(header));
    assert!(
        prettyplease::unparse(&parsed) == items,
        "--no-format output formats to different code"
    );
    // `--check` compares with what the same flags would write.
    let check = |sub: &str, flags: &[&str]| {
        let out = path_str(&dir.join(sub));
        let mut args = vec![seed.as_str(), "-o", out.as_str(), "--check"];
        args.extend_from_slice(flags);
        tlgen(&args).status.code()
    };
    assert_eq!(check("plain", &["--no-format"]), Some(0));
    assert_eq!(check("plain", &[]), Some(1));
    assert_eq!(check("formatted", &[]), Some(0));
}

#[test]
fn the_written_module_compiles_in_a_crate_that_depends_only_on_tl_runtime() {
    let dir = temp_dir("gen-crate");
    let seed = format!("{REPO}/schema/seed.tl");
    let run = tlgen(&[&seed, "-o", &path_str(&dir.join("src/tl")), "-q"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    // The unformatted output too, in the same crate (one build for both).
    let plain = &path_str(&dir.join("src/plain"));
    let run = tlgen(&[&seed, "-o", plain, "-q", "--no-format"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    // Variant names as the constructors' whole names.
    let full = &path_str(&dir.join("src/full"));
    let run = tlgen(&[&seed, "-o", full, "-q", "--variant-names", "full"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    // The edge cases with `Eq` and `Hash` asked for: its `numbers` holds a
    // `double`, so it and everything holding it must not get them.
    let edge = format!("{REPO}/generated/schema/edge.tl");
    let eq = &path_str(&dir.join("src/eq"));
    let run = tlgen(&[
        &edge,
        "-o",
        eq,
        "-q",
        "--derive",
        "Eq",
        "--derive",
        "::std::hash::Hash",
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let manifest = format!(
        "[package]\nname = \"uses-tlgen-output\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
         [dependencies]\ntl-runtime = {{ path = \"{REPO}/tl-runtime\" }}\n\n[workspace]\n"
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap_or_else(|e| panic!("{e}"));
    let lib = r#"//! A crate that includes tlgen's output as a module.
#![deny(warnings, missing_docs)]

/// The module tlgen wrote.
#[path = "tl/mod.rs"]
pub mod tl;

/// The same, written with `--no-format`.
#[path = "plain/mod.rs"]
pub mod plain;

/// The same, written with `--variant-names full`.
#[path = "full/mod.rs"]
pub mod full;

/// generated/schema/edge.tl with `--derive Eq --derive ::std::hash::Hash`.
#[path = "eq/mod.rs"]
pub mod eq;

/// Only for types that can have it: `eq::types::Numbers` holds an `f64`.
pub fn hash_of(value: &eq::enums::User) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

use tl_runtime::{Deserialize, Serialize};

/// Encodes a request and decodes a reply, as a client would.
pub fn exchange() -> Result<(), tl_runtime::DecodeError> {
    let request = tl::functions::phone::JoinGroupCall {
        muted: true,
        video_stopped: false,
        call: tl::types::InputGroupCall { id: 1, access_hash: 2 }.into(),
        join_as: tl::types::InputPeerEmpty.into(),
        invite_hash: None,
        params: tl::types::DataJson { data: "{}".into() }.into(),
    };
    let bytes = request.to_bytes();
    assert_eq!(bytes.len(), request.serialized_len());
    let reply = tl::enums::Updates::from_bytes(&[0x7e, 0xaf, 0x17, 0xe3])?;
    assert_eq!(reply.tl_name(), "updatesTooLong");
    assert_eq!(reply, tl::enums::Updates::TooLong);
    let reply = plain::enums::Updates::from_bytes(&[0x7e, 0xaf, 0x17, 0xe3])?;
    assert_eq!(reply.to_bytes(), [0x7e, 0xaf, 0x17, 0xe3]);
    let reply = full::enums::Updates::from_bytes(&[0x7e, 0xaf, 0x17, 0xe3])?;
    assert_eq!(reply, full::enums::Updates::UpdatesTooLong);
    Ok(())
}
"#;
    std::fs::write(dir.join("src/lib.rs"), lib).unwrap_or_else(|e| panic!("{e}"));
    let build = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet"])
        .current_dir(&dir)
        // Under this build's own target directory.
        .env(
            "CARGO_TARGET_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cli-generate-check"),
        )
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo: {e}"));
    assert!(build.status.success(), "{}", text(&build.stderr));
}
