//! The resolved Rust model: a checked [`Schema`] and the [`Options`] in, one
//! description of every Rust item to generate out, decided before anything is
//! emitted.
//!
//! For every constructor, function and boxed type the model holds its module and
//! Rust name, its fields with their resolved types (which TL names are enums,
//! structs, `bool`), what is boxed, its flag groups, generic parameters, derives
//! and documentation. Later steps only read it: emission is a function of the
//! model, the Rust-name collision check runs on it (so `tlgen check` and
//! generation cannot disagree), and [`ItemPath`]s are a view of it.
//!
//! Building it takes these steps, each in its own place:
//! 1. which definitions to generate (`analysis::kept`, for [`Options::keep`]);
//! 2. names and paths ([`naming`]) and the field layout of each combinator
//!    ([`layout`]), with every TL type resolved to a [`ValueType`];
//! 3. the analyses over the whole graph (`analysis`): which enum variants and
//!    which fields are boxed, which items can derive `Eq`/`Hash`, the
//!    shallowest constructor of each type for `arbitrary`;
//! 4. documentation ([`docs`]);
//! 5. the checks (`check`): everything the schema asks for that Rust cannot
//!    express, as diagnostics.

mod analysis;
mod check;
pub(crate) mod docs;
pub(crate) mod layout;
pub(crate) mod naming;

use crate::options::{Extra, OptionError, Options, Parsed, VariantNames};
use layout::{Layout, MemberKind};
use naming::RustName;
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};
use tl_parser::{Builtin, Combinator, Diagnostic, Kind, Name, Schema, Ty, TypeDef};

/// Index into [`Model::structs`].
pub(crate) type StructId = usize;
/// Index into [`Model::enums`].
pub(crate) type EnumId = usize;

/// The three top-level modules of the generated code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Section {
    /// `types`: one struct per constructor.
    Types,
    /// `enums`: one enum per boxed type.
    Enums,
    /// `functions`: one struct per function.
    Functions,
    /// `errors`: one enum per function with documented errors.
    Errors,
}

impl Section {
    /// The module name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Section::Types => "types",
            Section::Enums => "enums",
            Section::Functions => "functions",
            Section::Errors => "errors",
        }
    }
}

/// A module of the generated code: a section and the namespace modules inside it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Scope {
    /// The top-level module.
    pub section: Section,
    /// Nested namespace modules, outermost first.
    pub namespace: Vec<RustName>,
}

impl Scope {
    /// The scope of `section` for the namespace of `name`.
    fn of(section: Section, name: &Name) -> Scope {
        Scope {
            section,
            namespace: name
                .namespace
                .iter()
                .map(|s| naming::module_name(s))
                .collect(),
        }
    }

    /// The scope of a module nested in this one.
    pub(crate) fn child(&self, module: &RustName) -> Scope {
        let mut scope = self.clone();
        scope.namespace.push(module.clone());
        scope
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

    /// The module path as text, e.g. `types::phone`.
    pub(crate) fn describe(&self) -> String {
        let mut out = self.section.name().to_owned();
        for ns in &self.namespace {
            out.push_str("::");
            out.push_str(&ns.display());
        }
        out
    }
}

/// A TL type resolved against the model: what a field or result holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ValueType {
    /// `int`, `long`, `double`, `string`, `bytes`, `int128`, `int256`.
    Builtin(Builtin),
    /// `#`: a `u32`.
    Flags,
    /// `true`: no data.
    True,
    /// The schema's `Bool` (`boolFalse#bc799737`, `boolTrue#997275b5`), as `bool`.
    Bool,
    /// A boxed type: its enum.
    Enum(EnumId),
    /// A bare constructor (`%T`, a lowercase name): its struct, written without id.
    Bare(StructId),
    /// `Vector<T>` (boxed) or `vector<T>` (bare).
    Vector {
        /// Whether the vector is written with its id.
        boxed: bool,
        /// The item type.
        item: Box<ValueType>,
    },
    /// A type parameter (`X` or `!X`).
    Param(RustName),
    /// `Object`: the runtime's `RawObject`.
    Object,
    /// A built-in repetition of `int`s (`int512 16*[ int ]`): this many 32-bit
    /// words, as a byte array.
    IntArray(u32),
}

impl ValueType {
    /// The type as the wire sees it: every builtin as the one it is written as
    /// (`int53` as `long`, `secureString` as `string`).
    pub(crate) fn wire(&self) -> ValueType {
        match self {
            ValueType::Builtin(b) => ValueType::Builtin(b.wire()),
            ValueType::Vector { boxed, item } => ValueType::Vector {
                boxed: *boxed,
                item: Box::new(item.wire()),
            },
            other => other.clone(),
        }
    }

    /// Whether the Rust type is `Copy` (numbers, fixed-size arrays, `bool`).
    pub(crate) fn is_copy(&self) -> bool {
        match self {
            ValueType::Builtin(b) => !matches!(b.wire(), Builtin::String | Builtin::Bytes),
            ValueType::Flags | ValueType::True | ValueType::Bool | ValueType::IntArray(_) => true,
            ValueType::Enum(_)
            | ValueType::Bare(_)
            | ValueType::Vector { .. }
            | ValueType::Param(_)
            | ValueType::Object => false,
        }
    }
}

/// One TL field of a combinator, resolved.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    /// The Rust name (of the struct field, the group struct field or the local).
    pub name: RustName,
    /// Its value type.
    pub ty: ValueType,
    /// Whether the value is held in a `Box` to break a cycle of inline types.
    pub boxed: bool,
    /// Documentation of the Rust field it becomes inside a group struct.
    pub docs: Vec<String>,
}

