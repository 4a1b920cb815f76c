//! Diagnostics as data: a code, a message, labelled locations and advice.
//!
//! Rendering is left to the caller (the `tlgen` CLI renders them with the
//! source line and a caret); [`Diagnostic::render_plain`] gives a simple
//! dependency-free rendering for build scripts.

use crate::source::{EXCERPT_WIDTH, Location, SourceFile, Sources, Span};
use std::collections::HashMap;
use std::fmt::Write as _;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The schema is unusable until this is fixed.
    Error,
    /// The schema is usable, but something deserves attention.
    Warning,
}

/// Stable identifiers for every kind of diagnostic about a schema.
///
/// The string form (`E0101`, …) is part of the public interface: tests and
/// users may match on it. `E01xx` are syntax errors, `E02xx` semantic errors
/// and `W03xx` warnings, all from tl-parser; `E04xx` are reported by
/// tl-codegen, for schemas that are valid TL but cannot be turned into Rust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// A character that cannot start any TL token.
    UnexpectedCharacter,
    /// The input ended inside a definition or comment.
    UnexpectedEnd,
    /// A specific token was expected but something else was found.
    Expected,
    /// A constructor id that is not 1–8 hexadecimal digits.
    InvalidId,
    /// A `---name---` line other than `---functions---` / `---types---`.
    UnknownSection,
    /// A `/*` comment that is never closed.
    UnterminatedComment,
    /// Types nested deeper than [`MAX_NESTING`](crate::MAX_NESTING) levels.
    NestingTooDeep,
    /// A type name that no definition declares.
    UndefinedType,
    /// Two definitions with the same name.
    DuplicateName,
    /// Two definitions with the same constructor id.
    DuplicateId,
    /// A flag condition names a field that does not exist earlier.
    UnknownFlagsField,
    /// A flag condition names a field that is not of type `#`.
    NotAFlagsField,
    /// A flag bit outside 0..=31, or missing.
    InvalidFlagBit,
    /// A generic parameter used but not declared (or declared twice).
    UnboundTypeParameter,
    /// `Vector`/`vector` with the wrong number of arguments, or arguments on a non-generic type.
    WrongTypeArity,
    /// A core line (`int ? = Int;`) for a type tlgen does not know.
    UnknownBuiltin,
    /// A construct that parses but that tlgen cannot give meaning to.
    Unsupported,
    /// A result type that is not a boxed (capitalised) type name.
    InvalidResultType,
    /// Two fields of one definition share a name.
    DuplicateField,
    /// A bare type (`%T`, lowercase name) whose boxed type has several constructors.
    AmbiguousBareType,
    /// A written id that differs from the CRC32 of the normalized definition.
    IdMismatch,
    /// Files disagree on the layer number.
    LayerMismatch,
    /// The schema holds no definition at all (empty file, only comments).
    EmptySchema,
    /// Two functions share one id (TDLib declares a function's head under a
    /// second name on purpose); the first keeps the id in id lookups.
    SharedFunctionId,
    /// A `//` comment holds a character Unicode counts as a line break but TL
    /// does not (U+2028, U+2029, U+0085, vertical tab, form feed): editors may
    /// show the rest of the line as a line of its own, yet it is comment.
    LineBreakInComment,
    /// A comment holds a Unicode bidirectional control (U+202A to U+202E,
    /// U+2066 to U+2069): the text may display in another order than it is
    /// read ("Trojan Source").
    BidiControlInComment,
    /// Code generation: two TL names that become one Rust name in one scope.
    RustNameCollision,
    /// Code generation: a valid TL construct that has no Rust form (a generic
    /// constructor, an unused type parameter, a result that cannot be decoded).
    NotRepresentable,
    /// Code generation: a type none of whose constructors has a finite value,
    /// so no random value of it can be generated (`Options::arbitrary`).
    NoFiniteValue,
}

impl Code {
    /// The stable code string, e.g. `"E0201"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::UnexpectedCharacter => "E0101",
            Code::UnexpectedEnd => "E0102",
            Code::Expected => "E0103",
            Code::InvalidId => "E0104",
            Code::UnknownSection => "E0105",
            Code::UnterminatedComment => "E0106",
            Code::NestingTooDeep => "E0107",
            Code::UndefinedType => "E0201",
            Code::DuplicateName => "E0202",
            Code::DuplicateId => "E0203",
            Code::UnknownFlagsField => "E0204",
            Code::NotAFlagsField => "E0205",
            Code::InvalidFlagBit => "E0206",
            Code::UnboundTypeParameter => "E0207",
            Code::WrongTypeArity => "E0208",
            Code::UnknownBuiltin => "E0209",
            Code::Unsupported => "E0210",
            Code::InvalidResultType => "E0211",
            Code::DuplicateField => "E0212",
            Code::AmbiguousBareType => "E0213",
            Code::IdMismatch => "W0301",
            Code::LayerMismatch => "W0302",
            Code::EmptySchema => "E0214",
            Code::SharedFunctionId => "W0303",
            Code::LineBreakInComment => "W0304",
            Code::BidiControlInComment => "W0305",
            Code::RustNameCollision => "E0401",
            Code::NotRepresentable => "E0402",
            Code::NoFiniteValue => "E0403",
        }
    }
}

