//! Code that writes and reads one value of a TL type.
//!
//! Values whose Rust type implements the runtime traits exactly as TL encodes the
//! type where it is used ("canonical" types, see [`Model::is_canonical`]) go
//! through the traits (`Serialize::serialize`, `Deserialize::deserialize`); builtins
//! through the `wire` functions, which read better; the rest (`bytes`, bare types,
//! `#` numbers, and vectors of those) through `wire` functions with an item
//! callback.

use crate::model::layout::Wire;
use crate::model::naming;
use crate::model::{Model, Scope, ValueType};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use std::collections::BTreeSet;
use tl_parser::Builtin;

/// `result?`, written as the `match` it stands for, without `?`'s
/// conversion: decoders read every value this way because `?` calls
/// `Try::branch` and `FromResidual::from_residual`, instantiated for every
/// decoded type, which made the generated crate measurably slower to compile
/// (BENCHMARKS.md, issue 22). A `macro_rules!` would read shorter, but
/// prettyplease cannot format what is inside one.
pub(crate) fn tri(result: &TokenStream) -> TokenStream {
    quote! {
        match #result {
            ::std::result::Result::Ok(value) => value,
            ::std::result::Result::Err(error) => return ::std::result::Result::Err(error),
        }
    }
}

/// Where a value is: how to borrow it and how to copy it (for `Copy` builtins).
pub(crate) struct Place {
    by_ref: TokenStream,
    by_val: TokenStream,
}

impl Place {
    /// The expression copying the value (for `Copy` builtins).
    pub(crate) fn by_val(&self) -> &TokenStream {
        &self.by_val
    }

