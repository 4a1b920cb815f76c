//! Malformed schemas: each case asserts the exact code, line, column and
//! message of the first error. Positions were worked out by hand from the
//! input text (columns count characters, starting at 1).

use tl_parser::{Diagnostic, check_str};

struct Case {
    input: &'static str,
    code: &'static str,
    line: usize,
    column: usize,
    message: &'static str,
}

const fn case(
    input: &'static str,
    code: &'static str,
    line: usize,
    column: usize,
    message: &'static str,
) -> Case {
    Case {
        input,
        code,
        line,
        column,
        message,
    }
}

const CASES: &[Case] = &[
    // Empty input and input without definitions.
    case("", "E0214", 1, 1, "the schema holds no definitions"),
    case(
        "  \n\n\t\n",
        "E0214",
        1,
        1,
        "the schema holds no definitions",
    ),
    case(
        "// only a comment\n/* and a block */\n",
        "E0214",
        1,
        1,
        "the schema holds no definitions",
    ),
    case(
        "---functions---\n",
        "E0214",
        1,
        1,
        "the schema holds no definitions",
    ),
    // Truncated definitions.
    case(
        "user#12345678 id:long",
        "E0102",
        1,
        22,
        "unexpected end of file: expected `=` before the result type",
    ),
    case(
        "user#12345678 id:",
        "E0102",
        1,
        18,
        "unexpected end of file: expected a type after `:`",
    ),
    case(
        "user#12345678 id:long =",
        "E0102",
        1,
        24,
        "unexpected end of file: expected the result type",
    ),
    case(
        "a#1 = A",
        "E0102",
        1,
        8,
        "missing `;` at end of file: the definition of `a` is not terminated",
    ),
    case(
        "a = A\nb = B;",
        "E0103",
        1,
        6,
        "missing `;` after the definition of `a`",
    ),
    case(
        "a#1 {X:Type",
        "E0102",
        1,
        12,
        "unexpected end of file: expected `}` to close the type parameter",
    ),
    // Ids.
    case(
        "a#xyz = A;",
        "E0104",
        1,
        3,
        "constructor id `#xyz` is not hexadecimal",
    ),
    case(
        "a#123456789 = A;",
        "E0104",
        1,
        3,
        "constructor id `#123456789` has 9 digits",
    ),
    case(
        "a# = A;",
        "E0104",
        1,
        3,
        "expected 1 to 8 hexadecimal digits after `#`, found ` `",
    ),
    case(
        "a#1 = A;\nb#1 = B;",
        "E0203",
        2,
        1,
        "`b` has id #00000001, already used by `a`",
    ),
    case(
        "a#ab = A;\n---functions---\nf#000000ab = A;",
        "E0203",
        3,
        1,
        "`f` has id #000000ab, already used by `a`",
    ),
    // Flags.
    case(
        "a#1 flags:# x:flags.32?int = A;",
        "E0206",
        1,
        21,
        "flag bit 32 is out of range",
    ),
    case(
        "a#1 flags:# x:flags?int = A;",
        "E0206",
        1,
        15,
        "condition `flags?` names no bit",
    ),
    case(
        "a#1 flags:# x:flags.0int = A;",
        "E0103",
        1,
        22,
        "expected `?` after the flag bit, found `i`",
    ),
    case(
        "a#1 flags:# x:flags.99999999999?int = A;",
        "E0103",
        1,
        21,
        "number `99999999999` is too large",
    ),
    case(
        "a#1 n:int x:n.0?int = A;",
        "E0205",
        1,
        13,
        "field `n` is not a flags field (`#`)",
    ),
    case(
        "a#1 x:flags.0?int = A;",
        "E0204",
        1,
        7,
        "no flags field `flags` before this field in `a`",
    ),
    case(
        "a#1 x:flags.0?int flags:# = A;",
        "E0204",
        1,
        7,
        "flags field `flags` is declared after the field that uses it",
    ),
    case(
        "a#1 flags:# x:flag.0?int = A;",
        "E0204",
        1,
        15,
        "no flags field `flag` before this field in `a`",
    ),
    // Undefined and misspelled types.
    case("a#1 x:Foo = A;", "E0201", 1, 7, "undefined type `Foo`"),
    case(
        "user#1 id:long = User;\nmsg#2 from:Usr = Msg;",
        "E0201",
        2,
        12,
        "undefined type `Usr`",
    ),
    case(
        "user#1 id:long = User;\nmsgs#2 list:Vector<Uesr> = Msgs;",
        "E0201",
        2,
        20,
        "undefined type `Uesr`",
    ),
    case(
        "user#1 = User;\nx#2 u:USER = X;",
        "E0201",
        2,
        7,
        "undefined type `USER`",
    ),
    case("a#1 x:Bool = A;", "E0201", 1, 7, "undefined type `Bool`"),
    case(
        "a#1 x:messageEmpty = A;",
        "E0201",
        1,
        7,
        "undefined type `messageEmpty`",
    ),
    case(
        "---functions---\nf#1 = Nope;",
        "E0201",
        2,
        7,
        "undefined type `Nope`",
    ),
    // Generics.
    case(
        "a#1 x:Vector<int = A;",
        "E0103",
        1,
        18,
        "expected `>` to close the type arguments, found `=`",
    ),
    case(
        "a#1 x:Vector<int>> = A;",
        "E0103",
        1,
        18,
        "expected a field such as `name:Type`, or `=`, found `>`",
    ),
    case(
        "a#1 x:Vector = A;",
        "E0208",
        1,
        7,
        "`Vector` needs an item type",
    ),
    case(
        "a#1 x:Vector<int,long> = A;",
        "E0208",
        1,
        7,
        "`Vector` takes one type argument, found 2",
    ),
    case(
        "b#2 = B;\na#1 x:B<int> = A;",
        "E0208",
        2,
        7,
        "type `B` takes no type arguments",
    ),
    case(
        "---functions---\ninvoke#1 q:!X = X;",
        "E0207",
        2,
        13,
        "`!X` refers to no type parameter",
    ),
    case(
        "a#1 {X:Type} {X:Type} = A;",
        "E0207",
        1,
        15,
        "type parameter `X` is declared twice",
    ),
    case(
        "a#1 {X:Type = A;",
        "E0103",
        1,
        13,
        "expected `}` to close the type parameter, found `=`",
    ),
    // Non-ASCII text.
    case(
        "usér#1 = User;",
        "E0101",
        1,
        3,
        "`é` (U+00E9) cannot appear in the name `us…`",
    ),
    case(
        "a#1 ид:int = A;",
        "E0101",
        1,
        5,
        "unexpected character `и` (U+0438): expected a field such as `name:Type`, or `=`",
    ),
    case(
        "// Привет, мир\nuser#1 x:Foo = User;",
        "E0201",
        2,
        10,
        "undefined type `Foo`",
    ),
    case(
        "/* é */ a#1 x:Bar = A;",
        "E0201",
        1,
        15,
        "undefined type `Bar`",
    ),
    case(
        "a#1 x:int = A; // ü\nb#2 y:Übel = B;",
        "E0101",
        2,
        7,
        "unexpected character `Ü` (U+00DC): expected a type",
    ),
    // Structure.
    case(
        "= A;",
        "E0103",
        1,
        1,
        "expected a definition name, found `=`",
    ),
    case(
        "a#1 x:int A;",
        "E0103",
        1,
        12,
        "expected `=` before the result type, found `;`",
    ),
    case(
        "a#1 x:int = ;",
        "E0103",
        1,
        13,
        "expected the result type, found `;`",
    ),
    case("a#1 x: = A;", "E0103", 1, 8, "expected a type, found `=`"),
    case(
        "a#1 x:int x:long = A;",
        "E0212",
        1,
        11,
        "field `x` appears twice in `a`",
    ),
    case(
        "a#1 = A;\na#2 = A;",
        "E0202",
        2,
        1,
        "constructor `a` is defined twice, differently",
    ),
    case(
        "a#1 = b;",
        "E0211",
        1,
        7,
        "the result of constructor `a` must be a boxed type name, found `b`",
    ),
    case(
        "a#1 = A;\nb#2 = A;\nc#3 x:%A = C;",
        "E0213",
        3,
        7,
        "`%A` is ambiguous: type `A` has 2 constructors",
    ),
    case(
        "a#1 x:5 = A;",
        "E0210",
        1,
        7,
        "a number (`5`) cannot be used as a type",
    ),
    case("a#1 # = A;", "E0210", 1, 5, "argument of `a` has no name"),
    case(
        "a#1 x:[ int ] = A;",
        "E0210",
        1,
        5,
        "repetition `[ … ]` in `a` is not supported",
    ),
    case(
        "int128 4*[ int = Int128;",
        "E0103",
        1,
        16,
        "expected `]` to close the repetition, found `=`",
    ),
    case(
        "foo ? = Foo;",
        "E0209",
        1,
        1,
        "`foo` is not a built-in type tlgen knows",
    ),
    case(
        "---function---\na#1 = A;",
        "E0105",
        1,
        1,
        "unknown section marker `---function---`",
    ),
    case(
        "a#1 = A;\n/* oops",
        "E0106",
        2,
        1,
        "unterminated block comment",
    ),
    case(
        "a#1 = A;\r\nb#2 x:Baz = B;\r\n",
        "E0201",
        2,
        7,
        "undefined type `Baz`",
    ),
];

