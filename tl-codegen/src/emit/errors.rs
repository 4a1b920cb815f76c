//! The enums of documented RPC errors: `KnownError` and one per function in
//! `errors`, each an implementation of the runtime's `KnownErrors` (a table of
//! the documented errors and the conversions between a table index and a
//! variant), `Display` through it and `std::error::Error`, so that `?` takes
//! them into `Box<dyn Error>`; matching a message against the table and the
//! text are the runtime's.

use super::doc_attrs;
use crate::model::{ErrorEnum, Model};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// The enum `e` and its `KnownErrors` implementation.
pub(crate) fn items(model: &Model<'_>, e: &ErrorEnum) -> TokenStream {
    let rt = &model.runtime;
    let name = e.name.ident();
    let other = e.other.ident();
    let doc = doc_attrs(&e.docs);
    let variants = e.variants.iter().map(|v| {
        let doc = doc_attrs(&v.docs);
        let name = v.name.ident();
        if v.patterned {
            quote!(#doc #name(u32))
        } else {
            quote!(#doc #name)
        }
    });
    let table = e.variants.iter().map(|v| {
        let code = Literal::i32_unsuffixed(v.entry.code);
        let tl_name = &v.entry.name;
        let description = &v.entry.description;
        quote!(#rt::ErrorDoc { code: #code, name: #tl_name, description: #description })
    });
    let from_arms = e.variants.iter().enumerate().map(|(i, v)| {
        let i = Literal::usize_unsuffixed(i);
        let name = v.name.ident();
        if v.patterned {
            quote!(#i => Self::#name(value))
        } else {
            quote!(#i => Self::#name)
        }
    });
    let known_arms = e.variants.iter().enumerate().map(|(i, v)| {
        let i = Literal::usize_unsuffixed(i);
        let name = v.name.ident();
        if v.patterned {
            quote!(Self::#name(_) => ::std::result::Result::Ok(#i))
        } else {
            quote!(Self::#name => ::std::result::Result::Ok(#i))
        }
    });
    let value = if e.variants.iter().any(|v| v.patterned) {
        quote!(value)
    } else {
        quote!(_value)
    };
    let number_arms: Vec<TokenStream> = e
        .variants
        .iter()
        .filter(|v| v.patterned)
        .map(|v| {
            let name = v.name.ident();
            quote!(Self::#name(value) => *value)
        })
        .collect();
    let number = if number_arms.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            fn number(&self) -> u32 {
                match self {
                    #(#number_arms,)*
                    _ => 0,
                }
            }
        }
    };
    let other_doc = doc_attrs(&["Any other error, as it came."]);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum #name {
            #(#variants,)*
            #other_doc
            #other(#rt::RpcError),
        }
        impl #rt::KnownErrors for #name {
            const ERRORS: &'static [#rt::ErrorDoc] = &[#(#table),*];
            fn from_known(index: usize, #value: u32, error: #rt::RpcError) -> Self {
                match index {
                    #(#from_arms,)*
                    _ => Self::#other(error),
                }
            }
            fn known(&self) -> ::std::result::Result<usize, &#rt::RpcError> {
                match self {
                    #(#known_arms,)*
                    Self::#other(error) => ::std::result::Result::Err(error),
                }
            }
            #number
        }
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #rt::KnownErrors::fmt_error(self, f)
            }
        }
        impl ::std::error::Error for #name {}
    }
}
