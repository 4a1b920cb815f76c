//! TL names to Rust identifiers.
//!
//! Every TL name yields a valid Rust identifier by one fixed rule, so the same
//! schema always gives the same names:
//!
//! 1. Convert the case with `heck`: types, structs and enum variants become
//!    `UpperCamelCase`, fields and modules `snake_case`.
//! 2. A name left empty by the conversion (a TL name made only of underscores)
//!    becomes `unnamed` / `Unnamed`; a name starting with a digit gets a leading `_`.
//! 3. A Rust keyword becomes a raw identifier (`type` → `r#type`), except the five
//!    that cannot be raw (`self`, `Self`, `super`, `crate`, `_`), which get a
//!    trailing underscore (`self_`).
//! 4. A module named like a primitive type (`u8`, `i32`, `bool`, `str`, ...) gets a
//!    trailing underscore too, so that generated code's `i32` always means the
//!    primitive type.
//!
//! Renaming never resolves clashes: two TL names that end up as one Rust name in the
//! same scope are reported as an error (see `check.rs`). Enum variants may be
//! shorter than their constructors' names ([`variant_names`]), never at the cost
//! of a clash.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Keywords of every Rust edition up to 2024, strict and reserved. Each can be
/// written as a raw identifier except those in [`NOT_RAW`].
pub(crate) const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that `r#` cannot escape.
pub(crate) const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Primitive type names; a module with one of these names would shadow the type in
/// the module that contains it.
const PRIMITIVES: &[&str] = &[
    "bool", "char", "f32", "f64", "i8", "i16", "i32", "i64", "i128", "isize", "str", "u8", "u16",
    "u32", "u64", "u128", "usize",
];

/// A Rust identifier chosen for a TL name: its text (raw identifiers without the
/// `r#`) and whether it must be written raw.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct RustName {
    text: String,
    raw: bool,
}

impl RustName {
    /// The identifier as written in source (`r#type` for a raw one).
    pub(crate) fn display(&self) -> String {
        if self.raw {
            format!("r#{}", self.text)
        } else {
            self.text.clone()
        }
    }

    /// The identifier token.
    pub(crate) fn ident(&self) -> Ident {
        if self.raw {
            Ident::new_raw(&self.text, Span::call_site())
        } else {
            Ident::new(&self.text, Span::call_site())
        }
    }

    /// The text without any `r#`, for building other names from it.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }
}

/// Ensures `converted` is non-empty, ASCII and does not start with a digit.
fn sanitize(converted: String, empty: &str) -> String {
    let mut text: String = converted
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if text.trim_matches('_').is_empty() {
        text = empty.to_owned();
    }
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        text.insert(0, '_');
    }
    text
}

/// Applies the keyword rule to a sanitized name.
fn escape(text: String) -> RustName {
    if NOT_RAW.contains(&text.as_str()) {
        RustName {
            text: format!("{text}_"),
            raw: false,
        }
    } else if KEYWORDS.contains(&text.as_str()) {
        RustName { text, raw: true }
    } else {
        RustName { text, raw: false }
    }
}

/// The name of a struct, enum, enum variant or type parameter: `UpperCamelCase`.
pub(crate) fn type_name(tl: &str) -> RustName {
    escape(sanitize(tl.to_upper_camel_case(), "Unnamed"))
}

/// The variant names of an enum, one per constructor, given the last part of
/// the type's TL name and of each constructor's (see
/// [`VariantNames`](crate::VariantNames) for the rule).
///
/// Names are compared word by word, as `heck` splits them (`inputPeerUser` is
/// `input peer user`), so `updatesTooLong` of `Updates` becomes `TooLong`
/// while `updateShort` keeps its name: `update` is not the word `updates`.
pub(crate) fn variant_names(
    type_tl: &str,
    constructors: &[(&[String], &str)],
    short: bool,
) -> Vec<RustName> {
    let full: Vec<RustName> = constructors.iter().map(|(_, c)| type_name(c)).collect();
    let mut names = full.clone();
    if short {
        let prefix = words(type_tl);
        names = constructors
            .iter()
            .zip(&full)
            .map(|((_, c), full)| without_prefix(c, &prefix).unwrap_or_else(|| full.clone()))
            .collect();
        revert_clashing_short_names(&mut names, &full);
    }
    // Constructors of one type from different namespaces can share their last
    // name part (tonlib's `raw.initialAccountState` and
    // `wallet.v3.initialAccountState`): the ones still equal to another are
    // qualified by their namespace (`RawInitialAccountState`,
    // `WalletV3InitialAccountState`); one without a namespace keeps its name.
    for i in clashing(&names) {
        if let Some((namespace, c)) = constructors.get(i).filter(|(ns, _)| !ns.is_empty()) {
            names[i] = type_name(&format!("{}_{c}", namespace.join("_")));
        }
    }
    names
}

