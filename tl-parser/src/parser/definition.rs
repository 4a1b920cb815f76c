//! The grammar of one combinator definition, from its name to its `;`.
//!
//! ```text
//! definition  := full-name ['#' hex] type-param* (arg* | '?') '=' result ';'
//! type-param  := '{' name ':' ['!'] term '}'
//! arg         := [name ':'] [cond] ['!'] term
//!              | [name ':'] [term '*'] '[' arg* ']'
//! cond        := name ['.' number] '?'
//! term        := '(' expr ')' | '%' term | '#' | number
//!              | full-name ['<' expr (',' expr)* '>']
//! expr        := term term*
//! result      := term term*          (on one line)
//! ```

use super::error::{PResult, SyntaxError, backtrack, fail};
use super::lexical::{
    accept, expect, full_name, hex_id, ident_segment, is_ident_start, number, trivia,
};
use crate::ast::{
    Arg, Condition, Definition, FieldArg, Ident, Number, RepeatArg, Section, TypeExpr,
    TypeExprKind, TypeParam,
};
use crate::diagnostic::Code;
use crate::source::{Span, has_line_break};

/// Turns remaining-input lengths into absolute spans, and counts how deep
/// the parser is inside a type.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx {
    /// Length of the whole file.
    pub len: usize,
    /// How many `<…>`, `(…)`, `%` and `[…]` enclose the current position.
    pub depth: usize,
}

impl Ctx {
    /// The context one level deeper, inside the `<`, `(`, `%` or `[` that
    /// `at` starts with; an error past [`MAX_NESTING`](crate::MAX_NESTING).
    ///
    /// The grammar is recursive (a term holds expressions of terms), and so
    /// is every later walk over a type: bounding the depth here keeps every
    /// stage's stack bounded, in the parser and after it.
    pub fn nested(self, at: &str) -> Result<Ctx, nom::Err<SyntaxError>> {
        if self.depth >= crate::MAX_NESTING {
            let opening = at.chars().next().unwrap_or('<');
            return fail(
                SyntaxError::at(
                    at,
                    Code::NestingTooDeep,
                    format!(
                        "`{opening}` opens level {} of nesting: types nest at most {} levels deep",
                        self.depth + 1,
                        crate::MAX_NESTING
                    ),
                )
                .help(format!(
                    "write the type with at most {} levels of `<…>`, `(…)`, `%` and `[…]` inside \
                     one another (Telegram's and TDLib's schemas nest 2 deep at most)",
                    crate::MAX_NESTING
                )),
            );
        }
        Ok(Ctx {
            depth: self.depth + 1,
            ..self
        })
    }

    /// The span from where `before` starts to where `after` starts.
    pub fn span(self, before: &str, after: &str) -> Span {
        Span::new(self.len - before.len(), self.len - after.len())
    }

    /// The absolute offset of the start of `at`.
    pub fn offset(self, at: &str) -> usize {
        self.len - at.len()
    }
}

/// Parses one definition and pushes it onto `out` (built in place, as
/// [`arg`] does); `input` starts at its first character. Returns the input
/// after the definition's `;`.
pub(crate) fn definition<'a>(
    ctx: Ctx,
    section: Section,
    input: &'a str,
    out: &mut Vec<Definition<'a>>,
) -> Result<&'a str, nom::Err<SyntaxError>> {
    let start = input;
    let (rest, name_text) = full_name(input).or_else(|e| match e {
        nom::Err::Error(_) => fail(SyntaxError::expected(input, "a definition name")),
        failure => Err(failure),
    })?;
    let name = Ident {
        text: name_text,
        span: ctx.span(input, rest),
    };
    if let Some(c) = rest.chars().next().filter(|c| !c.is_ascii()) {
        return fail(
            SyntaxError::at(
                rest,
                Code::UnexpectedCharacter,
                format!(
                    "`{c}` (U+{:04X}) cannot appear in the name `{name_text}…`",
                    u32::from(c)
                ),
            )
            .help("TL names use only ASCII letters, digits and `_`; non-ASCII text belongs in comments"),
        );
    }
    let (rest, id) = match rest.strip_prefix('#') {
        Some(after_hash) => {
            let (r, value) = hex_id(after_hash)?;
            let number = Number {
                value,
                span: ctx.span(after_hash, r),
            };
            (r, Some(number))
        }
        _ => (rest, None),
    };
    let (mut rest, _) = trivia(rest)?;
    let mut type_params = Vec::new();
    while rest.starts_with('{') {
        let (r, param) = type_param(ctx, rest)?;
        type_params.push(param);
        rest = trivia(r)?.0;
    }
    let (mut rest, builtin_marker) = accept(rest, "?")?;
    let mut args = Vec::new();
    if !builtin_marker {
        loop {
            let (r, _) = trivia(rest)?;
            rest = r;
            if rest.starts_with('=') || rest.is_empty() || rest.starts_with(';') {
                break;
            }
            rest = arg(ctx, rest, &mut args)?;
        }
    }
    let (rest, _) = expect(rest, "=", "`=` before the result type")?;
    let (rest, _) = trivia(rest)?;
    let (rest, result) = result_type(ctx, rest)?;
    let rest = semicolon(rest, name.text)?;
    out.push(Definition {
        section,
        name,
        id,
        type_params,
        args,
        builtin_marker,
        result,
        doc: None,
        span: ctx.span(start, rest),
    });
    Ok(rest)
}

