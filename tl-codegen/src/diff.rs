//! What a new layer changes in the generated Rust API: [`diff`] takes the
//! TL-level comparison of two checked schemas (`tl_parser::diff`, which also
//! judges the wire impact) and classifies every change by what it does to the
//! generated items, read from the resolved model of each schema (paths, member
//! types, required or optional, variants, boxing, derives, accessors), never
//! guessed from the TL text.
//!
//! The rules of the generated code this follows:
//!
//! - every struct field is `pub` and neither structs nor enums are
//!   `#[non_exhaustive]`;
//! - `new` takes the required members in schema order, and every optional one
//!   (`Option`, `bool`) has a `with_` setter;
//! - so a new required member is **breaking** (`new` takes another parameter),
//!   a new optional member is **additive** for code that builds values with
//!   `new`/`with_*` or `..Default::default()` and matches with `..` (a struct
//!   literal naming every field, or a pattern without `..`, does need it);
//! - a new variant is **breaking**: `match`es without a wildcard arm need it;
//! - anything removed, retyped, renamed or reordered in `new` is **breaking**;
//!   ids are not part of the API (only the id constants change).
//!
//! Changes the TL text does not show are reported too: a variant renamed
//! because a sibling constructor appeared, a variant or field now in a `Box`,
//! a derive gained or lost, an enum accessor gained or lost.

use crate::model::layout::MemberKind;
use crate::model::{AccessorKind, Model, ValueType};
use crate::options::{OptionError, Options};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use tl_parser::diff::{self as tl, ChangeKind, WireImpact};
use tl_parser::{Diagnostic, Kind, Name, Schema};

/// What a change does to the generated Rust API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ApiImpact {
    /// No generated item changes in a way code can see (ids aside).
    None,
    /// New items or members; code written against the old module still
    /// compiles (within the rules in the [module docs](self)).
    Additive,
    /// Code written against the old module can stop compiling.
    Breaking,
}

impl ApiImpact {
    /// How it is named in reports: `none`, `additive`, `breaking`.
    pub fn name(self) -> &'static str {
        match self {
            ApiImpact::None => "none",
            ApiImpact::Additive => "additive",
            ApiImpact::Breaking => "breaking",
        }
    }
}

/// One change, classified twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classified {
    /// The TL change; `None` for a definition added or removed as a whole, and
    /// for a change only the generated Rust shows.
    pub tl: Option<ChangeKind>,
    /// Whether peers of the two layers still read each other's values.
    pub wire: WireImpact,
    /// Why (empty when the TL does not change).
    pub wire_reason: String,
    /// What it does to the generated Rust API.
    pub rust: ApiImpact,
    /// Which items change and how, in a sentence.
    pub rust_reason: String,
}

/// One side of a definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// Its id.
    pub id: u32,
    /// The definition as written (white space collapsed, comments removed).
    pub definition: String,
    /// The Rust struct generated for it, from the module root
    /// (`types::phone::GroupCall`; `bool` for `Bool`'s constructors).
    pub struct_path: String,
    /// For a constructor, its enum variant (`enums::Updates::TooLong`).
    pub variant: Option<String>,
}

/// A definition added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefinitionDiff {
    /// Constructor or function.
    pub kind: Kind,
    /// Full TL name.
    pub name: Name,
    /// In the old schema (`None`: added).
    pub old: Option<Version>,
    /// In the new schema (`None`: removed).
    pub new: Option<Version>,
    /// Every change, classified; for a definition added or removed, one entry.
    pub changes: Vec<Classified>,
}

impl DefinitionDiff {
    /// The worst wire impact of its changes.
    pub fn wire(&self) -> WireImpact {
        worst(&self.changes, |c| c.wire, WireImpact::None)
    }

    /// The worst Rust API impact of its changes.
    pub fn rust(&self) -> ApiImpact {
        worst(&self.changes, |c| c.rust, ApiImpact::None)
    }
}

/// The worst of one impact over `changes` (`none` without changes).
fn worst<T: Ord>(changes: &[Classified], impact: impl Fn(&Classified) -> T, none: T) -> T {
    changes.iter().map(impact).max().unwrap_or(none)
}

/// A boxed type whose constructors changed, or whose enum changed otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeDiff {
    /// The type's name.
    pub name: Name,
    /// Its enum (the new one, else the old one; `None` for `Bool`, which is
    /// Rust's `bool`).
    pub enum_path: Option<String>,
    /// Whether only the new schema has the type.
    pub added: bool,
    /// Whether only the old schema has the type.
    pub removed: bool,
    /// Constructors that now build it, sorted.
    pub gained: Vec<Name>,
    /// Constructors that no longer build it, sorted.
    pub lost: Vec<Name>,
    /// Every change, classified.
    pub changes: Vec<Classified>,
}

impl TypeDiff {
    /// The worst wire impact of its changes.
    pub fn wire(&self) -> WireImpact {
        worst(&self.changes, |c| c.wire, WireImpact::None)
    }

    /// The worst Rust API impact of its changes.
    pub fn rust(&self) -> ApiImpact {
        worst(&self.changes, |c| c.rust, ApiImpact::None)
    }
}

/// What changed from one layer to the next, for TL and for the generated Rust.
/// Every list is sorted by namespace, then name, constructors first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApiDiff {
    /// The old schema's layer.
    pub old_layer: Option<u32>,
    /// The new schema's layer.
    pub new_layer: Option<u32>,
    /// Definitions only the new schema has.
    pub added: Vec<DefinitionDiff>,
    /// Definitions only the old schema has.
    pub removed: Vec<DefinitionDiff>,
    /// Definitions both have, with another id or another definition.
    pub changed: Vec<DefinitionDiff>,
    /// Definitions the same in TL whose generated items still change (a
    /// variant renamed or boxed, a derive lost, a field boxed).
    pub rust_only: Vec<DefinitionDiff>,
    /// Types that gained or lost constructors, or whose enum changed.
    pub types: Vec<TypeDiff>,
}

/// Which schema a [`DiffError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The old schema.
    Old,
    /// The new schema.
    New,
}

/// Why [`diff`] failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DiffError {
    /// An option is invalid.
    InvalidOption(OptionError),
    /// One schema cannot be turned into Rust (as `tlgen check` reports it).
    Schema {
        /// Which one.
        side: Side,
        /// Every reason, as diagnostics.
        diagnostics: Vec<Diagnostic>,
    },
}

