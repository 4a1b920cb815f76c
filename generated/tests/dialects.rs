//! The code generated from `schema/dialects.tl` (TDLib's and TON's dialect):
//! TDLib's ids, Rust types that hold what each built-in declares, and bytes
//! worked out by hand from the wire format. The ids are Python's
//! `zlib.crc32` of each definition as written (TDLib's rule), the same texts
//! `tlgen check --list` prints.

use generated::dialects::{enums, functions, types};
use tl_runtime::{Deserialize, Identifiable, RawObject, RemoteCall, Serialize};

#[test]
fn ids_follow_tdlibs_rule() {
    // crc32("circle radius:int32 = Shape") and so on, in schema order.
    assert_eq!(types::Circle::CONSTRUCTOR_ID, 0x704e_93ab);
    assert_eq!(types::Square::CONSTRUCTOR_ID, 0x294a_35bc);
    assert_eq!(types::User::CONSTRUCTOR_ID, 0x6a03_4297);
    // `bytes` hashed as written and the `?true` field kept.
    assert_eq!(types::Blob::CONSTRUCTOR_ID, 0xbd12_641b);
    assert_eq!(types::raw::InitialAccountState::CONSTRUCTOR_ID, 0xd3f8_0624);
    assert_eq!(
        types::wallet::v3::InitialAccountState::CONSTRUCTOR_ID,
        0xf8f6_5540
    );
    assert_eq!(types::Wallet::CONSTRUCTOR_ID, 0x2131_bf9e);
    assert_eq!(functions::GetUser::CONSTRUCTOR_ID, 0xb089_8344);
    assert_eq!(functions::lite_server::Query::CONSTRUCTOR_ID, 0x798c_06df);
    assert_eq!(functions::InvokeAny::CONSTRUCTOR_ID, 0x69ae_73e6);
}

#[test]
fn tdlib_and_tonlib_numbers_strings_and_arrays_hold_their_values() {
    let user = types::User {
        id: (1_i64 << 53) - 1,
        access_hash: -2,
        name: "Ада".to_owned(),
        photo: vec![7],
        key: [0x11; 64],
        hash: [0x22; 32],
    };
    let mut expected = 0x6a03_4297_u32.to_le_bytes().to_vec();
    expected.extend_from_slice(&((1_i64 << 53) - 1).to_le_bytes()); // int53: 8 bytes
    expected.extend_from_slice(&(-2_i64).to_le_bytes()); // int64
    expected.extend_from_slice(&[6, 0xd0, 0x90, 0xd0, 0xb4, 0xd0, 0xb0, 0]); // "Ада", padded
    expected.extend_from_slice(&[1, 7, 0, 0]); // secureBytes
    expected.extend_from_slice(&[0x11; 64]); // int512: 16 words
    expected.extend_from_slice(&[0x22; 32]); // int256
    assert_eq!(user.to_bytes(), expected);
    assert_eq!(types::User::from_bytes(&expected), Ok(user));

    let circle = enums::Shape::Circle(types::Circle { radius: -1 });
    let bytes = [0x704e_93ab_u32.to_le_bytes(), (-1_i32).to_le_bytes()].concat();
    assert_eq!(circle.to_bytes(), bytes);
    assert_eq!(enums::Shape::from_bytes(&bytes), Ok(circle));
}

#[test]
fn a_flag_of_type_true_and_bytes_as_declared_by_ton() {
    let blob = types::Blob {
        data: vec![1, 2, 3],
        pinned: true,
    };
    let bytes = [
        &0xbd12_641b_u32.to_le_bytes()[..],
        &[3, 1, 2, 3],
        &1_u32.to_le_bytes(),
    ]
    .concat();
    assert_eq!(blob.to_bytes(), bytes);
    assert_eq!(types::Blob::from_bytes(&bytes), Ok(blob));
}

#[test]
fn object_and_function_hold_any_boxed_value() {
    let inner = functions::GetUser { id: 42 };
    let call = functions::InvokeAny {
        query: RawObject::from_value(&inner),
    };
    let bytes = [
        &0x69ae_73e6_u32.to_le_bytes()[..],
        &0xb089_8344_u32.to_le_bytes(),
        &42_i64.to_le_bytes(),
    ]
    .concat();
    assert_eq!(call.to_bytes(), bytes);
    // Both functions answer with any boxed value, kept as its bytes.
    fn answer<F: RemoteCall<Return = RawObject>>(_: &F) {}
    answer(&call);
    answer(&functions::lite_server::Query { data: Vec::new() });
}

#[test]
fn namespaced_constructors_sharing_a_name_are_qualified() {
    // Variants named after the namespace too (a compile-time check), and the
    // flag-group module of `wallet` moved aside from the `wallet` namespace.
    let states = [
        enums::InitialAccountState::RawInitialAccountState(types::raw::InitialAccountState {
            code: vec![1],
        }),
        enums::InitialAccountState::WalletV3InitialAccountState(
            types::wallet::v3::InitialAccountState {
                public_key: "k".to_owned(),
                wallet_id: 3,
            },
        ),
    ];
    assert_eq!(states.len(), 2);
    let wallet = types::Wallet {
        a: Some(types::wallet_fields::A {
            a: 1,
            b: "b".to_owned(),
        }),
    };
    assert_eq!(
        wallet.to_bytes(),
        [
            &0x2131_bf9e_u32.to_le_bytes()[..],
            &1_u32.to_le_bytes(),
            &1_i32.to_le_bytes(),
            &[1, b'b', 0, 0],
        ]
        .concat()
    );
}
