//! Property tests: no input makes the parser or checker panic, and every
//! reported span lies inside the input, on character boundaries.

use proptest::prelude::*;
use tl_parser::check_str;

fn spans_are_inside(text: &str) -> Result<(), TestCaseError> {
    let (_, checked) = check_str("p.tl", text);
    for d in &checked.diagnostics {
        for label in std::iter::once(&d.primary).chain(&d.secondary) {
            let s = label.location.span;
            prop_assert!(
                s.start <= s.end && s.end <= text.len(),
                "span {s:?} outside {} bytes",
                text.len()
            );
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }
    Ok(())
}

/// Pieces of TL syntax, valid and broken, to assemble into TL-like text.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("user".to_owned()),
        Just("#1cb5c415".to_owned()),
        Just("#".to_owned()),
        Just(" ".to_owned()),
        Just("\n".to_owned()),
        Just("flags:#".to_owned()),
        Just("x:flags.3?int".to_owned()),
        Just("flags.99?".to_owned()),
        Just("Vector<".to_owned()),
        Just(">".to_owned()),
        Just("{X:Type}".to_owned()),
        Just("!X".to_owned()),
        Just("%".to_owned()),
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just("[ t ]".to_owned()),
        Just("4*".to_owned()),
        Just("=".to_owned()),
        Just("= User;".to_owned()),
        Just(";".to_owned()),
        Just("?".to_owned()),
        Just("// é comment\n".to_owned()),
        Just("/*".to_owned()),
        Just("*/".to_owned()),
        Just("---functions---\n".to_owned()),
        Just("---types---".to_owned()),
        Just("ü".to_owned()),
        Just("ns.name".to_owned()),
        "[a-zA-Z_][a-zA-Z0-9_.]{0,8}",
        "[0-9a-f]{1,10}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        spans_are_inside(&text)?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        // The CLI rejects non-UTF-8 files; the parser sees the lossy text of anything else.
        spans_are_inside(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn tl_like_text_never_panics(tokens in proptest::collection::vec(token(), 0..40)) {
        spans_are_inside(&tokens.concat())?;
    }
}
