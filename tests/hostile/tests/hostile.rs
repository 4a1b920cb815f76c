//! Hostile input against the code generated for Telegram's full schemas: every
//! test expects an exact error (kind and offset) or an exact value, and measures
//! the memory the decode allocated with a counting global allocator.
//!
//! The allocator counts, for the current thread only and only while a check runs,
//! the bytes requested (`total`) and the largest amount live at once (`peak`), so
//! that concurrently running tests do not disturb the figures. Run with
//! `--nocapture` to see them.
//!
//! Timing is never asserted (see DESIGN.md): "quickly" is shown by the whole file
//! running in well under a second.

use std::fmt::Debug;
use tlgen_test_support::alloc::{Allocated as Memory, Counting, measure};

use tl_runtime::{DecodeError, Deserialize, Limits, Reader, Serialize, wire};
use tlgen_hostile_tests::{api, mtproto};

// ------------------------------------------------------------------ counting allocator

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Decodes `input` as `T`, expecting exactly `expected`, and reports the memory.
fn expect_error<T: Deserialize + Debug>(what: &str, input: &[u8], expected: DecodeError) -> Memory {
    let (result, memory) = measure(|| T::from_bytes(input).map(|_| ()));
    assert_eq!(result, Err(expected), "{what}");
    eprintln!(
        "{what}: {} bytes of input -> {expected}; peak {} bytes, total {} bytes",
        input.len(),
        memory.peak,
        memory.total
    );
    memory
}

/// Whether the full schemas are missing (see [`tlgen_hostile_tests::schemas_missing`]).
fn skip() -> bool {
    tlgen_hostile_tests::schemas_missing()
}

fn le(value: u32) -> [u8; 4] {
    value.to_le_bytes()
}

const VECTOR: u32 = wire::VECTOR_ID;
const TEXT_BOLD: u32 = 0x6724_abc4;
const TEXT_CONCAT: u32 = 0x7e62_60d7;
const MESSAGES_MESSAGES: u32 = 0x1d73_e7ea;
const GZIP_PACKED: u32 = 0x3072_cfa1;
const RPC_RESULT: u32 = 0xf35c_6d01;

/// A seeded xorshift64* stream of bytes.
fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed | 1;
    (0..len)
        .map(|_| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8
        })
        .collect()
}

// ----------------------------------------------------------------- counts and lengths

#[test]
fn vector_count_2_pow_31_in_8_bytes() {
    if skip() {
        return;
    }
    let mut input = le(VECTOR).to_vec();
    input.extend(le(0x8000_0000));
    let memory = expect_error::<Vec<api::enums::User>>(
        "Vector<User> of 2^31 items",
        &input,
        DecodeError::CountTooLarge {
            offset: 4,
            count: 0x8000_0000,
            min_item_size: 4,
            remaining: 0,
        },
    );
    assert_eq!(memory.total, 0);

    // The same inside a real constructor: messages.messages's first vector.
    let mut input = le(MESSAGES_MESSAGES).to_vec();
    input.extend(le(VECTOR));
    input.extend(le(0x8000_0000));
    let memory = expect_error::<api::enums::messages::Messages>(
        "messages.messages with 2^31 messages",
        &input,
        DecodeError::CountTooLarge {
            offset: 8,
            count: 0x8000_0000,
            min_item_size: 4,
            remaining: 0,
        },
    );
    assert_eq!(memory.total, 0);

    // u32::MAX items of which 16 bytes are present: rejected before any item.
    let mut input = le(VECTOR).to_vec();
    input.extend(le(u32::MAX));
    input.extend([0; 16]);
    let memory = expect_error::<Vec<api::enums::Update>>(
        "Vector<Update> of 2^32-1 items, 16 bytes present",
        &input,
        DecodeError::CountTooLarge {
            offset: 4,
            count: u32::MAX,
            min_item_size: 4,
            remaining: 16,
        },
    );
    assert_eq!(memory.total, 0);
}