/// The closing `;`, with a precise message when it is missing.
fn semicolon<'a>(input: &'a str, name: &str) -> Result<&'a str, nom::Err<SyntaxError>> {
    let (after, _) = trivia(input)?;
    if let Some(rest) = after.strip_prefix(';') {
        return Ok(rest);
    }
    let help = format!("end the definition of `{name}` with `;`");
    let error = if after.is_empty() {
        SyntaxError::covering(
            input,
            0,
            Code::UnexpectedEnd,
            format!("missing `;` at end of file: the definition of `{name}` is not terminated"),
        )
    } else if has_line_break(input.get(..input.len() - after.len()).unwrap_or_default()) {
        SyntaxError::covering(
            input,
            0,
            Code::Expected,
            format!("missing `;` after the definition of `{name}`"),
        )
    } else {
        SyntaxError::expected(after, "`;` after the result type")
    };
    fail(error.help(help))
}

/// `{X:Type}`.
fn type_param(ctx: Ctx, input: &str) -> PResult<'_, TypeParam<'_>> {
    let start = input;
    let (rest, _) = expect(input, "{", "`{`")?;
    let (rest, _) = trivia(rest)?;
    let (after_name, name) = ident_segment(rest).or_else(|_| {
        fail(SyntaxError::expected(
            rest,
            "a type parameter name after `{`",
        ))
    })?;
    let name = Ident {
        text: name,
        span: ctx.span(rest, after_name),
    };
    let (rest, _) = expect(after_name, ":", "`:` after the type parameter name")?;
    let (rest, bang) = accept(rest, "!")?;
    let (rest, _) = trivia(rest)?;
    let (rest, ty) = term(ctx, rest)?;
    let (rest, _) = expect(rest, "}", "`}` to close the type parameter")?;
    Ok((
        rest,
        TypeParam {
            name,
            ty,
            bang,
            span: ctx.span(start, rest),
        },
    ))
}

/// One argument (field or repetition), pushed onto `args`; returns the
/// input after it.
///
/// Pushing here rather than returning the argument saves a copy of each
/// one: an argument is large, and it used to be moved out through a
/// `Result` and then again into the list.
fn arg<'a>(
    ctx: Ctx,
    input: &'a str,
    args: &mut Vec<Arg<'a>>,
) -> Result<&'a str, nom::Err<SyntaxError>> {
    let start = input;
    // `name:` prefix?
    let (rest, name) = match ident_segment(input) {
        Ok((after, text)) => match trivia(after)?.0.strip_prefix(':') {
            Some(r) => (
                r,
                Some(Ident {
                    text,
                    span: ctx.span(input, after),
                }),
            ),
            None => (input, None),
        },
        Err(_) => (input, None),
    };
    let (rest, _) = trivia(rest)?;
    if name.is_some() && rest.is_empty() {
        return fail(SyntaxError::expected(rest, "a type after `:`"));
    }
    // The simple term here is what three alternatives start with: the
    // multiplicity of a repetition, the flags field of a condition and the
    // field's type. It is parsed once and shared (it borrows, so sharing it
    // costs a copy of a few words).
    let head = simple_term(ctx, rest);
    // Repetition `[ … ]` or `n*[ … ]`.
    if let Some((r, repeat)) = repetition(ctx, start, name, rest, &head)? {
        args.push(Arg::Repeat(repeat));
        return Ok(r);
    }
    let (rest, condition) = condition(ctx, rest, &head)?;
    let (rest, bang) = accept(rest, "!")?;
    let (rest, _) = trivia(rest)?;
    let anonymous = name.is_none() && condition.is_none() && !bang;
    // Without a condition or `!`, the type starts where `head` was parsed.
    let ty = if condition.is_none() && !bang && !rest.starts_with(['(', '%']) {
        named_term(ctx, rest, head)
    } else {
        term(ctx, rest)
    };
    let (rest, ty) = ty.map_err(|e| match e {
        nom::Err::Error(_) if anonymous => nom::Err::Failure(SyntaxError::expected(
            rest,
            "a field such as `name:Type`, or `=`",
        )),
        nom::Err::Error(err) => nom::Err::Failure(err),
        other => other,
    })?;
    args.push(Arg::Field(FieldArg {
        name,
        condition,
        bang,
        ty,
        span: ctx.span(start, rest),
    }));
    Ok(rest)
}

