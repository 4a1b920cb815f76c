//! Snapshots of the code generated for `schema/seed.tl` with its documentation
//! `schema/seed-docs.json` (made from the seed page by `tools/seed_docs.py`):
//! `phone.joinGroupCall`, each of the seven `Updates` constructors, the `Updates`
//! enum, and the error enums (`errors::phone::JoinGroupCall`, `KnownError`), each
//! with its impls.
//!
//! The generated module is parsed with syn and the items of each snapshot (the struct
//! or enum, every `impl` for it, and for an enum the `TryFrom` impls from it) are
//! printed alone with prettyplease. Snapshots
//! live in `tests/snapshots/`; they were reviewed by reading them (field types, flags
//! computation, wire order, lengths, docs) before being committed. Under `CI=true`
//! insta never writes snapshots, so a mismatch fails the run; after an intended
//! change, review the diff with `cargo insta review` (or rerun with
//! `INSTA_UPDATE=always` and read the `.snap` changes).

use syn::{Item, Type};

/// The generated code for the seed schema, parsed.
fn seed() -> syn::File {
    let generated = tl_codegen::Builder::new()
        .schema(concat!(env!("CARGO_MANIFEST_DIR"), "/schema/seed.tl"))
        .docs(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/schema/seed-docs.json"
        ))
        .cargo_directives(false)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    syn::parse_file(generated.code())
        .unwrap_or_else(|e| panic!("generated code does not parse: {e}"))
}

/// The items of the module at `path` (e.g. `["functions", "phone"]`).
fn module<'a>(file: &'a syn::File, path: &[&str]) -> &'a [Item] {
    let mut items = file.items.as_slice();
    for name in path {
        items = items
            .iter()
            .find_map(|item| match item {
                Item::Mod(m) if m.ident == name => m.content.as_ref().map(|(_, i)| i.as_slice()),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no module {name} in {path:?}"));
    }
    items
}

/// The last path segment of an impl's self type.
fn self_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// The last path segment of the first type argument of an impl's trait
/// (`Updates` of `impl TryFrom<Updates> for types::UpdateShort`).
fn trait_argument(i: &syn::ItemImpl) -> Option<String> {
    let (path, _) = i.trait_.as_ref()?;
    match &path.segments.last()?.arguments {
        syn::PathArguments::AngleBracketed(args) => args.args.iter().find_map(|a| match a {
            syn::GenericArgument::Type(ty) => self_name(ty),
            _ => None,
        }),
        _ => None,
    }
}

/// The struct or enum `name` of module `path` and every impl for it or from it
/// (`TryFrom<name>`) in that module, printed.
fn item(file: &syn::File, path: &[&str], name: &str) -> String {
    let items: Vec<Item> = module(file, path)
        .iter()
        .filter(|item| match item {
            Item::Struct(s) => s.ident == name,
            Item::Enum(e) => e.ident == name,
            Item::Impl(i) => {
                self_name(&i.self_ty).as_deref() == Some(name)
                    || trait_argument(i).as_deref() == Some(name)
            }
            _ => false,
        })
        .cloned()
        .collect();
    assert!(
        items.len() > 1,
        "{path:?}::{name}: expected the item and its impls, found {} items",
        items.len()
    );
    let mut printed = file.clone();
    printed.items = items;
    prettyplease::unparse(&printed)
}

#[test]
fn join_group_call() {
    let file = seed();
    insta::assert_snapshot!(
        "phone_join_group_call",
        item(&file, &["functions", "phone"], "JoinGroupCall")
    );
}

#[test]
fn updates_constructors() {
    let file = seed();
    for (snapshot, name) in [
        ("updates_too_long", "UpdatesTooLong"),
        ("update_short_message", "UpdateShortMessage"),
        ("update_short_chat_message", "UpdateShortChatMessage"),
        ("update_short", "UpdateShort"),
        ("updates_combined", "UpdatesCombined"),
        ("updates", "Updates"),
        ("update_short_sent_message", "UpdateShortSentMessage"),
    ] {
        insta::assert_snapshot!(snapshot, item(&file, &["types"], name));
    }
}

#[test]
fn updates_enum() {
    let file = seed();
    insta::assert_snapshot!("updates_enum", item(&file, &["enums"], "Updates"));
}

#[test]
fn join_group_call_errors() {
    let file = seed();
    insta::assert_snapshot!(
        "phone_join_group_call_errors",
        item(&file, &["errors", "phone"], "JoinGroupCall")
    );
    insta::assert_snapshot!("known_error", item(&file, &[], "KnownError"));
}