#[test]
fn bytes_length_of_16_mib_in_4_bytes() {
    if skip() {
        return;
    }
    // The largest length TL can declare: 254, then 0xffffff = 16 MiB - 1.
    let prefix = [0xfe, 0xff, 0xff, 0xff];
    let (result, memory) = measure(|| wire::read_bytes(&mut Reader::new(&prefix)));
    assert_eq!(
        result,
        Err(DecodeError::LengthTooLarge {
            offset: 0,
            declared: 0xff_ffff,
            remaining: 0,
        })
    );
    assert_eq!(memory.total, 0);

    // As gzip_packed's packed_data (an `Object` of mtproto.tl).
    let mut input = le(GZIP_PACKED).to_vec();
    input.extend(prefix);
    let memory = expect_error::<mtproto::enums::Object>(
        "gzip_packed declaring 16 MiB - 1 of data",
        &input,
        DecodeError::LengthTooLarge {
            offset: 4,
            declared: 0xff_ffff,
            remaining: 0,
        },
    );
    assert_eq!(memory.total, 0);

    // As a string: textPlain's text.
    let mut input = le(0x7446_94e0).to_vec();
    input.extend(prefix);
    input.extend([b'a'; 12]);
    let memory = expect_error::<api::enums::RichText>(
        "textPlain declaring 16 MiB - 1 of text, 12 present",
        &input,
        DecodeError::LengthTooLarge {
            offset: 4,
            declared: 0xff_ffff,
            remaining: 12,
        },
    );
    assert_eq!(memory.total, 0);
}

// -------------------------------------------------------------------------- nesting

#[test]
fn rich_text_nested_100000_deep() {
    if skip() {
        return;
    }
    // textBold#6724abc4 text:RichText = RichText, 100,000 times: 400,000 bytes that
    // never end. Each textBold body is one level; the 65th starts at byte 65 * 4.
    let input: Vec<u8> = (0..100_000).flat_map(|_| le(TEXT_BOLD)).collect();
    let memory = expect_error::<api::enums::RichText>(
        "textBold nested 100,000 deep",
        &input,
        DecodeError::DepthExceeded {
            offset: 260,
            limit: 64,
        },
    );
    // Nothing is boxed before the innermost value is complete.
    assert_eq!(memory.total, 0);

    // A lower limit stops sooner: the 11th body starts at byte 44.
    let (result, _) =
        measure(|| api::enums::RichText::from_bytes_with_limits(&input, Limits { max_depth: 10 }));
    assert_eq!(
        result,
        Err(DecodeError::DepthExceeded {
            offset: 44,
            limit: 10
        })
    );

    // Through vectors: textConcat#7e6260d7 texts:Vector<RichText>, one item each.
    // The body and the vector are a level each (the vector's from its count):
    // 12 bytes (id, Vector id, count) for two levels, so the 65th level, the
    // 33rd body, starts at byte 32 * 12 + 4.
    let input: Vec<u8> = (0..100_000)
        .flat_map(|_| [le(TEXT_CONCAT), le(VECTOR), le(1)])
        .flatten()
        .collect();
    let memory = expect_error::<api::enums::RichText>(
        "textConcat nested 100,000 deep",
        &input,
        DecodeError::DepthExceeded {
            offset: 388,
            limit: 64,
        },
    );
    // One vector of one RichText reserved per vector, 32 vectors.
    let item = std::mem::size_of::<api::enums::RichText>();
    assert_eq!(
        memory.peak,
        32 * item,
        "{memory:?}, RichText is {item} bytes"
    );
    assert!(memory.peak < input.len());
}

