//! The body of `DeserializeBare` for a constructor or function struct: one level of
//! nesting (`Reader::nested`), each field in wire order into a local, flag bits
//! tested on the flags words read before them, groups assembled at the end.

use crate::layout::{MemberKind, Wire};
use crate::naming;
use crate::structs::StructGen;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

impl StructGen<'_> {
    /// `flags & (1 << bit) != 0` for the flags word of `flags_field`.
    fn bit_test(&self, flags_field: usize, bit: u8) -> TokenStream {
        let flags = self.c.fields.get(flags_field).map_or_else(
            || naming::fixed("flags"),
            |f| naming::field_name(&f.name).ident(),
        );
        if bit == 0 {
            quote!(#flags & 1 != 0)
        } else {
            let bit = Literal::u8_unsuffixed(bit);
            quote!(#flags & (1 << #bit) != 0)
        }
    }

    /// The expression reading field `field` as a member value (boxed if needed).
    fn read_value(&self, field: usize) -> TokenStream {
        let codec = self.codec();
        let Some(f) = self.c.fields.get(field) else {
            return quote!(());
        };
        let read = codec.read(&f.ty);
        if self.is_boxed(field) {
            quote!(::std::boxed::Box::new(#read?))
        } else {
            quote!(#read?)
        }
    }

    /// Statements reading every field in wire order into locals.
    fn read_fields(&self) -> TokenStream {
        let rt = &self.ctx.rt;
        let reader = &self.codec().reader;
        let mut stmts = TokenStream::new();
        for (index, wire) in self.layout.wire.iter().enumerate() {
            let member = |m: &usize| self.layout.members.get(*m);
            match wire {
                Wire::FlagsWord { local } => {
                    let local = local.ident();
                    stmts.extend(quote!(let #local = #reader.read_u32()?;));
                    for (bit, m) in self.layout.bits_of(index) {
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
                        let read = self.read_value(index);
                        stmts.extend(quote!(let #name = #read;));
                    }
                }
                Wire::Optional { .. } | Wire::Grouped { .. } => {
                    let Some(field) = self.c.fields.get(index) else {
                        continue;
                    };
                    let Some(cond) = field.condition else {
                        continue;
                    };
                    let name = naming::field_name(&field.name).ident();
                    let test = self.bit_test(cond.flags_field, cond.bit);
                    let read = self.read_value(index);
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
                    stmts.extend(quote!(let #local = #reader.read_u32()?;));
                }
                Wire::SizedObject {
                    member: m,
                    length_local,
                } => {
                    if let Some(m) = member(m) {
                        let name = m.name.ident();
                        let len = length_local.ident();
                        stmts.extend(quote! {
                            let #name = #rt::RawObject::read_with_len(#reader, #len as usize)?;
                        });
                    }
                }
                Wire::Nothing => {}
            }
        }
        stmts.extend(self.assemble_groups());
        stmts
    }

    /// Statements turning the `Option` locals of each group's fields into the group.
    fn assemble_groups(&self) -> TokenStream {
        let mut stmts = TokenStream::new();
        for member in &self.layout.members {
            let MemberKind::Group {
                values,
                struct_name,
                ..
            } = &member.kind
            else {
                continue;
            };
            let name = member.name.ident();
            let module = self.layout.group_module.ident();
            let name_of_struct = struct_name.ident();
            let group = quote!(#module::#name_of_struct);
            let locals: Vec<_> = values
                .iter()
                .filter_map(|i| self.c.fields.get(*i))
                .map(|f| naming::field_name(&f.name).ident())
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
    pub(crate) fn deserialize_bare_fn(&self) -> TokenStream {
        let rt = &self.ctx.rt;
        let reader = &self.codec().reader;
        let names: Vec<_> = self.layout.members.iter().map(|m| m.name.ident()).collect();
        // One level deeper while the body is read. On an error the depth is left
        // as it is: a reader is not used after an error (see `Reader`), and no
        // closure per constructor keeps the generated crate quicker to compile.
        let body = if names.is_empty() && !self.layout.wire.iter().any(|w| *w != Wire::Nothing) {
            quote! {
                #reader.enter()?;
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
                #reader.enter()?;
                #fields
                #reader.leave();
                ::std::result::Result::Ok(#value)
            }
        };
        quote! {
            fn deserialize_bare(
                #reader: &mut #rt::Reader<'_>,
            ) -> ::std::result::Result<Self, #rt::DecodeError> {
                #body
            }
        }
    }
}
