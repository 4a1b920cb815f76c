//! Every command whose output cannot be written: standard output closed by its
//! reader (`tlgen check --list x.tl | head`) or a full disk (`>/dev/full`), and
//! standard error on a full disk. The rule (README, "Exit status"): a closed
//! pipe drops the rest of the output and leaves the exit status as it would have
//! been; any other write error on standard output is one line and exit status
//! 2; a failure to write standard error is ignored. Never a panic.
//!
//! A closed pipe is made deterministic by closing the read end before tlgen
//! writes anything it could hold: each output here is far larger than a pipe's
//! buffer (64 KiB on Linux), so tlgen blocks until the end is closed, then gets
//! `EPIPE`.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use tlgen_test_support::{temp_dir, text};

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/seed.tl");

/// What `/dev/full` makes every write fail with.
const DISK_FULL: &str =
    "error: cannot write to standard output: No space left on device (os error 28)\n";

/// Where tlgen's standard output goes.
#[derive(Clone, Copy, Debug)]
enum Sink {
    /// A pipe whose reader has gone.
    ClosedPipe,
    /// `/dev/full`: every write fails with `ENOSPC`.
    Full,
}

/// Runs tlgen with its standard output sent to `sink`, returning its status
/// and standard error.
fn run(args: &[&str], sink: Sink) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tlgen"));
    command
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::piped());
    match sink {
        Sink::ClosedPipe => {
            let mut child = command
                .stdout(Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| panic!("cannot run tlgen: {e}"));
            drop(child.stdout.take());
            child.wait_with_output()
        }
        Sink::Full => command.stdout(dev_full()).output(),
    }
    .unwrap_or_else(|e| panic!("tlgen did not finish: {e}"))
}

fn dev_full() -> File {
    File::options()
        .write(true)
        .open("/dev/full")
        .unwrap_or_else(|e| panic!("/dev/full: {e}"))
}

/// Asserts how a run under `sink` ended: with a closed pipe, `status` and no
/// message (`stderr` is what the command prints there anyway); on a full disk,
/// exit status 2 and the one line.
fn assert_ends(run: &Output, sink: Sink, status: i32, stderr: &str, what: &str) {
    let printed = text(&run.stderr);
    assert!(!printed.contains("panicked"), "{what} {sink:?}: {printed}");
    match sink {
        Sink::ClosedPipe => {
            assert_eq!(run.status.code(), Some(status), "{what}: {printed}");
            assert_eq!(printed, stderr, "{what}");
        }
        Sink::Full => {
            assert_eq!(run.status.code(), Some(2), "{what}: {printed}");
            assert_eq!(printed, format!("{stderr}{DISK_FULL}"), "{what}");
        }
    }
}

/// A schema of `range.len()` constructors `cN x:int = TN;` (no ids written).
fn many_constructors(dir: &Path, name: &str, range: std::ops::Range<usize>) -> String {
    let text: String = range.map(|i| format!("c{i} x:int = T{i};\n")).collect();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    path.display().to_string()
}

fn write(path: PathBuf, bytes: &[u8]) -> String {
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    path.display().to_string()
}