#[test]
fn nesting_within_the_limit_decodes_on_a_small_stack() {
    if skip() {
        return;
    }
    // 63 textBold around a textEmpty: 64 levels, exactly the limit, decoded and
    // re-encoded on a thread with a 1 MiB stack.
    let mut input: Vec<u8> = (0..63).flat_map(|_| le(TEXT_BOLD)).collect();
    input.extend(le(0xdc3d_824f));
    let decoded = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            let value = api::enums::RichText::from_bytes(&input);
            value.map(|v| (v.to_bytes() == input, v))
        })
        .map(|h| h.join());
    match decoded {
        Ok(Ok(Ok((same, _)))) => assert!(same, "re-encoding differs"),
        other => panic!("unexpected {other:?}"),
    }
}

// ---------------------------------------------------------------------------- Object

#[test]
fn object_of_random_bytes() {
    if skip() {
        return;
    }
    // rpc_result#f35c6d01 req_msg_id:long result:Object with 4 KiB of random bytes
    // as the result: kept verbatim (one copy), and never decoded as anything.
    let random = random_bytes(0x5eed, 4096);
    let mut input = le(RPC_RESULT).to_vec();
    input.extend(7_i64.to_le_bytes());
    input.extend(&random);
    let (result, memory) = measure(|| mtproto::enums::RpcResult::from_bytes(&input));
    let Ok(mtproto::enums::RpcResult::RpcResult(rpc)) = result else {
        panic!("unexpected {result:?}");
    };
    assert_eq!(rpc.req_msg_id, 7);
    assert_eq!(rpc.result.as_bytes(), random.as_slice());
    assert_eq!(memory.peak, random.len());
    eprintln!(
        "rpc_result with a 4096-byte random Object: decoded, peak {} bytes",
        memory.peak
    );
    assert_eq!(rpc.to_bytes(), input);

    // Decoding the object as any type of api-layer230 fails on its first word,
    // which is no constructor of the schema.
    let id = u32::from_le_bytes([random[0], random[1], random[2], random[3]]);
    assert_eq!(api::name_for_id(id), None);
    let mut visitor = DecodeAsAll {
        input: rpc.result.as_bytes(),
        id,
        types: 0,
        peak: 0,
    };
    api::arbitrary::visit_all(&mut visitor);
    assert_eq!(visitor.types, 1701 + 850);
    assert_eq!(visitor.peak, 0);
    eprintln!(
        "the random object as each of {} api definitions: UnknownConstructor at 0, nothing allocated",
        visitor.types
    );

    // An object shorter than a constructor id.
    let mut input = le(RPC_RESULT).to_vec();
    input.extend(7_i64.to_le_bytes());
    input.extend([1, 2, 3]);
    expect_error::<mtproto::enums::RpcResult>(
        "rpc_result whose Object is 3 bytes",
        &input,
        DecodeError::UnexpectedEof {
            offset: 12,
            needed: 4,
            remaining: 3,
        },
    );

    // gzip_packed (an `Object` of mtproto.tl) with 8 bytes of packed data, then 64
    // random bytes: the value is complete at byte 16, the rest is rejected.
    let mut input = le(GZIP_PACKED).to_vec();
    input.extend([8, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0]);
    input.extend(&random[..64]);
    expect_error::<mtproto::enums::Object>(
        "gzip_packed followed by 64 random bytes",
        &input,
        DecodeError::TrailingBytes {
            offset: 16,
            remaining: 64,
        },
    );
}

/// Decodes one input as every visited type, expecting an unknown constructor.
struct DecodeAsAll<'a> {
    input: &'a [u8],
    id: u32,
    types: usize,
    peak: usize,
}

impl api::arbitrary::Visitor for DecodeAsAll<'_> {
    fn visit<T>(&mut self, tl_name: &'static str)
    where
        T: api::arbitrary::Arbitrary + Serialize + Deserialize + PartialEq + Debug,
    {
        self.types += 1;
        let (result, memory) = measure(|| T::from_bytes(self.input).map(|_| ()));
        match result {
            Err(DecodeError::UnknownConstructor { offset: 0, id, .. }) if id == self.id => {}
            other => panic!("{tl_name}: unexpected {other:?}"),
        }
        self.peak = self.peak.max(memory.peak);
    }
}

