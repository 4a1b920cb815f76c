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
            "error: invalid option `--runtime-path`: `::crate` is not a Rust path: `crate` can \
             only begin a path, with no `::` before it\n",
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

/// Options that used to give an internal error or code that does not compile:
/// keywords, paths relative to where they are written, `crate` as a derive.
#[test]
fn paths_generated_code_cannot_use_are_usage_errors() {
    let dir = temp_dir("gen-bad-paths");
    let out = dir.join("out");
    let seed = format!("{REPO}/schema/seed.tl");
    let keyword = |flag: &str, value: &str, keyword: &str| {
        format!(
            "error: invalid option `{flag}`: `{value}` is not a Rust path: `{keyword}` is a \
             keyword (write `r#{keyword}` for an identifier of that name)\n"
        )
    };
    let relative = |flag: &str, value: &str, keyword: &str| {
        format!(
            "error: invalid option `{flag}`: `{value}` is relative to where it is written \
             (`{keyword}`), and generated code writes it in modules at several depths: give a \
             path from the crate root (`crate::...`) or from a crate (`name::...`, \
             `::name::...`)\n"
        )
    };
    let mut cases =
        vec![
        ("--runtime-path", "crate::type", keyword("--runtime-path", "crate::type", "type")),
        ("--runtime-path", "type", keyword("--runtime-path", "type", "type")),
        ("--runtime-path", "async", keyword("--runtime-path", "async", "async")),
        ("--runtime-path", "dyn", keyword("--runtime-path", "dyn", "dyn")),
        ("--runtime-path", "self", relative("--runtime-path", "self", "self")),
        ("--runtime-path", "Self", relative("--runtime-path", "Self", "Self")),
        ("--runtime-path", "super", relative("--runtime-path", "super", "super")),
        (
            "--runtime-path",
            "super::super::rt",
            relative("--runtime-path", "super::super::rt", "super"),
        ),
        ("--derive", "type", keyword("--derive", "type", "type")),
        ("--derive", "async", keyword("--derive", "async", "async")),
        ("--derive", "self", relative("--derive", "self", "self")),
        (
            "--derive",
            "crate",
            "error: invalid option `--derive`: `crate` is the crate itself, not a derive macro: \
             name the derive (`crate::Name`)\n"
                .to_owned(),
        ),
        (
            "--derive",
            "serde::crate",
            "error: invalid option `--derive`: `serde::crate` is not a Rust path: `crate` can \
             only begin a path, with no `::` before it\n"
                .to_owned(),
        ),
        (
            "--derive",
            "r#self",
            "error: invalid option `--derive`: `r#self` is not a Rust path: `self` cannot be a \
             raw identifier\n"
                .to_owned(),
        ),
    ];
    cases.push((
        "--runtime-path",
        "crate::rt::gen",
        keyword("--runtime-path", "crate::rt::gen", "gen"),
    ));
    for (flag, value, message) in cases {
        let run = tlgen(&[&seed, "-o", &path_str(&out), flag, value]);
        assert_eq!(run.status.code(), Some(2), "{flag} {value}");
        assert_eq!(text(&run.stderr), message, "{flag} {value}");
        assert!(!out.exists(), "{flag} {value}: nothing is written");
    }
}

