//! Checks that a checked schema can be generated, before any code is: every
//! problem becomes a [`Diagnostic`] naming the definition, never a panic, a silently
//! skipped definition or code that does not compile.

use crate::context::Context;
use crate::layout::MemberKind;
use tl_parser::{Code, Combinator, Diagnostic, Kind, Ty};

/// Every reason the schema of `ctx` cannot be generated.
pub(crate) fn check(ctx: &Context<'_>) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for c in ctx.schema.combinators() {
        check_combinator(ctx, c, &mut diagnostics);
    }
    for (index, layout) in ctx.function_layouts.iter().enumerate() {
        let Some(f) = ctx.schema.functions.get(index) else {
            continue;
        };
        for member in &layout.members {
            let MemberKind::Group { values, .. } = &member.kind else {
                continue;
            };
            for field in values.iter().filter_map(|&i| f.fields.get(i)) {
                if matches!(field.ty, Ty::Param { .. }) {
                    diagnostics.push(
                        Diagnostic::error(
                            Code::Unsupported,
                            field.location,
                            format!(
                                "`{}` of `{}` is generic and shares a flag bit with other fields",
                                field.name, f.name
                            ),
                        )
                        .with_help("give the generic field a flag bit of its own"),
                    );
                }
            }
        }
    }
    if let Some(layer) = ctx.schema.layer {
        if i32::try_from(layer).is_err() {
            if let Some(first) = ctx.schema.combinators().next() {
                diagnostics.push(
                    Diagnostic::error(
                        Code::Unsupported,
                        first.location,
                        format!("layer {layer} does not fit the generated `LAYER: i32`"),
                    )
                    .with_help("layers are small numbers; check the `// LAYER` comment"),
                );
            }
        }
    }
    diagnostics
}

/// Problems of one constructor or function.
fn check_combinator(ctx: &Context<'_>, c: &Combinator, diagnostics: &mut Vec<Diagnostic>) {
    if c.kind == Kind::Constructor && !c.type_params.is_empty() {
        diagnostics.push(
            Diagnostic::error(
                Code::Unsupported,
                c.location,
                format!("constructor `{}` has type parameters", c.name),
            )
            .with_help(
                "tlgen generates generic functions (`{X:Type} query:!X = X`) but not generic \
                 constructors; only the built-in `vector` may be generic",
            ),
        );
    }
    for param in &c.type_params {
        let used = c.fields.iter().any(|f| uses_param(&f.ty, &param.name));
        if !used {
            diagnostics.push(
                Diagnostic::error(
                    Code::Unsupported,
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
    for field in &c.fields {
        if let Some(problem) = unresolved(ctx, &field.ty) {
            diagnostics.push(
                Diagnostic::error(
                    Code::UndefinedType,
                    field.location,
                    format!("field `{}` of `{}`: {problem}", field.name, c.name),
                )
                .with_help("define the type in the schema, or check the spelling"),
            );
        }
        let is_flags_word = c.fields.iter().any(|f| {
            f.condition
                .is_some_and(|cond| c.fields.get(cond.flags_field) == Some(field))
        });
        if field.ty == Ty::Flags && field.condition.is_some() && is_flags_word {
            diagnostics.push(
                Diagnostic::error(
                    Code::Unsupported,
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
    if c.kind == Kind::Function {
        let returnable = match &c.result {
            Ty::Param { name, .. } => c.type_params.iter().any(|p| &p.name == name),
            other => ctx.is_canonical(other),
        };
        if !returnable {
            diagnostics.push(
                Diagnostic::error(
                    Code::Unsupported,
                    c.location,
                    format!(
                        "the result `{}` of function `{}` cannot be decoded as a boxed value",
                        crate::docs::ty(&c.result),
                        c.name
                    ),
                )
                .with_help(
                    "a function's result must be a boxed type, `Vector` of one, a builtin other \
                     than `bytes`, `Object` or a type parameter",
                ),
            );
        } else if let Some(problem) = unresolved(ctx, &c.result) {
            diagnostics.push(Diagnostic::error(
                Code::UndefinedType,
                c.location,
                format!("the result of `{}`: {problem}", c.name),
            ));
        }
    }
}

/// Whether `ty` mentions parameter `name`.
fn uses_param(ty: &Ty, name: &str) -> bool {
    match ty {
        Ty::Param { name: n, .. } => n == name,
        Ty::Vector { item, .. } => uses_param(item, name),
        _ => false,
    }
}

/// Why `ty` cannot be spelled in Rust, if it cannot.
fn unresolved(ctx: &Context<'_>, ty: &Ty) -> Option<String> {
    match ty {
        Ty::Boxed(name) => ctx
            .boxed_type(name)
            .is_none()
            .then(|| format!("type `{name}` is not defined")),
        Ty::Bare(name) => match ctx.constructor_index(name) {
            None => Some(format!("constructor `{name}` is not defined")),
            Some(index) if ctx.is_bool_constructor(index) => Some(format!(
                "bare `{name}` has no data (`Bool` is generated as `bool`)"
            )),
            Some(_) => None,
        },
        Ty::Vector { item, .. } => unresolved(ctx, item),
        _ => None,
    }
}
