//! `tlgen diff`: what a new layer changes, rendered as text, Markdown or JSON.
//! The comparison is `tl_codegen::diff` (over `tl_parser::diff`); this module
//! reads and checks both sides as `check` does, and renders the result.

use crate::check_cmd::plural;
use crate::cli::{DiffArgs, DiffFormat, FailOn, Failure};
use crate::load::read_sources;
use crate::output;
use crate::render::print_diagnostics;
use serde_json::{Map, Value, json};
use std::fmt::Write as _;
use std::path::PathBuf;
use tl_codegen::diff::{ApiDiff, ApiImpact, Classified, DefinitionDiff, DiffError, Side, TypeDiff};
use tl_parser::diff::{ChangeKind, FieldInfo, WireImpact};
use tl_parser::{CheckOptions, Kind, Name, Schema, Sources, check_with};

/// Runs `tlgen diff`.
pub fn run(args: &DiffArgs) -> Result<(), Failure> {
    let (old_files, new_files) = sides(args)?;
    let rule = args.id_rule.rule();
    let old = load(&old_files, rule, args.quiet);
    let new = load(&new_files, rule, args.quiet);
    let (old_sources, old_schema) = old?.ok_or(Failure::SchemaErrors)?;
    let (new_sources, new_schema) = new?.ok_or(Failure::SchemaErrors)?;
    let mut options = tl_codegen::Options::default();
    options.id_rule = rule;
    if let Some(naming) = args.variant_names {
        options.variant_names = naming.into();
    }
    options.keep = args.keep.clone();
    let mut diff = match tl_codegen::diff::diff(&old_schema, &new_schema, &options) {
        Ok(diff) => diff,
        Err(DiffError::Schema { side, diagnostics }) => {
            let sources = match side {
                Side::Old => &old_sources,
                _ => &new_sources,
            };
            print_diagnostics(sources, &diagnostics, false);
            stderr_line!(
                "error: the schema cannot be turned into Rust, so its API cannot be compared"
            );
            return Err(Failure::SchemaErrors);
        }
        Err(other) => return Err(Failure::Usage(other.to_string())),
    };
    if !args.namespaces.is_empty() {
        keep_namespaces(&mut diff, &args.namespaces);
    }
    let title = Title {
        old: names(&old_sources),
        new: names(&new_sources),
        namespaces: args.namespaces.clone(),
    };
    let out = match args.format {
        DiffFormat::Text => text(&title, &diff),
        DiffFormat::Markdown => markdown(&title, &diff),
        DiffFormat::Json => {
            let mut json = serde_json::to_string_pretty(&to_json(&title, &diff))
                .map_err(|e| Failure::Usage(format!("cannot write JSON: {e}")))?;
            json.push('\n');
            json
        }
    };
    output::print(&out)?;
    let counts = Counts::of(&diff);
    let failed = match args.fail_on {
        Some(FailOn::Breaking) => counts.breaking > 0,
        Some(FailOn::Wire) => counts.wire > 0,
        Some(FailOn::Any) => counts.any(),
        None => false,
    };
    if failed {
        stderr_line!(
            "error: the layers differ in a way `--fail-on` rejects: {}",
            counts.line()
        );
        return Err(Failure::SchemaErrors);
    }
    Ok(())
}

/// The files of each side, from the positional files and `--old`/`--new`.
fn sides(args: &DiffArgs) -> Result<(Vec<PathBuf>, Vec<PathBuf>), Failure> {
    let positional = args.schemas.clone();
    let (old, new) = match (args.old.is_empty(), args.new.is_empty()) {
        (true, true) => match positional.as_slice() {
            [old, new] => (vec![old.clone()], vec![new.clone()]),
            _ => {
                return Err(Failure::Usage(format!(
                    "`tlgen diff` needs the old and the new schema: `tlgen diff OLD.tl NEW.tl`, or \
                     with several files a side `--old FILE`... `--new FILE`... (got {} {})",
                    positional.len(),
                    plural(positional.len(), "file")
                )));
            }
        },
        (false, true) => (args.old.clone(), positional),
        (true, false) => (positional, args.new.clone()),
        (false, false) if positional.is_empty() => (args.old.clone(), args.new.clone()),
        (false, false) => {
            return Err(Failure::Usage(
                "files given without `--old` or `--new` belong to no side when both flags are used"
                    .to_owned(),
            ));
        }
    };
    if old.is_empty() || new.is_empty() {
        return Err(Failure::Usage(
            "`tlgen diff` needs at least one file on each side (`--old FILE`, `--new FILE`)"
                .to_owned(),
        ));
    }
    Ok((old, new))
}

