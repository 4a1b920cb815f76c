//! Schema-driven byte synthesis: writes a valid serialized value of any
//! constructor or function directly from the checked `Schema`, following the
//! wire rules of the TL specification, without using generated code.
//!
//! This is the independent half of the full-schema round trip: the bytes
//! written here are decoded by the generated code and must re-encode to the
//! identical bytes.

use std::collections::HashMap;
use tl_parser::schema::Builtin;
use tl_parser::{Combinator, Name, Schema, Ty};

/// Id of the boxed `Vector`.
const VECTOR_ID: u32 = 0x1cb5_c415;
/// Id of `boolTrue`.
const BOOL_TRUE_ID: u32 = 0x9972_75b5;
/// Nesting depth after which only the cheapest constructors, empty vectors
/// and cleared flags are written, so that recursive types terminate.
const DEEP: usize = 3;

/// Which optional fields to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flags {
    /// Every flag bit set: every conditional field present.
    All,
    /// Every flag word zero: no conditional field present.
    None,
}

/// Writes values of a schema.
pub struct Synth<'a> {
    schema: &'a Schema,
    /// For every boxed type, its constructor that bottoms out soonest.
    cheapest: HashMap<&'a Name, usize>,
    /// The function used wherever a generic `!X` value is needed.
    pub generic_query: Option<&'a Combinator>,
    counter: u32,
}

impl<'a> Synth<'a> {
    /// Prepares a synthesizer; `generic_query` is the first non-generic
    /// function without fields (falling back to the first non-generic one).
    pub fn new(schema: &'a Schema) -> Self {
        let generic_query = schema
            .functions
            .iter()
            .find(|f| f.type_params.is_empty() && f.fields.is_empty())
            .or_else(|| schema.functions.iter().find(|f| f.type_params.is_empty()));
        Synth {
            schema,
            cheapest: cheapest_constructors(schema),
            generic_query,
            counter: 0,
        }
    }

    /// The boxed bytes (id + body) of `combinator`.
    pub fn boxed(&mut self, combinator: &Combinator, flags: Flags) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&combinator.id.to_le_bytes());
        self.body(combinator, flags, 0, &mut out);
        out
    }

    fn body(&mut self, c: &Combinator, flags: Flags, depth: usize, out: &mut Vec<u8>) {
        let flags = if depth > DEEP { Flags::None } else { flags };
        // Flag words: all bits that conditional fields use, or zero.
        let mut words: HashMap<usize, u32> = HashMap::new();
        if flags == Flags::All {
            for f in &c.fields {
                if let Some(cond) = f.condition {
                    *words.entry(cond.flags_field).or_default() |= 1 << cond.bit;
                }
            }
        }
        let mut skip_next = false;
        for (i, f) in c.fields.iter().enumerate() {
            if std::mem::take(&mut skip_next) {
                continue;
            }
            // MTProto's transport `message`: `bytes:int` is the length of the
            // `Object` that follows it.
            let next = c.fields.get(i + 1);
            if f.name == "bytes"
                && f.ty == Ty::Builtin(Builtin::Int)
                && next.is_some_and(|n| n.ty == Ty::Object && n.condition.is_none())
            {
                let mut object = Vec::new();
                self.value(&Ty::Object, flags, depth + 1, &mut object);
                out.extend_from_slice(&(object.len() as u32).to_le_bytes());
                out.extend_from_slice(&object);
                skip_next = true;
                continue;
            }
            if let Some(cond) = f.condition {
                if words.get(&cond.flags_field).copied().unwrap_or(0) & (1 << cond.bit) == 0 {
                    continue;
                }
            }
            if f.ty == Ty::Flags {
                out.extend_from_slice(&words.get(&i).copied().unwrap_or(0).to_le_bytes());
                continue;
            }
            self.value(&f.ty, flags, depth + 1, out);
        }
    }

    fn next(&mut self) -> u32 {
        self.counter = self.counter.wrapping_add(1);
        self.counter
    }

    fn value(&mut self, ty: &Ty, flags: Flags, depth: usize, out: &mut Vec<u8>) {
        match ty {
            Ty::Builtin(b) => self.builtin(*b, out),
            Ty::Flags => out.extend_from_slice(&self.next().to_le_bytes()),
            Ty::True => {}
            Ty::Boxed(name) if name.namespace.is_empty() && name.name == "Bool" => {
                out.extend_from_slice(&BOOL_TRUE_ID.to_le_bytes());
            }
            Ty::Boxed(name) => {
                let Some(c) = self.pick(name, depth) else {
                    return;
                };
                out.extend_from_slice(&c.id.to_le_bytes());
                self.body(c, flags, depth, out);
            }
            Ty::Bare(name) => {
                if let Some(c) = self.schema.constructor(name) {
                    self.body(c, flags, depth, out);
                }
            }
            Ty::Vector { boxed, item } => {
                if *boxed {
                    out.extend_from_slice(&VECTOR_ID.to_le_bytes());
                }
                let count: u32 = if depth > DEEP { 0 } else { 2 };
                out.extend_from_slice(&count.to_le_bytes());
                for _ in 0..count {
                    self.value(item, flags, depth + 1, out);
                }
            }
            Ty::Param { .. } => {
                if let Some(q) = self.generic_query {
                    out.extend_from_slice(&q.id.to_le_bytes());
                    self.body(q, flags, depth, out);
                }
            }
            Ty::Object => {
                // Any boxed value: the first constructor without fields.
                if let Some(c) = self
                    .schema
                    .constructors
                    .iter()
                    .find(|c| c.fields.is_empty())
                {
                    out.extend_from_slice(&c.id.to_le_bytes());
                }
            }
        }
    }

    /// A constructor of `name`: the cheapest when deep, else each in turn.
    fn pick(&mut self, name: &Name, depth: usize) -> Option<&'a Combinator> {
        let schema = self.schema;
        let def = schema.type_def(name)?;
        let index = if depth > DEEP {
            *self.cheapest.get(name)?
        } else {
            let n = self.next() as usize;
            def.constructors[n % def.constructors.len()]
        };
        schema.constructors.get(index)
    }

    fn builtin(&mut self, b: Builtin, out: &mut Vec<u8>) {
        let n = self.next();
        match b {
            Builtin::Int => out.extend_from_slice(&(n as i32).wrapping_neg().to_le_bytes()),
            Builtin::Long => {
                out.extend_from_slice(&(i64::from(n) * -0x0123_4567_89ab).to_le_bytes())
            }
            Builtin::Double => out.extend_from_slice(&(f64::from(n) + 0.5).to_le_bytes()),
            Builtin::String => tl_string(format!("текст {n} ✓").as_bytes(), out),
            Builtin::Bytes => {
                let data: Vec<u8> = (0..(n % 300) as u8).collect();
                tl_string(&data, out);
            }
            Builtin::Int128 => out.extend(std::iter::repeat_n(n as u8, 16)),
            Builtin::Int256 => out.extend(std::iter::repeat_n(n as u8, 32)),
        }
    }
}