/// `[ args ]` or `mult*[ args ]`, if that is what comes next; `head` is
/// [`simple_term`] of `input`.
fn repetition<'a>(
    ctx: Ctx,
    start: &'a str,
    name: Option<Ident<'a>>,
    input: &'a str,
    head: &PResult<'a, TypeExpr<'a>>,
) -> Result<Option<(&'a str, RepeatArg<'a>)>, nom::Err<SyntaxError>> {
    let (rest, multiplicity) = if input.starts_with('[') {
        (input, None)
    } else {
        let Ok((after_term, mult)) = head else {
            return Ok(None);
        };
        let (after_star, star) = accept(after_term, "*")?;
        if !star {
            return Ok(None);
        }
        let (r, _) = trivia(after_star)?;
        if !r.starts_with('[') {
            return fail(SyntaxError::expected(r, "`[` after `*`"));
        }
        (r, Some(mult.clone()))
    };
    if !rest.starts_with('[') {
        return Ok(None);
    }
    let ctx = ctx.nested(rest)?;
    let mut rest = &rest[1..];
    let mut args = Vec::new();
    loop {
        let (r, _) = trivia(rest)?;
        rest = r;
        if let Some(r) = rest.strip_prefix(']') {
            rest = r;
            break;
        }
        if rest.is_empty() || rest.starts_with(';') || rest.starts_with('=') {
            return fail(SyntaxError::expected(rest, "`]` to close the repetition"));
        }
        rest = arg(ctx, rest, &mut args)?;
    }
    Ok(Some((
        rest,
        RepeatArg {
            name,
            multiplicity,
            args,
            span: ctx.span(start, rest),
        },
    )))
}

/// `flags.3?` if it comes next; `head` is [`simple_term`] of `input`, whose
/// name (if it is one) is the flags field's.
fn condition<'a>(
    ctx: Ctx,
    input: &'a str,
    head: &PResult<'a, TypeExpr<'a>>,
) -> PResult<'a, Option<Condition<'a>>> {
    let &Ok((
        after_name,
        TypeExpr {
            kind: TypeExprKind::Name(field),
            ..
        },
    )) = head
    else {
        return Ok((input, None));
    };
    let (rest, bit) = match after_name.strip_prefix('.') {
        Some(after_dot) if after_dot.starts_with(|c: char| c.is_ascii_digit()) => {
            let (r, value) = number(after_dot)?;
            (
                r,
                Some(Number {
                    value,
                    span: ctx.span(after_dot, r),
                }),
            )
        }
        _ => (after_name, None),
    };
    match rest.strip_prefix('?') {
        Some(r) => Ok((
            r,
            Some(Condition {
                field: Ident {
                    text: field,
                    span: ctx.span(input, after_name),
                },
                bit,
                span: ctx.span(input, r),
            }),
        )),
        None if bit.is_some() => fail(
            SyntaxError::expected(rest, "`?` after the flag bit")
                .help("a conditional field is written `name:flags.N?Type`"),
        ),
        None => Ok((input, None)),
    }
}

/// A term that is not an application: name, `#`, number.
#[inline(always)]
fn simple_term(ctx: Ctx, input: &str) -> PResult<'_, TypeExpr<'_>> {
    if let Some(rest) = input.strip_prefix('#') {
        return Ok((
            rest,
            TypeExpr {
                kind: TypeExprKind::Nat,
                span: ctx.span(input, rest),
            },
        ));
    }
    if input.starts_with(|c: char| c.is_ascii_digit()) {
        let (rest, n) = number(input)?;
        return Ok((
            rest,
            TypeExpr {
                kind: TypeExprKind::Number(n),
                span: ctx.span(input, rest),
            },
        ));
    }
    match full_name(input) {
        Ok((rest, name)) => Ok((
            rest,
            TypeExpr {
                kind: TypeExprKind::Name(name),
                span: ctx.span(input, rest),
            },
        )),
        Err(nom::Err::Error(_)) => backtrack(SyntaxError::expected(input, "a type")),
        Err(failure) => Err(failure),
    }
}

