//! README's "From build.rs" shows the files of `examples/client/`, and they stay
//! the same.
//!
//! A fenced block right after a `<!-- example: PATH -->` line in README.md must
//! be the file PATH (from the repository root) exactly; one after
//! `<!-- example (part): PATH -->` must be whole lines of it, in a row. The one
//! difference allowed: the README's reader generates Telegram's
//! `schema/api.tl`, the example the repository's `schema/seed.tl`, so before
//! comparing, [`SUBSTITUTIONS`] replace that in the README's build.rs and lib.rs,
//! each where it occurs exactly once.

use std::path::Path;

const README: &str = include_str!("../README.md");

/// The files the README shows, each in one block.
const SHOWN: [&str; 4] = [
    "examples/client/app/Cargo.toml",
    "examples/client/tl/Cargo.toml",
    "examples/client/tl/build.rs",
    "examples/client/tl/src/lib.rs",
];

/// `(file, README's text, the file's text)`: the schema the example generates,
/// and the file the Builder names after it.
const SUBSTITUTIONS: [(&str, &str, &str); 2] = [
    (
        "examples/client/tl/build.rs",
        r#".schema("schema/api.tl")"#,
        r#".schema("../../../schema/seed.tl")"#,
    ),
    (
        "examples/client/tl/src/lib.rs",
        r#""/api.rs""#,
        r#""/seed.rs""#,
    ),
];

/// A block of the README marked as showing a file of the example.
struct Block {
    path: String,
    /// The whole file (`example:`), or some of its lines (`example (part):`).
    whole: bool,
    text: String,
}

/// The marked blocks of `readme`, in order.
fn blocks(readme: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        let Some(marker) = line
            .strip_prefix("<!-- example")
            .and_then(|rest| rest.strip_suffix(" -->"))
        else {
            continue;
        };
        let (whole, path) = if let Some(path) = marker.strip_prefix(": ") {
            (true, path)
        } else if let Some(path) = marker.strip_prefix(" (part): ") {
            (false, path)
        } else {
            panic!("README.md: a marker of an unknown form: {line}");
        };
        let fence = lines.next().unwrap_or_default();
        assert!(
            fence.starts_with("```"),
            "README.md: {path}'s marker is followed by {fence:?}, not a fenced block"
        );
        let mut text = String::new();
        loop {
            let line = lines
                .next()
                .unwrap_or_else(|| panic!("README.md: {path}'s block is not closed"));
            if line == "```" {
                break;
            }
            text.push_str(line);
            text.push('\n');
        }
        blocks.push(Block {
            path: path.to_owned(),
            whole,
            text,
        });
    }
    blocks
}

/// How the marked blocks of `readme` differ from the files under `root`: empty
/// when every file of [`SHOWN`] is shown once, as it is.
fn mismatches(readme: &str, root: &Path) -> Vec<String> {
    let blocks = blocks(readme);
    let mut found = Vec::new();
    let mut mismatches = Vec::new();
    for block in &blocks {
        found.push(block.path.as_str());
        let mut text = block.text.clone();
        for (path, from, to) in SUBSTITUTIONS {
            if path != block.path {
                continue;
            }
            if text.matches(from).count() == 1 {
                text = text.replace(from, to);
            } else {
                mismatches.push(format!("{path}: the README's block must hold {from} once"));
            }
        }
        let file = match std::fs::read_to_string(root.join(&block.path)) {
            Ok(file) => file,
            Err(error) => {
                mismatches.push(format!("{}: {error}", block.path));
                continue;
            }
        };
        let shown = if block.whole {
            file == text
        } else {
            format!("\n{file}").contains(&format!("\n{text}"))
        };
        if !shown {
            mismatches.push(format!(
                "{}: the README shows (after substitution)\n{text}\nthe file is\n{file}",
                block.path
            ));
        }
    }
    found.sort_unstable();
    if found != SHOWN {
        mismatches.push(format!(
            "the README's marked blocks show {found:?}, not each of {SHOWN:?} once"
        ));
    }
    mismatches
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_readme_shows_the_example_files() {
    let mismatches = mismatches(README, root());
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
}

#[test]
fn a_changed_character_is_a_mismatch() {
    for (from, to) in [
        ("publish = false", "publish = falsE"),
        ("client-tl = { path", "client_tl = { path"),
        (".generate()?", ".generate() ?"),
        ("include!(", "include! ("),
        (r#"schema("schema/api.tl")"#, r#"schema("schema/api.tl") "#),
    ] {
        // From the first marked block on, so that the change is in one.
        let start = README.find("<!-- example").expect("no marked block");
        let (before, blocks) = README.split_at(start);
        assert!(blocks.contains(from), "README.md has no {from:?}");
        let changed = format!("{before}{}", blocks.replacen(from, to, 1));
        assert!(
            !mismatches(&changed, root()).is_empty(),
            "{from:?} changed to {to:?} went unnoticed"
        );
    }
    let unmarked = README.replacen("<!-- example: examples/client/tl/build.rs -->", "", 1);
    assert!(!mismatches(&unmarked, root()).is_empty());
}
