//! The code generated from `schema/edge.tl`: it compiles (that is half the test),
//! round-trips, and writes exactly the bytes worked out here by hand from the TL
//! wire format (little-endian; `bytes`/`string` framed and padded to 4).

use generated::edge::{enums, functions, types};
use std::fmt::Debug;
use tl_runtime::{
    DecodeError, Deserialize, Identifiable, Limits, RawObject, RemoteCall, Serialize,
};

/// Encodes `value`, checks the length and that decoding gives it back; returns the bytes.
fn round_trip<T: Serialize + Deserialize + PartialEq + Debug>(value: &T) -> Vec<u8> {
    let bytes = value.to_bytes();
    assert_eq!(
        value.serialized_len(),
        bytes.len(),
        "serialized_len of {value:?}"
    );
    assert_eq!(
        T::from_bytes(&bytes).as_ref(),
        Ok(value),
        "decoding {value:?}"
    );
    bytes
}

/// Concatenates little-endian pieces.
fn cat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

/// A short TL `bytes`/`string`: length byte, data, zero padding to 4.
fn framed(data: &[u8]) -> Vec<u8> {
    assert!(data.len() < 254);
    let mut out = vec![u8::try_from(data.len()).unwrap_or(0)];
    out.extend_from_slice(data);
    while out.len() % 4 != 0 {
        out.push(0);
    }
    out
}

const VECTOR: [u8; 4] = 0x1cb5_c415_u32.to_le_bytes();
const BOOL_TRUE: [u8; 4] = 0x9972_75b5_u32.to_le_bytes();
const BOOL_FALSE: [u8; 4] = 0xbc79_9737_u32.to_le_bytes();

fn id<T: Identifiable>() -> [u8; 4] {
    T::CONSTRUCTOR_ID.to_le_bytes()
}

#[test]
fn prelude_names_are_ordinary_types() {
    let some = enums::Option::from(types::Some { value: 5 });
    let none = enums::Option::from(types::None);
    let boxed = enums::Box::from(types::Box {
        inner: none.clone(),
    });
    let values = (
        round_trip(&some),
        round_trip(&none),
        round_trip(&enums::Result::from(types::Ok {
            value: "fine".to_owned(),
        })),
        round_trip(&enums::Result::from(types::Err { code: -1 })),
        round_trip(&boxed),
        round_trip(&enums::Vec::from(types::Vec { items: vec![1, 2] })),
        round_trip(&enums::String::from(types::StringValue {
            text: "s".to_owned(),
        })),
        round_trip(&enums::From::from(types::From { value: boxed })),
    );
    assert_eq!(values.0, cat(&[&id::<types::Some>(), &5_i32.to_le_bytes()]));
    assert_eq!(values.1, id::<types::None>());
    assert_eq!(values.3, cat(&[&id::<types::Err>(), &[0xff; 4]]));
    assert_eq!(values.4, cat(&[&id::<types::Box>(), &id::<types::None>()]));
}

#[test]
fn keyword_fields_are_raw_or_renamed() {
    let value = types::Keywords {
        r#type: 1,
        r#fn: "f".to_owned(),
        self_: 2,
        crate_: 3,
        super_: 4,
        r#async: 5,
        r#gen: 6,
        r#match: true,
    };
    let bytes = round_trip(&value);
    assert_eq!(
        bytes,
        cat(&[
            &id::<types::Keywords>(),
            &1_i32.to_le_bytes(),
            &framed(b"f"),
            &2_i64.to_le_bytes(),
            &3_i32.to_le_bytes(),
            &4_i32.to_le_bytes(),
            &5_i32.to_le_bytes(),
            &6_i32.to_le_bytes(),
            &BOOL_TRUE,
        ])
    );
    round_trip(&enums::Me::Self_(types::Self_ { value: 7 }));
    // Namespaces named like keywords and primitive types.
    let thing = enums::type_::Thing::from(types::type_::Thing { value: 3 });
    round_trip(&types::types::Thing {
        other: thing.clone(),
    });
    round_trip(&types::u8_::Thing { value: -3 });
    let get = functions::type_::Get { thing };
    round_trip(&get);
    let _: fn(&[u8]) -> Result<Vec<i64>, DecodeError> =
        <functions::type_::Get as RemoteCall>::Return::from_bytes;
}

