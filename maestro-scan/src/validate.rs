//! Checks run on a candidate secret after its pattern matched: entropy, placeholders, validators.

use base64::Engine as _;

use crate::rule::Validator;

/// Shannon entropy of `bytes`, in bits per byte.
#[must_use]
pub fn entropy(bytes: &[u8]) -> f64 {
    if bytes.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in bytes {
        counts[usize::from(b)] += 1;
    }
    #[allow(clippy::cast_precision_loss)] // lengths of secrets are far below 2^52
    let len = bytes.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / len;
            -p * p.log2()
        })
        .sum()
}

/// Markers of a placeholder or template rather than a real value, for every secret rule.
const PLACEHOLDERS: &[&str] = &[
    "xxxx",
    "****",
    "....",
    "example",
    "placeholder",
    "your_",
    "your-",
    "yourkey",
    "your key",
    "<",
    ">",
    "${",
    "{{",
    "%(",
    "changeme",
    "change_me",
    "redacted",
    "dummy",
    "insert_",
    "replace_me",
    "replaceme",
    "todo",
    // Published documentation samples (Stripe's test key from its API reference).
    "4ec39hqlyjwdarjtt1zdp7dc",
];

/// Secrets longer than this (key blocks, long tokens) are checked against
/// [`LONG_PLACEHOLDERS`] only.
const LONG_SECRET: usize = 100;

/// Placeholder markers that cannot occur by chance in a long random secret.
const LONG_PLACEHOLDERS: &[&str] = &[
    "xxxxxxxxxxxxxxxx",
    "<",
    ">",
    "${",
    "{{",
    "....",
    "****",
    "example",
    "placeholder",
    "changeme",
    "redacted",
];

/// Extra markers for generic assignments (`password = "..."`): environment lookups, references
/// and obvious test values.
const GENERIC_STOPWORDS: &[&str] = &[
    "test",
    "fake",
    "sample",
    "mock",
    "demo",
    "secret",
    "password",
    "passwd",
    "token",
    "default",
    "environ",
    "getenv",
    "process.env",
    "env.",
    "env(",
    "config.",
    "settings.",
    "self.",
    "this.",
    "args.",
    "params.",
    "request.",
    "options.",
    "opts.",
    "ctx.",
    "foo",
    "bar",
    "baz",
    "qwerty",
    "abcdef",
    "123456",
    "hunter2",
    "letmein",
    "admin",
    "null",
    "none",
    "true",
    "false",
    "undefined",
    "http://",
    "https://",
    "file://",
    "/usr/",
    "/etc/",
    "/home/",
    "/tmp/",
    "/var/",
    "c:\\",
];

/// Whether a candidate secret looks like a placeholder, template or (for generic rules) a test
/// value, an identifier or an expression rather than a literal secret.
#[must_use]
pub fn is_placeholder(secret: &[u8], generic: bool) -> bool {
    if let Some(userinfo) = uri_userinfo(secret) {
        return credentials_placeholder(userinfo);
    }
    let lower = secret.to_ascii_lowercase();
    let contains = |needle: &str| memchr::memmem::find(&lower, needle.as_bytes()).is_some();
    if secret.len() > LONG_SECRET && !generic {
        // A key block of thousands of random characters contains short words like `todo` by
        // chance; only template markers, long words and long runs of `x` mark it as a
        // placeholder.
        return LONG_PLACEHOLDERS.iter().any(|p| contains(p));
    }
    if PLACEHOLDERS.iter().any(|p| contains(p)) {
        return true;
    }
    // One character repeated over most of the value (`aaaaaaaa`, `00000000`).
    if let Some(&first) = secret.first() {
        let same = memchr::memchr_iter(first, secret).count();
        if secret.len() >= 8 && same * 2 > secret.len() {
            return true;
        }
    }
    if !generic {
        return false;
    }
    if GENERIC_STOPWORDS.iter().any(|p| contains(p)) {
        return true;
    }
    looks_like_code(secret)
}

