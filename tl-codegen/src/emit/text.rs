//! Printing generated tokens as text without formatting them
//! ([`Options::format`](crate::Options) set to `false`).
//!
//! Formatting goes through `syn` (re-parsing every token) and `prettyplease`, which
//! is most of the generation time for a large schema. Code that is only
//! `include!`d from a build script does not need it: this printer writes the
//! tokens as they are, an item, statement, field or match arm per line and braces
//! indented, so the text is valid Rust with the same meaning, compiler messages
//! point at short lines, and the same tokens always give the same text.

use proc_macro2::{Delimiter, Group, Spacing, TokenStream, TokenTree};
use std::fmt::Write as _;

/// The tokens of `group`. `Group::stream` shares them with the group; dropping the
/// group first leaves the stream the only owner, so iterating it moves the tokens
/// instead of copying every one.
fn inner(group: Group) -> TokenStream {
    let stream = group.stream();
    drop(group);
    stream
}

/// Prints a module a piece at a time: items as they are emitted, nested
/// modules around the text of their own printers. The text is the same as
/// printing the whole module's tokens at once (between two items the printer
/// is always at the start of a line), but no item's tokens outlive it:
/// holding the whole file as tokens took about 14 times the text's size.
pub(crate) struct Printer {
    out: String,
    depth: usize,
    gap: Gap,
}

impl Printer {
    /// A printer for the items of a module nested `depth` levels deep; its
    /// text starts with `prefix`.
    pub(crate) fn new(depth: usize, prefix: &str) -> Printer {
        Printer {
            out: String::from(prefix),
            depth,
            gap: Gap::LineStart,
        }
    }

    /// A printer for the items of a module nested in this one.
    pub(crate) fn nested(&self) -> Printer {
        Printer::new(self.depth + 1, "")
    }

    /// Prints `tokens`, one or more whole items.
    pub(crate) fn items(&mut self, tokens: TokenStream) {
        self.stream(tokens, true);
    }

    /// Prints `header { … }` (a module: its attributes, `pub mod name`),
    /// the braces holding what `inner`, a printer from
    /// [`nested`](Self::nested), printed: as a brace group after `header` is
    /// printed in [`stream`](Self::stream), followed by another item.
    pub(crate) fn block(&mut self, header: TokenStream, inner: Printer) {
        self.stream(header, true);
        self.put("{", Gap::Space);
        self.depth += 1;
        self.newline();
        self.out.push_str(&inner.out);
        self.gap = inner.gap;
        self.depth -= 1;
        self.newline();
        self.put("}", Gap::SpaceAfterWord);
        self.newline();
    }

    /// The text, ended by a line break.
    pub(crate) fn finish(mut self) -> String {
        self.out.push('\n');
        self.out
    }
}

/// What goes between the text so far and the next token.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// A new line: indentation.
    LineStart,
    /// Nothing (after `(`, `.`, `&`, a joint punctuation character).
    Joined,
    /// One space.
    Space,
    /// One space, after a literal: `1 .max()` must not become the float `1.`,
    /// and a `<` after it compares or shifts.
    SpaceAfterLiteral,
    /// One space, unless the next token is `.`, `::` or a parenthesis (a call):
    /// after an identifier or a closing delimiter.
    SpaceAfterWord,
}

/// Keywords after which a space stays before `::` or `<` (`impl ::path`,
/// `as ::path`, `&mut ::path`, `impl <T>` is never generated but stays valid).
const KEYWORDS: &[&str] = &[
    "as", "const", "dyn", "else", "for", "if", "impl", "in", "let", "match", "move", "mut", "pub",
    "return", "static", "unsafe", "where",
];