fn numbers() -> types::Numbers {
    types::Numbers {
        i: -2,
        l: 1 << 40,
        d: 1.5,
        s: "hi".to_owned(),
        b: vec![1, 2, 3, 4, 5],
        i128: [0x11; 16],
        i256: [0x22; 32],
        flag: false,
        bools: vec![true, false],
        blobs: vec![vec![], vec![9]],
        nested: vec![vec![7], vec![]],
        bare_ints: vec![3],
        salts: vec![types::FutureSalt {
            valid_since: 1,
            valid_until: 2,
            salt: -3,
        }],
        bare_salt: types::FutureSalt {
            valid_since: 4,
            valid_until: 5,
            salt: 6,
        },
        word: 0xdead_beef,
    }
}

#[test]
fn every_builtin_and_vector_form() {
    let bytes = round_trip(&numbers());
    let salt =
        |a: i32, b: i32, c: i64| cat(&[&a.to_le_bytes(), &b.to_le_bytes(), &c.to_le_bytes()]);
    let expected = cat(&[
        &id::<types::Numbers>(),
        &(-2_i32).to_le_bytes(),
        &(1_i64 << 40).to_le_bytes(),
        &1.5_f64.to_le_bytes(),
        &framed(b"hi"),
        &framed(&[1, 2, 3, 4, 5]),
        &[0x11; 16],
        &[0x22; 32],
        &BOOL_FALSE,
        // bools: Vector<Bool>
        &VECTOR,
        &2_u32.to_le_bytes(),
        &BOOL_TRUE,
        &BOOL_FALSE,
        // blobs: Vector<bytes>
        &VECTOR,
        &2_u32.to_le_bytes(),
        &framed(&[]),
        &framed(&[9]),
        // nested: Vector<Vector<long>>
        &VECTOR,
        &2_u32.to_le_bytes(),
        &VECTOR,
        &1_u32.to_le_bytes(),
        &7_i64.to_le_bytes(),
        &VECTOR,
        &0_u32.to_le_bytes(),
        // bare_ints: vector<int>
        &1_u32.to_le_bytes(),
        &3_i32.to_le_bytes(),
        // salts: vector<future_salt>, items bare
        &1_u32.to_le_bytes(),
        &salt(1, 2, -3),
        // bare_salt: %FutureSalt
        &salt(4, 5, 6),
        // word: #
        &0xdead_beef_u32.to_le_bytes(),
    ]);
    assert_eq!(bytes, expected);
}

#[test]
fn shared_bits_are_one_option() {
    let user = types::User {
        bot: Some(types::user::Bot {
            bot_info_version: 7,
        }),
        name: None,
        public_key: Some(types::user::PublicKey {
            public_key: [1; 32],
            block: vec![9, 9],
        }),
        premium: true,
        emoji: None,
    };
    let bytes = round_trip(&user);
    assert_eq!(
        bytes,
        cat(&[
            &id::<types::User>(),
            &(1_u32 << 14 | 1 << 3).to_le_bytes(),
            &7_i32.to_le_bytes(),
            &[1; 32],
            &framed(&[9, 9]),
            &1_u32.to_le_bytes(),
        ])
    );
    // All `true` members of one bit are one bool.
    let twins = round_trip(&types::Twins { a: true });
    assert_eq!(twins, cat(&[&id::<types::Twins>(), &1_u32.to_le_bytes()]));
    // A bit set for a group reads all of its fields.
    let none = round_trip(&types::User {
        bot: None,
        name: Some("n".to_owned()),
        public_key: None,
        premium: false,
        emoji: Some(-1),
    });
    assert_eq!(
        none,
        cat(&[
            &id::<types::User>(),
            &2_u32.to_le_bytes(),
            &framed(b"n"),
            &2_u32.to_le_bytes(),
            &(-1_i64).to_le_bytes(),
        ])
    );
}

