//! Schemas written to break the parser and checker: line endings that hide
//! definitions, characters that make comments show otherwise than they read,
//! nesting deep enough to overflow a stack, and inputs that used to bury one
//! mistake under thousands of diagnostics.
//!
//! Positions are worked out by hand from the input text (lines and columns
//! start at 1; columns count characters).

use tl_parser::diagnostic::{REPEAT_LIMIT, cap_repeats};
use tl_parser::{Checked, Diagnostic, LineCol, MAX_NESTING, SourceFile, Sources, check_str};

/// Runs `f` on a thread with a 2 MiB stack, the smallest a test thread gets:
/// what passes here passes on any thread, in unoptimized builds too.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let thread = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .unwrap_or_else(|e| panic!("cannot start a thread: {e}"));
    thread
        .join()
        .unwrap_or_else(|_| panic!("the thread panicked"))
}

/// Each diagnostic as `code line:column message`.
fn summary(sources: &Sources, checked: &Checked) -> Vec<String> {
    checked
        .diagnostics
        .iter()
        .map(|d| {
            let (_, at) = sources.describe(d.primary.location);
            format!("{} {at} {}", d.code.as_str(), d.message)
        })
        .collect()
}

fn constructor_names(checked: &Checked) -> Vec<String> {
    checked
        .schema
        .constructors
        .iter()
        .map(|c| c.name.full())
        .collect()
}

// Line endings: `\n`, `\r\n` and a lone `\r` are each one line break.

#[test]
fn a_schema_with_cr_line_endings_keeps_every_definition() {
    // The issue's reproduction: the `//` comment used to run to the next
    // `\n`, of which there is none, and swallow both definitions.
    let (_, checked) = check_str(
        "cr.tl",
        "int ? = Int;\r// c\rfoo x:int = Foo;\rbar x:int = Bar;\r",
    );
    assert_eq!(checked.diagnostics, Vec::<Diagnostic>::new());
    assert_eq!(constructor_names(&checked), ["foo", "bar"]);
    assert_eq!(checked.schema.builtins.len(), 1);
    assert_eq!(checked.schema.constructor_count_with_builtins(), 3);
}

#[test]
fn comments_and_docs_end_at_every_kind_of_line_break() {
    let (_, checked) = check_str(
        "mixed.tl",
        "a = A;\r\n// doc of b\rb = B;\n// doc of c\r\nc = C;\r// doc of d\nd = D;",
    );
    assert_eq!(checked.diagnostics, Vec::<Diagnostic>::new());
    assert_eq!(constructor_names(&checked), ["a", "b", "c", "d"]);
    let docs: Vec<Vec<String>> = checked
        .schema
        .constructors
        .iter()
        .map(|c| c.doc.as_ref().map(|d| d.lines.clone()).unwrap_or_default())
        .collect();
    assert_eq!(
        docs,
        [
            vec![],
            vec!["doc of b".to_owned()],
            vec!["doc of c".to_owned()],
            vec!["doc of d".to_owned()],
        ]
    );
}

#[test]
fn a_blank_line_of_lone_crs_separates_a_comment_from_the_definition() {
    let (_, checked) = check_str("blank.tl", "// not a doc of b\r\rb = B;\r");
    assert_eq!(checked.diagnostics, Vec::<Diagnostic>::new());
    assert_eq!(constructor_names(&checked), ["b"]);
    assert_eq!(checked.schema.constructors[0].doc, None);
}

#[test]
fn section_markers_and_the_layer_end_at_a_lone_cr() {
    let (_, checked) = check_str(
        "sections.tl",
        "// LAYER 7\ra = A;\r---functions---\rf = A;\r---types---\rb = B;\r",
    );
    assert_eq!(checked.diagnostics, Vec::<Diagnostic>::new());
    assert_eq!(checked.schema.layer, Some(7));
    assert_eq!(constructor_names(&checked), ["a", "b"]);
    let functions: Vec<String> = checked
        .schema
        .functions
        .iter()
        .map(|c| c.name.full())
        .collect();
    assert_eq!(functions, ["f"]);
}

#[test]
fn a_result_type_ends_at_a_lone_cr_and_parsing_resumes_on_the_next_line() {
    // `A` ends line 1: `g = B;` is not part of `f`'s result type. The error
    // is at the end of `A` (column 6), and the next line still parses.
    let (sources, checked) = check_str("result.tl", "f = A\rg = B;\r");
    assert_eq!(
        summary(&sources, &checked),
        ["E0103 1:6 missing `;` after the definition of `f`"]
    );
    assert_eq!(constructor_names(&checked), ["g"]);
    // After a malformed definition, parsing resumes at the next line that
    // starts a definition, whatever ends the line (here before the `;` that
    // ends `ok`, which it used to resume after, dropping `ok`).
    let (sources, checked) = check_str("recover.tl", "bad x:int @\rok = Ok;\r");
    assert_eq!(
        summary(&sources, &checked),
        ["E0103 1:11 expected a field such as `name:Type`, or `=`, found `@`"]
    );
    assert_eq!(constructor_names(&checked), ["ok"]);
}

