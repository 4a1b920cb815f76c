//! `Options::omit` (`--omit`, `--lean`): each part of the API it leaves out
//! removes exactly that part's items and nothing else. The expectation is the
//! whole API's output with the part taken out here, by a syntax-tree edit
//! written for this test, on `schema/seed.tl` and on `generated/schema/edge.tl`
//! (every corner case of the generator). That the lean code compiles and reads
//! and writes Telethon's bytes is `generated/tests/lean.rs`.

use syn::{ImplItem, Item};
use tl_codegen::{Builder, Extra};

const SCHEMAS: &[&str] = &["schema/seed.tl", "generated/schema/edge.tl"];

/// The code generated for `schema` with `omit` left out, formatted.
fn generate(schema: &str, omit: &[Extra]) -> String {
    let mut builder = Builder::new()
        .schema(schema)
        .format(true)
        .cargo_directives(false);
    for &part in omit {
        builder = builder.omit(part);
    }
    match builder.generate() {
        Ok(generated) => generated.into_code(),
        Err(e) => panic!("{schema}: {e:?}"),
    }
}

/// Applies `edit` to every item of `items`, modules' contents included, and
/// drops the items it returns `false` for.
fn edit_items(items: &mut Vec<Item>, edit: &mut dyn FnMut(&mut Item) -> bool) {
    items.retain_mut(|item| {
        if let Item::Mod(module) = item {
            if let Some((_, content)) = &mut module.content {
                edit_items(content, edit);
            }
        }
        edit(item)
    });
}

/// `code` parsed, edited by `edit`, and printed again.
fn edited(code: &str, mut edit: impl FnMut(&mut Item) -> bool) -> String {
    let mut file = syn::parse_file(code).expect("generated code parses");
    edit_items(&mut file.items, &mut edit);
    prettyplease::unparse(&file)
}

/// Drops every doc attribute of the item (and of its fields, variants and
/// associated items). Keeps it.
fn strip_docs(item: &mut Item) -> bool {
    fn no_docs(attrs: &mut Vec<syn::Attribute>) {
        attrs.retain(|a| !a.path().is_ident("doc"));
    }
    fn fields(fields: &mut syn::Fields) {
        for field in fields.iter_mut() {
            no_docs(&mut field.attrs);
        }
    }
    match item {
        Item::Struct(s) => {
            no_docs(&mut s.attrs);
            fields(&mut s.fields);
        }
        Item::Enum(e) => {
            no_docs(&mut e.attrs);
            for variant in &mut e.variants {
                no_docs(&mut variant.attrs);
                fields(&mut variant.fields);
            }
        }
        Item::Impl(i) => {
            no_docs(&mut i.attrs);
            for item in &mut i.items {
                match item {
                    ImplItem::Fn(f) => no_docs(&mut f.attrs),
                    ImplItem::Const(c) => no_docs(&mut c.attrs),
                    ImplItem::Type(t) => no_docs(&mut t.attrs),
                    _ => {}
                }
            }
        }
        Item::Mod(m) => {
            no_docs(&mut m.attrs);
            // Inner `//!` docs of an inline module are attributes of its items'
            // container; generated modules carry only outer docs.
        }
        Item::Fn(f) => no_docs(&mut f.attrs),
        Item::Const(c) => no_docs(&mut c.attrs),
        Item::Type(t) => no_docs(&mut t.attrs),
        _ => {}
    }
    true
}

