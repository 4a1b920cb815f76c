//! Grammar features and documentation comments, checked on small inputs.

use tl_parser::schema::Builtin;
use tl_parser::{Name, Ty, check_str};

fn ok(text: &str) -> tl_parser::Schema {
    let (sources, checked) = check_str("t.tl", text);
    let rendered: String = checked
        .diagnostics
        .iter()
        .map(|d| d.render_plain(&sources))
        .collect();
    assert!(!checked.has_errors(), "{rendered}");
    checked.schema
}

#[test]
fn multi_line_definitions_comments_namespaces_and_short_ids() {
    let s = ok("a.b.thing#abc /* inline */ x:int // trailing\n  y:string\n  = a.b.Thing;\n");
    let c = &s.constructors[0];
    assert_eq!(
        c.name,
        Name {
            namespace: vec!["a".into(), "b".into()],
            name: "thing".into()
        }
    );
    assert_eq!(c.id, 0xabc);
    assert_eq!(
        c.fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
        ["x", "y"]
    );
    assert_eq!(
        c.definition,
        "a.b.thing#00000abc x:int y:string = a.b.Thing"
    );
}

#[test]
fn sections_alternate() {
    let s = ok(
        "a#1 = A;\n---functions---\nf#2 = A;\n---types---\nb#3 = B;\n---functions---\ng#4 = B;\n",
    );
    let ctors: Vec<String> = s.constructors.iter().map(|c| c.name.full()).collect();
    let funcs: Vec<String> = s.functions.iter().map(|c| c.name.full()).collect();
    assert_eq!(
        (ctors, funcs),
        (vec!["a".into(), "b".into()], vec!["f".into(), "g".into()])
    );
}

#[test]
fn all_type_forms_resolve() {
    let s = ok(concat!(
        "boolTrue#997275b5 = Bool;\n",
        "item#1 v:int = Item;\n",
        "t#2 flags:# a:flags.0?true b:Vector<long> c:vector<item> d:%Item e:(Vector Item) ",
        "f:Vector<Vector<bytes>> g:int128 h:int256 i:Object j:Bool k:flags.3?double = T;\n",
        "---functions---\n",
        "invoke#3 {X:Type} q:!X = X;\n",
    ));
    let t = &s.constructors[2];
    let tys: Vec<&Ty> = t.fields.iter().map(|f| &f.ty).collect();
    let vector = |boxed, item| Ty::Vector {
        boxed,
        item: Box::new(item),
    };
    assert_eq!(
        tys,
        vec![
            &Ty::Flags,
            &Ty::True,
            &vector(true, Ty::Builtin(Builtin::Long)),
            &vector(false, Ty::Bare(Name::parse("item"))),
            &Ty::Bare(Name::parse("item")),
            &vector(true, Ty::Boxed(Name::parse("Item"))),
            &vector(true, vector(true, Ty::Builtin(Builtin::Bytes))),
            &Ty::Builtin(Builtin::Int128),
            &Ty::Builtin(Builtin::Int256),
            &Ty::Object,
            &Ty::Boxed(Name::parse("Bool")),
            &Ty::Builtin(Builtin::Double),
        ]
    );
    let invoke = &s.functions[0];
    assert_eq!(
        invoke.fields[0].ty,
        Ty::Param {
            name: "X".into(),
            bang: true
        }
    );
    assert_eq!(
        invoke.result,
        Ty::Param {
            name: "X".into(),
            bang: false
        }
    );
}

#[test]
fn fields_sharing_a_bit_are_grouped() {
    let s = ok("k#1 flags:# public_key:flags.3?int256 block:flags.3?bytes other:flags.4?int = K;");
    let groups: Vec<(usize, u8, Vec<usize>)> = s.constructors[0]
        .flag_groups
        .iter()
        .map(|g| (g.flags_field, g.bit, g.fields.clone()))
        .collect();
    assert_eq!(groups, vec![(0, 3, vec![1, 2]), (0, 4, vec![3])]);
}

#[test]
fn comments_directly_above_are_documentation() {
    let s = ok(concat!(
        "// Not documentation: a blank line follows.\n\n",
        "// Joins a group call.\n// Second line.\n",
        "a#1 = A;\n",
        "b#2 = B; // trailing, documents nothing\n",
        "c#3 = C;\n",
        "///////////\n",
        "d#4 = D;\n",
        "//@description Sends a message @chat_id Target chat @text The text\n",
        "send#5 chat_id:long text:string = S;\n",
    ));
    let docs: Vec<Option<String>> = s
        .constructors
        .iter()
        .map(|c| c.doc.as_ref().map(|d| d.summary()))
        .collect();
    assert_eq!(
        docs,
        vec![
            Some("Joins a group call.\nSecond line.".to_owned()),
            None,
            None,
            None,
            Some("Sends a message".to_owned()),
        ]
    );
    let fields: Vec<Option<&str>> = s.constructors[4]
        .fields
        .iter()
        .map(|f| f.doc.as_deref())
        .collect();
    assert_eq!(fields, vec![Some("Target chat"), Some("The text")]);
}

#[test]
fn layer_comment_is_read() {
    assert_eq!(ok("// LAYER 42\na#1 = A;").layer, Some(42));
}

#[test]
fn the_same_file_checked_twice_gives_the_same_schema() {
    let text = "a#1 x:int = A;\n---functions---\nf#2 a:A = A;";
    assert_eq!(ok(text), ok(text));
}
