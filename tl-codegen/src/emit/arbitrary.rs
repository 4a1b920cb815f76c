//! The opt-in `arbitrary` module ([`Options::arbitrary`](crate::Options::arbitrary)):
//! random values of every generated type, for property tests.
//!
//! The machinery (`Rng`, the `Arbitrary` trait, its implementations for the Rust
//! types TL builtins map to, `Visitor`) is the runtime's `arbitrary` feature,
//! written and tested once there; the generated module holds only what differs
//! per definition: an `Arbitrary` implementation for every struct, group struct
//! and enum, and `visit_all`, which calls a visitor once per constructor and
//! function with its Rust type, so that a test can round-trip every definition.
//!
//! Each struct passes `depth - 1` to its fields; at depth 0 an enum takes its
//! shallowest variant (decided in the model), so generation always ends.

use super::Items;
use crate::model::naming::{self, RustName};
use crate::model::{Model, Scope, Struct};
use proc_macro2::TokenStream;
use quote::quote;

/// The path of an item in `scope`, seen from the `arbitrary` module (a child of the
/// generated module's root).
fn path(scope: &Scope, name: &RustName) -> TokenStream {
    let section = naming::fixed(scope.section.name());
    let namespace = scope.namespace.iter().map(RustName::ident);
    let name = name.ident();
    quote!(super::#section::#(#namespace::)*#name)
}

/// `<X: RemoteCall + Arbitrary, ...>` and `<X, ...>` for a generic struct.
fn generics(model: &Model<'_>, s: &Struct<'_>) -> (TokenStream, TokenStream) {
    if s.params.is_empty() {
        return (TokenStream::new(), TokenStream::new());
    }
    let rt = &model.runtime;
    let declare = s.params.iter().map(|p| {
        let name = p.name.ident();
        if p.is_function {
            quote!(#name: #rt::RemoteCall + Arbitrary)
        } else {
            quote!(#name: #rt::Serialize + Arbitrary)
        }
    });
    let names = s.params.iter().map(|p| p.name.ident());
    (quote!(<#(#declare),*>), quote!(<#(#names),*>))
}

/// `impl Arbitrary` for one struct and its group structs.
fn struct_impls(model: &Model<'_>, s: &Struct<'_>) -> TokenStream {
    let (declare, apply) = generics(model, s);
    let ty = path(&s.scope, &s.name);
    let fields = s.layout.members.iter().map(|m| {
        let field = m.name.ident();
        quote!(#field: Arbitrary::arbitrary(rng, depth))
    });
    let mut out = if s.is_unit() {
        quote! {
            impl #declare Arbitrary for #ty #apply {
                fn arbitrary(_: &mut Rng, _: u32) -> Self {
                    Self
                }
            }
        }
    } else {
        quote! {
            impl #declare Arbitrary for #ty #apply {
                fn arbitrary(rng: &mut Rng, depth: u32) -> Self {
                    let depth = depth.saturating_sub(1);
                    Self { #(#fields,)* }
                }
            }
        }
    };
    let group_scope = s.group_scope();
    for (_, values, struct_name) in s.groups() {
        let group = path(&group_scope, struct_name);
        let fields = values.iter().filter_map(|i| {
            let field = s.fields.get(*i)?.name.ident();
            Some(quote!(#field: Arbitrary::arbitrary(rng, depth)))
        });
        out.extend(quote! {
            impl Arbitrary for #group {
                fn arbitrary(rng: &mut Rng, depth: u32) -> Self {
                    Self { #(#fields,)* }
                }
            }
        });
    }
    out
}

/// The whole `arbitrary` module, added to `out` an impl at a time.
pub(crate) fn module<I: Items>(model: &Model<'_>, out: &mut I) {
    let mut impls = out.nested();
    impls.items(visit_all(model));
    for s in &model.structs {
        impls.items(struct_impls(model, s));
    }
    for e in &model.enums {
        let ty = path(&e.scope, &e.name);
        let variants: Vec<TokenStream> = e
            .variants
            .iter()
            .map(|v| {
                let variant = v.name.ident();
                if v.unit {
                    quote!(Self::#variant)
                } else {
                    quote!(Self::#variant(Arbitrary::arbitrary(rng, depth)))
                }
            })
            .collect();
        let Some(shallowest) = e.shallowest.and_then(|i| variants.get(i)) else {
            continue;
        };
        let count = variants.len() as u64;
        let arms = variants.iter().enumerate().map(|(i, v)| {
            let i = i as u64;
            quote!(#i => #v)
        });
        impls.items(quote! {
            impl Arbitrary for #ty {
                fn arbitrary(rng: &mut Rng, depth: u32) -> Self {
                    if depth == 0 {
                        return #shallowest;
                    }
                    match rng.below(#count) {
                        #(#arms,)*
                        _ => #shallowest,
                    }
                }
            }
        });
    }
    out.module(
        quote! {
            /// Random values of every generated type, for property tests (generated
            /// because `Options::arbitrary` was set; needs the runtime's `arbitrary`
            /// feature).
            ///
            /// `Arbitrary::arbitrary(rng, depth)` builds a value from a seeded
            /// [`Rng`](arbitrary::Rng);
            /// `depth` bounds its size: each constructor passes `depth - 1` to its fields,
            /// and at depth 0 options are `None`, vectors empty and enums take their
            /// shallowest constructor, so recursive types terminate.
            /// [`visit_all`](arbitrary::visit_all) calls a [`Visitor`](arbitrary::Visitor)
            /// with the type of every constructor and function.
            pub mod arbitrary
        },
        impls,
    );
}

/// The `use` of the runtime's items and `visit_all`, which begin the
/// `arbitrary` module.
fn visit_all(model: &Model<'_>) -> TokenStream {
    let rt = &model.runtime;
    let query = model
        .generic_query
        .and_then(|q| model.structs.get(q))
        .map_or_else(|| quote!(()), |q| path(&q.scope, &q.name));
    let calls: Vec<TokenStream> = model
        .structs
        .iter()
        .map(|s| {
            let ty = path(&s.scope, &s.name);
            let args = if s.params.is_empty() {
                TokenStream::new()
            } else {
                let args = s.params.iter().map(|p| {
                    if p.is_function {
                        query.clone()
                    } else {
                        quote!(i32)
                    }
                });
                quote!(<#(#args),*>)
            };
            let tl = s.c.name.full();
            quote!(visitor.visit::<#ty #args>(#tl))
        })
        .collect();
    let doc = format!(
        " Calls `visitor` once for each of the {} constructors and functions \
         (constructors of `Bool` excepted: it is `bool`), in schema order; generic \
         functions are instantiated with a concrete query.",
        calls.len()
    );
    quote! {
        pub use #rt::arbitrary::{Arbitrary, Rng, Visitor};

        #[doc = #doc]
        pub fn visit_all<V: Visitor>(visitor: &mut V) {
            #(#calls;)*
        }
    }
}
