//! What every generator module needs to know about the schema: where each item
//! lives, how a TL type is spelled in Rust from a given module, which fields are
//! boxed, and how each combinator is laid out.

use crate::layout::Layout;
use crate::naming::{self, RustName};
use proc_macro2::{Ident, TokenStream};
use quote::{ToTokens as _, quote};
use std::collections::{BTreeMap, BTreeSet};
use tl_parser::{Builtin, Combinator, Name, Schema, Ty, TypeDef};

/// The three top-level modules of the generated code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Section {
    /// `types`: one struct per constructor.
    Types,
    /// `enums`: one enum per boxed type.
    Enums,
    /// `functions`: one struct per function.
    Functions,
}

impl Section {
    /// The module name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Section::Types => "types",
            Section::Enums => "enums",
            Section::Functions => "functions",
        }
    }
}

/// A module of the generated code: a section and a namespace inside it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Scope {
    /// The top-level module.
    pub section: Section,
    /// Nested namespace modules.
    pub namespace: Vec<RustName>,
}

impl Scope {
    /// The scope of `section` for the namespace of `name`.
    pub(crate) fn of(section: Section, name: &Name) -> Scope {
        Scope {
            section,
            namespace: name
                .namespace
                .iter()
                .map(|s| naming::module_name(s))
                .collect(),
        }
    }

    /// A path from this module to `item` in module `target`: the bare name inside
    /// the same module, else relative through `super` (so the generated code works
    /// wherever it is included).
    pub(crate) fn path_to(&self, target: &Scope, item: &Ident) -> TokenStream {
        if self == target {
            return quote!(#item);
        }
        let supers = (0..=self.namespace.len()).map(|_| quote!(super::));
        let section = naming::fixed(target.section.name());
        let namespace = target.namespace.iter().map(RustName::ident);
        quote!(#(#supers)* #section :: #(#namespace ::)* #item)
    }

    /// The module path for messages, e.g. `types::phone`.
    pub(crate) fn describe(&self) -> String {
        let mut out = self.section.name().to_owned();
        for ns in &self.namespace {
            out.push_str("::");
            out.push_str(&ns.display());
        }
        out
    }
}

/// What a boxed TL type name stands for in Rust.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BoxedType {
    /// The schema's `Bool` (`boolFalse#bc799737`, `boolTrue#997275b5`), mapped to `bool`.
    Bool,
    /// A generated enum: index into [`Schema::types`].
    Enum(usize),
}

/// Shared, read-only knowledge about the schema being generated.
pub(crate) struct Context<'a> {
    /// The schema.
    pub schema: &'a Schema,
    /// The path of the runtime crate, e.g. `::tl_runtime`.
    pub rt: TokenStream,
    /// Derives added to every struct and enum after `Debug, Clone, PartialEq`.
    pub derives: Vec<TokenStream>,
    constructors_by_name: BTreeMap<&'a Name, usize>,
    types_by_name: BTreeMap<&'a Name, usize>,
    bool_type: Option<usize>,
    /// `(constructor, field)` pairs whose value is boxed (see `recursion.rs`).
    pub boxed: BTreeSet<(usize, usize)>,
    /// Constructors whose enum variant holds a `Box` (see `variant_boxing.rs`).
    pub boxed_variants: BTreeSet<usize>,
    /// Layout of each constructor, by index.
    pub constructor_layouts: Vec<Layout>,
    /// Layout of each function, by index.
    pub function_layouts: Vec<Layout>,
}

/// `boolFalse#bc799737 = Bool;` and `boolTrue#997275b5 = Bool;`, the only `Bool`
/// tlgen maps to Rust's `bool`.
pub(crate) fn is_standard_bool(schema: &Schema, t: &TypeDef) -> bool {
    if !t.name.namespace.is_empty() || t.name.name != "Bool" || t.constructors.len() != 2 {
        return false;
    }
    let mut ids: Vec<(u32, &str)> = t
        .constructors
        .iter()
        .filter_map(|&i| schema.constructors.get(i))
        .filter(|c| c.fields.is_empty() && c.type_params.is_empty())
        .map(|c| (c.id, c.name.name.as_str()))
        .collect();
    ids.sort_unstable();
    ids == [(0x9972_75b5, "boolTrue"), (0xbc79_9737, "boolFalse")]
}

impl<'a> Context<'a> {
    /// Indexes `schema`. Boxing is filled in afterwards by `recursion::boxed_fields`.
    pub(crate) fn new(schema: &'a Schema, rt: TokenStream, derives: Vec<TokenStream>) -> Self {
        let constructors_by_name = schema
            .constructors
            .iter()
            .enumerate()
            .map(|(i, c)| (&c.name, i))
            .collect();
        let types_by_name = schema
            .types
            .iter()
            .enumerate()
            .map(|(i, t)| (&t.name, i))
            .collect();
        let bool_type = schema
            .types
            .iter()
            .position(|t| is_standard_bool(schema, t));
        Context {
            schema,
            rt,
            derives,
            constructors_by_name,
            types_by_name,
            bool_type,
            boxed: BTreeSet::new(),
            boxed_variants: crate::variant_boxing::boxed_variants(schema),
            constructor_layouts: schema.constructors.iter().map(Layout::of).collect(),
            function_layouts: schema.functions.iter().map(Layout::of).collect(),
        }
    }

