//! Which fields must be boxed so that recursive types have a finite size.
//!
//! A Rust value holds its fields inline, so a type that contains itself, directly
//! or through others (`pageBlockCover cover:PageBlock = PageBlock`), would be
//! infinitely large. The generated code breaks every such cycle with a `Box`, and
//! boxes nothing else, so that the common, non-recursive types stay flat:
//!
//! 1. Build the "contains inline" graph. Its nodes are the constructor structs
//!    and the type enums. An enum contains each of its constructor structs that
//!    its variants hold by value (large ones are held in a `Box` already, see
//!    `variant_boxing.rs`, and add no edge). A struct contains what each field holds by value:
//!    the enum of a boxed type, or the struct of a bare type; `Option` is inline
//!    too. A `Vec` is already an indirection, so vector fields add no edge, and
//!    builtins add none.
//! 2. Compute the strongly connected components (Tarjan's algorithm, iteratively,
//!    so a long chain of types cannot overflow the generator's stack).
//! 3. Box a struct field exactly when its target lies in the struct's own
//!    component, i.e. when the field closes a cycle.
//!
//! Every cycle passes through at least one struct field (enums only point to
//! structs), and after removing the boxed edges no component has an inner edge
//! left, so every type is finite.

use crate::context::{BoxedType, Context};
use std::collections::BTreeSet;
use tl_parser::Ty;

/// Node index of the enum of type `index`, after all constructor nodes.
fn enum_node(constructors: usize, index: usize) -> usize {
    constructors + index
}

/// The node that a field of type `ty` holds inline, if any.
fn inline_target(ctx: &Context<'_>, ty: &Ty) -> Option<usize> {
    let constructors = ctx.schema.constructors.len();
    match ty {
        Ty::Boxed(name) => match ctx.boxed_type(name)? {
            BoxedType::Enum(index) => Some(enum_node(constructors, index)),
            BoxedType::Bool => None,
        },
        Ty::Bare(name) => ctx.constructor_index(name),
        _ => None,
    }
}

/// The `(constructor, field)` pairs whose values must be boxed.
pub(crate) fn boxed_fields(ctx: &Context<'_>) -> BTreeSet<(usize, usize)> {
    let constructors = ctx.schema.constructors.len();
    let mut adjacency: Vec<Vec<usize>> = vec![Vec::new(); constructors + ctx.schema.types.len()];
    for (c, combinator) in ctx.schema.constructors.iter().enumerate() {
        if let Some(edges) = adjacency.get_mut(c) {
            edges.extend(
                combinator
                    .fields
                    .iter()
                    .filter_map(|f| inline_target(ctx, &f.ty)),
            );
        }
    }
    for (t, type_def) in ctx.schema.types.iter().enumerate() {
        if let Some(edges) = adjacency.get_mut(enum_node(constructors, t)) {
            // A variant that holds its struct in a `Box` is already an indirection.
            edges.extend(
                type_def
                    .constructors
                    .iter()
                    .copied()
                    .filter(|c| !ctx.boxed_variants.contains(c)),
            );
        }
    }
    let component = strongly_connected_components(&adjacency);
    let mut boxed = BTreeSet::new();
    for (c, combinator) in ctx.schema.constructors.iter().enumerate() {
        for (f, field) in combinator.fields.iter().enumerate() {
            if let Some(target) = inline_target(ctx, &field.ty) {
                if component.get(target) == component.get(c) {
                    boxed.insert((c, f));
                }
            }
        }
    }
    boxed
}

/// Tarjan's algorithm without recursion: the component number of every node.
/// Edges to nodes outside `0..adjacency.len()` are ignored, so every index used
/// below is a node number in `0..n` and the indexing cannot fail.
pub(crate) fn strongly_connected_components(adjacency: &[Vec<usize>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let n = adjacency.len();
    let mut index = vec![UNVISITED; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNVISITED; n];
    let mut stack: Vec<usize> = Vec::new();
    // Simulated call stack: (node, position of the next edge to follow).
    let mut calls: Vec<(usize, usize)> = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != UNVISITED {
            continue;
        }
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        calls.push((root, 0));
        while let Some((node, position)) = calls.last_mut() {
            let node = *node;
            let next = adjacency[node].get(*position).copied();
            *position += 1;
            match next {
                Some(target) if target >= n => {}
                Some(target) if index[target] == UNVISITED => {
                    index[target] = next_index;
                    low[target] = next_index;
                    next_index += 1;
                    stack.push(target);
                    on_stack[target] = true;
                    calls.push((target, 0));
                }
                Some(target) => {
                    if on_stack[target] {
                        low[node] = low[node].min(index[target]);
                    }
                }
                None => {
                    calls.pop();
                    if let Some(&(parent, _)) = calls.last() {
                        low[parent] = low[parent].min(low[node]);
                    }
                    if low[node] == index[node] {
                        while let Some(member) = stack.pop() {
                            on_stack[member] = false;
                            component[member] = next_component;
                            if member == node {
                                break;
                            }
                        }
                        next_component += 1;
                    }
                }
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_of_a_small_graph() {
        // 0 -> 1 -> 2 -> 0 is a cycle; 3 -> 3 a self loop; 4 alone; 5 -> 0.
        let graph = vec![vec![1], vec![2], vec![0], vec![3], vec![], vec![0]];
        let c = strongly_connected_components(&graph);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[0], c[3]);
        assert_ne!(c[3], c[4]);
        assert_ne!(c[5], c[0]);
    }

    #[test]
    fn a_long_chain_does_not_recurse() {
        let n = 200_000;
        let graph: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
        let c = strongly_connected_components(&graph);
        assert!(c.iter().all(|&x| x == c[0]));
    }

    fn boxed_names(text: &str) -> Vec<String> {
        let (_, checked) = tl_parser::check_str("t.tl", text);
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        let ctx = Context::new(&checked.schema, proc_macro2::TokenStream::new(), Vec::new());
        boxed_fields(&ctx)
            .into_iter()
            .map(|(c, f)| {
                let c = &checked.schema.constructors[c];
                format!("{}.{}", c.name, c.fields[f].name)
            })
            .collect()
    }

    #[test]
    fn only_fields_closing_a_cycle_are_boxed() {
        let boxed = boxed_names(
            "textEmpty#1 = RichText;\n\
             textBold#2 text:RichText = RichText;\n\
             textConcat#3 texts:Vector<RichText> = RichText;\n\
             pageBlockTitle#4 text:RichText = PageBlock;\n\
             pageBlockCover#5 cover:PageBlock = PageBlock;\n\
             pageBlockMaybe#6 flags:# inner:flags.0?PageBlock = PageBlock;\n\
             node#7 next:%Node = Node;\n",
        );
        // Every variant above that holds a type is large enough to be boxed
        // already (variant_boxing.rs), which breaks the cycles through enums; the
        // bare self-reference still needs a boxed field.
        assert_eq!(boxed, ["node.next"]);
    }
}