#[test]
fn diagnostics_count_lines_by_every_line_break() {
    // Line 2 is `b x:Foo = B;` (after a lone CR), line 4 is `c y:Bar = C;`
    // (line 3 is empty: two lone CRs); `Foo` and `Bar` start in column 5.
    let text = "a = A;\rb x:Foo = B;\r\rc y:Bar = C;\r";
    let (sources, checked) = check_str("cr.tl", text);
    assert_eq!(
        summary(&sources, &checked),
        [
            "E0201 2:5 undefined type `Foo`",
            "E0201 4:5 undefined type `Bar`",
        ]
    );
    assert_eq!(
        checked.diagnostics[0].render_plain(&sources),
        "cr.tl:2:5: error[E0201]: undefined type `Foo`\n\
         \x20 | b x:Foo = B;\n\
         \x20 |     ^^^ not defined in this schema\n\
         \x20 = help: define a constructor whose result type is `Foo`, or check the spelling\n"
    );
    // The same with CRLF: `\r\n` is one line break, not two.
    let (sources, checked) = check_str("crlf.tl", &text.replace('\r', "\r\n"));
    assert_eq!(
        summary(&sources, &checked),
        [
            "E0201 2:5 undefined type `Foo`",
            "E0201 4:5 undefined type `Bar`",
        ]
    );
}

#[test]
fn source_files_split_lines_at_lf_crlf_and_lone_cr() {
    let file = SourceFile::new("t.tl", "a\rbc\r\nd\ne\r\r");
    let lines: Vec<&str> = (1..=6).map(|n| file.line_text(n)).collect();
    assert_eq!(lines, ["a", "bc", "d", "e", "", ""]);
    // Offsets: a=0 \r=1 b=2 c=3 \r=4 \n=5 d=6 \n=7 e=8 \r=9 \r=10.
    let at = |line, column| LineCol { line, column };
    assert_eq!(file.line_col(0), at(1, 1));
    assert_eq!(file.line_col(1), at(1, 2));
    assert_eq!(file.line_col(3), at(2, 2));
    // Inside `\r\n`, the `\n` is still the end of line 2.
    assert_eq!(file.line_col(5), at(2, 4));
    assert_eq!(file.line_col(6), at(3, 1));
    assert_eq!(file.line_col(8), at(4, 1));
    assert_eq!(file.line_col(10), at(5, 1));
    assert_eq!(file.line_col(11), at(6, 1));
    assert_eq!(
        file.line_span(2).map(|s| (s.start, s.end)),
        Some((2, 6)),
        "line 2 is `bc\\r\\n`"
    );
    assert_eq!(file.line_span(7), None);
}

// Characters that make a comment show otherwise than it reads.

#[test]
fn a_character_editors_show_as_a_line_break_inside_a_comment_is_a_warning() {
    // Text after these stays in the comment (only LF, CRLF and CR end a
    // line), so `foo` is not defined; the warning says where it hides.
    let cases = [
        ('\u{2028}', "U+2028 (LINE SEPARATOR)"),
        ('\u{2029}', "U+2029 (PARAGRAPH SEPARATOR)"),
        ('\u{85}', "U+0085 (NEXT LINE)"),
        ('\u{0B}', "U+000B (LINE TABULATION)"),
        ('\u{0C}', "U+000C (FORM FEED)"),
    ];
    for (c, name) in cases {
        let text = format!("// c{c}foo x:int = Foo;\nbar = Bar;\n");
        let (sources, checked) = check_str("lb.tl", &text);
        assert_eq!(
            summary(&sources, &checked),
            [format!(
                "W0304 1:5 `//` comment goes on past {name}, which editors may show as a line break"
            )],
            "{name}"
        );
        assert_eq!(constructor_names(&checked), ["bar"], "{name}");
        assert!(!checked.has_errors());
    }
    // In a block comment, which ends only at `*/`, they change nothing.
    let (_, checked) = check_str("block.tl", "/* a\u{2028}b\u{0C}c */ foo = Foo;\n");
    assert_eq!(checked.diagnostics, Vec::<Diagnostic>::new());
}

