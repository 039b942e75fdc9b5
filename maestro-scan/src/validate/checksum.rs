//! Validators that recompute the checksum a real value carries: GitHub and Grafana CRC32,
//! Bech32, `Base58Check` and BIP-39.

/// `glsa_<secret>_<8 hex>`: the hex of the little-endian bytes of the CRC32 of `glsa_<secret>`.
pub(super) fn grafana_crc32(token: &[u8]) -> bool {
    let Some(last) = token.iter().rposition(|&b| b == b'_') else {
        return false;
    };
    let (key, checksum) = (&token[..last], &token[last + 1..]);
    let expected = hex::encode(crc32fast::hash(key).to_le_bytes());
    checksum.eq_ignore_ascii_case(expected.as_bytes())
}

const BECH32_CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// A Bech32 (BIP-173) or Bech32m (BIP-350) string, either case, with a valid checksum.
pub(super) fn bech32(text: &[u8]) -> bool {
    let lower = text.to_ascii_lowercase();
    let Some(separator) = lower.iter().rposition(|&b| b == b'1') else {
        return false;
    };
    let (hrp, data) = (&lower[..separator], &lower[separator + 1..]);
    if hrp.is_empty() || data.len() < 6 {
        return false;
    }
    let mut values: Vec<u8> = hrp.iter().map(|b| b >> 5).collect();
    values.push(0);
    values.extend(hrp.iter().map(|b| b & 31));
    for &c in data {
        let Some(v) = BECH32_CHARSET.iter().position(|&x| x == c) else {
            return false;
        };
        values.push(u8::try_from(v).expect("the charset has 32 symbols"));
    }
    let mut check: u32 = 1;
    for v in values {
        let top = check >> 25;
        check = ((check & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, generator) in [
            0x3b6a_57b2,
            0x2650_8e6d,
            0x1ea1_19fa,
            0x3d42_33dd,
            0x2a14_62b3,
        ]
        .into_iter()
        .enumerate()
        {
            if (top >> i) & 1 == 1 {
                check ^= generator;
            }
        }
    }
    check == 1 || check == 0x2bc8_30a3
}

const BASE58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Base58 (Bitcoin alphabet) to bytes; leading `1`s are leading zero bytes.
pub(super) fn base58_decode(text: &[u8]) -> Option<Vec<u8>> {
    let mut bytes: Vec<u8> = Vec::with_capacity(text.len());
    for &c in text {
        let mut carry = u32::try_from(BASE58.iter().position(|&x| x == c)?).ok()?;
        for byte in bytes.iter_mut().rev() {
            carry += u32::from(*byte) * 58;
            *byte = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            bytes.insert(0, (carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let zeros = text.iter().take_while(|&&c| c == b'1').count();
    let mut out = vec![0u8; zeros];
    out.extend(bytes);
    Some(out)
}

/// A Base58 string whose double-SHA-256 checksum holds and whose payload is a private key: WIF
/// or an extended private key.
pub(super) fn base58check_private_key(text: &[u8]) -> bool {
    use sha2::{Digest, Sha256};
    let Some(raw) = base58_decode(text) else {
        return false;
    };
    if raw.len() < 5 {
        return false;
    }
    let (payload, checksum) = raw.split_at(raw.len() - 4);
    if Sha256::digest(Sha256::digest(payload))[..4] != *checksum {
        return false;
    }
    match payload.len() {
        33 => matches!(payload[0], 0x80 | 0xef),
        34 => matches!(payload[0], 0x80 | 0xef) && payload[33] == 1,
        78 => payload[45] == 0,
        _ => false,
    }
}

/// The BIP-39 English word list (2,048 words, sorted).
const BIP39_ENGLISH: &str = include_str!("../bip39-english.txt");

/// 12, 15, 18, 21 or 24 words of the English list whose last `words / 3` bits are the first
/// bits of the SHA-256 of the entropy. Mnemonics made mostly of one repeated word (the
/// specification's test vectors, `abandon ... about`) are examples, not wallets.
pub(super) fn bip39(text: &[u8]) -> bool {
    use sha2::{Digest, Sha256};
    static WORDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let list = WORDS.get_or_init(|| BIP39_ENGLISH.lines().collect());
    let Ok(text) = std::str::from_utf8(text) else {
        return false;
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    if !matches!(words.len(), 12 | 15 | 18 | 21 | 24) {
        return false;
    }
    let mut distinct = words.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() * 2 <= words.len() {
        return false;
    }
    let mut bits = Vec::with_capacity(words.len() * 11);
    for word in &words {
        let Ok(index) = list.binary_search(word) else {
            return false;
        };
        bits.extend((0..11).rev().map(|i| (index >> i) & 1 == 1));
    }
    let checksum_bits = words.len() / 3;
    let (entropy_bits, checksum) = bits.split_at(bits.len() - checksum_bits);
    let entropy: Vec<u8> = entropy_bits
        .chunks(8)
        .map(|byte| {
            byte.iter()
                .fold(0u8, |acc, &bit| (acc << 1) | u8::from(bit))
        })
        .collect();
    let hash = Sha256::digest(&entropy);
    checksum
        .iter()
        .enumerate()
        .all(|(i, &bit)| ((hash[i / 8] >> (7 - i % 8)) & 1 == 1) == bit)
}

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// `ghp_` + random part + 6-character base62 CRC32 of the random part.
pub(super) fn github_crc32(token: &[u8]) -> bool {
    let Some(underscore) = token.iter().position(|&b| b == b'_') else {
        return false;
    };
    let body = &token[underscore + 1..];
    if body.len() <= 6 {
        return false;
    }
    let (random, checksum) = body.split_at(body.len() - 6);
    let mut n = crc32fast::hash(random);
    let mut expected = [b'0'; 6];
    for slot in expected.iter_mut().rev() {
        *slot = BASE62[(n % 62) as usize];
        n /= 62;
    }
    checksum == expected
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_checksum() {
        // 30 random characters, then base62(crc32) of them.
        let random = b"Zq3kT9vLm2Xw8RbN5cYh1pQs7dFg4J";
        let mut n = crc32fast::hash(random);
        let mut sum = [b'0'; 6];
        for slot in sum.iter_mut().rev() {
            *slot = BASE62[(n % 62) as usize];
            n /= 62;
        }
        let token = [b"ghp_".as_slice(), random, &sum].concat();
        assert!(github_crc32(&token));
        let mut bad = token.clone();
        bad[10] = if bad[10] == b'a' { b'b' } else { b'a' };
        assert!(!github_crc32(&bad));
    }

    #[test]
    fn grafana_checksum_is_crc32_of_the_key_little_endian() {
        let key = "glsa_Zq3kT9vLm2Xw8RbN5cYh1pQs7dFg4J0a";
        let token = format!(
            "{key}_{}",
            hex::encode(crc32fast::hash(key.as_bytes()).to_le_bytes())
        );
        assert!(grafana_crc32(token.as_bytes()));
        let bad = format!(
            "{key}_{}",
            hex::encode(crc32fast::hash(key.as_bytes()).to_be_bytes())
        );
        assert!(!grafana_crc32(bad.as_bytes()));
    }

    #[test]
    fn bech32_test_vectors() {
        assert!(bech32(b"A12UEL5L"));
        assert!(bech32(b"abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"));
        assert!(!bech32(b"abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxx"));
        assert!(!bech32(b"no-separator"));
    }

    #[test]
    fn base58check_private_keys() {
        // The uncompressed WIF and the BIP-32 master key of the published examples.
        assert!(base58check_private_key(
            b"5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ"
        ));
        assert!(base58check_private_key(
            b"xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi"
        ));
        assert!(!base58check_private_key(
            b"5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTK"
        ));
        // A valid Base58Check address is not a private key.
        assert!(!base58check_private_key(
            b"1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"
        ));
        assert_eq!(base58_decode(b"11").map(|b| b.len()), Some(2));
    }

    #[test]
    fn bip39_checksums() {
        assert!(bip39(
            b"legal winner thank year wave sausage worth useful legal winner thank yellow"
        ));
        assert!(bip39(
            b"letter advice cage absurd amount doctor acoustic avoid letter advice cage above"
        ));
        // Wrong checksum word, a word outside the list, the wrong count.
        assert!(!bip39(
            b"legal winner thank year wave sausage worth useful legal winner thank year"
        ));
        assert!(!bip39(
            b"legal winner thank year wave sausage worth useful legal winner thank yellowx"
        ));
        assert!(!bip39(b"legal winner thank year wave sausage"));
        // The specification's all-zero vector is an example, not a wallet.
        let zero = format!("{}about", "abandon ".repeat(11));
        assert!(!bip39(zero.as_bytes()));
    }
}