fn describe(d: &Diagnostic, sources: &tl_parser::Sources) -> (String, usize, usize, String) {
    let (_, pos) = sources.describe(d.primary.location);
    (
        d.code.as_str().to_owned(),
        pos.line,
        pos.column,
        d.message.clone(),
    )
}

#[test]
fn every_malformed_input_reports_the_expected_first_error() {
    assert!(CASES.len() >= 40, "keep at least 40 malformed inputs");
    let mut failures = Vec::new();
    for (i, c) in CASES.iter().enumerate() {
        let (sources, checked) = check_str("case.tl", c.input);
        let Some(first) = checked.errors().next() else {
            failures.push(format!("case {i} {:?}: no error reported", c.input));
            continue;
        };
        let got = describe(first, &sources);
        let want = (c.code.to_owned(), c.line, c.column, c.message.to_owned());
        if got != want {
            failures.push(format!(
                "case {i} {:?}:\n   got {got:?}\n  want {want:?}",
                c.input
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn parsing_resumes_after_an_error_and_reports_each_one() {
    let (sources, checked) = check_str(
        "t.tl",
        "a#1 x:Foo = A;\nb#2 y:Bar = B;\nc#3 = C\nd#4 z:Qux = D;\n",
    );
    let errors: Vec<_> = checked.errors().map(|d| describe(d, &sources)).collect();
    assert_eq!(
        errors,
        vec![
            ("E0201".to_owned(), 1, 7, "undefined type `Foo`".to_owned()),
            ("E0201".to_owned(), 2, 7, "undefined type `Bar`".to_owned()),
            (
                "E0103".to_owned(),
                3,
                8,
                "missing `;` after the definition of `c`".to_owned()
            ),
            ("E0201".to_owned(), 4, 7, "undefined type `Qux`".to_owned()),
        ]
    );
}

#[test]
fn a_misspelled_type_suggests_the_closest_one() {
    let (_, checked) = check_str(
        "t.tl",
        "messageEntityBold#bd610bc9 offset:int length:int = MessageEntity;\nx#1 e:Vector<MesageEntity> = X;",
    );
    let error = checked.errors().next().cloned();
    let error = error.map(|e| (e.primary.message, e.help));
    assert_eq!(
        error,
        Some((
            "did you mean `MessageEntity`?".to_owned(),
            Some("did you mean `MessageEntity`? If not, define a constructor whose result type is `MesageEntity`".to_owned())
        ))
    );
}

#[test]
fn a_written_id_that_differs_from_the_crc32_is_a_warning_with_both_ids() {
    // CRC32("a = A") = 0x7aae25b9 (Python: zlib.crc32(b"a = A")).
    let (sources, checked) = check_str("t.tl", "a#12345678 = A;");
    assert!(!checked.has_errors());
    let warnings: Vec<_> = checked.warnings().collect();
    assert_eq!(warnings.len(), 1);
    let w = warnings[0];
    assert_eq!(
        describe(w, &sources),
        (
            "W0301".to_owned(),
            1,
            3,
            "written id #12345678 of `a` differs from the computed id #7aae25b9".to_owned()
        )
    );
    assert_eq!(
        w.notes,
        vec![
            "text hashed (telegram id rule): `a = A`".to_owned(),
            "written #12345678, CRC32 of that text #7aae25b9".to_owned()
        ]
    );
}

#[test]
fn a_definition_with_an_error_gets_no_id_mismatch_warning() {
    // The id computed for a definition with an error hashes text that is
    // wrong, so W0301 there would only repeat the error. Each input has a
    // written id that differs from the computed one; the diagnostics are
    // the errors alone (code, line, column).
    for (input, expected) in [
        // An unknown type: `strng` starts in column 28.
        (
            "user#12345678 id:long name:strng = User;",
            vec![("E0201", 1, 28)],
        ),
        // A flag bit out of range: `40` in column 28.
        (
            "a#12345678 flags:# x:flags.40?int = A;",
            vec![("E0206", 1, 28)],
        ),
        // A core line for an unknown built-in: `foo` in column 1.
        ("foo#12345678 ? = Foo;", vec![("E0209", 1, 1)]),
        // Two ids the same: `a` (no error) keeps its warning, at the id in
        // column 3; `b` has the error (at its name) and no warning.
        (
            "a#12345678 = A;\nb#12345678 = B;",
            vec![("W0301", 1, 3), ("E0203", 2, 1)],
        ),
    ] {
        let (sources, checked) = check_str("t.tl", input);
        let got: Vec<(&str, usize, usize)> = checked
            .diagnostics
            .iter()
            .map(|d| {
                let (_, pos) = sources.describe(d.primary.location);
                (d.code.as_str(), pos.line, pos.column)
            })
            .collect();
        assert_eq!(got, expected, "{input}");
    }
}

#[test]
fn missing_ids_are_computed_by_crc32_of_the_normalized_text() {
    // Expected values from Python's zlib.crc32 over the normalized text.
    let (_, checked) = check_str(
        "t.tl",
        "user id:long = User;\na flags:# x:flags.0?int y:flags.1?true = A;\n",
    );
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    let ids: Vec<(String, u32, String)> = checked
        .schema
        .constructors
        .iter()
        .map(|c| (c.name.full(), c.id, c.normalized.clone()))
        .collect();
    assert_eq!(
        ids,
        vec![
            (
                "user".to_owned(),
                0x74e5_ad7d,
                "user id:long = User".to_owned()
            ),
            (
                "a".to_owned(),
                0xc914_dc61,
                "a flags:# x:flags.0?int = A".to_owned()
            ),
        ]
    );
}
