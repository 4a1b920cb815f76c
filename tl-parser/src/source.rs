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

    /// The text covered by `span`, or `""` when the span does not fit.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
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
}
