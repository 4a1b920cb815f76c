//! AST to checked [`Schema`]: names resolved, flags validated, ids verified.

mod resolve;
mod suggest;

use crate::ast::{self, Arg, Definition, Section, TypeExprKind};
use crate::diagnostic::{Code, Diagnostic, cap_repeats};
use crate::hash::{FastMap, FastSet, Lookup};
use crate::parser::parse_file;
use crate::print::{self, Form};
use crate::schema::{
    Builtin, BuiltinDecl, Combinator, Condition, Field, FlagGroup, IdRule, IdRuleReason, Kind,
    Name, Schema, Ty, TypeDef, TypeParam,
};
use crate::source::{FileId, Location, Sources, Span};
use resolve::{Local, Scope, TypeEntry, is_boxed_name};
use std::cell::Cell;
use std::collections::HashMap;

/// The name among `candidates` closest to `wanted` by edit distance, if it is
/// close enough to be a likely typo (ties go to the earliest candidate). The
/// checker's did-you-mean rule, for tools that suggest names too.
pub fn closest_name<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    suggest::closest(wanted, candidates)
}

/// The names among `candidates` that `wanted` likely stands for, best first,
/// at most `max`: those that differ from it only in case when there are any,
/// else the nearest by edit distance as in [`closest_name`] (ties in the
/// candidates' order, each name once).
pub fn closest_names<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    max: usize,
) -> Vec<&'a str> {
    suggest::closest_names(wanted, candidates, max)
}

/// The outcome of checking: the schema (with every definition that could be
/// checked) and every diagnostic, errors and warnings, in source order.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The checked schema. When there are errors it holds what could be checked.
    pub schema: Schema,
    /// All diagnostics, sorted by file and position; past
    /// [`REPEAT_LIMIT`](crate::diagnostic::REPEAT_LIMIT) of one code, the
    /// rest are counted in one "and N more" entry at the end
    /// ([`cap_repeats`](crate::diagnostic::cap_repeats)).
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// How many errors were found ("and N more" entries count as N).
    pub fn error_count(&self) -> usize {
        self.errors().map(|d| d.count).sum()
    }

    /// How many warnings were found ("and N more" entries count as N).
    pub fn warning_count(&self) -> usize {
        self.warnings().map(|d| d.count).sum()
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.is_error())
    }

    /// The schema if there were no errors, else the errors.
    pub fn into_result(self) -> Result<(Schema, Vec<Diagnostic>), Vec<Diagnostic>> {
        if self.has_errors() {
            Err(self.diagnostics)
        } else {
            Ok((self.schema, self.diagnostics))
        }
    }
}

/// Names a core built-in line may declare, besides the [`Builtin`]s and
/// repetitions of `int` (`int512 16*[ int ] = Int512;`).
const OTHER_BUILTIN_NAMES: [&str; 3] = ["vector", "object", "function"];

/// Built-ins that only TDLib's and TON's schemas declare: one of them picks
/// TDLib's id rule when no written id tells the rules apart.
const TDLIB_DECLARATIONS: [&str; 8] = [
    "int32",
    "int53",
    "int64",
    "object",
    "function",
    "secureString",
    "secureBytes",
    // `bytes` declared as a constructor (TDLib's `bytes = Bytes;`, TON's
    // `bytes data:string = Bytes;`), not as `bytes ? = Bytes;`.
    "bytes",
];

/// Options of [`check_with`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CheckOptions {
    /// The rule for ids that are not written; `None` chooses it from the
    /// schema (see [`IdRuleReason`]).
    pub id_rule: Option<IdRule>,
}

impl CheckOptions {
    /// Forces the id rule (`None`: choose it from the schema).
    #[must_use]
    pub fn id_rule(mut self, rule: Option<IdRule>) -> Self {
        self.id_rule = rule;
        self
    }
}

/// Parses every file of `sources` and checks them together as one schema,
/// choosing the id rule from the schema.
pub fn check(sources: &Sources) -> Checked {
    check_with(sources, CheckOptions::default())
}

