//! TDLib's and TON's dialects of TL, one small schema per rule. Expected ids
//! are Python's `zlib.crc32` of the texts in the comments (TDLib's rule hashes
//! the definition as written; Telegram's hashes `bytes` as `string` and leaves
//! `flags.N?true` fields out), or TDLib's own where the issue quotes them.

use tl_parser::{
    Builtin, CheckOptions, Checked, Code, IdRule, IdRuleReason, Kind, Name, Sources, Ty, check_str,
    check_with,
};

fn checked(text: &str) -> Checked {
    let (_, checked) = check_str("t.tl", text);
    let errors: Vec<String> = checked.errors().map(|d| d.message.clone()).collect();
    assert!(errors.is_empty(), "unexpected errors: {errors:#?}");
    checked
}

fn id_of(checked: &Checked, name: &str) -> u32 {
    let name = Name::parse(name);
    checked
        .schema
        .combinators()
        .find(|c| c.name == name)
        .map(|c| c.id)
        .unwrap_or_else(|| panic!("no definition `{name}`"))
}

#[test]
fn tdlib_declarations_choose_the_literal_rule_for_bytes_and_true_fields() {
    let c = checked(
        "bytes = Bytes;\n\
         blob data:bytes = Blob;\n\
         test flags:# a:flags.0?true b:int = Test;\n\
         ---functions---\n\
         getKey flags:# force:flags.0?true = Test;\n",
    );
    assert_eq!(c.schema.id_rule, IdRule::Tdlib);
    assert_eq!(
        c.schema.id_rule_reason,
        IdRuleReason::Declaration("bytes".to_owned())
    );
    // TDLib's parser gives `blob data:bytes = Blob` 0xbb610091 (issue 12).
    assert_eq!(id_of(&c, "blob"), 0xbb61_0091);
    // crc32("test flags:# a:flags.0?true b:int = Test")
    assert_eq!(id_of(&c, "test"), 0x0f49_77e0);
    // crc32("getKey flags:# force:flags.0?true = Test")
    assert_eq!(id_of(&c, "getKey"), 0x8397_e416);
}

#[test]
fn without_declarations_or_written_ids_telegrams_rule_stays_the_default() {
    let c = checked("blob data:bytes = Blob;\ntest flags:# a:flags.0?true b:int = Test;\n");
    assert_eq!(c.schema.id_rule, IdRule::Telegram);
    assert_eq!(c.schema.id_rule_reason, IdRuleReason::Default);
    // crc32("blob data:string = Blob"): 0x20dbc7fa, as the issue quotes it.
    assert_eq!(id_of(&c, "blob"), 0x20db_c7fa);
    // crc32("test flags:# b:int = Test")
    assert_eq!(id_of(&c, "test"), 0x753d_d65d);
}

#[test]
fn written_ids_outvote_declarations_and_the_rule_can_be_forced() {
    // The written id follows Telegram's rule, though `bytes = Bytes;` is TDLib's.
    let text = "bytes = Bytes;\nblob#20dbc7fa data:bytes = Blob;\nother x:bytes = Other;\n";
    let c = checked(text);
    assert_eq!(c.schema.id_rule, IdRule::Telegram);
    assert_eq!(
        c.schema.id_rule_reason,
        IdRuleReason::WrittenIds {
            telegram: 1,
            tdlib: 0
        }
    );
    assert_eq!(c.warnings().count(), 0);
    let mut sources = Sources::new();
    sources.add("t.tl", text);
    let forced = check_with(
        &sources,
        CheckOptions::default().id_rule(Some(IdRule::Tdlib)),
    );
    assert_eq!(forced.schema.id_rule, IdRule::Tdlib);
    assert_eq!(forced.schema.id_rule_reason, IdRuleReason::Requested);
    // The written id is kept, and now differs from the rule's: a warning that
    // says which rule the written id follows.
    assert_eq!(id_of(&forced, "blob"), 0x20db_c7fa);
    let warnings: Vec<_> = forced.warnings().collect();
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].code, Code::IdMismatch);
    assert!(
        warnings[0]
            .notes
            .iter()
            .any(|n| n.contains("Telegram's rule hashes it")),
        "{:?}",
        warnings[0].notes
    );
}

