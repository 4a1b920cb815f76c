//! Nesting-depth limits on a recursive type (test-only schema, made-up ids):
//!
//! ```text
//! textPlain#aaaaaaaa text:string = RichText;
//! textBold#bbbbbbbb text:RichText = RichText;
//! ```

use tl_runtime::{DecodeError, Deserialize, Limits, Reader, wire};

const PLAIN_ID: u32 = 0xaaaa_aaaa;
const BOLD_ID: u32 = 0xbbbb_bbbb;

/// Bytes of stack each `textBold` level reserves on top of its normal frame, to stand in
/// for large generated frames.
const FAT_FRAME: usize = 16 * 1024;

thread_local! {
    /// Highest and lowest ballast address seen on this thread.
    static STACK_SPAN: std::cell::Cell<(usize, usize)> =
        const { std::cell::Cell::new((0, usize::MAX)) };
}

fn record_stack(address: usize) {
    STACK_SPAN.with(|s| {
        let (high, low) = s.get();
        s.set((high.max(address), low.min(address)));
    });
}

#[derive(Debug, PartialEq)]
enum RichText {
    Plain(String),
    Bold(Box<RichText>),
}

/// `textBold`'s body, in its own function as generated code would have it.
fn bold_body(reader: &mut Reader<'_>) -> Result<RichText, DecodeError> {
    reader.nested(|r| {
        // Simulate a big frame: the array lives on this level's stack (passed by
        // reference so it is not copied).
        let mut ballast = [0u8; FAT_FRAME];
        std::hint::black_box(&mut ballast);
        record_stack(ballast.as_ptr() as usize);
        let inner = RichText::deserialize(r)?;
        std::hint::black_box(&mut ballast);
        Ok(RichText::Bold(Box::new(inner)))
    })
}

impl Deserialize for RichText {
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let offset = reader.position();
        match reader.read_u32()? {
            PLAIN_ID => reader.nested(|r| r.read_string().map(RichText::Plain)),
            BOLD_ID => bold_body(reader),
            id => Err(DecodeError::unknown_constructor(offset, id, "RichText")),
        }
    }
}

/// `bolds` textBold ids, then textPlain "x".
fn encode(bolds: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for _ in 0..bolds {
        wire::write_u32(BOLD_ID, &mut out);
    }
    wire::write_u32(PLAIN_ID, &mut out);
    wire::write_string("x", &mut out);
    out
}

fn expected(bolds: usize) -> RichText {
    (0..bolds).fold(RichText::Plain("x".to_owned()), |t, _| {
        RichText::Bold(Box::new(t))
    })
}

#[test]
fn depth_at_the_limit_decodes() {
    // 2 bolds + plain = 3 levels.
    let limits = Limits { max_depth: 3 };
    assert_eq!(
        RichText::from_bytes_with_limits(&encode(2), limits),
        Ok(expected(2))
    );
}

#[test]
fn one_level_past_the_limit_is_depth_exceeded() {
    // Bold bodies start at 4, 8, 12; the plain body (level 4) starts at 16.
    let limits = Limits { max_depth: 3 };
    assert_eq!(
        RichText::from_bytes_with_limits(&encode(3), limits),
        Err(DecodeError::DepthExceeded {
            offset: 16,
            limit: 3,
        })
    );
}

#[test]
fn default_limit_is_64_levels() {
    assert_eq!(Limits::default().max_depth, 64);
    assert_eq!(RichText::from_bytes(&encode(63)), Ok(expected(63)));
    // 64 bolds: level 65 is the plain body at (64 + 1) * 4 = 260.
    assert_eq!(
        RichText::from_bytes(&encode(64)),
        Err(DecodeError::DepthExceeded {
            offset: 260,
            limit: 64,
        })
    );
}

#[test]
fn max_depth_zero_rejects_any_constructor() {
    let mut reader = Reader::with_limits(&[], Limits { max_depth: 0 });
    assert_eq!(
        reader.enter(),
        Err(DecodeError::DepthExceeded {
            offset: 0,
            limit: 0,
        })
    );
    assert_eq!(reader.depth(), 0);
}

#[test]
fn enter_and_leave_count_levels() {
    let mut reader = Reader::with_limits(&[], Limits { max_depth: 2 });
    assert_eq!(reader.enter(), Ok(()));
    assert_eq!(reader.enter(), Ok(()));
    assert_eq!(reader.depth(), 2);
    assert_eq!(
        reader.enter(),
        Err(DecodeError::DepthExceeded {
            offset: 0,
            limit: 2,
        })
    );
    reader.leave();
    reader.leave();
    reader.leave();
    assert_eq!(reader.depth(), 0, "leave never underflows");
    assert_eq!(reader.nested(|r| Ok(r.depth())), Ok(1));
    assert_eq!(
        reader.nested(|r| r.read_u32()),
        Err(DecodeError::UnexpectedEof {
            offset: 0,
            needed: 4,
            remaining: 0,
        })
    );
    assert_eq!(reader.depth(), 0, "nested leaves even when the body fails");
}

#[test]
fn default_max_depth_fits_a_two_mib_stack_with_fat_frames() {
    // 64 levels at 16 KiB of ballast each is 1 MiB, plus real frames; the default
    // thread stack is 2 MiB.
    let bytes = encode(63);
    let result = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let decoded = RichText::from_bytes(&bytes);
            (decoded, STACK_SPAN.with(std::cell::Cell::get))
        })
        .map(|handle| handle.join());
    match result {
        Ok(Ok((decoded, (high, low)))) => {
            assert_eq!(decoded, Ok(expected(63)));
            // 63 bold levels recorded: the span covers 62 level-to-level steps.
            let per_level = (high - low) / 62;
            assert!(
                per_level >= FAT_FRAME && per_level * 64 < 2 * 1024 * 1024,
                "{per_level} bytes of stack per level"
            );
        }
        Ok(Err(_)) => panic!("decoding thread panicked"),
        Err(e) => panic!("could not spawn thread: {e}"),
    }
}