impl Printer {
    /// Prints `tokens`; `in_braces`: they are a block, item list or field list,
    /// where `,` ends a line (a match arm, a field, a variant) and a sum gets one
    /// term per line; otherwise they are inside `(...)` or `[...]`.
    fn stream(&mut self, tokens: TokenStream, in_braces: bool) {
        let mut tokens = tokens.into_iter().peekable();
        let mut angle = 0usize;
        // The previous token, if it was a joint punctuation character (the `-`
        // of `->`, the first `:` of `::`).
        let mut joint_punct: Option<char> = None;
        while let Some(token) = tokens.next() {
            let last_joint = joint_punct.take();
            if let TokenTree::Punct(p) = &token {
                if p.spacing() == Spacing::Joint {
                    joint_punct = Some(p.as_char());
                }
            }
            match token {
                TokenTree::Group(group) => match group.delimiter() {
                    Delimiter::Brace => {
                        self.put("{", Gap::Space);
                        self.depth += 1;
                        self.newline();
                        self.stream(inner(group), true);
                        self.depth -= 1;
                        self.newline();
                        self.put("}", Gap::SpaceAfterWord);
                        // A closing brace ends its line unless the expression goes
                        // on (`;`, `,`, `.`, `?`, `else`) or a `)`/`]` closes next.
                        let continues = match tokens.peek() {
                            Some(TokenTree::Punct(p)) => {
                                matches!(p.as_char(), ';' | ',' | '.' | '?')
                            }
                            Some(TokenTree::Ident(ident)) => ident == "else",
                            Some(_) => false,
                            None => !in_braces,
                        };
                        if !continues {
                            self.newline();
                        }
                    }
                    Delimiter::Parenthesis => self.group("(", inner(group), ")"),
                    Delimiter::Bracket => self.group("[", inner(group), "]"),
                    Delimiter::None => self.stream(inner(group), in_braces),
                },
                TokenTree::Punct(punct) => {
                    let ch = punct.as_char();
                    let joint = punct.spacing() == Spacing::Joint;
                    if ch == '+' && in_braces && !joint {
                        // A long sum (an encoded length): one term per line.
                        self.depth += 1;
                        self.newline();
                        self.put("+", Gap::Space);
                        self.depth -= 1;
                        continue;
                    }
                    // `<`/`>` of generics (`Vec<u8>`, `::<T>`, `<Self as T>`), told
                    // from comparisons and shifts by what comes before; a wrong
                    // guess only changes spacing and line breaks.
                    if ch == '<' && self.gap != Gap::SpaceAfterLiteral {
                        angle += 1;
                        if self.gap == Gap::SpaceAfterWord {
                            self.gap = Gap::Joined;
                        }
                        self.put("<", Gap::Joined);
                        continue;
                    }
                    if ch == '>' && angle > 0 && !matches!(last_joint, Some('-' | '=')) {
                        angle -= 1;
                        if self.gap != Gap::LineStart {
                            self.gap = Gap::Joined;
                        }
                        self.put(">", Gap::SpaceAfterWord);
                        continue;
                    }
                    let second_colon = ch == ':' && last_joint == Some(':');
                    let binds_left = matches!(ch, ',' | ';' | '?')
                        // `.`, but `1 .max()` must not become the float `1.`
                        || (ch == '.' && self.gap != Gap::SpaceAfterLiteral)
                        // `x: T` and `path::to`, but `impl ::path`
                        || (ch == ':' && !joint && !second_colon)
                        || (ch == ':' && joint && self.gap == Gap::SpaceAfterWord);
                    if binds_left && self.gap != Gap::LineStart {
                        self.gap = Gap::Joined;
                    }
                    let next = if joint || second_colon || matches!(ch, '.' | '&' | '\'') {
                        Gap::Joined
                    } else {
                        Gap::Space
                    };
                    self.put(ch.encode_utf8(&mut [0; 4]), next);
                    if ch == ';' || (ch == ',' && in_braces && angle == 0) {
                        self.newline();
                    } else if ch == '#' {
                        // An attribute (`#[...]`, `#![...]`) gets its own line.
                        if tokens
                            .next_if(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == '!'))
                            .is_some()
                        {
                            self.put("!", Gap::Joined);
                        }
                        self.gap = Gap::Joined;
                        if let Some(TokenTree::Group(attr)) =
                            tokens.next_if(|t| matches!(t, TokenTree::Group(_)))
                        {
                            self.group("[", inner(attr), "]");
                        }
                        self.newline();
                    }
                }
                TokenTree::Ident(ident) => {
                    let start = self.put_display(&ident, Gap::SpaceAfterWord);
                    // After a keyword, `::` and `<` start a new path or type.
                    if self
                        .out
                        .get(start..)
                        .is_some_and(|word| KEYWORDS.contains(&word))
                    {
                        self.gap = Gap::Space;
                    }
                }
                TokenTree::Literal(literal) => {
                    self.put_display(&literal, Gap::SpaceAfterLiteral);
                }
            }
        }
    }

    /// A parenthesized or bracketed group, on the current line.
    fn group(&mut self, open: &str, inner: TokenStream, close: &str) {
        if open == "(" && self.gap == Gap::SpaceAfterWord {
            self.gap = Gap::Joined;
        }
        self.put(open, Gap::Joined);
        self.stream(inner, false);
        if self.gap != Gap::LineStart {
            self.gap = Gap::Joined;
        }
        self.put(close, Gap::SpaceAfterWord);
    }

    /// Ends the line (once: blank lines are never written).
    fn newline(&mut self) {
        if self.gap != Gap::LineStart {
            self.out.push('\n');
        }
        self.gap = Gap::LineStart;
    }

    /// Writes `text` after the current gap; `next` is the gap after it.
    fn put(&mut self, text: &str, next: Gap) {
        self.separate();
        self.out.push_str(text);
        self.gap = next;
    }

    /// [`put`](Self::put) for an identifier or literal, written straight into
    /// the output; returns where its text starts.
    fn put_display(&mut self, token: &dyn std::fmt::Display, next: Gap) -> usize {
        self.separate();
        let start = self.out.len();
        // Writing to a `String` cannot fail.
        let _ = write!(self.out, "{token}");
        self.gap = next;
        start
    }

    /// Writes the current gap.
    fn separate(&mut self) {
        match self.gap {
            Gap::LineStart => {
                for _ in 0..self.depth {
                    self.out.push_str("    ");
                }
            }
            Gap::Space | Gap::SpaceAfterLiteral | Gap::SpaceAfterWord => self.out.push(' '),
            Gap::Joined => {}
        }
    }
}
