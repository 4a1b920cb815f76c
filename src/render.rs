//! Rendering tl-parser diagnostics for the terminal with codespan-reporting.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config};
use tl_parser::{Diagnostic, Severity, Sources};

/// Renders diagnostics as text: a header with code and message, then
/// `file:line:column`, the source line with a caret under the problem, the
/// lines of the other places involved, then where each of those is
/// (`file:line:column`, which codespan shows only for the primary one), the
/// notes and the help.
pub struct Renderer<'a> {
    sources: &'a Sources,
    files: SimpleFiles<String, String>,
    config: Config,
}

impl<'a> Renderer<'a> {
    /// A renderer over the given sources.
    pub fn new(sources: &'a Sources) -> Self {
        let mut files = SimpleFiles::new();
        for (_, file) in sources.iter() {
            files.add(file.name().to_owned(), file.text().to_owned());
        }
        Renderer {
            sources,
            files,
            config: Config::default(),
        }
    }

    /// One diagnostic as text (ends with a newline).
    pub fn render(&self, diagnostic: &Diagnostic) -> String {
        let severity = match diagnostic.severity {
            Severity::Error => ReportSeverity::Error,
            Severity::Warning => ReportSeverity::Warning,
        };
        let primary = &diagnostic.primary;
        let mut labels = vec![
            Label::primary(
                primary.location.file.0 as usize,
                span_range(primary.location.span),
            )
            .with_message(primary.message.clone()),
        ];
        labels.extend(diagnostic.secondary.iter().map(|l| {
            Label::secondary(l.location.file.0 as usize, span_range(l.location.span))
                .with_message(l.message.clone())
        }));
        let mut notes: Vec<String> = diagnostic
            .secondary
            .iter()
            .map(|l| {
                let (name, at) = self.sources.describe(l.location);
                format!("{name}:{at}: {}", l.message)
            })
            .collect();
        notes.extend(diagnostic.notes.iter().cloned());
        if let Some(help) = &diagnostic.help {
            notes.push(format!("help: {help}"));
        }
        let report = Report::new(severity)
            .with_code(diagnostic.code.as_str())
            .with_message(diagnostic.message.clone())
            .with_labels(labels)
            .with_notes(notes);
        term::emit_into_string(&self.config, &self.files, &report).unwrap_or_else(|e| {
            format!(
                "{}: {} (could not show the source: {e})\n",
                diagnostic.code.as_str(),
                diagnostic.message
            )
        })
    }
}

/// codespan needs a range; an empty span still gets a caret.
fn span_range(span: tl_parser::Span) -> std::ops::Range<usize> {
    span.start..span.end
}

/// Prints diagnostics to standard error: errors always, warnings unless `quiet`.
pub fn print_diagnostics(sources: &Sources, diagnostics: &[Diagnostic], quiet: bool) {
    let renderer = Renderer::new(sources);
    for d in diagnostics {
        if d.is_error() || !quiet {
            stderr_text!("{}", renderer.render(d));
        }
    }
}
