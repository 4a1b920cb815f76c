//! Formatting generated code with prettyplease a few items at a time
//! ([`Options::format`](crate::Options)), so that the whole file never
//! exists as tokens and a syntax tree at once: for 20,000 definitions that
//! took about 49 times the size of the text it produced (3.4 GiB of peak
//! memory for 74 MB).
//!
//! prettyplease lays an item out from where its line starts: its
//! indentation and the width left. An item is formatted inside as many
//! placeholder modules as the generated module nests it, and its lines are
//! taken from between them, so every item comes out as it would in the
//! whole file, byte for byte.

use super::Items;
use proc_macro2::TokenStream;
use quote::quote;

/// The placeholder module the items are formatted in (its lines are removed).
const WRAPPER: &str = "__tlgen_wrapper";

/// The placeholder item a module's header and closing brace are formatted
/// around (its line is removed).
const PLACEHOLDER: &str = "__TlgenPlaceholder";

/// The formatted text of a module's items, nested `depth` levels deep.
pub(crate) struct Formatter {
    out: String,
    depth: usize,
    /// The first item that did not parse as Rust (a bug in the emitter).
    error: Option<String>,
}

impl Formatter {
    /// A formatter for the items of a module nested `depth` levels deep; its
    /// text starts with `prefix`.
    pub(crate) fn new(depth: usize, prefix: &str) -> Formatter {
        Formatter {
            out: String::from(prefix),
            depth,
            error: None,
        }
    }

    /// The text, or why some item was not valid Rust.
    pub(crate) fn finish(self) -> Result<String, String> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.out),
        }
    }

    /// `tokens` formatted `depth` levels deep, inside the placeholder
    /// modules, whose lines are still there.
    fn wrapped(&mut self, tokens: TokenStream, depth: usize) -> Option<String> {
        let wrapper = proc_macro2::Ident::new(WRAPPER, proc_macro2::Span::call_site());
        let mut tokens = tokens;
        for _ in 0..depth {
            tokens = quote!(mod #wrapper { #tokens });
        }
        match syn::parse2::<syn::File>(tokens) {
            Ok(file) => Some(prettyplease::unparse(&file)),
            Err(e) => {
                self.error.get_or_insert_with(|| e.to_string());
                None
            }
        }
    }
}

/// The lines of `text` (each with its `\n`) between the `depth` opening
/// lines of the placeholder modules and their `depth` closing lines.
fn unwrapped(text: &str, depth: usize) -> Vec<&str> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    lines
        .get(depth..lines.len().saturating_sub(depth))
        .unwrap_or_default()
        .to_vec()
}

impl Items for Formatter {
    fn nested(&self) -> Self {
        Formatter::new(self.depth + 1, "")
    }

    fn items(&mut self, items: TokenStream) {
        if items.is_empty() {
            return;
        }
        if let Some(text) = self.wrapped(items, self.depth) {
            self.out.extend(unwrapped(&text, self.depth));
        }
    }

    fn module(&mut self, header: TokenStream, body: Self) {
        let body = match body.finish() {
            Ok(body) => body,
            Err(e) => {
                self.error.get_or_insert(e);
                return;
            }
        };
        if body.is_empty() {
            // prettyplease writes an empty module on one line.
            self.items(quote!(#header {}));
            return;
        }
        // The module's header and closing brace, formatted around a
        // placeholder item: the lines before the placeholder's, and the
        // one after it.
        let placeholder = proc_macro2::Ident::new(PLACEHOLDER, proc_macro2::Span::call_site());
        let Some(text) = self.wrapped(quote!(#header { struct #placeholder; }), self.depth) else {
            return;
        };
        let lines = unwrapped(&text, self.depth);
        let Some(at) = lines.iter().position(|l| l.contains(PLACEHOLDER)) else {
            self.error
                .get_or_insert_with(|| "a module's placeholder item went missing".to_owned());
            return;
        };
        self.out
            .extend(lines.get(..at).unwrap_or_default().iter().copied());
        self.out.push_str(&body);
        self.out
            .extend(lines.get(at + 1..).unwrap_or_default().iter().copied());
    }
}