/// A type parameter of a generic function (`{X:Type}`).
#[derive(Debug, Clone)]
pub(crate) struct Param {
    /// The Rust name (`X`).
    pub name: RustName,
    /// Whether it is used as `!X` (any function returning X): bounded by
    /// `RemoteCall`, else by `Serialize`.
    pub is_function: bool,
}

/// What a function returns.
#[derive(Debug, Clone)]
pub(crate) enum Return {
    /// A type (an enum, a builtin, a vector, `Object`).
    Value(ValueType),
    /// Its function parameter's `Return` (`invokeWithLayer` returns what `X` returns).
    Forwarded(RustName),
    /// A value type parameter itself (then it also needs `Deserialize`).
    Param(RustName),
}

/// The struct generated for a constructor or a function.
#[derive(Debug)]
pub(crate) struct Struct<'s> {
    /// The TL definition.
    pub c: &'s Combinator,
    /// Its module.
    pub scope: Scope,
    /// Its name.
    pub name: RustName,
    /// Type parameters (generic functions only).
    pub params: Vec<Param>,
    /// One entry per TL field, in wire order.
    pub fields: Vec<Field>,
    /// The Rust fields and the wire steps (see [`Layout`]).
    pub layout: Layout,
    /// Documentation of each Rust field, by member.
    pub member_docs: Vec<Vec<String>>,
    /// Documentation of the `with_` method of each optional member (empty for
    /// required ones), by member.
    pub setter_docs: Vec<Vec<String>>,
    /// Documentation of each group struct, by member (empty for other members).
    pub group_docs: Vec<Vec<String>>,
    /// Documentation of the struct.
    pub docs: Vec<String>,
    /// Derives of the struct.
    pub derives: Vec<TokenStream>,
    /// Derives of each group struct, by member (empty for other members).
    pub group_derives: Vec<Vec<TokenStream>>,
    /// For a constructor, the enum of its type.
    pub enum_id: Option<EnumId>,
    /// What a decoding error names when another id is found: the constructor's
    /// type, or the function itself.
    pub tl_type: String,
    /// For a function, what it returns.
    pub returns: Option<Return>,
    /// For a function with documented errors, its enum in
    /// [`Model::error_enums`] (its `RemoteCall::Error`; else `RpcError`).
    pub errors: Option<usize>,
    /// Names of the output buffer and the reader in generated code, chosen so
    /// that no field or flags word shadows them.
    pub out: Ident,
    /// See [`out`](Self::out).
    pub reader: Ident,
}

impl Struct<'_> {
    /// Whether this is a function.
    pub(crate) fn is_function(&self) -> bool {
        self.c.kind == Kind::Function
    }

    /// Whether it has no Rust fields: a unit struct (whose enum variant holds
    /// nothing, and which needs no `new`).
    pub(crate) fn is_unit(&self) -> bool {
        self.layout.members.is_empty()
    }

    /// The scope of its group structs.
    pub(crate) fn group_scope(&self) -> Scope {
        self.scope.child(&self.layout.group_module)
    }
}

/// One variant of an enum.
#[derive(Debug)]
pub(crate) struct Variant {
    /// The variant name.
    pub name: RustName,
    /// The constructor's struct.
    pub struct_id: StructId,
    /// Whether the variant holds nothing (`InputPeer::Empty`): its struct is a
    /// unit struct ([`Struct::is_unit`]).
    pub unit: bool,
    /// Whether the variant holds its struct in a `Box` (large structs).
    pub boxed: bool,
    /// Documentation.
    pub docs: Vec<String>,
}

/// What an accessor reads, the same in every variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AccessorKind {
    /// A required value.
    Value,
    /// An `Option` of a value.
    Optional,
    /// A `flags.K?true` bit: a `bool`.
    Flag,
}

/// A method of an enum that reads a field every constructor of its type has,
/// with the same name, type and kind: `Message::id()`.
#[derive(Debug)]
pub(crate) struct Accessor {
    /// The method's name: the field's.
    pub name: RustName,
    /// The field's value type.
    pub ty: ValueType,
    /// Required, optional or a flag.
    pub kind: AccessorKind,
    /// For each variant, in order: the field's member and whether the field is
    /// boxed in that struct.
    pub members: Vec<(usize, bool)>,
    /// Documentation.
    pub docs: Vec<String>,
}

/// The enum generated for a boxed type.
#[derive(Debug)]
pub(crate) struct Enum<'s> {
    /// The TL type.
    pub t: &'s TypeDef,
    /// Its module.
    pub scope: Scope,
    /// Its name.
    pub name: RustName,
    /// One per constructor, in schema order.
    pub variants: Vec<Variant>,
    /// Documentation.
    pub docs: Vec<String>,
    /// Derives.
    pub derives: Vec<TokenStream>,
    /// For `arbitrary`: the variant whose values nest least deep.
    pub shallowest: Option<usize>,
    /// Methods reading the fields that every variant has.
    pub accessors: Vec<Accessor>,
}

/// An enum of documented RPC errors: every error of the documentation
/// (`KnownError`, at the root of the module), or those a function's page lists.
#[derive(Debug)]
pub(crate) struct ErrorEnum {
    /// Its module (`errors` and the function's namespace); `None` for the root.
    pub scope: Option<Scope>,
    /// Its name.
    pub name: RustName,
    /// One per documented error, in the documentation's order.
    pub variants: Vec<ErrorVariant>,
    /// The variant holding any other error (`Other`).
    pub other: RustName,
    /// Documentation.
    pub docs: Vec<String>,
}

/// One documented error of an [`ErrorEnum`].
#[derive(Debug)]
pub(crate) struct ErrorVariant {
    /// The variant name.
    pub name: RustName,
    /// Code, name (pattern) and description as documented.
    pub entry: crate::docs::ErrorEntry,
    /// Whether the name has a `%d`: the variant holds the number.
    pub patterned: bool,
    /// Documentation.
    pub docs: Vec<String>,
}

