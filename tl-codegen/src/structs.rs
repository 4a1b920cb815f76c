//! The struct of one constructor or function: its definition, the small structs of
//! its shared-bit groups, and its trait impls.
//!
//! Constructors and functions are generated the same way (a function is a
//! constructor of a request); functions also implement `RemoteCall`.
//!
//! Impls: `Identifiable` (id and TL name), `SerializeBare` (the fields),
//! `Serialize` (id, then the fields), `DeserializeBare` (the fields, one nesting
//! level), `Deserialize` (checks the id, then the fields).

use crate::codec::Codec;
use crate::context::{Context, Scope};
use crate::docs;
use crate::generics::Generics;
use crate::layout::{Layout, Member, MemberKind};
use crate::member_docs::join_and;
use crate::naming::{self, RustName};
use proc_macro2::{Ident, TokenStream};
use quote::{ToTokens as _, quote};
use std::collections::BTreeSet;
use tl_parser::{Combinator, Kind};

/// Generates the items of one combinator.
pub(crate) struct StructGen<'a> {
    /// The schema context.
    pub ctx: &'a Context<'a>,
    /// The combinator.
    pub c: &'a Combinator,
    /// Its layout.
    pub layout: &'a Layout,
    /// The module of the struct.
    pub scope: Scope,
    /// The struct name.
    pub name: RustName,
    /// Index into `Schema::constructors` (boxing applies to constructors only).
    pub constructor: Option<usize>,
    /// Type parameters (functions such as `invokeWithLayer`).
    pub generics: Generics,
    /// The name of the output buffer in generated code (see [`StructGen::new`]).
    out: Ident,
    /// The name of the reader in generated code.
    reader: Ident,
}

/// The first of `base`, `base_`, `base__`, ... not in `taken`.
fn free_name<'n>(base: &str, taken: impl IntoIterator<Item = &'n RustName>) -> Ident {
    let taken: BTreeSet<&str> = taken.into_iter().map(RustName::text).collect();
    let mut name = base.to_owned();
    while taken.contains(name.as_str()) {
        name.push('_');
    }
    naming::fixed(&name)
}

impl<'a> StructGen<'a> {
    /// The generator for constructor `index`.
    pub(crate) fn constructor(ctx: &'a Context<'a>, index: usize) -> Option<Self> {
        let c = ctx.schema.constructors.get(index)?;
        let layout = ctx.constructor_layouts.get(index)?;
        let (scope, name) = Context::constructor_item(c);
        Some(Self::new(ctx, c, layout, scope, name, Some(index)))
    }

    /// The generator for function `index`.
    pub(crate) fn function(ctx: &'a Context<'a>, index: usize) -> Option<Self> {
        let c = ctx.schema.functions.get(index)?;
        let layout = ctx.function_layouts.get(index)?;
        let (scope, name) = Context::function_item(c);
        Some(Self::new(ctx, c, layout, scope, name, None))
    }

    /// The output buffer is called `out` and the reader `reader`, unless a local of
    /// the generated code has that name: the flags words (locals of `serialize_bare`)
    /// or any field (locals of `deserialize_bare`).
    fn new(
        ctx: &'a Context<'a>,
        c: &'a Combinator,
        layout: &'a Layout,
        scope: Scope,
        name: RustName,
        constructor: Option<usize>,
    ) -> Self {
        let fields: Vec<RustName> = c
            .fields
            .iter()
            .map(|f| naming::field_name(&f.name))
            .collect();
        let flags_words = layout.wire.iter().filter_map(|w| match w {
            crate::layout::Wire::FlagsWord { local } => Some(local),
            _ => None,
        });
        StructGen {
            ctx,
            c,
            layout,
            scope,
            name,
            constructor,
            generics: Generics::of(c),
            out: free_name("out", flags_words),
            reader: free_name("reader", &fields),
        }
    }