#[test]
fn bidirectional_controls_in_comments_are_warnings() {
    let controls = [
        ('\u{202A}', "LEFT-TO-RIGHT EMBEDDING"),
        ('\u{202B}', "RIGHT-TO-LEFT EMBEDDING"),
        ('\u{202C}', "POP DIRECTIONAL FORMATTING"),
        ('\u{202D}', "LEFT-TO-RIGHT OVERRIDE"),
        ('\u{202E}', "RIGHT-TO-LEFT OVERRIDE"),
        ('\u{2066}', "LEFT-TO-RIGHT ISOLATE"),
        ('\u{2067}', "RIGHT-TO-LEFT ISOLATE"),
        ('\u{2068}', "FIRST STRONG ISOLATE"),
        ('\u{2069}', "POP DIRECTIONAL ISOLATE"),
    ];
    for (c, name) in controls {
        // In a `//` comment (column 5) and in a `/* */` comment after a
        // definition (line 2: `foo = Foo;` is 10 characters, `/*` starts
        // in column 12, the control is in column 15).
        let text = format!("// a{c}b\nfoo = Foo; /* {c} */\n");
        let (sources, checked) = check_str("bidi.tl", &text);
        let code = u32::from(c);
        assert_eq!(
            summary(&sources, &checked),
            [
                format!(
                    "W0305 1:5 comment holds U+{code:04X} ({name}), a bidirectional control character"
                ),
                format!(
                    "W0305 2:15 comment holds U+{code:04X} ({name}), a bidirectional control character"
                ),
            ]
        );
        assert_eq!(constructor_names(&checked), ["foo"]);
    }
}

// Nesting: bounded in the parser, so that nothing deeper reaches any later
// stage. Every case runs on a 2 MiB stack.

/// The one diagnostic of checking `text` on a small stack.
fn nesting_errors(text: String) -> Vec<String> {
    on_small_stack(move || {
        let (sources, checked) = check_str("deep.tl", &text);
        summary(&sources, &checked)
    })
}

#[test]
fn ten_thousand_nested_vectors_are_one_error_at_the_level_past_the_limit() {
    assert_eq!(MAX_NESTING, 32);
    // "deep v:" is 7 characters and each "Vector<" 7 more: the k-th `<` is
    // in column 7k + 7, the 33rd in column 238.
    let n = 10_000;
    let text = format!(
        "deep v:{}int{} = Deep;\n",
        "Vector<".repeat(n),
        ">".repeat(n)
    );
    assert_eq!(
        nesting_errors(text),
        ["E0107 1:238 `<` opens level 33 of nesting: types nest at most 32 levels deep"]
    );
    // Unclosed, to the end of the file.
    let text = format!("deep v:{}\n", "Vector<".repeat(100_000));
    assert_eq!(
        nesting_errors(text),
        ["E0107 1:238 `<` opens level 33 of nesting: types nest at most 32 levels deep"]
    );
}

#[test]
fn parentheses_bare_marks_and_repetitions_count_as_levels_too() {
    // The k-th `(` or `%` after "deep v:" is in column 7 + k.
    let text = format!("deep v:{}\n", "(".repeat(100_000));
    assert_eq!(
        nesting_errors(text),
        ["E0107 1:40 `(` opens level 33 of nesting: types nest at most 32 levels deep"]
    );
    let text = format!("deep v:{}int = Deep;\n", "%".repeat(100_000));
    assert_eq!(
        nesting_errors(text),
        ["E0107 1:40 `%` opens level 33 of nesting: types nest at most 32 levels deep"]
    );
    // In a result type too: after "f = " (4 characters) the k-th `(` is in
    // column 4 + k.
    let text = format!("---functions---\nf = {};\n", "(".repeat(100_000));
    assert_eq!(
        nesting_errors(text),
        ["E0107 2:37 `(` opens level 33 of nesting: types nest at most 32 levels deep"]
    );
    // Repetitions: after "x " the k-th `[` (each followed by a space) is in
    // column 1 + 2k.
    let text = format!("x {}\n", "[ ".repeat(100_000));
    assert_eq!(
        nesting_errors(text),
        ["E0107 1:67 `[` opens level 33 of nesting: types nest at most 32 levels deep"]
    );
}

#[test]
fn names_with_more_namespaces_than_the_limit_are_one_error() {
    // `a.a.a…`: the k-th `.` is in column 2k, the 33rd in column 66.
    let text = format!("{}x v:int = T;\n", "a.".repeat(10_000));
    assert_eq!(
        nesting_errors(text),
        ["E0107 1:66 `.` opens namespace 33: names nest at most 32 namespaces deep"]
    );
    // In a type name: after "x v:" (4 characters) the k-th `.` is in column
    // 4 + 2k.
    let text = format!("x v:{}T = X;\n", "a.".repeat(10_000));
    assert_eq!(
        nesting_errors(text),
        ["E0107 1:70 `.` opens namespace 33: names nest at most 32 namespaces deep"]
    );
    // 32 are fine.
    let text = format!("{ns}x v:int = {ns}T;\n", ns = "a.".repeat(32));
    assert_eq!(nesting_errors(text), Vec::<String>::new());
}

