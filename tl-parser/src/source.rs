//! Source files, byte spans and their conversion to line and column.

use std::fmt;
use std::sync::OnceLock;

/// The length of the line break at the start of `text`: 2 for `\r\n`, 1 for
/// `\n` or a lone `\r`, 0 when `text` does not start with one.
///
/// This is the one rule for line ends in the whole crate, the one editors
/// follow: `\n`, `\r\n` and a lone `\r` each end one line. A `//` comment
/// ends at any of them, a result type stays on one line by it, and
/// diagnostics count lines by it ([`SourceFile::line_col`]). Other
/// characters Unicode counts as line breaks (U+2028, U+0085, form feed…) end
/// no line: inside a `//` comment they draw a warning instead.
pub(crate) fn line_break_len(text: &[u8]) -> usize {
    match text {
        [b'\r', b'\n', ..] => 2,
        [b'\r' | b'\n', ..] => 1,
        _ => 0,
    }
}

/// The offset of the first line break in `text` (its length when it has none).
pub(crate) fn line_end(text: &str) -> usize {
    text.bytes()
        .position(|b| b == b'\n' || b == b'\r')
        .unwrap_or(text.len())
}

/// Whether `text` holds a line break.
pub(crate) fn has_line_break(text: &str) -> bool {
    line_end(text) < text.len()
}

/// Identifies one file inside a [`Sources`] set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A half-open byte range `start..end` inside one source text.
///
/// Both ends always lie on UTF-8 character boundaries of the text they were
/// produced from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The smallest span covering both `self` and `other`.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A span inside a specific file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    /// The file.
    pub file: FileId,
    /// The byte range inside it.
    pub span: Span,
}

/// A 1-based line and column; the column counts Unicode scalar values, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LineCol {
    /// Line number, starting at 1.
    pub line: usize,
    /// Column number, starting at 1, in characters.
    pub column: usize,
}

impl fmt::Display for LineCol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One schema file: its display name, its text and an index of line starts.
#[derive(Clone)]
pub struct SourceFile {
    name: String,
    text: String,
    /// Built on first use: checking a schema without problems never needs it.
    line_starts: OnceLock<Vec<usize>>,
}

impl fmt::Debug for SourceFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SourceFile")
            .field("name", &self.name)
            .field("text", &self.text)
            .field("line_starts", &self.line_starts())
            .finish()
    }
}

impl SourceFile {
    /// Creates a source file. Its lines are indexed when first needed.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
        }
    }

    /// Byte offsets of the starts of the lines (one binary search away from
    /// any offset's line), by [`line_break_len`]'s rule.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut starts = vec![0];
            let mut i = 0;
            while let Some(p) = bytes
                .get(i..)
                .and_then(|rest| rest.iter().position(|&b| b == b'\n' || b == b'\r'))
            {
                i += p;
                i += line_break_len(bytes.get(i..).unwrap_or_default());
                starts.push(i);
            }
            starts
        })
    }

    /// The name shown in diagnostics (usually the path as the user gave it).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The full text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Line and column of a byte offset. Offsets past the end map to the end;
    /// offsets inside a multi-byte character map to that character.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line_starts = self.line_starts();
        let line_index = match line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let line_start = line_starts.get(line_index).copied().unwrap_or(0);
        let column = self
            .text
            .get(line_start..offset)
            .map_or(0, |s| s.chars().count());
        LineCol {
            line: line_index + 1,
            column: column + 1,
        }
    }

    /// The span of 1-based line `line`, its line break included; `None`
    /// past the last line.
    pub fn line_span(&self, line: usize) -> Option<Span> {
        let line_starts = self.line_starts();
        let start = *line_starts.get(line.checked_sub(1)?)?;
        let end = line_starts.get(line).copied().unwrap_or(self.text.len());
        Some(Span::new(start, end))
    }

    /// The text of 1-based line `line`, without its line terminator.
    pub fn line_text(&self, line: usize) -> &str {
        // A line holds no line break but the one that ends it.
        self.line_span(line)
            .map_or("", |span| self.slice(span))
            .trim_end_matches(['\n', '\r'])
    }

    /// What a diagnostic shows of 1-based line `line` around `focus` (byte
    /// offsets in the file; the part of it outside the line is left out):
    /// see [`Excerpt`]. Its offsets are relative to the line's start.
    pub fn excerpt(&self, line: usize, focus: Span, width: usize) -> Excerpt<'_> {
        let start = self.line_span(line).map_or(0, |span| span.start);
        let focus = Span::new(
            focus.start.saturating_sub(start),
            focus.end.saturating_sub(start),
        );
        Excerpt::new(self.line_text(line), focus, width)
    }

    /// The text covered by `span`, or `""` when the span does not fit.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    fn floor_char_boundary(&self, offset: usize) -> usize {
        floor_char_boundary(&self.text, offset)
    }
}

