//! Values that are samples, public by design or not secret at all, judged by what they are:
//! a date, a hand-typed alphabet run, a signature, a ciphertext, a JWT whose claims are stand-in
//! words; and, from the text around a match, the key id of an expired signed URL and a
//! generic value whose credential id is a documentation id (`…EXAMPLE`).

use super::decode_base64;

/// Whether a generic value (`password = …`, `token: …`) is not a secret by its content: a date
/// or time stamp (`"PasswordLastUsed": "2016-09-08T21:47:36Z"`), a hand-typed sample made of
/// alphabet runs (`ACEGmnoq#1rstu2…`, `copyproduct-abc5defgjkdji`), or base64 of a DER
/// signature or of encrypted content (`SharedSecret` samples that are ECDSA signatures, KMS
/// ciphertext blobs and grant tokens).
pub(super) fn generic_value(value: &[u8]) -> bool {
    timestamp(value) || alphabet_runs(value) || public_der(value)
}

/// An ISO 8601 date, optionally with a time and an offset: `2016-09-08`,
/// `2016-09-08T21:47:36Z`, `2019-04-18 20:45:36.123+00:00`.
fn timestamp(value: &[u8]) -> bool {
    fn digits(text: &[u8], at: &mut usize, n: usize) -> bool {
        let ok = text
            .get(*at..*at + n)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit));
        *at += n;
        ok
    }
    fn byte(text: &[u8], at: &mut usize, b: u8) -> bool {
        let ok = text.get(*at) == Some(&b);
        *at += 1;
        ok
    }
    let mut at = 0;
    if !(digits(value, &mut at, 4)
        && byte(value, &mut at, b'-')
        && digits(value, &mut at, 2)
        && byte(value, &mut at, b'-')
        && digits(value, &mut at, 2))
    {
        return false;
    }
    if at == value.len() {
        return true;
    }
    if !matches!(value[at], b'T' | b't' | b' ') {
        return false;
    }
    at += 1;
    if !(digits(value, &mut at, 2) && byte(value, &mut at, b':') && digits(value, &mut at, 2)) {
        return false;
    }
    if value.get(at) == Some(&b':') {
        at += 1;
        if !digits(value, &mut at, 2) {
            return false;
        }
        if value.get(at) == Some(&b'.') {
            at += 1;
            let fraction = value[at..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if fraction == 0 {
                return false;
            }
            at += fraction;
        }
    }
    match &value[at..] {
        [] | [b'Z' | b'z'] => true,
        [b'+' | b'-', rest @ ..] => {
            let rest: Vec<u8> = rest.iter().copied().filter(|&b| b != b':').collect();
            matches!(rest.len(), 2 | 4) && rest.iter().all(u8::is_ascii_digit)
        }
        _ => false,
    }
}

/// A value typed by hand from the alphabet: at least two runs of three or more letters or
/// digits stepping by one or two (`abc`, `defg`, `ACEG`, `rstu`, `123`), together at least a
/// quarter of the value. Random text of any length almost never has two such runs close
/// enough to fill a quarter of it (a run of three starts at a position with odds of about
/// 1 in 1,000).
fn alphabet_runs(value: &[u8]) -> bool {
    let class = |b: u8| {
        if b.is_ascii_lowercase() {
            1
        } else if b.is_ascii_uppercase() {
            2
        } else if b.is_ascii_digit() {
            3
        } else {
            0
        }
    };
    let mut runs = 0;
    let mut covered = 0;
    let mut i = 0;
    while i + 2 < value.len() {
        let (a, b) = (value[i], value[i + 1]);
        let step = b.wrapping_sub(a);
        if class(a) == 0 || class(a) != class(b) || !matches!(step, 1 | 2) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j + 1 < value.len()
            && class(value[j + 1]) == class(a)
            && value[j + 1].wrapping_sub(value[j]) == step
        {
            j += 1;
        }
        let len = j - i + 1;
        if len >= 3 {
            runs += 1;
            covered += len;
        }
        i = j;
    }
    runs >= 2 && covered * 4 >= value.len()
}