    /// What the boxed type `name` is in Rust, if the schema defines it.
    pub(crate) fn boxed_type(&self, name: &Name) -> Option<BoxedType> {
        let index = *self.types_by_name.get(name)?;
        Some(if Some(index) == self.bool_type {
            BoxedType::Bool
        } else {
            BoxedType::Enum(index)
        })
    }

    /// The index of the constructor named `name`.
    pub(crate) fn constructor_index(&self, name: &Name) -> Option<usize> {
        self.constructors_by_name.get(name).copied()
    }

    /// Whether constructor `index` belongs to the `Bool` mapped to `bool` (and so has
    /// no struct of its own).
    pub(crate) fn is_bool_constructor(&self, index: usize) -> bool {
        self.bool_type
            .and_then(|t| self.schema.types.get(t))
            .is_some_and(|t| t.constructors.contains(&index))
    }

    /// Whether type `index` is the `Bool` mapped to `bool` (and so has no enum).
    pub(crate) fn is_bool_type(&self, index: usize) -> bool {
        self.bool_type == Some(index)
    }

    /// Module and name of the struct of constructor `c`.
    pub(crate) fn constructor_item(c: &Combinator) -> (Scope, RustName) {
        (
            Scope::of(Section::Types, &c.name),
            naming::type_name(&c.name.name),
        )
    }

    /// Module and name of the struct of function `f`.
    pub(crate) fn function_item(f: &Combinator) -> (Scope, RustName) {
        (
            Scope::of(Section::Functions, &f.name),
            naming::type_name(&f.name.name),
        )
    }

    /// Module and name of the enum of type `t`.
    pub(crate) fn enum_item(t: &TypeDef) -> (Scope, RustName) {
        (
            Scope::of(Section::Enums, &t.name),
            naming::type_name(&t.name.name),
        )
    }

    /// The path of the struct of constructor `index`, seen from `at`.
    pub(crate) fn constructor_path(&self, index: usize, at: &Scope) -> TokenStream {
        match self.schema.constructors.get(index) {
            Some(c) => {
                let (scope, name) = Self::constructor_item(c);
                at.path_to(&scope, &name.ident())
            }
            None => quote!(()),
        }
    }

    /// The path of the enum of type `index`, seen from `at`.
    pub(crate) fn enum_path(&self, index: usize, at: &Scope) -> TokenStream {
        match self.schema.types.get(index) {
            Some(t) => {
                let (scope, name) = Self::enum_item(t);
                at.path_to(&scope, &name.ident())
            }
            None => quote!(()),
        }
    }

    /// The Rust spelling of TL type `ty`, seen from module `at`. Types the schema
    /// does not define were reported by validation before generation started; they
    /// are spelled `()` here so that this function never fails.
    pub(crate) fn rust_type(&self, ty: &Ty, at: &Scope) -> TokenStream {
        match ty {
            Ty::Builtin(b) => builtin_type(*b),
            Ty::Flags => quote!(u32),
            Ty::True => quote!(bool),
            Ty::Boxed(name) => match self.boxed_type(name) {
                Some(BoxedType::Bool) => quote!(bool),
                Some(BoxedType::Enum(index)) => self.enum_path(index, at),
                None => quote!(()),
            },
            Ty::Bare(name) => match self.constructor_index(name) {
                Some(index) => self.constructor_path(index, at),
                None => quote!(()),
            },
            Ty::Vector { item, .. } => {
                let item = self.rust_type(item, at);
                quote!(::std::vec::Vec<#item>)
            }
            Ty::Param { name, .. } => naming::type_name(name).ident().into_token_stream(),
            Ty::Object => {
                let rt = &self.rt;
                quote!(#rt::RawObject)
            }
        }
    }

    /// Whether the Rust type of `ty` implements the runtime's `Serialize` and
    /// `Deserialize` exactly as TL writes `ty` where it is used (its boxed form for
    /// schema types). Such values are written and read through the traits; others
    /// (`bytes`, bare types, `#`) through `wire` functions.
    pub(crate) fn is_canonical(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Builtin(b) => *b != Builtin::Bytes,
            Ty::Boxed(_) | Ty::Param { .. } | Ty::Object => true,
            Ty::Vector { boxed, item } => *boxed && self.is_canonical(item),
            Ty::Flags | Ty::True | Ty::Bare(_) => false,
        }
    }
}

/// The Rust type of a TL builtin, by absolute path where it is not a primitive.
pub(crate) fn builtin_type(b: Builtin) -> TokenStream {
    match b {
        Builtin::Int => quote!(i32),
        Builtin::Long => quote!(i64),
        Builtin::Double => quote!(f64),
        Builtin::String => quote!(::std::string::String),
        Builtin::Bytes => quote!(::std::vec::Vec<u8>),
        Builtin::Int128 => quote!([u8; 16]),
        Builtin::Int256 => quote!([u8; 32]),
    }
}