/// A location with a short message shown next to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub location: Location,
    /// What is there (may be empty).
    pub message: String,
}

/// One problem found in a schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code.
    pub code: Code,
    /// One-sentence description of the problem.
    pub message: String,
    /// The main location; the caret points here.
    pub primary: Label,
    /// Other relevant locations (e.g. the first of two duplicates).
    pub secondary: Vec<Label>,
    /// Supporting facts (e.g. the normalized text that was hashed).
    pub notes: Vec<String>,
    /// What to do about it.
    pub help: Option<String>,
    /// How many problems this entry stands for: 1, except for an "and N
    /// more" entry [`cap_repeats`] ends a list with, which stands for the N
    /// problems of its code it left out. Count problems by summing this.
    pub count: usize,
}

impl Diagnostic {
    /// An error at `location`.
    pub fn error(code: Code, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            primary: Label {
                location,
                message: String::new(),
            },
            secondary: Vec::new(),
            notes: Vec::new(),
            help: None,
            count: 1,
        }
    }

    /// A warning at `location`.
    pub fn warning(code: Code, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, location, message)
        }
    }

    /// Sets the label shown at the primary location.
    pub fn with_label(mut self, message: impl Into<String>) -> Self {
        self.primary.message = message.into();
        self
    }

    /// Adds a secondary location.
    pub fn with_secondary(mut self, location: Location, message: impl Into<String>) -> Self {
        self.secondary.push(Label {
            location,
            message: message.into(),
        });
        self
    }

    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Sets the advice.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this is an error (as opposed to a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic as plain text: `file:line:col: error[code]: message`,
    /// the source line, a caret line, then labels, notes and help.
    pub fn render_plain(&self, sources: &Sources) -> String {
        let mut out = String::new();
        let (name, pos) = sources.describe(self.primary.location);
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(
            out,
            "{name}:{pos}: {kind}[{}]: {}",
            self.code.as_str(),
            self.message
        );
        if let Some(file) = sources.get(self.primary.location.file) {
            let (shown, column, width) = caret_line(file, pos.line, self.primary.location.span);
            let _ = writeln!(out, "  | {shown}");
            let _ = writeln!(
                out,
                "  | {}{} {}",
                " ".repeat(column),
                "^".repeat(width),
                self.primary.message
            );
        }
        for label in &self.secondary {
            let (name, pos) = sources.describe(label.location);
            let _ = writeln!(out, "  = {name}:{pos}: {}", label.message);
        }
        for note in &self.notes {
            let _ = writeln!(out, "  = note: {note}");
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = help: {help}");
        }
        out
    }
}

/// Columns between tab stops where [`Diagnostic::render_plain`] shows a tab
/// (codespan-reporting's default, which the `tlgen` CLI renders with).
const TAB_WIDTH: usize = 4;

/// Line `line` of `file` as [`Diagnostic::render_plain`] shows it (a window
/// around `span` when long, tabs expanded), with the column before the
/// caret (0-based) and the caret's width, at least 1: to the end of `span`,
/// or of what is shown of the line when `span` goes on past it.
fn caret_line(file: &SourceFile, line: usize, span: Span) -> (String, usize, usize) {
    let excerpt = file.excerpt(line, span, EXCERPT_WIDTH);
    let line_start = file.line_span(line).map_or(0, |s| s.start);
    let start = excerpt.position(span.start.saturating_sub(line_start));
    let end = excerpt.position(span.end.saturating_sub(line_start));
    // Tabs become spaces up to the next stop, so that the caret line's
    // spaces line up with the text whatever a terminal's tab width.
    let display = excerpt.display();
    let mut shown = String::with_capacity(display.len());
    let (mut column, mut caret_start, mut caret_end) = (0, 0, 0);
    let ends = [(display.len(), None)];
    for (at, c) in display
        .char_indices()
        .map(|(at, c)| (at, Some(c)))
        .chain(ends)
    {
        if at == start {
            caret_start = column;
        }
        if at == end {
            caret_end = column;
        }
        match c {
            Some('\t') => {
                let next = (column / TAB_WIDTH + 1) * TAB_WIDTH;
                shown.extend(std::iter::repeat_n(' ', next - column));
                column = next;
            }
            Some(c) => {
                shown.push(c);
                column += 1;
            }
            None => {}
        }
    }
    (
        shown,
        caret_start,
        caret_end.saturating_sub(caret_start).max(1),
    )
}

