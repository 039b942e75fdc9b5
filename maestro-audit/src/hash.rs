//! The SHA-256 digests that link entries and the hex form in which they are stored.

use std::fmt;
use std::str::FromStr;

use sha2::{Digest, Sha256};

/// A SHA-256 digest: an entry's `hash`, its `prev`, or a checkpoint's `hash`.
///
/// It is stored and displayed as 64 lowercase hexadecimal ASCII characters.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryHash(pub [u8; 32]);

impl EntryHash {
    /// The `prev` of the first entry: 32 zero bytes, written as 64 `0` characters.
    pub const ZERO: EntryHash = EntryHash([0; 32]);

    /// The 64 lowercase hex characters of this digest, as ASCII bytes.
    #[must_use]
    pub fn to_hex_bytes(&self) -> [u8; 64] {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = [0u8; 64];
        for (i, byte) in self.0.iter().enumerate() {
            out[2 * i] = DIGITS[usize::from(byte >> 4)];
            out[2 * i + 1] = DIGITS[usize::from(byte & 0x0f)];
        }
        out
    }

    /// The 64 lowercase hex characters of this digest.
    #[must_use]
    pub fn to_hex(&self) -> String {
        String::from_utf8(self.to_hex_bytes().to_vec()).expect("hex digits are ASCII")
    }

    /// Parses exactly 64 lowercase hex characters; anything else (uppercase included, since the
    /// stored form is canonical) is refused.
    #[must_use]
    pub fn from_hex_bytes(hex: &[u8]) -> Option<EntryHash> {
        let hex: &[u8; 64] = hex.try_into().ok()?;
        let mut out = [0u8; 32];
        let mut invalid = 0u8;
        for (byte, pair) in out.iter_mut().zip(hex.chunks_exact(2)) {
            let (hi, lo) = (NIBBLE[usize::from(pair[0])], NIBBLE[usize::from(pair[1])]);
            invalid |= (hi | lo) & 0x80;
            *byte = (hi << 4) | (lo & 0x0f);
        }
        (invalid == 0).then_some(EntryHash(out))
    }

    /// SHA-256 of the concatenation of `parts`.
    #[must_use]
    pub fn of_parts(parts: &[&[u8]]) -> EntryHash {
        let mut hasher = Sha256::new();
        for part in parts {
            hasher.update(part);
        }
        EntryHash(hasher.finalize().into())
    }
}

/// Value of each lowercase hex digit; 0x80 marks every other byte.
const NIBBLE: [u8; 256] = {
    let mut table = [0x80u8; 256];
    let mut digit = 0u8;
    while digit < 16 {
        let c = if digit < 10 {
            b'0' + digit
        } else {
            b'a' + digit - 10
        };
        table[c as usize] = digit;
        digit += 1;
    }
    table
};

impl fmt::Display for EntryHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for EntryHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EntryHash({})", self.to_hex())
    }
}

/// The error of parsing an [`EntryHash`] from text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("parse a SHA-256 digest: {0:?} is not 64 lowercase hex characters")]
pub struct ParseDigestError(pub String);

impl FromStr for EntryHash {
    type Err = ParseDigestError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EntryHash::from_hex_bytes(s.as_bytes()).ok_or_else(|| ParseDigestError(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip_and_case() {
        let d = EntryHash::of_parts(&[b"abc"]);
        assert_eq!(
            d.to_hex(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(d.to_hex().parse::<EntryHash>(), Ok(d));
        assert!(d.to_hex().to_uppercase().parse::<EntryHash>().is_err());
        assert!("00".parse::<EntryHash>().is_err());
        assert!(
            format!("{}g", &"0".repeat(63))
                .parse::<EntryHash>()
                .is_err()
        );
        assert_eq!(EntryHash::ZERO.to_hex(), "0".repeat(64));
    }
}