/// `text` wrapped in `depth` levels of `textBold`.
fn bold(depth: usize, text: &str) -> enums::RichText {
    let mut value = enums::RichText::from(types::TextPlain {
        text: text.to_owned(),
    });
    for _ in 0..depth {
        value = enums::RichText::from(types::TextBold { text: value });
    }
    value
}

#[test]
fn recursive_types_are_boxed_and_depth_limited() {
    let concat = enums::RichText::from(types::TextConcat {
        texts: vec![bold(2, "a"), bold(0, "b")],
    });
    round_trip(&concat);
    // 63 bold levels and the plain text: 64 constructor bodies, the default limit.
    round_trip(&bold(63, "x"));
    // One more: the 65th body starts at byte 4 * 65.
    let too_deep = bold(64, "x").to_bytes();
    assert_eq!(
        enums::RichText::from_bytes(&too_deep),
        Err(DecodeError::DepthExceeded {
            offset: 260,
            limit: Limits::DEFAULT_MAX_DEPTH,
        })
    );
    let relaxed = Limits { max_depth: 65 };
    assert_eq!(
        enums::RichText::from_bytes_with_limits(&too_deep, relaxed),
        Ok(bold(64, "x"))
    );
    // A bare type that contains itself.
    let node = types::Node {
        value: 1,
        next: Some(Box::new(types::Node {
            value: 2,
            next: None,
        })),
    };
    assert_eq!(
        round_trip(&node),
        cat(&[
            &id::<types::Node>(),
            &1_u32.to_le_bytes(),
            &1_i32.to_le_bytes(),
            &0_u32.to_le_bytes(),
            &2_i32.to_le_bytes(),
        ])
    );
    round_trip(&types::Holder {
        text: bold(1, "h"),
        node,
    });
}

fn pong(msg_id: i64, ping_id: i64) -> enums::Pong {
    types::Pong { msg_id, ping_id }.into()
}

#[test]
fn objects_are_raw_and_message_bodies_sized() {
    let body = RawObject::from_value(&pong(5, 6));
    let result = types::RpcResult {
        req_msg_id: 9,
        result: body.clone(),
    };
    let bytes = round_trip(&result);
    assert_eq!(bytes.len(), 4 + 8 + 20);
    let decoded = types::RpcResult::from_bytes(&bytes).map(|r| r.result.decode::<enums::Pong>());
    assert_eq!(decoded, Ok(Ok(pong(5, 6))));

    let gzip = enums::Object::from(types::GzipPacked {
        packed_data: vec![1, 2],
    });
    round_trip(&gzip);

    // The container holds two bare messages; each body's length comes first.
    let container = types::MsgContainer {
        messages: vec![
            types::Message {
                msg_id: 1,
                seqno: 2,
                body: body.clone(),
            },
            types::Message {
                msg_id: 3,
                seqno: 4,
                body: RawObject::from_value(&gzip),
            },
        ],
    };
    let bytes = round_trip(&container);
    let gzip_bytes = cat(&[&0x3072_cfa1_u32.to_le_bytes(), &framed(&[1, 2])]);
    let expected = cat(&[
        &0x73f1_f8dc_u32.to_le_bytes(),
        &2_u32.to_le_bytes(),
        &1_i64.to_le_bytes(),
        &2_i32.to_le_bytes(),
        &20_u32.to_le_bytes(),
        body.as_bytes(),
        &3_i64.to_le_bytes(),
        &4_i32.to_le_bytes(),
        &8_u32.to_le_bytes(),
        &gzip_bytes,
    ]);
    assert_eq!(bytes, expected);

    // A body length beyond the input is an error at the body, before allocating.
    let mut bad = expected.clone();
    if let Some(len) = bad.get_mut(20..24) {
        len.copy_from_slice(&1000_u32.to_le_bytes());
    }
    assert_eq!(
        types::MsgContainer::from_bytes(&bad),
        Err(DecodeError::LengthTooLarge {
            offset: 24,
            declared: 1000,
            remaining: bad.len() - 24,
        })
    );
}

