//! `tlgen check`: validate schema files and print a summary.

use crate::cli::{CheckArgs, Failure};
use crate::load::read_sources;
use crate::output;
use crate::render::print_diagnostics;
use std::collections::HashMap;
use std::fmt::Write as _;
use tl_parser::ast::Section;
use tl_parser::print::{self, Form};
use tl_parser::{CheckOptions, IdRule, IdRuleReason, Kind, Schema, Sources, check_with};

/// Runs `tlgen check`: the schema check, then, when it finds no errors, the
/// problems generation would report (`tl_codegen::check` with the default
/// options, e.g. two TL names that become one Rust name), so that `check` fails
/// exactly when generation would.
pub fn run(args: &CheckArgs) -> Result<(), Failure> {
    let sources = read_sources(&args.schemas)?;
    let docs = args
        .docs
        .as_ref()
        .map(|path| {
            tl_codegen::Docs::read(path)
                .map(|docs| (path, docs))
                .map_err(|e| Failure::Usage(format!("invalid `--docs`: {e}")))
        })
        .transpose()?;
    let rule = args.id_rule.rule();
    let checked = check_with(&sources, CheckOptions::default().id_rule(rule));
    let mut diagnostics = checked.diagnostics;
    if !diagnostics.iter().any(tl_parser::Diagnostic::is_error) {
        let mut options = tl_codegen::Options::default();
        options.id_rule = rule;
        let codegen = tl_codegen::check(&checked.schema, &options)
            .map_err(|e| Failure::Usage(e.to_string()))?;
        diagnostics.extend(codegen);
    }
    print_diagnostics(&sources, &diagnostics, args.quiet);
    // An "and N more" entry counts as the N problems it stands for.
    let errors: usize = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.count)
        .sum();
    let warnings = diagnostics.iter().map(|d| d.count).sum::<usize>() - errors;
    let mut out = format!(
        "{}\n{}\n",
        summary(&sources, &checked.schema, errors, warnings),
        id_rule_line(&checked.schema)
    );
    if let Some((path, docs)) = &docs {
        let layer = docs
            .index
            .layer
            .map_or_else(String::new, |l| format!(" (layer {l})"));
        let _ = writeln!(out, "documentation {}{layer}:", path.display());
        for line in docs.coverage(&checked.schema).report(5) {
            let _ = writeln!(out, "  {line}");
        }
    }
    if args.list {
        out.push_str(&listing(&sources, &checked.schema));
    }
    output::print(&out)?;
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        Err(Failure::SchemaErrors)
    } else {
        Ok(())
    }
}

/// Which rule computed the ids that are not written, and why:
/// `ids: TDLib's rule (the schema declares `int53`, as TDLib's and TON's schemas do)`.
pub fn id_rule_line(s: &Schema) -> String {
    let rule = match s.id_rule {
        IdRule::Tdlib => "TDLib's rule",
        _ => "Telegram's rule",
    };
    let why = match &s.id_rule_reason {
        IdRuleReason::Requested => "as asked with --id-rule".to_owned(),
        IdRuleReason::WrittenIds { telegram, tdlib } => format!(
            "from the written ids the rules disagree on: {telegram} follow Telegram's, {tdlib} TDLib's"
        ),
        IdRuleReason::Declaration(name) => {
            format!("the schema declares `{name}`, as TDLib's and TON's schemas do")
        }
        _ => "the default: nothing in the schema points to TDLib's rule".to_owned(),
    };
    format!("ids: {rule} ({why})")
}

/// Every definition of `sources` on its own line, as TDLib's reference parser
/// prints them: `name#id`, the fields as written, `= Type`. The ids are the
/// checked schema's (written, or computed by its rule); definitions the check
/// rejected are left out.
pub fn listing(sources: &Sources, s: &Schema) -> String {
    let mut ids: HashMap<(Kind, String), u32> = HashMap::new();
    for c in s.combinators() {
        ids.entry((c.kind, c.name.full())).or_insert(c.id);
    }
    for b in &s.builtins {
        ids.entry((b.kind, b.name.clone()))
            .or_insert(b.written_id.unwrap_or(b.computed_id));
    }
    let mut out = String::new();
    for (file, source) in sources.iter() {
        let (parsed, _) = tl_parser::parse_file(file, source.text());
        for def in &parsed.definitions {
            let kind = match def.section {
                Section::Types => Kind::Constructor,
                Section::Functions => Kind::Function,
            };
            let Some(id) = ids.get(&(kind, def.name.text.to_owned())) else {
                continue;
            };
            let text = print::definition(def, Form::Literal);
            let rest = text.get(def.name.text.len()..).unwrap_or_default();
            let _ = writeln!(out, "{}#{id:08x}{rest}", def.name.text);
        }
    }
    out
}

/// `a.tl + b.tl: layer 230, 1704 constructors (1 core line), 850 functions, 650 types; 0 errors, 3 warnings`.
pub fn summary(sources: &Sources, s: &Schema, errors: usize, warnings: usize) -> String {
    let names: Vec<&str> = sources.iter().map(|(_, f)| f.name()).collect();
    let layer = s
        .layer
        .map_or_else(|| "no layer".to_owned(), |n| format!("layer {n}"));
    let core = s.constructor_count_with_builtins() - s.constructors.len();
    let core = match core {
        0 => String::new(),
        1 => " (1 core line)".to_owned(),
        n => format!(" ({n} core lines)"),
    };
    format!(
        "{}: {layer}, {} {}{core}, {} {}, {} {}; {} {}, {} {}",
        names.join(" + "),
        s.constructor_count_with_builtins(),
        plural(s.constructor_count_with_builtins(), "constructor"),
        s.functions.len(),
        plural(s.functions.len(), "function"),
        s.type_count_with_builtins(),
        plural(s.type_count_with_builtins(), "type"),
        errors,
        plural(errors, "error"),
        warnings,
        plural(warnings, "warning"),
    )
}

/// `word` or `words` for `n` of them.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}
