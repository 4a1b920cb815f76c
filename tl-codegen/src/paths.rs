//! Where each TL definition lands in the generated module, as Rust path text:
//! for tools and tests that generate code calling into the generated module.

use crate::context::{Context, Scope, is_standard_bool};
use crate::naming::RustName;
use tl_parser::{Kind, Schema};

/// The generated Rust items of one TL definition. Paths are relative to the
/// root of the generated module, e.g. `types::phone::GroupCall`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemPath {
    /// The TL name, e.g. `phone.joinGroupCall`.
    pub tl_name: String,
    /// Constructor or function.
    pub kind: Kind,
    /// The struct generated for the definition.
    pub struct_path: String,
    /// For a constructor: the enum of its boxed type, or `None` when the type is
    /// mapped to a Rust type instead of an enum (`Bool` to `bool`).
    pub enum_path: Option<String>,
    /// Whether the definition has type parameters (`{X:Type}`), so that its
    /// struct is generic.
    pub generic: bool,
}

fn path(scope: &Scope, name: &RustName) -> String {
    format!("{}::{}", scope.describe(), name.display())
}

/// The Rust items of every constructor and function of `schema`, in schema order.
pub fn item_paths(schema: &Schema) -> Vec<ItemPath> {
    let mut out = Vec::new();
    for c in &schema.constructors {
        let (scope, name) = Context::constructor_item(c);
        let enum_path = c.result_name().and_then(|type_name| {
            let t = schema.type_def(type_name)?;
            if is_standard_bool(schema, t) {
                return None;
            }
            let (scope, name) = Context::enum_item(t);
            Some(path(&scope, &name))
        });
        out.push(ItemPath {
            tl_name: c.name.full(),
            kind: Kind::Constructor,
            struct_path: path(&scope, &name),
            enum_path,
            generic: !c.type_params.is_empty(),
        });
    }
    for f in &schema.functions {
        let (scope, name) = Context::function_item(f);
        out.push(ItemPath {
            tl_name: f.name.full(),
            kind: Kind::Function,
            struct_path: path(&scope, &name),
            enum_path: None,
            generic: !f.type_params.is_empty(),
        });
    }
    out
}