/// Passwords of connection URIs that are defaults or stand-ins, not secrets (compared whole,
/// case-insensitively).
const DEFAULT_PASSWORDS: &[&str] = &[
    "postgres",
    "mysql",
    "rabbitmq",
    "123456",
    "1234567",
    "12345678",
    "123456789",
    "qwerty",
    "letmein",
    "welcome",
    "admin123",
    "root123",
];

/// Markers that make a URI password a stand-in wherever they occur in it.
const PASSWORD_STAND_INS: &[&str] = &["password", "passwd", "secret", "changeme", "sample"];

/// The `user:password` part of a URI (`scheme://user:password@host/...`), if it has one.
fn uri_userinfo(secret: &[u8]) -> Option<&[u8]> {
    let scheme_end = memchr::memmem::find(secret, b"://")?;
    let scheme = &secret[..scheme_end];
    if scheme.is_empty()
        || !scheme[0].is_ascii_alphabetic()
        || !scheme
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'))
    {
        return None;
    }
    let rest = &secret[scheme_end + 3..];
    let authority = &rest[..rest
        .iter()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len())];
    let at = authority.iter().rposition(|&b| b == b'@')?;
    Some(&authority[..at])
}

/// Whether the credentials of a URI are a template or a stand-in. Only they are judged: a real
/// password to a host named `db.example.com` is still a leaked password.
fn credentials_placeholder(userinfo: &[u8]) -> bool {
    let lower = userinfo.to_ascii_lowercase();
    let contains =
        |text: &[u8], needle: &str| memchr::memmem::find(text, needle.as_bytes()).is_some();
    let password = lower
        .iter()
        .position(|&b| b == b':')
        .map_or(&lower[..], |colon| &lower[colon + 1..]);
    PLACEHOLDERS
        .iter()
        .filter(|p| **p != "example")
        .any(|p| contains(&lower, p))
        || contains(password, "example")
        || PASSWORD_STAND_INS.iter().any(|p| contains(password, p))
        || DEFAULT_PASSWORDS.iter().any(|p| password == p.as_bytes())
        || password
            .first()
            .is_some_and(|&first| password.len() >= 6 && password.iter().all(|&b| b == first))
}

/// A generic value that is an identifier, a dotted path, a file name or a sentence fragment
/// rather than a secret: no digit, or a dotted identifier chain.
fn looks_like_code(value: &[u8]) -> bool {
    let has_digit = value.iter().any(u8::is_ascii_digit);
    let has_letter = value.iter().any(u8::is_ascii_alphabetic);
    if !has_digit || !has_letter {
        return true;
    }
    // `a.b.c` identifier chains, `some_function_name2`, CONSTANT_NAMES.
    let identifier = |part: &[u8]| {
        !part.is_empty()
            && !part[0].is_ascii_digit()
            && part.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_')
    };
    if value.split(|&b| b == b'.').all(identifier)
        && (value.contains(&b'.') || value.contains(&b'_'))
    {
        let digits = value.iter().filter(|b| b.is_ascii_digit()).count();
        return digits * 4 < value.len();
    }
    false
}

/// Run a structural validator on a secret.
#[must_use]
pub fn validate(validator: Validator, secret: &[u8]) -> bool {
    match validator {
        Validator::GithubCrc32 => github_crc32(secret),
        Validator::Jwt => jwt(secret),
        Validator::Pem => pem(secret),
        Validator::BasicAuth => basic_auth(secret),
        Validator::GrafanaCrc32 => grafana_crc32(secret),
        Validator::PypiMacaroon => secret
            .strip_prefix(b"pypi-")
            .and_then(decode_base64)
            .is_some_and(|m| macaroon_v2(&m)),
        Validator::MacaroonHex => hex::decode(secret).is_ok_and(|m| macaroon_v2(&m)),
        Validator::EmbeddedJson => embedded_json(secret),
        Validator::Bech32 => bech32(secret),
        Validator::Base58Check => base58check_private_key(secret),
        Validator::Base58Key64 => base58_decode(secret).is_some_and(|k| k.len() == 64),
        Validator::Bip39 => bip39(secret),
        Validator::DerPrivateKey => decode_base64(secret).is_some_and(|der| der_private_key(&der)),
        Validator::PemBase64 => pem_base64(secret),
        Validator::OpensshEncrypted => openssh_encrypted(secret),
    }
}

