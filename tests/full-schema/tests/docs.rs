//! api-layer230 generated with Telegram's documentation
//! (`../shared/docs/telegram-docs.json`): each function's own errors are the
//! ones its page lists, read here from the JSON with serde_json (not through
//! tl-codegen), and `rpc_error` values become the right variants. That the
//! documented module compiles with `deny(warnings, missing_docs)` is this
//! crate's build; that its links resolve is `cargo doc` in `.ci/run`.

#![cfg(not(tlgen_schemas_missing))]

use serde_json::Value;
use tl_runtime::{CallError, ErrorDoc, KnownErrors, RemoteCall, RpcError};
use tlgen_full_schema_tests::api::{KnownError, errors, functions};
use tlgen_full_schema_tests::{api_pruned, schemas_present};

/// The documentation JSON, parsed as plain JSON.
fn docs() -> Value {
    let path = tlgen_test_support::docs_file();
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `(code, name, description)` of each error of a list.
type Errors = Vec<(i64, String, String)>;

/// The errors of a JSON error list.
fn json_errors(list: &Value) -> Errors {
    list.as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .map(|e| {
            (
                e["code"].as_i64().unwrap_or_else(|| panic!("no code: {e}")),
                e["type"].as_str().unwrap_or_default().to_owned(),
                e["description"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// The errors of a generated table.
fn table(errors: &[ErrorDoc]) -> Errors {
    errors
        .iter()
        .map(|e| {
            (
                i64::from(e.code),
                e.name.to_owned(),
                e.description.to_owned(),
            )
        })
        .collect()
}

/// The documented errors of function `F`, through its `RemoteCall::Error`.
fn errors_of<F: RemoteCall>() -> Errors
where
    F::Error: KnownErrors,
{
    table(<F::Error as KnownErrors>::ERRORS)
}

#[test]
fn each_function_has_the_errors_its_page_lists() {
    if !schemas_present() {
        return;
    }
    let docs = docs();
    let listed = |method: &str| json_errors(&docs["methods"][method]["errors"]);
    let checks: [(&str, Errors); 6] = [
        (
            "phone.joinGroupCall",
            errors_of::<functions::phone::JoinGroupCall>(),
        ),
        (
            "messages.sendMessage",
            errors_of::<functions::messages::SendMessage>(),
        ),
        ("auth.signIn", errors_of::<functions::auth::SignIn>()),
        ("upload.getFile", errors_of::<functions::upload::GetFile>()),
        (
            "channels.editAdmin",
            errors_of::<functions::channels::EditAdmin>(),
        ),
        (
            "account.deleteAccount",
            errors_of::<functions::account::DeleteAccount>(),
        ),
    ];
    for (method, generated) in checks {
        let expected = listed(method);
        assert!(!expected.is_empty(), "{method}: the JSON lists no errors");
        assert_eq!(generated, expected, "{method}");
    }
    // The same enums in the pruned module.
    assert_eq!(
        table(<api_pruned::errors::messages::SendMessage as KnownErrors>::ERRORS),
        listed("messages.sendMessage")
    );
}

#[test]
fn known_error_is_the_global_list() {
    if !schemas_present() {
        return;
    }
    let docs = docs();
    let mut expected: Errors = docs["errors"]
        .as_object()
        .map(|o| json_errors(&Value::Array(o.values().cloned().collect())))
        .unwrap_or_default();
    expected.sort_by(|a, b| a.1.cmp(&b.1));
    let mut generated = table(KnownError::ERRORS);
    generated.sort_by(|a, b| a.1.cmp(&b.1));
    assert_eq!(generated.len(), 724);
    assert_eq!(generated, expected);
}

/// A patterned error displays its number in the name and everywhere the
/// description has `%d` (the description of `ALLOW_PAYMENT_REQUIRED_%d` in
/// telegram-docs.json, the number put in by hand).
#[test]
fn patterned_errors_display_their_number() {
    if !schemas_present() {
        return;
    }
    let error = KnownError::from_rpc(RpcError::new(403, "ALLOW_PAYMENT_REQUIRED_100"));
    let error: Box<dyn std::error::Error> = Box::new(error);
    assert_eq!(
        error.to_string(),
        "RPC error 403 ALLOW_PAYMENT_REQUIRED_100: This peer charges 100 Telegram Stars per \
         message, but the allow_paid_stars was not set or its value is smaller than 100."
    );
}

#[test]
fn rpc_errors_become_the_calls_variants() {
    type JoinError = <functions::phone::JoinGroupCall as RemoteCall>::Error;
    assert_eq!(
        JoinError::from_rpc(RpcError::new(400, "GROUPCALL_INVALID")),
        errors::phone::JoinGroupCall::GroupcallInvalid
    );
    // On the layer-223 page of joinGroupCall, not on the seed's.
    assert_eq!(
        JoinError::from_rpc(RpcError::new(400, "PUBLIC_KEY_INVALID")),
        errors::phone::JoinGroupCall::PublicKeyInvalid
    );
    assert_eq!(
        JoinError::from_rpc(RpcError::new(420, "FLOOD_WAIT_3")),
        errors::phone::JoinGroupCall::Other(RpcError::new(420, "FLOOD_WAIT_3"))
    );
    // Patterned names hold their number; a name beside a patterned one of the
    // same words keeps its plain variant.
    assert_eq!(
        KnownError::from_rpc(RpcError::new(420, "FLOOD_PREMIUM_WAIT_15")),
        KnownError::FloodPremiumWait(15)
    );
    assert_eq!(
        KnownError::from_rpc(RpcError::new(400, "FILE_REFERENCE_2_EXPIRED")),
        KnownError::FileReferenceNExpired(2)
    );
    assert_eq!(
        KnownError::from_rpc(RpcError::new(400, "FILE_REFERENCE_EXPIRED")),
        KnownError::FileReferenceExpired
    );
    let wait = KnownError::from_rpc(RpcError::new(420, "2FA_CONFIRM_WAIT_86400"));
    assert_eq!(wait, KnownError::TwoFaConfirmWait(86400));
    assert_eq!((wait.code(), wait.name()), (420, "2FA_CONFIRM_WAIT_%d"));
    // A wrapper fails the way the call it wraps does.
    type Wrapped = functions::InvokeWithLayer<
        functions::InvokeWithoutUpdates<functions::phone::JoinGroupCall>,
    >;
    let wrapped = <Wrapped as RemoteCall>::Error::from_rpc(RpcError::new(400, "GROUPCALL_INVALID"));
    assert_eq!(wrapped, errors::phone::JoinGroupCall::GroupcallInvalid);
    // A function without documented errors fails with RpcError itself.
    let plain: RpcError =
        <functions::help::GetNearestDc as RemoteCall>::Error::from_rpc(RpcError::new(500, "X"));
    assert_eq!(plain.message, "X");
}

/// Every doc comment of the generated modules (api-layer230 with Telegram's
/// documentation, td_api with its `//@` comments, mtproto, TON) is what
/// tl-codegen writes: escaped prose, inline code, links, one-definition `text`
/// blocks and the errors table; nothing a description could have turned into a
/// doctest, a list, a heading or HTML (`tlgen_test_support::doc_markdown`).
#[test]
fn generated_docs_hold_no_structure_from_their_sources() {
    if !schemas_present() {
        return;
    }
    let dialects = cfg!(feature = "dialects");
    for (module, code, generated) in [
        (
            "api",
            include_str!(concat!(env!("OUT_DIR"), "/api.rs")),
            true,
        ),
        (
            "mtproto",
            include_str!(concat!(env!("OUT_DIR"), "/mtproto.rs")),
            true,
        ),
        (
            "tdlib",
            include_str!(concat!(env!("OUT_DIR"), "/tdlib.rs")),
            dialects,
        ),
        (
            "ton",
            include_str!(concat!(env!("OUT_DIR"), "/ton.rs")),
            dialects,
        ),
    ] {
        if !generated {
            continue;
        }
        let docs = tlgen_test_support::doc_markdown::doc_comments(code)
            .unwrap_or_else(|e| panic!("{module}: not Rust: {e}"));
        assert!(docs.len() > 100, "{module}: {} doc comments", docs.len());
        let problems: Vec<String> = docs
            .iter()
            .flat_map(|doc| tlgen_test_support::doc_markdown::problems_of(doc))
            .collect();
        assert!(problems.is_empty(), "{module}: {problems:#?}");
    }
}