/// Base64 (standard or URL-safe, the whole value) of DER that is public by design: an ECDSA or
/// DSA signature (a `SEQUENCE` of exactly two `INTEGER`s spanning the value), or content holding
/// CMS `EncryptedData` (the OID 1.2.840.113549.1.7.6, which every AWS KMS ciphertext blob and
/// grant token carries): ciphertext is no secret while its key is not in it.
fn public_der(value: &[u8]) -> bool {
    const ENCRYPTED_DATA: &[u8] = &[
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x06,
    ];
    if value.len() < 40 {
        return false;
    }
    let Some(bytes) = decode_base64(value) else {
        return false;
    };
    signature(&bytes) || memchr::memmem::find(&bytes, ENCRYPTED_DATA).is_some()
}

/// A DER `SEQUENCE` of exactly two positive `INTEGER`s of 16 to 66 bytes, spanning `der`.
fn signature(der: &[u8]) -> bool {
    fn element(der: &[u8], at: usize, tag: u8) -> Option<(usize, usize)> {
        if der.get(at) != Some(&tag) {
            return None;
        }
        let (len, header) = match *der.get(at + 1)? {
            n @ 0..=0x7f => (usize::from(n), 2),
            0x81 => (usize::from(*der.get(at + 2)?), 3),
            _ => return None,
        };
        let end = at + header + len;
        (end <= der.len()).then_some((at + header, end))
    }
    let Some((body, end)) = element(der, 0, 0x30) else {
        return false;
    };
    if end != der.len() {
        return false;
    }
    let integer = |at: usize| {
        element(der, at, 0x02)
            .filter(|&(start, end)| (16..=66).contains(&(end - start)) && der[start] & 0x80 == 0)
    };
    integer(body)
        .and_then(|(_, first_end)| integer(first_end))
        .is_some_and(|(_, second_end)| second_end == end)
}

/// Stand-in words of sample JWT claims (jwt.io's `{"sub": "1234567890", "name": "John Doe"}`,
/// `{"some": "payload"}`, `{"k": "value"}`), compared whole and case-insensitively.
const SAMPLE_CLAIMS: &[&str] = &[
    "value",
    "payload",
    "foo",
    "bar",
    "baz",
    "hello",
    "world",
    "test",
    "example",
    "sample",
    "john doe",
    "jane doe",
    "1234567890",
];

/// Whether a JWT payload is a sample: a JSON object whose string claims (one at least) are all
/// [`SAMPLE_CLAIMS`] and whose other claims are numbers or booleans (`iat`, `admin`). A token
/// that names a real subject, issuer, audience or scope is not.
pub(super) fn sample_jwt_payload(payload: &[u8]) -> bool {
    let Ok(serde_json::Value::Object(claims)) = serde_json::from_slice(payload) else {
        return false;
    };
    let mut strings = 0;
    for value in claims.values() {
        match value {
            serde_json::Value::String(s) => {
                if !SAMPLE_CLAIMS.iter().any(|w| s.eq_ignore_ascii_case(w)) {
                    return false;
                }
                strings += 1;
            }
            serde_json::Value::Number(_) | serde_json::Value::Bool(_) => {}
            _ => return false,
        }
    }
    strings > 0
}

