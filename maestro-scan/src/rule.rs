//! Rules as data: what one rule says and the enums it uses.
//!
//! A rule file is TOML with one `[[rule]]` table per rule:
//!
//! | key | type | meaning |
//! |---|---|---|
//! | `id` | string | unique id, `[a-z0-9-]+` |
//! | `kind` | `"secret"` \| `"code"` | a credential or an insecure code pattern |
//! | `description` | string | one line, shown with every finding |
//! | `keywords` | strings | literals of which every match contains at least one (matched case-insensitively unless `exact_keywords`); only rules whose keyword occurs are evaluated |
//! | `pattern` | regex | the match; `{assign}` expands to an assignment (`NAME = "`, `NAME: `, `"NAME": "`, `NAME => '`, ...) |
//! | `group` | integer | capture group holding the secret (default: 1 if the pattern has a group, else 0) |
//! | `entropy` | float | minimum Shannon entropy of the secret in bits per character (default 0) |
//! | `validator` | `"github-crc32"` \| `"jwt"` \| `"pem"` \| `"basic-auth"` \| `"grafana-crc32"` \| `"pypi-macaroon"` \| `"macaroon-hex"` \| `"embedded-json"` \| `"bech32"` \| `"base58-check"` \| `"base58-key64"` \| `"bip39"` \| `"der-private-key"` \| `"pem-base64"` \| `"openssh-encrypted"` | structural check run after the match ([`Validator`]) |
//! | `confidence` | `"low"` \| `"medium"` \| `"high"` | how sure a match is a real finding (default medium); only high-confidence secrets block |
//! | `span` | `"line"` \| `"block"` | the regex runs on the lines around a keyword hit, or from that line on (multi-line secrets) |
//! | `generic` | bool | extra placeholder and test-value filtering (generic assignments) |
//! | `exact_keywords` | bool | keywords are matched case-sensitively |
//! | `context` | string | variable name the embedding tests use for rules that need one |
//! | `unless` | regex | a match is dropped when its line matches this (for a `generic` rule: when the name it is assigned to, with the words just before it, matches) |
//! | `cwe` | integer | CWE id (code rules; secrets default to 798) |
//! | `severity` | `"low"` \| `"medium"` \| `"high"` \| `"critical"` | code rules; secrets default to high |
//! | `languages` | strings | code rules: `python`, `javascript`, `typescript`, `go`, `java`, `rust`, `ruby`, `php`, `csharp`, `shell` |
//! | `fix` | string | one-line fix hint |
//! | `positive` / `negative` | strings | examples that must / must not produce this rule's finding |
//!
//! User rule files hold regex rules; a `kind = "code"` regex match inside a string literal or a
//! comment of a file the code engine parses is dropped. The built-in code rules are syntax-tree
//! rules in another format (`rules/code/<language>.toml`, documented in `docs/code-rules.md`);
//! they appear in a [`RuleSet`](crate::RuleSet) as rules without keywords or pattern
//! ([`Rule::is_syntax_tree`]).

use std::{borrow::Cow, fmt, str::FromStr, sync::OnceLock};

use regex::bytes::Regex;
use serde::{Deserialize, Serialize};

use crate::language::Language;

/// What a rule finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A credential: API key, token, private key, password.
    Secret,
    /// An insecure code pattern with a CWE id.
    Code,
}

impl Kind {
    /// The lowercase name used in rule files and output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Secret => "secret",
            Kind::Code => "code",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How sure a rule is that a match is a real finding.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Often a false positive; reported, never blocks.
    Low,
    /// Usually real; reported, does not block.
    #[default]
    Medium,
    /// A distinctive format, checked by entropy and validators; secrets at this level block.
    High,
}

impl Confidence {
    /// The lowercase name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing.
    Low,
    /// Should be fixed.
    #[default]
    Medium,
    /// Must be fixed before merging.
    High,
    /// Exploitable as written.
    Critical,
}

impl Severity {
    /// The lowercase name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A severity name that is not `low`, `medium`, `high` or `critical`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown severity `{0}` (expected low, medium, high or critical)")]
pub struct UnknownSeverity(pub String);

impl FromStr for Severity {
    type Err = UnknownSeverity;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "low" => Ok(Severity::Low),
            "medium" => Ok(Severity::Medium),
            "high" => Ok(Severity::High),
            "critical" => Ok(Severity::Critical),
            _ => Err(UnknownSeverity(s.to_owned())),
        }
    }
}

