//! serde support (`Options::serde`): `tl_runtime::json::Object` for every
//! struct and enum, and serde's traits over it (`tl_runtime::serde_impls!`).
//!
//! Every rule of the JSON forms lives in `tl_runtime::json`; what differs per
//! definition, and so is generated, is which key holds which member and with
//! which codec. Keys are the TL field names, so that the JSON reads like the
//! schema: `#` words and the length of a sized `Object` are left out (they
//! follow from the other fields), and the fields of a shared-bit group are
//! written one by one.

use crate::json::Codec;
use crate::model::layout::MemberKind;
use crate::model::{Enum, Model, Scope, Struct, ValueType};
use crate::options::JsonForm;
use proc_macro2::TokenStream;
use quote::quote;

/// The runtime codec (`tl_runtime::json::Long`, `Vector<Obj<T>>`, ...) of a value
/// of type `ty` in module `at`: the codec `crate::json` gives the type, spelled
/// with the Rust type of objects.
fn codec(model: &Model<'_>, ty: &ValueType, boxed: bool, at: &Scope) -> TokenStream {
    let rt = &model.runtime;
    let inner = codec_tokens(model, &crate::json::codec(model, ty), ty, at);
    if boxed {
        quote!(#rt::json::Boxed<#inner>)
    } else {
        inner
    }
}

/// `codec` of `ty` as a runtime type.
fn codec_tokens(model: &Model<'_>, codec: &Codec, ty: &ValueType, at: &Scope) -> TokenStream {
    let rt = &model.runtime;
    match (codec, ty) {
        (Codec::Int, _) => quote!(#rt::json::Int),
        (Codec::Nat, _) => quote!(#rt::json::Nat),
        (Codec::Int53, _) => quote!(#rt::json::Int53),
        (Codec::Long, _) => quote!(#rt::json::Long),
        (Codec::Double, _) => quote!(#rt::json::Double),
        (Codec::Bool, _) => quote!(#rt::json::Bool),
        (Codec::Str, _) => quote!(#rt::json::Str),
        (Codec::Bytes, _) => quote!(#rt::json::Bytes),
        (Codec::Fixed(len), _) => {
            let len = proc_macro2::Literal::usize_unsuffixed(*len);
            quote!(#rt::json::Fixed<#len>)
        }
        (Codec::Raw, _) => quote!(#rt::json::Raw),
        (Codec::Vector { item, .. }, ValueType::Vector { item: item_ty, .. }) => {
            let item = codec_tokens(model, item, item_ty, at);
            quote!(#rt::json::Vector<#item>)
        }
        _ => {
            let rust = model.rust_type(ty, at);
            quote!(#rt::json::Obj<#rust>)
        }
    }
}

/// `const FORM` of the model's form.
fn form(model: &Model<'_>) -> TokenStream {
    let rt = &model.runtime;
    match model.json {
        Some(JsonForm::Tdlib) => quote!(#rt::json::Form::Tdlib),
        _ => quote!(#rt::json::Form::Tl),
    }
}

/// The signatures both impls share.
fn object_impl(
    model: &Model<'_>,
    header: TokenStream,
    write: TokenStream,
    read: TokenStream,
) -> TokenStream {
    let rt = &model.runtime;
    let form = form(model);
    quote! {
        #header {
            const FORM: #rt::json::Form = #form;
            fn write_entries<M: #rt::json::serde::ser::SerializeMap>(
                &self,
                w: &mut #rt::json::Writer<M>,
            ) -> ::std::result::Result<(), M::Error> {
                #write
            }
            fn read_entries(
                entries: #rt::json::JsonObject,
                path: &#rt::json::Path<'_>,
            ) -> ::std::result::Result<Self, #rt::json::Error> {
                #read
            }
        }
    }
}

/// serde's traits over `Object`, for a type with type parameters `bounds`
/// (`X: Bounds`) named `params`.
fn serde_impls(
    model: &Model<'_>,
    name: &TokenStream,
    bounds: &[TokenStream],
    params: &[proc_macro2::Ident],
) -> TokenStream {
    let rt = &model.runtime;
    if bounds.is_empty() {
        return quote!(#rt::serde_impls!(#name););
    }
    // Generic functions (a handful per schema) cannot use the macro.
    quote! {
        impl<#(#bounds),*> #rt::json::serde::Serialize for #name<#(#params),*> {
            fn serialize<S: #rt::json::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                #rt::json::serialize(self, s)
            }
        }
        impl<'de, #(#bounds),*> #rt::json::serde::Deserialize<'de> for #name<#(#params),*> {
            fn deserialize<D: #rt::json::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                #rt::json::deserialize(d)
            }
        }
    }
}

/// `Object` and serde's traits for struct `s`.
pub(crate) fn struct_items(model: &Model<'_>, s: &Struct<'_>) -> TokenStream {
    let rt = &model.runtime;
    // Type parameters are bounded as in the struct's declaration, and by `Object`.
    let params: Vec<_> = s.params.iter().map(|p| p.name.ident()).collect();
    let bounds: Vec<_> = s
        .params
        .iter()
        .map(|p| {
            let name = p.name.ident();
            if p.is_function {
                quote!(#name: #rt::RemoteCall + #rt::json::Object)
            } else {
                quote!(#name: #rt::Serialize + #rt::json::Object)
            }
        })
        .collect();
    let (declare, apply) = if params.is_empty() {
        (TokenStream::new(), TokenStream::new())
    } else {
        (quote!(<#(#bounds),*>), quote!(<#(#params),*>))
    };
    let name = s.name.ident();
    let tl_name = s.c.name.full();
    let key = |field: usize| s.c.fields.get(field).map_or("", |f| f.name.as_str());
    // A flag bit as the runtime's `Reader::bit` takes it: the `#` field's key
    // and the bit number.
    let bit_of = |bit: &crate::model::layout::Bit| {
        let word = key(bit.flags_field);
        let number = proc_macro2::Literal::u8_unsuffixed(bit.bit);
        (word, number)
    };
    let codec_of = |field: usize, at: &Scope| {
        s.fields.get(field).map_or_else(
            || quote!(#rt::json::Nat),
            |f| codec(model, &f.ty, f.boxed, at),
        )
    };
    let mut writes = Vec::new();
    let mut reads = Vec::new();
    for m in &s.layout.members {
        let member = m.name.ident();
        match &m.kind {
            MemberKind::Plain { field } | MemberKind::SizedObject { field, .. } => {
                let (key, codec) = (key(*field), codec_of(*field, &s.scope));
                writes.push(quote!(w.field::<#codec>(#key, &self.#member)?;));
                reads.push(quote!(#member: r.field::<#codec>(#key)?));
            }
            MemberKind::Optional { field, bit } => {
                let (key, codec) = (key(*field), codec_of(*field, &s.scope));
                let (word, bit) = bit_of(bit);
                writes.push(quote!(w.optional::<#codec>(#key, self.#member.as_ref())?;));
                reads.push(quote!(#member: r.conditional::<#codec>(#key, #word, #bit)?));
            }
            MemberKind::Nullable { field } => {
                let (key, codec) = (key(*field), codec_of(*field, &s.scope));
                writes.push(quote!(w.optional::<#codec>(#key, self.#member.as_ref())?;));
                reads.push(quote!(#member: r.optional::<#codec>(#key)?));
            }
            MemberKind::Flag { fields, bit } => {
                let keys: Vec<&str> = fields.iter().map(|f| key(*f)).collect();
                let (word, bit) = bit_of(bit);
                writes.extend(keys.iter().map(|k| quote!(w.flag(#k, self.#member)?;)));
                reads.push(quote!(#member: r.bit(#word, #bit, &[#(#keys),*], &[])?));
            }
            MemberKind::Group {
                values,
                implied,
                struct_name,
                bit,
            } => {
                let module = s.layout.group_module.ident();
                let group = struct_name.ident();
                let value_keys: Vec<&str> = values.iter().map(|f| key(*f)).collect();
                let implied_keys: Vec<&str> = implied.iter().map(|f| key(*f)).collect();
                let inner: Vec<_> = values
                    .iter()
                    .filter_map(|&f| Some((s.fields.get(f)?, key(f), codec_of(f, &s.scope))))
                    .collect();
                let group_writes = inner.iter().map(|(f, key, codec)| {
                    let name = f.name.ident();
                    quote!(w.field::<#codec>(#key, &group.#name)?;)
                });
                writes.push(quote! {
                    if let ::std::option::Option::Some(group) = &self.#member {
                        #(#group_writes)*
                        #(w.flag(#implied_keys, true)?;)*
                    }
                });
                let group_reads = inner.iter().map(|(f, key, codec)| {
                    let name = f.name.ident();
                    quote!(#name: r.field::<#codec>(#key)?)
                });
                // The group's `true` fields set the bit as its values do.
                let (word, bit) = bit_of(bit);
                reads.push(quote! {
                    #member: if r.bit(#word, #bit, &[#(#implied_keys),*], &[#(#value_keys),*])? {
                        ::std::option::Option::Some(#module::#group { #(#group_reads,)* })
                    } else {
                        ::std::option::Option::None
                    }
                });
            }
        }
    }
    let value = if s.is_unit() {
        quote!(Self)
    } else {
        quote!(Self { #(#reads,)* })
    };
    let reader = if reads.is_empty() {
        quote!(r)
    } else {
        quote!(mut r)
    };
    let write = quote! {
        w.tag(#tl_name)?;
        #(#writes)*
        ::std::result::Result::Ok(())
    };
    let id = super::hex_literal(s.c.id);
    let read = quote! {
        let #reader = #rt::json::Reader::new(entries, <Self as #rt::json::Object>::FORM, #tl_name, #id, path)?;
        let value = #value;
        r.finish()?;
        ::std::result::Result::Ok(value)
    };
    let header = quote!(impl #declare #rt::json::Object for #name #apply);
    let object = object_impl(model, header, write, read);
    let serde = serde_impls(model, &quote!(#name), &bounds, &params);
    quote! {
        #object
        #serde
    }
}

/// `Object` and serde's traits for enum `e`: the variant's struct under the
/// constructor's tag.
pub(crate) fn enum_items(model: &Model<'_>, e: &Enum<'_>) -> TokenStream {
    let rt = &model.runtime;
    let name = e.name.ident();
    let type_name = e.t.name.full();
    let mut writes = Vec::new();
    let mut reads = Vec::new();
    for v in &e.variants {
        let Some(s) = model.structs.get(v.struct_id) else {
            continue;
        };
        let variant = v.name.ident();
        let path = model.struct_path(v.struct_id, &e.scope);
        let tl_name = s.c.name.full();
        // TDLib's form also names a constructor by its id (as TDLib takes it).
        let tag = match model.json {
            Some(JsonForm::Tdlib) => {
                let id = (s.c.id as i32).to_string();
                quote!(#tl_name | #id)
            }
            _ => quote!(#tl_name),
        };
        let object = quote!(<#path as #rt::json::Object>);
        if v.unit {
            writes.push(quote!(Self::#variant => #object::write_entries(&#path, w)));
            reads.push(quote! {
                #tag => {
                    #object::read_entries(entries, path)?;
                    Self::#variant
                }
            });
        } else {
            writes.push(quote!(Self::#variant(value) => #object::write_entries(value, w)));
            let read = quote!(#object::read_entries(entries, path)?);
            let read = if v.boxed {
                quote!(::std::boxed::Box::new(#read))
            } else {
                read
            };
            reads.push(quote!(#tag => Self::#variant(#read)));
        }
    }
    let write = quote! {
        match self {
            #(#writes,)*
        }
    };
    let read = quote! {
        let tag = #rt::json::read_tag(&entries, <Self as #rt::json::Object>::FORM, #type_name, path)?;
        ::std::result::Result::Ok(match tag.as_str() {
            #(#reads,)*
            _ => return ::std::result::Result::Err(#rt::json::unknown_constructor(&tag, #type_name, path)),
        })
    };
    let header = quote!(impl #rt::json::Object for #name);
    let object = object_impl(model, header, write, read);
    let serde = serde_impls(model, &quote!(#name), &[], &[]);
    quote! {
        #object
        #serde
    }
}
