//! Schema-driven byte synthesis: writes a valid serialized value of any
//! constructor or function directly from the checked `Schema`, following the
//! wire rules of the TL specification, without using generated code.
//!
//! This is the independent half of the full-schema round trip: the bytes
//! written here are decoded by the generated code and must re-encode to the
//! identical bytes.
//!
//! Besides the two fixed modes ([`Flags::All`], [`Flags::None`]) there is a
//! seeded random mode ([`Flags::Random`], see [`Synth::seeded`]): random flag
//! subsets, vector lengths, integers, doubles and strings (non-ASCII, and
//! longer than 253 bytes), and constructors drawn only from an allow-list of
//! TL names when one is given ([`Synth::with_allowed`]), as the differential
//! test against Telethon needs.

use std::collections::{HashMap, HashSet};
use tl_parser::schema::Builtin;
use tl_parser::{Combinator, Name, Schema, Ty};

/// Id of the boxed `Vector`.
const VECTOR_ID: u32 = 0x1cb5_c415;
/// Id of `boolTrue`.
const BOOL_TRUE_ID: u32 = 0x9972_75b5;
/// Id of `boolFalse`.
const BOOL_FALSE_ID: u32 = 0xbc79_9737;
/// `null#56730bcc`: an absent nullable object of a TDLib schema.
const NULL_ID: u32 = 0x5673_0bcc;
/// Nesting depth after which only the cheapest constructors, empty vectors
/// and cleared flags are written, so that recursive types terminate.
const DEEP: usize = 3;

/// Whether field `f` is an object that TDLib's documentation says may be null:
/// in a schema with TDLib's id rule, an unconditional field of a boxed type
/// (not `Bool`) or a bare constructor whose description mentions null other
/// than to deny it ("not null", "not be null", "never null"). tlgen writes it
/// with its constructor id, or as `null#56730bcc` when absent (TL has no null of
/// its own).
pub fn is_nullable(schema: &Schema, f: &tl_parser::Field) -> bool {
    let object = match &f.ty {
        Ty::Boxed(name) => !is_bool(name),
        Ty::Bare(name) => schema.constructor(name).is_some(),
        _ => false,
    };
    let documented = f.doc.as_deref().is_some_and(|doc| {
        let doc = doc.to_ascii_lowercase();
        doc.contains("null")
            && !["not null", "not be null", "never null"]
                .iter()
                .any(|denial| doc.contains(denial))
    });
    schema.id_rule == tl_parser::IdRule::Tdlib && f.condition.is_none() && object && documented
}

/// Whether `name` is the built-in-like `Bool` type.
fn is_bool(name: &Name) -> bool {
    name.namespace.is_empty() && name.name == "Bool"
}

/// Which optional fields to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flags {
    /// Every flag bit set: every conditional field present.
    All,
    /// Every flag word zero: no conditional field present.
    None,
    /// A random subset of the flag bits (those whose fields can be written
    /// from the allowed constructors), random vector lengths and random
    /// primitive values, drawn from the seeded generator ([`Synth::seeded`]).
    Random,
}

/// Default longest vector of the random mode.
const MAX_VECTOR: u32 = 4;

/// A small deterministic generator (SplitMix64): the same seed gives the same
/// values on every platform.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// Characters of random strings: ASCII, Latin-1, Cyrillic, Greek, CJK, emoji
/// (4 UTF-8 bytes), combining marks, zero-width joiner, right-to-left text.
const ALPHABETS: [&str; 8] = [
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-.,!?@#",
    "éèàüößñçÅØ",
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяЖЩ",
    "αβγδεζηθλμπσωΩ",
    "中文字符测试日本語한국어",
    "😀🎉🚀👍🏽🧪",
    "\u{301}\u{308}\u{200d}\u{200b}",
    "שלום مرحبا",
];