// ------------------------------------------------------------------------ truncation

/// One piece of a hand-built encoding, for computing the exact error of every
/// truncation of it.
enum Piece {
    /// A fixed-size read (`u32`, `long`, ids, flags).
    Fixed(Vec<u8>),
    /// A `string`/`bytes` of these data bytes (shorter than 254).
    Str(Vec<u8>),
    /// A vector count (after the `Vector` id, which is a `Fixed` piece) and the
    /// fewest bytes one item can take (4 for boxed items): a prefix that cannot
    /// hold that many items fails at the count.
    Count(u32, usize),
}

/// The encoding of `pieces`, and the error `from_bytes` must return for each
/// strict prefix of it.
fn encode_with_truncation_errors(pieces: &[Piece]) -> (Vec<u8>, Vec<DecodeError>) {
    let mut bytes = Vec::new();
    let mut errors = Vec::new();
    let mut counts = Vec::new();
    for piece in pieces {
        let offset = bytes.len();
        match piece {
            Piece::Fixed(b) => {
                for have in 0..b.len() {
                    errors.push(DecodeError::UnexpectedEof {
                        offset,
                        needed: b.len(),
                        remaining: have,
                    });
                }
                bytes.extend(b);
            }
            Piece::Count(n, min) => {
                counts.push((offset, *n, *min));
                for have in 0..4 {
                    errors.push(DecodeError::UnexpectedEof {
                        offset,
                        needed: 4,
                        remaining: have,
                    });
                }
                bytes.extend(le(*n));
            }
            Piece::Str(data) => {
                errors.push(DecodeError::UnexpectedEof {
                    offset,
                    needed: 1,
                    remaining: 0,
                });
                for have in 0..data.len() {
                    errors.push(DecodeError::LengthTooLarge {
                        offset,
                        declared: data.len(),
                        remaining: have,
                    });
                }
                let padding = wire::padding(1 + data.len());
                for have in 0..padding {
                    errors.push(DecodeError::UnexpectedEof {
                        offset: offset + 1 + data.len(),
                        needed: padding,
                        remaining: have,
                    });
                }
                bytes.push(data.len() as u8);
                bytes.extend(data);
                bytes.extend(vec![0; padding]);
            }
        }
    }
    // Counts are checked against what is left when they are read, the outer (earlier)
    // ones first.
    let mut decided = vec![false; errors.len()];
    for (offset, count, min) in counts {
        let start = offset + 4;
        let end = (start + count as usize * min).min(errors.len());
        for len in start..end {
            if let (Some(error), Some(done)) = (errors.get_mut(len), decided.get_mut(len))
                && !*done
            {
                *error = DecodeError::CountTooLarge {
                    offset,
                    count,
                    min_item_size: min,
                    remaining: len - start,
                };
                *done = true;
            }
        }
    }
    (bytes, errors)
}

#[test]
fn truncation_at_every_offset_of_a_hand_built_message() {
    if skip() {
        return;
    }
    // messages.messages with one message (messageEmpty#90a6ca84 flags:# id:int
    // peer_id:flags.0?Peer), no topics, one chat (chatEmpty#29562865 id:long), one
    // user (userEmpty#d3bc4b7a id:long). (Strings are truncated in the flags test.)
    let pieces = [
        Piece::Fixed(le(MESSAGES_MESSAGES).to_vec()),
        Piece::Fixed(le(VECTOR).to_vec()),
        Piece::Count(1, 4),
        Piece::Fixed(le(0x90a6_ca84).to_vec()),
        Piece::Fixed(le(1).to_vec()),
        Piece::Fixed(le(42).to_vec()),
        Piece::Fixed(le(0x5951_1722).to_vec()),
        Piece::Fixed(77_i64.to_le_bytes().to_vec()),
        Piece::Fixed(le(VECTOR).to_vec()),
        Piece::Count(0, 4),
        Piece::Fixed(le(VECTOR).to_vec()),
        Piece::Count(1, 4),
        Piece::Fixed(le(0x2956_2865).to_vec()),
        Piece::Fixed(5_i64.to_le_bytes().to_vec()),
        Piece::Fixed(le(VECTOR).to_vec()),
        Piece::Count(1, 4),
        Piece::Fixed(le(0xd3bc_4b7a).to_vec()),
        Piece::Fixed(6_i64.to_le_bytes().to_vec()),
    ];
    let (bytes, errors) = encode_with_truncation_errors(&pieces);
    let value = api::enums::messages::Messages::from_bytes(&bytes)
        .unwrap_or_else(|e| panic!("the whole message does not decode: {e}"));
    assert_eq!(value.to_bytes(), bytes);
    check_truncations::<api::enums::messages::Messages>(&bytes, &errors);
}

