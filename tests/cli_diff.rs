//! `tlgen diff` end to end: layer 186 -> 230 against an independent count
//! (`tools/layer_diff.py`, checked in as `tests/diff-186-230.json`, which
//! `.ci/run` verifies is up to date), a reviewed Markdown snapshot of two
//! namespaces, and what a user sees on bad input.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};
use tlgen_test_support::{temp_dir, text};

const OLD: &str = "api-layer186.tl";

fn tlgen_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tlgen"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run tlgen: {e}"))
}

fn write(dir: &Path, name: &str, contents: &str) {
    std::fs::write(dir.join(name), contents).unwrap_or_else(|e| panic!("{e}"));
}

/// `value[a][b]...` as a list of strings.
fn names(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn layer_186_to_230_matches_the_independent_count() {
    let Some(dir) = tlgen_test_support::schemas(&[OLD, tlgen_test_support::API]) else {
        return;
    };
    let expected: Value = serde_json::from_str(include_str!("diff-186-230.json"))
        .unwrap_or_else(|e| panic!("tests/diff-186-230.json: {e}"));
    assert_eq!(expected["old"], OLD);
    assert_eq!(expected["new"], tlgen_test_support::API);
    let out = tlgen_in(
        &dir,
        &["diff", OLD, tlgen_test_support::API, "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("tlgen's JSON: {e}"));
    for list in ["added", "removed", "changed"] {
        for (kind, plural) in [("constructor", "constructors"), ("function", "functions")] {
            let mut ours: Vec<String> = report[list]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|e| e["kind"] == kind)
                .filter_map(|e| e["name"].as_str().map(str::to_owned))
                .collect();
            ours.sort();
            let theirs = names(&expected[list][plural]);
            assert_eq!(ours, theirs, "{list} {plural}");
            assert_eq!(
                report["summary"][list][plural], expected[list]["counts"][plural],
                "summary of {list} {plural}"
            );
        }
    }
    // Ids are hex strings, as TL writes them.
    let first = &report["changed"][0];
    let id = first["old_id"].as_str().unwrap_or_default();
    assert!(id.len() == 10 && id.starts_with("0x"), "{first}");
}

#[test]
fn markdown_of_the_phone_and_updates_namespaces() {
    let Some(dir) = tlgen_test_support::schemas(&[OLD, tlgen_test_support::API]) else {
        return;
    };
    let out = tlgen_in(
        &dir,
        &[
            "diff",
            OLD,
            tlgen_test_support::API,
            "--format",
            "markdown",
            "--namespace",
            "phone",
            "--namespace",
            "updates",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    insta::assert_snapshot!(text(&out.stdout));
}

/// Issue 25: with a new id every change is incompatible "with the id" (one
/// verdict the header and the lines agree on), two fields of one group get
/// one note, the group's type is Rust (`Option<types::call::Key>`, its fields
/// after it), and `--keep` reports only what a pruned module holds. (`call`
/// also grows past the size the model boxes variants at: a change only the
/// generated Rust shows, reported on its own.)
#[test]
fn one_wire_verdict_one_note_per_group_and_keep() {
    let dir = temp_dir("diff-groups");
    write(
        &dir,
        "old.tl",
        "call#1 flags:# muted:flags.0?true peer:int = Call;\nother#5 x:int = Other;\n",
    );
    write(
        &dir,
        "new.tl",
        "call#2 flags:# muted:flags.0?true peer:int key:flags.3?int block:flags.3?string = Call;\n\
         other#6 x:int y:int = Other;\n",
    );
    let call = "  ~ constructor call#00000001 -> #00000002  [wire: incompatible; Rust: breaking]\n      \
         id #00000001 -> #00000002\n        \
         wire: incompatible (a peer of the other layer does not know the new id, nor the old one)\n        \
         Rust: none: ids are not part of the API (only the id constants change)\n      \
         field added: `key:flags.3?int`\n      \
         field added: `block:flags.3?string`\n        \
         wire: incompatible (with the id)\n        \
         Rust: additive: `types::Call` gains the optional `key: Option<types::call::Key>` \
         (fields `key: i32, block: String`), set with `with_key`; `new` is unchanged (only \
         struct literals naming every field and patterns without `..` need it)\n      \
         wire: none\n        \
         Rust: breaking: variant `enums::Call::Call` holds `Box<types::Call>` (was \
         `types::Call`); `.into()` builds either\n";
    let other = "  ~ constructor other#00000005 -> #00000006  [wire: incompatible; Rust: breaking]\n      \
         id #00000005 -> #00000006\n        \
         wire: incompatible (a peer of the other layer does not know the new id, nor the old one)\n        \
         Rust: none: ids are not part of the API (only the id constants change)\n      \
         field added: `y:int`\n        \
         wire: incompatible (with the id)\n        \
         Rust: breaking: `types::Other` gains the required `y: i32`: `new` takes it, struct literals need it\n";
    let out = tlgen_in(&dir, &["diff", "-q", "old.tl", "new.tl"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!(
            "old.tl -> new.tl: no layer -> no layer\n\nnamespace -\n{call}{other}\n\
             0 added (0 constructors, 0 functions), 0 removed (0 constructors, 0 functions), \
             2 changed (2 constructors, 0 functions); 0 types changed; Rust API: 2 breaking, \
             0 additive (0 Rust-only); wire: 2 not readable across the layers\n"
        )
    );
    let out = tlgen_in(&dir, &["diff", "-q", "old.tl", "new.tl", "--keep", "Call"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!(
            "old.tl -> new.tl: no layer -> no layer\n\nnamespace -\n{call}\n\
             0 added (0 constructors, 0 functions), 0 removed (0 constructors, 0 functions), \
             1 changed (1 constructor, 0 functions); 0 types changed; Rust API: 1 breaking, \
             0 additive (0 Rust-only); wire: 1 not readable across the layers\n"
        )
    );
    let out = tlgen_in(&dir, &["diff", "-q", "old.tl", "new.tl", "--keep", "Othr"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: invalid option `keep`: the schema has no function, constructor or type \
         `Othr`; did you mean `other`?\n"
    );
}

#[test]
fn several_files_a_side_and_fail_on_breaking() {
    let dir = temp_dir("diff-sides");
    write(&dir, "a.tl", "user#1 id:long = User;\n");
    write(&dir, "b.tl", "---functions---\ngetUser#2 id:long = User;\n");
    write(&dir, "c.tl", "user#3 id:long name:string = User;\n");
    write(&dir, "d.tl", "---functions---\ngetUser#2 id:long = User;\n");
    let args = [
        "diff", "-q", "--old", "a.tl", "--old", "b.tl", "--new", "c.tl", "--new", "d.tl",
    ];
    let out = tlgen_in(&dir, &args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "a.tl + b.tl -> c.tl + d.tl: no layer -> no layer\n\
         \n\
         namespace -\n  \
         ~ constructor user#00000001 -> #00000003  [wire: incompatible; Rust: breaking]\n      \
         id #00000001 -> #00000003\n        \
         wire: incompatible (a peer of the other layer does not know the new id, nor the old one)\n        \
         Rust: none: ids are not part of the API (only the id constants change)\n      \
         field added: `name:string`\n        \
         wire: incompatible (with the id)\n        \
         Rust: breaking: `types::User` gains the required `name: String`: `new` takes it, struct literals need it\n\
         \n\
         0 added (0 constructors, 0 functions), 0 removed (0 constructors, 0 functions), \
         1 changed (1 constructor, 0 functions); 0 types changed; Rust API: 1 breaking, \
         0 additive (0 Rust-only); wire: 1 not readable across the layers\n"
    );
    let mut failing = args.to_vec();
    failing.extend(["--fail-on", "breaking"]);
    let out = tlgen_in(&dir, &failing);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("error: the layers differ in a way `--fail-on` rejects"),
        "{}",
        text(&out.stderr)
    );
    // Files without a flag belong to the side without one.
    let out = tlgen_in(
        &dir,
        &["diff", "a.tl", "b.tl", "--new", "c.tl", "--new", "d.tl"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("a.tl + b.tl -> c.tl + d.tl"));
}

#[test]
fn schema_errors_and_usage_errors_exit_as_check_does() {
    let dir = temp_dir("diff-errors");
    write(&dir, "old.tl", "user#1 id:long = User;\n");
    write(&dir, "new.tl", "user#1 id:long peer:Pear = User;\n");
    let out = tlgen_in(&dir, &["diff", "old.tl", "new.tl"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("undefined type `Pear`"), "{stderr}");
    assert!(stderr.contains("new.tl:1:21"), "{stderr}");
    assert_eq!(text(&out.stdout), "");

    let out = tlgen_in(&dir, &["diff", "old.tl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with("error: `tlgen diff` needs the old and the new schema"),
        "{}",
        text(&out.stderr)
    );
    let out = tlgen_in(&dir, &["diff", "old.tl", "missing.tl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("error: cannot read `missing.tl`"),
        "{}",
        text(&out.stderr)
    );
}