#[test]
fn a_type_exactly_at_the_limit_is_checked_and_printed() {
    let text = format!(
        "deep v:{}int{} = Deep;\n",
        "Vector<".repeat(MAX_NESTING),
        ">".repeat(MAX_NESTING)
    );
    let (errors, depth, printed) = on_small_stack(move || {
        let (sources, checked) = check_str("deep.tl", &text);
        let mut depth = 0;
        let mut ty = checked.schema.constructors.first().map(|c| &c.fields[0].ty);
        while let Some(tl_parser::Ty::Vector { item, .. }) = ty {
            depth += 1;
            ty = Some(item);
        }
        let printed = checked
            .schema
            .constructors
            .first()
            .map(|c| c.definition.len());
        (summary(&sources, &checked), depth, printed)
    });
    assert_eq!(errors, Vec::<String>::new());
    assert_eq!(depth, MAX_NESTING);
    // "deep v:" is 7 characters (no id was written), then 32 × "Vector<",
    // "int", 32 × ">", then " = Deep".
    assert_eq!(printed, Some(7 + 32 * 7 + 3 + 32 + 7));
}

// One mistake, one error; many of one kind, a few and a count.

#[test]
fn a_thousand_vector_words_without_brackets_are_one_error() {
    // `v:Vector Vector … int` is the field `v:Vector` followed by 1,000
    // fields without names: one mistake, reported once, at its start.
    let text = format!("deep v:{}int = Deep;\n", "Vector ".repeat(1000));
    let (sources, checked) = check_str("flat.tl", &text);
    assert_eq!(
        summary(&sources, &checked),
        ["E0208 1:8 `Vector` needs an item type"]
    );
    assert_eq!(
        checked.diagnostics[0].notes,
        ["the rest of `deep` is checked once this is fixed"]
    );
    assert_eq!(checked.error_count(), 1);
}

#[test]
fn errors_of_one_kind_past_the_limit_are_counted_in_one_entry() {
    assert_eq!(REPEAT_LIMIT, 20);
    // 100 definitions naming 100 undefined types, and 30 syntax errors.
    let mut text = String::new();
    for i in 0..100 {
        text.push_str(&format!("a{i} x:Missing{i} = A;\n"));
    }
    for i in 0..30 {
        text.push_str(&format!("b{i} = ;\n"));
    }
    let (sources, checked) = check_str("many.tl", &text);
    let shown = summary(&sources, &checked);
    assert_eq!(shown.len(), 20 + 20 + 2);
    // `a0 x:` is 5 characters, `a19 x:` 6.
    assert_eq!(shown[0], "E0201 1:6 undefined type `Missing0`");
    assert_eq!(shown[19], "E0201 20:7 undefined type `Missing19`");
    // Line 101 is `b0 = ;`: the result type is missing at column 6; from
    // `b10` on, at column 7.
    assert_eq!(shown[20], "E0103 101:6 expected the result type, found `;`");
    assert_eq!(shown[39], "E0103 120:7 expected the result type, found `;`");
    // The "and N more" entries come last, at the first one left out.
    assert_eq!(
        shown[40..],
        [
            "E0201 21:7 and 80 more errors E0201 not shown (the first is here)",
            "E0103 121:7 and 10 more errors E0103 not shown (the first is here)",
        ]
    );
    let more = &checked.diagnostics[40];
    assert_eq!(more.primary.message, "undefined type `Missing20`");
    assert_eq!(more.count, 80);
    assert_eq!(checked.error_count(), 130);
    assert_eq!(checked.warning_count(), 0);
}

#[test]
fn capping_keeps_a_short_list_unchanged_and_counts_what_it_drops() {
    let (_, checked) = check_str("two.tl", "a x:Nope = A;\nb y:Nada = B;\n");
    let before = checked.diagnostics.clone();
    assert_eq!(before.len(), 2);
    assert_eq!(cap_repeats(before.clone()), before);
    // Capping a capped list again keeps its count.
    let many: Vec<Diagnostic> = (0..50).flat_map(|_| before.clone()).collect();
    let capped = cap_repeats(many);
    assert_eq!(capped.len(), 21);
    assert_eq!(capped.iter().map(|d| d.count).sum::<usize>(), 100);
    assert_eq!(cap_repeats(capped.clone()), capped);
}