/// Parses every file of `sources` and checks them together as one schema.
pub fn check_with(sources: &Sources, options: CheckOptions) -> Checked {
    let mut diagnostics = Vec::new();
    let mut files = Vec::with_capacity(sources.len());
    let mut layers = Vec::new();
    let mut classes: HashMap<String, String> = HashMap::new();
    for (file, source) in sources.iter() {
        let (parsed, errors) = parse_file(file, source.text());
        diagnostics.extend(errors);
        if let Some(layer) = parsed.layer {
            layers.push((file, layer));
        }
        for (name, description) in parsed.classes {
            classes.entry(name).or_insert(description);
        }
        files.push((file, parsed.definitions));
    }
    let mut checker = Checker {
        diagnostics,
        classes,
        ..Checker::default()
    };
    checker.layer(&layers);
    // The definitions move from the parsed files straight into the checker.
    let count = files.iter().map(|(_, defs)| defs.len()).sum();
    let definitions = files
        .into_iter()
        .flat_map(|(file, defs)| defs.into_iter().map(move |d| (file, d)));
    checker.collect(count, definitions, options.id_rule);
    if checker.schema.constructors.is_empty()
        && checker.schema.functions.is_empty()
        && checker.schema.builtins.is_empty()
        && !checker.diagnostics.iter().any(Diagnostic::is_error)
    {
        let file = sources.iter().next().map_or(FileId(0), |(id, _)| id);
        checker.diagnostics.push(
            Diagnostic::error(
                Code::EmptySchema,
                Location {
                    file,
                    span: Span::new(0, 0),
                },
                "the schema holds no definitions",
            )
            .with_help("pass a TL file with at least one definition such as `user#12345678 id:long = User;`"),
        );
    }
    checker.report_id_mismatches();
    let mut diagnostics = checker.diagnostics;
    diagnostics.sort_by_key(|d| (d.primary.location.file, d.primary.location.span.start));
    Checked {
        schema: checker.schema,
        diagnostics: cap_repeats(diagnostics),
    }
}

/// A definition that passed the first checks, waiting for resolution.
struct Pending<'a> {
    file: FileId,
    def: Definition<'a>,
    computed_id: u32,
    normalized: String,
}

impl Pending<'_> {
    fn kind(&self) -> Kind {
        match self.def.section {
            Section::Types => Kind::Constructor,
            Section::Functions => Kind::Function,
        }
    }

    fn name_location(&self) -> Location {
        Location {
            file: self.file,
            span: self.def.name.span,
        }
    }

    fn id(&self) -> u32 {
        self.def.id.map_or(self.computed_id, |n| n.value)
    }

    /// The whole definition, name through `;`.
    fn location(&self) -> Location {
        Location {
            file: self.file,
            span: self.def.span,
        }
    }
}

#[derive(Default)]
struct Checker {
    diagnostics: Vec<Diagnostic>,
    schema: Schema,
    /// One buffer for printing definitions; the texts kept are copied out.
    text: String,
    /// `//@class` descriptions by type name.
    classes: HashMap<String, String>,
    /// Names declared by built-in lines that stand for a type their name does
    /// not say (`int512` for 16 words, `Function` for any boxed value).
    declared: FastMap<String, Ty>,
    /// W0301 warnings with the definition each is about, held back until
    /// every error is known ([`Checker::report_id_mismatches`]).
    id_mismatches: Vec<(Location, Diagnostic)>,
}

impl Checker {
    fn layer(&mut self, layers: &[(FileId, ast::Number)]) {
        let Some(&(first_file, first)) = layers.first() else {
            return;
        };
        self.schema.layer = Some(first.value);
        for &(file, n) in &layers[1..] {
            if n.value != first.value {
                self.diagnostics.push(
                    Diagnostic::warning(
                        Code::LayerMismatch,
                        Location { file, span: n.span },
                        format!(
                            "layer {} differs from layer {} named earlier",
                            n.value, first.value
                        ),
                    )
                    .with_secondary(
                        Location {
                            file: first_file,
                            span: first.span,
                        },
                        "first named here",
                    )
                    .with_help("check files of one layer together; the first layer named is used"),
                );
            }
        }
    }

