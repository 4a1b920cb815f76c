//! Hostile lengths and counts are rejected before anything is allocated, vector
//! pre-allocation is bounded by the remaining input, and writing grows the output
//! the way `wire::write_bytes` documents.
//!
//! A counting global allocator records allocations made by the current thread while a
//! check runs, so concurrent tests and the test harness do not disturb the numbers.

use tlgen_test_support::alloc::Counting;

use tl_runtime::{DecodeError, Deserialize, DeserializeBare, Reader, wire};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` and returns its result with (total bytes, largest request) allocated by it.
fn measure<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
    let (value, allocated) = tlgen_test_support::alloc::measure(f);
    (value, allocated.total, allocated.largest)
}

#[test]
fn vector_count_2_pow_31_with_8_bytes_of_input() {
    let input = [0x15, 0xc4, 0xb5, 0x1c, 0x00, 0x00, 0x00, 0x80];
    let (result, total, _) = measure(|| Vec::<i32>::from_bytes(&input));
    assert_eq!(
        result,
        Err(DecodeError::CountTooLarge {
            offset: 4,
            count: 0x8000_0000,
            min_item_size: 4,
            remaining: 0,
        })
    );
    assert_eq!(total, 0);
}

#[test]
fn bare_vector_count_u32_max_with_4_bytes_of_items() {
    let input = [0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00];
    let (result, total, _) = measure(|| Vec::<Vec<i64>>::from_bare_bytes(&input));
    assert_eq!(
        result,
        Err(DecodeError::CountTooLarge {
            offset: 0,
            count: u32::MAX,
            min_item_size: 4,
            remaining: 4,
        })
    );
    assert_eq!(total, 0);
}

#[test]
fn count_that_fits_only_at_a_smaller_item_size_is_rejected() {
    // 2 longs declared, 12 bytes present: fine at 4 bytes per item, not at 8.
    let mut input = vec![0x02, 0x00, 0x00, 0x00];
    input.extend_from_slice(&[0; 12]);
    let (result, total, _) = measure(|| {
        wire::read_bare_vector_min(&mut Reader::new(&input), wire::LONG_LEN, wire::read_long)
    });
    assert_eq!(
        result,
        Err(DecodeError::CountTooLarge {
            offset: 0,
            count: 2,
            min_item_size: 8,
            remaining: 12,
        })
    );
    assert_eq!(total, 0);
}

#[test]
fn zero_min_item_size_still_bounds_the_count_by_the_input() {
    let input = [0x00, 0x00, 0x00, 0x80];
    let (result, total, _) =
        measure(|| wire::read_bare_vector_min(&mut Reader::new(&input), 0, |_| Ok(())));
    assert_eq!(
        result,
        Err(DecodeError::CountTooLarge {
            offset: 0,
            count: 0x8000_0000,
            min_item_size: 0,
            remaining: 0,
        })
    );
    assert_eq!(total, 0);
}

#[test]
fn bytes_length_16_mib_with_4_bytes_of_input() {
    let input = [0xfe, 0xff, 0xff, 0xff];
    let (result, total, _) = measure(|| wire::read_bytes(&mut Reader::new(&input)));
    assert_eq!(
        result,
        Err(DecodeError::LengthTooLarge {
            offset: 0,
            declared: 0xff_ffff,
            remaining: 0,
        })
    );
    assert_eq!(total, 0);
}

#[test]
fn huge_inner_count_inside_a_valid_outer_vector() {
    let input = [
        0x15, 0xc4, 0xb5, 0x1c, 0x01, 0x00, 0x00, 0x00, // Vector, 1 item
        0x15, 0xc4, 0xb5, 0x1c, 0xff, 0xff, 0xff, 0x7f, // Vector, 2^31 - 1 items
    ];
    let (result, _, largest) = measure(|| Vec::<Vec<i32>>::from_bytes(&input));
    assert_eq!(
        result,
        Err(DecodeError::CountTooLarge {
            offset: 12,
            count: 0x7fff_ffff,
            min_item_size: 4,
            remaining: 0,
        })
    );
    // Only the outer vector's room for one `Vec<i32>` (24 bytes on 64-bit targets).
    assert!(
        largest <= std::mem::size_of::<Vec<i32>>(),
        "largest = {largest}"
    );
}

#[test]
fn preallocation_never_exceeds_the_remaining_input() {
    // 100 int256 items declared with 400 bytes after the count: passes the 4-byte lower
    // bound, but only 12 items fit. Reserving 100 * 32 = 3200 bytes up front would be
    // more memory than the input; the reader reserves at most 400 / 32 + 1 = 13 items.
    let mut input = vec![100, 0, 0, 0];
    input.extend_from_slice(&[0; 400]);
    let (result, _, largest) = measure(|| Vec::<[u8; 32]>::from_bare_bytes(&input));
    assert_eq!(
        result,
        Err(DecodeError::UnexpectedEof {
            offset: 4 + 12 * 32,
            needed: 32,
            remaining: 16,
        })
    );
    assert_eq!(largest, 13 * 32);
}

#[test]
fn exact_vectors_allocate_exactly_once() {
    let mut input = vec![0x15, 0xc4, 0xb5, 0x1c, 3, 0, 0, 0];
    input.extend_from_slice(&[0; 24]);
    let (result, total, largest) = measure(|| Vec::<i64>::from_bytes(&input));
    assert_eq!(result, Ok(vec![0, 0, 0]));
    assert_eq!((total, largest), (24, 24));
}

/// Reallocations (growths of an existing buffer) made by `f`.
fn reallocations<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let (value, allocated) = tlgen_test_support::alloc::measure(f);
    (value, allocated.reallocs)
}

/// Growing for a large `bytes` leaves room for as much again (up to 64 KiB), so
/// the writes that follow it in the same value do not copy it all once more.
#[test]
fn a_large_bytes_leaves_room_for_what_follows() {
    let big = vec![7u8; 60_000];
    let small = vec![8u8; 5_000];
    let (out, reallocs) = reallocations(|| {
        let mut out = Vec::with_capacity(1024);
        wire::write_long(1, &mut out);
        wire::write_bytes(&big, &mut out);
        for _ in 0..10 {
            wire::write_bytes(&small, &mut out);
        }
        out
    });
    assert_eq!(out.len(), 8 + 60_004 + 10 * 5_004);
    assert_eq!(reallocs, 1);
}

/// The room left after a `bytes` of 1 MiB is 64 KiB, not another megabyte.
#[test]
fn spare_room_after_a_huge_bytes_is_bounded() {
    let part = vec![1u8; 1 << 20];
    let mut out = Vec::with_capacity(1024);
    wire::write_bytes(&part, &mut out);
    assert_eq!(out.len(), 4 + (1 << 20));
    assert!(
        out.capacity() <= out.len() + 3 + 64 * 1024,
        "{}",
        out.capacity()
    );
}