/// Everything decided about the generated module.
pub(crate) struct Model<'s> {
    /// The schema.
    pub schema: &'s Schema,
    /// The path of the runtime crate.
    pub runtime: TokenStream,
    /// Constructor structs (schema order), then function structs (schema order).
    pub structs: Vec<Struct<'s>>,
    /// Type enums, in schema order.
    pub enums: Vec<Enum<'s>>,
    /// `(id, TL name)` of every generated constructor and function and of the
    /// built-in `vector`, by id.
    pub names_by_id: BTreeMap<u32, String>,
    /// The names the module was pruned to ([`Options::keep`]), if it was.
    pub kept_roots: Vec<String>,
    /// Which definitions of the schema are generated.
    kept: analysis::Kept,
    /// The struct of each schema constructor (`None`: not kept, or a
    /// constructor of `Bool`, which has none).
    struct_of_constructor: Vec<Option<StructId>>,
    /// Whether to generate the `arbitrary` module.
    pub arbitrary: bool,
    /// How the enums' variants were named.
    pub variant_names: VariantNames,
    /// For `arbitrary`'s `visit_all`: the function that stands for `X` in
    /// generic functions.
    pub generic_query: Option<StructId>,
    /// The documentation ([`Options::docs`]).
    pub docs: Option<std::sync::Arc<crate::docs::Docs>>,
    /// With documentation: the enum of every documented error.
    pub known_errors: Option<ErrorEnum>,
    /// The error enums of functions (see [`Struct::errors`]).
    pub error_enums: Vec<ErrorEnum>,
    /// The JSON form of the serde implementations, if asked for
    /// ([`Options::serde`], `Auto` resolved by the schema's id rule): `Tdlib`
    /// or `Tl`.
    pub json: Option<crate::options::JsonForm>,
    /// The parts of the API left out ([`Options::omit`]).
    pub omit: BTreeSet<Extra>,
}

/// The Rust items generated for one TL definition, as path text relative to the
/// root of the generated module (`types::phone::GroupCall`): for tools and tests
/// that generate code calling into the generated module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemPath {
    /// The TL name, e.g. `phone.joinGroupCall`.
    pub tl_name: String,
    /// Constructor or function.
    pub kind: Kind,
    /// The struct generated for the definition; `bool` for the constructors of
    /// `Bool`, which are generated as Rust's `bool` and have no struct.
    pub struct_path: String,
    /// For a constructor: the enum of its boxed type, or `None` when the type is
    /// mapped to a Rust type instead of an enum (`Bool` to `bool`).
    pub enum_path: Option<String>,
    /// Whether the definition has type parameters (`{X:Type}`), so that its
    /// struct is generic.
    pub generic: bool,
}

/// `boolFalse#bc799737 = Bool;` and `boolTrue#997275b5 = Bool;`: the only `Bool`
/// tlgen maps to Rust's `bool`, recognised here and nowhere else.
fn is_standard_bool(schema: &Schema, t: &TypeDef) -> bool {
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

/// How schema indices map to model ids while the model is built.
struct Index<'s> {
    schema: &'s Schema,
    /// Schema type index of the standard `Bool`, if any.
    bool_type: Option<usize>,
    types_by_name: BTreeMap<&'s Name, usize>,
    constructors_by_name: BTreeMap<&'s Name, usize>,
    /// Model enum of each schema type (None: `Bool`, or not kept).
    enum_of_type: Vec<Option<EnumId>>,
    /// Model struct of each schema constructor.
    struct_of_constructor: Vec<Option<StructId>>,
}

impl Index<'_> {
    /// Resolves a TL type. `None` for a name the schema does not define (the
    /// checker rejects those) or a definition that was pruned away (the closure
    /// keeps everything that is referenced).
    fn resolve(&self, ty: &Ty) -> Option<ValueType> {
        Some(match ty {
            // Kept as spelled (`int53`): the Rust type and the wire follow
            // `Builtin::wire`, JSON may differ (TDLib writes `int64` as a string).
            Ty::Builtin(b) => ValueType::Builtin(*b),
            Ty::Flags => ValueType::Flags,
            Ty::True => ValueType::True,
            Ty::Boxed(name) => {
                let index = *self.types_by_name.get(name)?;
                if Some(index) == self.bool_type {
                    ValueType::Bool
                } else {
                    ValueType::Enum((*self.enum_of_type.get(index)?)?)
                }
            }
            Ty::Bare(name) => {
                let index = *self.constructors_by_name.get(name)?;
                ValueType::Bare((*self.struct_of_constructor.get(index)?)?)
            }
            Ty::Vector { boxed, item } => ValueType::Vector {
                boxed: *boxed,
                item: Box::new(self.resolve(item)?),
            },
            Ty::Param { name, .. } => ValueType::Param(naming::type_name(name)),
            Ty::Object => ValueType::Object,
            Ty::IntArray { words, .. } => ValueType::IntArray(*words),
        })
    }

    /// Whether constructor `index` belongs to the standard `Bool`.
    fn is_bool_constructor(&self, index: usize) -> bool {
        self.bool_type
            .and_then(|t| self.schema.types.get(t))
            .is_some_and(|t| t.constructors.contains(&index))
    }
}

