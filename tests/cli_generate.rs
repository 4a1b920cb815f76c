//! `tlgen SCHEMA... -o DIR` end to end: the written module compiles in a
//! fresh crate that depends only on tl-runtime, with warnings denied.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn tlgen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tlgen"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run tlgen: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tlgen-gen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn path_str(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn the_seed_module_is_written_once_and_kept_when_unchanged() {
    let dir = temp_dir("seed");
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
    let dir = temp_dir("bad");
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
    let run = tlgen(&[&seed, "-o", "/tmp/x", "--derive", "not a path"]);
    assert_eq!(run.status.code(), Some(1));
}

#[test]
fn the_written_module_compiles_in_a_crate_that_depends_only_on_tl_runtime() {
    let dir = temp_dir("crate");
    let seed = format!("{REPO}/schema/seed.tl");
    let run = tlgen(&[&seed, "-o", &path_str(&dir.join("src/tl")), "-q"]);
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
    Ok(())
}
"#;
    std::fs::write(dir.join("src/lib.rs"), lib).unwrap_or_else(|e| panic!("{e}"));
    let build = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet"])
        .current_dir(&dir)
        .env(
            "CARGO_TARGET_DIR",
            format!("{REPO}/target/cli-generate-check"),
        )
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo: {e}"));
    assert!(build.status.success(), "{}", text(&build.stderr));
}
