//! The enum of one boxed type: one variant per constructor, holding the
//! constructor's struct (in a `Box` where the model says so), or nothing for a
//! constructor without fields (a unit variant).
//!
//! The enum serializes as its variant's struct does (id, then fields), decodes by
//! dispatching on the constructor id (an unknown id is an error naming the type),
//! and exposes `constructor_id()`, `tl_name()` and the model's accessors. Each
//! struct converts into its enum with `From`, which boxes where needed, so
//! `types::X { .. }.into()` works for every variant, and back with `TryFrom`,
//! whose error gives the enum back.

use super::codec::tri;
use super::{doc_attrs, hex_literal};
use crate::model::{Accessor, AccessorKind, Enum, Model, ValueType, Variant};
use crate::options::Extra;
use proc_macro2::TokenStream;
use quote::quote;
use tl_parser::Builtin;

/// The enum `e` and its impls, given to `add` a few items at a time: the
/// conversions of each variant on their own, so that a type with thousands of
/// constructors is never all tokens at once.
pub(crate) fn items(model: &Model<'_>, e: &Enum<'_>, add: &mut dyn FnMut(TokenStream)) {
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
        if v.unit {
            quote!(#doc #variant)
        } else if v.boxed {
            quote!(#doc #variant(::std::boxed::Box<#path>))
        } else {
            quote!(#doc #variant(#path))
        }
    });
    let ids = variants.iter().map(|(v, s, _)| {
        let pattern = any_value(v);
        let id = hex_literal(s.c.id);
        quote!(#pattern => #id)
    });
    let names = variants.iter().map(|(v, s, _)| {
        let pattern = any_value(v);
        let tl = s.c.name.full();
        quote!(#pattern => #tl)
    });
    let writes = variants.iter().map(|(v, _, path)| {
        let variant = v.name.ident();
        if v.unit {
            quote!(Self::#variant => #rt::Serialize::serialize(&#path, out))
        } else {
            quote!(Self::#variant(value) => #rt::Serialize::serialize(value, out))
        }
    });
    let reads = variants.iter().map(|(v, s, path)| {
        let variant = v.name.ident();
        let id = hex_literal(s.c.id);
        let read = tri(&quote!(<#path as #rt::DeserializeBare>::deserialize_bare(reader)));
        // Each arm yields the value (no closure per constructor, no
        // `Result::map` instance: less to compile).
        let value = if v.unit {
            // Still read as its struct, which counts one level of nesting.
            return quote!(#id => { #read; Self::#variant });
        } else if v.boxed {
            quote!(::std::boxed::Box::new(value))
        } else {
            quote!(value)
        };
        quote!(#id => {
            let value = #read;
            Self::#variant(#value)
        })
    });
    let read_id = tri(&quote!(reader.read_u32()));
    let accessors = e.accessors.iter().map(|a| accessor(model, e, a));
    let (ids, names, writes) = if variants.is_empty() {
        // A type always has a constructor in a checked schema; stay valid anyway.
        (quote!(_ => 0), quote!(_ => ""), quote!(_ => {}))
    } else {
        (quote!(#(#ids,)*), quote!(#(#names,)*), quote!(#(#writes,)*))
    };
    add(quote! {
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
            #(#accessors)*
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
                let id = #read_id;
                ::std::result::Result::Ok(match id {
                    #(#reads,)*
                    _ => return ::std::result::Result::Err(
                        #rt::DecodeError::unknown_constructor(offset, id, #tl_type),
                    ),
                })
            }
        }
    });
    let single = variants.len() == 1;
    let from = model.generates(Extra::From);
    let try_from = model.generates(Extra::TryFrom);
    for (v, _, path) in &variants {
        add(conversions(&name, v, path, single, from, try_from));
    }
}

/// The pattern matching any value of variant `v`.
fn any_value(v: &Variant) -> TokenStream {
    let variant = v.name.ident();
    if v.unit {
        quote!(Self::#variant)
    } else {
        quote!(Self::#variant(_))
    }
}

/// `From<struct> for enum` (boxing where needed) when `from`, and
/// `TryFrom<enum> for struct` (the error is the enum, given back) when
/// `try_from`. `single`: the enum has no other variant, so the conversion
/// cannot fail.
fn conversions(
    name: &proc_macro2::Ident,
    v: &Variant,
    path: &TokenStream,
    single: bool,
    from: bool,
    try_from: bool,
) -> TokenStream {
    let variant = v.name.ident();
    let (from_fn, pattern, value) = if v.unit {
        (
            quote! {
                #[inline]
                fn from(_: #path) -> Self {
                    Self::#variant
                }
            },
            quote!(#name::#variant),
            quote!(#path),
        )
    } else {
        let boxed = if v.boxed {
            quote!(::std::boxed::Box::new(value))
        } else {
            quote!(value)
        };
        let unboxed = if v.boxed {
            quote!(*value)
        } else {
            quote!(value)
        };
        (
            quote! {
                #[inline]
                fn from(value: #path) -> Self {
                    Self::#variant(#boxed)
                }
            },
            quote!(#name::#variant(value)),
            unboxed,
        )
    };
    let other = if single {
        TokenStream::new()
    } else {
        quote!(other => ::std::result::Result::Err(other),)
    };
    let from = if from {
        quote! {
            impl ::std::convert::From<#path> for #name {
                #from_fn
            }
        }
    } else {
        TokenStream::new()
    };
    if !try_from {
        return from;
    }
    quote! {
        #from
        impl ::std::convert::TryFrom<#name> for #path {
            type Error = #name;
            #[inline]
            fn try_from(value: #name) -> ::std::result::Result<Self, #name> {
                match value {
                    #pattern => ::std::result::Result::Ok(#value),
                    #other
                }
            }
        }
    }
}

/// The method reading accessor `a` of enum `e`: by value for `Copy` types, by
/// reference otherwise (`&str`, `&[T]` for strings, bytes and vectors).
fn accessor(model: &Model<'_>, e: &Enum<'_>, a: &Accessor) -> TokenStream {
    let doc = doc_attrs(&a.docs);
    let method = a.name.ident();
    let value = model.rust_type(&a.ty, &e.scope);
    // Strings, bytes and vectors are lent as slices.
    let slice = match &a.ty.wire() {
        ValueType::Builtin(Builtin::String) => Some(quote!(str)),
        ValueType::Builtin(Builtin::Bytes) => Some(quote!([u8])),
        ValueType::Vector { item, .. } => {
            let item = model.rust_type(item, &e.scope);
            Some(quote!([#item]))
        }
        _ => None,
    };
    let derefs = slice.is_some();
    let borrowed = slice.unwrap_or_else(|| value.clone());
    let copy = a.ty.is_copy();
    let returns = match a.kind {
        AccessorKind::Flag => quote!(bool),
        AccessorKind::Value if copy => value,
        AccessorKind::Value => quote!(&#borrowed),
        AccessorKind::Optional if copy => quote!(::std::option::Option<#value>),
        AccessorKind::Optional => quote!(::std::option::Option<&#borrowed>),
    };
    let arms = e
        .variants
        .iter()
        .zip(&a.members)
        .filter_map(|(v, (member, boxed))| {
            let s = model.structs.get(v.struct_id)?;
            let field = s.layout.members.get(*member)?.name.ident();
            let variant = v.name.ident();
            // A flag is a `bool`, which is `Copy` like the numbers.
            let read = match a.kind {
                _ if copy => quote!(value.#field),
                // Deref coercion lends a `String` as `&str`, a `Box<T>` as `&T`.
                AccessorKind::Value | AccessorKind::Flag => quote!(&value.#field),
                AccessorKind::Optional if *boxed || derefs => quote!(value.#field.as_deref()),
                AccessorKind::Optional => quote!(value.#field.as_ref()),
            };
            Some(quote!(Self::#variant(value) => #read))
        });
    quote! {
        #doc
        #[inline]
        pub fn #method(&self) -> #returns {
            match self {
                #(#arms,)*
            }
        }
    }
}