    /// Checks the `count` definitions of `definitions` one by one, then
    /// resolves the ones that passed. Ids are computed once the rule is known:
    /// `requested`, or the one the schema's written ids and declarations show.
    fn collect<'a>(
        &mut self,
        count: usize,
        definitions: impl Iterator<Item = (FileId, Definition<'a>)>,
        requested: Option<IdRule>,
    ) {
        let mut all: Vec<Pending<'a>> = Vec::with_capacity(count);
        // Written ids of definitions the two rules hash differently, counted
        // by the rule that reproduces them.
        let (mut telegram_votes, mut tdlib_votes) = (0, 0);
        let mut declaration: Option<&'a str> = None;
        for (file, def) in definitions {
            self.text.clear();
            print::write_definition(&mut self.text, &def, Form::Normalized);
            let computed_id = crc32fast::hash(self.text.as_bytes());
            let normalized = self.text.as_str().to_owned();
            if let (Some(written), true) = (def.id, rules_differ(&def)) {
                let literal = crc32fast::hash(print::definition(&def, Form::Literal).as_bytes());
                telegram_votes += usize::from(written.value == computed_id);
                tdlib_votes += usize::from(written.value == literal);
            }
            let name = def.name.text;
            if declaration.is_none()
                && is_builtin(&def)
                && TDLIB_DECLARATIONS.contains(&name)
                && !(name == "bytes" && def.builtin_marker)
            {
                declaration = Some(name);
            }
            all.push(Pending {
                file,
                def,
                computed_id,
                normalized,
            });
        }
        let (rule, reason) = match (requested, declaration) {
            (Some(rule), _) => (rule, IdRuleReason::Requested),
            _ if telegram_votes != tdlib_votes => (
                if telegram_votes > tdlib_votes {
                    IdRule::Telegram
                } else {
                    IdRule::Tdlib
                },
                IdRuleReason::WrittenIds {
                    telegram: telegram_votes,
                    tdlib: tdlib_votes,
                },
            ),
            (None, Some(name)) => (IdRule::Tdlib, IdRuleReason::Declaration(name.to_owned())),
            (None, None) => (IdRule::Telegram, IdRuleReason::Default),
        };
        self.schema.id_rule = rule;
        self.schema.id_rule_reason = reason;

        let mut pending: Vec<Pending<'a>> = Vec::with_capacity(count);
        let mut builtin_seen: HashMap<String, (String, Location)> = HashMap::new();
        let mut seen: FastMap<(Kind, &str), usize> = FastMap::default();
        seen.reserve(count);
        for mut p in all {
            if rule == IdRule::Tdlib && rules_differ(&p.def) {
                p.normalized = print::definition(&p.def, Form::Literal);
                p.computed_id = crc32fast::hash(p.normalized.as_bytes());
            }
            self.verify_id(&p);
            if is_builtin(&p.def) {
                self.builtin(p, &mut builtin_seen);
                continue;
            }
            if let Some(repeat) = p.def.args.iter().find(|a| matches!(a, Arg::Repeat(_))) {
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::Unsupported,
                        Location { file: p.file, span: repeat.span() },
                        format!("repetition `[ … ]` in `{}` is not supported", p.def.name.text),
                    )
                    .with_help("repetitions are only understood in built-in lines: `vector`, and repetitions of `int` such as `int512 16*[ int ] = Int512;`"),
                );
                continue;
            }
            if let Some(d) = unknown_number_type(&p) {
                self.diagnostics.push(d);
                continue;
            }
            let key = (p.kind(), p.def.name.text);
            if let Some(&first) = seen.get(&key) {
                let earlier: &Pending<'_> = &pending[first];
                if earlier.normalized == p.normalized && earlier.id() == p.id() {
                    continue; // The same definition twice (e.g. shared by two files).
                }
                let d = duplicate_name(earlier, &p);
                self.diagnostics.push(d);
                continue;
            }
            seen.insert(key, pending.len());
            pending.push(p);
        }
        self.check_ids(&pending);
        self.resolve_all(pending);
    }

    fn verify_id(&mut self, p: &Pending<'_>) {
        let Some(written) = p.def.id else {
            return;
        };
        if written.value == p.computed_id {
            return;
        }
        let rule = self.schema.id_rule;
        let mut d = Diagnostic::warning(
            Code::IdMismatch,
            Location {
                file: p.file,
                span: written.span,
            },
            format!(
                "written id #{:08x} of `{}` differs from the computed id #{:08x}",
                written.value, p.def.name.text, p.computed_id
            ),
        )
        .with_label("written here")
        .with_note(format!(
            "text hashed ({} id rule): `{}`",
            rule.name(),
            p.normalized
        ))
        .with_note(format!(
            "written #{:08x}, CRC32 of that text #{:08x}",
            written.value, p.computed_id
        ))
        .with_help("the written id is used; if the definition was edited, update or remove the id");
        // Say so when the written id follows another rule.
        let others: &[(Form, &str)] = match rule {
            IdRule::Tdlib => &[(
                Form::Normalized,
                "Telegram's rule hashes it (`bytes` as `string`, `flags.N?true` fields left out)",
            )],
            _ => &[
                (
                    Form::NormalizedBytesKept,
                    "with `bytes` left unchanged: it was computed without the `bytes` -> `string` rule",
                ),
                (Form::Literal, "as written (TDLib's id rule)"),
            ],
        };
        for &(form, how) in others {
            let text = print::definition(&p.def, form);
            if text != p.normalized && crc32fast::hash(text.as_bytes()) == written.value {
                d = d.with_note(format!("the written id is the CRC32 of the text {how}"));
                break;
            }
        }
        self.id_mismatches.push((p.location(), d));
    }

    /// Adds the W0301 warnings of the definitions that have no error.
    ///
    /// The id computed for a definition with an error (an unknown type, a
    /// bad flag) hashes text that is wrong, so the mismatch would be a
    /// knock-on of that error, shown before it on the same line. An error
    /// belongs to the definition its primary location lies in (definitions
    /// do not overlap); parse errors inside a definition count too.
    fn report_id_mismatches(&mut self) {
        let mut errors: Vec<(FileId, usize)> = self
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| (d.primary.location.file, d.primary.location.span.start))
            .collect();
        errors.sort_unstable();
        for (definition, warning) in std::mem::take(&mut self.id_mismatches) {
            let Location { file, span } = definition;
            // The first error at or after the definition's start, if any.
            let first = errors.partition_point(|&e| e < (file, span.start));
            let has_error = errors
                .get(first)
                .is_some_and(|&(f, start)| f == file && start < span.end);
            if !has_error {
                self.diagnostics.push(warning);
            }
        }
    }

    fn builtin(&mut self, p: Pending<'_>, seen: &mut HashMap<String, (String, Location)>) {
        let name = p.def.name.text.to_owned();
        let location = p.name_location();
        let repetition = int_repetition(&p.def);
        let known =
            Builtin::from_tl_name(&name).is_some() || OTHER_BUILTIN_NAMES.contains(&name.as_str());
        let expected_words = match name.as_str() {
            "int128" => Some(4),
            "int256" => Some(8),
            _ => None,
        };
        if let (Some(words), Some(expected)) = (repetition, expected_words) {
            if words != expected {
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::UnknownBuiltin,
                        location,
                        format!("`{name}` is declared as {words} `int`s; it is {expected}"),
                    )
                    .with_help(format!("write `{name} {expected}*[ int ] = ...;`")),
                );
                return;
            }
        }
        if !known && repetition.is_none() {
            let mut names: Vec<&str> = Builtin::ALL.iter().map(|b| b.tl_name()).collect();
            names.extend(OTHER_BUILTIN_NAMES);
            self.diagnostics.push(
                Diagnostic::error(
                    Code::UnknownBuiltin,
                    location,
                    format!("`{name}` is not a built-in type tlgen knows"),
                )
                .with_help(format!(
                    "the built-in types are {}, and repetitions of `int` such as `int512 16*[ int ] = Int512;`; other types need constructors with fields",
                    names.join(", ")
                )),
            );
            return;
        }
        if let Some((normalized, first)) = seen.get(&name) {
            if *normalized != p.normalized {
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::DuplicateName,
                        location,
                        format!("built-in `{name}` is declared twice, differently"),
                    )
                    .with_secondary(*first, "first declared here"),
                );
            }
            return;
        }
        seen.insert(name.clone(), (p.normalized.clone(), location));
        let type_name = match &p.def.result.kind {
            TypeExprKind::Name(n) => (*n).to_owned(),
            TypeExprKind::Apply(terms) => terms
                .first()
                .map(|head| print::type_expr(head, Form::Canonical))
                .unwrap_or_default(),
            _ => String::new(),
        };
        match (name.as_str(), repetition) {
            // Any object or function is a boxed value on the wire, its id
            // first; TON's schemas name them both ways (`o:object`, `Function`).
            ("object" | "function", _) => {
                self.declared.insert(name.clone(), Ty::Object);
                self.declared.insert(type_name.clone(), Ty::Object);
            }
            (_, Some(words)) if !known => {
                let array = Ty::IntArray {
                    name: name.clone(),
                    words,
                };
                self.declared.insert(name.clone(), array);
            }
            _ => {}
        }
        self.schema.builtins.push(BuiltinDecl {
            name,
            type_name,
            written_id: p.def.id.map(|n| n.value),
            computed_id: p.computed_id,
            kind: p.kind(),
            location,
        });
    }

    fn check_ids(&mut self, pending: &[Pending<'_>]) {
        let mut by_id: FastMap<u32, &Pending<'_>> = FastMap::default();
        by_id.reserve(pending.len());
        for p in pending {
            match by_id.get(&p.id()) {
                Some(first) if first.kind() == Kind::Function && p.kind() == Kind::Function => {
                    self.diagnostics.push(
                        Diagnostic::warning(
                            Code::SharedFunctionId,
                            p.name_location(),
                            format!(
                                "functions `{}` and `{}` share id #{:08x}",
                                p.def.name.text,
                                first.def.name.text,
                                p.id()
                            ),
                        )
                        .with_secondary(first.name_location(), "first declared here")
                        .with_note(format!("id lookups give `{}` for this id", first.def.name.text))
                        .with_help("TDLib declares a function's head under a second name this way; if that is not meant, give one of them its own id"),
                    );
                }
                Some(first) => self.diagnostics.push(
                    Diagnostic::error(
                        Code::DuplicateId,
                        p.name_location(),
                        format!(
                            "`{}` has id #{:08x}, already used by `{}`",
                            p.def.name.text,
                            p.id(),
                            first.def.name.text
                        ),
                    )
                    .with_secondary(first.name_location(), "first used here")
                    .with_help("every constructor and function needs its own id; fix or remove the written id"),
                ),
                None => {
                    by_id.insert(p.id(), p);
                }
            }
        }
    }

    fn resolve_all(&mut self, pending: Vec<Pending<'_>>) {
        // Boxed types in order of first appearance, and where each one is.
        let mut types: Vec<TypeEntry<'_>> = Vec::new();
        let mut type_index: FastMap<&str, usize> = FastMap::default();
        let mut constructors: FastSet<&str> = FastSet::default();
        constructors.reserve(pending.len());
        let mut valid_constructor = vec![false; pending.len()];
        for (i, p) in pending.iter().enumerate() {
            if p.kind() != Kind::Constructor {
                continue;
            }
            match p.def.result.kind {
                TypeExprKind::Name(n) if is_boxed_name(n) => {
                    let slot = *type_index.entry(n).or_insert_with(|| {
                        types.push(TypeEntry {
                            name: n,
                            first: p.def.name.text,
                            pending: Vec::new(),
                        });
                        types.len() - 1
                    });
                    types[slot].pending.push(i);
                    constructors.insert(p.def.name.text);
                    valid_constructor[i] = true;
                }
                _ => self.diagnostics.push(
                    Diagnostic::error(
                        Code::InvalidResultType,
                        Location {
                            file: p.file,
                            span: p.def.result.span,
                        },
                        format!(
                            "the result of constructor `{}` must be a boxed type name, found `{}`",
                            p.def.name.text,
                            print::type_expr(&p.def.result, Form::Canonical)
                        ),
                    )
                    .with_help("boxed type names start with an uppercase letter, e.g. `= User;`"),
                ),
            }
        }
        let declared = std::mem::take(&mut self.declared);
        let scope = Scope {
            declared: &declared,
            types: &types,
            type_index: &type_index,
            constructors: &constructors,
            suggestions_left: Cell::new(crate::diagnostic::REPEAT_LIMIT),
        };
        // The schema's lists get their final size at once.
        let constructor_count = valid_constructor.iter().filter(|&&v| v).count();
        self.schema.constructors.reserve(constructor_count);
        self.schema.functions.reserve(
            pending
                .iter()
                .filter(|p| p.kind() == Kind::Function)
                .count(),
        );
        self.schema.types.reserve(types.len());
        // Index in `schema.constructors` of each pending constructor kept.
        let mut index_of_pending: Vec<Option<usize>> = vec![None; pending.len()];
        for (i, p) in pending.into_iter().enumerate() {
            if p.kind() == Kind::Constructor && !valid_constructor[i] {
                continue;
            }
            let Some(combinator) = self.resolve_combinator(&scope, p) else {
                continue;
            };
            match combinator.kind {
                Kind::Constructor => {
                    index_of_pending[i] = Some(self.schema.constructors.len());
                    self.schema.constructors.push(combinator);
                }
                Kind::Function => self.schema.functions.push(combinator),
            }
        }
        for entry in &types {
            let constructors: Vec<usize> = entry
                .pending
                .iter()
                .filter_map(|&i| index_of_pending[i])
                .collect();
            if !constructors.is_empty() {
                self.schema.types.push(TypeDef {
                    name: Name::parse(entry.name),
                    doc: self.classes.get(entry.name).cloned(),
                    constructors,
                });
            }
        }
    }

    /// Resolves one definition, or reports the first problem in it.
    ///
    /// Only the first: what follows a bad field is often that field's own
    /// text read as more fields (`v:Vector Vector int` is `v:Vector` and two
    /// fields without names), so later problems would repeat the first one,
    /// not add to it, and could be as many as the definition has words.
    fn resolve_combinator(&mut self, scope: &Scope<'_, '_>, p: Pending<'_>) -> Option<Combinator> {
        match resolve_definition(scope, &p) {
            Ok((fields, flag_groups, result)) => {
                Some(self.combinator(p, fields, flag_groups, result))
            }
            Err(problem) => {
                let d = match problem.rest_unchecked {
                    true => problem.diagnostic.with_note(format!(
                        "the rest of `{}` is checked once this is fixed",
                        p.def.name.text
                    )),
                    false => *problem.diagnostic,
                };
                self.diagnostics.push(d);
                None
            }
        }
    }

    /// The checked combinator of `p`, from its resolved parts.
    fn combinator(
        &mut self,
        p: Pending<'_>,
        fields: Vec<Field>,
        flag_groups: Vec<FlagGroup>,
        result: Ty,
    ) -> Combinator {
        let def = &p.def;
        self.text.clear();
        // Only fields are left at this point (repetitions are refused), so
        // the noted arguments are the fields, in order.
        let mut field_texts = Vec::with_capacity(fields.len());
        print::write_definition_noting_fields(
            &mut self.text,
            def,
            Form::Canonical,
            Some(&mut field_texts),
        );
        let definition = self.text.as_str().to_owned();
        Combinator {
            kind: p.kind(),
            name: Name::parse(def.name.text),
            id: p.id(),
            written_id: def.id.map(|n| n.value),
            computed_id: p.computed_id,
            type_params: def
                .type_params
                .iter()
                .map(|tp| TypeParam {
                    name: tp.name.text.to_owned(),
                })
                .collect(),
            fields,
            flag_groups,
            result,
            location: p.name_location(),
            doc: p.def.doc.map(|doc| *doc),
            definition,
            normalized: p.normalized,
            field_texts,
        }
    }
}