/// Derives the generator adds itself, by name or by path, and derives named
/// twice: the code is what naming each once gives.
#[test]
fn built_in_and_repeated_derives_are_derived_once() {
    let dir = temp_dir("gen-derive-twice");
    let seed = format!("{REPO}/schema/seed.tl");
    let generate = |sub: &str, derives: &[&str]| {
        let out = dir.join(sub);
        let mut args = vec![
            seed.clone(),
            "-o".to_owned(),
            path_str(&out),
            "-q".to_owned(),
        ];
        for derive in derives {
            args.extend(["--derive".to_owned(), (*derive).to_owned()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = tlgen(&args);
        assert_eq!(
            run.status.code(),
            Some(0),
            "{derives:?}: {}",
            text(&run.stderr)
        );
        std::fs::read_to_string(out.join("mod.rs")).unwrap_or_default()
    };
    let once = generate("once", &["Eq"]);
    let repeated = generate(
        "repeated",
        &[
            "Debug",
            "Eq",
            "std::fmt::Debug",
            "::core::clone::Clone",
            "PartialEq",
            "::core::cmp::Eq",
            "Default",
        ],
    );
    assert!(once == repeated, "the derives differ:\n{repeated}");
    // `types::InputPeerEmpty` has no fields: it gets every derive once.
    assert!(
        once.contains(
            "#[derive(Debug, Clone, PartialEq, Default, Eq)]\n    pub struct InputPeerEmpty;"
        ),
        "{once}"
    );
}

/// Options that generated code can use: the module parses as Rust (it also
/// compiles: `the_written_module_compiles_in_a_crate_that_depends_only_on_tl_runtime`
/// builds `crate` as the runtime path).
#[test]
fn valid_paths_give_code_that_parses() {
    let dir = temp_dir("gen-good-paths");
    let seed = format!("{REPO}/schema/seed.tl");
    for (runtime, derives, impl_line, derive_line) in [
        (
            "crate::rt",
            &["serde::Serialize", "r#Foo"][..],
            "impl crate::rt::Identifiable for InputPeerEmpty",
            "#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, r#Foo)]",
        ),
        (
            "crate::r#async::rt",
            &["crate::MyDerive", "::serde::Deserialize"][..],
            "impl crate::r#async::rt::Identifiable for InputPeerEmpty",
            "#[derive(Debug, Clone, PartialEq, Default, crate::MyDerive, ::serde::Deserialize)]",
        ),
        (
            "crate",
            &[][..],
            "impl crate::Identifiable for InputPeerEmpty",
            "#[derive(Debug, Clone, PartialEq, Default)]",
        ),
        (
            "tl_runtime",
            &["r#type::Derive"][..],
            "impl tl_runtime::Identifiable for InputPeerEmpty",
            "#[derive(Debug, Clone, PartialEq, Default, r#type::Derive)]",
        ),
    ] {
        let out = dir.join("out");
        let mut args = vec![
            seed.as_str(),
            "-o",
            out.to_str().unwrap_or_default(),
            "-q",
            "--no-format",
            "--runtime-path",
            runtime,
        ];
        for derive in derives {
            args.extend(["--derive", derive]);
        }
        let run = tlgen(&args);
        assert_eq!(
            run.status.code(),
            Some(0),
            "{runtime}: {}",
            text(&run.stderr)
        );
        let code = std::fs::read_to_string(out.join("mod.rs")).unwrap_or_default();
        let file = syn::parse_file(&code)
            .unwrap_or_else(|e| panic!("--runtime-path {runtime} {derives:?}: {e}"));
        let code = prettyplease::unparse(&file);
        assert!(code.contains(impl_line), "{runtime}: {code}");
        assert!(
            code.contains(&format!("{derive_line}\n    pub struct InputPeerEmpty;")),
            "{runtime}: {code}"
        );
    }
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
    // The runtime reached as the crate root, which re-exports it.
    let rooted = &path_str(&dir.join("src/rooted"));
    let run = tlgen(&[&seed, "-o", rooted, "-q", "--runtime-path", "crate"]);
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

/// The same, written with `--runtime-path crate`: the runtime as this crate's root.
#[path = "rooted/mod.rs"]
pub mod rooted;

// Also brings `Serialize` and `Deserialize` into scope here.
pub use tl_runtime::*;

/// Only for types that can have it: `eq::types::Numbers` holds an `f64`.
pub fn hash_of(value: &eq::enums::User) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

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
    let reply = rooted::enums::Updates::from_bytes(&[0x7e, 0xaf, 0x17, 0xe3])?;
    assert_eq!(reply.to_bytes(), [0x7e, 0xaf, 0x17, 0xe3]);
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

#[test]
fn omit_and_lean_leave_parts_of_the_api_out() {
    let dir = temp_dir("gen-lean");
    let seed = format!("{REPO}/schema/seed.tl");
    let generate = |name: &str, flags: &[&str]| {
        let out = dir.join(name);
        let mut args = vec![seed.as_str(), "-o"];
        let out_text = path_str(&out);
        args.push(&out_text);
        args.extend(flags);
        let run = tlgen(&args);
        assert_eq!(
            run.status.code(),
            Some(0),
            "{flags:?}: {}",
            text(&run.stderr)
        );
        std::fs::read_to_string(out.join("mod.rs")).unwrap_or_else(|e| panic!("{e}"))
    };
    let full = generate("full", &[]);
    let lean = generate("lean", &["--lean"]);
    assert_eq!(
        lean,
        generate(
            "all",
            &[
                "--omit",
                "debug,builders",
                "--omit",
                "from,try-from,accessors",
                "--omit",
                "docs"
            ]
        )
    );
    assert!(full.contains("#[derive(Debug") && full.contains("pub fn with_muted"));
    assert!(!lean.contains("#[derive(Debug") && !lean.contains("pub fn with_muted"));
    assert!(!lean.contains("///") && !lean.contains("impl ::std::convert::From<"));
    let no_docs = generate("no-docs", &["--omit", "docs"]);
    assert!(!no_docs.contains("///") && no_docs.contains("pub fn with_muted"));

    let run = tlgen(&[&seed, "-o", &path_str(&dir.join("bad")), "--omit", "serde"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        text(&run.stderr).contains(
            "`serde` is not a part of the API: one of debug, builders, from, try-from, \
             accessors, docs"
        ),
        "{}",
        text(&run.stderr)
    );
    let run = tlgen(&[
        &seed,
        "-o",
        &path_str(&dir.join("bad")),
        "--lean",
        "--arbitrary",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        text(&run.stderr),
        "error: invalid option `--omit`: `arbitrary` needs `Debug` (property tests print the \
         values they fail on): omit `debug` only without `arbitrary`\n"
    );
    assert!(!dir.join("bad").exists());
}
