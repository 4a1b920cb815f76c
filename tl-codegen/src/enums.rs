//! The enum of one boxed type: one variant per constructor, holding the
//! constructor's struct.
//!
//! Variants are named exactly like the constructor structs (`Updates::UpdatesTooLong`
//! holds `types::UpdatesTooLong`, `Updates::UpdateShortMessage` holds
//! `types::UpdateShortMessage`): no prefix stripping, so the name of a variant is
//! always predictable from the schema and never empty.
//!
//! The enum serializes as its variant's struct does (id, then fields), decodes by
//! dispatching on the constructor id (an unknown id is an error naming the type),
//! and exposes `constructor_id()` and `tl_name()`. Each struct converts into its
//! enum with `From`. Variants of large structs hold them in a `Box`, so that
//! an enum value stays small whatever constructor it holds
//! (`variant_boxing.rs`); `From` boxes them, so `types::X { .. }.into()` works
//! for every variant.

use crate::context::{Context, Scope};
use crate::docs;
use crate::naming::{self, RustName};
use crate::structs::{StructGen, hex_literal};
use proc_macro2::TokenStream;
use quote::quote;
use tl_parser::TypeDef;

/// One variant: its name, the path of its struct, its constructor, and
/// whether it holds the struct in a `Box` (see `variant_boxing.rs`).
struct Variant<'a> {
    name: RustName,
    path: TokenStream,
    constructor: &'a tl_parser::Combinator,
    boxed: bool,
}

/// The variants of type `t`, seen from module `at`.
fn variants<'a>(ctx: &Context<'a>, t: &TypeDef, at: &Scope) -> Vec<Variant<'a>> {
    t.constructors
        .iter()
        .filter_map(|&index| {
            let constructor = ctx.schema.constructors.get(index)?;
            Some(Variant {
                name: naming::type_name(&constructor.name.name),
                path: ctx.constructor_path(index, at),
                constructor,
                boxed: ctx.boxed_variants.contains(&index),
            })
        })
        .collect()
}

/// The enum of type `index` and its impls.
pub(crate) fn items(ctx: &Context<'_>, index: usize) -> TokenStream {
    let Some(t) = ctx.schema.types.get(index) else {
        return TokenStream::new();
    };
    let rt = &ctx.rt;
    let (scope, name) = Context::enum_item(t);
    let name = name.ident();
    let tl_type = t.name.full();
    let variants = variants(ctx, t, &scope);
    let count = variants.len();
    let mut doc_lines = vec![format!(
        "TL type `{tl_type}`, with {count} constructor{}.",
        if count == 1 { "" } else { "s" }
    )];
    doc_lines.push(String::new());
    doc_lines.push(
        "Serializes as its variant does (constructor id, then fields); decoding dispatches \
         on the constructor id."
            .to_owned(),
    );
    let doc = docs::attrs(&doc_lines);
    let derives = StructGen::derives(ctx);
    let definitions = variants.iter().map(|v| {
        let doc = docs::attrs(&[
            format!("`{}`", v.constructor.name),
            String::new(),
            "```text".to_owned(),
            format!("{};", v.constructor.definition),
            "```".to_owned(),
        ]);
        let variant = v.name.ident();
        let path = &v.path;
        if v.boxed {
            quote!(#doc #variant(::std::boxed::Box<#path>))
        } else {
            quote!(#doc #variant(#path))
        }
    });
    let ids = variants.iter().map(|v| {
        let variant = v.name.ident();
        let id = hex_literal(v.constructor.id);
        quote!(Self::#variant(_) => #id)
    });
    let names = variants.iter().map(|v| {
        let variant = v.name.ident();
        let tl = v.constructor.name.full();
        quote!(Self::#variant(_) => #tl)
    });
    let writes = variants.iter().map(|v| {
        let variant = v.name.ident();
        quote!(Self::#variant(value) => #rt::Serialize::serialize(value, out))
    });
    let lens = variants.iter().map(|v| {
        let variant = v.name.ident();
        quote!(Self::#variant(value) => #rt::Serialize::serialized_len(value))
    });
    let reads = variants.iter().map(|v| {
        let variant = v.name.ident();
        let id = hex_literal(v.constructor.id);
        let path = &v.path;
        if v.boxed {
            quote! {
                #id => <#path as #rt::DeserializeBare>::deserialize_bare(reader)
                    .map(|value| Self::#variant(::std::boxed::Box::new(value)))
            }
        } else {
            quote! {
                #id => <#path as #rt::DeserializeBare>::deserialize_bare(reader).map(Self::#variant)
            }
        }
    });
    let froms = variants.iter().map(|v| {
        let variant = v.name.ident();
        let path = &v.path;
        let value = if v.boxed {
            quote!(::std::boxed::Box::new(value))
        } else {
            quote!(value)
        };
        quote! {
            impl ::std::convert::From<#path> for #name {
                #[inline]
                fn from(value: #path) -> Self {
                    Self::#variant(#value)
                }
            }
        }
    });
    let empty_match = variants.is_empty();
    let (ids, names, writes, lens) = if empty_match {
        // A type always has a constructor in a checked schema; stay valid anyway.
        (
            quote!(_ => 0),
            quote!(_ => ""),
            quote!(_ => {}),
            quote!(_ => 0),
        )
    } else {
        (
            quote!(#(#ids,)*),
            quote!(#(#names,)*),
            quote!(#(#writes,)*),
            quote!(#(#lens,)*),
        )
    };
    quote! {
        #doc
        #derives
        pub enum #name {
            #(#definitions,)*
        }
        impl #name {
            /// The constructor id of this value: the first four bytes of its encoding.
            #[inline]
            pub fn constructor_id(&self) -> u32 {
                match self {
                    #ids
                }
            }
            /// The TL name of this value's constructor.
            #[inline]
            pub fn tl_name(&self) -> &'static str {
                match self {
                    #names
                }
            }
        }
        impl #rt::Serialize for #name {
            #[inline]
            fn serialize(&self, out: &mut ::std::vec::Vec<u8>) {
                match self {
                    #writes
                }
            }
            #[inline]
            fn serialized_len(&self) -> usize {
                match self {
                    #lens
                }
            }
        }
        impl #rt::Deserialize for #name {
            fn deserialize(
                reader: &mut #rt::Reader<'_>,
            ) -> ::std::result::Result<Self, #rt::DecodeError> {
                let offset = reader.position();
                match reader.read_u32()? {
                    #(#reads,)*
                    id => ::std::result::Result::Err(
                        #rt::DecodeError::unknown_constructor(offset, id, #tl_type),
                    ),
                }
            }
        }
        #(#froms)*
    }
}
