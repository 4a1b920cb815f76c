//! The opt-in `arbitrary` module ([`Options::arbitrary`](crate::Options::arbitrary)):
//! random values of every generated type, for property tests.
//!
//! The module is self-contained (no dependency beyond the runtime): it defines a
//! small seeded random number generator (`Rng`, xorshift64*), a trait
//! `Arbitrary { fn arbitrary(rng: &mut Rng, depth: u32) -> Self }`, implements it for
//! the Rust types TL builtins map to and for every generated struct, group struct
//! and enum, and offers `visit_all`, which calls a visitor once per constructor and
//! function with its Rust type, so that a test can round-trip every definition.
//!
//! # Termination
//!
//! `depth` bounds the size of a value. Each constructor or function struct passes
//! `depth - 1` to its fields; at depth 0 options are `None`, vectors (and `bytes`)
//! are empty, and an enum picks its *shallowest* constructor: the one whose
//! required fields bottom out soonest, computed here by a fixed point over the
//! schema (a required field of a shallowest constructor always has a strictly
//! shallower type, so generation at depth 0 ends). A value generated with depth `d`
//! nests at most `d + h` constructor bodies, where `h` is the largest such height
//! in the schema (under 15 for Telegram's API), well inside the runtime's default
//! limit of 64.
//!
//! Generated values always encode and decode back to themselves: strings are valid
//! UTF-8 (a mix of ASCII, Cyrillic, CJK and emoji, sometimes over 254 bytes so that
//! the long length form is exercised), doubles are never NaN (NaN is not equal to
//! itself), and `Object`s are well-formed boxed values (a `Vector<int>`).

use crate::context::{Context, Scope};
use crate::generics::Generics;
use crate::layout::MemberKind;
use crate::naming::{self, RustName};
use proc_macro2::TokenStream;
use quote::quote;
use tl_parser::{Diagnostic, Kind, Ty};

/// The height of a type or constructor without any finite value (and the starting
/// point of the fixed point: heights only decrease from it, so it terminates).
const UNBOUNDED: usize = usize::MAX;

/// The shallowest height of every type and constructor.
struct Heights {
    /// By constructor index: 1 + the largest height among its required fields.
    constructors: Vec<usize>,
    /// By type index: the smallest height among its constructors.
    types: Vec<usize>,
}

impl Heights {
    /// The fixed point, starting from "unbounded" everywhere.
    fn of(ctx: &Context<'_>) -> Heights {
        let schema = ctx.schema;
        let mut h = Heights {
            constructors: vec![UNBOUNDED; schema.constructors.len()],
            types: vec![UNBOUNDED; schema.types.len()],
        };
        loop {
            let mut changed = false;
            for (index, c) in schema.constructors.iter().enumerate() {
                let deepest = c
                    .fields
                    .iter()
                    .filter(|f| f.condition.is_none())
                    .map(|f| h.of_type(ctx, &f.ty))
                    .max()
                    .unwrap_or(0);
                let height = deepest.saturating_add(1);
                if let Some(slot) = h.constructors.get_mut(index)
                    && height < *slot
                {
                    *slot = height;
                    changed = true;
                }
            }
            for (index, t) in schema.types.iter().enumerate() {
                let lowest = t
                    .constructors
                    .iter()
                    .filter_map(|&c| h.constructors.get(c).copied())
                    .min()
                    .unwrap_or(UNBOUNDED);
                if let Some(slot) = h.types.get_mut(index)
                    && lowest < *slot
                {
                    *slot = lowest;
                    changed = true;
                }
            }
            if !changed {
                return h;
            }
        }
    }

    /// The height of a required field of type `ty`.
    fn of_type(&self, ctx: &Context<'_>, ty: &Ty) -> usize {
        match ty {
            Ty::Boxed(name) => match ctx.boxed_type(name) {
                Some(crate::context::BoxedType::Enum(index)) => {
                    self.types.get(index).copied().unwrap_or(UNBOUNDED)
                }
                Some(crate::context::BoxedType::Bool) | None => 0,
            },
            Ty::Bare(name) => ctx
                .constructor_index(name)
                .and_then(|i| self.constructors.get(i).copied())
                .unwrap_or(0),
            Ty::Builtin(_)
            | Ty::Flags
            | Ty::True
            | Ty::Vector { .. }
            | Ty::Param { .. }
            | Ty::Object => 0,
        }
    }