/// The trait an impl implements, by its last path segment.
fn implemented_trait(item: &Item) -> Option<String> {
    match item {
        Item::Impl(i) => i
            .trait_
            .as_ref()
            .and_then(|(path, _)| path.segments.last())
            .map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// Keeps only the inherent methods of an inherent impl that `keep` accepts;
/// drops the impl when none is left. Keeps every other item.
fn retain_methods(item: &mut Item, keep: impl Fn(&str) -> bool) -> bool {
    match item {
        Item::Impl(i) if i.trait_.is_none() => {
            i.items.retain(|m| match m {
                ImplItem::Fn(f) => keep(&f.sig.ident.to_string()),
                _ => true,
            });
            !i.items.is_empty()
        }
        _ => true,
    }
}

fn is_builder(method: &str) -> bool {
    method == "new" || method.starts_with("with_")
}

/// Methods every enum has, whatever is omitted.
fn is_enum_basic(method: &str) -> bool {
    method == "constructor_id" || method == "tl_name"
}

/// What the whole API's `code` becomes without `part`, docs stripped (module
/// docs describe the API, and differ by design; `Extra::Docs` is checked on
/// its own).
fn without(code: &str, part: Extra) -> String {
    edited(code, |item| {
        strip_docs(item);
        match part {
            Extra::Debug => {
                if let Item::Struct(s) = item {
                    remove_debug(&mut s.attrs);
                }
                if let Item::Enum(e) = item {
                    remove_debug(&mut e.attrs);
                }
                true
            }
            Extra::Builders => retain_methods(item, |m| !is_builder(m)),
            Extra::From => implemented_trait(item).as_deref() != Some("From"),
            Extra::TryFrom => implemented_trait(item).as_deref() != Some("TryFrom"),
            Extra::Accessors => retain_methods(item, |m| is_builder(m) || is_enum_basic(m)),
            _ => true,
        }
    })
}

/// Removes `Debug` from a `#[derive(..)]` list.
fn remove_debug(attrs: &mut [syn::Attribute]) {
    for attr in attrs.iter_mut().filter(|a| a.path().is_ident("derive")) {
        let syn::Meta::List(list) = &attr.meta else {
            continue;
        };
        let paths = list
            .parse_args_with(
                syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
            )
            .expect("a derive list");
        let kept: Vec<String> = paths
            .iter()
            .filter(|p| !p.is_ident("Debug"))
            .map(|p| {
                let segments: Vec<String> =
                    p.segments.iter().map(|s| s.ident.to_string()).collect();
                let root = if p.leading_colon.is_some() { "::" } else { "" };
                format!("{root}{}", segments.join("::"))
            })
            .collect();
        assert!(kept.len() < paths.len(), "every item derives Debug");
        attr.meta = syn::parse_str(&format!("derive({})", kept.join(", "))).expect("a derive");
    }
}

#[test]
fn each_omitted_part_removes_exactly_its_items() {
    let parts = [
        Extra::Debug,
        Extra::Builders,
        Extra::From,
        Extra::TryFrom,
        Extra::Accessors,
    ];
    // Whether some schema has something of each part to remove (the seed has
    // no accessors; edge.tl has).
    let mut removes_something = [false; 5];
    for schema in SCHEMAS {
        let full = generate(schema, &[]);
        for (i, part) in parts.into_iter().enumerate() {
            let expected = without(&full, part);
            removes_something[i] |= expected != edited(&full, strip_docs);
            let actual = edited(&generate(schema, &[part]), strip_docs);
            assert!(
                actual == expected,
                "{schema}: --omit {part} is not the whole API without it"
            );
        }
    }
    assert_eq!(
        removes_something, [true; 5],
        "{parts:?}: each has items to remove"
    );
}

#[test]
fn omitted_docs_are_every_doc_comment_and_nothing_else() {
    for schema in SCHEMAS {
        let full = generate(schema, &[]);
        let expected = edited(&full, strip_docs);
        let actual = generate(schema, &[Extra::Docs]);
        assert!(!actual.contains("///") && !actual.contains("#[doc"));
        assert!(
            edited(&actual, |_| true) == expected,
            "{schema}: --omit docs is not the whole API without its docs"
        );
    }
}

#[test]
fn the_lean_mode_is_every_part_omitted() {
    for schema in SCHEMAS {
        let mut expected = generate(schema, &[]);
        for part in Extra::ALL {
            expected = without(&expected, part);
        }
        let lean = Builder::new()
            .schema(*schema)
            .format(true)
            .cargo_directives(false)
            .lean()
            .generate()
            .expect("the schema generates")
            .into_code();
        assert_eq!(lean, generate(schema, &Extra::ALL));
        assert!(
            edited(&lean, |_| true) == expected,
            "{schema}: the lean mode is not the whole API without every part"
        );
    }
}

/// The module docs describe only what is generated.
#[test]
fn module_docs_describe_the_parts_generated() {
    let says = [
        (Extra::Builders, "chainable `with_<field>(value)`"),
        (Extra::From, "`From` (and so `.into()`)"),
        (Extra::TryFrom, "`TryFrom` turns the enum back"),
        (Extra::Accessors, "(`Message::id()`)"),
    ];
    let full = generate("schema/seed.tl", &[]);
    for (part, text) in says {
        assert!(full.contains(text), "the whole API's docs say {text:?}");
        let omitted = generate("schema/seed.tl", &[part]);
        assert!(
            !omitted.contains(text),
            "--omit {part}: the docs still say {text:?}"
        );
        for (other, other_text) in says {
            if other != part {
                assert!(
                    omitted.contains(other_text),
                    "--omit {part}: the docs no longer say {other_text:?}"
                );
            }
        }
    }
}

/// With documentation, the typed errors stay in the lean mode, and keep
/// `Debug` (their trait needs it).
#[test]
fn typed_errors_stay_in_the_lean_mode() {
    let code = Builder::new()
        .schema("schema/seed.tl")
        .docs("schema/seed-docs.json")
        .format(true)
        .cargo_directives(false)
        .lean()
        .generate()
        .expect("the seed generates")
        .into_code();
    assert!(code.contains("pub enum KnownError"));
    assert!(code.contains("pub mod errors"));
    assert_eq!(
        code.matches("#[derive(Debug").count(),
        2,
        "only KnownError and errors::phone::JoinGroupCall derive Debug"
    );
}

/// Options that contradict the lean mode are refused, naming the option.
#[test]
fn contradictions_are_invalid_options() {
    let error = |builder: Builder| match builder.generate() {
        Err(e) => e.to_string(),
        Ok(_) => panic!("generated"),
    };
    let seed = || {
        Builder::new()
            .schema("schema/seed.tl")
            .cargo_directives(false)
    };
    assert_eq!(
        error(seed().omit(Extra::Debug).arbitrary(true)),
        "tl-codegen: invalid option `omit`: `arbitrary` needs `Debug` (property tests print the values \
         they fail on): omit `debug` only without `arbitrary`"
    );
    assert_eq!(
        error(seed().omit(Extra::Debug).derive("std::fmt::Debug")),
        "tl-codegen: invalid option `derive`: `Debug` is derived and omitted at once: drop one of \
         `derive Debug` and `omit debug`"
    );
}
