//! Doc comments of struct fields: the schema's `@field` documentation, then the TL
//! field as written and what its Rust form means (which bit it depends on, which
//! fields share it, why it is boxed).

use crate::docs;
use crate::layout::{Member, MemberKind};
use crate::structs::StructGen;

impl StructGen<'_> {
    /// `` `name:flags.K?T` `` for field `field`.
    pub(crate) fn field_text(&self, field: usize) -> String {
        self.c.fields.get(field).map_or_else(String::new, |f| {
            format!("`{}`", docs::field_text(self.c, f))
        })
    }

    /// `bit K of `flags``.
    pub(crate) fn bit_text(&self, flags_field: usize, bit: u8) -> String {
        let flags = self
            .c
            .fields
            .get(flags_field)
            .map_or("?", |f| f.name.as_str());
        format!("bit {bit} of `{flags}`")
    }

    /// The schema docs of the given fields, then `rest`.
    pub(crate) fn field_docs(&self, fields: &[usize], rest: Vec<String>) -> Vec<String> {
        let mut lines: Vec<String> = fields
            .iter()
            .filter_map(|i| self.c.fields.get(*i))
            .filter_map(docs::field_doc)
            .collect();
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(rest);
        lines
    }

    /// The doc lines of a member.
    pub(crate) fn member_docs(&self, member: &Member) -> Vec<String> {
        let boxed_note = |field: usize| {
            self.is_boxed(field)
                .then(|| "Boxed: the type contains itself through this field.".to_owned())
        };
        match &member.kind {
            MemberKind::Plain { field } => {
                let mut rest = vec![format!("TL: {}.", self.field_text(*field))];
                rest.extend(boxed_note(*field));
                self.field_docs(&[*field], rest)
            }
            MemberKind::Optional { field, bit } => {
                let mut rest = vec![format!(
                    "TL: {}, present when {} is set.",
                    self.field_text(*field),
                    self.bit_text(bit.flags_field, bit.bit)
                )];
                rest.extend(boxed_note(*field));
                self.field_docs(&[*field], rest)
            }
            MemberKind::Flag { fields, bit } => {
                let texts: Vec<String> = fields.iter().map(|f| self.field_text(*f)).collect();
                let mut rest = vec![format!(
                    "TL: {}: {}.",
                    join_and(&texts),
                    self.bit_text(bit.flags_field, bit.bit)
                )];
                if fields.len() > 1 {
                    rest.push(String::new());
                    rest.push(
                        "These `true` fields share one bit, so one `bool` stands for all of them."
                            .to_owned(),
                    );
                }
                self.field_docs(fields, rest)
            }
            MemberKind::Group {
                values,
                implied,
                bit,
                struct_name,
            } => {
                let texts: Vec<String> = values.iter().map(|f| self.field_text(*f)).collect();
                let mut rest = vec![format!(
                    "TL: {}, which share {} and are present together or absent together \
                     (see [`{}::{}`]).",
                    join_and(&texts),
                    self.bit_text(bit.flags_field, bit.bit),
                    self.layout.group_module.display(),
                    struct_name.display()
                )];
                for f in implied {
                    rest.push(String::new());
                    rest.push(format!(
                        "TL: {} is set exactly when this is `Some`.",
                        self.field_text(*f)
                    ));
                }
                self.field_docs(implied, rest)
            }
            MemberKind::SizedObject {
                field,
                length_field,
            } => {
                let rest = vec![
                    format!(
                        "TL: {}: any boxed value, kept encoded (see `RawObject`).",
                        self.field_text(*field)
                    ),
                    String::new(),
                    format!(
                        "On the wire it follows {}, its length in bytes, which is computed \
                         from this value when writing and bounds it when reading.",
                        self.field_text(*length_field)
                    ),
                ];
                self.field_docs(&[*field, *length_field], rest)
            }
        }
    }
}

/// `a`, `a and b`, `a, b and c`.
pub(crate) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