#[test]
fn generic_functions_wrap_their_query() {
    let ping = functions::Ping { ping_id: 1 };
    let call = functions::InvokeWithLayer {
        layer: 186,
        query: ping.clone(),
    };
    let bytes = round_trip(&call);
    assert_eq!(
        bytes,
        cat(&[
            &0xda9b_0d0d_u32.to_le_bytes(),
            &186_i32.to_le_bytes(),
            &0x7abe_77ec_u32.to_le_bytes(),
            &1_i64.to_le_bytes(),
        ])
    );
    let init = functions::InitConnection {
        api_id: 4,
        device_model: "pc".to_owned(),
        proxy: None,
        params: Some(numbers().into()),
        query: call,
    };
    let bytes = round_trip(&init);
    assert_eq!(
        bytes.get(4..8),
        Some(&2_u32.to_le_bytes()[..]),
        "flags: params only"
    );
    // The answer to a wrapped call is the answer to the inner one.
    fn answers_pong<F: RemoteCall<Return = enums::Pong>>(_: &F) {}
    answers_pong(&ping);
    answers_pong(&init);
    assert_eq!(
        <functions::InitConnection<functions::InvokeWithLayer<functions::Ping>> as RemoteCall>::Return::from_bytes(
            &pong(1, 2).to_bytes()
        ),
        Ok(pong(1, 2))
    );
}

#[test]
fn bool_results_and_fields_reject_other_ids() {
    let set = functions::SetFlag { value: true };
    round_trip(&set);
    let answer = <functions::SetFlag as RemoteCall>::Return::from_bytes(&BOOL_FALSE);
    assert_eq!(answer, Ok(false));
    let mut bytes = set.to_bytes();
    if let Some(value) = bytes.get_mut(4..8) {
        value.copy_from_slice(&id::<types::True>());
    }
    assert_eq!(
        functions::SetFlag::from_bytes(&bytes),
        Err(DecodeError::UnknownConstructor {
            offset: 4,
            id: 0x3fed_d339,
            expected_type: "Bool",
        })
    );
    let get = functions::GetNumbers { ids: vec![1, 2] };
    round_trip(&get);
    let numbers_vector = vec![enums::Numbers::from(numbers())];
    assert_eq!(
        <functions::GetNumbers as RemoteCall>::Return::from_bytes(&numbers_vector.to_bytes()),
        Ok(numbers_vector)
    );
    round_trip(&functions::GetObject);
}