impl<'s> Model<'s> {
    /// Builds the model of `schema`: every decision about the output, and every
    /// reason it cannot be generated.
    ///
    /// # Errors
    /// An invalid option (including a [`keep`](Options::keep) name the schema does
    /// not define).
    pub(crate) fn build(
        schema: &'s Schema,
        options: &Options,
        parsed: Parsed,
    ) -> Result<(Model<'s>, Vec<Diagnostic>), OptionError> {
        let bool_type = schema
            .types
            .iter()
            .position(|t| is_standard_bool(schema, t));
        let mut index = Index {
            schema,
            bool_type,
            types_by_name: schema
                .types
                .iter()
                .enumerate()
                .map(|(i, t)| (&t.name, i))
                .collect(),
            constructors_by_name: schema
                .constructors
                .iter()
                .enumerate()
                .map(|(i, c)| (&c.name, i))
                .collect(),
            enum_of_type: vec![None; schema.types.len()],
            struct_of_constructor: vec![None; schema.constructors.len()],
        };
        let kept = analysis::kept(&index, &options.keep)?;
        // Ids first, so that types can refer to each other in any order.
        let mut next = 0;
        for i in 0..schema.constructors.len() {
            if kept.constructor(i) && !index.is_bool_constructor(i) {
                index.struct_of_constructor[i] = Some(next);
                next += 1;
            }
        }
        let mut next_enum = 0;
        for i in 0..schema.types.len() {
            if kept.type_def(i) && Some(i) != bool_type {
                index.enum_of_type[i] = Some(next_enum);
                next_enum += 1;
            }
        }
        let mut diagnostics = Vec::new();
        let mut structs = Vec::new();
        for (i, c) in schema.constructors.iter().enumerate() {
            if index.struct_of_constructor[i].is_some() {
                let enum_id = c
                    .result_name()
                    .and_then(|n| index.types_by_name.get(n))
                    .and_then(|&t| index.enum_of_type.get(t).copied().flatten());
                structs.push(new_struct(&index, c, enum_id, &mut diagnostics));
            }
        }
        for (i, f) in schema.functions.iter().enumerate() {
            if kept.function(i) {
                structs.push(new_struct(&index, f, None, &mut diagnostics));
            }
        }
        rename_group_modules_clashing_with_namespaces(&mut structs);
        let mut enums = Vec::new();
        for (i, t) in schema.types.iter().enumerate() {
            if index.enum_of_type[i].is_none() {
                continue;
            }
            let members: Vec<(StructId, &Combinator)> = t
                .constructors
                .iter()
                .filter_map(|&c| {
                    let struct_id = index.struct_of_constructor.get(c).copied().flatten()?;
                    Some((struct_id, schema.constructors.get(c)?))
                })
                .collect();
            let tl_names: Vec<(&[String], &str)> = members
                .iter()
                .map(|(_, c)| (c.name.namespace.as_slice(), c.name.name.as_str()))
                .collect();
            let names = naming::variant_names(
                &t.name.name,
                &tl_names,
                options.variant_names == VariantNames::Short,
            );
            let variants = members
                .iter()
                .zip(names)
                .map(|(&(struct_id, _), name)| Variant {
                    name,
                    struct_id,
                    unit: structs.get(struct_id).is_some_and(Struct::is_unit),
                    boxed: false,
                    docs: Vec::new(),
                })
                .collect();
            enums.push(Enum {
                t,
                scope: Scope::of(Section::Enums, &t.name),
                name: naming::type_name(&t.name.name),
                variants,
                docs: Vec::new(),
                derives: Vec::new(),
                shallowest: None,
                accessors: Vec::new(),
            });
        }
        let mut names_by_id = BTreeMap::new();
        let kept_combinators = schema
            .constructors
            .iter()
            .enumerate()
            .filter(|(i, _)| kept.constructor(*i))
            .chain(
                schema
                    .functions
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| kept.function(*i)),
            );
        for (_, c) in kept_combinators {
            names_by_id.entry(c.id).or_insert_with(|| c.name.full());
        }
        for b in schema.builtins.iter().filter(|b| b.name == "vector") {
            names_by_id
                .entry(b.written_id.unwrap_or(b.computed_id))
                .or_insert_with(|| b.name.clone());
        }
        let generic_query = structs
            .iter()
            .position(|s| s.is_function() && s.params.is_empty() && s.c.fields.is_empty())
            .or_else(|| {
                structs
                    .iter()
                    .position(|s| s.is_function() && s.params.is_empty())
            });
        let mut model = Model {
            schema,
            runtime: parsed.runtime,
            structs,
            enums,
            names_by_id,
            kept_roots: options.keep.clone(),
            kept,
            struct_of_constructor: index.struct_of_constructor,
            arbitrary: options.arbitrary,
            variant_names: options.variant_names,
            generic_query,
            docs: options.docs.clone(),
            known_errors: None,
            error_enums: Vec::new(),
            json: options.serde.map(|form| match form {
                crate::options::JsonForm::Auto if schema.id_rule == tl_parser::IdRule::Tdlib => {
                    crate::options::JsonForm::Tdlib
                }
                crate::options::JsonForm::Auto => crate::options::JsonForm::Tl,
                other => other,
            }),
            omit: options.omit.clone(),
        };
        analysis::box_variants(&mut model);
        analysis::box_fields(&mut model);
        analysis::derives(&mut model, &parsed.derives);
        if model.generates(Extra::Accessors) {
            analysis::accessors(&mut model);
        }
        if options.arbitrary {
            diagnostics.extend(analysis::shallowest(&mut model));
        }
        docs::errors(&mut model);
        docs::document(&mut model);
        diagnostics.extend(check::check(&model));
        Ok((model, diagnostics))
    }

    /// Whether the generated API includes `extra` (not in [`Options::omit`]).
    pub(crate) fn generates(&self, extra: Extra) -> bool {
        !self.omit.contains(&extra)
    }

    /// The Rust spelling of `ty`, seen from module `at`.
    pub(crate) fn rust_type(&self, ty: &ValueType, at: &Scope) -> TokenStream {
        match ty {
            ValueType::Builtin(b) => builtin_type(*b),
            ValueType::Flags => quote!(u32),
            ValueType::True | ValueType::Bool => quote!(bool),
            ValueType::Enum(id) => self.enum_path(*id, at),
            ValueType::Bare(id) => self.struct_path(*id, at),
            ValueType::Vector { item, .. } => {
                let item = self.rust_type(item, at);
                quote!(::std::vec::Vec<#item>)
            }
            ValueType::Param(name) => {
                let name = name.ident();
                quote!(#name)
            }
            ValueType::Object => {
                let rt = &self.runtime;
                quote!(#rt::RawObject)
            }
            ValueType::IntArray(words) => {
                let len = proc_macro2::Literal::usize_unsuffixed(4 * *words as usize);
                quote!([u8; #len])
            }
        }
    }

    /// The path of struct `id`, seen from `at`.
    pub(crate) fn struct_path(&self, id: StructId, at: &Scope) -> TokenStream {
        match self.structs.get(id) {
            Some(s) => at.path_to(&s.scope, &s.name.ident()),
            None => quote!(()),
        }
    }

    /// The path of enum `id`, seen from `at`.
    pub(crate) fn enum_path(&self, id: EnumId, at: &Scope) -> TokenStream {
        match self.enums.get(id) {
            Some(e) => at.path_to(&e.scope, &e.name.ident()),
            None => quote!(()),
        }
    }

    /// Whether the Rust type of `ty` implements the runtime's `Serialize` and
    /// `Deserialize` exactly as TL writes `ty` where it is used (its boxed form
    /// for schema types). Such values are written and read through the traits;
    /// others (`bytes`, bare types, `#`) through `wire` functions.
    pub(crate) fn is_canonical(ty: &ValueType) -> bool {
        match ty {
            ValueType::Builtin(b) => b.wire() != Builtin::Bytes,
            ValueType::Bool
            | ValueType::Enum(_)
            | ValueType::Param(_)
            | ValueType::Object
            | ValueType::IntArray(_) => true,
            ValueType::Vector { boxed, item } => *boxed && Self::is_canonical(item),
            ValueType::Flags | ValueType::True | ValueType::Bare(_) => false,
        }
    }

    /// Where each generated definition is.
    pub(crate) fn item_paths(&self) -> Vec<ItemPath> {
        let path =
            |scope: &Scope, name: &RustName| format!("{}::{}", scope.describe(), name.display());
        let mut out = Vec::new();
        for (i, c) in self.schema.constructors.iter().enumerate() {
            let id = self.struct_of_constructor.get(i).copied().flatten();
            match id.and_then(|id| self.structs.get(id)) {
                Some(s) => out.push(ItemPath {
                    tl_name: c.name.full(),
                    kind: Kind::Constructor,
                    struct_path: path(&s.scope, &s.name),
                    enum_path: s
                        .enum_id
                        .and_then(|e| self.enums.get(e))
                        .map(|e| path(&e.scope, &e.name)),
                    generic: false,
                }),
                // A kept constructor without a struct is one of `Bool`'s.
                None if self.kept.constructor(i) => out.push(ItemPath {
                    tl_name: c.name.full(),
                    kind: Kind::Constructor,
                    struct_path: "bool".to_owned(),
                    enum_path: None,
                    generic: false,
                }),
                None => {}
            }
        }
        for s in self.structs.iter().filter(|s| s.is_function()) {
            out.push(ItemPath {
                tl_name: s.c.name.full(),
                kind: Kind::Function,
                struct_path: path(&s.scope, &s.name),
                enum_path: None,
                generic: !s.params.is_empty(),
            });
        }
        out
    }

    /// Whether the module is pruned to some definitions.
    pub(crate) fn is_pruned(&self) -> bool {
        !self.kept_roots.is_empty()
    }

    /// How many constructors and functions are generated (those of `Bool`
    /// included), of how many in the schema.
    pub(crate) fn kept_count(&self) -> (usize, usize) {
        let schema = self.schema;
        let kept = (0..schema.constructors.len())
            .filter(|&i| self.kept.constructor(i))
            .count()
            + (0..schema.functions.len())
                .filter(|&i| self.kept.function(i))
                .count();
        (kept, schema.constructors.len() + schema.functions.len())
    }
}

/// Whether a TDLib field description says the value may be null ("may be
/// null", "pass null if none", "or null", "if non-null, ..."): any mention of
/// null but a denial ("not null", "not be null", "never null"). Broad on purpose: a field wrongly taken as nullable
/// costs an `Option`, one wrongly taken as required rejects TDLib's answers.
fn documents_null(doc: &str) -> bool {
    let doc = doc.to_ascii_lowercase();
    doc.contains("null")
        && !["not null", "not be null", "never null"]
            .iter()
            .any(|denial| doc.contains(denial))
}

/// The Rust type of a TL builtin, by absolute path where it is not a primitive.
pub(crate) fn builtin_type(b: Builtin) -> TokenStream {
    match b {
        Builtin::Int | Builtin::Int32 => quote!(i32),
        Builtin::Long | Builtin::Int53 | Builtin::Int64 => quote!(i64),
        Builtin::Double => quote!(f64),
        Builtin::String | Builtin::SecureString => quote!(::std::string::String),
        Builtin::Bytes | Builtin::SecureBytes => quote!(::std::vec::Vec<u8>),
        Builtin::Int128 => quote!([u8; 16]),
        Builtin::Int256 => quote!([u8; 32]),
    }
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

/// The struct of constructor or function `c` (documentation and boxing are
/// filled in later, by the analyses).
fn new_struct<'s>(
    index: &Index<'s>,
    c: &'s Combinator,
    enum_id: Option<EnumId>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Struct<'s> {
    let section = match c.kind {
        Kind::Constructor => Section::Types,
        Kind::Function => Section::Functions,
    };
    let fields: Vec<Field> = c
        .fields
        .iter()
        .map(|f| {
            let ty = index.resolve(&f.ty).unwrap_or_else(|| {
                diagnostics.push(check::unresolved(c, f));
                ValueType::True
            });
            Field {
                name: naming::field_name(&f.name),
                ty,
                boxed: false,
                docs: Vec::new(),
            }
        })
        .collect();
    // The parameters some field takes as `!X` (any function), found in one
    // pass over the fields.
    let functions: BTreeSet<&str> = c
        .fields
        .iter()
        .filter_map(|f| match &f.ty {
            Ty::Param { name, bang: true } => Some(name.as_str()),
            _ => None,
        })
        .collect();
    let params: Vec<Param> = c
        .type_params
        .iter()
        .map(|p| Param {
            name: naming::type_name(&p.name),
            is_function: functions.contains(p.name.as_str()),
        })
        .collect();
    // TDLib's objects may be null where its documentation says so.
    let nullable = |i: usize| {
        index.schema.id_rule == tl_parser::IdRule::Tdlib
            && fields
                .get(i)
                .is_some_and(|f| matches!(f.ty, ValueType::Enum(_) | ValueType::Bare(_)))
            && c.fields
                .get(i)
                .and_then(|f| f.doc.as_deref())
                .is_some_and(documents_null)
    };
    let layout = Layout::of(c, &nullable);
    let returns = (c.kind == Kind::Function).then(|| match &c.result {
        Ty::Param { name, .. } => {
            let rust = naming::type_name(name);
            match params.iter().find(|p| p.name == rust) {
                Some(p) if p.is_function => Return::Forwarded(rust),
                _ => Return::Param(rust),
            }
        }
        other => Return::Value(index.resolve(other).unwrap_or(ValueType::True)),
    });
    let tl_type = match c.kind {
        Kind::Constructor => c.result_name().map_or_else(|| c.name.full(), Name::full),
        Kind::Function => c.name.full(),
    };
    let flags_words = layout.wire.iter().filter_map(|w| match w {
        layout::Wire::FlagsWord { local } => Some(local),
        _ => None,
    });
    let out = free_name("out", flags_words);
    let reader = free_name("reader", fields.iter().map(|f| &f.name));
    let member_count = layout.members.len();
    Struct {
        c,
        scope: Scope::of(section, &c.name),
        name: naming::type_name(&c.name.name),
        params,
        fields,
        layout,
        member_docs: vec![Vec::new(); member_count],
        setter_docs: vec![Vec::new(); member_count],
        group_docs: vec![Vec::new(); member_count],
        docs: Vec::new(),
        derives: Vec::new(),
        group_derives: vec![Vec::new(); member_count],
        enum_id,
        tl_type,
        returns,
        errors: None,
        out,
        reader,
    }
}

/// A struct's module of shared-bit group structs is named after it (`wallet`
/// for `wallet`); where a namespace module of the same scope has that name
/// (TON's `wallet` beside `wallet.v3.…`), the group module becomes
/// `wallet_fields` instead of clashing with it.
fn rename_group_modules_clashing_with_namespaces(structs: &mut [Struct<'_>]) {
    let mut namespace_modules: BTreeSet<(Scope, RustName)> = BTreeSet::new();
    for s in structs.iter() {
        let mut parent = Scope {
            section: s.scope.section,
            namespace: Vec::new(),
        };
        for module in &s.scope.namespace {
            namespace_modules.insert((parent.clone(), module.clone()));
            parent = parent.child(module);
        }
    }
    for s in structs.iter_mut() {
        let key = (s.scope.clone(), s.layout.group_module.clone());
        if s.groups().next().is_some() && namespace_modules.contains(&key) {
            let renamed = format!("{}_fields", s.layout.group_module.display());
            s.layout.group_module = naming::module_name(&renamed);
        }
    }
}

impl Struct<'_> {
    /// The members that are shared-bit groups, with their value fields and the
    /// name of their struct.
    pub(crate) fn groups(&self) -> impl Iterator<Item = (usize, &[usize], &RustName)> {
        self.layout
            .members
            .iter()
            .enumerate()
            .filter_map(|(i, m)| match &m.kind {
                MemberKind::Group {
                    values,
                    struct_name,
                    ..
                } => Some((i, values.as_slice(), struct_name)),
                _ => None,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::JsonForm;

    /// The model of `text` with `options`, and its diagnostics' messages.
    fn build(text: &str, options: &Options) -> (Schema, Result<Vec<String>, OptionError>) {
        let (_, checked) = tl_parser::check_str("t.tl", text);
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        let schema = checked.schema;
        let messages = options.parse().and_then(|parsed| {
            Model::build(&schema, options, parsed)
                .map(|(_, d)| d.into_iter().map(|d| d.message).collect())
        });
        (schema, messages)
    }

    /// Runs `check` on the model of `text`.
    fn with_model(text: &str, options: &Options, check: impl FnOnce(&Model<'_>)) {
        let (_, checked) = tl_parser::check_str("t.tl", text);
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        let parsed = options.parse().unwrap_or_else(|e| panic!("{e}"));
        let (model, diagnostics) =
            Model::build(&checked.schema, options, parsed).unwrap_or_else(|e| panic!("{e}"));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        check(&model);
    }

    fn struct_names(model: &Model<'_>) -> Vec<String> {
        model.structs.iter().map(|s| s.c.name.full()).collect()
    }

    #[test]
    fn json_form_auto_follows_the_id_rule() {
        let telegram = "circle#5b0c8ac4 radius:int = Shape;\n";
        let tdlib = "int32 = Int32;\ncircle radius:int32 = Shape;\n";
        for (text, auto) in [(telegram, JsonForm::Tl), (tdlib, JsonForm::Tdlib)] {
            for (asked, resolved) in [
                (None, None),
                (Some(JsonForm::Auto), Some(auto)),
                (Some(JsonForm::Tdlib), Some(JsonForm::Tdlib)),
                (Some(JsonForm::Tl), Some(JsonForm::Tl)),
            ] {
                let options = Options {
                    serde: asked,
                    ..Options::default()
                };
                with_model(text, &options, |model| assert_eq!(model.json, resolved));
            }
        }
    }

    #[test]
    fn tdlib_objects_documented_as_null_are_nullable() {
        let schema = "int32 = Int32;\n\
                      photo id:int32 = Photo;\n\
                      //@description A chat\n\
                      //@photo The photo; may be null\n\
                      //@main The main photo; must not be null\n\
                      //@other Another photo\n\
                      //@count A number; may be null\n\
                      chat photo:photo main:Photo other:photo count:int32 = Chat;\n";
        with_model(schema, &Options::default(), |model| {
            let chat = model.structs.iter().find(|s| s.c.name.full() == "chat");
            let kinds: Vec<&str> = chat.map_or_else(Vec::new, |s| {
                s.layout
                    .members
                    .iter()
                    .map(|m| match m.kind {
                        layout::MemberKind::Nullable { .. } => "nullable",
                        layout::MemberKind::Plain { .. } => "plain",
                        _ => "other",
                    })
                    .collect()
            });
            assert_eq!(kinds, ["nullable", "plain", "plain", "plain"]);
        });
        // Telegram's id rule: no nullable fields, whatever the comments say.
        let telegram =
            "photo#1 id:int = Photo;\n//@photo may be null\nchat#2 photo:Photo = Chat;\n";
        with_model(telegram, &Options::default(), |model| {
            let nullable = model
                .structs
                .iter()
                .flat_map(|s| &s.layout.members)
                .any(|m| matches!(m.kind, layout::MemberKind::Nullable { .. }));
            assert!(!nullable);
        });
    }

    #[test]
    fn only_fields_closing_a_cycle_are_boxed() {
        let schema = "textEmpty#1 = RichText;\n\
                      textBold#2 text:RichText = RichText;\n\
                      textConcat#3 texts:Vector<RichText> = RichText;\n\
                      pageBlockTitle#4 text:RichText = PageBlock;\n\
                      pageBlockCover#5 cover:PageBlock = PageBlock;\n\
                      pageBlockMaybe#6 flags:# inner:flags.0?PageBlock = PageBlock;\n\
                      node#7 next:%Node = Node;\n";
        with_model(schema, &Options::default(), |model| {
            let boxed: Vec<String> = model
                .structs
                .iter()
                .flat_map(|s| {
                    s.c.fields
                        .iter()
                        .zip(&s.fields)
                        .filter(|(_, f)| f.boxed)
                        .map(|(tl, _)| format!("{}.{}", s.c.name, tl.name))
                })
                .collect();
            // Every variant above that holds a type is large enough to be boxed
            // already, which breaks the cycles through enums; the bare
            // self-reference still needs a boxed field.
            assert_eq!(boxed, ["node.next"]);
        });
    }

    #[test]
    fn small_structs_stay_inline_and_large_ones_are_boxed() {
        let schema = "empty = T;\nnumbers a:int b:long c:long = T;\ntext s:string x:int = T;\n\
                      big a:string b:string = T;\nnested t:T u:T = T;\n\
                      flagged flags:# a:flags.0?true b:flags.1?string = T;\n";
        with_model(schema, &Options::default(), |model| {
            let boxed: Vec<String> = model.enums[0]
                .variants
                .iter()
                .filter(|v| v.boxed)
                .map(|v| v.name.display())
                .collect();
            assert_eq!(boxed, ["Big", "Nested", "Flagged"]);
        });
    }

    #[test]
    fn eq_and_hash_are_derived_only_without_doubles_inside() {
        let schema = "point x:double y:double = Point;\n\
                      pin where:Point = Pin;\n\
                      tag name:string = Tag;\n\
                      tree kids:Vector<Tree> tag:Tag = Tree;\n";
        let options = Options {
            extra_derives: vec!["Eq".into(), "::std::hash::Hash".into(), "Copy2".into()],
            ..Options::default()
        };
        with_model(schema, &options, |model| {
            let derives = |name: &str| -> String {
                let s = model.structs.iter().find(|s| s.c.name.name == name);
                let d = s.map(|s| s.derives.clone()).unwrap_or_default();
                quote!(#(#d),*).to_string()
            };
            assert_eq!(
                derives("point"),
                "Debug , Clone , PartialEq , Default , Copy2"
            );
            assert_eq!(derives("pin"), "Debug , Clone , PartialEq , Copy2");
            assert_eq!(
                derives("tree"),
                "Debug , Clone , PartialEq , Eq , :: std :: hash :: Hash , Copy2"
            );
            let e = model.enums.iter().find(|e| e.t.name.name == "Pin");
            let d = e.map(|e| e.derives.clone()).unwrap_or_default();
            assert_eq!(
                quote!(#(#d),*).to_string(),
                "Debug , Clone , PartialEq , Copy2"
            );
        });
    }

    #[test]
    fn default_is_derived_where_every_field_has_one() {
        let schema = "point x:double y:double = Point;\n\
                      pin where:Point = Pin;\n\
                      node flags:# value:int next:flags.0?%node = Node;\n\
                      chain value:int next:%chain = Chain;\n\
                      holder inner:%point list:Vector<Pin> = Holder;\n\
                      both flags:# a:flags.0?string b:flags.0?Pin c:flags.1?int d:flags.1?long = Both;\n\
                      raw body:Object = Raw;\n";
        with_model(schema, &Options::default(), |model| {
            let has_default = |name: &str| {
                let s = model.structs.iter().find(|s| s.c.name.name == name);
                let d = s.map(|s| s.derives.clone()).unwrap_or_default();
                quote!(#(#d),*).to_string().contains("Default")
            };
            assert!(has_default("point"));
            // An enum field has no natural default.
            assert!(!has_default("pin"));
            // An optional self-reference is `None`; a required one would recurse.
            assert!(has_default("node"));
            assert!(!has_default("chain"));
            // A bare struct with a default, and a vector of anything.
            assert!(has_default("holder"));
            assert!(!has_default("raw"));
            // Each group struct decides for itself; the `Option` of it is `None`.
            let both = model.structs.iter().find(|s| s.c.name.name == "both");
            let groups: Vec<bool> = both
                .map(|s| {
                    s.group_derives
                        .iter()
                        .filter(|d| !d.is_empty())
                        .map(|d| quote!(#(#d),*).to_string().contains("Default"))
                        .collect()
                })
                .unwrap_or_default();
            assert_eq!(groups, [false, true]);
            assert!(has_default("both"));
        });
    }

    #[test]
    fn pruning_keeps_the_closure_with_whole_types() {
        let schema = "a#1 b:B = A;\nb1#2 = B;\nb2#3 c:C = B;\nc#4 = C;\nd#5 = D;\n\
                      e#6 x:%c = E;\n\
                      ---functions---\nf#7 = A;\ng#8 = D;\nh#9 e:E = Vector<D>;\n";
        let mut options = Options {
            keep: vec!["f".into()],
            ..Options::default()
        };
        with_model(schema, &options, |model| {
            assert_eq!(struct_names(model), ["a", "b1", "b2", "c", "f"]);
            assert!(model.is_pruned());
            assert_eq!(model.names_by_id.len(), 5);
        });
        options.keep = vec!["h".into()];
        with_model(schema, &options, |model| {
            assert_eq!(struct_names(model), ["c", "d", "e", "h"]);
        });
        options.keep = vec!["b2".into(), "D".into()];
        with_model(schema, &options, |model| {
            assert_eq!(struct_names(model), ["b1", "b2", "c", "d"]);
        });
    }

    #[test]
    fn unknown_keep_names_are_errors_with_a_suggestion() {
        let options = Options {
            keep: vec!["getStat".into()],
            ..Options::default()
        };
        let (_, result) = build("a#1 = A;\n---functions---\ngetState#2 = A;\n", &options);
        assert_eq!(
            result.map_err(|e| e.to_string()),
            Err(
                "invalid option `keep`: the schema has no function, constructor or type \
                 `getStat`; did you mean `getState`?"
                    .to_owned()
            )
        );
    }

    #[test]
    fn rust_name_collisions_are_errors() {
        let (_, result) = build("fooBar#1 = T;\nfoo_bar#2 = T;\n", &Options::default());
        assert_eq!(
            result,
            Ok(vec![
                "constructor `foo_bar` and constructor `fooBar` both become the Rust name \
                 `FooBar` in module `types`"
                    .to_owned(),
                "constructor `foo_bar` and constructor `fooBar` both become the Rust name \
                 `FooBar` in the variants of enum `T`"
                    .to_owned(),
            ])
        );
    }

    #[test]
    fn a_type_without_finite_values_is_an_error_for_arbitrary() {
        let mut options = Options::default();
        let (_, result) = build("loop#1 next:Loop = Loop;", &options);
        assert_eq!(result, Ok(Vec::new()));
        options.arbitrary = true;
        let (_, result) = build("loop#1 next:Loop = Loop;", &options);
        assert_eq!(
            result,
            Ok(vec![
                "type `Loop` has no finite value: every constructor requires a `Loop` again, \
                 so no arbitrary value can be generated"
                    .to_owned()
            ])
        );
    }

    #[test]
    fn enums_fall_back_to_their_shallowest_constructor() {
        let options = Options {
            arbitrary: true,
            ..Options::default()
        };
        let schema = "node#2 left:Tree right:Tree = Tree;\nleaf#1 value:int = Tree;\n";
        with_model(schema, &options, |model| {
            assert_eq!(model.enums[0].shallowest, Some(1));
        });
    }

    #[test]
    fn pruned_item_paths_list_only_kept_definitions() {
        let schema = "boolFalse#bc799737 = Bool;\nboolTrue#997275b5 = Bool;\n\
                      a#1 = A;\nb#2 flag:Bool = B;\n---functions---\ngetA#3 = A;\n";
        let options = Options {
            keep: vec!["getA".into()],
            ..Options::default()
        };
        with_model(schema, &options, |model| {
            let names: Vec<String> = model.item_paths().into_iter().map(|p| p.tl_name).collect();
            assert_eq!(names, ["a", "getA"]);
            assert_eq!(model.kept_count(), (2, 5));
        });
    }

    #[test]
    fn item_paths_are_a_view_of_the_model() {
        let schema = "boolFalse#bc799737 = Bool;\nboolTrue#997275b5 = Bool;\n\
                      phone.groupCall#1 = phone.GroupCall;\n\
                      ---functions---\ninvokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;\n";
        with_model(schema, &Options::default(), |model| {
            let paths = model.item_paths();
            let text: Vec<String> = paths
                .iter()
                .map(|p| {
                    format!(
                        "{} {} {:?} {}",
                        p.tl_name, p.struct_path, p.enum_path, p.generic
                    )
                })
                .collect();
            assert_eq!(
                text,
                [
                    "boolFalse bool None false",
                    "boolTrue bool None false",
                    "phone.groupCall types::phone::GroupCall Some(\"enums::phone::GroupCall\") false",
                    "invokeWithLayer functions::InvokeWithLayer None true",
                ]
            );
        });
    }
}
