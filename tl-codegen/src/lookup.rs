//! The root items: `LAYER` and `name_for_id`, the lookup from constructor id to TL
//! name (constructors, functions, and the built-in `vector`), as one `match` over the
//! ids in ascending order.

use crate::docs;
use crate::structs::hex_literal;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;
use tl_parser::Schema;

/// `pub const LAYER: i32`.
pub(crate) fn layer(schema: &Schema) -> TokenStream {
    let (value, doc) = match schema.layer.and_then(|l| i32::try_from(l).ok()) {
        Some(layer) => (
            layer,
            vec![format!(
                "The API layer of the schema (`// LAYER {layer}`): send it with `invokeWithLayer`."
            )],
        ),
        None => (
            0,
            vec![
                "The API layer of the schema: 0, as the schema names none (no `// LAYER N` line)."
                    .to_owned(),
            ],
        ),
    };
    let doc = docs::attrs(&doc);
    let value = proc_macro2::Literal::i32_unsuffixed(value);
    quote! {
        #doc
        pub const LAYER: i32 = #value;
    }
}

/// `pub fn name_for_id(id: u32) -> Option<&'static str>`.
pub(crate) fn name_for_id(schema: &Schema) -> TokenStream {
    let mut names: BTreeMap<u32, String> = BTreeMap::new();
    for c in schema.combinators() {
        names.entry(c.id).or_insert_with(|| c.name.full());
    }
    for b in schema.builtins.iter().filter(|b| b.name == "vector") {
        names
            .entry(b.written_id.unwrap_or(b.computed_id))
            .or_insert_with(|| b.name.clone());
    }
    let arms = names.iter().map(|(id, name)| {
        let id = hex_literal(*id);
        quote!(#id => ::std::option::Option::Some(#name))
    });
    let doc = docs::attrs(&[
        "The TL name of the constructor or function whose id is `id` (with its namespace,"
            .to_owned(),
        "e.g. `\"phone.joinGroupCall\"`); `None` for an id the schema does not define.".to_owned(),
        String::new(),
        "Useful to name what an unknown or unexpected id stands for in logs and errors.".to_owned(),
    ]);
    quote! {
        #doc
        pub fn name_for_id(id: u32) -> ::std::option::Option<&'static str> {
            match id {
                #(#arms,)*
                _ => ::std::option::Option::None,
            }
        }
    }
}