fn check_truncations<T: Deserialize + Debug>(bytes: &[u8], errors: &[DecodeError]) {
    assert_eq!(errors.len(), bytes.len());
    let mut peak = 0;
    for (len, expected) in errors.iter().enumerate() {
        let (result, memory) = measure(|| T::from_bytes(&bytes[..len]).map(|_| ()));
        assert_eq!(result, Err(*expected), "prefix of {len} bytes");
        peak = peak.max(memory.peak);
    }
    eprintln!(
        "{} truncations of a {}-byte value: exact errors; peak {peak} bytes",
        errors.len(),
        bytes.len()
    );
}

#[test]
fn truncation_at_every_offset_of_a_generated_message() {
    if skip() {
        return;
    }
    use api::arbitrary::{Arbitrary, Rng};
    // A large random `Updates` (depth 6) built by the generated code: every strict
    // prefix fails with an error that is about the end of the input, at or before
    // the cut, and allocates at most a small multiple of the prefix.
    let mut rng = Rng::new(2026);
    let value = (0..64)
        .map(|_| api::enums::Updates::arbitrary(&mut rng, 6))
        .max_by_key(Serialize::serialized_len)
        .unwrap_or_else(|| api::enums::Updates::arbitrary(&mut rng, 0));
    let bytes = value.to_bytes();
    assert!(bytes.len() > 1500, "{} bytes", bytes.len());
    let (decoded, full) = measure(|| api::enums::Updates::from_bytes(&bytes));
    assert_eq!(decoded.as_ref(), Ok(&value));
    let mut worst = 0.0_f64;
    for len in 0..bytes.len() {
        let (result, memory) =
            measure(|| api::enums::Updates::from_bytes(&bytes[..len]).map(|_| ()));
        let Err(error) = result else {
            panic!("a {len}-byte prefix decoded");
        };
        match error {
            DecodeError::UnexpectedEof {
                offset,
                needed,
                remaining,
            } => {
                assert_eq!(offset + remaining, len, "{error:?}");
                assert!(needed > remaining, "{error:?}");
            }
            DecodeError::LengthTooLarge {
                offset,
                declared,
                remaining,
            } => {
                let header = if declared < 254 { 1 } else { 4 };
                assert_eq!(offset + header + remaining, len, "{error:?}");
                assert!(declared > remaining, "{error:?}");
            }
            DecodeError::CountTooLarge {
                offset,
                count,
                min_item_size,
                remaining,
            } => {
                assert_eq!(offset + 4 + remaining, len, "{error:?}");
                assert!(count as usize * min_item_size > remaining, "{error:?}");
            }
            other => panic!("prefix of {len} bytes: unexpected {other:?}"),
        }
        assert!(
            memory.peak <= full.peak,
            "prefix of {len}: {memory:?} vs {full:?}"
        );
        worst = worst.max(memory.peak as f64 / (len.max(1)) as f64);
    }
    // Small multiples of the input (measured: 1.6x for the value, 2.5x for the
    // worst prefix; 326.5x before large enum variants were boxed).
    assert!(full.peak <= 4 * bytes.len(), "{full:?}");
    assert!(worst <= 4.0, "worst prefix {worst:.1}x its length");
    eprintln!(
        "{} truncations of a {}-byte Updates: all end-of-input errors at the cut; the whole \
         value allocates peak {} bytes ({:.1}x its size), the worst prefix {worst:.1}x its length",
        bytes.len(),
        bytes.len(),
        full.peak,
        full.peak as f64 / bytes.len() as f64
    );
}

