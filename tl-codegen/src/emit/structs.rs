//! The struct of one constructor or function: its definition, the small structs
//! of its shared-bit groups, and what differs per definition of its codec.
//!
//! Constructors and functions are emitted the same way (a function is a
//! constructor of a request). Each implements `Identifiable` (id, TL name, and
//! for a constructor the type a decoding error names), `SerializeBare` (the
//! flags words computed from which optional values are set, each field in wire
//! order, the exact length) and `DeserializeBare` (one level of nesting, each
//! field in wire order into a local, flag bits tested on the flags words read
//! before them, groups assembled at the end). The boxed `Serialize` and
//! `Deserialize` (id, then body) are the runtime's blanket implementations over
//! those, and the encoded length is the runtime's default (encode and count):
//! nothing here computes lengths, which would be as much code again as the
//! writers. Functions also implement `RemoteCall`.

use super::codec::{Codec, Place, tri};
use super::{doc_attrs, hex_literal};
use crate::model::layout::{MemberKind, Wire};
use crate::model::{Model, Return, Scope, Struct, ValueType, naming};
use crate::options::Extra;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use std::collections::HashSet;

/// Emits the items of one struct of the model.
pub(crate) struct StructGen<'a> {
    model: &'a Model<'a>,
    s: &'a Struct<'a>,
}

impl<'a> StructGen<'a> {
    pub(crate) fn new(model: &'a Model<'a>, s: &'a Struct<'a>) -> Self {
        StructGen { model, s }
    }

    /// Value-level code generation in module `at`.
    fn codec<'c>(&'c self, at: &'c Scope) -> Codec<'c> {
        Codec {
            model: self.model,
            at,
            out: self.s.out.clone(),
            reader: self.s.reader.clone(),
        }
    }