#[cfg(target_os = "linux")]
#[test]
fn check_list_ends_quietly_or_with_one_line() {
    let dir = temp_dir("write-check");
    // About 240 KB of listing.
    let schema = many_constructors(&dir, "many.tl", 0..10_000);
    // The same with an error at the end: a closed pipe keeps its status, 1.
    let mut broken = std::fs::read_to_string(&schema).unwrap_or_default();
    broken.push_str("c0 y:int = T0;\n");
    let broken = write(dir.join("broken.tl"), broken.as_bytes());
    for sink in [Sink::ClosedPipe, Sink::Full] {
        let out = run(&["check", "--list", &schema], sink);
        assert_ends(&out, sink, 0, "", "check --list");
        let out = run(&["check", "--list", &broken], sink);
        let stderr = text(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        let status = match sink {
            Sink::ClosedPipe => 1,
            Sink::Full => 2,
        };
        assert_eq!(out.status.code(), Some(status), "{sink:?}: {stderr}");
        assert!(
            stderr.starts_with("error[E0202]: constructor `c0` is defined twice"),
            "{stderr}"
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn diff_ends_quietly_or_with_one_line_in_every_format() {
    let dir = temp_dir("write-diff");
    // 1,000 definitions removed and 1,000 added: 250 KB of text at least.
    let old = many_constructors(&dir, "old.tl", 0..2_000);
    let new = many_constructors(&dir, "new.tl", 1_000..3_000);
    for sink in [Sink::ClosedPipe, Sink::Full] {
        for format in ["text", "markdown", "json"] {
            let out = run(&["diff", &old, &new, "--format", format], sink);
            assert_ends(&out, sink, 0, "", &format!("diff --format {format}"));
        }
        // `--fail-on` still decides the status when the reader has gone.
        let out = run(&["diff", &old, &new, "--fail-on", "any"], sink);
        let stderr = text(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        match sink {
            Sink::ClosedPipe => {
                assert_eq!(out.status.code(), Some(1), "{stderr}");
                assert!(
                    stderr.starts_with(
                        "error: the layers differ in a way `--fail-on` rejects: 1000 added (1000 \
                         constructors, 0 functions), 1000 removed (1000 constructors, 0 functions)"
                    ),
                    "{stderr}"
                );
            }
            Sink::Full => assert_ends(&out, sink, 2, "", "diff --fail-on"),
        }
    }
}

/// `Vector<long>` of 20,000 times -2^63: 160 KB of TL, 480 KB of JSON.
fn longs() -> Vec<u8> {
    let mut bytes = vec![0x15, 0xc4, 0xb5, 0x1c, 0x20, 0x4e, 0, 0];
    for _ in 0..20_000 {
        bytes.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 0x80]);
    }
    bytes
}

#[cfg(target_os = "linux")]
#[test]
fn decode_and_encode_end_quietly_or_with_one_line() {
    let dir = temp_dir("write-decode");
    let bytes = write(dir.join("longs.bin"), &longs());
    let mut json = String::from("[");
    json.push_str(&vec!["-9223372036854775808"; 20_000].join(","));
    json.push(']');
    let json = write(dir.join("longs.json"), json.as_bytes());
    let ty = "Vector<long>";
    for sink in [Sink::ClosedPipe, Sink::Full] {
        let out = run(&["decode", SEED, "--type", ty, &bytes], sink);
        assert_ends(&out, sink, 0, "", "decode");
        let out = run(&["decode", SEED, "--type", ty, "--pretty", &bytes], sink);
        assert_ends(&out, sink, 0, "", "decode --pretty");
        let out = run(&["encode", SEED, "--type", ty, &json], sink);
        assert_ends(&out, sink, 0, "", "encode");
        let out = run(&["encode", SEED, "--type", ty, "--hex", &json], sink);
        assert_ends(&out, sink, 0, "", "encode --hex");
    }
}

/// `--help` writes to standard output too (through clap).
#[cfg(target_os = "linux")]
#[test]
fn help_on_a_full_disk_is_one_line() {
    let out = run(&["--help"], Sink::Full);
    assert_ends(&out, Sink::Full, 0, "", "--help");
    let out = run(&["decode", "--help"], Sink::Full);
    assert_ends(&out, Sink::Full, 0, "", "decode --help");
}

/// Messages on standard error cannot be written: ignored, and the command
/// ends as it would have.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_on_standard_error_changes_nothing() {
    let dir = temp_dir("write-stderr");
    let out_dir = dir.join("out");
    let status = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_tlgen"))
            .args(args)
            .stdout(Stdio::null())
            .stderr(dev_full())
            .status()
            .unwrap_or_else(|e| panic!("cannot run tlgen: {e}"))
            .code()
    };
    // "wrote .../mod.rs: ..." cannot be shown; the module is written all the same.
    assert_eq!(
        status(&[SEED, "-o", &out_dir.display().to_string()]),
        Some(0)
    );
    assert!(out_dir.join("mod.rs").is_file());
    // Diagnostics of a schema with errors.
    let broken = write(dir.join("broken.tl"), b"a#1 x:Nope = A;\n");
    assert_eq!(status(&["check", &broken]), Some(1));
    assert_eq!(
        status(&[&broken, "-o", &out_dir.display().to_string()]),
        Some(1)
    );
    // A usage error.
    assert_eq!(status(&["check", "/nonexistent/x.tl"]), Some(2));
    assert_eq!(status(&["--no-such-flag"]), Some(2));
}