#[test]
fn variant_names_drop_the_type_name_where_nothing_clashes() {
    // An exhaustive match: it compiles only with exactly these variants.
    fn name(shape: &enums::Shape) -> &'static str {
        match shape {
            enums::Shape::Circle(_) => "shapeCircle",
            // `Square` is `square`'s: `shapeSquare` keeps its whole name.
            enums::Shape::ShapeSquare(_) => "shapeSquare",
            enums::Shape::Square(_) => "square",
            // `Self` is a keyword and `3d` starts with a digit.
            enums::Shape::ShapeSelf => "shapeSelf",
            enums::Shape::Shape3d(_) => "shape_3d",
            enums::Shape::Shapes => "shapes",
            enums::Shape::Shape => "shape",
        }
    }
    let shapes = [
        enums::Shape::from(types::ShapeCircle::new(2)),
        types::ShapeSquare::new(3).into(),
        types::Square::new(4).into(),
        types::ShapeSelf.into(),
        types::Shape3d::new(5).into(),
        types::Shapes.into(),
        types::Shape.into(),
    ];
    for shape in &shapes {
        assert_eq!(name(shape), shape.tl_name());
        round_trip(shape);
    }
    // A unit variant is written as its constructor id alone, and read back
    // through its struct.
    assert_eq!(
        round_trip(&enums::Shape::ShapeSelf),
        id::<types::ShapeSelf>()
    );
    assert_eq!(
        types::ShapeSelf::try_from(enums::Shape::ShapeSelf),
        Ok(types::ShapeSelf)
    );
    assert_eq!(
        types::ShapeCircle::try_from(enums::Shape::Shapes),
        Err(enums::Shape::Shapes)
    );
    // Types named like their only constructor keep the name: `Me::Self_`.
    assert!(matches!(
        enums::Me::from(types::Self_ { value: 1 }),
        enums::Me::Self_(_)
    ));
}

#[test]
fn accessors_read_the_fields_every_constructor_has() {
    let small = enums::Photo::from(
        types::PhotoSmall::new(7, vec![1, 2], "s".to_owned()).with_caption("c".to_owned()),
    );
    let large =
        enums::Photo::from(types::PhotoLarge::new(8, vec![3], 640, "l".to_owned()).with_big(true));
    assert_eq!((small.id(), large.id()), (7, 8));
    assert_eq!((small.caption(), large.caption()), (Some("c"), None));
    assert_eq!((small.sizes(), large.sizes()), (&[1, 2][..], &[3][..]));
    assert_eq!((small.big(), large.big()), (false, true));
    // `tl_name` is the enum's own method, not an accessor of the field.
    assert_eq!(small.tl_name(), "photoSmall");
    round_trip(&small);
    round_trip(&large);
}

#[test]
fn new_takes_required_fields_and_with_sets_optional_ones() {
    // Every field optional: `new()` and `Default` are the same empty value.
    let user = types::User::new()
        .with_bot(types::user::Bot {
            bot_info_version: 7,
        })
        .with_public_key(types::user::PublicKey {
            public_key: [1; 32],
            block: vec![9, 9],
        })
        .with_premium(true);
    assert_eq!(
        user,
        types::User {
            bot: Some(types::user::Bot {
                bot_info_version: 7
            }),
            name: None,
            public_key: Some(types::user::PublicKey {
                public_key: [1; 32],
                block: vec![9, 9],
            }),
            premium: true,
            emoji: None,
        }
    );
    assert_eq!(types::User::new(), types::User::default());
    assert_eq!(types::Twins::new().with_a(true), types::Twins { a: true });
    // Raw and renamed field names are parameter names too.
    let keywords = types::Keywords::new(1, "f".to_owned(), 2, 3, 4, 5, 6, true);
    assert_eq!(
        (keywords.r#type, keywords.self_, keywords.r#match),
        (1, 2, true)
    );
    // A boxed field is given unboxed.
    let node = types::Node::new(1).with_next(types::Node::new(2));
    assert_eq!(node.next.as_deref(), Some(&types::Node::new(2)));
    assert_eq!(types::Node::default(), types::Node::new(0));
    // Numbers, strings, bytes, arrays, bools, vectors and bare structs of
    // those have natural defaults.
    let zero = types::Numbers::default();
    assert_eq!((zero.i, zero.d, zero.i256), (0, 0.0, [0; 32]));
    assert_eq!(zero.bare_salt, types::FutureSalt::new(0, 0, 0));
    // Generic functions: `new` takes the query.
    let init = functions::InitConnection::new(4, "pc".to_owned(), functions::Ping::new(1))
        .with_params(numbers().into());
    assert_eq!(init.proxy, None);
    assert_eq!(init.query, functions::Ping { ping_id: 1 });
    round_trip(&init);
}
