//! Rendering tl-parser diagnostics for the terminal with codespan-reporting.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::Location as CodespanLocation;
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, Config};
use std::collections::BTreeMap;
use std::ops::Range;
use tl_parser::{
    Diagnostic, EXCERPT_WIDTH, Excerpt, FileId, Location, Severity, SourceFile, Sources, Span,
};

/// Renders diagnostics as text: a header with code and message, then
/// `file:line:column`, the source line with a caret under the problem, the
/// lines of the other places involved, then where each of those is
/// (`file:line:column`, which codespan shows only for the primary one), the
/// notes and the help. A long line is shown as a window around its labels
/// ([`tl_parser::Excerpt`]), the same as `Diagnostic::render_plain` shows it.
pub struct Renderer<'a> {
    sources: &'a Sources,
    config: Config,
}

impl<'a> Renderer<'a> {
    /// A renderer over the given sources.
    pub fn new(sources: &'a Sources) -> Self {
        Renderer {
            sources,
            config: Config::default(),
        }
    }

    /// One diagnostic as text (ends with a newline).
    pub fn render(&self, diagnostic: &Diagnostic) -> String {
        let severity = match diagnostic.severity {
            Severity::Error => ReportSeverity::Error,
            Severity::Warning => ReportSeverity::Warning,
        };
        let shown = Shown::new(self.sources, diagnostic);
        let primary = &diagnostic.primary;
        let mut labels = vec![
            Label::primary(
                primary.location.file.0 as usize,
                shown.range(primary.location),
            )
            .with_message(primary.message.clone()),
        ];
        // A secondary place outside the window of its line gets no label,
        // which would point at the window's edge instead: the notes below
        // still say where it is.
        labels.extend(
            diagnostic
                .secondary
                .iter()
                .filter(|l| shown.is_visible(l.location))
                .map(|l| {
                    Label::secondary(l.location.file.0 as usize, shown.range(l.location))
                        .with_message(l.message.clone())
                }),
        );
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
        term::emit_into_string(&self.config, &shown, &report).unwrap_or_else(|e| {
            format!(
                "{}: {} (could not show the source: {e})\n",
                diagnostic.code.as_str(),
                diagnostic.message
            )
        })
    }
}

/// The schema files as codespan sees them for one diagnostic: only the lines
/// its labels touch, each as its [`Excerpt`] (all of it when short), so that
/// codespan, which prints whole lines, prints long ones cut. Lines are
/// counted by tl-parser's rule (`\n`, `\r\n` and a lone `\r` each end a
/// line, where codespan's own files count only `\n`), and line and column
/// numbers are those of the real file, so that they agree with every
/// diagnostic's.
struct Shown<'a> {
    /// By file id: the lines shown of the files the labels are in.
    files: BTreeMap<usize, ShownFile<'a>>,
}

/// The lines shown of one file.
struct ShownFile<'a> {
    file: &'a SourceFile,
    /// The lines shown, one after the other, each ended by `\n`.
    text: String,
    /// The lines shown, by line index.
    lines: Vec<ShownLine<'a>>,
}

/// One line of a [`ShownFile`].
struct ShownLine<'a> {
    /// 0-based line index in the real file.
    index: usize,
    /// Byte offset of the line in the real file.
    start: usize,
    /// Where it is in [`ShownFile::text`], its `\n` included.
    range: Range<usize>,
    /// What of the real line is shown.
    excerpt: Excerpt<'a>,
}

impl<'a> Shown<'a> {
    fn new(sources: &'a Sources, diagnostic: &Diagnostic) -> Self {
        // For each line a label touches (by file), the part of the line the
        // labels cover: the window centres on it.
        let mut focus: BTreeMap<(FileId, usize), Span> = BTreeMap::new();
        let mut primary_lines: Vec<(FileId, usize)> = Vec::new();
        let labels = std::iter::once(&diagnostic.primary).chain(&diagnostic.secondary);
        for (i, label) in labels.enumerate() {
            let Location { file, span } = label.location;
            let Some(source) = sources.get(file) else {
                continue;
            };
            let first = source.line_col(span.start).line;
            let last = source.line_col(span.end).line.max(first);
            for line in first..=last {
                let Some(whole) = source.line_span(line) else {
                    continue;
                };
                let part = Span::new(span.start.max(whole.start), span.end.min(whole.end));
                if i == 0 {
                    primary_lines.push((file, line));
                }
                focus
                    .entry((file, line))
                    .and_modify(|f| *f = f.to(part))
                    .or_insert(part);
            }
        }
        let mut files: BTreeMap<usize, ShownFile<'a>> = BTreeMap::new();
        for ((file, line), mut part) in focus {
            let Some(source) = sources.get(file) else {
                continue;
            };
            // Labels too far apart to share a window: the primary one's.
            let primary = diagnostic.primary.location.span;
            let wide = source.slice(part).chars().count() > EXCERPT_WIDTH;
            if wide && primary_lines.contains(&(file, line)) {
                part = Span::new(primary.start.max(part.start), primary.end.min(part.end));
            }
            let excerpt = source.excerpt(line, part, EXCERPT_WIDTH);
            let shown = files.entry(file.0 as usize).or_insert_with(|| ShownFile {
                file: source,
                text: String::new(),
                lines: Vec::new(),
            });
            let begin = shown.text.len();
            shown.text.push_str(&excerpt.display());
            shown.text.push('\n');
            shown.lines.push(ShownLine {
                index: line - 1,
                start: source.line_span(line).map_or(0, |s| s.start),
                range: begin..shown.text.len(),
                excerpt,
            });
        }
        Shown { files }
    }