/// Sends every shortened name equal to another name back to its full name
/// (`full`), until no shortened name is equal to another: reverting one can
/// make its full name clash in turn.
///
/// Each name reverts at most once and each clash is looked at once, through
/// a count of holders per name, so this is linear in the number of names
/// (comparing every pair made a type with 30,000 constructors take seconds).
fn revert_clashing_short_names(names: &mut [RustName], full: &[RustName]) {
    let mut holders: HashMap<RustName, usize> = HashMap::new();
    // The shortened names' positions, by name.
    let mut shortened: HashMap<RustName, Vec<usize>> = HashMap::new();
    for (i, (name, full)) in names.iter().zip(full).enumerate() {
        *holders.entry(name.clone()).or_default() += 1;
        if name != full {
            shortened.entry(name.clone()).or_default().push(i);
        }
    }
    let mut clashes: Vec<RustName> = holders
        .iter()
        .filter(|&(_, &count)| count > 1)
        .map(|(name, _)| name.clone())
        .collect();
    while let Some(name) = clashes.pop() {
        if holders.get(&name).is_none_or(|&count| count < 2) {
            continue;
        }
        for i in shortened.remove(&name).unwrap_or_default() {
            let (Some(slot), Some(full)) = (names.get_mut(i), full.get(i)) else {
                continue;
            };
            *slot = full.clone();
            if let Some(count) = holders.get_mut(&name) {
                *count -= 1;
            }
            let count = holders.entry(full.clone()).or_default();
            *count += 1;
            if *count == 2 {
                clashes.push(full.clone());
            }
        }
    }
}

/// The positions of the names equal to another one.
fn clashing(names: &[RustName]) -> Vec<usize> {
    let mut holders: HashMap<&RustName, usize> = HashMap::new();
    for name in names {
        *holders.entry(name).or_default() += 1;
    }
    (0..names.len())
        .filter(|&i| {
            names
                .get(i)
                .and_then(|n| holders.get(n))
                .is_some_and(|&c| c > 1)
        })
        .collect()
}