    /// The shallowest constructor of type `index`: its position among the type's
    /// constructors.
    fn shallowest(&self, ctx: &Context<'_>, index: usize) -> Option<usize> {
        let t = ctx.schema.types.get(index)?;
        t.constructors
            .iter()
            .enumerate()
            .min_by_key(|(_, c)| self.constructors.get(**c).copied().unwrap_or(UNBOUNDED))
            .map(|(position, _)| position)
    }
}

/// The path of an item in `scope`, seen from the `arbitrary` module (a child of the
/// generated module's root).
fn path(scope: &Scope, name: &RustName) -> TokenStream {
    let section = naming::fixed(scope.section.name());
    let namespace = scope.namespace.iter().map(RustName::ident);
    let name = name.ident();
    quote!(super::#section::#(#namespace::)*#name)
}

/// `impl Arbitrary` for one constructor or function struct and its group structs.
fn struct_impls(ctx: &Context<'_>, c: &tl_parser::Combinator, layout_index: usize) -> TokenStream {
    let rt = &ctx.rt;
    let (scope, name, layout) = match c.kind {
        Kind::Constructor => {
            let (scope, name) = Context::constructor_item(c);
            (scope, name, ctx.constructor_layouts.get(layout_index))
        }
        Kind::Function => {
            let (scope, name) = Context::function_item(c);
            (scope, name, ctx.function_layouts.get(layout_index))
        }
    };
    let Some(layout) = layout else {
        return TokenStream::new();
    };
    let generics = Generics::of(c);
    let declare = generics.declare(rt, &quote!(+ Arbitrary));
    let apply = generics.apply();
    let ty = path(&scope, &name);
    let fields = layout.members.iter().map(|m| {
        let field = m.name.ident();
        quote!(#field: Arbitrary::arbitrary(rng, depth))
    });
    let mut out = if layout.members.is_empty() {
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
    let mut group_scope = scope.clone();
    group_scope.namespace.push(layout.group_module.clone());
    for m in &layout.members {
        let MemberKind::Group {
            values,
            struct_name,
            ..
        } = &m.kind
        else {
            continue;
        };
        let group = path(&group_scope, struct_name);
        let fields = values.iter().filter_map(|i| {
            let f = c.fields.get(*i)?;
            let field = naming::field_name(&f.name).ident();
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

/// `impl Arbitrary` for the enum of type `index`.
fn enum_impl(ctx: &Context<'_>, heights: &Heights, index: usize) -> TokenStream {
    let Some(t) = ctx.schema.types.get(index) else {
        return TokenStream::new();
    };
    let (scope, name) = Context::enum_item(t);
    let ty = path(&scope, &name);
    let variants: Vec<TokenStream> = t
        .constructors
        .iter()
        .filter_map(|&c| ctx.schema.constructors.get(c))
        .map(|c| {
            let variant = naming::type_name(&c.name.name).ident();
            quote!(Self::#variant(Arbitrary::arbitrary(rng, depth)))
        })
        .collect();
    let Some(shallowest) = heights.shallowest(ctx, index).and_then(|i| variants.get(i)) else {
        return TokenStream::new();
    };
    let count = variants.len() as u64;
    let arms = variants.iter().enumerate().map(|(i, v)| {
        let i = i as u64;
        quote!(#i => #v)
    });
    quote! {
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
    }
}

/// The concrete type standing for a type parameter in `visit_all`: for a function
/// parameter (`!X`) the first function without parameters and fields (else the
/// first without parameters), for a value parameter `i32`.
fn concrete_query(ctx: &Context<'_>) -> TokenStream {
    let functions = &ctx.schema.functions;
    functions
        .iter()
        .find(|f| f.type_params.is_empty() && f.fields.is_empty())
        .or_else(|| functions.iter().find(|f| f.type_params.is_empty()))
        .map_or_else(
            || quote!(()),
            |f| {
                let (scope, name) = Context::function_item(f);
                path(&scope, &name)
            },
        )
}

/// The `visit_all` function.
fn visit_all(ctx: &Context<'_>) -> TokenStream {
    let query = concrete_query(ctx);
    let mut calls = Vec::new();
    for (index, c) in ctx.schema.constructors.iter().enumerate() {
        if ctx.is_bool_constructor(index) {
            continue;
        }
        let (scope, name) = Context::constructor_item(c);
        let ty = path(&scope, &name);
        let tl = c.name.full();
        calls.push(quote!(visitor.visit::<#ty>(#tl)));
    }
    for f in &ctx.schema.functions {
        let (scope, name) = Context::function_item(f);
        let ty = path(&scope, &name);
        let generics = Generics::of(f);
        let args = if generics.params.is_empty() {
            TokenStream::new()
        } else {
            let args = generics.params.iter().map(|p| {
                if p.is_function {
                    query.clone()
                } else {
                    quote!(i32)
                }
            });
            quote!(<#(#args),*>)
        };
        let tl = f.name.full();
        calls.push(quote!(visitor.visit::<#ty #args>(#tl)));
    }
    let count = calls.len();
    let doc = format!(
        " Calls `visitor` once for each of the {count} constructors and functions \
         (constructors of `Bool` excepted: it is `bool`), in schema order; generic \
         functions are instantiated with a concrete query."
    );
    quote! {
        #[doc = #doc]
        pub fn visit_all<V: Visitor>(visitor: &mut V) {
            #(#calls;)*
        }
    }
}

/// The whole `arbitrary` module.
///
/// # Errors
/// A diagnostic for a type without any finite value (every constructor requires a
/// value of the type itself), for which generation could not terminate.
pub(crate) fn module(ctx: &Context<'_>) -> Result<TokenStream, Vec<Diagnostic>> {
    let heights = Heights::of(ctx);
    let unbounded: Vec<Diagnostic> = ctx
        .schema
        .types
        .iter()
        .zip(&heights.types)
        .filter(|(_, h)| **h == UNBOUNDED)
        .filter_map(|(t, _)| {
            let first = t.constructors.first()?;
            let c = ctx.schema.constructors.get(*first)?;
            Some(
                Diagnostic::error(
                    tl_parser::Code::Unsupported,
                    c.location,
                    format!(
                        "type `{}` has no finite value: every constructor requires a `{}` \
                         again, so no arbitrary value can be generated",
                        t.name, t.name
                    ),
                )
                .with_help("make one of its fields conditional or a vector, or disable `Options::arbitrary`"),
            )
        })
        .collect();
    if !unbounded.is_empty() {
        return Err(unbounded);
    }
    let rt = &ctx.rt;
    let mut impls = TokenStream::new();
    for (index, c) in ctx.schema.constructors.iter().enumerate() {
        if !ctx.is_bool_constructor(index) {
            impls.extend(struct_impls(ctx, c, index));
        }
    }
    for (index, f) in ctx.schema.functions.iter().enumerate() {
        impls.extend(struct_impls(ctx, f, index));
    }
    for index in 0..ctx.schema.types.len() {
        if !ctx.is_bool_type(index) {
            impls.extend(enum_impl(ctx, &heights, index));
        }
    }
    let visit_all = visit_all(ctx);
    Ok(quote! {
        /// Random values of every generated type, for property tests
        /// (generated because `Options::arbitrary` was set).
        ///
        /// `Arbitrary::arbitrary(rng, depth)` builds a value from a seeded [`Rng`];
        /// `depth` bounds its size: each constructor passes `depth - 1` to its fields,
        /// and at depth 0 options are `None`, vectors empty and enums take their
        /// shallowest constructor, so recursive types terminate. [`visit_all`] calls a
        /// [`Visitor`] with the type of every constructor and function.
        pub mod arbitrary {
            /// A small, fast, seeded pseudo-random generator (xorshift64*). Not for
            /// cryptography: only to make test values reproducible from a seed.
            #[derive(Debug, Clone)]
            pub struct Rng {
                state: u64,
            }

            impl Rng {
                /// A generator seeded with `seed` (every seed is valid).
                pub fn new(seed: u64) -> Self {
                    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0xd1b5_4a32_d192_ed03;
                    if state == 0 {
                        state = 1;
                    }
                    Self { state }
                }

                /// The next 64 random bits.
                pub fn next_u64(&mut self) -> u64 {
                    let mut x = self.state;
                    x ^= x >> 12;
                    x ^= x << 25;
                    x ^= x >> 27;
                    self.state = x;
                    x.wrapping_mul(0x2545_f491_4f6c_dd1d)
                }

                /// A number below `n` (0 when `n` is 0).
                pub fn below(&mut self, n: u64) -> u64 {
                    if n == 0 { 0 } else { self.next_u64() % n }
                }

                /// A coin flip.
                pub fn coin(&mut self) -> bool {
                    self.next_u64() >> 63 == 1
                }

                /// The length of a vector at `depth`: 0 at depth 0, else up to 3
                /// (and never more than `depth`).
                pub fn vec_len(&mut self, depth: u32) -> usize {
                    let most = u64::from(depth.min(3));
                    self.below(most + 1) as usize
                }
            }

            /// A type with random values.
            pub trait Arbitrary: Sized {
                /// A random value whose nesting is bounded by `depth` (see the module
                /// docs).
                fn arbitrary(rng: &mut Rng, depth: u32) -> Self;

                /// A random vector of values: up to three at `depth` (never more than
                /// `depth`), none at depth 0.
                fn arbitrary_vec(rng: &mut Rng, depth: u32) -> ::std::vec::Vec<Self> {
                    (0..rng.vec_len(depth)).map(|_| Self::arbitrary(rng, depth)).collect()
                }
            }

            /// Which values an integer takes: edge cases half of the time.
            fn edgy(rng: &mut Rng, edges: &[u64]) -> u64 {
                if rng.coin() {
                    let i = rng.below(edges.len() as u64) as usize;
                    edges.get(i).copied().unwrap_or(0)
                } else {
                    rng.next_u64()
                }
            }

            impl Arbitrary for u8 {
                fn arbitrary(rng: &mut Rng, _: u32) -> Self {
                    rng.next_u64() as u8
                }

                /// TL `bytes`: up to 8 bytes, or 250 to 299 (so that lengths of 254
                /// and more take the long form); empty at depth 0.
                fn arbitrary_vec(rng: &mut Rng, depth: u32) -> ::std::vec::Vec<Self> {
                    let len = match (depth, rng.below(6)) {
                        (0, _) => 0,
                        (_, 0) => 250 + rng.below(50),
                        _ => rng.below(9),
                    };
                    (0..len).map(|_| rng.next_u64() as u8).collect()
                }
            }

            impl Arbitrary for u32 {
                fn arbitrary(rng: &mut Rng, _: u32) -> Self {
                    edgy(rng, &[0, 1, 0xffff_ffff, 0x8000_0000]) as u32
                }
            }

            impl Arbitrary for i32 {
                fn arbitrary(rng: &mut Rng, _: u32) -> Self {
                    edgy(rng, &[0, 1, 0xffff_ffff, 0x8000_0000, 0x7fff_ffff]) as u32 as i32
                }
            }

            impl Arbitrary for i64 {
                fn arbitrary(rng: &mut Rng, _: u32) -> Self {
                    edgy(rng, &[0, 1, u64::MAX, 1 << 63, (1 << 63) - 1]) as i64
                }
            }

            impl Arbitrary for f64 {
                fn arbitrary(rng: &mut Rng, _: u32) -> Self {
                    let value = f64::from_bits(rng.next_u64());
                    if value.is_nan() { -0.0 } else { value }
                }
            }

            impl Arbitrary for bool {
                fn arbitrary(rng: &mut Rng, _: u32) -> Self {
                    rng.coin()
                }
            }

            impl<const N: usize> Arbitrary for [u8; N] {
                fn arbitrary(rng: &mut Rng, _: u32) -> Self {
                    ::std::array::from_fn(|_| rng.next_u64() as u8)
                }
            }

            impl Arbitrary for ::std::string::String {
                fn arbitrary(rng: &mut Rng, _: u32) -> Self {
                    const PIECES: &[&str] = &["a", "Z", "0", " ", "\n", "é", "ж", "中", "😀", "\u{0}", "\u{ffff}"];
                    let len = match rng.below(8) {
                        0 => 0,
                        1 => 100 + rng.below(60),
                        _ => rng.below(12),
                    };
                    (0..len)
                        .map(|_| {
                            let i = rng.below(PIECES.len() as u64) as usize;
                            PIECES.get(i).copied().unwrap_or("a")
                        })
                        .collect()
                }
            }

            impl<T: Arbitrary> Arbitrary for ::std::vec::Vec<T> {
                fn arbitrary(rng: &mut Rng, depth: u32) -> Self {
                    T::arbitrary_vec(rng, depth)
                }
            }

            impl<T: Arbitrary> Arbitrary for ::std::option::Option<T> {
                fn arbitrary(rng: &mut Rng, depth: u32) -> Self {
                    if depth == 0 || rng.coin() {
                        ::std::option::Option::None
                    } else {
                        ::std::option::Option::Some(T::arbitrary(rng, depth))
                    }
                }
            }

            impl<T: Arbitrary> Arbitrary for ::std::boxed::Box<T> {
                fn arbitrary(rng: &mut Rng, depth: u32) -> Self {
                    ::std::boxed::Box::new(T::arbitrary(rng, depth))
                }
            }

            impl Arbitrary for #rt::RawObject {
                /// A boxed `Vector<int>` of up to three items.
                fn arbitrary(rng: &mut Rng, depth: u32) -> Self {
                    let items: ::std::vec::Vec<i32> = Arbitrary::arbitrary(rng, depth.max(1));
                    #rt::RawObject::from_value(&items)
                }
            }

            /// Receives the Rust type of each constructor and function from
            /// [`visit_all`].
            pub trait Visitor {
                /// Called with one definition's type and TL name.
                fn visit<T>(&mut self, tl_name: &'static str)
                where
                    T: Arbitrary
                        + #rt::Serialize
                        + #rt::Deserialize
                        + ::std::cmp::PartialEq
                        + ::std::fmt::Debug;
            }

            #visit_all

            #impls
        }
    })
}

#[cfg(test)]
mod tests {
    use crate::Options;

    fn generate(text: &str) -> Result<String, Vec<String>> {
        let (_, checked) = tl_parser::check_str("t.tl", text);
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        let options = Options {
            arbitrary: true,
            ..Options::default()
        };
        crate::generate(&checked.schema, &options)
            .map_err(|d| d.into_iter().map(|d| d.message).collect())
    }

    #[test]
    fn off_by_default() {
        let (_, checked) = tl_parser::check_str("t.tl", "a#1 x:int = A;");
        let code = crate::generate(&checked.schema, &Options::default());
        assert!(code.is_ok_and(|c| !c.contains("pub mod arbitrary")));
    }

    #[test]
    fn enums_fall_back_to_their_shallowest_constructor() {
        let code = generate(
            "node#2 left:Tree right:Tree = Tree;\nleaf#1 value:int = Tree;\n\
             ---functions---\nget#3 = Tree;",
        );
        let code = code.unwrap_or_else(|e| panic!("{e:?}"));
        assert!(code.contains("pub mod arbitrary {"));
        assert!(code.contains(
            "if depth == 0 {\n                return Self::Leaf(Arbitrary::arbitrary(rng, depth));"
        ));
        assert!(code.contains("visitor.visit::<super::types::Node>(\"node\");"));
        assert!(code.contains("visitor.visit::<super::functions::Get>(\"get\");"));
    }

    #[test]
    fn a_type_without_finite_values_is_an_error() {
        let messages = generate("loop#1 next:Loop = Loop;");
        assert_eq!(
            messages,
            Err(vec![
                "type `Loop` has no finite value: every constructor requires a `Loop` again, \
                 so no arbitrary value can be generated"
                    .to_owned()
            ])
        );
    }
}