// ----------------------------------------------------------------------------- flags

const INPUT_MEDIA_UPLOADED_PHOTO: u32 = 0x7d83_75da;
const INPUT_FILE: u32 = 0xf52f_f27f;
const INPUT_DOCUMENT: u32 = 0x1abf_b575;

/// `inputMediaUploadedPhoto#7d8375da flags:# spoiler:flags.2?true
/// live_photo:flags.3?true file:InputFile stickers:flags.0?Vector<InputDocument>
/// ttl_seconds:flags.1?int video:flags.3?InputDocument = InputMedia;`: the pieces
/// of its encoding with flags word `flags`, and the value it must decode to.
fn uploaded_photo(flags: u32) -> (Vec<Piece>, api::enums::InputMedia) {
    use api::types;
    let document = |id: i64| {
        (
            vec![
                Piece::Fixed(le(INPUT_DOCUMENT).to_vec()),
                Piece::Fixed(id.to_le_bytes().to_vec()),
                Piece::Fixed((-id).to_le_bytes().to_vec()),
                Piece::Str(vec![0xfa, 0xce]),
            ],
            api::enums::InputDocument::from(types::InputDocument {
                id,
                access_hash: -id,
                file_reference: vec![0xfa, 0xce],
            }),
        )
    };
    let mut pieces = vec![
        Piece::Fixed(le(INPUT_MEDIA_UPLOADED_PHOTO).to_vec()),
        Piece::Fixed(le(flags).to_vec()),
        Piece::Fixed(le(INPUT_FILE).to_vec()),
        Piece::Fixed(3_i64.to_le_bytes().to_vec()),
        Piece::Fixed(le(1).to_vec()),
        Piece::Str(b"photo.jpg".to_vec()),
        Piece::Str(b"0123456789abcdef".to_vec()),
    ];
    let bit = |k: u32| flags & (1 << k) != 0;
    let stickers = bit(0).then(|| {
        pieces.push(Piece::Fixed(le(VECTOR).to_vec()));
        pieces.push(Piece::Count(2, 4));
        let (a, a_value) = document(10);
        let (b, b_value) = document(11);
        pieces.extend(a);
        pieces.extend(b);
        vec![a_value, b_value]
    });
    let ttl_seconds = bit(1).then(|| {
        pieces.push(Piece::Fixed(le(60).to_vec()));
        60
    });
    let live_photo = bit(3).then(|| {
        let (video, video_value) = document(12);
        pieces.extend(video);
        types::input_media_uploaded_photo::LivePhoto { video: video_value }
    });
    let value = api::enums::InputMedia::from(types::InputMediaUploadedPhoto {
        spoiler: bit(2),
        live_photo,
        file: api::enums::InputFile::from(types::InputFile {
            id: 3,
            parts: 1,
            name: "photo.jpg".to_owned(),
            md5_checksum: "0123456789abcdef".to_owned(),
        }),
        stickers,
        ttl_seconds,
    });
    (pieces, value)
}

