//! The real schemas in `../shared/schema` (or `$TL_SCHEMA_DIR`; see
//! `tlgen_test_support`): Telegram's API at layers 230 and 186 and the MTProto
//! service schema.
//!
//! Expected counts were taken from the files with independent tools (awk
//! over the definition lines, `sort -u` over the result types) and expected
//! ids from Python's `zlib.crc32`. When the directory is missing these tests
//! say so and pass, except under CI (`CI` set), where they fail.

use std::path::PathBuf;
use tl_parser::{Checked, Code, Kind, Sources, check};

fn check_files(names: &[&str]) -> Option<(Sources, Checked)> {
    let dir = tlgen_test_support::schemas(names)?;
    let mut sources = Sources::new();
    for name in names {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        sources.add(*name, text);
    }
    let checked = check(&sources);
    Some((sources, checked))
}

fn render_all(sources: &Sources, checked: &Checked) -> String {
    checked
        .diagnostics
        .iter()
        .map(|d| d.render_plain(sources))
        .collect()
}

#[test]
fn api_layer_230_checks_cleanly_with_the_expected_counts() {
    let Some((sources, checked)) = check_files(&["api-layer230.tl"]) else {
        return;
    };
    assert!(
        checked.diagnostics.is_empty(),
        "{}",
        render_all(&sources, &checked)
    );
    let s = &checked.schema;
    assert_eq!(s.layer, Some(230));
    // 1,704 combinator lines before `---functions---`: 1,703 constructors plus the `vector` core line.
    assert_eq!(s.constructors.len(), 1703);
    assert_eq!(s.constructor_count_with_builtins(), 1704);
    assert_eq!(s.functions.len(), 850);
    // 650 distinct result types, `Vector t` included.
    assert_eq!(s.types.len(), 649);
    assert_eq!(s.type_count_with_builtins(), 650);
    let written = s.combinators().filter(|c| c.written_id.is_some()).count();
    assert_eq!(
        written,
        1703 + 850,
        "every definition in api.tl writes its id"
    );
    assert!(s.combinators().all(|c| c.written_id == Some(c.computed_id)));
}

#[test]
fn api_layer_186_checks_cleanly_and_holds_the_seed_function() {
    let Some((sources, checked)) = check_files(&["api-layer186.tl"]) else {
        return;
    };
    assert!(
        checked.diagnostics.is_empty(),
        "{}",
        render_all(&sources, &checked)
    );
    let s = &checked.schema;
    assert_eq!(s.layer, Some(186));
    assert_eq!(s.constructor_count_with_builtins(), 1342);
    assert_eq!(s.functions.len(), 657);
    assert_eq!(s.type_count_with_builtins(), 508);
    let join = s.function(&tl_parser::Name::parse("phone.joinGroupCall"));
    assert_eq!(join.map(|f| f.id), Some(0xb132_ff7b));
}

#[test]
fn mtproto_parses_core_lines_and_warns_about_the_three_ids_against_the_rule() {
    let Some((sources, checked)) = check_files(&["mtproto.tl"]) else {
        return;
    };
    assert!(!checked.has_errors(), "{}", render_all(&sources, &checked));
    let s = &checked.schema;
    let builtins: Vec<(&str, &str, Kind)> = s
        .builtins
        .iter()
        .map(|b| (b.name.as_str(), b.type_name.as_str(), b.kind))
        .collect();
    assert_eq!(
        builtins,
        vec![
            ("int", "Int", Kind::Constructor),
            ("long", "Long", Kind::Constructor),
            ("double", "Double", Kind::Constructor),
            ("string", "String", Kind::Constructor),
            ("vector", "Vector", Kind::Constructor),
            ("int128", "Int128", Kind::Constructor),
            ("int256", "Int256", Kind::Constructor),
        ]
    );
    // The unwritten id of the vector core line is the well-known 0x1cb5c415.
    assert_eq!(s.builtins[4].computed_id, 0x1cb5_c415);
    assert_eq!(s.constructor_count_with_builtins(), 61);
    assert_eq!(s.functions.len(), 10);
    assert_eq!(s.type_count_with_builtins(), 40);
    // `message` has no written id: CRC32("message msg_id:long seqno:int bytes:int body:Object = Message").
    let message = s.constructor(&tl_parser::Name::parse("message"));
    assert_eq!(
        message.map(|m| (m.id, m.written_id)),
        Some((0x5bb8_e511, None))
    );
    let warnings: Vec<(Code, String)> = checked
        .warnings()
        .map(|w| (w.code, w.message.clone()))
        .collect();
    assert_eq!(
        warnings,
        vec![
            (Code::IdMismatch, "written id #37982646 of `ipPortSecret` differs from the computed id #402d9b47".to_owned()),
            (Code::IdMismatch, "written id #4679b65f of `accessPointRule` differs from the computed id #020634ce".to_owned()),
            (Code::IdMismatch, "written id #5a592a6c of `help.configSimple` differs from the computed id #066d2808".to_owned()),
        ]
    );
}

#[test]
fn api_and_mtproto_together_share_vector_and_clash_once_on_message() {
    let Some((sources, checked)) = check_files(&["api-layer230.tl", "mtproto.tl"]) else {
        return;
    };
    let errors: Vec<_> = checked.errors().collect();
    assert_eq!(errors.len(), 1, "{}", render_all(&sources, &checked));
    let e = errors[0];
    assert_eq!(e.code, Code::DuplicateName);
    assert_eq!(
        e.message,
        "constructor `message` is defined twice, differently"
    );
    let (file, pos) = sources.describe(e.primary.location);
    assert_eq!((file, pos.line, pos.column), ("mtproto.tl", 91, 1));
    let (file, pos) = sources.describe(e.secondary[0].location);
    assert_eq!((file, pos.line, pos.column), ("api-layer230.tl", 126, 1));
    assert!(
        e.help
            .as_deref()
            .is_some_and(|h| h.contains("separate modules"))
    );
    // The identical `vector` line (written id in api.tl, computed in mtproto.tl) is accepted once.
    assert_eq!(
        checked
            .schema
            .builtins
            .iter()
            .filter(|b| b.name == "vector")
            .count(),
        1
    );
}

#[test]
fn the_seed_schema_is_self_contained() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema/seed.tl");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let (sources, checked) = tl_parser::check_str("seed.tl", &text);
    assert!(
        checked.diagnostics.is_empty(),
        "{}",
        render_all(&sources, &checked)
    );
    let s = &checked.schema;
    assert_eq!(s.layer, Some(186));
    assert_eq!(s.constructors.len(), 21);
    assert_eq!(s.functions.len(), 1);
    // The file's group comments are separated by blank lines: no item documentation.
    assert!(s.combinators().all(|c| c.doc.is_none()));
    let updates = s.type_def(&tl_parser::Name::parse("Updates"));
    let names: Vec<String> = updates
        .map(|t| {
            t.constructors
                .iter()
                .map(|&i| s.constructors[i].name.full())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        names,
        [
            "updatesTooLong",
            "updateShortMessage",
            "updateShortChatMessage",
            "updateShort",
            "updatesCombined",
            "updates",
            "updateShortSentMessage"
        ]
    );
}
