//! Two TL names that become one Rust name in the same scope are an error, never a
//! silent rename: `fooBar` and `foo_bar` both become `FooBar`.
//!
//! Scopes checked: each generated module (structs, group structs, enums and nested
//! namespace modules share the type namespace), the variants of each enum, the
//! fields of each struct (every TL field, flags words included, since they become
//! locals of the generated code), and the type parameters of each function.

use crate::context::{Context, Scope};
use crate::layout::MemberKind;
use crate::naming::{self, RustName};
use std::collections::BTreeMap;
use tl_parser::{Code, Combinator, Diagnostic, Location};

/// Claimed names per scope: Rust name -> (TL description, where).
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
                        Code::DuplicateName,
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

    /// Claims the namespace modules leading to `scope`.
    fn claim_modules(&mut self, scope: &Scope, c: &Combinator, tl_namespace: &[String]) {
        let mut parent = Scope {
            section: scope.section,
            namespace: Vec::new(),
        };
        for name in scope.namespace.iter().take(tl_namespace.len()) {
            let prefix: Vec<&str> = tl_namespace
                .iter()
                .take(parent.namespace.len() + 1)
                .map(String::as_str)
                .collect();
            self.claim(
                &format!("module `{}`", parent.describe()),
                name,
                &format!("namespace `{}`", prefix.join(".")),
                c.location,
            );
            parent.namespace.push(name.clone());
        }
    }

    /// Claims the fields and type parameters of `c`.
    fn claim_fields(&mut self, c: &Combinator) {
        let scope = format!("the fields of `{}`", c.name);
        for field in &c.fields {
            self.claim(
                &scope,
                &naming::field_name(&field.name),
                &format!("field `{}`", field.name),
                field.location,
            );
        }
        let scope = format!("the type parameters of `{}`", c.name);
        for param in &c.type_params {
            self.claim(
                &scope,
                &naming::type_name(&param.name),
                &format!("type parameter `{}`", param.name),
                c.location,
            );
        }
    }
}

/// Every clash of Rust names in the code generated for the schema of `ctx`.
pub(crate) fn check(ctx: &Context<'_>) -> Vec<Diagnostic> {
    let mut claims = Claims::default();
    for (index, c) in ctx.schema.constructors.iter().enumerate() {
        if ctx.is_bool_constructor(index) {
            continue;
        }
        let (scope, name) = Context::constructor_item(c);
        claim_struct(
            &mut claims,
            c,
            &scope,
            &name,
            ctx.constructor_layouts.get(index),
        );
    }
    for (index, f) in ctx.schema.functions.iter().enumerate() {
        let (scope, name) = Context::function_item(f);
        claim_struct(
            &mut claims,
            f,
            &scope,
            &name,
            ctx.function_layouts.get(index),
        );
    }
    for (index, t) in ctx.schema.types.iter().enumerate() {
        if ctx.is_bool_type(index) {
            continue;
        }
        let Some(first) = t
            .constructors
            .first()
            .and_then(|&i| ctx.schema.constructors.get(i))
        else {
            continue;
        };
        let (scope, name) = Context::enum_item(t);
        claims.claim_modules(&scope, first, &t.name.namespace);
        claims.claim(
            &format!("module `{}`", scope.describe()),
            &name,
            &format!("type `{}`", t.name),
            first.location,
        );
        let variants = format!("the variants of enum `{}`", t.name);
        for &i in &t.constructors {
            if let Some(c) = ctx.schema.constructors.get(i) {
                claims.claim(
                    &variants,
                    &naming::type_name(&c.name.name),
                    &format!("constructor `{}`", c.name),
                    c.location,
                );
            }
        }
    }
    claims.diagnostics
}

/// Claims the struct of `c`, its group structs, its modules and its fields.
fn claim_struct(
    claims: &mut Claims,
    c: &Combinator,
    scope: &Scope,
    name: &RustName,
    layout: Option<&crate::layout::Layout>,
) {
    let module = format!("module `{}`", scope.describe());
    let kind = match c.kind {
        tl_parser::Kind::Constructor => "constructor",
        tl_parser::Kind::Function => "function",
    };
    claims.claim_modules(scope, c, &c.name.namespace);
    claims.claim(&module, name, &format!("{kind} `{}`", c.name), c.location);
    let Some(layout) = layout else {
        claims.claim_fields(c);
        return;
    };
    if layout.has_groups() {
        claims.claim(
            &module,
            &layout.group_module,
            &format!("the module of the shared-bit fields of `{}`", c.name),
            c.location,
        );
    }
    let mut group_scope = scope.clone();
    group_scope.namespace.push(layout.group_module.clone());
    let group_module = format!("module `{}`", group_scope.describe());
    for member in &layout.members {
        if let MemberKind::Group {
            struct_name,
            values,
            ..
        } = &member.kind
        {
            let location = values
                .first()
                .and_then(|&i| c.fields.get(i))
                .map_or(c.location, |f| f.location);
            claims.claim(
                &group_module,
                struct_name,
                &format!(
                    "the struct for the fields of `{}` sharing a bit with `{}`",
                    c.name,
                    member.name.text()
                ),
                location,
            );
        }
    }
    claims.claim_fields(c);
}