/// Reads and checks one side, printing its diagnostics as `check` does.
/// `None`: it has errors.
fn load(
    files: &[PathBuf],
    rule: Option<tl_parser::IdRule>,
    quiet: bool,
) -> Result<Option<(Sources, Schema)>, Failure> {
    let sources = read_sources(files)?;
    let checked = check_with(&sources, CheckOptions::default().id_rule(rule));
    print_diagnostics(&sources, &checked.diagnostics, quiet);
    if checked.has_errors() {
        return Ok(None);
    }
    Ok(Some((sources, checked.schema)))
}

/// `a.tl + b.tl`.
fn names(sources: &Sources) -> String {
    let names: Vec<&str> = sources.iter().map(|(_, f)| f.name()).collect();
    names.join(" + ")
}

/// What the report compares.
struct Title {
    /// The old side's files.
    old: String,
    /// The new side's files.
    new: String,
    /// The namespaces asked for (`--namespace`): each gets a section, even
    /// one that says nothing changed.
    namespaces: Vec<String>,
}

/// The namespace as reports name it (`-` for none).
fn namespace(name: &Name) -> String {
    if name.namespace.is_empty() {
        "-".to_owned()
    } else {
        name.namespace.join(".")
    }
}

/// Drops every entry outside `keep`'s namespaces.
fn keep_namespaces(diff: &mut ApiDiff, keep: &[String]) {
    let kept = |name: &Name| keep.contains(&namespace(name));
    diff.added.retain(|d| kept(&d.name));
    diff.removed.retain(|d| kept(&d.name));
    diff.changed.retain(|d| kept(&d.name));
    diff.rust_only.retain(|d| kept(&d.name));
    diff.types.retain(|t| kept(&t.name));
}

/// How many of what a report holds.
#[derive(Default)]
struct Counts {
    /// Added constructors and functions.
    added: [usize; 2],
    /// Removed constructors and functions.
    removed: [usize; 2],
    /// Changed constructors and functions.
    changed: [usize; 2],
    /// Definitions whose Rust items change although their TL does not.
    rust_only: usize,
    /// Types that changed.
    types: usize,
    /// Entries (definitions and types) that break the Rust API.
    breaking: usize,
    /// Entries that are additive.
    additive: usize,
    /// Entries that peers of the other layer cannot (fully) read.
    wire: usize,
}

impl Counts {
    /// The counts of `diff`.
    fn of(diff: &ApiDiff) -> Counts {
        let mut c = Counts::default();
        let slot = |kind: Kind| usize::from(kind == Kind::Function);
        let count = |rust: ApiImpact, wire: WireImpact, c: &mut Counts| {
            match rust {
                ApiImpact::Breaking => c.breaking += 1,
                ApiImpact::Additive => c.additive += 1,
                ApiImpact::None => {}
            }
            if wire != WireImpact::None {
                c.wire += 1;
            }
        };
        for (list, counter) in [
            (&diff.added, 0usize),
            (&diff.removed, 1),
            (&diff.changed, 2),
            (&diff.rust_only, 3),
        ] {
            for d in list {
                match counter {
                    0 => c.added[slot(d.kind)] += 1,
                    1 => c.removed[slot(d.kind)] += 1,
                    2 => c.changed[slot(d.kind)] += 1,
                    _ => c.rust_only += 1,
                }
                count(d.rust(), d.wire(), &mut c);
            }
        }
        for t in &diff.types {
            c.types += 1;
            count(t.rust(), t.wire(), &mut c);
        }
        c
    }

    /// Whether anything differs.
    fn any(&self) -> bool {
        self.added
            .iter()
            .chain(&self.removed)
            .chain(&self.changed)
            .any(|&n| n > 0)
            || self.rust_only > 0
            || self.types > 0
    }

    /// `3 added (2 constructors, 1 function), ...`.
    fn line(&self) -> String {
        let part = |what: &str, [c, f]: [usize; 2]| {
            format!(
                "{} {what} ({c} {}, {f} {})",
                c + f,
                plural(c, "constructor"),
                plural(f, "function")
            )
        };
        format!(
            "{}, {}, {}; {} {} changed; Rust API: {} breaking, {} additive \
             ({} Rust-only); wire: {} not readable across the layers",
            part("added", self.added),
            part("removed", self.removed),
            part("changed", self.changed),
            self.types,
            plural(self.types, "type"),
            self.breaking,
            self.additive,
            self.rust_only,
            self.wire,
        )
    }
}

