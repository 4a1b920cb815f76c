//! Fuzz target: documentation text -> generated code. Whatever a documentation
//! file says, the generated module parses as Rust and its doc comments hold only
//! what tl-codegen writes (`tlgen_test_support::doc_markdown`): no code block a
//! description could make into a doctest, no list, heading, HTML or foreign link,
//! no character a doc comment cannot hold.
//!
//! The input, read as UTF-8 (lossily), is cut at each `\u{1}` into pieces that
//! fill every text of a documentation of [`SCHEMA`] (the seed's `Updates`, one
//! of its constructors and `phone.joinGroupCall`, cut down so that a run is
//! quick): descriptions and links of a type, a constructor and a method, its
//! parameters, its errors' names and descriptions, and the name of an entry
//! naming nothing. The same input is also read as a documentation file itself,
//! which must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};
use tl_codegen::{Definition, Docs, ErrorEntry, FieldDoc, Options};
use tlgen_test_support::doc_markdown;

/// The documented schema.
const SCHEMA: &str = "
    true#3fedd339 = True;
    updateShort#78d4dec1 date:int = Updates;
    ---functions---
    phone.joinGroupCall flags:# muted:flags.0?true invite_hash:flags.1?string = Updates;
";

/// [`SCHEMA`], checked once.
fn schema() -> &'static tl_parser::Schema {
    static CHECKED: OnceLock<tl_parser::Schema> = OnceLock::new();
    CHECKED.get_or_init(|| tl_parser::check_str("fuzz.tl", SCHEMA).1.schema)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = Docs::from_json("fuzz.json", &text);

    let mut pieces = text.split('\u{1}').map(str::to_owned).cycle().take(16);
    let mut next = || pieces.next().unwrap_or_default();
    let definition = |next: &mut dyn FnMut() -> String| {
        let mut d = Definition::default();
        d.description = vec![next(), next()];
        d.links = vec![next()];
        d
    };
    let mut docs = Docs::default();
    docs.types.insert("Updates".to_owned(), definition(&mut next));
    docs.constructors.insert("updateShort".to_owned(), definition(&mut next));
    let mut method = definition(&mut next);
    for field in ["flags", "muted", "invite_hash"] {
        let mut f = FieldDoc::default();
        f.description = next();
        f.links = vec![next()];
        method.fields.insert(field.to_owned(), f);
    }
    for code in [400, 500] {
        let mut e = ErrorEntry::default();
        e.code = code;
        e.name = next();
        e.description = next();
        docs.errors.insert(e.name.clone(), e.clone());
        method.errors.push(e);
    }
    docs.methods.insert("phone.joinGroupCall".to_owned(), method);
    docs.constructors.insert(next(), Definition::default());

    let mut options = Options::default();
    options.docs = Some(Arc::new(docs));
    let generated = match tl_codegen::generate(schema(), &options) {
        Ok(generated) => generated,
        Err(e) => panic!("the schema with documentation did not generate: {e:?}"),
    };
    match doc_markdown::problems(generated.code()) {
        Ok(problems) => assert!(problems.is_empty(), "{problems:#?}"),
        Err(e) => panic!("the generated code is not Rust: {e}"),
    }
});