/// TL `bytes`/`string`: short or long length prefix, data, zero padding to 4.
fn tl_string(data: &[u8], out: &mut Vec<u8>) {
    let header = if data.len() < 254 {
        out.push(data.len() as u8);
        1
    } else {
        out.push(254);
        out.extend_from_slice(&(data.len() as u32).to_le_bytes()[..3]);
        4
    };
    out.extend_from_slice(data);
    let padding = (4 - (header + data.len()) % 4) % 4;
    out.extend(std::iter::repeat_n(0, padding));
}

/// For each boxed type, the index of its constructor with the smallest
/// nesting needed when every flag is clear and every vector empty.
fn cheapest_constructors(schema: &Schema) -> HashMap<&Name, usize> {
    let mut cost: HashMap<&Name, (usize, usize)> = HashMap::new();
    loop {
        let mut changed = false;
        for t in &schema.types {
            for &i in &t.constructors {
                let c = &schema.constructors[i];
                let needed = c
                    .fields
                    .iter()
                    .filter(|f| f.condition.is_none())
                    .map(|f| required_depth(&f.ty, schema, &cost))
                    .try_fold(0, |acc, d| d.map(|d| acc.max(d)));
                if let Some(d) = needed {
                    let better = cost.get(&t.name).is_none_or(|&(old, _)| d + 1 < old);
                    if better {
                        cost.insert(&t.name, (d + 1, i));
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    cost.into_iter().map(|(k, (_, i))| (k, i)).collect()
}

fn required_depth(
    ty: &Ty,
    schema: &Schema,
    cost: &HashMap<&Name, (usize, usize)>,
) -> Option<usize> {
    match ty {
        Ty::Boxed(name) if name.namespace.is_empty() && name.name == "Bool" => Some(0),
        Ty::Boxed(name) => cost.get(name).map(|&(d, _)| d),
        Ty::Bare(name) => {
            let c = schema.constructor(name)?;
            let t = c.result_name()?;
            cost.get(t).map(|&(d, _)| d)
        }
        _ => Some(0),
    }
}