impl std::fmt::Display for DiffError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DiffError::InvalidOption(e) => e.fmt(f),
            DiffError::Schema { side, diagnostics } => {
                let side = match side {
                    Side::Old => "old",
                    Side::New => "new",
                };
                write!(f, "the {side} schema cannot be turned into Rust:")?;
                for d in diagnostics {
                    write!(f, " [{}] {};", d.code.as_str(), d.message)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for DiffError {}

/// Compares two checked schemas (an old and a new layer): every definition
/// added, removed or changed, and every type whose constructors changed, each
/// change classified by its wire impact and by its impact on the Rust code
/// [`generate`](crate::generate) makes with `options`. With `options.keep`,
/// only what a module pruned to those names holds in either layer is
/// reported (each layer's closure of the names it defines); a name neither
/// layer defines is an invalid option.
///
/// ```
/// use tl_codegen::diff::{ApiImpact, diff};
///
/// let (_, old) = tl_parser::check_str("old.tl", "user#1 id:long = User;");
/// let (_, new) = tl_parser::check_str("new.tl", "user#2 id:long name:string = User;");
/// let d = diff(&old.schema, &new.schema, &tl_codegen::Options::default())?;
/// assert_eq!(d.changed[0].rust(), ApiImpact::Breaking); // `User::new` takes `name`
/// # Ok::<(), tl_codegen::diff::DiffError>(())
/// ```
///
/// # Errors
/// An invalid option, or a schema that cannot be turned into Rust.
pub fn diff(old: &Schema, new: &Schema, options: &Options) -> Result<ApiDiff, DiffError> {
    let keep = options.keep.clone();
    let options = Options {
        keep: Vec::new(),
        ..options.clone()
    };
    let build = |schema: &Schema, side: Side| -> Result<View, DiffError> {
        let parsed = options.parse().map_err(DiffError::InvalidOption)?;
        let (model, diagnostics) =
            Model::build(schema, &options, parsed).map_err(DiffError::InvalidOption)?;
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(DiffError::Schema { side, diagnostics });
        }
        Ok(View::of(&model))
    };
    let (old_view, new_view) = (build(old, Side::Old)?, build(new, Side::New)?);
    let tl_diff = tl::diff(old, new);
    let mut out = ApiDiff {
        old_layer: tl_diff.old_layer,
        new_layer: tl_diff.new_layer,
        ..ApiDiff::default()
    };
    // The constructors of types the new schema adds, in one set: asking every
    // new type about every added constructor was quadratic.
    let of_new_types: BTreeSet<&Name> = tl_diff
        .types
        .iter()
        .filter(|t| t.added)
        .flat_map(|t| &t.gained)
        .collect();
    for d in &tl_diff.added {
        let view = new_view.structs.get(&(d.kind, d.name.clone()));
        let type_is_new = d.kind == Kind::Constructor && of_new_types.contains(&d.name);
        let (rust, reason) = added_impact(d.kind, view, type_is_new);
        out.added.push(DefinitionDiff {
            kind: d.kind,
            name: d.name.clone(),
            old: None,
            new: Some(version(d.id, &d.definition, view)),
            changes: vec![Classified {
                tl: None,
                wire: WireImpact::Incompatible,
                wire_reason: "an old peer does not know its id".to_owned(),
                rust,
                rust_reason: reason,
            }],
        });
    }
    for d in &tl_diff.removed {
        let view = old_view.structs.get(&(d.kind, d.name.clone()));
        let mut reason = format!("`{}` is gone", view.map_or("?", |v| v.path.as_str()));
        if let Some(variant) = view.and_then(|v| v.variant.as_ref()) {
            reason.push_str(&format!(", and so is variant `{}`", variant.path));
        }
        out.removed.push(DefinitionDiff {
            kind: d.kind,
            name: d.name.clone(),
            old: Some(version(d.id, &d.definition, view)),
            new: None,
            changes: vec![Classified {
                tl: None,
                wire: WireImpact::Incompatible,
                wire_reason: "a new peer does not know its id".to_owned(),
                rust: ApiImpact::Breaking,
                rust_reason: reason,
            }],
        });
    }
    let changed: BTreeMap<(Kind, Name), &tl::Changed> = tl_diff
        .changed
        .iter()
        .map(|c| ((c.kind, c.name.clone()), c))
        .collect();
    // Every definition both schemas have, in report order.
    let mut common: Vec<(&(Kind, Name), &StructView, &StructView)> = old_view
        .structs
        .iter()
        .filter_map(|(key, o)| Some((key, o, new_view.structs.get(key)?)))
        .collect();
    common.sort_by_key(|(key, _, _)| sort_key(key.0, &key.1));
    for (key, o, n) in common {
        let tl_change = changed.get(key);
        let mut changes: Vec<Classified> = tl_change
            .map(|c| {
                c.changes
                    .iter()
                    .map(|change| classify(change, o, n))
                    .collect()
            })
            .unwrap_or_default();
        let explained: BTreeSet<&str> = tl_change
            .into_iter()
            .flat_map(|c| c.changes.iter().filter_map(|c| c.kind.field()))
            .collect();
        let result_changed = tl_change.is_some_and(|c| {
            c.changes
                .iter()
                .any(|c| matches!(c.kind, ChangeKind::ResultChanged { .. }))
        });
        changes.extend(rust_only(o, n, &explained, result_changed));
        if changes.is_empty() {
            continue;
        }
        let (old_version, new_version) = match tl_change {
            Some(c) => (
                version(c.old_id, &c.old_definition, Some(o)),
                version(c.new_id, &c.new_definition, Some(n)),
            ),
            None => (
                version(o.id, &o.definition, Some(o)),
                version(n.id, &n.definition, Some(n)),
            ),
        };
        let entry = DefinitionDiff {
            kind: key.0,
            name: key.1.clone(),
            old: Some(old_version),
            new: Some(new_version),
            changes,
        };
        if tl_change.is_some() {
            out.changed.push(entry);
        } else {
            out.rust_only.push(entry);
        }
    }
    out.types = type_diffs(&tl_diff.types, &old_view, &new_view);
    if !keep.is_empty() {
        // The new layer first: an unknown name's did-you-mean is from it.
        let new_kept = Kept::of(new, old, &keep, &options)?;
        let old_kept = Kept::of(old, new, &keep, &options)?;
        let either = |d: &DefinitionDiff| old_kept.has(d) || new_kept.has(d);
        out.added.retain(|d| new_kept.has(d));
        out.removed.retain(|d| old_kept.has(d));
        out.changed.retain(either);
        out.rust_only.retain(either);
        let name = |t: &TypeDiff| t.name.full();
        out.types
            .retain(|t| old_kept.types.contains(&name(t)) || new_kept.types.contains(&name(t)));
    }
    Ok(out)
}

/// What a module of one layer pruned to the names it defines holds.
struct Kept {
    definitions: BTreeSet<(Kind, String)>,
    types: BTreeSet<String>,
}

impl Kept {
    /// The closure in `schema` of the names of `keep` it defines (by kind,
    /// TL name); a name that neither it nor `other` defines is an error with
    /// `schema`'s did-you-mean.
    fn of(
        schema: &Schema,
        other: &Schema,
        keep: &[String],
        options: &Options,
    ) -> Result<Kept, DiffError> {
        let defines = |s: &Schema, name: &str| {
            let name = Name::parse(name.trim());
            s.functions.iter().any(|f| f.name == name)
                || s.constructors.iter().any(|c| c.name == name)
                || s.types.iter().any(|t| t.name == name)
        };
        let mut roots = Vec::new();
        for name in keep {
            if defines(schema, name) {
                roots.push(name.clone());
            } else if !defines(other, name) {
                // The model's own error, with its did-you-mean.
                roots = vec![name.clone()];
                break;
            }
        }
        if roots.is_empty() {
            return Ok(Kept {
                definitions: BTreeSet::new(),
                types: BTreeSet::new(),
            });
        }
        let options = Options {
            keep: roots,
            ..options.clone()
        };
        let parsed = options.parse().map_err(DiffError::InvalidOption)?;
        let (model, _) =
            Model::build(schema, &options, parsed).map_err(DiffError::InvalidOption)?;
        Ok(Kept {
            definitions: model
                .item_paths()
                .into_iter()
                .map(|p| (p.kind, p.tl_name))
                .collect(),
            types: model.enums.iter().map(|e| e.t.name.full()).collect(),
        })
    }

    /// Whether the pruned module holds definition `d`.
    fn has(&self, d: &DefinitionDiff) -> bool {
        self.definitions.contains(&(d.kind, d.name.full()))
    }
}

/// The order of reports: namespace, then name, constructors first.
fn sort_key(kind: Kind, name: &Name) -> (Vec<String>, String, u8) {
    (
        name.namespace.clone(),
        name.name.clone(),
        u8::from(kind == Kind::Function),
    )
}

/// A [`Version`] of a definition.
fn version(id: u32, definition: &str, view: Option<&StructView>) -> Version {
    Version {
        id,
        definition: definition.to_owned(),
        struct_path: view.map_or_else(String::new, |v| v.path.clone()),
        variant: view
            .and_then(|v| v.variant.as_ref())
            .map(|v| v.path.clone()),
    }
}

/// The Rust impact of a definition the new schema adds.
fn added_impact(kind: Kind, view: Option<&StructView>, type_is_new: bool) -> (ApiImpact, String) {
    let path = view.map_or("?", |v| v.path.as_str());
    match (kind, view.and_then(|v| v.variant.as_ref())) {
        (Kind::Function, _) => (ApiImpact::Additive, format!("new struct `{path}`")),
        (Kind::Constructor, Some(variant)) if !type_is_new => (
            ApiImpact::Breaking,
            format!(
                "new struct `{path}` and new variant `{}`: a `match` on `{}` without a \
                 wildcard arm needs it (generated enums are not `#[non_exhaustive]`)",
                variant.path, variant.enum_path
            ),
        ),
        (Kind::Constructor, Some(variant)) => (
            ApiImpact::Additive,
            format!(
                "new struct `{path}`, variant `{}` of the new enum `{}`",
                variant.path, variant.enum_path
            ),
        ),
        (Kind::Constructor, None) => (ApiImpact::Additive, format!("new struct `{path}`")),
    }
}

/// The generated items of one schema, as far as code using them can tell.
struct View {
    /// Every constructor's and function's struct, by kind and TL name.
    structs: BTreeMap<(Kind, Name), StructView>,
    /// Every boxed type's enum, by TL name.
    enums: BTreeMap<Name, EnumView>,
}

/// A struct as code using it sees it.
struct StructView {
    /// Its id and definition (to report definitions the TL does not change).
    id: u32,
    /// See [`Version::definition`].
    definition: String,
    /// Its path from the module root.
    path: String,
    /// Its members, in declaration order.
    members: Vec<MemberView>,
    /// Its derives (`Debug`, `Default`, ...).
    derives: Vec<String>,
    /// For a constructor, its variant.
    variant: Option<VariantView>,
    /// For a function, `RemoteCall::Return`.
    returns: Option<String>,
    /// Indices into `members` by name, and by the TL fields each holds (a
    /// struct may have thousands of members: looking each up by a scan made
    /// comparing two of them quadratic).
    by_name: HashMap<String, usize>,
    by_field: HashMap<String, usize>,
}

impl StructView {
    /// The view of a struct with these `members` (the other fields as given).
    fn new(
        id: u32,
        definition: String,
        path: String,
        members: Vec<MemberView>,
        derives: Vec<String>,
        variant: Option<VariantView>,
        returns: Option<String>,
    ) -> StructView {
        let (mut by_name, mut by_field) = (HashMap::new(), HashMap::new());
        for (i, m) in members.iter().enumerate() {
            by_name.entry(m.name.clone()).or_insert(i);
            for f in &m.fields {
                by_field.entry(f.clone()).or_insert(i);
            }
        }
        StructView {
            id,
            definition,
            path,
            members,
            derives,
            variant,
            returns,
            by_name,
            by_field,
        }
    }

    /// The member that holds TL field `field`.
    fn member_of(&self, field: &str) -> Option<&MemberView> {
        self.by_field.get(field).and_then(|&i| self.members.get(i))
    }

    /// The member named `name`.
    fn member(&self, name: &str) -> Option<&MemberView> {
        self.by_name.get(name).and_then(|&i| self.members.get(i))
    }

    /// `new`'s parameters: the required members' names, in order.
    fn new_params(&self) -> Vec<&str> {
        self.members
            .iter()
            .filter(|m| m.required)
            .map(|m| m.name.as_str())
            .collect()
    }
}

/// A struct field.
#[derive(PartialEq)]
struct MemberView {
    /// The Rust name.
    name: String,
    /// Its type: `Option<types::a::B>`.
    ty: String,
    /// For a group of fields, the group struct's fields: `x: i32, y: String`
    /// (they are part of the member's type, so comparisons count them).
    group: Option<String>,
    /// Whether `new` takes it.
    required: bool,
    /// The TL fields it holds.
    fields: Vec<String>,
}

/// A constructor's enum variant.
struct VariantView {
    /// `enums::Updates::TooLong`.
    path: String,
    /// `enums::Updates`.
    enum_path: String,
    /// What it holds: nothing, the struct, or the struct in a `Box`.
    payload: String,
}

/// An enum as code using it sees it.
struct EnumView {
    /// Its path.
    path: String,
    /// Its accessors (`id() -> i32`).
    accessors: Vec<String>,
    /// Its derives.
    derives: Vec<String>,
}

impl View {
    /// The view of `model`.
    fn of(model: &Model<'_>) -> View {
        let path = |scope: &crate::model::Scope, name: &crate::model::naming::RustName| {
            format!("{}::{}", scope.describe(), name.display())
        };
        let derives = |d: &[proc_macro2::TokenStream]| -> Vec<String> {
            d.iter()
                .map(|t| t.to_string().replace(' ', ""))
                .collect::<Vec<_>>()
        };
        let mut enums = BTreeMap::new();
        let mut variants: BTreeMap<usize, VariantView> = BTreeMap::new();
        for e in &model.enums {
            let enum_path = path(&e.scope, &e.name);
            for v in &e.variants {
                let struct_path = model
                    .structs
                    .get(v.struct_id)
                    .map_or_else(String::new, |s| path(&s.scope, &s.name));
                let payload = if v.unit {
                    String::new()
                } else if v.boxed {
                    format!("Box<{struct_path}>")
                } else {
                    struct_path
                };
                variants.insert(
                    v.struct_id,
                    VariantView {
                        path: format!("{enum_path}::{}", v.name.display()),
                        enum_path: enum_path.clone(),
                        payload,
                    },
                );
            }
            let accessors = e
                .accessors
                .iter()
                .map(|a| {
                    let ty = type_text(model, &a.ty);
                    let ty = match a.kind {
                        AccessorKind::Value => ty,
                        AccessorKind::Optional => format!("Option<{ty}>"),
                        AccessorKind::Flag => "bool".to_owned(),
                    };
                    format!("{}() -> {ty}", a.name.display())
                })
                .collect();
            enums.insert(
                e.t.name.clone(),
                EnumView {
                    path: enum_path,
                    accessors,
                    derives: derives(&e.derives),
                },
            );
        }
        let mut structs = BTreeMap::new();
        for (id, s) in model.structs.iter().enumerate() {
            let field_ty = |field: usize| -> String {
                s.fields.get(field).map_or_else(String::new, |f| {
                    let ty = type_text(model, &f.ty);
                    if f.boxed { format!("Box<{ty}>") } else { ty }
                })
            };
            let tl_name = |field: usize| -> String {
                s.c.fields
                    .get(field)
                    .map_or_else(String::new, |f| f.name.clone())
            };
            let members = s
                .layout
                .members
                .iter()
                .map(|m| {
                    let (ty, group, fields) = match &m.kind {
                        MemberKind::Plain { field } => (field_ty(*field), None, vec![*field]),
                        MemberKind::Optional { field, .. } | MemberKind::Nullable { field } => {
                            (format!("Option<{}>", field_ty(*field)), None, vec![*field])
                        }
                        MemberKind::Flag { fields, .. } => {
                            ("bool".to_owned(), None, fields.clone())
                        }
                        MemberKind::Group {
                            values,
                            implied,
                            struct_name,
                            ..
                        } => {
                            let inner: Vec<String> = values
                                .iter()
                                .map(|&f| {
                                    let name = s
                                        .fields
                                        .get(f)
                                        .map_or_else(String::new, |f| f.name.display());
                                    format!("{name}: {}", field_ty(f))
                                })
                                .collect();
                            let group = format!(
                                "{}::{}",
                                path(&s.scope, &s.layout.group_module),
                                struct_name.display()
                            );
                            let mut fields = values.clone();
                            fields.extend(implied);
                            (format!("Option<{group}>"), Some(inner.join(", ")), fields)
                        }
                        MemberKind::SizedObject {
                            field,
                            length_field,
                        } => ("RawObject".to_owned(), None, vec![*field, *length_field]),
                    };
                    MemberView {
                        name: m.name.display(),
                        ty,
                        group,
                        required: m.is_required(),
                        fields: fields.into_iter().map(tl_name).collect(),
                    }
                })
                .collect();
            let returns = s.returns.as_ref().map(|r| match r {
                crate::model::Return::Value(ty) => type_text(model, ty),
                crate::model::Return::Forwarded(x) => format!("{}::Return", x.display()),
                crate::model::Return::Param(x) => x.display(),
            });
            structs.insert(
                (s.c.kind, s.c.name.clone()),
                StructView::new(
                    s.c.id,
                    s.c.definition.clone(),
                    path(&s.scope, &s.name),
                    members,
                    derives(&s.derives),
                    variants.remove(&id),
                    returns,
                ),
            );
        }
        // `Bool`'s constructors are Rust's `bool`: no struct, no variant.
        for c in &model.schema.constructors {
            structs
                .entry((Kind::Constructor, c.name.clone()))
                .or_insert_with(|| {
                    StructView::new(
                        c.id,
                        c.definition.clone(),
                        "bool".to_owned(),
                        Vec::new(),
                        Vec::new(),
                        None,
                        None,
                    )
                });
        }
        View { structs, enums }
    }
}

/// A value type as Rust code names it, paths from the module root.
fn type_text(model: &Model<'_>, ty: &ValueType) -> String {
    use tl_parser::Builtin;
    match ty {
        ValueType::Builtin(b) => match b.wire() {
            Builtin::Int => "i32".to_owned(),
            Builtin::Long => "i64".to_owned(),
            Builtin::Double => "f64".to_owned(),
            Builtin::String => "String".to_owned(),
            Builtin::Bytes => "Vec<u8>".to_owned(),
            Builtin::Int128 => "[u8; 16]".to_owned(),
            Builtin::Int256 => "[u8; 32]".to_owned(),
            other => other.tl_name().to_owned(),
        },
        ValueType::Flags => "u32".to_owned(),
        ValueType::True | ValueType::Bool => "bool".to_owned(),
        ValueType::Enum(id) => model.enums.get(*id).map_or_else(String::new, |e| {
            format!("{}::{}", e.scope.describe(), e.name.display())
        }),
        ValueType::Bare(id) => model.structs.get(*id).map_or_else(String::new, |s| {
            format!("{}::{}", s.scope.describe(), s.name.display())
        }),
        ValueType::Vector { item, .. } => format!("Vec<{}>", type_text(model, item)),
        ValueType::Param(name) => name.display(),
        ValueType::Object => "RawObject".to_owned(),
        ValueType::IntArray(words) => format!("[u8; {}]", 4 * words),
    }
}

impl MemberView {
    /// Whether `other` has the same Rust type (a group's fields included).
    fn same_type(&self, other: &MemberView) -> bool {
        self.ty == other.ty && self.group == other.group
    }
}

/// A member as a report shows it: `` `name: Type` ``, and for a group of
/// fields `` (fields `x: i32, y: String`) ``.
fn show(m: &MemberView) -> String {
    match &m.group {
        Some(fields) => format!("`{}: {}` (fields `{fields}`)", m.name, m.ty),
        None => format!("`{}: {}`", m.name, m.ty),
    }
}

/// The Rust impact of one TL change of a definition, from its old and new views.
fn classify(change: &tl::Change, o: &StructView, n: &StructView) -> Classified {
    let (rust, rust_reason) = rust_impact(&change.kind, o, n);
    Classified {
        tl: Some(change.kind.clone()),
        wire: change.wire,
        wire_reason: change.wire_reason.clone(),
        rust,
        rust_reason,
    }
}

/// See [`classify`].
fn rust_impact(kind: &ChangeKind, o: &StructView, n: &StructView) -> (ApiImpact, String) {
    let path = &n.path;
    // A field whose member exists on both sides (another type, or
    // required-ness) or on one.
    let member_change = |field: &str| -> (ApiImpact, String) {
        match (o.member_of(field), n.member_of(field)) {
            (None, None) => (
                ApiImpact::None,
                "no Rust field holds it (a flags word is computed on write)".to_owned(),
            ),
            (Some(a), Some(b)) if a == b || (a.same_type(b) && a.required == b.required) => (
                ApiImpact::None,
                format!("`{path}` keeps {} (flags words are computed)", show(b)),
            ),
            (Some(a), Some(b)) => {
                let mut reason = format!("`{path}`: {} is now {}", show(a), show(b));
                if a.required != b.required {
                    reason.push_str(if b.required {
                        "; `new` takes it"
                    } else {
                        "; `new` no longer takes it"
                    });
                }
                (ApiImpact::Breaking, reason)
            }
            (None, Some(b)) => (ApiImpact::Breaking, format!("`{path}` gains {}", show(b))),
            (Some(a), None) => (ApiImpact::Breaking, format!("`{path}` loses {}", show(a))),
        }
    };
    match kind {
        ChangeKind::IdChanged { .. } => (
            ApiImpact::None,
            "ids are not part of the API (only the id constants change)".to_owned(),
        ),
        ChangeKind::FieldAdded(f) => {
            let Some(m) = n.member_of(&f.name) else {
                return (
                    ApiImpact::None,
                    "no Rust field holds it (a flags word is computed on write)".to_owned(),
                );
            };
            if let Some(before) = o.member(&m.name) {
                // The field joined an existing group (or took a removed
                // field's member name).
                return if before == m {
                    (ApiImpact::None, format!("`{path}` keeps {}", show(m)))
                } else {
                    (
                        ApiImpact::Breaking,
                        format!("`{path}`: {} is now {}", show(before), show(m)),
                    )
                };
            }
            if m.required {
                (
                    ApiImpact::Breaking,
                    format!(
                        "`{path}` gains the required {}: `new` takes it, struct literals need it",
                        show(m)
                    ),
                )
            } else {
                (
                    ApiImpact::Additive,
                    format!(
                        "`{path}` gains the optional {}, set with `with_{}`; `new` is unchanged \
                         (only struct literals naming every field and patterns without `..` need it)",
                        show(m),
                        m.name.trim_start_matches("r#")
                    ),
                )
            }
        }
        ChangeKind::FieldRemoved(f) => {
            let Some(m) = o.member_of(&f.name) else {
                return (
                    ApiImpact::None,
                    "no Rust field held it (a flags word is computed on write)".to_owned(),
                );
            };
            match n.member(&m.name) {
                Some(after) if after == m => {
                    (ApiImpact::None, format!("`{path}` keeps {}", show(m)))
                }
                Some(after) => (
                    ApiImpact::Breaking,
                    format!("`{path}`: {} is now {}", show(m), show(after)),
                ),
                None => (
                    ApiImpact::Breaking,
                    format!(
                        "`{path}` loses {}{}",
                        show(m),
                        if m.required {
                            "; `new` no longer takes it"
                        } else {
                            " and its `with_` setter"
                        }
                    ),
                ),
            }
        }
        ChangeKind::FieldRetyped { name, .. }
        | ChangeKind::FlagBitMoved { name, .. }
        | ChangeKind::BecameConditional { name, .. }
        | ChangeKind::BecameRequired { name, .. } => member_change(name),
        ChangeKind::FieldsReordered { .. } => {
            let (before, after) = (o.new_params(), n.new_params());
            let common = |a: &[&str], b: &[&str]| -> Vec<String> {
                let b: BTreeSet<&str> = b.iter().copied().collect();
                a.iter()
                    .filter(|x| b.contains(*x))
                    .map(|x| (*x).to_owned())
                    .collect()
            };
            if common(&before, &after) == common(&after, &before) {
                (
                    ApiImpact::None,
                    "struct fields are named, and `new` takes the required ones in the same order"
                        .to_owned(),
                )
            } else {
                (
                    ApiImpact::Breaking,
                    format!(
                        "`{path}::new` takes its parameters in another order: ({}) -> ({})",
                        before.join(", "),
                        after.join(", ")
                    ),
                )
            }
        }
        ChangeKind::ResultChanged { .. } => match (&o.returns, &n.returns) {
            (Some(a), Some(b)) if a == b => {
                (ApiImpact::None, format!("`RemoteCall::Return` stays `{b}`"))
            }
            (Some(a), Some(b)) => (
                ApiImpact::Breaking,
                format!("`{path}`'s `RemoteCall::Return` is `{b}` (was `{a}`)"),
            ),
            _ => match (&o.variant, &n.variant) {
                (Some(a), Some(b)) => (
                    ApiImpact::Breaking,
                    format!(
                        "variant `{}` moves to `{}`, and `{path}` converts from and to `{}`",
                        a.path, b.path, b.enum_path
                    ),
                ),
                _ => (
                    ApiImpact::Breaking,
                    format!("`{path}` belongs to another type"),
                ),
            },
        },
        ChangeKind::TypeParamsChanged { .. } => (
            ApiImpact::Breaking,
            format!("`{path}` has other generic parameters"),
        ),
    }
}

/// What the generated items show that the TL changes of the definition do
/// not explain: its variant renamed or boxed, derives, members of unchanged
/// fields with another type, another return.
fn rust_only(
    o: &StructView,
    n: &StructView,
    explained: &BTreeSet<&str>,
    result_changed: bool,
) -> Vec<Classified> {
    let mut out = Vec::new();
    let mut push = |rust: ApiImpact, reason: String| {
        out.push(Classified {
            tl: None,
            wire: WireImpact::None,
            wire_reason: String::new(),
            rust,
            rust_reason: reason,
        });
    };
    if let (Some(a), Some(b)) = (&o.variant, &n.variant) {
        if a.enum_path == b.enum_path && a.path != b.path {
            push(
                ApiImpact::Breaking,
                format!(
                    "variant `{}` is now `{}` (variant names avoid clashes with the type's other constructors)",
                    a.path, b.path
                ),
            );
        }
        if a.enum_path == b.enum_path && a.payload != b.payload && !a.payload.is_empty() {
            let show = |p: &str| {
                if p.is_empty() {
                    "nothing".to_owned()
                } else {
                    format!("`{p}`")
                }
            };
            push(
                ApiImpact::Breaking,
                format!(
                    "variant `{}` holds {} (was {}); `.into()` builds either",
                    b.path,
                    show(&b.payload),
                    show(&a.payload)
                ),
            );
        }
    }
    for d in o.derives.iter().filter(|d| !n.derives.contains(d)) {
        push(
            ApiImpact::Breaking,
            format!("`{}` no longer derives `{d}`", n.path),
        );
    }
    for d in n.derives.iter().filter(|d| !o.derives.contains(d)) {
        push(
            ApiImpact::Additive,
            format!("`{}` now derives `{d}`", n.path),
        );
    }
    for b in &n.members {
        let Some(a) = o.member(&b.name) else { continue };
        let touched = a
            .fields
            .iter()
            .chain(&b.fields)
            .any(|f| explained.contains(f.as_str()));
        if !touched && (!a.same_type(b) || a.required != b.required) {
            push(
                ApiImpact::Breaking,
                format!("`{}`: {} is now {}", n.path, show(a), show(b)),
            );
        }
    }
    // Members regrouped without a TL change of their own (a field that
    // shared their bit moved away, so the group is named after another field).
    let untouched = |m: &MemberView| !m.fields.iter().any(|f| explained.contains(f.as_str()));
    for b in n.members.iter().filter(|b| o.member(&b.name).is_none()) {
        if untouched(b) {
            push(
                if b.required {
                    ApiImpact::Breaking
                } else {
                    ApiImpact::Additive
                },
                format!(
                    "`{}` gains {}, holding what another member held (or a flags word \
                     no field refers to any more)",
                    n.path,
                    show(b)
                ),
            );
        }
    }
    for a in o.members.iter().filter(|a| n.member(&a.name).is_none()) {
        if untouched(a) {
            push(
                ApiImpact::Breaking,
                format!(
                    "`{}` loses {}: what it held is another member's now (or a flags \
                     word computed on write)",
                    n.path,
                    show(a)
                ),
            );
        }
    }
    if !result_changed && o.returns != n.returns {
        push(
            ApiImpact::Breaking,
            format!(
                "`{}`'s `RemoteCall::Return` is `{}` (was `{}`)",
                n.path,
                n.returns.as_deref().unwrap_or_default(),
                o.returns.as_deref().unwrap_or_default()
            ),
        );
    }
    out
}

/// The types whose constructors changed (from the TL diff) or whose enums
/// changed otherwise (accessors, derives), classified.
fn type_diffs(tl_types: &[tl::TypeChange], o: &View, n: &View) -> Vec<TypeDiff> {
    let mut by_name: BTreeMap<(Vec<String>, String), TypeDiff> = BTreeMap::new();
    for t in tl_types {
        let old_enum = o.enums.get(&t.name);
        let new_enum = n.enums.get(&t.name);
        let enum_path = new_enum.or(old_enum).map(|e| e.path.clone());
        let shown = enum_path.clone().unwrap_or_else(|| "bool".to_owned());
        let mut changes = Vec::new();
        let wire_reason = if t.added {
            "an old peer knows none of its constructors"
        } else if t.removed {
            "a new peer knows none of its constructors"
        } else {
            "values of the constructors both layers have still read"
        };
        let mut push = |rust: ApiImpact, reason: String| {
            changes.push(Classified {
                tl: None,
                wire: t.wire,
                wire_reason: wire_reason.to_owned(),
                rust,
                rust_reason: reason,
            });
        };
        if t.added {
            push(ApiImpact::Additive, format!("new enum `{shown}`"));
        } else if t.removed {
            push(ApiImpact::Breaking, format!("enum `{shown}` is gone"));
        } else {
            let variant = |view: &View, c: &Name| {
                view.structs
                    .get(&(Kind::Constructor, c.clone()))
                    .and_then(|s| s.variant.as_ref())
                    .map_or_else(|| c.full(), |v| v.path.clone())
            };
            for c in &t.gained {
                push(
                    ApiImpact::Breaking,
                    format!(
                        "`{shown}` gains variant `{}`: a `match` without a wildcard arm needs it \
                         (generated enums are not `#[non_exhaustive]`)",
                        variant(n, c)
                    ),
                );
            }
            for c in &t.lost {
                push(
                    ApiImpact::Breaking,
                    format!("`{shown}` loses variant `{}`", variant(o, c)),
                );
            }
        }
        by_name.insert(
            (t.name.namespace.clone(), t.name.name.clone()),
            TypeDiff {
                name: t.name.clone(),
                enum_path,
                added: t.added,
                removed: t.removed,
                gained: t.gained.clone(),
                lost: t.lost.clone(),
                changes,
            },
        );
    }
    for (name, a) in &o.enums {
        let Some(b) = n.enums.get(name) else { continue };
        let mut extra = Vec::new();
        for x in a.accessors.iter().filter(|x| !b.accessors.contains(x)) {
            extra.push((
                ApiImpact::Breaking,
                format!(
                    "`{}::{x}` is gone (not every constructor has that field any more)",
                    b.path
                ),
            ));
        }
        for x in b.accessors.iter().filter(|x| !a.accessors.contains(x)) {
            extra.push((
                ApiImpact::Additive,
                format!("new accessor `{}::{x}`", b.path),
            ));
        }
        for d in a.derives.iter().filter(|d| !b.derives.contains(d)) {
            extra.push((
                ApiImpact::Breaking,
                format!("`{}` no longer derives `{d}`", b.path),
            ));
        }
        for d in b.derives.iter().filter(|d| !a.derives.contains(d)) {
            extra.push((
                ApiImpact::Additive,
                format!("`{}` now derives `{d}`", b.path),
            ));
        }
        if extra.is_empty() {
            continue;
        }
        let entry = by_name
            .entry((name.namespace.clone(), name.name.clone()))
            .or_insert_with(|| TypeDiff {
                name: name.clone(),
                enum_path: Some(b.path.clone()),
                added: false,
                removed: false,
                gained: Vec::new(),
                lost: Vec::new(),
                changes: Vec::new(),
            });
        entry
            .changes
            .extend(extra.into_iter().map(|(rust, reason)| Classified {
                tl: None,
                wire: WireImpact::None,
                wire_reason: String::new(),
                rust,
                rust_reason: reason,
            }));
    }
    by_name.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The diff of two schema texts (both must check) with default options.
    fn diff_of(old: &str, new: &str) -> ApiDiff {
        let (_, o) = tl_parser::check_str("old.tl", old);
        let (_, n) = tl_parser::check_str("new.tl", new);
        assert!(!o.has_errors(), "{:?}", o.diagnostics);
        assert!(!n.has_errors(), "{:?}", n.diagnostics);
        diff(&o.schema, &n.schema, &Options::default()).unwrap_or_else(|e| panic!("{e}"))
    }

    /// `(TL change code, wire, Rust)` of each change of `d`.
    fn classes(d: &DefinitionDiff) -> Vec<(&'static str, WireImpact, ApiImpact)> {
        d.changes
            .iter()
            .map(|c| (c.tl.as_ref().map_or("", ChangeKind::code), c.wire, c.rust))
            .collect()
    }

    /// The classes of the only changed definition.
    fn changed(old: &str, new: &str) -> Vec<(&'static str, WireImpact, ApiImpact)> {
        let d = diff_of(old, new);
        assert_eq!(d.changed.len(), 1, "{d:#?}");
        classes(&d.changed[0])
    }

    use ApiImpact::{Additive, Breaking};
    use WireImpact::{Incompatible, Partial};

    #[test]
    fn added_constructor_of_a_new_type_is_additive() {
        let d = diff_of("a#1 = A;", "a#1 = A;\nb#2 x:int = B;");
        assert_eq!(classes(&d.added[0]), [("", Incompatible, Additive)]);
        assert_eq!(
            d.added[0].changes[0].rust_reason,
            "new struct `types::B`, variant `enums::B::B` of the new enum `enums::B`"
        );
        assert_eq!(d.types.len(), 1);
        assert!(d.types[0].added);
        assert_eq!(
            (d.types[0].wire(), d.types[0].rust()),
            (Incompatible, Additive)
        );
    }

    #[test]
    fn added_constructor_of_an_existing_type_breaks_matches() {
        let d = diff_of("a#1 = A;", "a#1 = A;\naOther#2 x:int = A;");
        assert_eq!(classes(&d.added[0]), [("", Incompatible, Breaking)]);
        let t = &d.types[0];
        assert_eq!((t.name.full(), t.gained.len()), ("A".to_owned(), 1));
        assert_eq!((t.wire(), t.rust()), (Partial, Breaking));
        assert_eq!(
            t.changes[0].rust_reason,
            "`enums::A` gains variant `enums::A::Other`: a `match` without a wildcard arm \
             needs it (generated enums are not `#[non_exhaustive]`)"
        );
    }

    #[test]
    fn removed_constructor_and_type_losing_it() {
        let d = diff_of("a#1 = A;\naOther#2 x:int = A;", "a#1 = A;");
        assert_eq!(classes(&d.removed[0]), [("", Incompatible, Breaking)]);
        assert_eq!(
            d.removed[0].changes[0].rust_reason,
            "`types::AOther` is gone, and so is variant `enums::A::Other`"
        );
        assert_eq!((d.types[0].lost.len(), d.types[0].rust()), (1, Breaking));
        assert_eq!(d.types[0].wire(), Partial);
    }

    #[test]
    fn added_function_is_additive() {
        let d = diff_of("a#1 = A;", "a#1 = A;\n---functions---\nphone.getA#5 = A;");
        assert_eq!(d.added[0].kind, Kind::Function);
        assert_eq!(classes(&d.added[0]), [("", Incompatible, Additive)]);
        assert_eq!(
            d.added[0].changes[0].rust_reason,
            "new struct `functions::phone::GetA`"
        );
    }

    #[test]
    fn id_change_only_is_not_an_api_change() {
        assert_eq!(
            changed("a#1 x:int = A;", "a#2 x:int = A;"),
            [("id_changed", Incompatible, ApiImpact::None)]
        );
    }

    #[test]
    fn required_field_added_breaks_new() {
        let d = diff_of("a#1 x:int = A;", "a#1 x:int y:string = A;");
        assert_eq!(
            classes(&d.changed[0]),
            [("field_added", Incompatible, Breaking)]
        );
        assert_eq!(
            d.changed[0].changes[0].rust_reason,
            "`types::A` gains the required `y: String`: `new` takes it, struct literals need it"
        );
    }

    #[test]
    fn optional_fields_added_are_additive() {
        let d = diff_of(
            "a#1 flags:# x:int = A;",
            "a#1 flags:# x:int y:flags.0?string z:flags.1?true = A;",
        );
        assert_eq!(
            classes(&d.changed[0]),
            [
                ("field_added", Partial, Additive),
                ("field_added", WireImpact::None, Additive),
                ("", WireImpact::None, Breaking),
                ("", WireImpact::None, Breaking),
            ]
        );
        // A `#` no field referred to was a plain `u32`; now it is computed.
        assert_eq!(
            d.changed[0].changes[3].rust_reason,
            "`types::A` loses `flags: u32`: what it held is another member's now (or a flags \
             word computed on write)"
        );
        // The struct grew past the size enums hold inline: its variant now
        // holds it boxed, which the TL text does not show.
        assert_eq!(
            d.changed[0].changes[2].rust_reason,
            "variant `enums::A::A` holds `Box<types::A>` (was `types::A`); `.into()` builds either"
        );
        assert!(
            d.changed[0].changes[0].rust_reason.starts_with(
                "`types::A` gains the optional `y: Option<String>`, set with `with_y`"
            )
        );
    }

    #[test]
    fn a_new_flags_word_is_not_a_rust_field() {
        assert_eq!(
            changed("a#1 x:int = A;", "a#1 flags:# x:int y:flags.0?int = A;"),
            [
                ("field_added", Incompatible, ApiImpact::None),
                ("field_added", Partial, Additive),
            ]
        );
    }

    #[test]
    fn fields_removed_break() {
        assert_eq!(
            changed("a#1 flags:# x:int y:flags.0?int = A;", "a#1 flags:# = A;"),
            [
                ("field_removed", Incompatible, Breaking),
                ("field_removed", Partial, Breaking),
                // The `#` nothing refers to any more becomes a `u32` for `new`.
                ("", WireImpact::None, Breaking),
            ]
        );
    }

    #[test]
    fn retyped_fields_break_unless_the_rust_type_is_the_same() {
        assert_eq!(
            changed(
                "a#1 x:int y:long = A;",
                "int32 = Int32;\na#1 x:int32 y:string = A;"
            ),
            [
                ("field_retyped", WireImpact::None, ApiImpact::None),
                ("field_retyped", Incompatible, Breaking),
            ]
        );
    }

    #[test]
    fn flag_bit_moved_keeps_the_rust_api() {
        let d = diff_of(
            "a#1 flags:# x:flags.0?int = A;",
            "a#1 flags:# x:flags.4?int = A;",
        );
        assert_eq!(
            classes(&d.changed[0]),
            [("flag_bit_moved", Partial, ApiImpact::None)]
        );
        assert_eq!(
            d.changed[0].changes[0].rust_reason,
            "`types::A` keeps `x: Option<i32>` (flags words are computed)"
        );
    }

    #[test]
    fn a_field_leaving_a_shared_bit_regroups_the_others() {
        // layer 186 -> 230's `messageActionGiftCode`: `unclaimed` named the
        // group of bit 2; once it moves, the group is `currency`'s.
        let d = diff_of(
            "a#1 flags:# unclaimed:flags.2?true currency:flags.2?string amount:flags.2?long = A;",
            "a#1 flags:# unclaimed:flags.5?true currency:flags.2?string amount:flags.2?long = A;",
        );
        assert_eq!(
            classes(&d.changed[0]),
            [
                ("flag_bit_moved", Partial, Breaking),
                ("", WireImpact::None, Additive),
            ]
        );
        let reasons: Vec<&str> = d.changed[0]
            .changes
            .iter()
            .map(|c| c.rust_reason.as_str())
            .collect();
        assert_eq!(
            reasons,
            [
                "`types::A`: `unclaimed: Option<types::a::Unclaimed>` (fields `currency: String, \
                 amount: i64`) is now `unclaimed: bool`",
                "`types::A` gains `currency: Option<types::a::Currency>` (fields `currency: String, \
                 amount: i64`), holding what another member held (or a flags word no field refers \
                 to any more)",
            ]
        );
    }

    #[test]
    fn becoming_conditional_or_required_breaks() {
        let d = diff_of(
            "a#1 flags:# x:int y:flags.0?int = A;",
            "a#1 flags:# x:flags.1?int y:int = A;",
        );
        assert_eq!(
            classes(&d.changed[0]),
            [
                ("became_conditional", Partial, Breaking),
                ("became_required", Incompatible, Breaking),
            ]
        );
        assert_eq!(
            d.changed[0].changes[0].rust_reason,
            "`types::A`: `x: i32` is now `x: Option<i32>`; `new` no longer takes it"
        );
    }

    #[test]
    fn result_type_changed() {
        let d = diff_of(
            "a#1 = A;\nb#2 = B;\n---functions---\nget#9 = A;",
            "a#1 = A;\nb#2 = B;\n---functions---\nget#9 = Vector<B>;",
        );
        assert_eq!(
            classes(&d.changed[0]),
            [("result_changed", Incompatible, Breaking)]
        );
        assert_eq!(
            d.changed[0].changes[0].rust_reason,
            "`functions::Get`'s `RemoteCall::Return` is `Vec<enums::B>` (was `enums::A`)"
        );
    }

    #[test]
    fn reordering_required_fields_reorders_new() {
        assert_eq!(
            changed("a#1 x:int y:long = A;", "a#1 y:long x:int = A;"),
            [("fields_reordered", Incompatible, Breaking)]
        );
    }

    #[test]
    fn variant_renamed_by_a_new_sibling_is_reported_without_a_tl_change() {
        let d = diff_of(
            "inputPeerUser#1 id:long = InputPeer;",
            "inputPeerUser#1 id:long = InputPeer;\nuser#2 id:long = InputPeer;",
        );
        assert_eq!(d.changed, []);
        assert_eq!(d.rust_only.len(), 1);
        assert_eq!(
            (d.rust_only[0].wire(), d.rust_only[0].rust()),
            (WireImpact::None, Breaking)
        );
        assert!(
            d.rust_only[0].changes[0].rust_reason.starts_with(
                "variant `enums::InputPeer::User` is now `enums::InputPeer::InputPeerUser`"
            ),
            "{d:#?}"
        );
    }

    #[test]
    fn an_enum_losing_an_accessor_is_reported_on_the_type() {
        let d = diff_of(
            "a#1 id:int = T;\nb#2 id:int = T;",
            "a#1 id:int = T;\nb#3 id:long = T;",
        );
        let t = &d.types[0];
        assert_eq!((t.name.full(), t.rust()), ("T".to_owned(), Breaking));
        assert_eq!(
            t.changes[0].rust_reason,
            "`enums::T::id() -> i32` is gone (not every constructor has that field any more)"
        );
    }
}
