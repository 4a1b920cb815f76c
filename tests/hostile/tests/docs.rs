//! Documentation and schema comments written to break out of doc comments
//! (`docs/hostile-docs.json`, `docs/comments.tl`) stay text in the generated
//! modules `hostile_docs` and `hostile_comments`.
//!
//! That the modules compile at all (no bare carriage return, no bidirectional
//! override in a doc comment) is this crate's build, and that none of their text
//! became a doctest is `cargo test`'s doctest run of this crate finding none to
//! run. Here, every doc comment is read as rustdoc reads it
//! (`tlgen_test_support::doc_markdown`): no code block but the TL definitions,
//! no list, heading, quote, table row, HTML or link that tl-codegen did not
//! write itself.

use tlgen_test_support::doc_markdown::{doc_comments, problems};

const HOSTILE_DOCS: &str = include_str!(concat!(env!("OUT_DIR"), "/hostile_docs.rs"));
const HOSTILE_COMMENTS: &str = include_str!(concat!(env!("OUT_DIR"), "/hostile_comments.rs"));

#[test]
fn hostile_documentation_stays_text() {
    assert_eq!(
        problems(HOSTILE_DOCS).map_err(|e| e.to_string()),
        Ok(Vec::new())
    );
}

#[test]
fn hostile_schema_comments_stay_text() {
    assert_eq!(
        problems(HOSTILE_COMMENTS).map_err(|e| e.to_string()),
        Ok(Vec::new())
    );
}

/// The hostile text did reach the docs, escaped: the checks above read it.
#[test]
fn the_hostile_text_is_in_the_docs_escaped() {
    let docs = doc_comments(HOSTILE_DOCS).unwrap_or_default().join("\n");
    // The issue's reproduction: a paragraph, then indented code.
    assert!(
        docs.contains(r#"para assert!(false, "injected");"#),
        "{docs}"
    );
    // A fence, a bare carriage return, a bidirectional override, an escape
    // sequence, a line separator.
    assert!(docs.contains(r#"\`\`\` assert!(false, "fenced"); \`\`\`"#));
    assert!(docs.contains("bare CR here and CRLF there"));
    assert!(docs.contains(r"bidi \\u{202e} desrever"));
    assert!(docs.contains(r"\\u{1b}\[31m escape nel ls ps vt ff \\u{7f} del tab"));
    // An error name with a backtick, a line break and a bidi override.
    assert!(docs.contains(r"EVIL\`NAME\` \`\`\`"));
    assert!(docs.contains("LF cargo:rustc-cfg=tlgen\\_injected"));
    assert!(docs.contains(r"BIDI\\u{202e}NAME"));
    let comments = doc_comments(HOSTILE_COMMENTS)
        .unwrap_or_default()
        .join("\n");
    assert!(
        comments.contains(r#"assert!(false, "indented comment");"#),
        "{comments}"
    );
    assert!(comments.contains(r"\# Heading \\u{202e} with a bidi override \\u{2066}"));
}
