//! Turning type expressions into resolved [`Ty`] values.

use super::suggest::closest;
use crate::ast::{TypeExpr, TypeExprKind};
use crate::diagnostic::{Code, Diagnostic};
use crate::hash::{FastMap, FastSet};
use crate::schema::{Builtin, Name, Ty};
use crate::source::{FileId, Location};
use std::cell::Cell;

/// A boxed type and the constructors whose result it is.
pub(crate) struct TypeEntry<'a> {
    /// The type name.
    pub name: &'a str,
    /// The name of its first constructor (a bare `%Type` stands for it when
    /// it is the only one).
    pub first: &'a str,
    /// Its constructors, in order, as indices of the pending definitions.
    pub pending: Vec<usize>,
}

/// Everything a type name can refer to. Names borrow from the source text
/// (`'a`); the tables are the checker's (`'s`).
pub(crate) struct Scope<'s, 'a> {
    /// Names declared by built-in lines that stand for another type
    /// (`int512`, `Function`).
    pub declared: &'s FastMap<String, Ty>,
    /// Boxed types, in order of first appearance.
    pub types: &'s [TypeEntry<'a>],
    /// Boxed type name -> index in `types`.
    pub type_index: &'s FastMap<&'a str, usize>,
    /// Names of all constructors.
    pub constructors: &'s FastSet<&'a str>,
    /// How many more undefined names get a did-you-mean: finding one weighs
    /// every name of the schema, and past the first
    /// [`REPEAT_LIMIT`](crate::diagnostic::REPEAT_LIMIT) such errors the rest
    /// are only counted, so they need none.
    pub suggestions_left: Cell<usize>,
}

/// The context of one combinator: its file and generic parameters.
pub(crate) struct Local<'a> {
    /// The file the combinator is in.
    pub file: FileId,
    /// Its `{X:Type}` parameter names.
    pub params: &'a FastSet<&'a str>,
}

impl Scope<'_, '_> {
    /// Resolves `expr`; `bang` when written `!expr`.
    pub fn resolve(
        &self,
        local: &Local<'_>,
        expr: &TypeExpr<'_>,
        bang: bool,
    ) -> Result<Ty, Box<Diagnostic>> {
        let at = Location {
            file: local.file,
            span: expr.span,
        };
        match &expr.kind {
            &TypeExprKind::Name(name) => {
                if !local.params.is_empty() && local.params.contains(name) {
                    return Ok(Ty::Param {
                        name: name.to_owned(),
                        bang,
                    });
                }
                if bang {
                    return err(Diagnostic::error(
                        Code::UnboundTypeParameter,
                        at,
                        format!("`!{name}` refers to no type parameter"),
                    )
                    .with_label("not declared")
                    .with_help(format!(
                        "declare the parameter before the fields, e.g. `{{{name}:Type}}`, or remove the `!`"
                    )));
                }
                self.resolve_name(name, at)
            }
            TypeExprKind::Nat => Ok(Ty::Flags),
            TypeExprKind::Number(n) => err(Diagnostic::error(
                Code::Unsupported,
                at,
                format!("a number (`{n}`) cannot be used as a type"),
            )),
            TypeExprKind::Bare(inner) => self.resolve_bare(local, inner, at),
            TypeExprKind::Apply(terms) => match terms.split_first() {
                Some((head, args)) => self.resolve_apply(local, head, args, at),
                // The parser never builds an empty application.
                None => err(Diagnostic::error(
                    Code::WrongTypeArity,
                    at,
                    "empty type application",
                )),
            },
        }
    }

    fn resolve_name(&self, name: &str, at: Location) -> Result<Ty, Box<Diagnostic>> {
        if let Some(b) = Builtin::from_tl_name(name) {
            return Ok(Ty::Builtin(b));
        }
        if let Some(ty) = self.declared.get(name) {
            return Ok(ty.clone());
        }
        match name {
            "true" => return Ok(Ty::True),
            "Object" => return Ok(Ty::Object),
            "Vector" | "vector" => {
                return err(Diagnostic::error(
                    Code::WrongTypeArity,
                    at,
                    format!("`{name}` needs an item type"),
                )
                .with_help(format!("write `{name}<T>`, e.g. `{name}<long>`")));
            }
            _ => {}
        }
        if is_boxed_name(name) {
            if self.type_index.contains_key(name) {
                return Ok(Ty::Boxed(Name::parse(name)));
            }
        } else if self.constructors.contains(name) {
            return Ok(Ty::Bare(Name::parse(name)));
        }
        err(self.undefined(name, at))
    }