/// `layer 186 -> layer 230`.
fn layers(diff: &ApiDiff) -> String {
    let layer = |l: Option<u32>| l.map_or_else(|| "no layer".to_owned(), |l| format!("layer {l}"));
    format!("{} -> {}", layer(diff.old_layer), layer(diff.new_layer))
}

/// `constructor` or `function`.
fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Constructor => "constructor",
        Kind::Function => "function",
    }
}

/// One section of a report: a namespace's entries of each list.
#[derive(Default)]
struct Section<'d> {
    added: Vec<&'d DefinitionDiff>,
    removed: Vec<&'d DefinitionDiff>,
    changed: Vec<&'d DefinitionDiff>,
    rust_only: Vec<&'d DefinitionDiff>,
    types: Vec<&'d TypeDiff>,
}

impl Section<'_> {
    /// Whether it has no entries.
    fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.rust_only.is_empty()
            && self.types.is_empty()
    }
}

/// The entries by namespace (`-` first, then sorted), with a section for
/// every namespace of `asked` (empty when nothing changed there).
fn sections<'d>(diff: &'d ApiDiff, asked: &[String]) -> Vec<(String, Section<'d>)> {
    let mut out: std::collections::BTreeMap<(bool, String), Section<'_>> = Default::default();
    for ns in asked {
        out.entry((ns != "-", ns.clone())).or_default();
    }
    let key = |name: &Name| (!name.namespace.is_empty(), namespace(name));
    for d in &diff.added {
        out.entry(key(&d.name)).or_default().added.push(d);
    }
    for d in &diff.removed {
        out.entry(key(&d.name)).or_default().removed.push(d);
    }
    for d in &diff.changed {
        out.entry(key(&d.name)).or_default().changed.push(d);
    }
    for d in &diff.rust_only {
        out.entry(key(&d.name)).or_default().rust_only.push(d);
    }
    for t in &diff.types {
        out.entry(key(&t.name)).or_default().types.push(t);
    }
    out.into_iter().map(|((_, ns), s)| (ns, s)).collect()
}

/// The id of a changed definition: `#1234abcd` or `#1234abcd -> #5678ef01`.
fn ids(d: &DefinitionDiff) -> String {
    match (&d.old, &d.new) {
        (Some(o), Some(n)) if o.id != n.id => format!("#{:08x} -> #{:08x}", o.id, n.id),
        (_, Some(v)) | (Some(v), None) => format!("#{:08x}", v.id),
        (None, None) => String::new(),
    }
}

/// What a change is, in words.
fn what(c: &Classified) -> String {
    c.tl.as_ref()
        .map_or_else(|| "generated Rust".to_owned(), ToString::to_string)
}

/// The readable report.
fn text(title: &Title, diff: &ApiDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} -> {}: {}", title.old, title.new, layers(diff));
    let definition = |out: &mut String, mark: char, d: &DefinitionDiff| {
        let _ = writeln!(
            out,
            "  {mark} {} {}{}  [wire: {}; Rust: {}]",
            kind_name(d.kind),
            d.name,
            ids(d),
            d.wire().name(),
            d.rust().name()
        );
        changes_text(out, &d.changes);
    };
    for (ns, s) in sections(diff, &title.namespaces) {
        let _ = writeln!(out, "\nnamespace {ns}");
        if s.is_empty() {
            let _ = writeln!(out, "  no changes");
        }
        for d in &s.added {
            definition(&mut out, '+', d);
        }
        for d in &s.removed {
            definition(&mut out, '-', d);
        }
        for d in &s.changed {
            definition(&mut out, '~', d);
        }
        for d in &s.rust_only {
            definition(&mut out, '*', d);
        }
        for t in &s.types {
            let _ = writeln!(
                out,
                "  = type {}{}  [wire: {}; Rust: {}]",
                t.name,
                t.enum_path
                    .as_ref()
                    .map_or_else(String::new, |p| format!(" ({p})")),
                t.wire().name(),
                t.rust().name()
            );
            changes_text(&mut out, &t.changes);
        }
    }
    let _ = writeln!(out, "\n{}", Counts::of(diff).line());
    out
}

/// The changes of an entry in runs that say the same of each (the fields of
/// one group share their member, so their notes are one): each note once.
fn runs(changes: &[Classified]) -> impl Iterator<Item = &[Classified]> {
    changes.chunk_by(|a, b| {
        a.tl.is_some()
            && b.tl.is_some()
            && (a.wire, &a.wire_reason, a.rust, &a.rust_reason)
                == (b.wire, &b.wire_reason, b.rust, &b.rust_reason)
    })
}