/// One type term.
pub(crate) fn term(ctx: Ctx, input: &str) -> PResult<'_, TypeExpr<'_>> {
    if let Some(inner) = input.strip_prefix('(') {
        let ctx = ctx.nested(input)?;
        let (rest, _) = trivia(inner)?;
        let (rest, mut expr) = expression(ctx, rest, false)?;
        let (rest, _) = expect(rest, ")", "`)` to close the parenthesised type")?;
        expr.span = ctx.span(input, rest);
        return Ok((rest, expr));
    }
    if let Some(inner) = input.strip_prefix('%') {
        let (rest, _) = trivia(inner)?;
        let (rest, bare) = term(ctx.nested(input)?, rest)?;
        return Ok((
            rest,
            TypeExpr {
                kind: TypeExprKind::Bare(Box::new(bare)),
                span: ctx.span(input, rest),
            },
        ));
    }
    named_term(ctx, input, simple_term(ctx, input))
}

/// A term that is neither parenthesised nor bare: `head`, the [`simple_term`]
/// of `input`, with its `<…>` arguments if any follow.
#[inline(always)]
fn named_term<'a>(
    ctx: Ctx,
    input: &'a str,
    head: PResult<'a, TypeExpr<'a>>,
) -> PResult<'a, TypeExpr<'a>> {
    let (rest, head) = head?;
    if !(matches!(head.kind, TypeExprKind::Name(_)) && rest.starts_with('<')) {
        return Ok((rest, head));
    }
    let inner = ctx.nested(rest)?;
    let mut rest = &rest[1..];
    // The head and, nearly always, a single argument (`Vector<T>`).
    let mut terms = Vec::with_capacity(2);
    terms.push(head);
    loop {
        let (r, _) = trivia(rest)?;
        let (r, arg) = expression(inner, r, false).map_err(|e| match e {
            nom::Err::Error(err) => nom::Err::Failure(err),
            other => other,
        })?;
        terms.push(arg);
        let (r, _) = trivia(r)?;
        if let Some(r) = r.strip_prefix(',') {
            rest = r;
            continue;
        }
        if let Some(r) = r.strip_prefix('>') {
            rest = r;
            break;
        }
        return fail(
            SyntaxError::expected(r, "`>` to close the type arguments")
                .help("generic arguments are written `Vector<Type>`"),
        );
    }
    Ok((rest, apply(ctx, input, rest, terms)))
}

/// `term term*`: an application when more than one term follows. With
/// `one_line`, the application stops at the end of the line.
fn expression(ctx: Ctx, input: &str, one_line: bool) -> PResult<'_, TypeExpr<'_>> {
    let (mut rest, head) = term(ctx, input)?;
    // `head` moves into `terms` when a second term follows.
    let mut head = Some(head);
    let mut terms = Vec::new();
    loop {
        let (r, _) = trivia(rest)?;
        // Only asked when it matters, and only when trivia was skipped.
        let crossed_line = || {
            one_line
                && rest.len() != r.len()
                && has_line_break(rest.get(..rest.len() - r.len()).unwrap_or_default())
        };
        let starts_term = r.starts_with(|c: char| {
            is_ident_start(c) || c.is_ascii_digit() || matches!(c, '(' | '%' | '#')
        });
        if !starts_term || crossed_line() {
            break;
        }
        let (r, a) = term(ctx, r)?;
        terms.extend(head.take());
        terms.push(a);
        rest = r;
    }
    match head {
        Some(head) => Ok((rest, head)),
        None => Ok((rest, apply(ctx, input, rest, terms))),
    }
}

/// The result type after `=`.
fn result_type(ctx: Ctx, input: &str) -> PResult<'_, TypeExpr<'_>> {
    expression(ctx, input, true).map_err(|e| match e {
        nom::Err::Error(err) => nom::Err::Failure(SyntaxError {
            message: super::error::Message::Text(
                err.message
                    .render()
                    .replace("expected a type", "expected the result type"),
            ),
            ..err
        }),
        other => other,
    })
}

/// The application `terms` (the head, then its arguments), spanning from
/// `input` to `rest`.
fn apply<'a>(ctx: Ctx, input: &str, rest: &str, terms: Vec<TypeExpr<'a>>) -> TypeExpr<'a> {
    TypeExpr {
        kind: TypeExprKind::Apply(terms),
        span: ctx.span(input, rest),
    }
}