/// Standard or URL-safe base64, padded or not (the padding is ignored).
fn decode_base64(text: &[u8]) -> Option<Vec<u8>> {
    let trimmed: Vec<u8> = text
        .iter()
        .take_while(|&&b| b != b'=')
        .map(|&b| match b {
            b'-' => b'+',
            b'_' => b'/',
            b => b,
        })
        .collect();
    base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(trimmed)
        .ok()
}

/// `glsa_<secret>_<8 hex>`: the hex of the little-endian bytes of the CRC32 of `glsa_<secret>`.
fn grafana_crc32(token: &[u8]) -> bool {
    let Some(last) = token.iter().rposition(|&b| b == b'_') else {
        return false;
    };
    let (key, checksum) = (&token[..last], &token[last + 1..]);
    let expected = hex::encode(crc32fast::hash(key).to_le_bytes());
    checksum.eq_ignore_ascii_case(expected.as_bytes())
}

/// A version-2 binary macaroon: version byte 2, a header section (optional location, an
/// identifier), caveat sections (each with an identifier) ended by an empty section, then a
/// 32-byte signature field, and nothing after it. Field types rise within a section.
fn macaroon_v2(bytes: &[u8]) -> bool {
    fn varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *bytes.get(*at)?;
            *at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }
    /// The field types of one section, after its end-of-section marker.
    fn section(bytes: &[u8], at: &mut usize) -> Option<Vec<u64>> {
        let mut types = Vec::new();
        loop {
            let kind = varint(bytes, at)?;
            if kind == 0 {
                return Some(types);
            }
            if !matches!(kind, 1 | 2 | 4) || types.last().is_some_and(|&t| t >= kind) {
                return None;
            }
            let len = usize::try_from(varint(bytes, at)?).ok()?;
            *at = at.checked_add(len).filter(|&end| end <= bytes.len())?;
            types.push(kind);
        }
    }
    if bytes.first() != Some(&2) {
        return false;
    }
    let mut at = 1;
    if !section(bytes, &mut at).is_some_and(|t| t.contains(&2)) {
        return false;
    }
    loop {
        match bytes.get(at) {
            None => return false,
            Some(0) => {
                at += 1;
                break;
            }
            Some(_) => {
                if !section(bytes, &mut at).is_some_and(|t| t.contains(&2)) {
                    return false;
                }
            }
        }
    }
    bytes.get(at..at + 2) == Some(&[6, 32]) && bytes.len() == at + 2 + 32
}

/// From the first `eyJ` (base64 of `{"`), a base64 run that decodes to a JSON object; the run
/// may end at any `_` (a separator in Sentry tokens) or at the end of the value.
fn embedded_json(token: &[u8]) -> bool {
    let Some(start) = memchr::memmem::find(token, b"eyJ") else {
        return false;
    };
    let run = &token[start..];
    let ends = run
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'_')
        .map(|(i, _)| i)
        .chain(std::iter::once(run.len()));
    for end in ends {
        if let Some(json) = decode_base64(&run[..end])
            && serde_json::from_slice::<serde_json::Value>(&json).is_ok_and(|v| v.is_object())
        {
            return true;
        }
    }
    false
}