/// The changes of an entry, indented: what changed, one per line, then its
/// wire and Rust notes.
fn changes_text(out: &mut String, changes: &[Classified]) {
    for run in runs(changes) {
        let Some(c) = run.first() else { continue };
        let wire = if c.wire_reason.is_empty() {
            c.wire.name().to_owned()
        } else {
            format!("{} ({})", c.wire.name(), c.wire_reason)
        };
        if c.tl.is_some() {
            for c in run {
                let _ = writeln!(out, "      {}", what(c));
            }
            let _ = writeln!(out, "        wire: {wire}");
        } else {
            let _ = writeln!(out, "      wire: {wire}");
        }
        let _ = writeln!(out, "        Rust: {}: {}", c.rust.name(), c.rust_reason);
    }
}

/// The Markdown report, for a changelog.
fn markdown(title: &Title, diff: &ApiDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# `{}` -> `{}` ({})\n\n{}",
        title.old,
        title.new,
        layers(diff),
        Counts::of(diff).line()
    );
    let definition = |out: &mut String, d: &DefinitionDiff| {
        let impact = match d.rust() {
            ApiImpact::Breaking => "**breaking**".to_owned(),
            other => other.name().to_owned(),
        };
        let _ = writeln!(
            out,
            "- `{}` ({} `{}`): Rust {impact}, wire {}",
            d.name,
            kind_name(d.kind),
            ids(d),
            d.wire().name()
        );
        changes_markdown(out, &d.changes);
    };
    for (ns, s) in sections(diff, &title.namespaces) {
        let heading = if ns == "-" {
            "Without namespace".to_owned()
        } else {
            format!("Namespace `{ns}`")
        };
        let _ = writeln!(out, "\n## {heading}");
        if s.is_empty() {
            let _ = writeln!(out, "\nNo changes.");
        }
        for (label, list) in [
            ("Added", &s.added),
            ("Removed", &s.removed),
            ("Changed", &s.changed),
            ("Changed in the generated Rust only", &s.rust_only),
        ] {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n### {label}\n");
            for d in list {
                definition(&mut out, d);
            }
        }
        if !s.types.is_empty() {
            let _ = writeln!(out, "\n### Types\n");
            for t in &s.types {
                let impact = match t.rust() {
                    ApiImpact::Breaking => "**breaking**".to_owned(),
                    other => other.name().to_owned(),
                };
                let _ = writeln!(
                    out,
                    "- `{}`{}: Rust {impact}, wire {}",
                    t.name,
                    t.enum_path
                        .as_ref()
                        .map_or_else(String::new, |p| format!(" (`{p}`)")),
                    t.wire().name()
                );
                changes_markdown(&mut out, &t.changes);
            }
        }
    }
    out
}

/// The changes of an entry as nested list items.
fn changes_markdown(out: &mut String, changes: &[Classified]) {
    for run in runs(changes) {
        let Some(c) = run.first() else { continue };
        let wire = if c.wire_reason.is_empty() {
            c.wire.name().to_owned()
        } else {
            format!("{}, {}", c.wire.name(), c.wire_reason)
        };
        let lead = match &c.tl {
            Some(_) => {
                let whats: Vec<String> = run.iter().map(what).collect();
                format!("{}: ", whats.join("; "))
            }
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "  - {lead}Rust {}: {} (wire {wire})",
            c.rust.name(),
            c.rust_reason
        );
    }
}

/// An id as JSON writes it: `"0x78d4dec1"`.
fn hex(id: u32) -> Value {
    Value::String(format!("0x{id:08x}"))
}

/// A field as JSON writes it.
fn field_json(f: &FieldInfo) -> Value {
    json!({
        "name": f.name,
        "type": f.ty,
        "condition": f.condition.as_ref().map(ToString::to_string),
    })
}