    /// The Rust type of the value of TL field `field`, in module `at` (boxed if
    /// the model boxes it).
    fn value_type(&self, field: usize, at: &Scope) -> TokenStream {
        let Some(f) = self.s.fields.get(field) else {
            return quote!(());
        };
        let ty = self.model.rust_type(&f.ty, at);
        if f.boxed {
            quote!(::std::boxed::Box<#ty>)
        } else {
            ty
        }
    }

    /// Whether TL field `field` is boxed.
    fn is_boxed(&self, field: usize) -> bool {
        self.s.fields.get(field).is_some_and(|f| f.boxed)
    }

    /// `<X: RemoteCall #extra, ...>` for declarations and impls (empty without
    /// parameters).
    fn declare(&self, extra: &TokenStream) -> TokenStream {
        if self.s.params.is_empty() {
            return TokenStream::new();
        }
        let rt = &self.model.runtime;
        let params = self.s.params.iter().map(|p| {
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
    fn apply(&self) -> TokenStream {
        if self.s.params.is_empty() {
            return TokenStream::new();
        }
        let names = self.s.params.iter().map(|p| p.name.ident());
        quote!(<#(#names),*>)
    }

    /// Every item of this struct.
    pub(crate) fn items(&self) -> TokenStream {
        let definition = self.definition();
        let constructors = self.constructors();
        let groups = self.group_structs();
        let impls = self.impls();
        quote! {
            #definition
            #constructors
            #groups
            #impls
        }
    }

    /// `new` with the required members, every optional one absent, and a
    /// `with_` method setting each optional member (nothing for a unit struct,
    /// which is its own value). Both take values unboxed and box them where the
    /// model boxes the field.
    fn constructors(&self) -> TokenStream {
        let s = self.s;
        if s.is_unit() || !self.model.generates(Extra::Builders) {
            return TokenStream::new();
        }
        let rt = &self.model.runtime;
        let mut params = Vec::new();
        let mut inits = Vec::new();
        let mut setters = Vec::new();
        for (m, setter_docs) in s.layout.members.iter().zip(&s.setter_docs) {
            let name = m.name.ident();
            // The type `name` is given as, and whether it is stored boxed.
            let (ty, boxed) = match &m.kind {
                MemberKind::Plain { field }
                | MemberKind::Optional { field, .. }
                | MemberKind::Nullable { field } => {
                    let ty = s
                        .fields
                        .get(*field)
                        .map_or(ValueType::True, |f| f.ty.clone());
                    (self.model.rust_type(&ty, &s.scope), self.is_boxed(*field))
                }
                MemberKind::Flag { .. } => (quote!(bool), false),
                MemberKind::Group { struct_name, .. } => {
                    let module = s.layout.group_module.ident();
                    let group = struct_name.ident();
                    (quote!(#module::#group), false)
                }
                MemberKind::SizedObject { .. } => (quote!(#rt::RawObject), false),
            };
            let stored = if boxed {
                quote!(::std::boxed::Box::new(#name))
            } else {
                quote!(#name)
            };
            if m.is_required() {
                params.push(quote!(#name: #ty));
                inits.push(if boxed {
                    quote!(#name: #stored)
                } else {
                    quote!(#name)
                });
                continue;
            }
            let (absent, set) = match m.kind {
                MemberKind::Flag { .. } => (quote!(false), stored),
                _ => (
                    quote!(::std::option::Option::None),
                    quote!(::std::option::Option::Some(#stored)),
                ),
            };
            inits.push(quote!(#name: #absent));
            let setter = naming::setter_name(&m.name).ident();
            let doc = doc_attrs(setter_docs);
            setters.push(quote! {
                #doc
                #[inline]
                #[must_use]
                pub fn #setter(mut self, #name: #ty) -> Self {
                    self.#name = #set;
                    self
                }
            });
        }
        let many = if params.len() > 7 {
            quote!(#[allow(clippy::too_many_arguments)])
        } else {
            TokenStream::new()
        };
        let new_doc = doc_attrs(&[if setters.is_empty() {
            "A value of these fields.".to_owned()
        } else {
            "A value of the required fields, the optional ones absent (`None`, `false`) \
             until a `with_` method sets them."
                .to_owned()
        }]);
        let generics = self.declare(&TokenStream::new());
        let args = self.apply();
        let name = s.name.ident();
        quote! {
            impl #generics #name #args {
                #new_doc
                #[inline]
                #many
                pub fn new(#(#params),*) -> Self {
                    Self { #(#inits),* }
                }
                #(#setters)*
            }
        }
    }

    /// The struct definition.
    fn definition(&self) -> TokenStream {
        let s = self.s;
        let doc = doc_attrs(&s.docs);
        let derives = &s.derives;
        let name = s.name.ident();
        let generics = self.declare(&TokenStream::new());
        if s.is_unit() {
            return quote! {
                #doc
                #[derive(#(#derives),*)]
                pub struct #name #generics;
            };
        }
        let rt = &self.model.runtime;
        let fields = s
            .layout
            .members
            .iter()
            .zip(&s.member_docs)
            .map(|(m, docs)| {
                let doc = doc_attrs(docs);
                let field = m.name.ident();
                let ty = match &m.kind {
                    MemberKind::Plain { field } => self.value_type(*field, &s.scope),
                    MemberKind::Optional { field, .. } | MemberKind::Nullable { field } => {
                        let ty = self.value_type(*field, &s.scope);
                        quote!(::std::option::Option<#ty>)
                    }
                    MemberKind::Flag { .. } => quote!(bool),
                    MemberKind::Group { struct_name, .. } => {
                        let module = s.layout.group_module.ident();
                        let name = struct_name.ident();
                        quote!(::std::option::Option<#module::#name>)
                    }
                    MemberKind::SizedObject { .. } => quote!(#rt::RawObject),
                };
                quote!(#doc pub #field: #ty)
            });
        quote! {
            #doc
            #[derive(#(#derives),*)]
            pub struct #name #generics {
                #(#fields,)*
            }
        }
    }

    /// The module of the small structs of the shared-bit groups (nothing if there
    /// are none).
    fn group_structs(&self) -> TokenStream {
        let s = self.s;
        if s.groups().next().is_none() {
            return TokenStream::new();
        }
        let scope = s.group_scope();
        let mut items = TokenStream::new();
        for (member, values, struct_name) in s.groups() {
            let doc = doc_attrs(s.group_docs.get(member).map_or(&[][..], Vec::as_slice));
            let derives = s.group_derives.get(member).map_or(&[][..], Vec::as_slice);
            let fields = values.iter().filter_map(|&i| {
                let f = s.fields.get(i)?;
                let doc = doc_attrs(&f.docs);
                let name = f.name.ident();
                let ty = self.value_type(i, &scope);
                Some(quote!(#doc pub #name: #ty))
            });
            let name = struct_name.ident();
            items.extend(quote! {
                #doc
                #[derive(#(#derives),*)]
                pub struct #name {
                    #(#fields,)*
                }
            });
        }
        let module = s.layout.group_module.ident();
        let doc = doc_attrs(&[format!(
            "The fields of [`{}`] that share a flag bit, one struct per bit.",
            s.name.display()
        )]);
        let parent = s
            .scope
            .namespace
            .last()
            .map_or_else(|| s.scope.section.name().to_owned(), |n| n.display());
        let allow = if parent == s.layout.group_module.display() {
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

    /// `Identifiable`, `SerializeBare`, `DeserializeBare`, and `RemoteCall` for a
    /// function.
    fn impls(&self) -> TokenStream {
        let s = self.s;
        let rt = &self.model.runtime;
        let name = s.name.ident();
        let plain = self.declare(&TokenStream::new());
        let decodable = self.declare(&quote!(+ #rt::Deserialize));
        let args = self.apply();
        let id = hex_literal(s.c.id);
        let tl_name = s.c.name.full();
        let tl_type = if s.is_function() {
            TokenStream::new()
        } else {
            let tl_type = &s.tl_type;
            quote!(const TL_TYPE: &'static str = #tl_type;)
        };
        let serialize_bare = self.serialize_bare_fns();
        let deserialize_bare = self.deserialize_bare_fn();
        let remote = match &s.returns {
            Some(returns) => {
                let error = s
                    .errors
                    .and_then(|i| self.model.error_enums.get(i))
                    .and_then(|e| Some(s.scope.path_to(e.scope.as_ref()?, &e.name.ident())))
                    .unwrap_or_else(|| quote!(#rt::RpcError));
                let (ret, bounds, error) = match returns {
                    Return::Value(ty) => (self.model.rust_type(ty, &s.scope), plain.clone(), error),
                    Return::Forwarded(p) => {
                        let p = p.ident();
                        (
                            quote!(<#p as #rt::RemoteCall>::Return),
                            plain.clone(),
                            // A wrapper fails the way the call it wraps does.
                            quote!(<#p as #rt::RemoteCall>::Error),
                        )
                    }
                    Return::Param(p) => {
                        let p = p.ident();
                        (quote!(#p), decodable.clone(), error)
                    }
                };
                quote! {
                    impl #bounds #rt::RemoteCall for #name #args {
                        type Return = #ret;
                        type Error = #error;
                    }
                }
            }
            None => TokenStream::new(),
        };
        quote! {
            impl #plain #rt::Identifiable for #name #args {
                const CONSTRUCTOR_ID: u32 = #id;
                const TL_NAME: &'static str = #tl_name;
                #tl_type
            }
            impl #plain #rt::SerializeBare for #name #args {
                #serialize_bare
            }
            impl #decodable #rt::DeserializeBare for #name #args {
                #deserialize_bare
            }
            #remote
        }
    }

    // ------------------------------------------------------------- serialize_bare

    /// The expression testing whether member `member` is set (for its flag bit).
    fn is_set(&self, member: usize) -> TokenStream {
        let Some(m) = self.s.layout.members.get(member) else {
            return quote!(false);
        };
        let name = m.name.ident();
        match m.kind {
            MemberKind::Flag { .. } => quote!(self.#name),
            _ => quote!(self.#name.is_some()),
        }
    }

    /// Whether flags word `index` has bits of members that carry a value
    /// (`Optional`, `Group`): such a word is written as a placeholder and filled
    /// in once those members are written, so each is tested once.
    fn is_deferred(&self, index: usize) -> bool {
        let layout = &self.s.layout;
        layout.bits_of(index).iter().any(|(_, member)| {
            layout
                .members
                .get(*member)
                .is_some_and(|m| !matches!(m.kind, MemberKind::Flag { .. }))
        })
    }

    /// The mask of `bit`.
    fn mask(bit: u8) -> TokenStream {
        if bit == 0 {
            quote!(1)
        } else {
            let bit = Literal::u8_unsuffixed(bit);
            quote!(1 << #bit)
        }
    }

    /// Statements computing the flags words into locals: every bit of a word
    /// that is not deferred, the `true` flags of one that is.
    fn compute_flags(&self, positions: &[Option<Ident>]) -> TokenStream {
        let layout = &self.s.layout;
        let mut stmts = TokenStream::new();
        for (index, wire) in layout.wire.iter().enumerate() {
            let Wire::FlagsWord { local } = wire else {
                continue;
            };
            let deferred = positions.get(index).is_some_and(Option::is_some);
            let local = local.ident();
            stmts.extend(quote!(let mut #local = 0u32;));
            for &(bit, member) in layout.bits_of(index) {
                let is_flag = layout
                    .members
                    .get(member)
                    .is_some_and(|m| matches!(m.kind, MemberKind::Flag { .. }));
                if deferred && !is_flag {
                    continue;
                }
                let test = self.is_set(member);
                let mask = Self::mask(bit);
                stmts.extend(quote!(if #test { #local |= #mask; }));
            }
        }
        stmts
    }

    /// The local of the flags word `member`'s bit is in, and the mask, when that
    /// word is deferred (has a position in `positions`).
    fn deferred_bit(
        &self,
        member: usize,
        positions: &[Option<Ident>],
    ) -> Option<(Ident, TokenStream)> {
        let layout = &self.s.layout;
        let bit = layout.members.get(member)?.bit()?;
        positions.get(bit.flags_field)?.as_ref()?;
        match layout.wire.get(bit.flags_field)? {
            Wire::FlagsWord { local } => Some((local.ident(), Self::mask(bit.bit))),
            _ => None,
        }
    }

    /// The locals of `serialize_bare` besides the flags words, named so that none
    /// shadows a flags word or another: the bindings of an optional value and of a
    /// group, and for each deferred flags word (by wire index) where it was
    /// written (`flags_at` for `flags`).
    fn locals(&self) -> Locals {
        let layout = &self.s.layout;
        // A set: a combinator may have thousands of flags words.
        let mut taken: HashSet<String> = layout
            .wire
            .iter()
            .filter_map(|w| match w {
                Wire::FlagsWord { local } => Some(local.text().to_owned()),
                _ => None,
            })
            .collect();
        taken.insert(self.s.out.to_string());
        let mut claim = |base: String| {
            let mut name = base;
            while taken.contains(&name) {
                name.push('_');
            }
            taken.insert(name.clone());
            naming::fixed(&name)
        };
        let value = claim("value".to_owned());
        let group = claim("group".to_owned());
        let positions = layout
            .wire
            .iter()
            .enumerate()
            .map(|(index, wire)| match wire {
                Wire::FlagsWord { local } if self.is_deferred(index) => {
                    Some(claim(format!("{}_at", local.text())))
                }
                _ => None,
            })
            .collect();
        Locals {
            value,
            group,
            positions,
        }
    }

    /// Statements writing every field in wire order. Consecutive fixed-size
    /// values (flags words, numbers, `Bool`s) are written as one
    /// [`FixedRun`].
    fn write_fields(&self, locals: &Locals) -> TokenStream {
        let s = self.s;
        let rt = &self.model.runtime;
        let codec = self.codec(&s.scope);
        let out = &codec.out;
        let Locals {
            value,
            group,
            positions,
        } = locals;
        let mut stmts = TokenStream::new();
        let mut run = FixedRun::default();
        // A group whose fields are being written: (member, statements).
        let mut open_group: Option<(usize, TokenStream)> = None;
        let flush = |open_group: &mut Option<(usize, TokenStream)>, stmts: &mut TokenStream| {
            if let Some((m, writes)) = open_group.take() {
                if let Some(member) = s.layout.members.get(m) {
                    let name = member.name.ident();
                    let set_bit = self
                        .deferred_bit(m, positions)
                        .map(|(local, mask)| quote!(#local |= #mask;));
                    stmts.extend(quote! {
                        if let ::std::option::Option::Some(#group) = &self.#name {
                            #set_bit
                            #writes
                        }
                    });
                }
            }
        };
        for (index, wire) in s.layout.wire.iter().enumerate() {
            let field = s.fields.get(index);
            let member = |m: &usize| s.layout.members.get(*m);
            if *wire != Wire::Nothing && !matches!(wire, Wire::Grouped { .. }) {
                flush(&mut open_group, &mut stmts);
            }
            // A fixed-size value joins the run; anything else ends it first.
            let fixed = match (wire, field, positions.get(index)) {
                // A deferred word's placeholder, patched at the end.
                (Wire::FlagsWord { .. }, _, Some(Some(at))) => {
                    run.mark(at.clone());
                    Some((4, "u32", quote!(0)))
                }
                (Wire::FlagsWord { local }, _, _) => {
                    let local = local.ident();
                    Some((4, "u32", quote!(#local)))
                }
                (Wire::Plain { member: m }, Some(field), _) => member(m).and_then(|member| {
                    let (len, name) = codec.fixed(&field.ty)?;
                    let place = Place::field(&member.name.ident(), field.boxed);
                    Some((len, name, place.by_val().clone()))
                }),
                _ => None,
            };
            if let Some((len, name, value)) = fixed {
                run.push(len, name, value);
                continue;
            }
            if *wire != Wire::Nothing {
                run.flush(&codec, &mut stmts);
            }
            match (wire, field) {
                (Wire::Plain { member: m }, Some(field))
                | (Wire::SizedObject { member: m, .. }, Some(field)) => {
                    if let Some(member) = member(m) {
                        let place = Place::field(&member.name.ident(), field.boxed);
                        let write = codec.write(&field.ty, &place);
                        stmts.extend(quote!(#write;));
                    }
                }
                (Wire::Nullable { member: m }, Some(field)) => {
                    if let Some(member) = member(m) {
                        let name = member.name.ident();
                        let value = if field.boxed {
                            quote!(self.#name.as_deref())
                        } else {
                            quote!(self.#name.as_ref())
                        };
                        stmts.extend(quote!(#rt::wire::write_nullable(#value, #out);));
                    }
                }
                (Wire::Optional { member: m }, Some(field)) => {
                    if let Some(member) = member(m) {
                        let name = member.name.ident();
                        let write = codec.write(&field.ty, &Place::binding(value, field.boxed));
                        let set_bit = self
                            .deferred_bit(*m, positions)
                            .map(|(local, mask)| quote!(#local |= #mask;));
                        stmts.extend(quote! {
                            if let ::std::option::Option::Some(#value) = &self.#name {
                                #set_bit
                                #write;
                            }
                        });
                    }
                }
                (Wire::Grouped { member: m, .. }, Some(field)) if member(m).is_some() => {
                    let inner = field.name.ident();
                    let place = Place::member(group, &inner, field.boxed);
                    let write = codec.write(&field.ty, &place);
                    // Consecutive fields of one group share one `if let`.
                    match &mut open_group {
                        Some((open, writes)) if open == m => writes.extend(quote!(#write;)),
                        _ => {
                            flush(&mut open_group, &mut stmts);
                            open_group = Some((*m, quote!(#write;)));
                        }
                    }
                }
                (Wire::ObjectLength { member: m, .. }, _) => {
                    if let Some(member) = member(m) {
                        let name = member.name.ident();
                        stmts.extend(quote! {
                            #rt::wire::write_u32(
                                match <u32 as ::std::convert::TryFrom<usize>>::try_from(
                                    #rt::Serialize::serialized_len(&self.#name),
                                ) {
                                    ::std::result::Result::Ok(len) => len,
                                    ::std::result::Result::Err(_) => {
                                        ::std::panic!("TL object longer than u32::MAX bytes")
                                    }
                                },
                                #out,
                            );
                        });
                    }
                }
                _ => {}
            }
        }
        run.flush(&codec, &mut stmts);
        flush(&mut open_group, &mut stmts);
        // Every deferred flags word, now complete, goes where it was reserved.
        for (wire, at) in s.layout.wire.iter().zip(positions) {
            if let (Wire::FlagsWord { local }, Some(at)) = (wire, at) {
                let local = local.ident();
                stmts.extend(quote!(#rt::wire::patch_u32(#local, #at, #out);));
            }
        }
        stmts
    }

    /// `serialize_bare` (its length is the runtime's default: generated code
    /// holds no length computation).
    fn serialize_bare_fns(&self) -> TokenStream {
        let locals = self.locals();
        let flags = self.compute_flags(&locals.positions);
        let fields = self.write_fields(&locals);
        let out = if fields.is_empty() {
            naming::fixed("_out")
        } else {
            self.s.out.clone()
        };
        quote! {
            #[inline]
            fn serialize_bare(&self, #out: &mut ::std::vec::Vec<u8>) {
                #flags
                #fields
            }
        }
    }

    // ----------------------------------------------------------- deserialize_bare

    /// `flags & (1 << bit) != 0` for the flags word of `flags_field`.
    fn bit_test(&self, flags_field: usize, bit: u8) -> TokenStream {
        let flags = self
            .s
            .fields
            .get(flags_field)
            .map_or_else(|| naming::fixed("flags"), |f| f.name.ident());
        if bit == 0 {
            quote!(#flags & 1 != 0)
        } else {
            let bit = Literal::u8_unsuffixed(bit);
            quote!(#flags & (1 << #bit) != 0)
        }
    }

    /// The expression reading field `field` as a member value (boxed if needed).
    fn read_value(&self, codec: &Codec<'_>, field: usize) -> TokenStream {
        let Some(f) = self.s.fields.get(field) else {
            return quote!(());
        };
        let read = tri(&codec.read(&f.ty));
        if self.is_boxed(field) {
            quote!(::std::boxed::Box::new(#read))
        } else {
            read
        }
    }

    /// Statements reading every field in wire order into locals, then the groups.
    fn read_fields(&self) -> TokenStream {
        let s = self.s;
        let rt = &self.model.runtime;
        let codec = self.codec(&s.scope);
        let reader = &codec.reader;
        let mut stmts = TokenStream::new();
        for (index, wire) in s.layout.wire.iter().enumerate() {
            let member = |m: &usize| s.layout.members.get(*m);
            match wire {
                Wire::FlagsWord { local } => {
                    let local = local.ident();
                    let read = tri(&quote!(#reader.read_u32()));
                    stmts.extend(quote!(let #local = #read;));
                    for &(bit, m) in s.layout.bits_of(index) {
                        if let Some(m) = member(&m) {
                            if matches!(m.kind, MemberKind::Flag { .. }) {
                                let name = m.name.ident();
                                let test = self.bit_test(index, bit);
                                stmts.extend(quote!(let #name = #test;));
                            }
                        }
                    }
                }
                Wire::Plain { member: m } => {
                    if let Some(m) = member(m) {
                        let name = m.name.ident();
                        let read = self.read_value(&codec, index);
                        stmts.extend(quote!(let #name = #read;));
                    }
                }
                Wire::Nullable { member: m } => {
                    if let (Some(m), Some(field)) = (member(m), s.fields.get(index)) {
                        let name = m.name.ident();
                        let ty = self.model.rust_type(&field.ty, &s.scope);
                        let read = tri(&quote!(#rt::wire::read_nullable::<#ty>(#reader)));
                        stmts.extend(if field.boxed {
                            quote!(let #name = #read.map(::std::boxed::Box::new);)
                        } else {
                            quote!(let #name = #read;)
                        });
                    }
                }
                Wire::Optional { .. } | Wire::Grouped { .. } => {
                    let (Some(tl), Some(field)) = (s.c.fields.get(index), s.fields.get(index))
                    else {
                        continue;
                    };
                    let Some(cond) = tl.condition else {
                        continue;
                    };
                    let name = field.name.ident();
                    let test = self.bit_test(cond.flags_field, cond.bit);
                    let read = self.read_value(&codec, index);
                    stmts.extend(quote! {
                        let #name = if #test {
                            ::std::option::Option::Some(#read)
                        } else {
                            ::std::option::Option::None
                        };
                    });
                }
                Wire::ObjectLength { local, .. } => {
                    let local = local.ident();
                    let read = tri(&quote!(#reader.read_u32()));
                    stmts.extend(quote!(let #local = #read;));
                }
                Wire::SizedObject {
                    member: m,
                    length_local,
                } => {
                    if let Some(m) = member(m) {
                        let name = m.name.ident();
                        let len = length_local.ident();
                        let read =
                            tri(&quote!(#rt::RawObject::read_with_len(#reader, #len as usize)));
                        stmts.extend(quote!(let #name = #read;));
                    }
                }
                Wire::Nothing => {}
            }
        }
        for (member, values, struct_name) in s.groups() {
            let Some(member) = s.layout.members.get(member) else {
                continue;
            };
            let name = member.name.ident();
            let module = s.layout.group_module.ident();
            let name_of_struct = struct_name.ident();
            let group = quote!(#module::#name_of_struct);
            let locals: Vec<_> = values
                .iter()
                .filter_map(|i| s.fields.get(*i))
                .map(|f| f.name.ident())
                .collect();
            stmts.extend(match locals.as_slice() {
                [single] => quote! {
                    let #name = #single.map(|#single| #group { #single });
                },
                _ => quote! {
                    let #name = match (#(#locals),*) {
                        (#(::std::option::Option::Some(#locals)),*) => {
                            ::std::option::Option::Some(#group { #(#locals),* })
                        }
                        _ => ::std::option::Option::None,
                    };
                },
            });
        }
        stmts
    }

    /// `deserialize_bare`.
    fn deserialize_bare_fn(&self) -> TokenStream {
        let s = self.s;
        let rt = &self.model.runtime;
        let reader = &s.reader;
        let names: Vec<_> = s.layout.members.iter().map(|m| m.name.ident()).collect();
        // One level deeper while the body is read. On an error the depth is left
        // as it is: a reader is not used after an error (see `Reader`), and no
        // closure per constructor keeps the generated crate quicker to compile.
        let enter = tri(&quote!(#reader.enter()));
        let body = if names.is_empty() && !s.layout.wire.iter().any(|w| *w != Wire::Nothing) {
            quote! {
                #enter;
                #reader.leave();
                ::std::result::Result::Ok(Self)
            }
        } else {
            let fields = self.read_fields();
            let value = if names.is_empty() {
                quote!(Self)
            } else {
                quote!(Self { #(#names),* })
            };
            quote! {
                #enter;
                #fields
                #reader.leave();
                ::std::result::Result::Ok(#value)
            }
        };
        // Only servers and tools decode a function (a request); `#[inline]` has its
        // decoder compiled in the crates that call it, not in every build of the API.
        let inline = if s.is_function() {
            quote!(#[inline])
        } else {
            TokenStream::new()
        };
        quote! {
            #inline
            fn deserialize_bare(
                #reader: &mut #rt::Reader<'_>,
            ) -> ::std::result::Result<Self, #rt::DecodeError> {
                #body
            }
        }
    }
}

/// Names of `serialize_bare`'s locals; see [`StructGen::locals`].
struct Locals {
    value: Ident,
    group: Ident,
    positions: Vec<Option<Ident>>,
}

/// Consecutive fixed-size values of a `serialize_bare` not written yet: their
/// total size; each value with the name of its `wire` writer (see
/// [`Codec::fixed`]); and the locals that must hold where a deferred flags word's
/// placeholder lands (with its offset in the run).
#[derive(Default)]
struct FixedRun {
    len: usize,
    values: Vec<(&'static str, TokenStream)>,
    marks: Vec<(Ident, usize)>,
}

impl FixedRun {
    /// Adds `value`, `len` bytes written by `wire::write_{name}` or `.{name}`.
    fn push(&mut self, len: usize, name: &'static str, value: TokenStream) {
        self.len += len;
        self.values.push((name, value));
    }

    /// Has `at` hold the position of the value pushed next.
    fn mark(&mut self, at: Ident) {
        self.marks.push((at, self.len));
    }

    /// Writes the run, if any, and empties it: one value alone, more through one
    /// `Fixed` of their total size (one capacity check for all of them).
    fn flush(&mut self, codec: &Codec<'_>, stmts: &mut TokenStream) {
        let out = &codec.out;
        for (at, offset) in std::mem::take(&mut self.marks) {
            stmts.extend(if offset == 0 {
                quote!(let #at = #out.len();)
            } else {
                let offset = Literal::usize_unsuffixed(offset);
                quote!(let #at = #out.len() + #offset;)
            });
        }
        let values = std::mem::take(&mut self.values);
        let len = Literal::usize_unsuffixed(std::mem::take(&mut self.len));
        match values.as_slice() {
            [] => {}
            [(name, value)] => {
                let write = codec.write_fixed(name, value);
                stmts.extend(quote!(#write;));
            }
            _ => {
                let rt = &codec.model.runtime;
                let puts = values.iter().map(|(name, value)| {
                    let name = naming::fixed(name);
                    quote!(.#name(#value))
                });
                stmts.extend(quote!(#rt::wire::Fixed::<#len>::new() #(#puts)*.write(#out);));
            }
        }
    }
}
