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
        // tlgen may stop reading and exit first (an error in its arguments, or
        // early in the input): then the pipe is closed, and its output says why.
        match input.write_all(stdin) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                panic!("cannot write to tlgen: {e}")
            }
            _ => {}
        }
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

/// `updateShortMessage` of schema/seed.tl, worked out by hand: its id
/// 0x313bc7f8, flags 2 (`out`), id 5, user_id 777000 (0x0bdb28, a long), "hi"
/// (length byte, 2 bytes, 1 of padding), pts 1, pts_count 1, date 1700000000
/// (0x6553f100).
const UPDATE_SHORT_MESSAGE: &str = "f8c73b31 02000000 05000000 28db0b0000000000 02686900 \
                                    01000000 01000000 00f15365";

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/seed.tl");

/// A constructor's name is read as the help says: without `--bare`, its value
/// with its id first, which must be that constructor's; with `--bare`, its
/// fields alone. (It used to be read as bare without `--bare`, and the error
/// blamed a later field.)
#[test]
fn a_constructor_is_read_with_its_id_unless_bare() {
    let bytes =
        tlgen_test_support::unhex(&UPDATE_SHORT_MESSAGE.replace(' ', "")).unwrap_or_default();
    let expected = json!({
        "_": "updateShortMessage", "out": true, "id": 5, "user_id": 777000,
        "message": "hi", "pts": 1, "pts_count": 1, "date": 1700000000
    });
    let out = tlgen(
        &["decode", SEED, "--type", "updateShortMessage", "-"],
        &bytes,
    );
    assert_eq!(json_of(&out), expected);
    let out = tlgen(&["decode", SEED, "--type", "Updates", "-"], &bytes);
    assert_eq!(json_of(&out), expected);
    let out = tlgen(
        &[
            "decode",
            SEED,
            "--type",
            "updateShortMessage",
            "--bare",
            "-",
        ],
        &bytes[4..],
    );
    assert_eq!(json_of(&out), expected);

    // The fields alone without `--bare`: the flags word (2) is read as the id.
    let out = tlgen(
        &["decode", SEED, "--type", "updateShortMessage", "-"],
        &bytes[4..],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert_eq!(
        text(&out.stderr),
        "error: `-` is not a value of the type: unknown constructor id 0x00000002 at byte 0 for \
         constructor updateShortMessage (if the value starts without its id, add --bare)\n"
    );
    // Another constructor of the type: updatesTooLong#e317af7e.
    let out = tlgen(
        &["decode", SEED, "--type", "updateShortMessage", "-"],
        &[0x7e, 0xaf, 0x17, 0xe3],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert_eq!(
        text(&out.stderr),
        "error: `-` is not a value of the type: unknown constructor id 0xe317af7e at byte 0 for \
         constructor updateShortMessage (it is `updatesTooLong`, of type Updates: use --type \
         Updates)\n"
    );

    // `encode` writes the id, and takes only that constructor's object.
    let out = tlgen(
        &["encode", SEED, "--type", "updateShortMessage", "--hex", "-"],
        expected.to_string().as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!("{}\n", UPDATE_SHORT_MESSAGE.replace(' ', ""))
    );
    let out = tlgen(
        &["encode", SEED, "--type", "updateShortMessage", "-"],
        br#"{"_":"updatesTooLong"}"#,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert_eq!(
        text(&out.stderr),
        "error: `-` is not a value of the type: at the top level: expected an object of \
         `updateShortMessage`, found `_`: \"updatesTooLong\"\n"
    );

    // Inside a vector, a constructor's name is its bare type, as in a schema:
    // `Vector<updateShortMessage>` of one, without the item's id.
    let mut vector = vec![0x15, 0xc4, 0xb5, 0x1c, 1, 0, 0, 0];
    vector.extend_from_slice(&bytes[4..]);
    let out = tlgen(
        &["decode", SEED, "--type", "Vector<updateShortMessage>", "-"],
        &vector,
    );
    assert_eq!(json_of(&out), json!([expected]));

    // A request always starts with its function's id: `--bare` is refused.
    let out = tlgen(
        &[
            "decode",
            SEED,
            "--function",
            "phone.joinGroupCall",
            "--bare",
            "-",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr)
            .starts_with("error: the argument '--function <F>' cannot be used with '--bare'\n"),
        "{}",
        text(&out.stderr)
    );
}

/// The errors of a request: what was expected, and what the input is instead.
#[test]
fn errors_about_functions_say_what_was_expected() {
    let dir = temp_dir("decode-functions");
    let schema = dir.join("nearest.tl");
    std::fs::write(
        &schema,
        "nearestDc#8e1a1775 country:string this_dc:int nearest_dc:int = NearestDc;\n\
         ---functions---\n\
         help.getNearestDc#1fb33026 = NearestDc;\n\
         invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let schema = schema.to_string_lossy();
    let nearest = tlgen_test_support::unhex(NEAREST_DC).unwrap_or_default();
    let run = |args: &[&str], stdin: &[u8], status: i32, stderr: &str| {
        let mut all = vec![args[0], &schema];
        all.extend_from_slice(&args[1..]);
        all.push("-");
        let out = tlgen(&all, stdin);
        assert_eq!(out.status.code(), Some(status), "{args:?}");
        assert_eq!(text(&out.stderr), stderr, "{args:?}");
    };
    run(
        &["decode", "--function", "help.getNearestDc"],
        &nearest,
        1,
        "error: `-` is not a value of the type: unknown constructor id 0x8e1a1775 at byte 0 for \
         function help.getNearestDc (it is `nearestDc`, of type NearestDc: use --type \
         NearestDc)\n",
    );
    // invokeWithLayer#da9b0d0d, layer 1, then a nearestDc where `!X` wants a request.
    let mut invoke = vec![0x0d, 0x0d, 0x9b, 0xda, 1, 0, 0, 0];
    invoke.extend_from_slice(&nearest);
    run(
        &["decode", "--function", "invokeWithLayer"],
        &invoke,
        1,
        "error: `-` is not a value of the type: at `query`: unknown constructor id 0x8e1a1775 at \
         byte 8 for a function's request (it is `nearestDc`, of type NearestDc)\n",
    );
    let json = json!({"_": "invokeWithLayer", "layer": 1, "query": nearest_dc_json()});
    run(
        &["encode", "--function", "invokeWithLayer"],
        json.to_string().as_bytes(),
        1,
        "error: `-` is not a value of the type: at `query`: expected a function's request \
         (`!X`), found `nearestDc`, which is a constructor of type NearestDc\n",
    );
    let json = json!({"_": "invokeWithLayer", "layer": 1, "query": {"layer": 2}});
    run(
        &["encode", "--function", "invokeWithLayer"],
        json.to_string().as_bytes(),
        1,
        "error: `-` is not a value of the type: at `query`: missing `_`: an object of `!X` must \
         name its constructor\n",
    );
    run(
        &["decode", "--function", "nearestDc"],
        &nearest,
        2,
        "error: `nearestDc` is a constructor of type `NearestDc`, not a function: use --type \
         NearestDc\n",
    );
    run(
        &["decode", "--function", "NearestDc"],
        &nearest,
        2,
        "error: `NearestDc` is a type, not a function: use --type NearestDc\n",
    );
}

/// Runs `tlgen COMMAND seed.tl ARGS... -` on `stdin`, and checks its exit
/// status, its standard error and that it printed nothing.
fn fails_on_seed(args: &[&str], stdin: &[u8], status: i32, stderr: &str) {
    let mut all = vec![args[0], SEED];
    all.extend_from_slice(&args[1..]);
    all.push("-");
    let out = tlgen(&all, stdin);
    assert_eq!(out.status.code(), Some(status), "{args:?}");
    assert_eq!(text(&out.stderr), stderr, "{args:?}");
    assert_eq!(text(&out.stdout), "", "{args:?}");
}

/// A name `--type` or `--function` does not know is a usage error (2) naming
/// what it likely stands for: a name that differs only in case, else the
/// nearest ones (at most three); `encode` looks names up the same way.
#[test]
fn unknown_names_suggest_the_closest() {
    for command in ["decode", "encode"] {
        fails_on_seed(
            &[command, "--function", "phone.joinGroupcall"],
            b"",
            2,
            "error: the schema has no function `phone.joinGroupcall`; did you mean \
             `phone.joinGroupCall`?\n",
        );
    }
    fails_on_seed(
        &["decode", "--type", "updateshortmessage"],
        b"",
        2,
        "error: the schema defines no type or constructor `updateshortmessage`; did you mean \
         `updateShortMessage`?\n",
    );
    fails_on_seed(
        &["decode", "--type", "Vector<updateshortmessage>"],
        b"",
        2,
        "error: the schema defines no type or constructor `updateshortmessage`; did you mean \
         `updateShortMessage`?\n",
    );
    fails_on_seed(
        &["decode", "--type", "Long"],
        b"",
        2,
        "error: the schema defines no type or constructor `Long`; did you mean `long`?\n",
    );
    // No name differs only in case: the nearest, the type `Updates` and the
    // constructor `updates` one letter away, then the type `Update`, two.
    fails_on_seed(
        &["decode", "--type", "Updatess"],
        b"",
        2,
        "error: the schema defines no type or constructor `Updatess`; did you mean `Updates`, \
         `updates` or `Update`?\n",
    );
    fails_on_seed(
        &["decode", "--type", "NoSuchType"],
        b"",
        2,
        "error: the schema defines no type or constructor `NoSuchType`\n",
    );
}

/// Hex text read without `--hex` fails at its first word, an id made of ASCII
/// digits ("7bff" is 0x37 0x62 0x66 0x66, the id 0x66666237): the error adds
/// that the input is hex text. Input that is not gets no such line.
#[test]
fn hex_text_without_hex_is_pointed_to_hex() {
    let error = "error: `-` is not a value of the type: unknown constructor id 0x66666237 at byte \
                 0 for type Updates\n";
    let help = "help: `-` holds only hex digits and white space: to read it as hex text, add \
                --hex\n";
    fails_on_seed(
        &["decode", "--type", "Updates"],
        b"7bff32b1\n",
        1,
        &format!("{error}{help}"),
    );
    // An odd number of digits is still hex text; `--hex` then says what is wrong.
    fails_on_seed(
        &["decode", "--type", "Updates"],
        b"7bff32b\n",
        1,
        &format!("{error}{help}"),
    );
    fails_on_seed(
        &["decode", "--type", "Updates", "--hex"],
        b"7bff32b\n",
        2,
        "error: `-`: odd number of hex digits (7)\n",
    );
    // "7bxf": 'x' is no hex digit.
    fails_on_seed(
        &["decode", "--type", "Updates"],
        b"7bxf",
        1,
        "error: `-` is not a value of the type: unknown constructor id 0x66786237 at byte 0 for \
         type Updates\n",
    );
}

/// The id of a function (phone.joinGroupCall#b132ff7b, little-endian on the
/// wire: 7b ff 32 b1) where `--type` wants a value: the error says which
/// `--function` reads the bytes. Deeper, inside the value, the bytes are wrong
/// whatever the flags, and the error only names the function.
#[test]
fn a_functions_id_points_to_function() {
    let request = [0x7b, 0xff, 0x32, 0xb1];
    let error = "error: `-` is not a value of the type: unknown constructor id 0xb132ff7b at byte \
                 0 for type Updates (it is function `phone.joinGroupCall`: use --function \
                 phone.joinGroupCall)\n";
    fails_on_seed(&["decode", "--type", "Updates"], &request, 1, error);
    fails_on_seed(
        &["decode", "--type", "Updates", "--hex"],
        b"7b ff 32 b1\n",
        1,
        error,
    );
    // Vector<Updates> of one item: the vector's id 0x1cb5c415, the count 1,
    // then the function's id at byte 8.
    let mut vector = vec![0x15, 0xc4, 0xb5, 0x1c, 1, 0, 0, 0];
    vector.extend_from_slice(&request);
    fails_on_seed(
        &["decode", "--type", "Vector<Updates>"],
        &vector,
        1,
        "error: `-` is not a value of the type: at `[0]`: unknown constructor id 0xb132ff7b at \
         byte 8 for type Updates (it is function `phone.joinGroupCall`)\n",
    );
    // A constructor's id where the request is wanted: updatesTooLong#e317af7e.
    fails_on_seed(
        &["decode", "--function", "phone.joinGroupCall"],
        &[0x7e, 0xaf, 0x17, 0xe3],
        1,
        "error: `-` is not a value of the type: unknown constructor id 0xe317af7e at byte 0 for \
         function phone.joinGroupCall (it is `updatesTooLong`, of type Updates: use --type \
         Updates)\n",
    );
}

// ------------------------------------------------------------------ hostile input (issue 23)

/// `depth` levels of api-layer230's RichText: `depth - 1` textBold#6724abc4
/// around a textEmpty#dc3d824f.
fn bolds(depth: usize) -> Vec<u8> {
    let mut ids = vec![0x6724_abc4_u32; depth - 1];
    ids.push(0xdc3d_824f);
    ids.iter().flat_map(|id| id.to_le_bytes()).collect()
}

#[test]
fn hex_input_is_hex_digits_only() {
    let Some(dir) = schemas(&[API]) else { return };
    let api = dir.join(API);
    let api = api.to_string_lossy();
    // `u8::from_str_radix` reads "+f" as 15: this was 252645135.
    let out = tlgen(
        &["decode", &api, "--type", "int", "--hex", "-"],
        b"+f+f+f+f",
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert_eq!(text(&out.stderr), "error: `-`: not hex at digit 0: '+'\n");
    let out = tlgen(
        &["decode", &api, "--type", "int", "--hex", "-"],
        b"0f 00 00 00\n",
    );
    assert_eq!(text(&out.stdout), "15\n");
    // int128 in JSON: hex digits only.
    let out = tlgen(
        &["encode", &api, "--type", "int128", "-"],
        br#""+f+f+f+f+f+f+f+f+f+f+f+f+f+f+f+f""#,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "error: `-` is not a value of the type: at the top level: expected 32 hex digits (16 bytes), found \"+f+f+f+f+f+f+f+f+f+f+f+f+f+f+f+f\"\n"
    );
}

#[test]
fn one_depth_limit_both_ways() {
    let Some(dir) = schemas(&[API]) else { return };
    let api = dir.join(API);
    let api = api.to_string_lossy();
    let work = temp_dir("decode-depth");
    // A limit deeper than JSON reads back is a usage error (this overflowed the
    // stack on 8,000 levels of textBold).
    for command in ["decode", "encode"] {
        let out = tlgen(
            &[
                command,
                &api,
                "--type",
                "RichText",
                "--max-depth",
                "1000000",
                "-",
            ],
            &bolds(8000),
        );
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert_eq!(
            text(&out.stderr),
            "error: --max-depth 1000000: at most 127, the deepest JSON that reads back\n"
        );
    }
    // At every depth decode accepts, encode reads its output back.
    for (depth, limit) in [(64, None), (127, Some("127"))] {
        let mut args = vec!["--type", "RichText"];
        if let Some(limit) = limit {
            args.extend(["--max-depth", limit]);
        }
        let mut decode = vec!["decode", &*api];
        decode.extend(&args);
        decode.push("-");
        let out = tlgen(&decode, &bolds(depth));
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let json = work.join(format!("bolds{depth}.json"));
        std::fs::write(&json, &out.stdout).unwrap_or_else(|e| panic!("{e}"));
        let json = json.to_string_lossy();
        let mut encode = vec!["encode", &*api];
        encode.extend(&args);
        encode.push(&json);
        let out = tlgen(&encode, b"");
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(out.stdout, bolds(depth), "depth {depth}");
    }
    // One level more than the default (64) is refused both ways: the 65th body
    // starts at byte 64 * 4 + 4; its object after 64 prefixes of 23 characters
    // (`{"_":"textBold","text":`).
    let path = vec!["text"; 64].join(".");
    let out = tlgen(&["decode", &api, "--type", "RichText", "-"], &bolds(65));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: `-` is not a value of the type: at `{path}`: value at byte 260 is nested deeper than the limit of 64 levels\n"
        )
    );
    let json = format!(
        "{}{{\"_\":\"textEmpty\"}}{}",
        r#"{"_":"textBold","text":"#.repeat(64),
        "}".repeat(64)
    );
    let out = tlgen(
        &["encode", &api, "--type", "RichText", "-"],
        json.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: `-` is not a value of the type: at `{path}`: nested deeper than the limit of 64 levels at line 1 column 1473\n"
        )
    );
    // Vectors count: Vector<Vector<int>> [[7]] is two levels; the inner
    // vector's count is at byte 12.
    let nested: Vec<u8> = [0x1cb5_c415_u32, 1, 0x1cb5_c415, 1, 7]
        .iter()
        .flat_map(|w| w.to_le_bytes())
        .collect();
    let vectors = ["--type", "Vector<Vector<int>>", "--max-depth", "1", "-"];
    let out = tlgen(&[&["decode", &*api][..], &vectors[..]].concat(), &nested);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "error: `-` is not a value of the type: at `[0]`: value at byte 12 is nested deeper than the limit of 1 levels\n"
    );
    let out = tlgen(&[&["encode", &*api][..], &vectors[..]].concat(), b"[[7]]");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "error: `-` is not a value of the type: at `[0]`: nested deeper than the limit of 1 levels at line 1 column 2\n"
    );
}

