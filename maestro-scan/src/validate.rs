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
    }
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
    let text = String::from_utf8_lossy(block)
        .replace("\\n", "\n")
        .replace("\\r", "");
    let mut lines = text
        .lines()
        .map(|l| l.trim().trim_matches(|c| c == '"' || c == '\''));
    let Some(begin) = lines.next().and_then(|l| {
        l.strip_prefix("-----BEGIN ")
            .and_then(|l| l.strip_suffix("-----"))
    }) else {
        return false;
    };
    let mut body = String::new();
    let mut ended = false;
    for line in lines {
        if let Some(end) = line
            .strip_prefix("-----END ")
            .and_then(|l| l.strip_suffix("-----"))
        {
            if end != begin {
                return false;
            }
            ended = true;
            break;
        }
        if line.contains(": ") || line.is_empty() || (line.starts_with('=') && line.len() == 5) {
            continue;
        }
        body.push_str(line.trim_end_matches(['\\', '"', '\'', ',']).trim());
    }
    if !ended || body.len() < 64 {
        return false;
    }
    base64::engine::general_purpose::STANDARD
        .decode(body.as_bytes())
        .is_ok()
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