/// What the random mode may write: the allowed constructors and functions,
/// and for every type the ones that can be built from allowed ones alone.
struct Allowed<'a> {
    /// TL names allowed anywhere in a value; `None` allows all.
    names: Option<HashSet<String>>,
    /// For every boxed type, its buildable allowed constructors.
    choices: HashMap<&'a Name, Vec<usize>>,
    /// For every boxed type, its allowed constructor that bottoms out soonest.
    cheapest: HashMap<&'a Name, usize>,
}

/// Writes values of a schema.
pub struct Synth<'a> {
    schema: &'a Schema,
    /// For every boxed type, its constructor that bottoms out soonest.
    cheapest: HashMap<&'a Name, usize>,
    /// The function used wherever a generic `!X` value is needed.
    pub generic_query: Option<&'a Combinator>,
    counter: u32,
    rng: Rng,
    max_vector: u32,
    allowed: Allowed<'a>,
}

impl<'a> Synth<'a> {
    /// Prepares a synthesizer; `generic_query` follows
    /// [`tlgen_test_support::generic_query_index`].
    pub fn new(schema: &'a Schema) -> Self {
        let generic_query =
            tlgen_test_support::generic_query_index(schema).and_then(|i| schema.functions.get(i));
        let mut synth = Synth {
            schema,
            cheapest: cheapest_constructors(schema, &|_| true),
            generic_query,
            counter: 0,
            rng: Rng(0),
            max_vector: MAX_VECTOR,
            allowed: Allowed {
                names: None,
                choices: HashMap::new(),
                cheapest: HashMap::new(),
            },
        };
        synth.restrict();
        synth
    }

    /// A synthesizer whose [`Flags::Random`] values come from `seed`: the same
    /// seed and calls give the same bytes.
    pub fn seeded(schema: &'a Schema, seed: u64) -> Self {
        let mut synth = Synth::new(schema);
        synth.rng = Rng(seed);
        synth
    }

    /// Random vectors get 0..=`max` items (default 4); vectors of numbers
    /// near the top of a value are sometimes 50..=300 long.
    pub fn with_max_vector(mut self, max: u32) -> Self {
        self.max_vector = max;
        self
    }

    /// Random values use only the constructors and functions whose full TL
    /// names (`messages.chats`) are in `names`, everywhere inside a value.
    pub fn with_allowed<I: IntoIterator<Item = String>>(mut self, names: I) -> Self {
        self.allowed.names = Some(names.into_iter().collect());
        self.restrict();
        self
    }

    /// Whether [`Flags::Random`] can write `combinator`: it is allowed and
    /// every field it always has can be written from allowed constructors.
    pub fn can_build(&self, combinator: &Combinator) -> bool {
        self.is_allowed(combinator)
            && combinator
                .fields
                .iter()
                .filter(|f| f.condition.is_none())
                .all(|f| self.satisfiable(&f.ty))
    }

    fn is_allowed(&self, c: &Combinator) -> bool {
        self.allowed
            .names
            .as_ref()
            .is_none_or(|names| names.contains(&c.name.full()))
    }

    /// Recomputes what the random mode may write after the allow-list changed.
    fn restrict(&mut self) {
        let schema = self.schema;
        let names = self.allowed.names.take();
        let allowed = |c: &Combinator| {
            names
                .as_ref()
                .is_none_or(|names| names.contains(&c.name.full()))
        };
        let cheapest = cheapest_constructors(schema, &allowed);
        self.allowed = Allowed {
            names,
            choices: HashMap::new(),
            cheapest,
        };
        let mut choices: HashMap<&'a Name, Vec<usize>> = HashMap::new();
        for t in &schema.types {
            for &i in &t.constructors {
                if let Some(c) = schema.constructors.get(i) {
                    if self.can_build(c) {
                        choices.entry(&t.name).or_default().push(i);
                    }
                }
            }
        }
        self.allowed.choices = choices;
    }

