//! Assembling items into modules: the three sections (`types`, `enums`,
//! `functions`), each with one nested module per TL namespace.
//!
//! Items keep schema order inside their module; nested modules follow the items,
//! sorted by name. Both orders depend only on the schema, so output is
//! deterministic.

use crate::naming::RustName;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// A module being filled: its items and its nested modules.
#[derive(Default)]
pub(crate) struct ModuleTree {
    items: TokenStream,
    children: BTreeMap<RustName, (String, ModuleTree)>,
}

impl ModuleTree {
    /// Adds `items` to the module at `path` (Rust names, with the TL namespace
    /// segments they come from), creating modules as needed.
    pub(crate) fn add(&mut self, path: &[RustName], tl_path: &[String], items: TokenStream) {
        match (path.split_first(), tl_path.split_first()) {
            (Some((name, rest)), Some((tl_name, tl_rest))) => {
                let (_, child) = self
                    .children
                    .entry(name.clone())
                    .or_insert_with(|| (tl_name.clone(), ModuleTree::default()));
                child.add(rest, tl_rest, items);
            }
            _ => self.items.extend(items),
        }
    }

    /// The module's contents: its items, then its nested modules, each documented
    /// by `describe(tl_namespace)`. `name` is this module's own name: a nested module
    /// of the same name (a TL namespace `types` inside `types`) gets
    /// `#[allow(clippy::module_inception)]`, as the schema chose the name.
    pub(crate) fn render(
        self,
        describe: &dyn Fn(&str) -> String,
        prefix: &str,
        name: &str,
    ) -> TokenStream {
        let mut out = self.items;
        for (child_name, (tl_name, child)) in self.children {
            let namespace = if prefix.is_empty() {
                tl_name
            } else {
                format!("{prefix}.{tl_name}")
            };
            let doc = crate::docs::attrs(&[describe(&namespace)]);
            let ident = child_name.ident();
            let allow = if child_name.display() == name {
                quote!(#[allow(clippy::module_inception)])
            } else {
                TokenStream::new()
            };
            let body = child.render(describe, &namespace, &child_name.display());
            out.extend(quote! {
                #doc
                #allow
                pub mod #ident {
                    #body
                }
            });
        }
        out
    }
}
