//! The body of `SerializeBare` for a constructor or function struct: the flags words
//! computed from which optional values are set, each field in wire order, and the
//! exact length.

use crate::codec::Place;
use crate::layout::{MemberKind, Wire};
use crate::naming;
use crate::structs::StructGen;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

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

    /// Statements computing every flags word into a local.
    fn compute_flags(&self) -> TokenStream {
        let mut stmts = TokenStream::new();
        for (index, wire) in self.layout.wire.iter().enumerate() {
            let Wire::FlagsWord { local } = wire else {
                continue;
            };
            let local = local.ident();
            stmts.extend(quote!(let mut #local = 0u32;));
            for (bit, member) in self.layout.bits_of(index) {
                let test = self.is_set(member);
                let mask = if bit == 0 {
                    quote!(1)
                } else {
                    let bit = Literal::u8_unsuffixed(bit);
                    quote!(1 << #bit)
                };
                stmts.extend(quote!(if #test { #local |= #mask; }));
            }
        }
        stmts
    }

    /// Statements writing every field in wire order.
    fn write_fields(&self) -> TokenStream {
        let rt = &self.ctx.rt;
        let codec = self.codec();
        let out = &codec.out;
        let value = naming::fixed("value");
        let group = naming::fixed("group");
        let mut stmts = TokenStream::new();
        // A group whose fields are being written: (member, statements).
        let mut open_group: Option<(usize, TokenStream)> = None;
        let flush = |open_group: &mut Option<(usize, TokenStream)>, stmts: &mut TokenStream| {
            if let Some((m, writes)) = open_group.take() {
                if let Some(member) = self.layout.members.get(m) {
                    let name = member.name.ident();
                    stmts.extend(quote! {
                        if let ::std::option::Option::Some(#group) = &self.#name {
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
                (Wire::FlagsWord { local }, _) => {
                    let local = local.ident();
                    stmts.extend(quote!(#rt::wire::write_u32(#local, #out);));
                }
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
                        let write = codec.write(&field.ty, &Place::binding(&value));
                        stmts.extend(quote! {
                            if let ::std::option::Option::Some(#value) = &self.#name {
                                #write;
                            }
                        });
                    }
                }
                (Wire::Grouped { member: m, .. }, Some(field)) if member(m).is_some() => {
                    let inner = naming::field_name(&field.name).ident();
                    let write = codec.write(&field.ty, &Place::member(&group, &inner));
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
        let flags = self.compute_flags();
        let fields = self.write_fields();
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