#[test]
fn every_built_in_declaration_of_tdlib_and_ton_maps_to_a_type_that_holds_data() {
    let c = checked(
        "int ? = Int;\nlong ? = Long;\ndouble ? = Double;\nstring ? = String;\n\
         object ? = Object;\nfunction ? = Function;\n\
         int32 = Int32;\nint53 = Int53;\nint64 = Int64;\n\
         bytes data:string = Bytes;\n\
         secureString ? = SecureString;\nsecureBytes ? = SecureBytes;\n\
         true = True;\nboolTrue = Bool;\nboolFalse = Bool;\n\
         vector {t:Type} # [ t ] = Vector t;\n\
         int128 4*[ int ] = Int128;\nint256 8*[ int ] = Int256;\nint512 16*[ int ] = Int512;\n\
         all a:int32 b:int53 c:int64 d:bytes e:secureString f:secureBytes g:int128 h:int256 \
         i:int512 j:Bool k:Object l:Function m:(vector int53) n:object o:function \
         p:int1024 = All;\n\
         int1024 32*[ int32 ] = Int1024;\n",
    );
    let names: Vec<&str> = c.schema.builtins.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "int",
            "long",
            "double",
            "string",
            "object",
            "function",
            "int32",
            "int53",
            "int64",
            "bytes",
            "secureString",
            "secureBytes",
            "vector",
            "int128",
            "int256",
            "int512",
            "int1024"
        ]
    );
    let all = &c.schema.constructors.last().expect("`all`");
    let types: Vec<&Ty> = all.fields.iter().map(|f| &f.ty).collect();
    let array = |name: &str, words| Ty::IntArray {
        name: name.to_owned(),
        words,
    };
    assert_eq!(
        types,
        [
            &Ty::Builtin(Builtin::Int32),
            &Ty::Builtin(Builtin::Int53),
            &Ty::Builtin(Builtin::Int64),
            &Ty::Builtin(Builtin::Bytes),
            &Ty::Builtin(Builtin::SecureString),
            &Ty::Builtin(Builtin::SecureBytes),
            &Ty::Builtin(Builtin::Int128),
            &Ty::Builtin(Builtin::Int256),
            &array("int512", 16),
            &Ty::Boxed(Name::parse("Bool")),
            &Ty::Object,
            &Ty::Object,
            &Ty::Vector {
                boxed: false,
                item: Box::new(Ty::Builtin(Builtin::Int53)),
            },
            // ton_api.tl's `testObject value:int o:object f:function`.
            &Ty::Object,
            &Ty::Object,
            // tonlib_api.tl repeats `int32`, not `int`.
            &array("int1024", 32),
        ]
    );
    // The wire value of each TDLib/tonlib spelling.
    assert_eq!(Builtin::Int32.wire(), Builtin::Int);
    assert_eq!(Builtin::Int53.wire(), Builtin::Long);
    assert_eq!(Builtin::Int64.wire(), Builtin::Long);
    assert_eq!(Builtin::SecureString.wire(), Builtin::String);
    assert_eq!(Builtin::SecureBytes.wire(), Builtin::Bytes);
    for b in Builtin::ALL {
        assert_eq!(Builtin::from_tl_name(b.tl_name()), Some(b));
    }
    // `true`, `boolTrue`, `boolFalse` stay constructors, with TDLib's ids
    // (reference-ids: true#3fedd339, boolTrue#997275b5, boolFalse#bc799737).
    assert_eq!(id_of(&c, "true"), 0x3fed_d339);
    assert_eq!(id_of(&c, "boolTrue"), 0x9972_75b5);
    assert_eq!(id_of(&c, "boolFalse"), 0xbc79_9737);
}