    fn undefined(&self, name: &str, at: Location) -> Diagnostic {
        let d = Diagnostic::error(Code::UndefinedType, at, format!("undefined type `{name}`"));
        let plain = |d: Diagnostic| {
            d.with_label("not defined in this schema")
                .with_help(format!(
                    "define a constructor whose result type is `{name}`, or check the spelling"
                ))
        };
        let Some(left) = self.suggestions_left.get().checked_sub(1) else {
            return plain(d);
        };
        self.suggestions_left.set(left);
        let builtins = Builtin::ALL
            .iter()
            .map(|b| b.tl_name())
            .chain(["true", "Object", "Vector", "vector"])
            .chain(self.declared.keys().map(String::as_str));
        // Sorted, so that ties between suggestions go the same way every time.
        let mut types: Vec<&str> = self.types.iter().map(|t| t.name).collect();
        types.sort_unstable();
        let mut constructors: Vec<&str> = self.constructors.iter().copied().collect();
        constructors.sort_unstable();
        // Only names of the same case class: a boxed name is not a typo of a
        // bare one (after a built-in line tlgen rejected, `Uint` must not
        // suggest `uint`).
        let boxed = is_boxed_name(name);
        let candidates = types
            .into_iter()
            .chain(constructors)
            .chain(builtins)
            .filter(|c| is_boxed_name(c) == boxed);
        match closest(name, candidates) {
            Some(s) => d
                .with_label(format!("did you mean `{s}`?"))
                .with_help(format!(
                    "did you mean `{s}`? If not, define a constructor whose result type is `{name}`"
                )),
            None if name == "Bool" => d.with_label("not defined in this schema").with_help(
                "add `boolFalse#bc799737 = Bool;` and `boolTrue#997275b5 = Bool;` to the schema",
            ),
            None => plain(d),
        }
    }

    fn resolve_bare(
        &self,
        local: &Local<'_>,
        inner: &TypeExpr<'_>,
        at: Location,
    ) -> Result<Ty, Box<Diagnostic>> {
        let ty = self.resolve(local, inner, false)?;
        match ty {
            Ty::Boxed(name) => {
                let full = name.full();
                let entry = self.type_index.get(full.as_str()).map(|&i| &self.types[i]);
                match entry {
                    Some(entry) if entry.pending.len() == 1 => Ok(Ty::Bare(Name::parse(entry.first))),
                    _ => err(Diagnostic::error(
                        Code::AmbiguousBareType,
                        at,
                        format!(
                            "`%{full}` is ambiguous: type `{full}` has {} constructors",
                            entry.map_or(0, |e| e.pending.len())
                        ),
                    )
                    .with_help("a bare type needs exactly one constructor; name the constructor instead (lowercase)")),
                }
            }
            Ty::Vector { item, .. } => Ok(Ty::Vector { boxed: false, item }),
            other => Ok(other),
        }
    }

    fn resolve_apply(
        &self,
        local: &Local<'_>,
        head: &TypeExpr<'_>,
        args: &[TypeExpr<'_>],
        at: Location,
    ) -> Result<Ty, Box<Diagnostic>> {
        let head_name = match &head.kind {
            TypeExprKind::Name(n) => n,
            _ => "",
        };
        if head_name == "Vector" || head_name == "vector" {
            return match args {
                [item] => Ok(Ty::Vector {
                    boxed: head_name == "Vector",
                    item: Box::new(self.resolve(local, item, false)?),
                }),
                _ => err(Diagnostic::error(
                    Code::WrongTypeArity,
                    at,
                    format!(
                        "`{head_name}` takes one type argument, found {}",
                        args.len()
                    ),
                )
                .with_help(format!("write `{head_name}<T>`"))),
            };
        }
        // Resolve the head to report an undefined name before the arity.
        self.resolve(local, head, false)?;
        err(Diagnostic::error(
            Code::WrongTypeArity,
            at,
            format!("type `{head_name}` takes no type arguments"),
        )
        .with_help("only `Vector` and `vector` are generic in TL schemas tlgen supports"))
    }
}

/// Whether a (possibly namespaced) name denotes a boxed type: its last
/// segment starts with an uppercase letter.
pub(crate) fn is_boxed_name(name: &str) -> bool {
    // A byte loop: names are short, and `rsplit_once` goes through `memrchr`,
    // whose setup cost more than the search (this runs for every type named).
    let bytes = name.as_bytes();
    let last = match bytes.iter().rposition(|&b| b == b'.') {
        Some(dot) => bytes.get(dot + 1..).unwrap_or_default(),
        None => bytes,
    };
    last.first().is_some_and(u8::is_ascii_uppercase)
}

/// A resolution failure (boxed: diagnostics are large and errors are rare).
fn err<T>(d: Diagnostic) -> Result<T, Box<Diagnostic>> {
    Err(Box::new(d))
}
