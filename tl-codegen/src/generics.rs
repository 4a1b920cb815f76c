//! Generic functions: `invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;`
//! becomes `InvokeWithLayer<X: RemoteCall> { layer: i32, query: X }` whose `Return`
//! is `X::Return`.
//!
//! A parameter used as `!X` ("any function returning X") is bounded by the
//! runtime's `RemoteCall`: the field holds the inner function, serialized boxed
//! (its id, then its arguments), and the outer call answers what the inner one
//! answers. A parameter used as a plain value type is bounded by `Serialize`.

use crate::naming::{self, RustName};
use proc_macro2::TokenStream;
use quote::quote;
use tl_parser::{Combinator, Ty};

/// One type parameter of a combinator.
pub(crate) struct Param {
    /// The Rust name (`X`).
    pub name: RustName,
    /// Whether it is used as `!X`.
    pub is_function: bool,
}

/// The type parameters of one combinator.
pub(crate) struct Generics {
    /// In declaration order.
    pub params: Vec<Param>,
}

impl Generics {
    /// The parameters of `c`.
    pub(crate) fn of(c: &Combinator) -> Generics {
        let params =
            c.type_params
                .iter()
                .map(|p| Param {
                    name: naming::type_name(&p.name),
                    is_function: c.fields.iter().any(
                        |f| matches!(&f.ty, Ty::Param { name, bang: true } if *name == p.name),
                    ),
                })
                .collect();
        Generics { params }
    }

    /// `<X: RemoteCall #extra, ...>` for declarations and impls (empty without
    /// parameters).
    pub(crate) fn declare(&self, rt: &TokenStream, extra: &TokenStream) -> TokenStream {
        if self.params.is_empty() {
            return TokenStream::new();
        }
        let params = self.params.iter().map(|p| {
            let name = p.name.ident();
            if p.is_function {
                quote!(#name: #rt::RemoteCall #extra)
            } else {
                quote!(#name: #rt::Serialize #extra)
            }
        });
        quote!(<#(#params),*>)
    }

    /// `<X, ...>` for uses (empty without parameters).
    pub(crate) fn apply(&self) -> TokenStream {
        if self.params.is_empty() {
            return TokenStream::new();
        }
        let names = self.params.iter().map(|p| p.name.ident());
        quote!(<#(#names),*>)
    }

    /// The `Return` of a function whose result is `result`, when that is one of the
    /// parameters: `<X as RemoteCall>::Return` for a function parameter, else `X`
    /// itself, which then needs a `Deserialize` bound (the `bool`).
    pub(crate) fn return_of(&self, rt: &TokenStream, result: &Ty) -> Option<(TokenStream, bool)> {
        let Ty::Param { name, .. } = result else {
            return None;
        };
        let param = self
            .params
            .iter()
            .find(|p| p.name == naming::type_name(name))?;
        let ident = param.name.ident();
        Some(if param.is_function {
            (quote!(<#ident as #rt::RemoteCall>::Return), false)
        } else {
            (quote!(#ident), true)
        })
    }
}