/// The details of a TL change.
fn change_json(kind: &ChangeKind) -> Map<String, Value> {
    let value = match kind {
        ChangeKind::IdChanged { old, new } => json!({ "old": hex(*old), "new": hex(*new) }),
        ChangeKind::FieldAdded(f) | ChangeKind::FieldRemoved(f) => {
            json!({ "field": field_json(f) })
        }
        ChangeKind::FieldRetyped { name, old, new } => {
            json!({ "field": name, "old": old, "new": new })
        }
        ChangeKind::FlagBitMoved { name, old, new } => {
            json!({ "field": name, "old": old.to_string(), "new": new.to_string() })
        }
        ChangeKind::BecameConditional { name, flag }
        | ChangeKind::BecameRequired { name, flag } => {
            json!({ "field": name, "condition": flag.to_string() })
        }
        ChangeKind::FieldsReordered { old, new } | ChangeKind::TypeParamsChanged { old, new } => {
            json!({ "old": old, "new": new })
        }
        ChangeKind::ResultChanged { old, new } => json!({ "old": old, "new": new }),
    };
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// A classified change as JSON.
fn classified_json(c: &Classified) -> Value {
    let mut map = Map::new();
    map.insert(
        "change".to_owned(),
        Value::String(c.tl.as_ref().map_or("rust", ChangeKind::code).to_owned()),
    );
    if let Some(kind) = &c.tl {
        map.insert("description".to_owned(), Value::String(kind.to_string()));
        map.extend(change_json(kind));
    }
    map.insert("wire".to_owned(), Value::String(c.wire.name().to_owned()));
    map.insert(
        "wire_reason".to_owned(),
        Value::String(c.wire_reason.clone()),
    );
    map.insert("rust".to_owned(), Value::String(c.rust.name().to_owned()));
    map.insert(
        "rust_reason".to_owned(),
        Value::String(c.rust_reason.clone()),
    );
    Value::Object(map)
}

/// A definition entry as JSON.
fn definition_json(d: &DefinitionDiff) -> Value {
    let mut map = Map::new();
    map.insert("name".to_owned(), Value::String(d.name.full()));
    map.insert(
        "kind".to_owned(),
        Value::String(kind_name(d.kind).to_owned()),
    );
    let side = |v: &tl_codegen::diff::Version| {
        json!({
            "id": hex(v.id),
            "definition": v.definition,
            "rust": v.struct_path,
            "variant": v.variant,
        })
    };
    match (&d.old, &d.new) {
        (Some(o), Some(n)) => {
            map.insert("old_id".to_owned(), hex(o.id));
            map.insert("new_id".to_owned(), hex(n.id));
            map.insert("old".to_owned(), side(o));
            map.insert("new".to_owned(), side(n));
        }
        (Some(v), None) | (None, Some(v)) => {
            map.insert("id".to_owned(), hex(v.id));
            map.insert("definition".to_owned(), Value::String(v.definition.clone()));
            map.insert("rust".to_owned(), Value::String(v.struct_path.clone()));
            map.insert("variant".to_owned(), json!(v.variant));
        }
        (None, None) => {}
    }
    map.insert("wire".to_owned(), Value::String(d.wire().name().to_owned()));
    map.insert(
        "rust_api".to_owned(),
        Value::String(d.rust().name().to_owned()),
    );
    map.insert(
        "changes".to_owned(),
        Value::Array(d.changes.iter().map(classified_json).collect()),
    );
    Value::Object(map)
}

/// The whole report as JSON.
fn to_json(title: &Title, diff: &ApiDiff) -> Value {
    let c = Counts::of(diff);
    let pair = |[k, f]: [usize; 2]| json!({ "constructors": k, "functions": f });
    let types: Vec<Value> = diff
        .types
        .iter()
        .map(|t| {
            json!({
                "name": t.name.full(),
                "enum": t.enum_path,
                "added": t.added,
                "removed": t.removed,
                "gained": t.gained.iter().map(Name::full).collect::<Vec<_>>(),
                "lost": t.lost.iter().map(Name::full).collect::<Vec<_>>(),
                "wire": t.wire().name(),
                "rust_api": t.rust().name(),
                "changes": t.changes.iter().map(classified_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "old": { "files": title.old, "layer": diff.old_layer },
        "new": { "files": title.new, "layer": diff.new_layer },
        "summary": {
            "added": pair(c.added),
            "removed": pair(c.removed),
            "changed": pair(c.changed),
            "rust_only": c.rust_only,
            "types": c.types,
            "breaking": c.breaking,
            "additive": c.additive,
            "wire": c.wire,
        },
        "added": diff.added.iter().map(definition_json).collect::<Vec<_>>(),
        "removed": diff.removed.iter().map(definition_json).collect::<Vec<_>>(),
        "changed": diff.changed.iter().map(definition_json).collect::<Vec<_>>(),
        "rust_only": diff.rust_only.iter().map(definition_json).collect::<Vec<_>>(),
        "types": types,
    })
}