#[test]
fn encode_refuses_a_key_given_twice() {
    let Some(dir) = schemas(&[API]) else { return };
    let api = dir.join(API);
    let api = api.to_string_lossy();
    let json = br#"{"_":"nearestDc","_":"nearestDc","country":"US","this_dc":2,"nearest_dc":2}"#;
    let out = tlgen(&["encode", &api, "--type", "NearestDc", "--hex", "-"], json);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert_eq!(
        text(&out.stderr),
        "error: `-` is not a value of the type: at the top level: duplicate key `_`: give each key once at line 1 column 75\n"
    );
}

#[test]
fn encode_derives_flags_from_the_fields() {
    let Some(dir) = schemas(&[API]) else { return };
    let api = dir.join(API);
    let api = api.to_string_lossy();
    // updateNewAuthorization#8951abef flags:# unconfirmed:flags.0?true hash:long
    //   date:flags.0?int device:flags.0?string location:flags.0?string = Update;
    let encode = |json: &str| {
        tlgen(
            &["encode", &api, "--type", "Update", "--hex", "-"],
            json.as_bytes(),
        )
    };
    // id; flags 1; hash 1; date 2; "a" and "b" (length, byte, 2 of padding).
    let out = encode(
        r#"{"_":"updateNewAuthorization","unconfirmed":true,"hash":1,"date":2,"device":"a","location":"b"}"#,
    );
    assert_eq!(
        text(&out.stdout),
        "efab5189010000000100000000000000020000000161000001620000\n"
    );
    // This wrote flags 0, losing `unconfirmed`.
    let out = encode(r#"{"_":"updateNewAuthorization","unconfirmed":true,"hash":1}"#);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert_eq!(
        text(&out.stderr),
        "error: `-` is not a value of the type: at the top level: missing field `date` of `updateNewAuthorization`: `unconfirmed` is true, which sets bit 0 of `flags`, and `date` is on that bit too\n"
    );
    // This set the bit, which decoded back as `"unconfirmed": true`.
    let out = encode(
        r#"{"_":"updateNewAuthorization","unconfirmed":false,"hash":1,"date":2,"device":"a","location":"b"}"#,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert_eq!(
        text(&out.stderr),
        "error: `-` is not a value of the type: at `unconfirmed`: `unconfirmed` is false, but `date` is given, and both are bit 0 of `flags`: make `unconfirmed` true or leave it out\n"
    );
}
