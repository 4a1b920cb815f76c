//! `tlgen check` end to end: exit codes, summary, and what a user sees.

use std::path::Path;
use std::process::{Command, Output};
use tlgen_test_support::{temp_dir, text};

fn tlgen(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_tlgen"))
        .args(args)
        .output();
    match out {
        Ok(out) => out,
        Err(e) => panic!("cannot run tlgen: {e}"),
    }
}

fn write(dir: &Path, name: &str, contents: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap_or_else(|e| panic!("{e}"));
    path.display().to_string()
}

#[test]
fn the_seed_schema_is_valid() {
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/seed.tl");
    let out = tlgen(&["check", seed]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!(
            "{seed}: layer 186, 22 constructors (1 core line), 1 function, 15 types; 0 errors, 0 warnings\n\
             ids: Telegram's rule (from the written ids the rules disagree on: 5 follow Telegram's, 0 TDLib's)\n"
        )
    );
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn a_typo_in_a_3000_line_schema_shows_file_line_column_source_caret_and_suggestion() {
    let dir = temp_dir("cli-typo");
    let mut schema = String::new();
    for i in 0..3000 {
        if i == 2499 {
            // Line 2500 misspells `Peer2489`.
            schema.push_str("broken owner:Peer2489x = Broken;\n");
        } else {
            schema.push_str(&format!("peer{i} id:long = Peer{i};\n"));
        }
    }
    let path = write(&dir, "big.tl", schema.as_bytes());
    let out = tlgen(&["check", &path]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    let expected = [
        "error[E0201]: undefined type `Peer2489x`".to_owned(),
        format!("{path}:2500:14"),
        "2500 │ broken owner:Peer2489x = Broken;".to_owned(),
        "     │              ^^^^^^^^^ did you mean `Peer2489`?".to_owned(),
        "= help: did you mean `Peer2489`? If not, define a constructor whose result type is `Peer2489x`".to_owned(),
    ];
    for line in &expected {
        assert!(
            stderr.contains(line.as_str()),
            "missing {line:?} in:\n{stderr}"
        );
    }
    assert!(
        text(&out.stdout).contains("; 1 error, 0 warnings\n"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn warnings_do_not_fail_unless_denied() {
    let dir = temp_dir("cli-warn");
    // CRC32("a = A") is 0x7aae25b9, so #12345678 draws a warning.
    let path = write(&dir, "w.tl", b"a#12345678 = A;\n");
    let out = tlgen(&["check", &path]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stderr).contains(
        "warning[W0301]: written id #12345678 of `a` differs from the computed id #7aae25b9"
    ));
    let out = tlgen(&["check", "--deny-warnings", &path]);
    assert_eq!(out.status.code(), Some(1));
    let out = tlgen(&["check", "--quiet", &path]);
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn io_and_usage_errors_exit_with_2() {
    let out = tlgen(&["check", "/nonexistent/schema.tl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("error: cannot read `/nonexistent/schema.tl`: "));

    let dir = temp_dir("cli-binary");
    let path = write(&dir, "bin.tl", b"a = A;\xff\xfe");
    let out = tlgen(&["check", &path]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: `{path}` is not UTF-8 text (invalid byte at offset 6): TL schemas are text files\n"
        )
    );

    assert_eq!(tlgen(&["check"]).status.code(), Some(2));
    assert_eq!(tlgen(&["--no-such-flag"]).status.code(), Some(2));
}

#[test]
fn empty_and_comment_only_files_are_errors() {
    let dir = temp_dir("cli-empty");
    let path = write(&dir, "empty.tl", b"// nothing here\n");
    let out = tlgen(&["check", &path]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("error[E0214]: the schema holds no definitions"));
}

#[test]
fn several_files_are_checked_as_one_schema() {
    let dir = temp_dir("cli-multi");
    let a = write(&dir, "a.tl", b"// LAYER 7\nuser id:long = User;\n");
    let b = write(&dir, "b.tl", b"---functions---\ngetUser id:long = User;\n");
    let out = tlgen(&["check", &a, &b]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!(
            "{a} + {b}: layer 7, 1 constructor, 1 function, 1 type; 0 errors, 0 warnings\n\
             ids: Telegram's rule (the default: nothing in the schema points to TDLib's rule)\n"
        )
    );
}

#[test]
fn two_tl_names_for_one_rust_name_fail_check_as_they_fail_generation() {
    let dir = temp_dir("cli-clash");
    let path = write(&dir, "clash.tl", b"fooBar#1 = T;\nfoo_bar#2 = T;\n");
    let out = tlgen(&["check", "--quiet", &path]);
    assert_eq!(out.status.code(), Some(1));
    // The made-up ids draw two warnings (not shown: `--quiet`).
    assert_eq!(
        text(&out.stdout),
        format!(
            "{path}: no layer, 2 constructors, 0 functions, 1 type; 2 errors, 2 warnings\n\
             ids: Telegram's rule (the default: nothing in the schema points to TDLib's rule)\n"
        )
    );
    let stderr = text(&out.stderr);
    // The clash is reported for each scope where the two names meet: the
    // structs of module `types` and the variants of enum `T`. Each names both
    // lines.
    assert_eq!(stderr.matches("error[E0401]").count(), 2, "{stderr}");
    for scope in ["module `types`", "the variants of enum `T`"] {
        let expected = format!(
            "error[E0401]: constructor `foo_bar` and constructor `fooBar` both become the Rust \
             name `FooBar` in {scope}\n  ┌─ {path}:2:1\n  │\n1 │ fooBar#1 = T;\n  │ ------ \
             constructor `fooBar` is here\n2 │ foo_bar#2 = T;\n  │ ^^^^^^^ becomes `FooBar`\n  \
             │\n  = {path}:1:1: constructor `fooBar` is here\n  = help: rename one of them in \
             the schema; tlgen never renames silently, so that names stay predictable\n"
        );
        assert!(
            stderr.contains(&expected),
            "missing:\n{expected}\nin:\n{stderr}"
        );
    }

    // Generation fails with the same errors, and writes nothing.
    let out_dir = dir.join("out");
    let generate = tlgen(&[&path, "-o", &out_dir.display().to_string(), "--quiet"]);
    assert_eq!(generate.status.code(), Some(1));
    assert_eq!(
        text(&generate.stderr),
        format!("{stderr}error: nothing written: the schema cannot be turned into Rust\n")
    );
    assert!(!out_dir.exists());
}

/// `tlgen check --list SCHEMA` after its two summary lines, and its stderr.
fn listing(file: &str) -> Option<(Vec<String>, String)> {
    let dir = tlgen_test_support::schemas(&[file])?;
    let path = dir.join(file).display().to_string();
    let out = tlgen(&["check", "--list", &path]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines = stdout.lines().skip(2).map(str::to_owned).collect();
    Some((lines, text(&out.stderr)))
}

#[test]
fn listed_ids_of_tdlib_and_ton_schemas_are_tdlibs_reference_ids() {
    for (schema, reference) in [
        ("tdlib-td_api.tl", "reference-ids/tdlib-td_api.txt"),
        ("ton-lite_api.tl", "reference-ids/ton-lite_api.txt"),
    ] {
        let Some((listed, _)) = listing(schema) else {
            return;
        };
        let path = tlgen_test_support::schema_dir().join(reference);
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let expected: Vec<&str> = expected.lines().filter(|l| !l.is_empty()).collect();
        let differences: Vec<String> = listed
            .iter()
            .zip(&expected)
            .filter(|(a, b)| a != *b)
            .map(|(a, b)| format!("tlgen:     {a}\nreference: {b}"))
            .collect();
        assert_eq!(listed.len(), expected.len(), "{schema}");
        assert!(
            differences.is_empty(),
            "{schema}: {} differences:\n{}",
            differences.len(),
            differences.join("\n")
        );
    }
}

#[test]
fn listed_ids_of_telegrams_schemas_are_their_written_ids() {
    // Written ids counted with `grep -cE '^[A-Za-z_.0-9]+#[0-9a-f]+ '`.
    for (schema, written_ids, warnings) in [
        ("api-layer230.tl", 2554, 0),
        ("api-layer186.tl", 1999, 0),
        // Three ids Telegram assigned against its own rule.
        ("mtproto.tl", 55, 3),
    ] {
        let Some((listed, stderr)) = listing(schema) else {
            return;
        };
        assert_eq!(
            stderr.matches("warning[W0301]").count(),
            warnings,
            "{schema}"
        );
        // Written ids, read from the text with a plain split, not tlgen's parser.
        let path = tlgen_test_support::schema_dir().join(schema);
        let source = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let id = |head: &str| -> Option<(String, u32)> {
            let (name, hex) = head.split_once('#')?;
            Some((name.to_owned(), u32::from_str_radix(hex, 16).ok()?))
        };
        let written: Vec<(String, u32)> = source
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .filter(|head| !head.starts_with("//"))
            .filter_map(id)
            .collect();
        let listed_ids: Vec<(String, u32)> = listed
            .iter()
            .filter_map(|l| l.split_whitespace().next())
            .filter_map(id)
            .collect();
        let missing: Vec<&(String, u32)> =
            written.iter().filter(|w| !listed_ids.contains(w)).collect();
        assert_eq!(written.len(), written_ids, "{schema}");
        assert!(missing.is_empty(), "{schema}: {missing:?}");
    }
}

#[test]
fn the_id_rule_is_reported_and_can_be_forced() {
    let dir = temp_dir("cli-id-rule");
    // crc32("blob data:bytes = Blob") = 0xbb610091 (TDLib's rule),
    // crc32("blob data:string = Blob") = 0x20dbc7fa (Telegram's),
    // crc32("int53 = Int53") = 0x6781c7ee, as in reference-ids/tdlib-td_api.txt.
    let path = write(
        &dir,
        "blob.tl",
        b"int53 = Int53;\nblob data:bytes = Blob;\n",
    );
    let out = tlgen(&["check", "--list", &path]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!(
            "{path}: no layer, 2 constructors (1 core line), 0 functions, 2 types; 0 errors, 0 warnings\n\
             ids: TDLib's rule (the schema declares `int53`, as TDLib's and TON's schemas do)\n\
             int53#6781c7ee = Int53\n\
             blob#bb610091 data:bytes = Blob\n"
        )
    );
    let out = tlgen(&["check", "--list", "--id-rule", "telegram", &path]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("ids: Telegram's rule (as asked with --id-rule)\n"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("blob#20dbc7fa data:bytes = Blob\n"),
        "{stdout}"
    );
    let out = tlgen(&["check", "--id-rule", "literal", &path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--id-rule"),
        "{}",
        text(&out.stderr)
    );
}

/// Coverage of api-layer230 by Telegram's layer-223 documentation. The expected
/// numbers were computed apart from tlgen, by a short Python script that reads
/// the schema with a regular expression (one definition per line; `vector` is
/// the core line, not counted) and the JSON with `json.load`:
///
/// ```text
/// constructors (1703), functions (850), types (649, the result types of the
/// constructors): count the names that are keys of the JSON's `constructors`,
/// `methods`, `types` (a type key's capitalized namespace lowercased first:
/// `Account.Authorizations` is `account.Authorizations`, as TL namespaces begin
/// with a lowercase letter); entries naming nothing: JSON keys not among those
/// names; field entries: `fields`/`parameters` keys of an entry whose
/// definition has no field of that name (every `name:` token of its line).
/// ```
///
/// It printed 1524/179, 756/94, 584/65, 22 constructor entries (first
/// `FileHash`, `Updates`), 1 method entry (`upload.getWebfile`), 17 field
/// entries (first `account.cancelPasswordEmail.400`), and 8 type keys that are
/// TL's built-in types (`#`, `Vector t`, `bytes`, `double`, `int`, `int256`,
/// `long`, `string`).
#[test]
fn docs_coverage_of_api_layer_230() {
    let Some(dir) = tlgen_test_support::schemas(&[tlgen_test_support::API]) else {
        return;
    };
    let schema = dir.join(tlgen_test_support::API).display().to_string();
    let docs = tlgen_test_support::docs_file().display().to_string();
    let out = tlgen(&["check", &schema, "--docs", &docs]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let expected = format!(
        "{schema}: layer 230, 1704 constructors (1 core line), 850 functions, 650 types; 0 errors, 0 warnings\n\
         ids: Telegram's rule (from the written ids the rules disagree on: 585 follow Telegram's, 0 TDLib's)\n\
         documentation {docs} (layer 223):\n  \
         constructors: 1524 documented, 179 not documented\n  \
         functions: 756 documented, 94 not documented\n  \
         types: 584 documented, 65 not documented\n  \
         22 constructor entries name nothing in the schema: FileHash, Updates, inputKeyboardButtonRequestPeer, inputKeyboardButtonUrlAuth, inputKeyboardButtonUserProfile, ...\n  \
         1 method entry names nothing in the schema: upload.getWebfile\n  \
         17 field entries name nothing in the schema: account.cancelPasswordEmail.400, account.declinePasswordReset.400, account.initPasskeyRegistration.403, account.initPasskeyRegistration.406, account.resendPasswordEmail.400, ...\n  \
         8 type entries describe built-in types, which have no item of their own: #, Vector t, bytes, double, int, int256, long, string\n"
    );
    assert_eq!(text(&out.stdout), expected);
}

#[test]
fn bad_docs_json_is_a_usage_error_with_its_position() {
    let dir = temp_dir("cli-bad-docs");
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/seed.tl");
    let syntax = write(
        &dir,
        "syntax.json",
        b"{\n  \"index\": {\"categories\": []},\n  \"methods\": {,}\n}\n",
    );
    let out = tlgen(&["check", seed, "--docs", &syntax]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: invalid `--docs`: {syntax}:3:15: key must be a string; documentation must be \
             JSON in gotd's getdoc format (an object with `index`, `constructors`, `types`, \
             `methods`, `errors`)\n"
        )
    );
    // Valid JSON of the wrong shape: a string where the paragraphs' list goes.
    let shape = write(
        &dir,
        "shape.json",
        b"{\"index\": {\"categories\": []},\n \"methods\": {\"ping\": {\"name\": \"ping\", \"description\": \"Ping\"}}}\n",
    );
    let out = tlgen(&[
        seed,
        "--docs",
        &shape,
        "-o",
        &dir.join("out").display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: invalid `--docs`: {shape}:2:59: invalid type: string \"Ping\", expected a \
             sequence; documentation must be JSON in gotd's getdoc format (an object with \
             `index`, `constructors`, `types`, `methods`, `errors`)\n"
        )
    );
    assert!(!dir.join("out").exists());
    let missing = dir.join("missing.json").display().to_string();
    let out = tlgen(&["check", seed, "--docs", &missing]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with(&format!(
            "error: invalid `--docs`: {missing}: cannot read documentation: "
        )),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn docs_entries_naming_nothing_are_warnings() {
    let dir = temp_dir("cli-unknown-docs");
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/seed.tl");
    let docs = write(
        &dir,
        "docs.json",
        b"{\"index\": {\"categories\": []}, \"methods\": {\"phone.leaveGroupCall\": {\"name\": \"phone.leaveGroupCall\"}}}",
    );
    let out_dir = dir.join("out").display().to_string();
    let out = tlgen(&[seed, "--docs", &docs, "-o", &out_dir]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // One line, counted in the closing line's warnings; `check --docs` names
    // the entries.
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert_eq!(
        lines[0],
        "warning: documentation: 1 entry names nothing in the schema (1 method) and is \
         left out; `tlgen check SCHEMA... --docs FILE` lists them"
    );
    let closing = format!(
        "wrote {out_dir}/mod.rs: {seed}: layer 186, 22 constructors (1 core line), 1 function, \
         15 types; 0 errors, 1 warning ("
    );
    assert!(lines[1].starts_with(&closing), "{stderr}");
    assert!(lines[1].ends_with(" lines)"), "{stderr}");
}

// Hostile schemas (issue 23): definitions hidden by line endings, nesting
// that used to overflow the stack, one mistake buried under thousands of
// errors.

#[test]
fn a_schema_with_cr_line_endings_checks_and_generates_every_definition() {
    let dir = temp_dir("cli-cr");
    let path = write(
        &dir,
        "cr.tl",
        b"int ? = Int;\r// c\rfoo x:int = Foo;\rbar x:int = Bar;\r",
    );
    let out = tlgen(&["check", &path]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!(
            "{path}: no layer, 3 constructors (1 core line), 0 functions, 3 types; 0 errors, 0 warnings\n\
             ids: Telegram's rule (the default: nothing in the schema points to TDLib's rule)\n"
        )
    );
    let out_dir = dir.join("out").display().to_string();
    let out = tlgen(&[&path, "-o", &out_dir, "--no-format", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let code = std::fs::read_to_string(dir.join("out/mod.rs")).unwrap_or_default();
    for item in ["pub struct Foo {", "pub struct Bar {"] {
        assert_eq!(code.matches(item).count(), 1, "{item}");
    }
}

#[test]
fn diagnostics_of_a_cr_only_schema_show_the_right_line_and_column() {
    let dir = temp_dir("cli-cr-error");
    // Line 2 is `b x:Foo = B;` after a lone CR; `Foo` is in column 5.
    let path = write(&dir, "cr.tl", b"a = A;\rb x:Foo = B;\r");
    let out = tlgen(&["check", &path]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "error[E0201]: undefined type `Foo`\n  ┌─ {path}:2:5\n  │\n2 │ b x:Foo = B;\n  │     ^^^ \
             not defined in this schema\n  │\n  = help: define a constructor whose result type \
             is `Foo`, or check the spelling\n\n"
        )
    );
}

/// The three reproductions of the stack overflows, and a name 10,000
/// namespaces deep (generating it ran for minutes and gigabytes): file name,
/// text and where the error is.
fn too_deep_schemas() -> [(&'static str, String, &'static str); 4] {
    [
        (
            "vectors.tl",
            format!(
                "deep v:{}int{} = Deep;\n",
                "Vector<".repeat(10_000),
                ">".repeat(10_000)
            ),
            // "deep v:" then "Vector<" 7 characters each: the 33rd `<` is in
            // column 7 × 33 + 7.
            "1:238",
        ),
        (
            "unclosed.tl",
            format!("deep v:{}\n", "Vector<".repeat(100_000)),
            "1:238",
        ),
        (
            "parens.tl",
            format!("deep v:{}\n", "(".repeat(100_000)),
            // "deep v:" then the 33rd `(`.
            "1:40",
        ),
        (
            "namespaces.tl",
            format!("{}x v:int = T;\n", "a.".repeat(10_000)),
            // `a.a.…`: the 33rd `.` is in column 66.
            "1:66",
        ),
    ]
}

#[test]
fn nesting_past_the_limit_is_an_error_in_check_diff_and_generation() {
    let dir = temp_dir("cli-deep");
    let ok = write(&dir, "ok.tl", b"ok x:int = Ok;\n");
    for (name, schema, at) in too_deep_schemas() {
        let path = write(&dir, name, schema.as_bytes());
        let out_dir = dir.join(format!("out-{name}")).display().to_string();
        for args in [
            vec!["check", path.as_str()],
            vec!["diff", ok.as_str(), path.as_str()],
            vec![path.as_str(), "-o", out_dir.as_str()],
        ] {
            let out = tlgen(&args);
            let stderr = text(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
            assert_eq!(stderr.matches("error[").count(), 1, "{args:?}: {stderr}");
            assert!(
                stderr.contains("error[E0107]: ")
                    && stderr.contains(" nest at most 32 ")
                    && stderr.contains(&format!("┌─ {path}:{at}\n")),
                "{args:?}: {stderr}"
            );
        }
    }
}

#[test]
fn a_thousand_vector_words_without_brackets_print_one_error() {
    let dir = temp_dir("cli-flat");
    let path = write(
        &dir,
        "flat.tl",
        format!("deep v:{}int = Deep;\n", "Vector ".repeat(1000)).as_bytes(),
    );
    let out = tlgen(&["check", &path]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.matches("error[").count(), 1, "{stderr}");
    assert!(stderr.starts_with("error[E0208]: `Vector` needs an item type\n"));
    assert!(text(&out.stdout).contains("; 1 error, 0 warnings\n"));
}

#[test]
fn errors_of_one_kind_are_capped_and_counted() {
    let dir = temp_dir("cli-many");
    let schema: String = (0..100)
        .map(|i| format!("a{i} x:Missing{i} = A;\n"))
        .collect();
    let path = write(&dir, "many.tl", schema.as_bytes());
    let out = tlgen(&["check", &path]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.matches("error[E0201]: undefined type").count(), 20);
    // Line 21 is `a20 x:Missing20 = A;`: the first left out, in column 7
    // (the gutter is one wider for two-digit line numbers).
    assert!(
        stderr.contains(&format!(
            "error[E0201]: and 80 more errors E0201 not shown (the first is here)\n   ┌─ {path}:21:7\n"
        )),
        "{stderr}"
    );
    assert!(text(&out.stdout).contains("; 100 errors, 0 warnings\n"));
}

/// A schema whose types nest exactly as deep as the parser allows, in every
/// place a type can stand (fields, parentheses, bare marks, a function's
/// argument and result), and whose names have as many namespaces.
fn deepest_schema() -> String {
    let n = tl_parser::MAX_NESTING;
    format!(
        "deep v:{vectors}int{close} = Deep;\n\
         other x:{parens}Vector int{close_parens} = Other;\n\
         bare x:{bare}Other = Bare;\n\
         {namespaces}inner v:{vectors}Deep{close} = {namespaces}Inner;\n\
         ---functions---\n\
         f x:{bare_vectors}Deep{close} = {result}Deep{close_result};\n\
         {namespaces}g x:{namespaces}Inner = {namespaces}Inner;\n",
        namespaces = "n.".repeat(n),
        vectors = "Vector<".repeat(n),
        close = ">".repeat(n),
        // `(Vector int)` nests one level inside the parentheses.
        parens = "(".repeat(n - 1),
        close_parens = ")".repeat(n - 1),
        bare = "%".repeat(n - 1),
        bare_vectors = "vector<".repeat(n),
        result = "Vector<".repeat(n - 1),
        close_result = ">".repeat(n - 1),
    )
}

#[test]
fn the_deepest_schema_checks_generates_and_diffs() {
    let dir = temp_dir("cli-deepest");
    let path = write(&dir, "deepest.tl", deepest_schema().as_bytes());
    let ok = write(&dir, "ok.tl", b"ok x:int = Ok;\n");
    let out_dir = dir.join("out").display().to_string();
    for args in [
        vec!["check", path.as_str()],
        vec!["diff", ok.as_str(), path.as_str()],
        vec!["diff", path.as_str(), path.as_str()],
        vec![path.as_str(), "-o", out_dir.as_str(), "--quiet"],
        vec![
            path.as_str(),
            "-o",
            out_dir.as_str(),
            "--quiet",
            "--no-format",
        ],
    ] {
        let out = tlgen(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn the_deepest_schema_generates_and_diffs_on_a_2_mib_stack() {
    // A test thread's stack, the smallest a caller is likely to give: every
    // walk over types after the parser (checker, model, emission,
    // formatting, diff) fits in it, in unoptimized builds too.
    let done = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            let text = deepest_schema();
            let generated = |format: bool| {
                tl_codegen::Builder::new()
                    .schema_text("deepest.tl", text.clone())
                    .cargo_directives(false)
                    .format(format)
                    .generate()
                    .map(|g| g.code().len())
                    .map_err(|e| format!("{e:?}"))
            };
            let formatted = generated(true)?;
            let unformatted = generated(false)?;
            // The same with `deep`'s innermost item type changed: the
            // diffs compare the two deepest types all the way down.
            let (_, old) = tl_parser::check_str("deepest.tl", &text);
            let (_, new) = tl_parser::check_str("changed.tl", &text.replacen("int>", "long>", 1));
            let options = tl_codegen::Options::default();
            let api = tl_codegen::diff::diff(&old.schema, &new.schema, &options)
                .map_err(|e| e.to_string())?;
            let tl = tl_parser::diff::diff(&old.schema, &new.schema);
            Ok::<_, String>((
                formatted > 0,
                unformatted > 0,
                api.changed.len(),
                tl.changed.len(),
            ))
        })
        .map(|thread| thread.join());
    match done {
        Ok(Ok(result)) => assert_eq!(result, Ok((true, true, 1, 1))),
        Ok(Err(_)) => panic!("generating the deepest schema panicked"),
        Err(e) => panic!("cannot start a thread: {e}"),
    }
}

#[test]
fn a_definition_with_an_error_gets_no_id_mismatch_warning() {
    // Both written ids differ from the computed ones. Line 1 has no error
    // and keeps its W0301; line 2 has an unknown type, and its computed id
    // (the hash of text with the typo) would only repeat that error.
    let dir = temp_dir("cli-knock-on");
    let path = write(
        &dir,
        "k.tl",
        b"a#12345678 = A;\nuser#12345679 id:long name:strng = User;\n",
    );
    let out = tlgen(&["check", &path]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.matches("warning[W0301]").count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "warning[W0301]: written id #12345678 of `a` differs from the computed id #7aae25b9\n  ┌─ {path}:1:3\n"
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("`user` differs"), "{stderr}");
    assert!(
        text(&out.stdout).contains("; 1 error, 1 warning\n"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_long_line_is_shown_as_a_window_around_the_caret_with_the_real_column() {
    // Line 2 is 600 characters: `big `, 42 fields `fNNN:int ` (9 characters
    // each, through character 382), `xxxxxx:`, then `Strng` at characters
    // 389..394 (column 390), 22 fields ` gNNN:int` and ` = Long;`.
    let fields: String = (0..42).map(|i| format!("f{i:03}:int ")).collect();
    let more: String = (0..22).map(|i| format!(" g{i:03}:int")).collect();
    let line = format!("big {fields}xxxxxx:Strng{more} = Long;");
    assert_eq!(line.chars().count(), 600);
    let dir = temp_dir("cli-long-line");
    let path = write(&dir, "long.tl", format!("// long\n{line}\n").as_bytes());
    let out = tlgen(&["check", &path]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    // The window is 100 characters centred on the 5 of `Strng`: the 47
    // before it start at character 342, inside `f037:int ` (its `int `),
    // and the 48 after it end with ` g0` of ` g005:int`.
    let shown = "...int f038:int f039:int f040:int f041:int xxxxxx:Strng \
                 g000:int g001:int g002:int g003:int g004:int g0...";
    assert_eq!(
        stderr,
        format!(
            "error[E0201]: undefined type `Strng`\n\
             \x20 ┌─ {path}:2:390\n\
             \x20 │\n\
             2 │ {shown}\n\
             \x20 │ {}^^^^^ not defined in this schema\n\
             \x20 │\n\
             \x20 = the rest of `big` is checked once this is fixed\n\
             \x20 = help: define a constructor whose result type is `Strng`, or check the spelling\n\n",
            // `...` and the 47 characters before `Strng`.
            " ".repeat(3 + 47)
        )
    );
    // The caret sits under the `S` of `Strng` in the line shown.
    let lines: Vec<&str> = stderr.lines().collect();
    let source = lines.get(3).and_then(|l| l.strip_prefix("2 │ "));
    let caret = lines.get(4).and_then(|l| l.strip_prefix("  │ "));
    assert_eq!(
        caret.and_then(|c| c.find('^')),
        source.and_then(|s| s.find("Strng")),
        "{stderr}"
    );
}