#[test]
fn every_flags_word_of_input_media_uploaded_photo() {
    if skip() {
        return;
    }
    // Bits 0..=3 are used (bit 3 by two fields, present together). Every
    // combination of them, with no unused bit, one unused bit, or all of them.
    let mut words = 0;
    let mut truncations = 0;
    for used in 0..16_u32 {
        for unused in [0, 1 << 4, 1 << 31, !0xf] {
            let flags = used | unused;
            let (pieces, expected) = uploaded_photo(flags);
            let (bytes, errors) = encode_with_truncation_errors(&pieces);
            let (decoded, memory) = measure(|| api::enums::InputMedia::from_bytes(&bytes));
            assert_eq!(decoded.as_ref(), Ok(&expected), "flags {flags:#x}");
            // The value and its nested input file are boxed enum payloads.
            assert!(
                memory.peak <= 4 * bytes.len(),
                "flags {flags:#x}: {memory:?}"
            );
            // Unused bits are ignored, so they are not written back.
            let (canonical, _) = encode_with_truncation_errors(&uploaded_photo(used).0);
            assert_eq!(expected.to_bytes(), canonical, "flags {flags:#x}");
            assert_eq!(expected.serialized_len(), bytes.len());
            // Every truncation fails exactly where the cut is.
            for (len, error) in errors.iter().enumerate() {
                assert_eq!(
                    api::enums::InputMedia::from_bytes(&bytes[..len]),
                    Err(*error),
                    "flags {flags:#x}, prefix of {len} bytes"
                );
            }
            truncations += errors.len();
            words += 1;
        }
    }
    assert_eq!(words, 64);
    eprintln!(
        "inputMediaUploadedPhoto: {words} flags words decoded exactly, {truncations} truncations with exact errors"
    );
}

// --------------------------------------------------------------------- amplification

#[test]
fn smallest_items_in_a_vector_show_the_memory_amplification() {
    if skip() {
        return;
    }
    // Vector<Update> of 1,000 updateConfig#a229dd06 (no fields): 4 bytes each on the
    // wire, one `Update` each in memory. Large variants are boxed, so `Update` stays
    // small (40 bytes; 5,224 when every struct was inline, ~1,300x the input).
    const UPDATE_CONFIG: u32 = 0xa229_dd06;
    let count = 1000;
    let mut input = le(VECTOR).to_vec();
    input.extend(le(count));
    for _ in 0..count {
        input.extend(le(UPDATE_CONFIG));
    }
    let (result, memory) = measure(|| Vec::<api::enums::Update>::from_bytes(&input));
    assert_eq!(result.map(|v| v.len()), Ok(1000));
    let item = std::mem::size_of::<api::enums::Update>();
    // The vector starts with room for what the remaining input could fill
    // (4,000 bytes / item + 1) and doubles from there: at most twice the final
    // length while growing (old and new buffer live at once).
    assert!(
        item <= 64,
        "Update is {item} bytes: large variants must be boxed"
    );
    assert!(
        memory.peak <= 2 * 1000 * item * 2,
        "{memory:?}, Update is {item} bytes"
    );
    // A small multiple of the input: 4,008 bytes.
    assert!(memory.peak <= 20 * input.len(), "{memory:?}");
    eprintln!(
        "Vector<Update> of 1000 updateConfig: {} bytes of input, peak {} bytes ({:.0}x; \
         size_of::<Update>() = {item})",
        input.len(),
        memory.peak,
        memory.peak as f64 / input.len() as f64
    );
    let mut largest = Largest::default();
    api::arbitrary::visit_all(&mut largest);
    eprintln!(
        "largest api struct: {} ({} bytes in memory, {} bytes encoded at depth 0)",
        largest.name, largest.size, largest.encoded
    );
}

/// The definition whose Rust struct is largest.
#[derive(Default)]
struct Largest {
    name: &'static str,
    size: usize,
    encoded: usize,
}

impl api::arbitrary::Visitor for Largest {
    fn visit<T>(&mut self, tl_name: &'static str)
    where
        T: api::arbitrary::Arbitrary + Serialize + Deserialize + PartialEq + Debug,
    {
        let size = std::mem::size_of::<T>();
        if size > self.size {
            let value = T::arbitrary(&mut api::arbitrary::Rng::new(0), 0);
            *self = Self {
                name: tl_name,
                size,
                encoded: value.serialized_len(),
            };
        }
    }
}