/// The first problem found in a definition (see
/// [`Checker::resolve_combinator`]).
struct Problem {
    diagnostic: Box<Diagnostic>,
    /// Whether parts of the definition after the problem were not checked.
    rest_unchecked: bool,
}

/// The resolved fields, flag groups and result of `p`, or its first problem.
///
/// Linear in the number of fields: names, flags fields and groups are found
/// through [`Lookup`] tables, not by scanning the fields before.
fn resolve_definition(
    scope: &Scope<'_, '_>,
    p: &Pending<'_>,
) -> Result<(Vec<Field>, Vec<FlagGroup>, Ty), Problem> {
    let def = &p.def;
    let at = |span| Location { file: p.file, span };
    let problem = |diagnostic: Box<Diagnostic>, rest_unchecked: bool| Problem {
        diagnostic,
        rest_unchecked,
    };
    let mut params: FastSet<&str> = FastSet::default();
    for (i, tp) in def.type_params.iter().enumerate() {
        if !params.insert(tp.name.text) {
            let d = Diagnostic::error(
                Code::UnboundTypeParameter,
                at(tp.name.span),
                format!("type parameter `{}` is declared twice", tp.name.text),
            );
            let more = i + 1 < def.type_params.len() || !def.args.is_empty();
            return Err(problem(Box::new(d), more));
        }
    }
    let local = Local {
        file: p.file,
        params: &params,
    };
    // The `@name text` documentation of the fields (the first entry of a
    // name wins), the fields and the flag groups, each with a table to find
    // them in (a definition may have thousands).
    let doc_fields = def.doc.as_ref().map_or(&[][..], |d| d.fields.as_slice());
    let mut field_docs = Lookup::new();
    for (name, _) in doc_fields {
        field_docs.insert(name.as_str());
    }
    let mut fields: Vec<Field> = Vec::with_capacity(def.args.len());
    let mut field_index = Lookup::new();
    let mut flag_groups: Vec<FlagGroup> = Vec::new();
    let mut group_index = Lookup::new();
    for (position, arg) in def.args.iter().enumerate() {
        let Arg::Field(f) = arg else {
            continue;
        };
        let more = position + 1 < def.args.len();
        let Some(name) = &f.name else {
            let d = Diagnostic::error(
                Code::Unsupported,
                at(f.span),
                format!("argument of `{}` has no name", def.name.text),
            )
            .with_help("write fields as `name:Type`");
            return Err(problem(Box::new(d), more));
        };
        if let Some(earlier) = field_index.get(name.text) {
            let mut d = Diagnostic::error(
                Code::DuplicateField,
                at(name.span),
                format!("field `{}` appears twice in `{}`", name.text, def.name.text),
            )
            .with_help("rename one of the fields");
            if let Some(earlier) = fields.get(earlier) {
                d = d.with_secondary(earlier.location, "first here");
            }
            return Err(problem(Box::new(d), more));
        }
        let ty = scope
            .resolve(&local, &f.ty, f.bang)
            .map_err(|d| problem(d, more))?;
        let condition = match &f.condition {
            None => None,
            Some(c) => Some(
                condition(p, c, &fields, &field_index, def.args.get(position + 1..))
                    .map_err(|d| problem(d, more))?,
            ),
        };
        let index = fields.len();
        if let Some(cond) = condition {
            let group = group_index.insert((cond.flags_field, cond.bit));
            match flag_groups.get_mut(group) {
                Some(g) => g.fields.push(index),
                None => flag_groups.push(FlagGroup {
                    flags_field: cond.flags_field,
                    bit: cond.bit,
                    fields: vec![index],
                }),
            }
        }
        field_index.insert(name.text);
        let doc = field_docs
            .get(name.text)
            .and_then(|i| doc_fields.get(i))
            .map(|(_, text)| text.clone());
        fields.push(Field {
            name: name.text.to_owned(),
            ty,
            condition,
            doc,
            location: at(f.span),
        });
    }
    let result = match p.kind() {
        Kind::Constructor => Ty::Boxed(match def.result.kind {
            TypeExprKind::Name(n) => Name::parse(n),
            _ => Name::parse(&print::type_expr(&def.result, Form::Canonical)),
        }),
        Kind::Function => scope
            .resolve(&local, &def.result, false)
            .map_err(|d| problem(d, false))?,
    };
    Ok((fields, flag_groups, result))
}