/// A structural check run on a secret after its pattern and entropy matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Validator {
    /// GitHub `ghp_`/`gho_`/`ghu_`/`ghs_`/`ghr_` tokens: the last 6 characters are the base62
    /// CRC32 of the random part between the prefix and the checksum.
    GithubCrc32,
    /// A JSON Web Token: the first segment is base64url JSON with an `"alg"` string.
    Jwt,
    /// A PEM block: BEGIN and END labels match and the body is base64.
    Pem,
    /// Base64 of `user:password` (HTTP basic / Docker `auth`), the password not a placeholder.
    BasicAuth,
    /// Grafana service-account tokens (`glsa_<secret>_<checksum>`): the last part is the hex of
    /// the CRC32 (little-endian bytes) of everything before the last underscore.
    GrafanaCrc32,
    /// `PyPI` tokens: `pypi-` then base64url of a version-2 macaroon that parses to the end
    /// (header, caveats, 32-byte signature).
    PypiMacaroon,
    /// A hex-encoded version-2 macaroon (LND `admin.macaroon` and kin) that parses to the end.
    MacaroonHex,
    /// A token carrying a base64 JSON object (from its first `eyJ`): Grafana Cloud, Sentry
    /// organisation, 1Password service-account tokens.
    EmbeddedJson,
    /// A Bech32 or Bech32m string with a valid checksum (age and Nostr secret keys).
    Bech32,
    /// A Base58 string with a valid double-SHA-256 checksum whose payload is a private key:
    /// WIF (version 0x80/0xEF, 32 bytes, optional compression flag) or an extended private key
    /// (78 bytes, key data starting with 0x00).
    Base58Check,
    /// A Base58 string that decodes to exactly 64 bytes (a Solana keypair secret).
    Base58Key64,
    /// A BIP-39 English mnemonic of 12 to 24 words whose checksum bits match.
    Bip39,
    /// Base64 of a DER `SEQUENCE` that spans the whole value and opens with a version `INTEGER`
    /// (PKCS#1, SEC1 and PKCS#8 private keys without PEM armour).
    DerPrivateKey,
    /// Base64 of a PEM private-key block (Kubernetes `client-key-data`, `tls.key` values).
    PemBase64,
    /// An OpenSSH private key block (PEM structure) whose key is encrypted (cipher not `none`).
    OpensshEncrypted,
}

/// Where a rule's regex runs around a keyword hit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Span {
    /// The line holding the keyword.
    #[default]
    Line,
    /// From the line holding the keyword to at most 256 KiB further (multi-line secrets).
    Block,
}

/// One rule, loaded from a rule file. Its regexes are compiled on first use and cached.
#[derive(Debug)]
pub struct Rule {
    pub(crate) id: Cow<'static, str>,
    pub(crate) kind: Kind,
    pub(crate) description: Cow<'static, str>,
    pub(crate) keywords: Vec<Cow<'static, str>>,
    pub(crate) pattern: Cow<'static, str>,
    pub(crate) group: Option<usize>,
    pub(crate) min_entropy: f64,
    pub(crate) validator: Option<Validator>,
    pub(crate) confidence: Confidence,
    pub(crate) span: Span,
    pub(crate) generic: bool,
    pub(crate) exact_keywords: bool,
    pub(crate) context: Option<Cow<'static, str>>,
    pub(crate) unless: Option<Cow<'static, str>>,
    pub(crate) cwe: u32,
    pub(crate) severity: Severity,
    pub(crate) languages: Cow<'static, [Language]>,
    pub(crate) fix: Cow<'static, str>,
    pub(crate) positive: Vec<String>,
    pub(crate) negative: Vec<String>,
    pub(crate) regex: OnceLock<Regex>,
    pub(crate) unless_regex: OnceLock<Option<Regex>>,
    /// A built-in syntax-tree rule: matched by the code engine (`rules/code/*.toml`), with no
    /// keywords or pattern of its own.
    pub(crate) syntax: bool,
}

/// The text `{assign}` stands for in a pattern: the rest of a variable name, an optional closing
/// quote, an assignment operator and an optional opening quote.
pub const ASSIGN: &str = r#"[\w.-]{0,24}['"]?\s{0,4}(?:=|:=|=>|:|,)\s{0,4}['"]?"#;

const COMPILED: &str = "rule patterns are compiled when a rule set is loaded from a user file \
                        and by the test suite for the built-in rules";

impl Rule {
    /// The rule id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Secret or code.
    #[must_use]
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// One-line description.
    #[must_use]
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The keywords that trigger the rule.
    #[must_use]
    pub fn keywords(&self) -> &[Cow<'static, str>] {
        &self.keywords
    }

