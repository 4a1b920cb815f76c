//! Code that writes, measures and reads one value of a TL type.
//!
//! Values whose Rust type implements the runtime traits exactly as TL encodes the
//! type where it is used ("canonical" types, see [`Context::is_canonical`]) go
//! through the traits (`Serialize::serialize`, `Deserialize::deserialize`); builtins
//! through the `wire` functions, which read better; the rest (`bytes`, bare types,
//! `#` numbers, and vectors of those) through `wire` functions with an item
//! callback.

use crate::context::{BoxedType, Context, Scope};
use crate::naming;
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use std::collections::BTreeSet;
use tl_parser::{Builtin, Ty};

/// Where a value is: how to borrow it and how to copy it (for `Copy` builtins).
pub(crate) struct Place {
    by_ref: TokenStream,
    by_val: TokenStream,
}

impl Place {
    /// `self.name`.
    pub(crate) fn field(name: &Ident) -> Place {
        Place {
            by_ref: quote!(&self.#name),
            by_val: quote!(self.#name),
        }
    }

    /// A binding that is a reference to the value (`value` of `if let Some(value) = &x`).
    pub(crate) fn binding(name: &Ident) -> Place {
        Place {
            by_ref: quote!(#name),
            by_val: quote!(*#name),
        }
    }

    /// `binding.name`, where `binding` is a reference to a struct.
    pub(crate) fn member(binding: &Ident, name: &Ident) -> Place {
        Place {
            by_ref: quote!(&#binding.#name),
            by_val: quote!(#binding.#name),
        }
    }
}

/// Generates value-level code for items of one module.
pub(crate) struct Codec<'a> {
    /// The schema context.
    pub ctx: &'a Context<'a>,
    /// The module the code is placed in (paths are relative to it).
    pub at: &'a Scope,
    /// The name of the output buffer (`out`).
    pub out: Ident,
    /// The name of the reader (`reader`).
    pub reader: Ident,
}

impl Codec<'_> {
    /// The encoded size of `ty` when it does not depend on the value.
    pub(crate) fn fixed_len(&self, ty: &Ty) -> Option<TokenStream> {
        let rt = &self.ctx.rt;
        let name = match ty {
            Ty::Builtin(Builtin::Int) | Ty::Flags => "INT_LEN",
            Ty::Builtin(Builtin::Long) => "LONG_LEN",
            Ty::Builtin(Builtin::Double) => "DOUBLE_LEN",
            Ty::Builtin(Builtin::Int128) => "INT128_LEN",
            Ty::Builtin(Builtin::Int256) => "INT256_LEN",
            Ty::Boxed(name) if self.ctx.boxed_type(name) == Some(BoxedType::Bool) => "BOOL_LEN",
            _ => return None,
        };
        let name = naming::fixed(name);
        Some(quote!(#rt::wire::#name))
    }

    /// The Rust type of `ty` here.
    fn rust_type(&self, ty: &Ty) -> TokenStream {
        self.ctx.rust_type(ty, self.at)
    }

    /// An expression (of type `()`) appending the value at `place` to the output.
    pub(crate) fn write(&self, ty: &Ty, place: &Place) -> TokenStream {
        let rt = &self.ctx.rt;
        let out = &self.out;
        let Place { by_ref, by_val } = place;
        let primitive = |f: &str, arg: &TokenStream| {
            let f = naming::fixed(f);
            quote!(#rt::wire::#f(#arg, #out))
        };
        match ty {
            Ty::Builtin(Builtin::Int) => primitive("write_int", by_val),
            Ty::Builtin(Builtin::Long) => primitive("write_long", by_val),
            Ty::Builtin(Builtin::Double) => primitive("write_double", by_val),
            Ty::Builtin(Builtin::Int128) => primitive("write_int128", by_val),
            Ty::Builtin(Builtin::Int256) => primitive("write_int256", by_val),
            Ty::Builtin(Builtin::String) => primitive("write_string", by_ref),
            Ty::Builtin(Builtin::Bytes) => primitive("write_bytes", by_ref),
            Ty::Flags => primitive("write_u32", by_val),
            Ty::True => quote!(()),
            Ty::Boxed(name) if self.ctx.boxed_type(name) == Some(BoxedType::Bool) => {
                primitive("write_bool", by_val)
            }
            Ty::Vector { boxed, item } if !self.ctx.is_canonical(ty) => {
                if !boxed && self.ctx.is_canonical(item) {
                    quote!(#rt::SerializeBare::serialize_bare(#by_ref, #out))
                } else {
                    let f = naming::fixed(if *boxed {
                        "write_vector"
                    } else {
                        "write_bare_vector"
                    });
                    let item = self.item_writer(item);
                    quote!(#rt::wire::#f(#by_ref, #out, #item))
                }
            }
            Ty::Bare(_) => quote!(#rt::SerializeBare::serialize_bare(#by_ref, #out)),
            Ty::Boxed(_) | Ty::Vector { .. } | Ty::Param { .. } | Ty::Object => {
                quote!(#rt::Serialize::serialize(#by_ref, #out))
            }
        }
    }

    /// A callable `(&T, &mut Vec<u8>)` writing one vector item of type `item`.
    fn item_writer(&self, item: &Ty) -> TokenStream {
        let rt = &self.ctx.rt;
        let rust = self.rust_type(item);
        if self.ctx.is_canonical(item) {
            return quote!(<#rust as #rt::Serialize>::serialize);
        }
        if self.is_bare_struct_or_vector(item) {
            return quote!(<#rust as #rt::SerializeBare>::serialize_bare);
        }
        let binding = naming::fixed("item");
        let out = &self.out;
        let write = self.write(item, &Place::binding(&binding));
        quote!(|#binding, #out| #write)
    }

    /// Whether `ty` is written through `SerializeBare` as a whole: a bare struct, or
    /// a bare vector of canonical items.
    fn is_bare_struct_or_vector(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Bare(_) => true,
            Ty::Vector { boxed: false, item } => self.ctx.is_canonical(item),
            _ => false,
        }
    }

    /// An expression (of type `usize`): the exact encoded size of the value at `place`.
    pub(crate) fn len(&self, ty: &Ty, place: &Place) -> TokenStream {
        if let Some(fixed) = self.fixed_len(ty) {
            return fixed;
        }
        let rt = &self.ctx.rt;
        let by_ref = &place.by_ref;
        match ty {
            Ty::Builtin(Builtin::String) => quote!(#rt::wire::string_len(#by_ref)),
            Ty::Builtin(Builtin::Bytes) => quote!(#rt::wire::bytes_len(#by_ref)),
            Ty::True => quote!(0),
            _ if self.is_bare_struct_or_vector(ty) => {
                quote!(#rt::SerializeBare::bare_len(#by_ref))
            }
            Ty::Vector { boxed, item } if !self.ctx.is_canonical(ty) => {
                let f = naming::fixed(if *boxed {
                    "vector_len"
                } else {
                    "bare_vector_len"
                });
                let item = self.item_len(item);
                quote!(#rt::wire::#f(#by_ref, #item))
            }
            _ => quote!(#rt::Serialize::serialized_len(#by_ref)),
        }
    }

    /// A callable `(&T) -> usize` measuring one vector item of type `item`.
    fn item_len(&self, item: &Ty) -> TokenStream {
        let rt = &self.ctx.rt;
        if let Some(fixed) = self.fixed_len(item) {
            return quote!(|_| #fixed);
        }
        let rust = self.rust_type(item);
        if self.ctx.is_canonical(item) {
            return quote!(<#rust as #rt::Serialize>::serialized_len);
        }
        if self.is_bare_struct_or_vector(item) {
            return quote!(<#rust as #rt::SerializeBare>::bare_len);
        }
        let binding = naming::fixed("item");
        let len = self.len(item, &Place::binding(&binding));
        quote!(|#binding| #len)
    }

    /// An expression of type `Result<T, DecodeError>` reading one value of type `ty`.
    pub(crate) fn read(&self, ty: &Ty) -> TokenStream {
        let rt = &self.ctx.rt;
        let reader = &self.reader;
        let method = |m: &str| {
            let m = naming::fixed(m);
            quote!(#reader.#m())
        };
        match ty {
            Ty::Builtin(Builtin::Int) => method("read_i32"),
            Ty::Builtin(Builtin::Long) => method("read_i64"),
            Ty::Builtin(Builtin::Double) => method("read_f64"),
            Ty::Builtin(Builtin::Int128) => method("read_int128"),
            Ty::Builtin(Builtin::Int256) => method("read_int256"),
            Ty::Builtin(Builtin::String) => method("read_string"),
            Ty::Builtin(Builtin::Bytes) => method("read_bytes"),
            Ty::Flags => method("read_u32"),
            Ty::True => quote!(::std::result::Result::<(), #rt::DecodeError>::Ok(())),
            Ty::Boxed(name) if self.ctx.boxed_type(name) == Some(BoxedType::Bool) => {
                method("read_bool")
            }
            _ if self.is_bare_struct_or_vector(ty) => {
                let rust = self.rust_type(ty);
                quote!(<#rust as #rt::DeserializeBare>::deserialize_bare(#reader))
            }
            Ty::Vector { boxed, item } if !self.ctx.is_canonical(ty) => {
                let f = naming::fixed(if *boxed {
                    "read_vector_min"
                } else {
                    "read_bare_vector_min"
                });
                let min = proc_macro2::Literal::usize_unsuffixed(self.min_len(item));
                let item = self.item_reader(item);
                quote!(#rt::wire::#f(#reader, #min, #item))
            }
            _ => {
                let rust = self.rust_type(ty);
                quote!(<#rust as #rt::Deserialize>::deserialize(#reader))
            }
        }
    }

    /// A callable `(&mut Reader) -> Result<T, DecodeError>` reading one vector item.
    fn item_reader(&self, item: &Ty) -> TokenStream {
        let rt = &self.ctx.rt;
        let wire_fn = |f: &str| {
            let f = naming::fixed(f);
            quote!(#rt::wire::#f)
        };
        match item {
            Ty::Builtin(Builtin::Int) => wire_fn("read_int"),
            Ty::Builtin(Builtin::Long) => wire_fn("read_long"),
            Ty::Builtin(Builtin::Double) => wire_fn("read_double"),
            Ty::Builtin(Builtin::Int128) => wire_fn("read_int128"),
            Ty::Builtin(Builtin::Int256) => wire_fn("read_int256"),
            Ty::Builtin(Builtin::String) => wire_fn("read_string"),
            Ty::Builtin(Builtin::Bytes) => wire_fn("read_bytes"),
            Ty::Flags => wire_fn("read_u32"),
            Ty::Boxed(name) if self.ctx.boxed_type(name) == Some(BoxedType::Bool) => {
                wire_fn("read_bool")
            }
            _ if self.is_bare_struct_or_vector(item) => {
                let rust = self.rust_type(item);
                quote!(<#rust as #rt::DeserializeBare>::deserialize_bare)
            }
            _ if self.ctx.is_canonical(item) => {
                let rust = self.rust_type(item);
                quote!(<#rust as #rt::Deserialize>::deserialize)
            }
            _ => {
                let reader = &self.reader;
                let read = self.read(item);
                quote!(|#reader| #read)
            }
        }
    }

    /// The fewest bytes a value of `ty` can occupy (bounds vector counts on read).
    pub(crate) fn min_len(&self, ty: &Ty) -> usize {
        min_len(self.ctx, ty, &mut BTreeSet::new())
    }
}

/// The fewest bytes a value of `ty` can occupy. `visiting` guards against bare types
/// that contain themselves (counted as 0, which only makes the bound looser).
fn min_len(ctx: &Context<'_>, ty: &Ty, visiting: &mut BTreeSet<usize>) -> usize {
    match ty {
        Ty::Builtin(Builtin::Long | Builtin::Double) => 8,
        Ty::Builtin(Builtin::Int128) => 16,
        Ty::Builtin(Builtin::Int256) => 32,
        Ty::Builtin(_) | Ty::Flags | Ty::Boxed(_) | Ty::Param { .. } | Ty::Object => 4,
        Ty::True => 0,
        Ty::Vector { boxed, .. } => {
            if *boxed {
                8
            } else {
                4
            }
        }
        Ty::Bare(name) => {
            let Some(index) = ctx.constructor_index(name) else {
                return 0;
            };
            if !visiting.insert(index) {
                return 0;
            }
            let total = ctx.schema.constructors.get(index).map_or(0, |c| {
                c.fields
                    .iter()
                    .filter(|f| f.condition.is_none())
                    .map(|f| min_len(ctx, &f.ty, visiting))
                    .sum()
            });
            visiting.remove(&index);
            total
        }
    }
}
