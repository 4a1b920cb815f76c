//! Rendering tl-parser diagnostics for the terminal with codespan-reporting.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, Config};
use std::ops::Range;
use tl_parser::{Diagnostic, FileId, Severity, SourceFile, Sources};

/// Renders diagnostics as text: a header with code and message, then
/// `file:line:column`, the source line with a caret under the problem, the
/// lines of the other places involved, then where each of those is
/// (`file:line:column`, which codespan shows only for the primary one), the
/// notes and the help.
pub struct Renderer<'a> {
    sources: &'a Sources,
    files: SchemaFiles<'a>,
    config: Config,
}

impl<'a> Renderer<'a> {
    /// A renderer over the given sources.
    pub fn new(sources: &'a Sources) -> Self {
        Renderer {
            sources,
            files: SchemaFiles(sources),
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

/// The schema files as codespan sees them, lines counted by tl-parser's rule
/// (`\n`, `\r\n` and a lone `\r` each end a line), so that the line and
/// column shown agree with every diagnostic's (codespan's own files count
/// only `\n`).
struct SchemaFiles<'a>(&'a Sources);

impl<'a> SchemaFiles<'a> {
    fn file(&self, id: usize) -> Result<&'a SourceFile, FilesError> {
        u32::try_from(id)
            .ok()
            .and_then(|id| self.0.get(FileId(id)))
            .ok_or(FilesError::FileMissing)
    }
}

impl<'a> Files<'a> for SchemaFiles<'a> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, FilesError> {
        Ok(self.file(id)?.name())
    }

    fn source(&'a self, id: usize) -> Result<&'a str, FilesError> {
        Ok(self.file(id)?.text())
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.file(id)?.line_col(byte_index).line - 1)
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, FilesError> {
        let file = self.file(id)?;
        match file.line_span(line_index + 1) {
            Some(span) => Ok(span.start..span.end),
            None => Err(FilesError::LineTooLarge {
                given: line_index,
                max: file.line_col(file.text().len()).line - 1,
            }),
        }
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