    /// The pattern with `{assign}` expanded.
    #[must_use]
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// Minimum Shannon entropy of the secret, bits per character.
    #[must_use]
    pub fn min_entropy(&self) -> f64 {
        self.min_entropy
    }

    /// The structural validator, if any.
    #[must_use]
    pub fn validator(&self) -> Option<Validator> {
        self.validator
    }

    /// Confidence of a match.
    #[must_use]
    pub fn confidence(&self) -> Confidence {
        self.confidence
    }

    /// Whether the secret may span several lines.
    #[must_use]
    pub fn span(&self) -> Span {
        self.span
    }

    /// The variable name the embedding tests use, for rules whose secret is recognised only next
    /// to a telling name (e.g. `DATADOG_API_KEY`).
    #[must_use]
    pub fn context(&self) -> Option<&str> {
        self.context.as_deref()
    }

    /// CWE id (798, hard-coded credentials, for secrets).
    #[must_use]
    pub fn cwe(&self) -> u32 {
        self.cwe
    }

    /// Severity of a finding.
    #[must_use]
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Languages a code rule applies to (empty for secret rules: they apply everywhere).
    #[must_use]
    pub fn languages(&self) -> &[Language] {
        &self.languages
    }

    /// One-line fix hint.
    #[must_use]
    pub fn fix(&self) -> &str {
        &self.fix
    }

    /// Examples that must produce exactly this rule's finding (empty for the compiled-in copy of
    /// the built-in rules; present when a rule file is loaded with [`crate::RuleSet::from_toml_str`]).
    #[must_use]
    pub fn positive_examples(&self) -> &[String] {
        &self.positive
    }

    /// Examples that must not produce this rule's finding.
    #[must_use]
    pub fn negative_examples(&self) -> &[String] {
        &self.negative
    }

    /// Whether a code rule applies to a file of this language; `None` (text without a path) means
    /// every language. Secret rules apply to everything.
    #[must_use]
    pub fn applies_to(&self, language: Option<Language>) -> bool {
        match (self.kind, language) {
            (Kind::Secret, _) | (Kind::Code, None) => true,
            (Kind::Code, Some(language)) => self.languages.contains(&language),
        }
    }

    /// The secret (or, for code rules, the matched code) of the first match of this rule's
    /// pattern in `text`, before entropy and validators. Meant for tests and rule authors: it
    /// returns only what is already in the caller's own text.
    #[must_use]
    pub fn first_match<'t>(&self, text: &'t [u8]) -> Option<&'t [u8]> {
        let regex = self.regex();
        let caps = regex.captures(text)?;
        caps.get(self.group_index()).map(|m| m.as_bytes())
    }

    /// Whether this is a built-in syntax-tree rule (matched on the parsed file by the code
    /// engine, see `docs/code-rules.md`) rather than a regex rule.
    #[must_use]
    pub fn is_syntax_tree(&self) -> bool {
        self.syntax
    }

    /// Compile the pattern now (it is otherwise compiled on first use).
    pub(crate) fn compile(&self) -> Result<(), regex::Error> {
        if self.syntax {
            return Ok(());
        }
        if self.regex.get().is_none() {
            let regex = build_regex(&self.pattern)?;
            if let Some(group) = self.group
                && group >= regex.captures_len()
            {
                return Err(regex::Error::Syntax(format!(
                    "group {group} does not exist in the pattern"
                )));
            }
            let _ = self.regex.set(regex);
        }
        if self.unless_regex.get().is_none() {
            let unless = self.unless.as_deref().map(build_regex).transpose()?;
            let _ = self.unless_regex.set(unless);
        }
        Ok(())
    }

    pub(crate) fn regex(&self) -> &Regex {
        self.regex
            .get_or_init(|| build_regex(&self.pattern).expect(COMPILED))
    }

    pub(crate) fn unless_regex(&self) -> Option<&Regex> {
        self.unless_regex
            .get_or_init(|| {
                self.unless
                    .as_deref()
                    .map(|pattern| build_regex(pattern).expect(COMPILED))
            })
            .as_ref()
    }

    /// The capture group that holds the secret.
    pub(crate) fn group_index(&self) -> usize {
        self.group
            .unwrap_or_else(|| usize::from(self.regex().captures_len() > 1))
    }
}

/// Patterns are compiled without Unicode classes (`\w`, `\s`, `\b` are ASCII): credentials and
/// the code patterns are ASCII, and ASCII automata compile several times faster, which matters
/// in a process that lives for one hook call.
fn build_regex(pattern: &str) -> Result<Regex, regex::Error> {
    regex::bytes::RegexBuilder::new(pattern)
        .unicode(false)
        .size_limit(8 << 20)
        .build()
}
