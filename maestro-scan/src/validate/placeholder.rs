//! Placeholders, templates and stand-ins: values shaped like a secret that are not one.

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
    // The OAuth 2.0 samples of RFC 6749, copied into OAuth libraries: client id and secret,
    // their Basic credentials, an authorization code, an access and a refresh token.
    "s6bhdrkqt3",
    "gx1fbat3bv",
    "czzcagrsa3f0mzpnwdfmqmf0m2jw",
    "splxlobezqqybys6wxsbia",
    "2yotnfzfejr1zcsicmwpaa",
    "tgzv3jokf0xg5qx2tlkwia",
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
    // Sequences written by hand in documentation samples (`abcd1234defg5678`, `1a2b3c4d-...`).
    "abcd1234",
    "1a2b3c",
    "a1b2c3",
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
    if let Some((userinfo, host)) = uri_userinfo(secret) {
        return credentials_placeholder(userinfo, host);
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
    looks_like_code(secret) || super::samples::generic_value(secret)
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

/// Words that sample and stand-in passwords are made of (`password`, `pass word`, `p@ss:word`,
/// `secret123`, `your_password_here`, RFC 7617's `Aladdin:open sesame`, `hunter2`). A URI
/// password is a stand-in when it is nothing but these words, once spelled plainly: only the
/// whole password is judged, so a real password with one of them added is still reported.
const STAND_IN_WORDS: &[&str] = &[
    "pass",
    "password",
    "passwd",
    "passwort",
    "pwd",
    "pw",
    "word",
    "secret",
    "changeme",
    "change",
    "me",
    "sample",
    "example",
    "dummy",
    "fake",
    "test",
    "demo",
    "default",
    "foo",
    "bar",
    "baz",
    "qux",
    "your",
    "my",
    "here",
    "open",
    "sesame",
    "hunter",
    "letmein",
    "qwerty",
    "welcome",
    "guest",
    "user",
    "admin",
    "root",
    "redacted",
    "placeholder",
    "insert",
    "replace",
    "todo",
];

/// Passwords shorter than this, to a host reserved for documentation (`example.com`, `.test`),
/// are samples: a real password is long and a reserved host is never a real server.
const SHORT_PASSWORD: usize = 8;

/// The `user:password` part and the host of a URI (`scheme://user:password@host:port/...`), if
/// it has credentials.
fn uri_userinfo(secret: &[u8]) -> Option<(&[u8], &[u8])> {
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
    // Up to the path; a `?` or `#` before the `@` is part of the password as the rules read it
    // (`user:pass#pass@host` once URL-decoded).
    let authority = &rest[..rest.iter().position(|&b| b == b'/').unwrap_or(rest.len())];
    let at = authority.iter().rposition(|&b| b == b'@')?;
    let host = &authority[at + 1..];
    let host = &host[..host
        .iter()
        .position(|b| matches!(b, b':' | b'?' | b'#'))
        .unwrap_or(host.len())];
    Some((&authority[..at], host))
}

/// Whether the credentials of a URI are a template or a stand-in. Only they are judged: a real
/// password to a host named `db.example.com` is still a leaked password. Template markers
/// (`<user>`, `${PASSWORD}`, `xxxx`) anywhere in them make a template; words only when the
/// whole password is made of them, so neither a user named `dummy` nor a password with
/// `example` appended hides a real password.
fn credentials_placeholder(userinfo: &[u8], host: &[u8]) -> bool {
    const TEMPLATE_MARKERS: &[&str] = &["xxxx", "****", "....", "<", ">", "${", "{{", "%("];
    let lower = userinfo.to_ascii_lowercase();
    let contains =
        |text: &[u8], needle: &str| memchr::memmem::find(text, needle.as_bytes()).is_some();
    if TEMPLATE_MARKERS.iter().any(|p| contains(&lower, p)) {
        return true;
    }
    let raw_password = lower
        .iter()
        .position(|&b| b == b':')
        .map_or(&lower[..], |colon| &lower[colon + 1..]);
    let password = unescape(raw_password);
    DEFAULT_PASSWORDS.iter().any(|p| password == p.as_bytes())
        || password
            .first()
            .is_some_and(|&first| password.len() >= 6 && password.iter().all(|&b| b == first))
        || made_of_stand_in_words(&password)
        || (std::str::from_utf8(&password).map_or(password.len(), |p| p.chars().count())
            < SHORT_PASSWORD
            && documentation_host(host))
}

/// The password as written in the source: `%XX` escapes decoded; `\uXXXX`, `\xXX` and other
/// backslash escapes of a string literal kept as one separator byte.
fn unescape(text: &[u8]) -> Vec<u8> {
    let hex = |b: u8| char::from(b).to_digit(16);
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'%' => {
                if let (Some(high), Some(low)) = (
                    text.get(i + 1).and_then(|&b| hex(b)),
                    text.get(i + 2).and_then(|&b| hex(b)),
                ) {
                    out.push(u8::try_from(high * 16 + low).unwrap_or(b' '));
                    i += 3;
                } else {
                    out.push(b'%');
                    i += 1;
                }
            }
            b'\\' => {
                let digits = match text.get(i + 1) {
                    Some(b'u') => 4,
                    Some(b'x') => 2,
                    _ => 0,
                };
                let escape = 2 + digits;
                out.push(b' ');
                i = (i + escape).min(text.len());
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// Whether a password, spelled plainly (lowercase, `@` and `4` as `a`, `0` as `o`, `3` as `e`,
/// `1` as `i`, `5` and `$` as `s`, `7` as `t`; separators dropped; trailing digits dropped), is
/// one or more [`STAND_IN_WORDS`] and nothing else.
fn made_of_stand_in_words(password: &[u8]) -> bool {
    let mut plain: Vec<u8> = password
        .iter()
        .filter(|b| b.is_ascii_alphanumeric() || matches!(b, b'@' | b'$'))
        .map(u8::to_ascii_lowercase)
        .collect();
    while plain.last().is_some_and(u8::is_ascii_digit) {
        plain.pop();
    }
    for b in &mut plain {
        *b = match *b {
            b'@' | b'4' => b'a',
            b'0' => b'o',
            b'3' => b'e',
            b'1' => b'i',
            b'5' | b'$' => b's',
            b'7' => b't',
            other => other,
        };
    }
    if plain.is_empty() {
        return false;
    }
    // reachable[i]: plain[..i] is a sequence of words.
    let mut reachable = vec![false; plain.len() + 1];
    reachable[0] = true;
    for i in 0..plain.len() {
        if !reachable[i] {
            continue;
        }
        for word in STAND_IN_WORDS {
            if plain[i..].starts_with(word.as_bytes()) {
                reachable[i + word.len()] = true;
            }
        }
    }
    reachable[plain.len()]
}

/// A host name reserved for documentation and tests (RFC 2606): `example.com`, `.net`, `.org`
/// and their subdomains, and the `.example`, `.test` and `.invalid` top-level domains.
fn documentation_host(host: &[u8]) -> bool {
    let host = host.to_ascii_lowercase();
    let host = host.strip_suffix(b".").unwrap_or(&host);
    let under = |domain: &[u8]| {
        host == domain
            || host
                .strip_suffix(domain)
                .is_some_and(|sub| sub.ends_with(b"."))
    };
    [
        &b"example.com"[..],
        b"example.net",
        b"example.org",
        b"example",
        b"test",
        b"invalid",
    ]
    .into_iter()
    .any(under)
}

/// A generic value that is an identifier, a path in code, a constant name, a file name or a
/// sentence fragment rather than a secret: no digit; a type or module path (`a::b::C`, after
/// `&` or `*`: `&p256::PRIVATE_KEY_OPS`, an enum variant `Kind::Key2`; a lowercase module and
/// names: `ed25519.Ed25519PrivateKey`); a constant or variable name in one case whose words all
/// start with a letter (`TLS13_AES_128_GCM_SHA256`, `api_key_v2`); or a dotted identifier chain
/// with few digits (`settings.API_KEY`).
fn looks_like_code(value: &[u8]) -> bool {
    let has_digit = value.iter().any(u8::is_ascii_digit);
    let has_letter = value.iter().any(u8::is_ascii_alphabetic);
    if !has_digit || !has_letter {
        return true;
    }
    let identifier = |part: &[u8]| {
        !part.is_empty()
            && !part[0].is_ascii_digit()
            && part.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_')
    };
    let path = value.trim_ascii_start();
    let path = &path[path.iter().take_while(|&&b| b == b'&' || b == b'*').count()..];
    if memchr::memmem::find(path, b"::").is_some()
        && path
            .split(|&b| b == b':')
            .filter(|p| !p.is_empty())
            .all(identifier)
        && !path.windows(3).any(|w| w == b":::")
    {
        return true;
    }
    // `module.ClassName`, `ed25519.Ed25519PrivateKey`: a lowercase module, then names.
    let mut parts = value.split(|&b| b == b'.');
    if value.contains(&b'.')
        && parts
            .next()
            .is_some_and(|module| identifier(module) && !module.iter().any(u8::is_ascii_uppercase))
        && parts.all(|name| name.first().is_some_and(u8::is_ascii_alphabetic) && identifier(name))
    {
        return true;
    }
    // `CONSTANT_NAME_2`, `variable_name_v2`: one case, every word starting with a letter.
    let one_case =
        !value.iter().any(u8::is_ascii_uppercase) || !value.iter().any(u8::is_ascii_lowercase);
    if one_case
        && value.contains(&b'_')
        && value
            .split(|&b| b == b'_')
            .all(|word| word.first().is_some_and(u8::is_ascii_alphabetic) && identifier(word))
    {
        return true;
    }
    // `a.b.c` identifier chains, `some_function_name2`, CONSTANT_NAMES.
    if value.split(|&b| b == b'.').all(identifier)
        && (value.contains(&b'.') || value.contains(&b'_'))
    {
        let digits = value.iter().filter(|b| b.is_ascii_digit()).count();
        return digits * 4 < value.len();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn uri_passwords_are_stand_ins_only_when_made_of_stand_in_words() {
        for sample in [
            &b"http://user:pass%20word@example.com/path"[..],
            b"http://user:p%40ss%3Aword@git.internal.corp/path",
            b"https://user:pass[\\u007F@foo/bar",
            b"https://Aladdin:opensesame@proxy.internal.corp:8887",
            b"https://admin:hunter2@ci.internal.corp",
            b"mysql://root:Your_Password_Here1@db.internal.corp/app",
            b"postgres://app:P4ssw0rd!@db.internal.corp/app",
            b"postgres://app:REDACTED@db.internal.corp/app",
            b"postgres://app:insert-password-here@db.internal.corp/app",
        ] {
            assert!(
                is_placeholder(sample, false),
                "{}",
                String::from_utf8_lossy(sample)
            );
        }
        for real in [
            // Words added to a real password, or a stand-in user, hide nothing.
            &b"postgres://app:Xk39fLq0pZ7w-example@db.internal.corp/app"[..],
            b"postgres://app:secretXk39fLq0pZ7w@db.internal.corp/app",
            b"postgres://dummy:Xk39fLq0pZ7w@db.internal.corp/app",
            b"https://Aladdin:niOugh9aoLWbo8n0wbw8op9g@proxy.internal.corp",
            // Leetspeak that does not spell stand-in words.
            b"postgres://app:p4ss9Kz2@db.internal.corp/app",
        ] {
            assert!(
                !is_placeholder(real, false),
                "{}",
                String::from_utf8_lossy(real)
            );
        }
    }

    #[test]
    fn short_passwords_are_samples_only_on_documentation_hosts() {
        assert!(is_placeholder(b"ftp://user1:secre1@example.com/", false));
        assert!(is_placeholder(b"ftp://:Zx9!qw@ftp.example.org/", false));
        assert!(is_placeholder(
            b"http://foo:%F0%9F%92%A9@example.com/bar",
            false
        ));
        assert!(is_placeholder(b"smtp://u:Zx9!qw@mail.test:25", false));
        // A real host, a look-alike of a reserved name, or a long password: reported.
        assert!(!is_placeholder(
            b"ftp://user1:Zx9!qwK@ftp.internal.corp/",
            false
        ));
        assert!(!is_placeholder(
            b"ftp://user1:Zx9!qwK@example.com.evil.io/",
            false
        ));
        assert!(!is_placeholder(
            b"ftp://user1:Zx9!qwK@myexample.com/",
            false
        ));
        assert!(!is_placeholder(
            b"ftp://user1:Zx9!qwKp3m@ftp.example.com/",
            false
        ));
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

    #[test]
    fn paths_constants_and_variants_in_code_are_not_generic_secrets() {
        for code in [
            &b"&p256::PRIVATE_KEY_OPS"[..],
            b"windows_sys::Win32::Foundation::HANDLE",
            b"ApiKeyKind::Restricted2",
            b"TLS13_CHACHA20_POLY1305_SHA256_INTERNAL",
            b"aws_sdk_v2_api_key_field",
            b"settings.API_KEY_V2",
            b"ed25519.Ed25519PrivateKey",
            b"hashes.SHA256",
        ] {
            assert!(
                is_placeholder(code, true),
                "{}",
                String::from_utf8_lossy(code)
            );
        }
        for secret in [
            &b"Zq3kT9vLm2Xw8RbN5cYh"[..],
            b"Zq3k_T9v1_m2X4_8Rb5",
            b"9Zq3_kT9v_Lm2X_w8Rb",
            b"zq3k::t9vl::m2xw:8rbn",
            b"8f3a::9c2b::11",
            b"Zq3kT9.vLm2X48Rb5",
        ] {
            assert!(
                !is_placeholder(secret, true),
                "{}",
                String::from_utf8_lossy(secret)
            );
        }
    }
}
