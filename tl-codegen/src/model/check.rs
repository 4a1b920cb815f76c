//! What the schema asks for that Rust cannot express, found on the model before
//! anything is emitted: every problem is a [`Diagnostic`] naming the definition,
//! never a panic, a skipped definition or code that does not compile.
//!
//! Two TL names that become one Rust name in one scope are an error, never a
//! silent rename (`fooBar` and `foo_bar` both become `FooBar`). Scopes: each
//! generated module (structs, group modules, enums and namespace modules), the
//! group structs of a combinator, the variants of each enum, the fields of each
//! struct (every TL field, flags words included: they become locals of the
//! generated code), and the type parameters of each function.

use super::naming::RustName;
use super::{Model, Return, Scope, Struct, ValueType};
use std::collections::{BTreeMap, HashSet};
use tl_parser::diagnostic::cap_repeats;
use tl_parser::{Code, Combinator, Diagnostic, Field, Kind, Location, Ty};

/// Every reason the model cannot be emitted.
pub(super) fn check(model: &Model<'_>) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for s in &model.structs {
        representable(s, &mut diagnostics);
    }
    if let Some(layer) = model.schema.layer {
        if i32::try_from(layer).is_err() {
            if let Some(first) = model.schema.combinators().next() {
                diagnostics.push(
                    Diagnostic::error(
                        Code::NotRepresentable,
                        first.location,
                        format!("layer {layer} does not fit the generated `LAYER: i32`"),
                    )
                    .with_help("layers are small numbers; check the `// LAYER` comment"),
                );
            }
        }
    }
    diagnostics.extend(collisions(model));
    // A schema that clashes everywhere (thousands of names that differ only
    // in case) reports a few and counts the rest, as the checker does.
    cap_repeats(diagnostics)
}

/// A field whose type the model could not resolve (the checker rejects undefined
/// names, so this is a bare use of `Bool`'s constructors, which have no struct).
pub(super) fn unresolved(c: &Combinator, field: &Field) -> Diagnostic {
    Diagnostic::error(
        Code::NotRepresentable,
        field.location,
        format!(
            "field `{}` of `{}` uses a constructor that has no Rust struct (bare `Bool` \
             constructors: `Bool` is generated as `bool`)",
            field.name, c.name
        ),
    )
    .with_help("use the boxed type `Bool`")
}

/// Problems of one struct.
fn representable(s: &Struct<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let c = s.c;
    if c.kind == Kind::Constructor && !c.type_params.is_empty() {
        diagnostics.push(
            Diagnostic::error(
                Code::NotRepresentable,
                c.location,
                format!("constructor `{}` has type parameters", c.name),
            )
            .with_help(
                "tlgen generates generic functions (`{X:Type} query:!X = X`) but not generic \
                 constructors; only the built-in `vector` may be generic",
            ),
        );
    }
    // The parameters the fields use, found in one pass over the fields.
    let mut used_params: HashSet<&str> = HashSet::new();
    if !c.type_params.is_empty() {
        for f in &c.fields {
            used_params.extend(param_used(&f.ty));
        }
    }
    for param in &c.type_params {
        if !used_params.contains(param.name.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    Code::NotRepresentable,
                    c.location,
                    format!(
                        "type parameter `{}` of `{}` is not used by any field",
                        param.name, c.name
                    ),
                )
                .with_help(format!(
                    "use it in a field (`query:!{}`) or remove it",
                    param.name
                )),
            );
        }
    }
    // Which fields hold bits of other fields, found in one pass.
    let mut is_flags_word = vec![false; c.fields.len()];
    for cond in c.fields.iter().filter_map(|f| f.condition) {
        if let Some(word) = is_flags_word.get_mut(cond.flags_field) {
            *word = true;
        }
    }
    for (field, &is_flags_word) in c.fields.iter().zip(&is_flags_word) {
        if field.ty == Ty::Flags && field.condition.is_some() && is_flags_word {
            diagnostics.push(
                Diagnostic::error(
                    Code::NotRepresentable,
                    field.location,
                    format!(
                        "flags field `{}` of `{}` is itself conditional",
                        field.name, c.name
                    ),
                )
                .with_help("flags words that other fields depend on must always be present"),
            );
        }
    }
    for (_, values, _) in s.groups() {
        for &i in values {
            let (Some(field), Some(resolved)) = (c.fields.get(i), s.fields.get(i)) else {
                continue;
            };
            if matches!(resolved.ty, ValueType::Param(_)) {
                diagnostics.push(
                    Diagnostic::error(
                        Code::NotRepresentable,
                        field.location,
                        format!(
                            "`{}` of `{}` is generic and shares a flag bit with other fields",
                            field.name, c.name
                        ),
                    )
                    .with_help("give the generic field a flag bit of its own"),
                );
            }
        }
    }
    if let Some(Return::Value(ty)) = &s.returns {
        if !Model::is_canonical(ty) {
            diagnostics.push(
                Diagnostic::error(
                    Code::NotRepresentable,
                    c.location,
                    format!(
                        "the result `{}` of function `{}` cannot be decoded as a boxed value",
                        super::docs::ty(&c.result),
                        c.name
                    ),
                )
                .with_help(
                    "a function's result must be a boxed type, `Vector` of one, a builtin other \
                     than `bytes`, `Object` or a type parameter",
                ),
            );
        }
    }
}

