//! `tlgen decode` and `tlgen encode` as a user runs them: files, stdin, hex,
//! `--bare`, `--function`, and the exit status of each kind of failure. The
//! bytes are worked out by hand from the schema's definitions:
//! `nearestDc#8e1a1775 country:string this_dc:int nearest_dc:int = NearestDc;`
//! and `help.getNearestDc#1fb33026 = NearestDc;`.

use serde_json::{Value, json};
use std::io::Write as _;
use std::process::{Command, Output, Stdio};
use tlgen_test_support::{API, schemas, temp_dir, text};

/// nearestDc "US" 2 2: id, "US" (length byte, 2 bytes, 1 of padding), 2, 2.
const NEAREST_DC: &str = "75171a8e025553000200000002000000";

/// Runs tlgen with `args`, `stdin` as its input.
fn tlgen(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tlgen"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run tlgen: {e}"));
    if let Some(mut input) = child.stdin.take() {
        input
            .write_all(stdin)
            .unwrap_or_else(|e| panic!("cannot write to tlgen: {e}"));
    }
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("tlgen did not finish: {e}"))
}

fn json_of(output: &Output) -> Value {
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(&output.stdout)))
}

fn nearest_dc_json() -> Value {
    json!({"_": "nearestDc", "country": "US", "this_dc": 2, "nearest_dc": 2})
}

#[test]
fn decode_from_a_hex_file_stdin_and_bare() {
    let Some(dir) = schemas(&[API]) else { return };
    let api = dir.join(API);
    let api = api.to_string_lossy();
    let work = temp_dir("decode");
    let hex = work.join("nearest.hex");
    std::fs::write(&hex, format!("{NEAREST_DC}\n")).unwrap_or_else(|e| panic!("{e}"));
    let hex = hex.to_string_lossy();
    let out = tlgen(&["decode", &api, "--type", "NearestDc", "--hex", &hex], b"");
    assert_eq!(json_of(&out), nearest_dc_json());
    // Keys in the schema's order, not sorted: as the generated serde code writes them.
    assert_eq!(
        text(&out.stdout),
        "{\n  \"_\": \"nearestDc\",\n  \"country\": \"US\",\n  \"this_dc\": 2,\n  \"nearest_dc\": 2\n}\n"
    );

    let bytes = tlgen_test_support::unhex(NEAREST_DC).unwrap_or_default();
    let out = tlgen(&["decode", &api, "--type", "NearestDc", "-"], &bytes);
    assert_eq!(json_of(&out), nearest_dc_json());

    // Without the id: the constructor's fields alone.
    let out = tlgen(
        &["decode", &api, "--type", "nearestDc", "--bare", "-"],
        &bytes[4..],
    );
    assert_eq!(json_of(&out), nearest_dc_json());

    let out = tlgen(
        &["decode", &api, "--function", "help.getNearestDc", "-"],
        &[0x26, 0x30, 0xb3, 0x1f],
    );
    assert_eq!(json_of(&out), json!({"_": "help.getNearestDc"}));
}

#[test]
fn encode_gives_the_bytes_back() {
    let Some(dir) = schemas(&[API]) else { return };
    let api = dir.join(API);
    let api = api.to_string_lossy();
    let json = nearest_dc_json().to_string();
    let out = tlgen(
        &["encode", &api, "--type", "NearestDc", "--hex", "-"],
        json.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), NEAREST_DC);

    let out = tlgen(
        &["encode", &api, "--type", "NearestDc", "-"],
        json.as_bytes(),
    );
    assert_eq!(Some(out.stdout), tlgen_test_support::unhex(NEAREST_DC));

    let out = tlgen(
        &["encode", &api, "--function", "help.getNearestDc", "-"],
        br#"{"_":"help.getNearestDc"}"#,
    );
    assert_eq!(out.stdout, [0x26, 0x30, 0xb3, 0x1f]);
}

#[test]
fn failures_exit_as_check_does() {
    let Some(dir) = schemas(&[API]) else { return };
    let api = dir.join(API);
    let api = api.to_string_lossy();
    // Bytes or JSON that are not a value of the type: 1, naming where.
    let truncated = tlgen_test_support::unhex("75171a8e0255").unwrap_or_default();
    let out = tlgen(&["decode", &api, "--type", "NearestDc", "-"], &truncated);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("at `country`") && stderr.contains("byte 4"),
        "{stderr}"
    );

    let wrong = br#"{"_":"nearestDc","country":"US","this_dc":2,"nearest_dc":"x"}"#;
    let out = tlgen(&["encode", &api, "--type", "NearestDc", "-"], wrong);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("at `nearest_dc`: expected a 32-bit integer"),
        "{stderr}"
    );

    // A type the schema does not define, or a file that is not there: 2.
    let out = tlgen(&["decode", &api, "--type", "NoSuchType", "-"], b"");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let out = tlgen(
        &["decode", &api, "--type", "NearestDc", "/nonexistent/x.bin"],
        b"",
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}