/// How many characters of a source line a diagnostic shows at most.
///
/// A longer line is cut to a window of this many characters around the
/// span, with `...` on each side cut, as rustc does. Fixed rather than the
/// terminal's width so that build logs and tests see the same text; with the
/// gutter and the marks a shown line stays within about 120 columns, which
/// terminals and review tools show without wrapping.
pub const EXCERPT_WIDTH: usize = 100;

/// The part of one source line a diagnostic shows: the whole line when it
/// is at most `width` characters long, else a window of `width` characters
/// around a focus span (its start, when the span is wider than that).
///
/// The window is counted in characters, never splits one, and only decides
/// what is shown: line and column numbers stay those of the whole line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Excerpt<'a> {
    /// The characters shown, a slice of the line.
    pub text: &'a str,
    /// The byte offset of `text` in the line.
    pub offset: usize,
    /// Whether the line goes on before `text` (shown as `...`).
    pub cut_before: bool,
    /// Whether the line goes on after `text` (shown as `...`).
    pub cut_after: bool,
}

/// What [`Excerpt::display`] shows where the line is cut.
const CUT: &str = "...";

impl<'a> Excerpt<'a> {
    /// The excerpt of `line` (without its line break) around `focus`, byte
    /// offsets in `line`; offsets past the end or inside a character are
    /// moved back to a character boundary.
    pub fn new(line: &'a str, focus: Span, width: usize) -> Self {
        let width = width.max(1);
        let length = line.chars().count();
        if length <= width {
            return Excerpt {
                text: line,
                offset: 0,
                cut_before: false,
                cut_after: false,
            };
        }
        let start = char_count(line, focus.start);
        // An empty span is still shown (as one caret).
        let end = char_count(line, focus.end).max(start + 1);
        // Centred when the span fits, so that there is context on both
        // sides; a wider span is shown from its start.
        let margin = width.saturating_sub(end - start) / 2;
        let first = start.saturating_sub(margin).min(length - width);
        let from = byte_of_char(line, first);
        let to = byte_of_char(line, first + width);
        Excerpt {
            text: line.get(from..to).unwrap_or_default(),
            offset: from,
            cut_before: first > 0,
            cut_after: first + width < length,
        }
    }

    /// The line as shown: the text, with `...` on each side cut.
    pub fn display(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 2 * CUT.len());
        if self.cut_before {
            out.push_str(CUT);
        }
        out.push_str(self.text);
        if self.cut_after {
            out.push_str(CUT);
        }
        out
    }

    /// The byte offset in [`display`](Self::display) of byte `at` of the
    /// line: offsets outside the text shown go to its nearer end, so that a
    /// caret for them stays on the line shown.
    pub fn position(&self, at: usize) -> usize {
        let within = at.saturating_sub(self.offset).min(self.text.len());
        let within = floor_char_boundary(self.text, within);
        if self.cut_before {
            within + CUT.len()
        } else {
            within
        }
    }
}

/// `offset`, moved back to the nearest character boundary of `text` (and
/// to its end when past it).
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// How many characters of `text` come before byte `offset`.
fn char_count(text: &str, offset: usize) -> usize {
    text.get(..floor_char_boundary(text, offset))
        .map_or(0, |s| s.chars().count())
}

/// The byte offset of character `index` of `text` (its length past the end).
fn byte_of_char(text: &str, index: usize) -> usize {
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(b, _)| b)
}