    /// Value-level code generation in this struct's module.
    pub(crate) fn codec(&self) -> Codec<'_> {
        Codec {
            ctx: self.ctx,
            at: &self.scope,
            out: self.out.clone(),
            reader: self.reader.clone(),
        }
    }

    /// Whether field `field` is boxed to break a cycle.
    pub(crate) fn is_boxed(&self, field: usize) -> bool {
        self.constructor
            .is_some_and(|c| self.ctx.boxed.contains(&(c, field)))
    }

    /// The Rust type of the value of field `field` (boxed if needed).
    fn value_type(&self, field: usize) -> TokenStream {
        let Some(f) = self.c.fields.get(field) else {
            return quote!(());
        };
        let ty = self.ctx.rust_type(&f.ty, &self.scope);
        if self.is_boxed(field) {
            quote!(::std::boxed::Box<#ty>)
        } else {
            ty
        }
    }

    /// The Rust type of a member.
    fn member_type(&self, member: &Member) -> TokenStream {
        match &member.kind {
            MemberKind::Plain { field } => self.value_type(*field),
            MemberKind::Optional { field, .. } => {
                let ty = self.value_type(*field);
                quote!(::std::option::Option<#ty>)
            }
            MemberKind::Flag { .. } => quote!(bool),
            MemberKind::Group { struct_name, .. } => {
                let module = self.layout.group_module.ident();
                let name = struct_name.ident();
                quote!(::std::option::Option<#module::#name>)
            }
            MemberKind::SizedObject { .. } => {
                let rt = &self.ctx.rt;
                quote!(#rt::RawObject)
            }
        }
    }

    /// `#[derive(Debug, Clone, PartialEq, ...)]`.
    pub(crate) fn derives(ctx: &Context<'_>) -> TokenStream {
        let extra = &ctx.derives;
        quote!(#[derive(Debug, Clone, PartialEq #(, #extra)*)])
    }

    /// The struct definition.
    fn definition(&self) -> TokenStream {
        let rt = &self.ctx.rt;
        let unstored: Vec<String> = self
            .c
            .fields
            .iter()
            .filter(|f| f.ty == tl_parser::Ty::True && f.condition.is_none())
            .map(|f| format!("`{}`", docs::field_text(self.c, f)))
            .collect();
        let extra = if unstored.is_empty() {
            Vec::new()
        } else {
            vec![format!(
                "{} carries no data (an unconditional `true`), so it has no field.",
                unstored.join(", ")
            )]
        };
        let doc = docs::attrs(&docs::combinator(self.c, &extra));
        let derives = Self::derives(self.ctx);
        let name = self.name.ident();
        let generics = self.generics.declare(rt, &TokenStream::new());
        if self.layout.members.is_empty() {
            return quote! {
                #doc
                #derives
                pub struct #name #generics;
            };
        }
        let fields = self.layout.members.iter().map(|m| {
            let doc = docs::attrs(&self.member_docs(m));
            let field = m.name.ident();
            let ty = self.member_type(m);
            quote!(#doc pub #field: #ty)
        });
        quote! {
            #doc
            #derives
            pub struct #name #generics {
                #(#fields,)*
            }
        }
    }

    /// The module of the small structs of the shared-bit groups (nothing if there
    /// are none).
    fn group_structs(&self) -> TokenStream {
        if !self.layout.has_groups() {
            return TokenStream::new();
        }
        let derives = Self::derives(self.ctx);
        let mut scope = self.scope.clone();
        scope.namespace.push(self.layout.group_module.clone());
        let inner = StructGen {
            ctx: self.ctx,
            c: self.c,
            layout: self.layout,
            scope,
            name: self.name.clone(),
            constructor: self.constructor,
            generics: Generics::of(self.c),
            out: self.out.clone(),
            reader: self.reader.clone(),
        };
        let mut items = TokenStream::new();
        for member in &self.layout.members {
            let MemberKind::Group {
                values,
                implied,
                bit,
                struct_name,
            } = &member.kind
            else {
                continue;
            };
            let mut lines = vec![format!(
                "The fields of `{}` that share {}: present together or absent together.",
                self.c.name,
                self.bit_text(bit.flags_field, bit.bit)
            )];
            lines.push(String::new());
            lines.push(format!(
                "Held by the `{}` field of [`super::{}`].",
                member.name.display(),
                self.name.display()
            ));
            if !implied.is_empty() {
                let texts: Vec<String> = implied.iter().map(|f| self.field_text(*f)).collect();
                lines.push(String::new());
                lines.push(format!(
                    "{} (same bit, no data) is set exactly when the group is present.",
                    join_and(&texts)
                ));
            }
            let doc = docs::attrs(&lines);
            let fields = values.iter().filter_map(|i| {
                let f = self.c.fields.get(*i)?;
                let mut rest = vec![format!("TL: {}.", self.field_text(*i))];
                if self.is_boxed(*i) {
                    rest.push("Boxed: the type contains itself through this field.".to_owned());
                }
                let doc = docs::attrs(&self.field_docs(&[*i], rest));
                let name = naming::field_name(&f.name).ident();
                let ty = inner.value_type(*i);
                Some(quote!(#doc pub #name: #ty))
            });
            let name = struct_name.ident();
            items.extend(quote! {
                #doc
                #derives
                pub struct #name {
                    #(#fields,)*
                }
            });
        }
        let module = self.layout.group_module.ident();
        let doc = docs::attrs(&[format!(
            "The fields of [`{}`] that share a flag bit, one struct per bit.",
            self.name.display()
        )]);
        let parent = self
            .scope
            .namespace
            .last()
            .map_or_else(|| self.scope.section.name().to_owned(), RustName::display);
        let allow = if parent == self.layout.group_module.display() {
            quote!(#[allow(clippy::module_inception)])
        } else {
            TokenStream::new()
        };
        quote! {
            #doc
            #allow
            pub mod #module {
                #items
            }
        }
    }

    /// The trait impls.
    fn impls(&self) -> TokenStream {
        let rt = &self.ctx.rt;
        let name = self.name.ident();
        let plain = self.generics.declare(rt, &TokenStream::new());
        let decodable = self.generics.declare(rt, &quote!(+ #rt::Deserialize));
        let args = self.generics.apply();
        let id = hex_literal(self.c.id);
        let tl_name = self.c.name.full();
        let expected = match self.c.kind {
            Kind::Constructor => self
                .c
                .result_name()
                .map_or_else(|| tl_name.clone(), tl_parser::Name::full),
            Kind::Function => tl_name.clone(),
        };
        let serialize_bare = self.serialize_bare_fns();
        let deserialize_bare = self.deserialize_bare_fn();
        let codec = self.codec();
        let out = &codec.out;
        let reader = &codec.reader;
        quote! {
            impl #plain #rt::Identifiable for #name #args {
                const CONSTRUCTOR_ID: u32 = #id;
                const TL_NAME: &'static str = #tl_name;
            }
            impl #plain #rt::SerializeBare for #name #args {
                #serialize_bare
            }
            impl #plain #rt::Serialize for #name #args {
                #[inline]
                fn serialize(&self, #out: &mut ::std::vec::Vec<u8>) {
                    #rt::wire::write_u32(<Self as #rt::Identifiable>::CONSTRUCTOR_ID, #out);
                    #rt::SerializeBare::serialize_bare(self, #out);
                }
                #[inline]
                fn serialized_len(&self) -> usize {
                    #rt::wire::ID_LEN + #rt::SerializeBare::bare_len(self)
                }
            }
            impl #decodable #rt::DeserializeBare for #name #args {
                #deserialize_bare
            }
            impl #decodable #rt::Deserialize for #name #args {
                #[inline]
                fn deserialize(
                    #reader: &mut #rt::Reader<'_>,
                ) -> ::std::result::Result<Self, #rt::DecodeError> {
                    #reader.expect_constructor(<Self as #rt::Identifiable>::CONSTRUCTOR_ID, #expected)?;
                    <Self as #rt::DeserializeBare>::deserialize_bare(#reader)
                }
            }
        }
    }

    /// `RemoteCall` for a function.
    fn remote_call(&self) -> TokenStream {
        let rt = &self.ctx.rt;
        let name = self.name.ident();
        let args = self.generics.apply();
        let (ret, needs_deserialize) = self
            .generics
            .return_of(rt, &self.c.result)
            .unwrap_or_else(|| (self.ctx.rust_type(&self.c.result, &self.scope), false));
        let bounds = if needs_deserialize {
            self.generics.declare(rt, &quote!(+ #rt::Deserialize))
        } else {
            self.generics.declare(rt, &TokenStream::new())
        };
        quote! {
            impl #bounds #rt::RemoteCall for #name #args {
                type Return = #ret;
            }
        }
    }

    /// Every item of this combinator.
    pub(crate) fn items(&self) -> TokenStream {
        let definition = self.definition();
        let groups = self.group_structs();
        let impls = self.impls();
        let remote = match self.c.kind {
            Kind::Function => self.remote_call(),
            Kind::Constructor => TokenStream::new(),
        };
        quote! {
            #definition
            #groups
            #impls
            #remote
        }
    }
}

/// `0x9015e101`: ids are written in hex, as in the schema.
pub(crate) fn hex_literal(id: u32) -> TokenStream {
    // A hex integer always lexes as a literal; the fallback only keeps this total.
    format!("{id:#010x}")
        .parse()
        .unwrap_or_else(|_| proc_macro2::Literal::u32_unsuffixed(id).into_token_stream())
}
