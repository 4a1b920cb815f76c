//! The body of `SerializeBare` for a constructor or function struct: the flags words
//! computed from which optional values are set, each field in wire order, and the
//! exact length.

use crate::codec::Place;
use crate::layout::{MemberKind, Wire};
use crate::naming;
use crate::structs::StructGen;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

/// Names of `serialize_bare`'s locals; see [`StructGen::locals`].
struct Locals {
    value: Ident,
    group: Ident,
    positions: Vec<Option<Ident>>,
}

impl StructGen<'_> {
    /// The expression testing whether member `member` is set (for its flag bit).
    fn is_set(&self, member: usize) -> TokenStream {
        let Some(m) = self.layout.members.get(member) else {
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
        self.layout.bits_of(index).iter().any(|(_, member)| {
            self.layout
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
        let mut stmts = TokenStream::new();
        for (index, wire) in self.layout.wire.iter().enumerate() {
            let Wire::FlagsWord { local } = wire else {
                continue;
            };
            let deferred = positions.get(index).is_some_and(Option::is_some);
            let local = local.ident();
            stmts.extend(quote!(let mut #local = 0u32;));
            for (bit, member) in self.layout.bits_of(index) {
                let is_flag = self
                    .layout
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
        let bit = self.layout.members.get(member)?.bit()?;
        positions.get(bit.flags_field)?.as_ref()?;
        match self.layout.wire.get(bit.flags_field)? {
            Wire::FlagsWord { local } => Some((local.ident(), Self::mask(bit.bit))),
            _ => None,
        }
    }

    /// The locals of `serialize_bare` besides the flags words, named so that none
    /// shadows a flags word or another: the bindings of an optional value and of a
    /// group, and for each deferred flags word (by wire index) where it was
    /// written (`flags_at` for `flags`).
    fn locals(&self, out: &Ident) -> Locals {
        let mut taken: Vec<String> = self
            .layout
            .wire
            .iter()
            .filter_map(|w| match w {
                Wire::FlagsWord { local } => Some(local.text().to_owned()),
                _ => None,
            })
            .collect();
        taken.push(out.to_string());
        let mut claim = |base: String| {
            let mut name = base;
            while taken.contains(&name) {
                name.push('_');
            }
            taken.push(name.clone());
            naming::fixed(&name)
        };
        let value = claim("value".to_owned());
        let group = claim("group".to_owned());
        let positions = self
            .layout
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

    /// Statements writing every field in wire order.
    fn write_fields(&self, locals: &Locals) -> TokenStream {
        let rt = &self.ctx.rt;
        let codec = self.codec();
        let out = &codec.out;
        let Locals {
            value,
            group,
            positions,
        } = locals;
        let mut stmts = TokenStream::new();
        // A group whose fields are being written: (member, statements).
        let mut open_group: Option<(usize, TokenStream)> = None;
        let flush = |open_group: &mut Option<(usize, TokenStream)>, stmts: &mut TokenStream| {
            if let Some((m, writes)) = open_group.take() {
                if let Some(member) = self.layout.members.get(m) {
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
        for (index, wire) in self.layout.wire.iter().enumerate() {
            let field = self.c.fields.get(index);
            let member = |m: &usize| self.layout.members.get(*m);
            if *wire != Wire::Nothing && !matches!(wire, Wire::Grouped { .. }) {
                flush(&mut open_group, &mut stmts);
            }
            match (wire, field) {
                (Wire::FlagsWord { local }, _) => match positions.get(index) {
                    Some(Some(at)) => {
                        stmts.extend(quote! {
                            let #at = #out.len();
                            #rt::wire::write_u32(0, #out);
                        });
                    }
                    _ => {
                        let local = local.ident();
                        stmts.extend(quote!(#rt::wire::write_u32(#local, #out);));
                    }
                },
                (Wire::Plain { member: m }, Some(field))
                | (Wire::SizedObject { member: m, .. }, Some(field)) => {
                    if let Some(member) = member(m) {
                        let write = codec.write(&field.ty, &Place::field(&member.name.ident()));
                        stmts.extend(quote!(#write;));
                    }
                }
                (Wire::Optional { member: m }, Some(field)) => {
                    if let Some(member) = member(m) {
                        let name = member.name.ident();
                        let write = codec.write(&field.ty, &Place::binding(value));
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
                    let inner = naming::field_name(&field.name).ident();
                    let write = codec.write(&field.ty, &Place::member(group, &inner));
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
        flush(&mut open_group, &mut stmts);
        // Every deferred flags word, now complete, goes where it was reserved.
        for (wire, at) in self.layout.wire.iter().zip(positions) {
            if let (Wire::FlagsWord { local }, Some(at)) = (wire, at) {
                let local = local.ident();
                stmts.extend(quote!(#rt::wire::patch_u32(#local, #at, #out);));
            }
        }
        stmts
    }

    /// The terms of the exact encoded length of the body.
    fn length_terms(&self) -> Vec<(TokenStream, bool)> {
        let rt = &self.ctx.rt;
        let codec = self.codec();
        let value = naming::fixed("value");
        let group = naming::fixed("group");
        // (term, whether it is an `if` expression, which needs parentheses in a sum)
        let mut terms: Vec<(TokenStream, bool)> = Vec::new();
        for wire in &self.layout.wire {
            if matches!(wire, Wire::FlagsWord { .. } | Wire::ObjectLength { .. }) {
                terms.push((quote!(#rt::wire::INT_LEN), false));
            }
        }
        for member in &self.layout.members {
            let name = member.name.ident();
            let field = |i: &usize| self.c.fields.get(*i);
            match &member.kind {
                MemberKind::Plain { field: f } | MemberKind::SizedObject { field: f, .. } => {
                    if let Some(field) = field(f) {
                        terms.push((codec.len(&field.ty, &Place::field(&name)), false));
                    }
                }
                MemberKind::Optional { field: f, .. } => {
                    if let Some(field) = field(f) {
                        let term = match codec.fixed_len(&field.ty) {
                            Some(fixed) => quote!(if self.#name.is_some() { #fixed } else { 0 }),
                            None => {
                                let len = codec.len(&field.ty, &Place::binding(&value));
                                quote! {
                                    if let ::std::option::Option::Some(#value) = &self.#name {
                                        #len
                                    } else {
                                        0
                                    }
                                }
                            }
                        };
                        terms.push((term, true));
                    }
                }
                MemberKind::Group { values, .. } => {
                    let fields: Vec<_> = values.iter().filter_map(field).collect();
                    let fixed: Option<Vec<TokenStream>> =
                        fields.iter().map(|f| codec.fixed_len(&f.ty)).collect();
                    let term = match fixed {
                        Some(lens) => quote!(if self.#name.is_some() { #(#lens)+* } else { 0 }),
                        None => {
                            let lens = fields.iter().map(|f| {
                                let inner = naming::field_name(&f.name).ident();
                                codec.len(&f.ty, &Place::member(&group, &inner))
                            });
                            quote! {
                                if let ::std::option::Option::Some(#group) = &self.#name {
                                    #(#lens)+*
                                } else {
                                    0
                                }
                            }
                        }
                    };
                    terms.push((term, true));
                }
                MemberKind::Flag { .. } => {}
            }
        }
        terms
    }

    /// `serialize_bare` and `bare_len`.
    pub(crate) fn serialize_bare_fns(&self) -> TokenStream {
        let codec = self.codec();
        let locals = self.locals(&codec.out);
        let flags = self.compute_flags(&locals.positions);
        let fields = self.write_fields(&locals);
        let out = if fields.is_empty() {
            naming::fixed("_out")
        } else {
            codec.out.clone()
        };
        let terms = self.length_terms();
        let len = match terms.as_slice() {
            [] => quote!(0),
            [(term, _)] => term.clone(),
            _ => {
                let terms = terms.iter().map(|(term, is_if)| {
                    if *is_if {
                        quote!((#term))
                    } else {
                        term.clone()
                    }
                });
                quote!(#(#terms)+*)
            }
        };
        quote! {
            #[inline]
            fn serialize_bare(&self, #out: &mut ::std::vec::Vec<u8>) {
                #flags
                #fields
            }
            #[inline]
            fn bare_len(&self) -> usize {
                #len
            }
        }
    }
}