#[test]
fn declarations_tlgen_cannot_represent_are_errors() {
    for (text, message) in [
        (
            "uint32 = UInt32;\na x:uint32 = A;\n",
            "`uint32` looks like a number type tlgen does not know",
        ),
        (
            "float ? = Float;\n",
            "`float` is not a built-in type tlgen knows",
        ),
        (
            "int128 3*[ int ] = Int128;\n",
            "`int128` is declared as 3 `int`s; it is 4",
        ),
        (
            "pair 2*[ int long ] = Pair;\n",
            "repetition `[ … ]` in `pair` is not supported",
        ),
    ] {
        let (_, c) = check_str("t.tl", text);
        let errors: Vec<&str> = c.errors().map(|d| d.message.as_str()).collect();
        assert!(
            errors.iter().any(|m| m.starts_with(message)),
            "{text:?}: {errors:#?}"
        );
    }
}

#[test]
fn section_markers_may_have_spaces_inside_the_dashes() {
    let c = checked("a = A;\n--- functions ---\nf = A;\n---  types  ---\nb = B;\n");
    let kinds: Vec<(String, Kind)> = c
        .schema
        .combinators()
        .map(|c| (c.name.full(), c.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("a".to_owned(), Kind::Constructor),
            ("b".to_owned(), Kind::Constructor),
            ("f".to_owned(), Kind::Function)
        ]
    );
}

#[test]
fn functions_sharing_an_id_are_a_warning_naming_both() {
    // As TDLib's `invokeWithBusinessConnectionPrefix` writes the id of
    // `invokeWithBusinessConnection`: crc32("invokeWith connection_id:string = Ok").
    let c = checked(
        "ok = Ok;\n---functions---\n\
         invokeWith connection_id:string = Ok;\n\
         invokeWithPrefix#a0b85a7d = Ok;\n",
    );
    let codes: Vec<&str> = c.warnings().map(|d| d.code.as_str()).collect();
    // The prefix's written id is not its own text's CRC32 either.
    assert_eq!(codes, ["W0303", "W0301"]);
    let w = c.warnings().next().expect("a warning");
    assert_eq!(
        w.message,
        "functions `invokeWithPrefix` and `invokeWith` share id #a0b85a7d"
    );
    assert_eq!(w.primary.location.span.start, 63);
    assert_eq!(w.secondary[0].location.span.start, 25);
    assert_eq!(c.schema.functions.len(), 2);
    // Between constructors (or a constructor and a function) it stays an error.
    let (_, c) = check_str("t.tl", "a#1 = A;\nb#1 = A;\n");
    assert_eq!(c.errors().next().map(|d| d.code), Some(Code::DuplicateId));
}

#[test]
fn did_you_mean_keeps_to_names_of_the_same_case_class() {
    // `shape` is one letter from the boxed type `Shape`, which used to be
    // suggested; a lowercase name is a bare constructor, so it must not be.
    // `Fooo` still finds the boxed `Foo`. (Two definitions: each reports
    // only its first problem.)
    let (_, c) = check_str(
        "t.tl",
        "circle r:int = Shape;\nfoo = Foo;\na x:shape = A;\nb y:Fooo = B;\n",
    );
    let help_of = |message: &str| {
        c.errors()
            .find(|d| d.message == message)
            .map(|d| d.help.clone().unwrap_or_default())
            .unwrap_or_else(|| panic!("no error {message:?}: {:#?}", c.diagnostics))
    };
    let shape = help_of("undefined type `shape`");
    assert!(!shape.contains("did you mean"), "{shape}");
    assert_eq!(
        help_of("undefined type `Fooo`"),
        "did you mean `Foo`? If not, define a constructor whose result type is `Fooo`"
    );
}

#[test]
fn class_comments_document_their_type() {
    let c = checked(
        "//@class Shape @description A shape\n\n\
         //@description A circle @radius Its radius\n\
         circle radius:int = Shape;\n\
         square side:int = Shape;\n\
         other = Other;\n",
    );
    let docs: Vec<(String, Option<&str>)> = c
        .schema
        .types
        .iter()
        .map(|t| (t.name.full(), t.doc.as_deref()))
        .collect();
    assert_eq!(
        docs,
        [
            ("Shape".to_owned(), Some("A shape")),
            ("Other".to_owned(), None)
        ]
    );
}
