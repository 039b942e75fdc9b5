//! Validators that parse the structure a real value has: macaroons, embedded JSON, DER and PEM
//! private keys, OpenSSH cipher headers, HTTP basic credentials and JWTs.

use base64::Engine as _;

use super::{decode_base64, is_placeholder};

/// A version-2 binary macaroon: version byte 2, a header section (optional location, an
/// identifier), caveat sections (each with an identifier) ended by an empty section, then a
/// 32-byte signature field, and nothing after it. Field types rise within a section.
pub(super) fn macaroon_v2(bytes: &[u8]) -> bool {
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
pub(super) fn embedded_json(token: &[u8]) -> bool {
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

/// A DER `SEQUENCE` spanning all of `der` whose first element is a small version `INTEGER`.
pub(super) fn der_private_key(der: &[u8]) -> bool {
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
pub(super) fn pem_base64(text: &[u8]) -> bool {
    decode_base64(text).is_some_and(|block| {
        block.starts_with(b"-----BEGIN ")
            && memchr::memmem::find(&block, b"PRIVATE KEY-----").is_some()
            && pem(&block)
    })
}

/// An OpenSSH private key block whose cipher is not `none`.
pub(super) fn openssh_encrypted(block: &[u8]) -> bool {
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
pub(super) fn basic_auth(encoded: &[u8]) -> bool {
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

/// `header.payload.signature`, the header being base64url JSON with an `"alg"` string, the
/// payload not a sample's (`{"k": "value"}`, jwt.io's `John Doe`: see `samples`).
pub(super) fn jwt(token: &[u8]) -> bool {
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
    header.get("alg").is_some_and(serde_json::Value::is_string)
        && engine
            .decode(payload)
            .is_ok_and(|payload| !super::samples::sample_jwt_payload(&payload))
}

/// `-----BEGIN X-----` ... `-----END X-----` with matching labels and a base64 body (headers such
/// as `Proc-Type:` and a PGP `=CRC` line allowed; escaped `\n` from JSON or code accepted).
pub(super) fn pem(block: &[u8]) -> bool {
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
    use crate::rule::Validator;
    use crate::validate::validate;

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
}