/// How many diagnostics of one code [`cap_repeats`] keeps.
pub const REPEAT_LIMIT: usize = 20;

/// `diagnostics` with at most [`REPEAT_LIMIT`] of each code: the others of
/// that code are left out and counted in one entry at the end, "and N more",
/// placed at the first one left out (whose message is its label) and
/// standing for all of them ([`Diagnostic::count`]).
///
/// A schema with many problems of one kind (a type renamed, a generated
/// file gone wrong) is fixed from its first few; thousands more of the same
/// would only bury them, and cost time and memory to build and print.
/// [`check`](crate::check) returns its diagnostics capped this way.
pub fn cap_repeats(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // Per code: how many were kept, and the "and N more" entry once needed.
    let mut kept: HashMap<Code, usize> = HashMap::new();
    let mut more: Vec<Diagnostic> = Vec::new();
    let mut more_index: HashMap<Code, usize> = HashMap::new();
    let mut out = Vec::with_capacity(diagnostics.len().min(64));
    for d in diagnostics {
        let seen = kept.entry(d.code).or_insert(0);
        if *seen < REPEAT_LIMIT {
            *seen += 1;
            out.push(d);
            continue;
        }
        match more_index.get(&d.code).and_then(|&i| more.get_mut(i)) {
            Some(entry) => entry.count += d.count,
            None => {
                more_index.insert(d.code, more.len());
                // The label says what the first one left out is (an "and N
                // more" entry capped again keeps its own).
                let label = if d.count == 1 {
                    d.message
                } else {
                    d.primary.message
                };
                more.push(Diagnostic {
                    message: String::new(),
                    secondary: Vec::new(),
                    notes: Vec::new(),
                    help: Some("fix the ones shown, then check again to see the rest".to_owned()),
                    primary: Label {
                        location: d.primary.location,
                        message: label,
                    },
                    ..d
                });
            }
        }
    }
    for mut entry in more {
        let kind = match (entry.severity, entry.count) {
            (Severity::Error, 1) => "error",
            (Severity::Error, _) => "errors",
            (Severity::Warning, 1) => "warning",
            (Severity::Warning, _) => "warnings",
        };
        entry.message = format!(
            "and {} more {kind} {} not shown (the first is here)",
            entry.count,
            entry.code.as_str()
        );
        out.push(entry);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    /// `render_plain` of an E0201 error labelled `here` at `span` of a file
    /// `t.tl` holding `text`.
    fn render(text: &str, span: Span) -> String {
        let mut sources = Sources::new();
        let file: FileId = sources.add("t.tl", text);
        Diagnostic::error(Code::UndefinedType, Location { file, span }, "undefined")
            .with_label("here")
            .render_plain(&sources)
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_with_the_real_column_and_the_caret_under_the_span() {
        // 300 two-byte Greek letters, `X`, 300 more: `X` is character 300
        // (column 301), bytes 600..601. The window of 100 characters keeps
        // 49 before it (from character 251, a `γ`) and 50 after it.
        let cycle = "αβγ".repeat(16);
        let text = format!("{}X{}", "αβγ".repeat(100), "αβγ".repeat(100));
        assert_eq!(
            render(&text, Span::new(600, 601)),
            format!(
                "t.tl:1:301: error[E0201]: undefined\n  | ...γ{cycle}X{cycle}αβ...\n  | {}^ here\n",
                // `...` and the 49 characters before `X`.
                " ".repeat(3 + 49)
            )
        );
    }

    #[test]
    fn a_span_wider_than_the_window_is_shown_from_its_start() {
        let text = format!("{}{}{}", "a".repeat(50), "b".repeat(300), "c".repeat(50));
        assert_eq!(
            render(&text, Span::new(50, 350)),
            format!(
                "t.tl:1:51: error[E0201]: undefined\n  | ...{}...\n  |    {} here\n",
                "b".repeat(100),
                "^".repeat(100)
            )
        );
    }

    #[test]
    fn a_tab_is_shown_as_spaces_to_the_next_stop_and_the_caret_follows() {
        // The tab is column 4 (one character) and shows as one space, to
        // the stop at 4; `Strng` is column 7.
        assert_eq!(
            render("x#1\ta:Strng = X;", Span::new(6, 11)),
            "t.tl:1:7: error[E0201]: undefined\n  | x#1 a:Strng = X;\n  |       ^^^^^ here\n"
        );
    }
}
