//! The enum of one boxed type: one variant per constructor, holding the
//! constructor's struct (in a `Box` where the model says so).
//!
//! The enum serializes as its variant's struct does (id, then fields), decodes by
//! dispatching on the constructor id (an unknown id is an error naming the type),
//! and exposes `constructor_id()` and `tl_name()`. Each struct converts into its
//! enum with `From`, which boxes where needed, so `types::X { .. }.into()` works
//! for every variant.

use super::{doc_attrs, hex_literal};
use crate::model::{Enum, Model};
use proc_macro2::TokenStream;
use quote::quote;

/// The enum `e` and its impls.
pub(crate) fn items(model: &Model<'_>, e: &Enum<'_>) -> TokenStream {
    let rt = &model.runtime;
    let name = e.name.ident();
    let tl_type = e.t.name.full();
    let doc = doc_attrs(&e.docs);
    let derives = &e.derives;
    let variants: Vec<_> = e
        .variants
        .iter()
        .filter_map(|v| {
            let s = model.structs.get(v.struct_id)?;
            Some((v, s, model.struct_path(v.struct_id, &e.scope)))
        })
        .collect();
    let definitions = variants.iter().map(|(v, _, path)| {
        let doc = doc_attrs(&v.docs);
        let variant = v.name.ident();
        if v.boxed {
            quote!(#doc #variant(::std::boxed::Box<#path>))
        } else {
            quote!(#doc #variant(#path))
        }
    });
    let ids = variants.iter().map(|(v, s, _)| {
        let variant = v.name.ident();
        let id = hex_literal(s.c.id);
        quote!(Self::#variant(_) => #id)
    });
    let names = variants.iter().map(|(v, s, _)| {
        let variant = v.name.ident();
        let tl = s.c.name.full();
        quote!(Self::#variant(_) => #tl)
    });
    let writes = variants.iter().map(|(v, _, _)| {
        let variant = v.name.ident();
        quote!(Self::#variant(value) => #rt::Serialize::serialize(value, out))
    });
    let reads = variants.iter().map(|(v, s, path)| {
        let variant = v.name.ident();
        let id = hex_literal(s.c.id);
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
    let froms = variants.iter().map(|(v, _, path)| {
        let variant = v.name.ident();
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
    let (ids, names, writes) = if variants.is_empty() {
        // A type always has a constructor in a checked schema; stay valid anyway.
        (quote!(_ => 0), quote!(_ => ""), quote!(_ => {}))
    } else {
        (quote!(#(#ids,)*), quote!(#(#names,)*), quote!(#(#writes,)*))
    };
    quote! {
        #doc
        #[derive(#(#derives),*)]
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