/// Whether the match `text[start..end]` is the access key id of an expired AWS-signed URL:
/// `X-Amz-Credential=AKIA…/20190814/us-west-2/s3/aws4_request` with an `X-Amz-Date` and
/// `X-Amz-Expires` that have passed, or `AWSAccessKeyId=…` with an `Expires=` epoch that has
/// passed, in a URL that carries its signature. The key id of a signed URL is public by design
/// (everyone the URL is given to reads it) and an expired signature grants nothing; a secret
/// key next to it is still reported by its own rule.
pub(super) fn expired_signed_url(text: &[u8], start: usize, end: usize) -> bool {
    let before = &text[start.saturating_sub(17)..start];
    let ends_with = |suffix: &[u8]| {
        before.len() >= suffix.len()
            && before[before.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    let v4 = ends_with(b"x-amz-credential=");
    let v2 = ends_with(b"?awsaccesskeyid=") || ends_with(b"&awsaccesskeyid=");
    if !v4 && !v2 {
        return false;
    }
    // The URL: the run of URL characters around the match.
    let url_byte = |b: &u8| !b.is_ascii_whitespace() && !matches!(b, b'"' | b'\'' | b'<' | b'>');
    let url_start = text[..start]
        .iter()
        .rposition(|b| !url_byte(b))
        .map_or(0, |i| i + 1);
    let url_end = text[end..]
        .iter()
        .position(|b| !url_byte(b))
        .map_or(text.len(), |i| end + i);
    let url = &text[url_start..url_end];
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    if v4 {
        let (Some(date), Some(expires), Some(_)) = (
            query_value(url, b"X-Amz-Date"),
            query_value(url, b"X-Amz-Expires"),
            query_value(url, b"X-Amz-Signature"),
        ) else {
            return false;
        };
        let (Some(signed), Some(expires)) = (amz_date(date), number(expires)) else {
            return false;
        };
        signed.saturating_add(expires) < now
    } else {
        let (Some(expires), Some(_)) =
            (query_value(url, b"Expires"), query_value(url, b"Signature"))
        else {
            return false;
        };
        number(expires).is_some_and(|expires| expires < now)
    }
}

/// The value of query parameter `name` (compared case-insensitively) in a URL, unescaped `&`.
fn query_value<'a>(url: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut at = 0;
    while let Some(i) = url[at..].iter().position(|&b| b == b'?' || b == b'&') {
        let param = at + i + 1;
        let rest = &url[param..];
        let value_end = rest
            .iter()
            .position(|&b| b == b'&' || b == b'#')
            .unwrap_or(rest.len());
        let pair = &rest[..value_end];
        if pair.len() > name.len()
            && pair[..name.len()].eq_ignore_ascii_case(name)
            && pair[name.len()] == b'='
        {
            return Some(&pair[name.len() + 1..]);
        }
        at = param;
    }
    None
}

/// A decimal number of at most 12 digits.
fn number(text: &[u8]) -> Option<u64> {
    if text.is_empty() || text.len() > 12 || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(text).ok()?.parse().ok()
}

/// Seconds since 1970 of an `X-Amz-Date` (`20190814T220617Z`).
fn amz_date(text: &[u8]) -> Option<u64> {
    if text.len() != 16 || text[8] != b'T' || text[15] != b'Z' {
        return None;
    }
    let field = |range: std::ops::Range<usize>| number(&text[range]);
    let (year, month, day) = (field(0..4)?, field(4..6)?, field(6..8)?);
    let (hour, minute, second) = (field(9..11)?, field(11..13)?, field(13..15)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || year < 1970 {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y / 400;
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hour * 3_600 + minute * 60 + second)
}

/// Whether a generic value's own credential id, in the same record, is a documentation id: a
/// key ending in `Id` (`AccessKeyId=…`, `"ServiceSpecificCredentialId": "…"`) whose value is
/// an upper-case id with AWS's `EXAMPLE` marker (`ABCDE12345670EXAMPLE`,
/// `ACCAEXAMPLE123EXAMPLE`). The record is the innermost `{…}` around the match when both
/// braces are within 1 KiB, otherwise the match's line. Only generic (never blocking) rules
/// consult it: a provider-shaped key beside such an id is still reported.
pub(super) fn documentation_sibling(text: &[u8], start: usize, end: usize) -> bool {
    const REACH: usize = 1024;
    let line_start = text[..start]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line_end = text[end..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(text.len(), |i| end + i);
    let back = &text[start.saturating_sub(REACH)..start];
    let open = back
        .iter()
        .rposition(|&b| b == b'{' || b == b'}')
        .filter(|&i| back[i] == b'{')
        .map(|i| start.saturating_sub(REACH) + i);
    let ahead = &text[end..(end + REACH).min(text.len())];
    let close = ahead
        .iter()
        .position(|&b| b == b'{' || b == b'}')
        .filter(|&i| ahead[i] == b'}')
        .map(|i| end + i);
    let (from, to) = match (open, close) {
        (Some(open), Some(close)) => (open, close),
        _ => (line_start, line_end),
    };
    id_with_example(&text[from..start]) || id_with_example(&text[end..to])
}

/// Whether `record` has `…Id` followed by `=`, `:` or `": "` and an id of 16 to 32 upper-case
/// letters and digits containing `EXAMPLE`.
fn id_with_example(record: &[u8]) -> bool {
    memchr::memmem::find_iter(record, b"EXAMPLE").any(|at| {
        let id_start = record[..at]
            .iter()
            .rposition(|b| !(b.is_ascii_uppercase() || b.is_ascii_digit()))
            .map_or(0, |i| i + 1);
        let id_end = record[at..]
            .iter()
            .position(|b| !(b.is_ascii_uppercase() || b.is_ascii_digit()))
            .map_or(record.len(), |i| at + i);
        if !(16..=32).contains(&(id_end - id_start)) {
            return false;
        }
        // Back over `": "`, `=` or `: ` to the key, which must end in `Id`.
        let key_end = record[..id_start]
            .iter()
            .rposition(|b| !matches!(b, b'"' | b'\'' | b'=' | b':' | b' '))
            .map_or(0, |i| i + 1);
        let separator = &record[key_end..id_start];
        key_end >= 2
            && (separator.contains(&b'=') || separator.contains(&b':'))
            && record[key_end - 2..key_end].eq_ignore_ascii_case(b"id")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_are_not_secrets() {
        for date in [
            &b"2016-09-08T21:47:36Z"[..],
            b"2019-04-18T20:45:36+00:00",
            b"2015-08-20T22:23:17.703Z",
            b"2024-01-31 08:00",
            b"2024-01-31",
        ] {
            assert!(timestamp(date), "{}", String::from_utf8_lossy(date));
        }
        for not in [
            &b"2016-09-08T21:47:36Zq9"[..],
            b"2016-09-08Xk9fLq0pZ7w",
            b"20160908T214736Z",
            b"2016-09-08T21:47:36+0000x",
        ] {
            assert!(!timestamp(not), "{}", String::from_utf8_lossy(not));
        }
    }

    #[test]
    fn hand_typed_alphabet_runs() {
        assert!(alphabet_runs(b"ACEGmnoq#1rstu2...BDFH3vxwy!4hlm!#5"));
        assert!(alphabet_runs(b"copyproduct-abc5defgjkdji"));
        assert!(alphabet_runs(b"abcd1234efgh5678"));
        // One run, or runs lost in a long random value, are not enough.
        assert!(!alphabet_runs(b"Zq3kT9vLm2Xw8RbN5cYh"));
        assert!(!alphabet_runs(b"abcZq3kT9vLm2Xw8RbN5cYh"));
        assert!(!alphabet_runs(
            b"abcZq3kT9vLm2Xw8RbN5cYhZq3kT9vLm2Xw8RbN5cYhxyzRbN5cYhZq3kT9vLm2Xw8"
        ));
    }

    #[test]
    fn signatures_and_ciphertext_are_public() {
        // An ECDSA P-256 signature (the AWS CLI's `derive-shared-secret` sample).
        assert!(public_der(
            b"MEYCIQCKZLWyTk5runarx6XiAkU9gv3lbwPO/pHa+DXFehzdDwIhANwpsIV2g/9SPWLLsF6p/hiSskuIXMTRwqrMdVKWTMHG"
        ));
        // Random bytes of the same length are not.
        assert!(!public_der(
            b"q0pZ7wXk39fLq0pZ7wXk39fLq0pZ7wXk39fLq0pZ7wXk39fLq0pZ7wXk39fLq0pZ7wXk39fLq0pZ7wXk39fLq0pZ7wXk"
        ));
        // The same SEQUENCE with a third INTEGER, or with trailing bytes, is not a signature.
        let mut der = vec![0x30, 0x44, 0x02, 0x20];
        der.extend([0x11; 32]);
        der.extend([0x02, 0x20]);
        der.extend([0x22; 32]);
        assert!(signature(&der));
        let mut longer = der.clone();
        longer.push(0);
        assert!(!signature(&longer));
    }

    #[test]
    fn sample_jwt_claims() {
        assert!(sample_jwt_payload(br#"{"k":"value"}"#));
        assert!(sample_jwt_payload(
            br#"{"sub":"1234567890","name":"John Doe","iat":1516239022}"#
        ));
        assert!(!sample_jwt_payload(
            br#"{"sub":"7980113562","name":"ci-deployer","iat":1763900000}"#
        ));
        assert!(!sample_jwt_payload(br#"{"admin":true}"#));
        assert!(!sample_jwt_payload(
            br#"{"sub":"1234567890","scope":["repo"]}"#
        ));
    }

    #[test]
    fn expired_signed_urls() {
        let url = b"https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20190814T220617Z&X-Amz-SignedHeaders=host&X-Amz-Expires=3600&X-Amz-Credential=AKIAUOY33ZFWCNCLWN3V%2F20190814%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Signature=9161345894947a16";
        let start = memchr::memmem::find(url, b"AKIA").unwrap();
        assert!(expired_signed_url(url, start, start + 20));
        let live = String::from_utf8_lossy(url).replace("20190814T", "20990814T");
        assert!(!expired_signed_url(live.as_bytes(), start, start + 20));
        let unsigned = String::from_utf8_lossy(url).replace("&X-Amz-Signature=", "&X-Sig=");
        assert!(!expired_signed_url(unsigned.as_bytes(), start, start + 20));
        assert_eq!(amz_date(b"19700101T000001Z"), Some(1));
        assert_eq!(amz_date(b"20190814T220617Z"), Some(1_565_820_377));
    }

    #[test]
    fn documentation_ids_beside_a_value() {
        let text = br#"{"ServicePassword": "k1zPZM6uVxMQ3oxqgoYlNuJPyRTZ1vREs76zTQE3eJk=", "ServiceSpecificCredentialId": "ACCAEXAMPLE123EXAMPLE"}"#;
        let start = memchr::memmem::find(text, b"k1zP").unwrap();
        assert!(documentation_sibling(text, start, start + 44));
        // The word alone, or an id under a key that is not an id, is not enough.
        let word = br#"{"ServicePassword": "k1zPZM6uVxMQ3oxqgoYlNuJPyRTZ1vREs76zTQE3eJk=", "Note": "EXAMPLE"}"#;
        assert!(!documentation_sibling(word, start, start + 44));
        let name = br#"{"ServicePassword": "k1zPZM6uVxMQ3oxqgoYlNuJPyRTZ1vREs76zTQE3eJk=", "Comment": "ACCAEXAMPLE123EXAMPLE"}"#;
        assert!(!documentation_sibling(name, start, start + 44));
        // Another record's id does not count.
        let other = br#"[{"Id": "ACCAEXAMPLE123EXAMPLE"}, {"ServicePassword": "k1zPZM6uVxMQ3oxqgoYlNuJPyRTZ1vREs76zTQE3eJk="}]"#;
        let at = memchr::memmem::find(other, b"k1zP").unwrap();
        assert!(!documentation_sibling(other, at, at + 44));
    }
}