    /// `self.name`; `boxed`: it holds a `Box` of the value.
    pub(crate) fn field(name: &Ident, boxed: bool) -> Place {
        if boxed {
            Place {
                by_ref: quote!(&*self.#name),
                by_val: quote!(*self.#name),
            }
        } else {
            Place {
                by_ref: quote!(&self.#name),
                by_val: quote!(self.#name),
            }
        }
    }

    /// A binding that is a reference to the value (`value` of `if let Some(value) =
    /// &x`); `boxed`: a reference to a `Box` of it.
    pub(crate) fn binding(name: &Ident, boxed: bool) -> Place {
        if boxed {
            Place {
                by_ref: quote!(&**#name),
                by_val: quote!(**#name),
            }
        } else {
            Place {
                by_ref: quote!(#name),
                by_val: quote!(*#name),
            }
        }
    }

    /// `binding.name`, where `binding` is a reference to a struct; `boxed`: the
    /// member holds a `Box` of the value.
    pub(crate) fn member(binding: &Ident, name: &Ident, boxed: bool) -> Place {
        if boxed {
            Place {
                by_ref: quote!(&*#binding.#name),
                by_val: quote!(*#binding.#name),
            }
        } else {
            Place {
                by_ref: quote!(&#binding.#name),
                by_val: quote!(#binding.#name),
            }
        }
    }
}

/// Generates value-level code for items of one module.
pub(crate) struct Codec<'a> {
    /// The model.
    pub model: &'a Model<'a>,
    /// The module the code is placed in (paths are relative to it).
    pub at: &'a Scope,
    /// The name of the output buffer (`out`).
    pub out: Ident,
    /// The name of the reader (`reader`).
    pub reader: Ident,
}

impl Codec<'_> {
    /// The Rust type of `ty` here.
    fn rust_type(&self, ty: &ValueType) -> TokenStream {
        self.model.rust_type(ty, self.at)
    }

    /// An expression (of type `()`) appending the value at `place` to the output.
    pub(crate) fn write(&self, ty: &ValueType, place: &Place) -> TokenStream {
        let ty = &ty.wire();
        let rt = &self.model.runtime;
        let out = &self.out;
        let Place { by_ref, by_val } = place;
        let primitive = |f: &str, arg: &TokenStream| {
            let f = naming::fixed(f);
            quote!(#rt::wire::#f(#arg, #out))
        };
        if let Some((_, name)) = self.fixed(ty) {
            return self.write_fixed(name, by_val);
        }
        match ty {
            ValueType::Builtin(Builtin::String) => primitive("write_string", by_ref),
            ValueType::Builtin(Builtin::Bytes) => primitive("write_bytes", by_ref),
            ValueType::True => quote!(()),
            ValueType::Vector { boxed, item } if !Model::is_canonical(ty) => {
                if !boxed && Model::is_canonical(item) {
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
            ValueType::Bare(_) => quote!(#rt::SerializeBare::serialize_bare(#by_ref, #out)),
            ValueType::Enum(_)
            | ValueType::Vector { .. }
            | ValueType::Param(_)
            | ValueType::Object
            | ValueType::IntArray(_)
            // The model gives the wire builtins only: the others are spellings.
            // (Fixed-size builtins, `#` and `Bool` were written above.)
            | ValueType::Builtin(_)
            | ValueType::Flags
            | ValueType::Bool => {
                quote!(#rt::Serialize::serialize(#by_ref, #out))
            }
        }
    }

    /// For a value of fixed size on the wire, its size and the name that its
    /// `wire::write_*` function and its `wire::Fixed` method share (`int`:
    /// `write_int`, `.int`); `None` for any other.
    pub(crate) fn fixed(&self, ty: &ValueType) -> Option<(usize, &'static str)> {
        let name = match ty.wire() {
            ValueType::Builtin(Builtin::Int) => "int",
            ValueType::Builtin(Builtin::Long) => "long",
            ValueType::Builtin(Builtin::Double) => "double",
            ValueType::Builtin(Builtin::Int128) => "int128",
            ValueType::Builtin(Builtin::Int256) => "int256",
            ValueType::Flags => "u32",
            ValueType::Bool => "bool",
            _ => return None,
        };
        Some((self.min_len(ty), name))
    }

    /// `wire::write_{name}(value, out)`, for a `name` from [`fixed`](Self::fixed).
    pub(crate) fn write_fixed(&self, name: &str, value: &TokenStream) -> TokenStream {
        let rt = &self.model.runtime;
        let out = &self.out;
        let f = naming::fixed(&format!("write_{name}"));
        quote!(#rt::wire::#f(#value, #out))
    }

    /// A callable `(&T, &mut Vec<u8>)` writing one vector item of type `item`.
    fn item_writer(&self, item: &ValueType) -> TokenStream {
        let rt = &self.model.runtime;
        let rust = self.rust_type(item);
        if Model::is_canonical(item) {
            return quote!(<#rust as #rt::Serialize>::serialize);
        }
        if self.is_bare_struct_or_vector(item) {
            return quote!(<#rust as #rt::SerializeBare>::serialize_bare);
        }
        let binding = naming::fixed("item");
        let out = &self.out;
        let write = self.write(item, &Place::binding(&binding, false));
        quote!(|#binding, #out| #write)
    }

    /// Whether `ty` is written through `SerializeBare` as a whole: a bare struct, or
    /// a bare vector of canonical items.
    fn is_bare_struct_or_vector(&self, ty: &ValueType) -> bool {
        match ty {
            ValueType::Bare(_) => true,
            ValueType::Vector { boxed: false, item } => Model::is_canonical(item),
            _ => false,
        }
    }

    /// An expression of type `Result<T, DecodeError>` reading one value of type `ty`.
    pub(crate) fn read(&self, ty: &ValueType) -> TokenStream {
        let ty = &ty.wire();
        let rt = &self.model.runtime;
        let reader = &self.reader;
        let method = |m: &str| {
            let m = naming::fixed(m);
            quote!(#reader.#m())
        };
        match ty {
            ValueType::Builtin(Builtin::Int) => method("read_i32"),
            ValueType::Builtin(Builtin::Long) => method("read_i64"),
            ValueType::Builtin(Builtin::Double) => method("read_f64"),
            ValueType::Builtin(Builtin::Int128) => method("read_int128"),
            ValueType::Builtin(Builtin::Int256) => method("read_int256"),
            ValueType::Builtin(Builtin::String) => method("read_string"),
            ValueType::Builtin(Builtin::Bytes) => method("read_bytes"),
            ValueType::Flags => method("read_u32"),
            ValueType::True => quote!(::std::result::Result::<(), #rt::DecodeError>::Ok(())),
            ValueType::Bool => method("read_bool"),
            _ if self.is_bare_struct_or_vector(ty) => {
                let rust = self.rust_type(ty);
                quote!(<#rust as #rt::DeserializeBare>::deserialize_bare(#reader))
            }
            ValueType::Vector { boxed, item } if !Model::is_canonical(ty) => {
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
    fn item_reader(&self, item: &ValueType) -> TokenStream {
        let item = &item.wire();
        let rt = &self.model.runtime;
        let wire_fn = |f: &str| {
            let f = naming::fixed(f);
            quote!(#rt::wire::#f)
        };
        match item {
            ValueType::Builtin(Builtin::Int) => wire_fn("read_int"),
            ValueType::Builtin(Builtin::Long) => wire_fn("read_long"),
            ValueType::Builtin(Builtin::Double) => wire_fn("read_double"),
            ValueType::Builtin(Builtin::Int128) => wire_fn("read_int128"),
            ValueType::Builtin(Builtin::Int256) => wire_fn("read_int256"),
            ValueType::Builtin(Builtin::String) => wire_fn("read_string"),
            ValueType::Builtin(Builtin::Bytes) => wire_fn("read_bytes"),
            ValueType::Flags => wire_fn("read_u32"),
            ValueType::Bool => wire_fn("read_bool"),
            _ if self.is_bare_struct_or_vector(item) => {
                let rust = self.rust_type(item);
                quote!(<#rust as #rt::DeserializeBare>::deserialize_bare)
            }
            _ if Model::is_canonical(item) => {
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
    pub(crate) fn min_len(&self, ty: &ValueType) -> usize {
        min_len(self.model, ty, &mut BTreeSet::new())
    }
}

/// The fewest bytes a value of `ty` can occupy. `visiting` guards against bare types
/// that contain themselves (counted as 0, which only makes the bound looser).
fn min_len(model: &Model<'_>, ty: &ValueType, visiting: &mut BTreeSet<usize>) -> usize {
    match &ty.wire() {
        ValueType::Builtin(Builtin::Long | Builtin::Double) => 8,
        ValueType::Builtin(Builtin::Int128) => 16,
        ValueType::Builtin(Builtin::Int256) => 32,
        ValueType::IntArray(words) => 4 * *words as usize,
        ValueType::Builtin(_)
        | ValueType::Flags
        | ValueType::Bool
        | ValueType::Enum(_)
        | ValueType::Param(_)
        | ValueType::Object => 4,
        ValueType::True => 0,
        ValueType::Vector { boxed, .. } => {
            if *boxed {
                8
            } else {
                4
            }
        }
        ValueType::Bare(id) => {
            if !visiting.insert(*id) {
                return 0;
            }
            let total = model.structs.get(*id).map_or(0, |s| {
                s.c.fields
                    .iter()
                    .zip(&s.fields)
                    .zip(&s.layout.wire)
                    .filter(|((tl, _), _)| tl.condition.is_none())
                    .map(|((_, f), wire)| match wire {
                        // `null#56730bcc` at least.
                        Wire::Nullable { .. } => 4,
                        _ => min_len(model, &f.ty, visiting),
                    })
                    .sum()
            });
            visiting.remove(id);
            total
        }
    }
}