    /// Whether a value of `ty` can be written from allowed constructors.
    fn satisfiable(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Builtin(_) | Ty::Flags | Ty::True | Ty::Vector { .. } | Ty::IntArray { .. } => true,
            // `Bool` is written directly (boolTrue/boolFalse), allowed or not:
            // clients treat it as a primitive (Telethon lists no class for it).
            Ty::Boxed(name) if is_bool(name) => true,
            Ty::Boxed(name) => self.allowed.cheapest.contains_key(name),
            Ty::Bare(name) => self.schema.constructor(name).is_some_and(|c| {
                self.is_allowed(c)
                    && c.result_name()
                        .is_some_and(|t| self.allowed.cheapest.contains_key(t))
            }),
            Ty::Param { .. } => self.generic_query.is_some_and(|q| self.is_allowed(q)),
            Ty::Object => self
                .schema
                .constructors
                .iter()
                .any(|c| c.fields.is_empty() && self.is_allowed(c)),
        }
    }

    /// The boxed bytes (id + body) of `combinator`.
    pub fn boxed(&mut self, combinator: &Combinator, flags: Flags) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&combinator.id.to_le_bytes());
        if flags == Flags::Random {
            self.random_body(combinator, 0, &mut out);
        } else {
            self.body(combinator, flags, 0, &mut out);
        }
        out
    }

    /// The random mode's body of `c`: random flag subsets (only bits whose
    /// fields can all be written), random values.
    fn random_body(&mut self, c: &Combinator, depth: usize, out: &mut Vec<u8>) {
        let mut words: HashMap<usize, u32> = HashMap::new();
        if depth <= DEEP {
            for g in &c.flag_groups {
                let ok = g
                    .fields
                    .iter()
                    .all(|&i| c.fields.get(i).is_some_and(|f| self.satisfiable(&f.ty)));
                if ok && self.rng.chance(50) {
                    *words.entry(g.flags_field).or_default() |= 1 << g.bit;
                }
            }
        }
        let present = self.rng.chance(50);
        self.fields(c, &words, present, out, |synth, ty, out| {
            synth.random_value(ty, depth + 1, out);
        });
    }

    fn random_value(&mut self, ty: &Ty, depth: usize, out: &mut Vec<u8>) {
        match ty {
            Ty::Builtin(b) => self.random_builtin(*b, out),
            // A declared repetition of `int`s: that many 4-byte words.
            Ty::IntArray { words, .. } => {
                for _ in 0..*words {
                    out.extend_from_slice(&(self.rng.next_u64() as u32).to_le_bytes());
                }
            }
            Ty::Flags => out.extend_from_slice(&(self.rng.next_u64() as u32).to_le_bytes()),
            Ty::True => {}
            Ty::Boxed(name) if is_bool(name) => {
                let id = if self.rng.chance(50) {
                    BOOL_TRUE_ID
                } else {
                    BOOL_FALSE_ID
                };
                out.extend_from_slice(&id.to_le_bytes());
            }
            Ty::Boxed(name) => {
                let Some(c) = self.random_pick(name, depth) else {
                    return;
                };
                out.extend_from_slice(&c.id.to_le_bytes());
                self.random_body(c, depth, out);
            }
            Ty::Bare(name) => {
                if let Some(c) = self.schema.constructor(name) {
                    self.random_body(c, depth, out);
                }
            }
            Ty::Vector { boxed, item } => {
                if *boxed {
                    out.extend_from_slice(&VECTOR_ID.to_le_bytes());
                }
                let numbers = matches!(
                    **item,
                    Ty::Builtin(Builtin::Int | Builtin::Long | Builtin::Double)
                );
                let count = if depth > DEEP || !self.satisfiable(item) {
                    0
                } else if numbers && depth <= 2 && self.rng.chance(10) {
                    // A long vector of numbers.
                    50 + self.rng.below(251) as u32
                } else {
                    self.rng.below(u64::from(self.max_vector) + 1) as u32
                };
                out.extend_from_slice(&count.to_le_bytes());
                for _ in 0..count {
                    self.random_value(item, depth + 1, out);
                }
            }
            Ty::Param { .. } => {
                if let Some(q) = self.generic_query {
                    out.extend_from_slice(&q.id.to_le_bytes());
                    self.random_body(q, depth, out);
                }
            }
            Ty::Object => {
                let schema = self.schema;
                if let Some(c) = schema
                    .constructors
                    .iter()
                    .find(|c| c.fields.is_empty() && self.is_allowed(c))
                {
                    out.extend_from_slice(&c.id.to_le_bytes());
                }
            }
        }
    }

    /// A random buildable allowed constructor of `name`; its cheapest when deep.
    fn random_pick(&mut self, name: &Name, depth: usize) -> Option<&'a Combinator> {
        let schema = self.schema;
        let cheapest = self.allowed.cheapest.get(name).copied();
        let index = match self.allowed.choices.get(name) {
            Some(choices) if depth <= DEEP && !choices.is_empty() => {
                let pick = self.rng.below(choices.len() as u64) as usize;
                choices.get(pick).copied().or(cheapest)?
            }
            _ => cheapest?,
        };
        schema.constructors.get(index)
    }

    fn random_builtin(&mut self, b: Builtin, out: &mut Vec<u8>) {
        let r = self.rng.next_u64();
        match b {
            // TDLib's `int53` holds at most 53 bits; on the wire, like
            // `int64`, it is a `long`.
            Builtin::Int53 => {
                let v = (r as i64) >> 11;
                out.extend_from_slice(&v.to_le_bytes());
            }
            Builtin::Int | Builtin::Int32 => {
                let v = match self.rng.below(10) {
                    0 => [0, 1, -1, i32::MIN, i32::MAX, 255, 256, -256][(r % 8) as usize],
                    1..=3 => (r % 101_000) as i32 - 1000,
                    _ => r as i32,
                };
                out.extend_from_slice(&v.to_le_bytes());
            }
            Builtin::Long | Builtin::Int64 => {
                let v = match self.rng.below(10) {
                    0 => [0, 1, -1, i64::MIN, i64::MAX, 255, 1 << 32, -(1 << 40)][(r % 8) as usize],
                    1..=3 => (r % 101_000) as i64 - 1000,
                    _ => r as i64,
                };
                out.extend_from_slice(&v.to_le_bytes());
            }
            Builtin::Double => {
                let v = if self.rng.chance(20) {
                    [
                        0.0,
                        -0.0,
                        1.0,
                        -1.5,
                        1e300,
                        -1e-300,
                        5e-324,
                        9_007_199_254_740_992.0,
                    ][(r % 8) as usize]
                } else {
                    // Finite doubles only: NaN is not equal to itself.
                    let v = f64::from_bits(r);
                    if v.is_finite() {
                        v
                    } else {
                        (r >> 11) as f64 * -0.25
                    }
                };
                out.extend_from_slice(&v.to_le_bytes());
            }
            Builtin::String | Builtin::SecureString => {
                let len = self.random_len();
                let text = self.random_text(len);
                tl_string(text.as_bytes(), out);
            }
            Builtin::Bytes | Builtin::SecureBytes => {
                let len = self.random_len();
                let data: Vec<u8> = (0..len).map(|_| self.rng.next_u64() as u8).collect();
                tl_string(&data, out);
            }
            Builtin::Int128 => {
                for _ in 0..2 {
                    out.extend_from_slice(&self.rng.next_u64().to_le_bytes());
                }
            }
            Builtin::Int256 => {
                for _ in 0..4 {
                    out.extend_from_slice(&self.rng.next_u64().to_le_bytes());
                }
            }
        }
    }

    /// A string/bytes length: empty, short, around the 254-byte boundary of
    /// the length prefix, long, or (rarely) needing all three length bytes.
    fn random_len(&mut self) -> usize {
        let r = self.rng.below(1000);
        let pick = self.rng.next_u64() as usize;
        match r {
            0..=99 => 0,
            100..=599 => 1 + pick % 30,
            600..=749 => 250 + pick % 8,
            750..=996 => 254 + pick % 447,
            _ => 65_536 + pick % 4465,
        }
    }

    /// Random UTF-8 text of at least `len` bytes (exactly `len` when ASCII).
    fn random_text(&mut self, len: usize) -> String {
        let ascii_only = self.rng.chance(30);
        let mut text = String::new();
        while text.len() < len {
            let alphabet = if ascii_only {
                ALPHABETS[0]
            } else {
                ALPHABETS[self.rng.below(ALPHABETS.len() as u64) as usize]
            };
            let count = alphabet.chars().count() as u64;
            if let Some(ch) = alphabet.chars().nth(self.rng.below(count) as usize) {
                text.push(ch);
            }
        }
        text
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
        self.fields(c, &words, flags == Flags::All, out, |synth, ty, out| {
            synth.value(ty, flags, depth + 1, out);
        });
    }

    /// The fields of `c` in order, given its flags words (by field index): each
    /// flags word, each field whose bit is set written by `value`, and MTProto's
    /// transport `message`, whose `bytes:int` is the length of the `Object` that
    /// follows it. Nullable objects of TDLib's schemas ([`is_nullable`]) are
    /// written with their constructor id when `nullables` is set, else as
    /// `null#56730bcc`.
    fn fields(
        &mut self,
        c: &Combinator,
        words: &HashMap<usize, u32>,
        nullables: bool,
        out: &mut Vec<u8>,
        mut value: impl FnMut(&mut Self, &Ty, &mut Vec<u8>),
    ) {
        let mut skip_next = false;
        for (i, f) in c.fields.iter().enumerate() {
            if std::mem::take(&mut skip_next) {
                continue;
            }
            let next = c.fields.get(i + 1);
            if f.name == "bytes"
                && f.ty == Ty::Builtin(Builtin::Int)
                && next.is_some_and(|n| n.ty == Ty::Object && n.condition.is_none())
            {
                let mut object = Vec::new();
                value(self, &Ty::Object, &mut object);
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
            if is_nullable(self.schema, f) {
                if !nullables {
                    out.extend_from_slice(&NULL_ID.to_le_bytes());
                    continue;
                }
                // A bare reference is written with its constructor's id here.
                if let Ty::Bare(name) = &f.ty {
                    if let Some(named) = self.schema.constructor(name) {
                        out.extend_from_slice(&named.id.to_le_bytes());
                    }
                }
            }
            value(self, &f.ty, out);
        }
    }

    fn next(&mut self) -> u32 {
        self.counter = self.counter.wrapping_add(1);
        self.counter
    }

    fn value(&mut self, ty: &Ty, flags: Flags, depth: usize, out: &mut Vec<u8>) {
        match ty {
            Ty::Builtin(b) => self.builtin(*b, out),
            Ty::IntArray { words, .. } => {
                let n = self.next();
                out.extend(std::iter::repeat_n(n as u8, 4 * *words as usize));
            }
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
            Builtin::Int | Builtin::Int32 => {
                out.extend_from_slice(&(n as i32).wrapping_neg().to_le_bytes())
            }
            Builtin::Long | Builtin::Int53 | Builtin::Int64 => {
                out.extend_from_slice(&(i64::from(n) * -0x0123_4567_89ab).to_le_bytes())
            }
            Builtin::Double => out.extend_from_slice(&(f64::from(n) + 0.5).to_le_bytes()),
            Builtin::String | Builtin::SecureString => {
                tl_string(format!("текст {n} ✓").as_bytes(), out)
            }
            Builtin::Bytes | Builtin::SecureBytes => {
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

/// For each boxed type, the index of its constructor (among those `allowed`)
/// with the smallest nesting needed when every flag is clear and every vector
/// empty.
fn cheapest_constructors<'a>(
    schema: &'a Schema,
    allowed: &dyn Fn(&Combinator) -> bool,
) -> HashMap<&'a Name, usize> {
    let mut cost: HashMap<&Name, (usize, usize)> = HashMap::new();
    loop {
        let mut changed = false;
        for t in &schema.types {
            for &i in &t.constructors {
                let c = &schema.constructors[i];
                if !allowed(c) {
                    continue;
                }
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