/// The type parameter `ty` mentions, if any.
fn param_used(ty: &Ty) -> Option<&str> {
    match ty {
        Ty::Param { name, .. } => Some(name),
        Ty::Vector { item, .. } => param_used(item),
        _ => None,
    }
}

/// Claimed names per scope: (scope, Rust name) -> (TL description, where).
#[derive(Default)]
struct Claims {
    taken: BTreeMap<(String, String), (String, Location)>,
    diagnostics: Vec<Diagnostic>,
}

impl Claims {
    /// Claims `rust` in `scope` for the TL thing `tl` at `location`. Claiming the
    /// same name for the same TL thing again is fine (a namespace used twice).
    fn claim(&mut self, scope: &str, rust: &RustName, tl: &str, location: Location) {
        let key = (scope.to_owned(), rust.display());
        match self.taken.get(&key) {
            None => {
                self.taken.insert(key, (tl.to_owned(), location));
            }
            Some((first, _)) if first == tl => {}
            Some((first, first_location)) => {
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::RustNameCollision,
                        location,
                        format!(
                            "{tl} and {first} both become the Rust name `{}` in {scope}",
                            rust.display()
                        ),
                    )
                    .with_label(format!("becomes `{}`", rust.display()))
                    .with_secondary(*first_location, format!("{first} is here"))
                    .with_help(
                        "rename one of them in the schema; tlgen never renames silently, \
                         so that names stay predictable",
                    ),
                );
            }
        }
    }

    /// Claims the namespace modules leading to `scope` for the TL namespace
    /// `tl_namespace`.
    fn claim_modules(&mut self, scope: &Scope, tl_namespace: &[String], location: Location) {
        let mut parent = Scope {
            section: scope.section,
            namespace: Vec::new(),
        };
        for (depth, name) in scope.namespace.iter().take(tl_namespace.len()).enumerate() {
            let prefix: Vec<&str> = tl_namespace
                .iter()
                .take(depth + 1)
                .map(String::as_str)
                .collect();
            self.claim(
                &format!("module `{}`", parent.describe()),
                name,
                &format!("namespace `{}`", prefix.join(".")),
                location,
            );
            parent = parent.child(name);
        }
    }
}

/// Every clash of Rust names in the model.
fn collisions(model: &Model<'_>) -> Vec<Diagnostic> {
    let mut claims = Claims::default();
    for s in &model.structs {
        let c = s.c;
        let module = format!("module `{}`", s.scope.describe());
        let kind = match c.kind {
            Kind::Constructor => "constructor",
            Kind::Function => "function",
        };
        claims.claim_modules(&s.scope, &c.name.namespace, c.location);
        claims.claim(
            &module,
            &s.name,
            &format!("{kind} `{}`", c.name),
            c.location,
        );
        if s.groups().next().is_some() {
            claims.claim(
                &module,
                &s.layout.group_module,
                &format!("the module of the shared-bit fields of `{}`", c.name),
                c.location,
            );
        }
        let group_module = format!("module `{}`", s.group_scope().describe());
        for (member, values, struct_name) in s.groups() {
            let location = values
                .first()
                .and_then(|&i| c.fields.get(i))
                .map_or(c.location, |f| f.location);
            let leader = s.layout.members.get(member).map_or("", |m| m.name.text());
            claims.claim(
                &group_module,
                struct_name,
                &format!(
                    "the struct for the fields of `{}` sharing a bit with `{leader}`",
                    c.name
                ),
                location,
            );
        }
        let fields = format!("the fields of `{}`", c.name);
        for (tl, field) in c.fields.iter().zip(&s.fields) {
            claims.claim(
                &fields,
                &field.name,
                &format!("field `{}`", tl.name),
                tl.location,
            );
        }
        let params = format!("the type parameters of `{}`", c.name);
        for (tl, param) in c.type_params.iter().zip(&s.params) {
            claims.claim(
                &params,
                &param.name,
                &format!("type parameter `{}`", tl.name),
                c.location,
            );
        }
    }
    for e in &model.enums {
        let Some(first) =
            e.t.constructors
                .first()
                .and_then(|&i| model.schema.constructors.get(i))
        else {
            continue;
        };
        claims.claim_modules(&e.scope, &e.t.name.namespace, first.location);
        claims.claim(
            &format!("module `{}`", e.scope.describe()),
            &e.name,
            &format!("type `{}`", e.t.name),
            first.location,
        );
        let variants = format!("the variants of enum `{}`", e.t.name);
        for v in &e.variants {
            if let Some(s) = model.structs.get(v.struct_id) {
                claims.claim(
                    &variants,
                    &v.name,
                    &format!("constructor `{}`", s.c.name),
                    s.c.location,
                );
            }
        }
    }
    claims.diagnostics
}