/// The words of a TL name, lowercase.
fn words(tl: &str) -> Vec<String> {
    tl.to_snake_case()
        .split('_')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `constructor` without the words of `prefix`, when it begins with all of them
/// and has more, and the rest is a plain identifier on its own (not a keyword,
/// not starting with a digit).
fn without_prefix(constructor: &str, prefix: &[String]) -> Option<RustName> {
    let words = words(constructor);
    if prefix.is_empty() {
        return None;
    }
    let rest = words.strip_prefix(prefix).filter(|rest| !rest.is_empty())?;
    let converted = rest.join("_").to_upper_camel_case();
    // `type_name` changes a name only to make it an identifier (a leading digit,
    // a keyword): such a rest is not a name on its own.
    let name = type_name(&converted);
    (!name.raw && name.text == converted).then_some(name)
}

/// The name of a field or local variable: `snake_case`.
pub(crate) fn field_name(tl: &str) -> RustName {
    escape(sanitize(tl.to_snake_case(), "unnamed"))
}

/// The name of the method setting optional field `field`: `with_muted`,
/// `with_type` for `r#type`.
pub(crate) fn setter_name(field: &RustName) -> RustName {
    RustName {
        text: format!("with_{}", field.text),
        raw: false,
    }
}

/// The name of a module for a TL namespace segment: `snake_case`, never a keyword
/// nor a primitive type name.
pub(crate) fn module_name(tl: &str) -> RustName {
    let text = sanitize(tl.to_snake_case(), "unnamed");
    if PRIMITIVES.contains(&text.as_str()) || KEYWORDS.contains(&text.as_str()) {
        // Raw module names would work, but `r#type::Foo` paths are unpleasant and a
        // primitive name must be renamed anyway: one rule for both.
        RustName {
            text: format!("{text}_"),
            raw: false,
        }
    } else {
        escape(text)
    }
}

/// The variant names of an enum of documented errors, one per name
/// (`GROUPCALL_INVALID` is `GroupcallInvalid`; `FLOOD_PREMIUM_WAIT_%d` is
/// `FloodPremiumWait`, holding the number), and the name of the variant for any
/// other error (`Other`). A patterned name whose variant would be a plain one's
/// spells its number `N` (`FILE_REFERENCE_%d_EXPIRED` beside
/// `FILE_REFERENCE_EXPIRED` is `FileReferenceNExpired`); a leading digit is
/// spelled as a word (`2FA_CONFIRM_WAIT_%d` is `TwoFaConfirmWait`). Names still
/// equal get the lowest free numeric suffix, in order.
pub(crate) fn error_variant_names(names: &[&str]) -> (Vec<RustName>, RustName) {
    let plain = |name: &str, number: &str| {
        let text = name.replace("%d", number);
        let digit = text.chars().next().and_then(|c| c.to_digit(10));
        let text = match digit.and_then(|d| DIGITS.get(d as usize)) {
            Some(word) => format!("{word}_{}", text.get(1..).unwrap_or_default()),
            None => text,
        };
        type_name(&text)
    };
    let first: Vec<RustName> = names.iter().map(|n| plain(n, "_")).collect();
    // How many names each first form stands for: more than one is a clash.
    let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
    for name in &first {
        *uses.entry(name.text()).or_default() += 1;
    }
    let mut taken: BTreeSet<String> = BTreeSet::new();
    // The suffix to try next for each base: names are only ever added to
    // `taken`, so the lowest free suffix of a base never goes down, and each
    // base's search resumes where it stopped (linear in the number of names).
    let mut next_suffix: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::with_capacity(names.len());
    for (name, first) in names.iter().zip(&first) {
        let clashes = uses.get(first.text()).is_some_and(|&n| n > 1);
        let mut candidate = if clashes && name.contains("%d") {
            plain(name, "_N_")
        } else {
            first.clone()
        };
        if taken.contains(candidate.text()) {
            let base = candidate.text().to_owned();
            let n = next_suffix.entry(base.clone()).or_insert(2);
            loop {
                candidate = type_name(&format!("{base}{n}"));
                *n += 1;
                if !taken.contains(candidate.text()) {
                    break;
                }
            }
        }
        taken.insert(candidate.text().to_owned());
        out.push(candidate);
    }
    let mut other = "Other".to_owned();
    while taken.contains(&other) {
        other.push_str("Error");
    }
    (out, type_name(&other))
}

/// Leading digits spelled out in error variant names.
const DIGITS: [&str; 10] = [
    "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
];

/// A plain identifier for a name the generator itself chose (always valid).
pub(crate) fn fixed(text: &str) -> Ident {
    Ident::new(text, Span::call_site())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_conversion() {
        assert_eq!(
            type_name("updateShortSentMessage").display(),
            "UpdateShortSentMessage"
        );
        assert_eq!(type_name("p_q_inner_data_dc").display(), "PQInnerDataDc");
        assert_eq!(
            type_name("Set_client_DH_params_answer").display(),
            "SetClientDhParamsAnswer"
        );
        assert_eq!(type_name("JSONValue").display(), "JsonValue");
        assert_eq!(field_name("srp_B").display(), "srp_b");
        assert_eq!(field_name("new_nonce_hash1").display(), "new_nonce_hash1");
        assert_eq!(field_name("pts_count").display(), "pts_count");
        assert_eq!(module_name("phone").display(), "phone");
    }

    #[test]
    fn error_variants() {
        let (names, other) = error_variant_names(&[
            "GROUPCALL_INVALID",
            "FLOOD_PREMIUM_WAIT_%d",
            "FILE_REFERENCE_%d_EXPIRED",
            "FILE_REFERENCE_EXPIRED",
            "2FA_CONFIRM_WAIT_%d",
            "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_%dMIN",
            "OTHER",
            "OTHER_",
        ]);
        let names: Vec<String> = names.iter().map(RustName::display).collect();
        assert_eq!(
            names,
            [
                "GroupcallInvalid",
                "FloodPremiumWait",
                "FileReferenceNExpired",
                "FileReferenceExpired",
                "TwoFaConfirmWait",
                "PreviousChatImportActiveWaitMin",
                "Other",
                "Other2",
            ]
        );
        assert_eq!(other.display(), "OtherError");
    }

    #[test]
    fn keywords_are_raw_or_renamed() {
        assert_eq!(field_name("type").display(), "r#type");
        assert_eq!(field_name("static").display(), "r#static");
        assert_eq!(field_name("gen").display(), "r#gen");
        assert_eq!(field_name("self").display(), "self_");
        assert_eq!(field_name("super").display(), "super_");
        assert_eq!(field_name("crate").display(), "crate_");
        assert_eq!(type_name("self").display(), "Self_");
        assert_eq!(type_name("Self").display(), "Self_");
        assert_eq!(module_name("type").display(), "type_");
        assert_eq!(module_name("self").display(), "self_");
        assert_eq!(module_name("u8").display(), "u8_");
        assert_eq!(module_name("bool").display(), "bool_");
    }

    #[test]
    fn degenerate_names_stay_valid() {
        assert_eq!(field_name("_").display(), "unnamed");
        assert_eq!(field_name("__").display(), "unnamed");
        assert_eq!(type_name("_").display(), "Unnamed");
        assert_eq!(field_name("_x").display(), "x");
        assert_eq!(field_name("a__b").display(), "a_b");
        // Every result must be accepted by proc-macro2 without panicking.
        for tl in [
            "_", "_1", "x_", "Self", "self", "crate", "super", "type", "async", "a1",
        ] {
            let _ = type_name(tl).ident();
            let _ = field_name(tl).ident();
            let _ = module_name(tl).ident();
        }
    }

    /// The short variant names of `constructors` (dotted TL names) of `type_tl`.
    fn variants(type_tl: &str, constructors: &[&str]) -> Vec<String> {
        let split: Vec<(Vec<String>, &str)> = constructors
            .iter()
            .map(|c| match c.rsplit_once('.') {
                Some((ns, name)) => (ns.split('.').map(str::to_owned).collect(), name),
                None => (Vec::new(), *c),
            })
            .collect();
        let names: Vec<(&[String], &str)> =
            split.iter().map(|(ns, c)| (ns.as_slice(), *c)).collect();
        variant_names(type_tl, &names, true)
            .iter()
            .map(RustName::display)
            .collect()
    }

    #[test]
    fn variants_sharing_a_last_name_part_are_qualified_by_namespace() {
        assert_eq!(
            variants(
                "InitialAccountState",
                &[
                    "raw.initialAccountState",
                    "wallet.v3.initialAccountState",
                    "testGiver.initialAccountState",
                    "initialAccountStateEmpty",
                ]
            ),
            [
                "RawInitialAccountState",
                "WalletV3InitialAccountState",
                "TestGiverInitialAccountState",
                "Empty"
            ]
        );
        // Without a namespace, a constructor keeps its name; distinct last name
        // parts need no namespace.
        assert_eq!(
            variants("Key", &["key", "ton.key", "ton.keyPair"]),
            ["Key", "TonKey", "Pair"]
        );
    }

    #[test]
    fn variant_names_drop_the_whole_type_name() {
        assert_eq!(
            variants(
                "InputPeer",
                &["inputPeerEmpty", "inputPeerUser", "inputPeerSelf"]
            ),
            ["Empty", "User", "InputPeerSelf"]
        );
        assert_eq!(
            variants(
                "Updates",
                &[
                    "updatesTooLong",
                    "updateShort",
                    "updates",
                    "updatesCombined"
                ]
            ),
            ["TooLong", "UpdateShort", "Updates", "Combined"]
        );
        assert_eq!(
            variants("Messages", &["messages", "messagesSlice"]),
            ["Messages", "Slice"]
        );
        assert_eq!(variants("DataJSON", &["dataJSON"]), ["DataJson"]);
        assert_eq!(
            variants(
                "P_Q_inner_data",
                &["p_q_inner_data", "p_q_inner_data_temp_dc"]
            ),
            ["PQInnerData", "TempDc"]
        );
        assert_eq!(
            variant_names("InputPeer", &[(&[], "inputPeerUser")], false)[0].display(),
            "InputPeerUser"
        );
    }

    #[test]
    fn variant_names_that_would_clash_or_not_be_identifiers_stay_whole() {
        // `fooBar` would become `Bar`, which `bar` already is: both stay whole.
        assert_eq!(
            variants("Foo", &["fooBar", "bar", "fooBaz"]),
            ["FooBar", "Bar", "Baz"]
        );
        // A rest that starts with a digit or is a keyword is not a name alone.
        assert_eq!(
            variants("Foo", &["foo_2d", "foo_self", "foo_type"]),
            ["Foo2d", "FooSelf", "Type"]
        );
    }

    #[test]
    fn prelude_names_are_kept_as_they_are() {
        // Generated code refers to std items by absolute paths, so these are safe.
        assert_eq!(type_name("option").display(), "Option");
        assert_eq!(type_name("vec").display(), "Vec");
        assert_eq!(type_name("string").display(), "String");
        assert_eq!(type_name("result").display(), "Result");
        assert_eq!(type_name("box").display(), "Box");
    }
}