/// Validates `flags.N?` against the fields declared so far (`earlier`, found
/// by name through `index`). `later` are the arguments after the
/// conditional field.
fn condition(
    p: &Pending<'_>,
    c: &ast::Condition<'_>,
    earlier: &[Field],
    index: &Lookup<&str>,
    later: Option<&[Arg<'_>]>,
) -> Result<Condition, Box<Diagnostic>> {
    let at = |span| Location { file: p.file, span };
    let flags_name = c.field.text;
    let Some((flags_field, target)) = index
        .get(flags_name)
        .and_then(|i| Some((i, earlier.get(i)?)))
    else {
        let declared_later = later.unwrap_or_default().iter().any(|a| {
            matches!(a, Arg::Field(ast::FieldArg { name: Some(n), .. }) if n.text == flags_name)
        });
        let d = if declared_later {
            Diagnostic::error(
                Code::UnknownFlagsField,
                at(c.field.span),
                format!("flags field `{flags_name}` is declared after the field that uses it"),
            )
            .with_help(format!(
                "move `{flags_name}:#` before the conditional fields"
            ))
        } else {
            let flags_fields = earlier
                .iter()
                .filter(|f| f.ty == Ty::Flags)
                .map(|f| f.name.as_str());
            let d = Diagnostic::error(
                Code::UnknownFlagsField,
                at(c.field.span),
                format!(
                    "no flags field `{flags_name}` before this field in `{}`",
                    p.def.name.text
                ),
            );
            match suggest::closest(flags_name, flags_fields) {
                Some(s) => d
                    .with_label(format!("did you mean `{s}`?"))
                    .with_help(format!("did you mean `{s}`?")),
                None => d.with_help(format!(
                    "declare `{flags_name}:#` before the fields that use it"
                )),
            }
        };
        return Err(Box::new(d));
    };
    if target.ty != Ty::Flags {
        return Err(Box::new(
            Diagnostic::error(
                Code::NotAFlagsField,
                at(c.field.span),
                format!("field `{flags_name}` is not a flags field (`#`)"),
            )
            .with_secondary(target.location, "declared here")
            .with_help(format!(
                "conditions need a field of type `#`, e.g. `{flags_name}:#`"
            )),
        ));
    }
    let Some(bit) = c.bit else {
        return Err(Box::new(
            Diagnostic::error(
                Code::InvalidFlagBit,
                at(c.span),
                format!("condition `{flags_name}?` names no bit"),
            )
            .with_help(format!("write `{flags_name}.N?Type` with N from 0 to 31")),
        ));
    };
    match u8::try_from(bit.value) {
        Ok(b) if b <= 31 => Ok(Condition { flags_field, bit: b }),
        _ => Err(Box::new(
            Diagnostic::error(
                Code::InvalidFlagBit,
                at(bit.span),
                format!("flag bit {} is out of range", bit.value),
            )
            .with_label("must be 0 to 31")
            .with_help("a `#` field is 32 bits wide: use a bit from 0 to 31, or a second flags field (`flags2:#`)"),
        )),
    }
}

fn duplicate_name(earlier: &Pending<'_>, later: &Pending<'_>) -> Diagnostic {
    let what = match later.kind() {
        Kind::Constructor => "constructor",
        Kind::Function => "function",
    };
    let d = Diagnostic::error(
        Code::DuplicateName,
        later.name_location(),
        format!(
            "{what} `{}` is defined twice, differently",
            later.def.name.text
        ),
    )
    .with_label("defined again here")
    .with_secondary(earlier.name_location(), "first defined here");
    if earlier.file == later.file {
        d.with_help("rename or remove one of the two definitions")
    } else {
        d.with_help(
            "these files look like separate schemas (as Telegram's api.tl and mtproto.tl are): \
             generate them as separate modules, one tlgen run or Builder per file, instead of checking them together",
        )
    }
}

/// Whether the two id rules hash `def` differently: it has a `bytes` field
/// or a `flags.N?true` field (at the top level or inside a repetition).
fn rules_differ(def: &Definition<'_>) -> bool {
    fn differs(arg: &Arg<'_>) -> bool {
        match arg {
            Arg::Field(f) => match f.ty.kind {
                TypeExprKind::Name("bytes") => true,
                TypeExprKind::Name("true") => f.condition.is_some(),
                _ => false,
            },
            Arg::Repeat(r) => r.args.iter().any(differs),
        }
    }
    def.args.iter().any(differs)
}

/// Whether `def` is a core built-in line: written `name ? = Type;`, or a
/// types-section declaration of a built-in's name (TDLib's `int53 = Int53;`,
/// TON's `bytes data:string = Bytes;`, `vector {t:Type} # [ t ] = Vector t;`)
/// or of a repetition of `int`s (`int512 16*[ int ] = Int512;`).
fn is_builtin(def: &Definition<'_>) -> bool {
    def.builtin_marker
        || (def.section == Section::Types
            && (Builtin::from_tl_name(def.name.text).is_some()
                || def.name.text == "vector"
                || int_repetition(def).is_some()))
}

/// For a definition whose only argument is `N*[ int ]` (tonlib writes
/// `N*[ int32 ]`), the number N.
fn int_repetition(def: &Definition<'_>) -> Option<u32> {
    let [Arg::Repeat(r)] = def.args.as_slice() else {
        return None;
    };
    let [Arg::Field(item)] = r.args.as_slice() else {
        return None;
    };
    let is_int = item.name.is_none()
        && item.condition.is_none()
        && matches!(item.ty.kind, TypeExprKind::Name("int" | "int32"));
    match r.multiplicity.as_ref().map(|m| &m.kind) {
        Some(&TypeExprKind::Number(n)) if is_int && r.name.is_none() && n > 0 => Some(n),
        _ => None,
    }
}

/// A constructor without fields named like a number type tlgen does not know
/// (`uint32 = UInt32;`, `float = Float;`): generated as it stands, it would be
/// a field that holds no number, so it is an error instead.
fn unknown_number_type(p: &Pending<'_>) -> Option<Diagnostic> {
    let name = p.def.name.text;
    let stem = name.trim_end_matches(|c: char| c.is_ascii_digit());
    let number_like = matches!(
        stem,
        "int" | "uint" | "float" | "long" | "ulong" | "short" | "ushort" | "double"
    );
    if p.kind() != Kind::Constructor || !p.def.args.is_empty() || !number_like {
        return None;
    }
    Some(
        Diagnostic::error(
            Code::UnknownBuiltin,
            p.name_location(),
            format!(
                "`{name}` looks like a number type tlgen does not know: as a constructor without fields it would hold no number"
            ),
        )
        .with_help("the number types are int, long, double, int32, int53, int64, int128, int256 and repetitions of `int` such as `int512 16*[ int ] = Int512;`"),
    )
}