const BECH32_CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// A Bech32 (BIP-173) or Bech32m (BIP-350) string, either case, with a valid checksum.
fn bech32(text: &[u8]) -> bool {
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
fn base58_decode(text: &[u8]) -> Option<Vec<u8>> {
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
fn base58check_private_key(text: &[u8]) -> bool {
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
const BIP39_ENGLISH: &str = include_str!("bip39-english.txt");

/// 12, 15, 18, 21 or 24 words of the English list whose last `words / 3` bits are the first
/// bits of the SHA-256 of the entropy. Mnemonics made mostly of one repeated word (the
/// specification's test vectors, `abandon ... about`) are examples, not wallets.
fn bip39(text: &[u8]) -> bool {
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

/// A DER `SEQUENCE` spanning all of `der` whose first element is a small version `INTEGER`.
fn der_private_key(der: &[u8]) -> bool {
    if der.first() != Some(&0x30) || der.len() < 4 {
        return false;
    }
    let (len, header) = match der[1] {
        n @ 0..=0x7f => (usize::from(n), 2),
        0x81 => (usize::from(der[2]), 3),
        0x82 if der.len() > 4 => ((usize::from(der[2]) << 8) | usize::from(der[3]), 4),
        _ => return false,
    };
    header + len == der.len()
        && der
            .get(header..header + 3)
            .is_some_and(|version| version[0] == 0x02 && version[1] == 0x01 && version[2] <= 1)
}

/// Base64 whose decoding is a PEM private-key block.
fn pem_base64(text: &[u8]) -> bool {
    decode_base64(text).is_some_and(|block| {
        block.starts_with(b"-----BEGIN ")
            && memchr::memmem::find(&block, b"PRIVATE KEY-----").is_some()
            && pem(&block)
    })
}

/// An OpenSSH private key block whose cipher is not `none`.
fn openssh_encrypted(block: &[u8]) -> bool {
    let Some((_, body)) = pem_parts(block) else {
        return false;
    };
    let Some(key) = decode_base64(body.as_bytes()) else {
        return false;
    };
    let Some(rest) = key.strip_prefix(b"openssh-key-v1\0".as_slice()) else {
        return false;
    };
    let Some(len) = rest
        .get(..4)
        .map(|n| u32::from_be_bytes([n[0], n[1], n[2], n[3]]) as usize)
    else {
        return false;
    };
    rest.get(4..4 + len)
        .is_some_and(|cipher| !cipher.is_empty() && cipher != b"none")
}

/// Base64 of printable `user:password` with a password of at least 6 characters that is not a
/// placeholder.
fn basic_auth(encoded: &[u8]) -> bool {
    let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(encoded) else {
        return false;
    };
    if !decoded.iter().all(|b| b.is_ascii_graphic() || *b == b' ') {
        return false;
    }
    let Some(colon) = decoded.iter().position(|&b| b == b':') else {
        return false;
    };
    let (user, password) = (&decoded[..colon], &decoded[colon + 1..]);
    !user.is_empty() && password.len() >= 6 && !is_placeholder(password, false)
}

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// `ghp_` + random part + 6-character base62 CRC32 of the random part.
fn github_crc32(token: &[u8]) -> bool {
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

/// `header.payload.signature`, the header being base64url JSON with an `"alg"` string.
fn jwt(token: &[u8]) -> bool {
    let mut parts = token.split(|&b| b == b'.');
    let (Some(header), Some(payload), Some(_signature)) =
        (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let Ok(header) = engine.decode(header) else {
        return false;
    };
    let Ok(header) = serde_json::from_slice::<serde_json::Value>(&header) else {
        return false;
    };
    header.get("alg").is_some_and(serde_json::Value::is_string) && engine.decode(payload).is_ok()
}

/// `-----BEGIN X-----` ... `-----END X-----` with matching labels and a base64 body (headers such
/// as `Proc-Type:` and a PGP `=CRC` line allowed; escaped `\n` from JSON or code accepted).
fn pem(block: &[u8]) -> bool {
    pem_parts(block).is_some_and(|(_, body)| {
        body.len() >= 64
            && base64::engine::general_purpose::STANDARD
                .decode(body.as_bytes())
                .is_ok()
    })
}

/// The label and the base64 body (headers and line breaks removed) of a PEM block whose BEGIN
/// and END labels match.
fn pem_parts(block: &[u8]) -> Option<(String, String)> {
    let text = String::from_utf8_lossy(block)
        .replace("\\n", "\n")
        .replace("\\r", "");
    let mut lines = text
        .lines()
        .map(|l| l.trim().trim_matches(|c| c == '"' || c == '\''));
    let begin = lines.next().and_then(|l| {
        l.strip_prefix("-----BEGIN ")
            .and_then(|l| l.strip_suffix("-----"))
    })?;
    let mut body = String::new();
    for line in lines {
        if let Some(end) = line
            .strip_prefix("-----END ")
            .and_then(|l| l.strip_suffix("-----"))
        {
            return (end == begin).then(|| (begin.to_owned(), body));
        }
        if line.contains(": ") || line.is_empty() || (line.starts_with('=') && line.len() == 5) {
            continue;
        }
        body.push_str(line.trim_end_matches(['\\', '"', '\'', ',']).trim());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_of_known_strings() {
        assert!(entropy(b"aaaaaaaa").abs() < 1e-9);
        assert!((entropy(b"abcd") - 2.0).abs() < 1e-9);
        assert!(entropy(b"Zq3kT9vLm2Xw8RbN5cYh") > 4.0);
    }

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
    fn jwt_header_must_be_json_with_alg() {
        let good = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
        assert!(jwt(good));
        let no_alg = b"eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
        assert!(!jwt(no_alg));
        assert!(!jwt(b"eyJub3QganNvbg.eyJzdWIiOiIxIn0.c2ln"));
    }

    #[test]
    fn basic_auth_decodes_to_user_and_password() {
        assert!(basic_auth(b"ZGVwbG95Ojc0bWZRMGlHc043WHVUbU82THVLZVF1VA=="));
        assert!(!basic_auth(b"PHVzZXI+OjxwYXNzd29yZD4=")); // <user>:<password>
        assert!(!basic_auth(b"bm8tY29sb24taGVyZQ==")); // no-colon-here
        assert!(!basic_auth(b"!!!!"));
    }

    #[test]
    fn pem_structure() {
        let body =
            "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODk=";
        let good =
            format!("-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----");
        assert!(pem(good.as_bytes()));
        let escaped = good.replace('\n', "\\n");
        assert!(pem(escaped.as_bytes()));
        let mismatched = good.replace("END RSA", "END EC");
        assert!(!pem(mismatched.as_bytes()));
        let not_base64 = good.replace("QUJD", "!!!!");
        assert!(!pem(not_base64.as_bytes()));
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

    fn macaroon(signature_len: u8) -> Vec<u8> {
        let mut m = vec![2, 1, 8];
        m.extend(b"pypi.org");
        m.extend([2, 4]);
        m.extend(b"abcd");
        m.extend([0, 2, 3]);
        m.extend(b"cav");
        m.extend([0, 0, 6, signature_len]);
        m.extend(std::iter::repeat_n(7u8, usize::from(signature_len)));
        m
    }

    #[test]
    fn macaroons_parse_to_their_signature() {
        let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let good = format!("pypi-{}", engine.encode(macaroon(32)));
        assert!(validate(Validator::PypiMacaroon, good.as_bytes()));
        let short_signature = format!("pypi-{}", engine.encode(macaroon(31)));
        assert!(!validate(
            Validator::PypiMacaroon,
            short_signature.as_bytes()
        ));
        assert!(!validate(
            Validator::PypiMacaroon,
            &good.as_bytes()[..good.len() - 4]
        ));
        assert!(validate(
            Validator::MacaroonHex,
            hex::encode(macaroon(32)).as_bytes()
        ));
        assert!(!validate(Validator::MacaroonHex, b"0201036c6e64"));
    }

    #[test]
    fn embedded_json_objects() {
        let engine = base64::engine::general_purpose::STANDARD;
        let token = format!("glc_{}", engine.encode(br#"{"o":"1","n":"x","k":"y"}"#));
        assert!(embedded_json(token.as_bytes()));
        let sentry = format!(
            "sntrys_{}_c2VjcmV0c2VjcmV0c2VjcmV0",
            engine
                .encode(br#"{"iat":1,"org":"a"}"#)
                .trim_end_matches('=')
        );
        assert!(embedded_json(sentry.as_bytes()));
        assert!(!embedded_json(b"glc_eyJub3QganNvbg"));
        assert!(!embedded_json(b"glc_QUJDREVGR0hJSktMTU5PUA"));
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

    #[test]
    fn der_private_keys_span_their_value() {
        let mut key = vec![
            0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
        ];
        key.extend([0x04, 0x22, 0x04, 0x20]);
        key.extend([9u8; 32]);
        assert!(der_private_key(&key));
        assert!(!der_private_key(&key[..key.len() - 1]));
        let engine = base64::engine::general_purpose::STANDARD;
        assert!(validate(
            Validator::DerPrivateKey,
            engine.encode(&key).as_bytes()
        ));
        let pem = format!(
            "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
            engine.encode([key.clone(), key.clone()].concat())
        );
        assert!(pem_base64(engine.encode(&pem).as_bytes()));
        let certificate = pem.replace("PRIVATE KEY", "CERTIFICATE");
        assert!(!pem_base64(engine.encode(certificate).as_bytes()));
    }

    #[test]
    fn openssh_cipher() {
        let engine = base64::engine::general_purpose::STANDARD;
        let key = |cipher: &[u8]| {
            let mut raw = b"openssh-key-v1\0".to_vec();
            raw.extend(u32::try_from(cipher.len()).expect("short").to_be_bytes());
            raw.extend(cipher);
            raw.extend([5u8; 64]);
            format!(
                "-----BEGIN OPENSSH PRIVATE KEY-----\n{}\n-----END OPENSSH PRIVATE KEY-----",
                engine.encode(raw)
            )
        };
        assert!(openssh_encrypted(key(b"aes256-ctr").as_bytes()));
        assert!(!openssh_encrypted(key(b"none").as_bytes()));
    }

    #[test]
    fn uri_credentials_are_judged_alone() {
        assert!(!is_placeholder(
            b"postgres://app:Xk39fLq0pZ7w@db.example.com:5432/app",
            false
        ));
        assert!(is_placeholder(
            b"postgresql://user:password@localhost/db",
            false
        ));
        assert!(is_placeholder(
            b"postgres://app:changeme1@db.internal/app",
            false
        ));
        assert!(is_placeholder(
            b"postgres://<user>:Xk39fLq0pZ7w@db/app",
            false
        ));
        assert!(is_placeholder(b"mysql://root:example-pw@db/app", false));
        assert!(is_placeholder(b"amqp://guest:postgres@mq/", false));
    }

    #[test]
    fn placeholders_and_generic_values() {
        assert!(is_placeholder(b"xxxxxxxxxxxxxxxx", false));
        assert!(is_placeholder(b"<your-api-key>", false));
        assert!(is_placeholder(b"${API_KEY}", false));
        assert!(!is_placeholder(b"Zq3kT9vLm2Xw8RbN5cYh", false));
        assert!(is_placeholder(b"self.api_key", true));
        assert!(is_placeholder(b"get_secret_value", true));
        assert!(is_placeholder(b"test1234test5678", true));
        assert!(!is_placeholder(b"Zq3kT9vLm2Xw8RbN5cYh", true));
        // Long random blocks may contain short words by chance.
        let long = format!("{}todo{}", "Zq3kT9vLm2Xw8RbN".repeat(5), "5cYh".repeat(5));
        assert!(!is_placeholder(long.as_bytes(), false));
        let long_x = format!("MIIE{}", "x".repeat(200));
        assert!(is_placeholder(long_x.as_bytes(), false));
    }
}