    /// Whether the start of `location` is in the window shown of its line.
    fn is_visible(&self, location: Location) -> bool {
        let Some(shown) = self.files.get(&(location.file.0 as usize)) else {
            return false;
        };
        let start = location.span.start;
        shown
            .line(shown.file.line_col(start).line - 1)
            .is_some_and(|l| {
                let from = l.start + l.excerpt.offset;
                // The end itself counts: an empty span there is shown.
                (from..=from + l.excerpt.text.len()).contains(&start)
            })
    }

    /// Where `location` is in the text shown of its file.
    fn range(&self, location: Location) -> Range<usize> {
        let Some(shown) = self.files.get(&(location.file.0 as usize)) else {
            return 0..0;
        };
        let at = |offset: usize| {
            let index = shown.file.line_col(offset).line - 1;
            shown.line(index).map_or(0, |l| {
                l.range.start + l.excerpt.position(offset.saturating_sub(l.start))
            })
        };
        at(location.span.start)..at(location.span.end)
    }

    fn file(&self, id: usize) -> Result<&ShownFile<'a>, FilesError> {
        self.files.get(&id).ok_or(FilesError::FileMissing)
    }
}

impl<'a> ShownFile<'a> {
    /// The line shown with 0-based index `index`.
    fn line(&self, index: usize) -> Option<&ShownLine<'a>> {
        let i = self.lines.binary_search_by_key(&index, |l| l.index).ok()?;
        self.lines.get(i)
    }

    /// The line shown that holds byte `at` of [`ShownFile::text`] (the last
    /// one past the end).
    fn line_at(&self, at: usize) -> Option<&ShownLine<'a>> {
        let after = self.lines.partition_point(|l| l.range.start <= at);
        self.lines.get(after.checked_sub(1)?)
    }
}

impl<'a> Files<'a> for Shown<'_> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, FilesError> {
        Ok(self.file(id)?.file.name())
    }

    fn source(&'a self, id: usize) -> Result<&'a str, FilesError> {
        Ok(&self.file(id)?.text)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, FilesError> {
        let file = self.file(id)?;
        file.line_at(byte_index)
            .map(|l| l.index)
            .ok_or(FilesError::IndexTooLarge {
                given: byte_index,
                max: file.text.len(),
            })
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, FilesError> {
        let file = self.file(id)?;
        match file.line(line_index) {
            Some(line) => Ok(line.range.clone()),
            // Only the lines the labels touch are here; codespan asks for no
            // others with the default configuration (no context lines).
            None => Err(FilesError::LineTooLarge {
                given: line_index,
                max: file.lines.last().map_or(0, |l| l.index),
            }),
        }
    }

    /// The real line and column, where codespan's own would count within
    /// the window: the header's `file:line:column` stays exact.
    fn location(&'a self, id: usize, byte_index: usize) -> Result<CodespanLocation, FilesError> {
        let file = self.file(id)?;
        let line = file.line_at(byte_index).ok_or(FilesError::IndexTooLarge {
            given: byte_index,
            max: file.text.len(),
        })?;
        // Back from the window to the line: past the `...` mark, and at
        // most to the end of the text shown.
        let excerpt = &line.excerpt;
        let within = byte_index
            .saturating_sub(line.range.start)
            .saturating_sub(excerpt.position(excerpt.offset))
            .min(excerpt.text.len());
        let at = file.file.line_col(line.start + excerpt.offset + within);
        Ok(CodespanLocation {
            line_number: at.line,
            column_number: at.column,
        })
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use tl_parser::Code;

    #[test]
    fn a_label_over_several_long_lines_shows_each_cut_with_the_real_column() {
        // Three lines of 300 characters; the label runs from column 201 of
        // line 1 to column 11 of line 3.
        let line = "x".repeat(300);
        let text = format!("{line}\n{line}\n{line}\n");
        let mut sources = Sources::new();
        let file = sources.add("m.tl", text);
        let span = Span::new(200, 2 * 301 + 10);
        let d = Diagnostic::error(Code::Unsupported, Location { file, span }, "m");
        let out = Renderer::new(&sources).render(&d);
        assert!(out.contains("┌─ m.tl:1:201\n"), "{out}");
        // Line 1 holds characters 200..300 of the span, the window's 100:
        // shown from the span's start to the line's end, the caret under
        // its first character (past the gutter's `╭─` and the `...`). The
        // middle line and line 3 (their starts are in the span) are shown
        // from column 1, cut after 100 characters.
        let x100 = "x".repeat(100);
        for shown in [
            format!("1 │   ...{x100}\n  │ ╭────^\n"),
            format!("2 │ │ {x100}...\n"),
            format!("3 │ │ {x100}...\n"),
        ] {
            assert!(out.contains(&shown), "no {shown:?} in:\n{out}");
        }
    }
}