/// The set of files that together form one schema.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// An empty set.
    pub fn new() -> Self {
        Sources::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(SourceFile::new(name, text));
        id
    }

    /// The file with the given id, if it belongs to this set.
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// All files with their ids, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether the set holds no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Display name, line and column of a location (`("", 1:1)` for a foreign id).
    pub fn describe(&self, location: Location) -> (&str, LineCol) {
        match self.get(location.file) {
            Some(f) => (f.name(), f.line_col(location.span.start)),
            None => ("", LineCol { line: 1, column: 1 }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let f = SourceFile::new("t", "ab\n// é x\nz");
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(f.line_col(3), LineCol { line: 2, column: 1 });
        // "x" is after "// é " : 5 characters, 6 bytes.
        let x = f.text().find('x').unwrap_or(0);
        assert_eq!(f.line_col(x), LineCol { line: 2, column: 6 });
        // An offset inside 'é' maps to 'é'.
        let e = f.text().find('é').unwrap_or(0);
        assert_eq!(f.line_col(e + 1), LineCol { line: 2, column: 4 });
        assert_eq!(f.line_col(999), LineCol { line: 3, column: 2 });
        assert_eq!(f.line_text(2), "// é x");
        assert_eq!(f.line_text(9), "");
    }

    /// `text` as an excerpt's fields, for comparing.
    fn parts(e: Excerpt<'_>) -> (&str, usize, bool, bool) {
        (e.text, e.offset, e.cut_before, e.cut_after)
    }

    #[test]
    fn a_line_up_to_the_width_is_shown_whole() {
        let line = "a".repeat(10);
        let e = Excerpt::new(&line, Span::new(9, 10), 10);
        assert_eq!(parts(e), (line.as_str(), 0, false, false));
        assert_eq!(e.display(), line);
        assert_eq!(e.position(9), 9);
    }

    #[test]
    fn a_long_line_is_cut_to_a_window_centred_on_the_span() {
        // 26 letters, three times: 78 characters. The span is the second
        // `k`, characters 36..37; a window of 11 puts 5 on each side of it.
        let line = "abcdefghijklmnopqrstuvwxyz".repeat(3);
        let e = Excerpt::new(&line, Span::new(36, 37), 11);
        assert_eq!(parts(e), ("fghijklmnop", 31, true, true));
        assert_eq!(e.display(), "...fghijklmnop...");
        // `k` sits after `...fghij`: 8 bytes into the display.
        assert_eq!(e.position(36), 8);
        // Places outside the window go to its nearer end.
        assert_eq!(e.position(0), 3);
        assert_eq!(e.position(77), 14);
    }

    #[test]
    fn a_window_near_an_end_of_the_line_is_cut_on_one_side_only() {
        let line = "abcdefghijklmnopqrstuvwxyz".repeat(3);
        // Near the start: the window starts at the line's start.
        let e = Excerpt::new(&line, Span::new(2, 3), 11);
        assert_eq!(parts(e), ("abcdefghijk", 0, false, true));
        assert_eq!(e.display(), "abcdefghijk...");
        // Near the end: it ends at the line's end (the last 11 characters).
        let e = Excerpt::new(&line, Span::new(77, 78), 11);
        assert_eq!(parts(e), ("pqrstuvwxyz", 67, true, false));
        // An empty span at the very end still gets a place in the window.
        let e = Excerpt::new(&line, Span::new(78, 78), 11);
        assert_eq!(parts(e), ("pqrstuvwxyz", 67, true, false));
        assert_eq!(e.position(78), 14);
    }

    #[test]
    fn a_span_wider_than_the_window_is_shown_from_its_start() {
        let line = format!("{}{}{}", "a".repeat(20), "b".repeat(30), "c".repeat(20));
        let e = Excerpt::new(&line, Span::new(20, 50), 10);
        assert_eq!(parts(e), ("bbbbbbbbbb", 20, true, true));
    }

    #[test]
    fn a_window_counts_characters_and_never_splits_one() {
        // 20 two-byte `é`, `X`, 20 more: `X` is character 20, bytes 40..41.
        let line = format!("{}X{}", "é".repeat(20), "é".repeat(20));
        let e = Excerpt::new(&line, Span::new(40, 41), 5);
        // Two characters on each side of `X`: bytes 36..45.
        assert_eq!(parts(e), ("ééXéé", 36, true, true));
        assert_eq!(e.position(40), 3 + 4);
        // An offset inside a character goes back to its start.
        assert_eq!(e.position(38), 3 + 2);
        // So does a focus that starts inside one: at 37, inside the `é` at
        // 36..38, it covers characters 18..21, and one goes on each side.
        let e = Excerpt::new(&line, Span::new(37, 41), 5);
        assert_eq!(parts(e), ("éééXé", 34, true, true));
    }

    #[test]
    fn an_excerpt_of_a_file_line_takes_file_offsets() {
        let f = SourceFile::new("t", "short\n0123456789abcdef\n");
        // `a` is byte 16 of the file, 10 of line 2.
        let e = f.excerpt(2, Span::new(16, 17), 5);
        assert_eq!(parts(e), ("89abc", 8, true, true));
        // A focus that goes on past the line (a span over several lines).
        let e = f.excerpt(2, Span::new(16, 40), 5);
        assert_eq!(parts(e), ("abcde", 10, true, true));
    }
}
