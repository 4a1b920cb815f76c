//! Byte classes for the scanners: which ASCII bytes are white space and
//! which may appear in identifiers.
//!
//! The scanners see every byte of every name; a table lookup is the cheapest
//! test per byte. Non-ASCII bytes belong to no class, so everything the
//! scanners take is ASCII and ends on a character boundary.

/// Byte class: ASCII white space as [`char::is_whitespace`] sees it (unlike
/// [`u8::is_ascii_whitespace`], that includes the vertical tab).
const SPACE: u8 = 1;
/// Byte class: may start an identifier (`[A-Za-z_]`).
const IDENT_START: u8 = 2;
/// Byte class: may continue an identifier (`[A-Za-z0-9_]`).
const IDENT_CHAR: u8 = 4;

/// The class bits of every byte; non-ASCII bytes have none.
static CLASSES: [u8; 256] = classes();

const fn classes() -> [u8; 256] {
    let mut table = [0; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        let mut class = 0;
        if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) {
            class |= SPACE;
        }
        if b.is_ascii_alphabetic() || b == b'_' {
            class |= IDENT_START | IDENT_CHAR;
        }
        if b.is_ascii_digit() {
            class |= IDENT_CHAR;
        }
        table[i] = class;
        i += 1;
    }
    table
}

/// [`hex_digit`]'s answer for a byte that is not a hexadecimal digit but may
/// appear in an identifier.
pub(crate) const HEX_OTHER_IDENT: u8 = 16;

/// [`hex_digit`]'s answer for a byte that may not appear in an identifier.
pub(crate) const HEX_NOT_IDENT: u8 = 17;

/// The value of every byte as a hexadecimal digit, or one of the markers
/// above.
static HEX_DIGITS: [u8; 256] = hex_digits();

const fn hex_digits() -> [u8; 256] {
    let mut table = [HEX_NOT_IDENT; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            b'A'..=b'F' => b - b'A' + 10,
            _ if CLASSES[i] & IDENT_CHAR != 0 => HEX_OTHER_IDENT,
            _ => HEX_NOT_IDENT,
        };
        i += 1;
    }
    table
}

/// The value of `b` as a hexadecimal digit (0 to 15); otherwise
/// [`HEX_OTHER_IDENT`] if it may appear in an identifier, else
/// [`HEX_NOT_IDENT`].
pub(crate) fn hex_digit(b: u8) -> u8 {
    HEX_DIGITS[usize::from(b)]
}

/// Whether `b` is ASCII white space.
pub(crate) fn is_space(b: u8) -> bool {
    CLASSES[usize::from(b)] & SPACE != 0
}

/// Whether `b` may continue an identifier.
pub(crate) fn is_ident_char(b: u8) -> bool {
    CLASSES[usize::from(b)] & IDENT_CHAR != 0
}

/// Length of the identifier segment `[A-Za-z_][A-Za-z0-9_]*` at the start
/// of `bytes`; 0 when there is none.
pub(crate) fn ident_len(bytes: &[u8]) -> usize {
    match bytes.split_first() {
        Some((&first, rest)) if CLASSES[usize::from(first)] & IDENT_START != 0 => {
            1 + rest.iter().take_while(|&&b| is_ident_char(b)).count()
        }
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_agree_with_the_char_predicates() {
        for b in 0..=u8::MAX {
            let c = char::from(b);
            let ascii = b.is_ascii();
            assert_eq!(is_space(b), ascii && c.is_whitespace(), "{b:#04x}");
            let ident = ascii && (c.is_ascii_alphanumeric() || c == '_');
            assert_eq!(is_ident_char(b), ident, "{b:#04x}");
            let starts = ascii && (c.is_ascii_alphabetic() || c == '_');
            assert_eq!(ident_len(&[b]), usize::from(starts), "{b:#04x}");
        }
        for b in 0..=u8::MAX {
            let expected = match char::from(b).to_digit(16) {
                Some(d) if b.is_ascii() => d as u8,
                _ if is_ident_char(b) => HEX_OTHER_IDENT,
                _ => HEX_NOT_IDENT,
            };
            assert_eq!(hex_digit(b), expected, "{b:#04x}");
        }
        assert_eq!(ident_len(b"flags2.3?"), 6);
        assert_eq!(ident_len(b"9a"), 0);
    }
}
