//! The spanned syntax tree of one TL file, exactly as written.
//!
//! Every node carries the byte [`Span`] it came from. Nothing here is
//! resolved: see [`crate::schema`] for the checked model.
//!
//! Names borrow from the source text (`'a`): building the tree allocates only
//! for lists and nested types, not for every identifier.

use crate::source::Span;

/// Which section of the file a definition stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    /// Constructors (`---types---`, and the start of every file).
    Types,
    /// Functions (`---functions---`).
    Functions,
}

/// A name as written, possibly namespaced (`phone.joinGroupCall`), with its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ident<'a> {
    /// The text, dots included.
    pub text: &'a str,
    /// Where it was written.
    pub span: Span,
}

/// A number as written, with its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    /// The value.
    pub value: u32,
    /// Where it was written.
    pub span: Span,
}

/// Documentation gathered from the comment lines directly above a definition.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Doc {
    /// The comment text, one entry per line, without the `//` markers.
    pub lines: Vec<String>,
    /// The `@description` of the `//@description … @field …` form, when used.
    pub description: Option<String>,
    /// Per-field documentation of the `//@field text` form, in order.
    pub fields: Vec<(String, String)>,
}

impl Doc {
    /// The documentation as one paragraph of text: the `@description` if
    /// present, else the comment lines joined with newlines.
    pub fn summary(&self) -> String {
        match &self.description {
            Some(d) => d.clone(),
            None => self.lines.join("\n"),
        }
    }

    /// The documentation of field `name`, from the `@name text` form.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
    }
}

/// A type expression as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeExpr<'a> {
    /// What kind of expression.
    pub kind: TypeExprKind<'a>,
    /// Where it was written.
    pub span: Span,
}

/// The forms of [`TypeExpr`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExprKind<'a> {
    /// A (possibly namespaced) name: `int`, `Updates`, `storage.FileType`, `t`.
    Name(&'a str),
    /// `#`, the natural-number type (a flags word).
    Nat,
    /// A numeric constant, as in `4*[ int ]`.
    Number(u32),
    /// `%T`: the bare form of `T`.
    Bare(Box<TypeExpr<'a>>),
    /// `F<A, B>`, `F A B` or `(F A B)`: the type being applied (`F`)
    /// followed by its arguments, in one list so that an application costs
    /// one allocation rather than two. The parser always puts at least two
    /// terms in it; [`TypeExprKind::application`] splits it.
    Apply(Vec<TypeExpr<'a>>),
}

impl<'a> TypeExprKind<'a> {
    /// For an [`TypeExprKind::Apply`]: the type being applied and its
    /// arguments. `None` for every other form (and for an empty list, which
    /// the parser never builds).
    pub fn application(&self) -> Option<(&TypeExpr<'a>, &[TypeExpr<'a>])> {
        match self {
            TypeExprKind::Apply(terms) => terms.split_first(),
            _ => None,
        }
    }
}

/// A flag condition `flags.3?`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition<'a> {
    /// The flags field named.
    pub field: Ident<'a>,
    /// The bit number; `None` for the rare `field?` form.
    pub bit: Option<Number>,
    /// Where the condition was written (name through `?`).
    pub span: Span,
}

/// A generic parameter `{X:Type}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeParam<'a> {
    /// `X`.
    pub name: Ident<'a>,
    /// `Type` (or `#`).
    pub ty: TypeExpr<'a>,
    /// Whether written `{X:!Type}`.
    pub bang: bool,
    /// From `{` to `}`.
    pub span: Span,
}

/// One argument of a combinator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg<'a> {
    /// `name:flags.0?!Type`, or an anonymous `Type`.
    Field(FieldArg<'a>),
    /// `name:n*[ args ]` (a repetition; found in core lines such as `vector`).
    Repeat(RepeatArg<'a>),
}

impl Arg<'_> {
    /// The span of the whole argument.
    pub fn span(&self) -> Span {
        match self {
            Arg::Field(f) => f.span,
            Arg::Repeat(r) => r.span,
        }
    }
}

/// A field argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldArg<'a> {
    /// The name; `None` for anonymous arguments such as the `#` of `vector`.
    pub name: Option<Ident<'a>>,
    /// The flag condition, if any.
    pub condition: Option<Condition<'a>>,
    /// Whether the type is written with `!` (`query:!X`).
    pub bang: bool,
    /// The type.
    pub ty: TypeExpr<'a>,
    /// The whole argument.
    pub span: Span,
}

/// A repetition argument `n*[ args ]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatArg<'a> {
    /// The optional name before `:`.
    pub name: Option<Ident<'a>>,
    /// The multiplicity before `*`, if written.
    pub multiplicity: Option<TypeExpr<'a>>,
    /// The repeated arguments.
    pub args: Vec<Arg<'a>>,
    /// The whole argument.
    pub span: Span,
}

/// One combinator definition, up to and including its `;`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition<'a> {
    /// The section it stands in.
    pub section: Section,
    /// Its full name.
    pub name: Ident<'a>,
    /// The written `#id`, if any.
    pub id: Option<Number>,
    /// `{X:Type}` parameters.
    pub type_params: Vec<TypeParam<'a>>,
    /// The arguments, in order.
    pub args: Vec<Arg<'a>>,
    /// Whether this is a built-in declaration written `name ? = Type;`.
    pub builtin_marker: bool,
    /// The result type after `=`.
    pub result: TypeExpr<'a>,
    /// Documentation from the comment lines directly above (boxed: most
    /// definitions have none, and a smaller node is cheaper to move).
    pub doc: Option<Box<Doc>>,
    /// From the first character of the name through the `;`.
    pub span: Span,
}

/// One parsed file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct File<'a> {
    /// All definitions, in source order.
    pub definitions: Vec<Definition<'a>>,
    /// The `//@class Name @description …` comments (TDLib's documentation of a
    /// boxed type), in source order: type name and description.
    pub classes: Vec<(String, String)>,
    /// The `// LAYER N` comment, if present (the last one wins).
    pub layer: Option<Number>,
}
