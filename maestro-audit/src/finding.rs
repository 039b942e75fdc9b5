//! A reference to a scanner finding that can be logged without its secret.

use std::fmt;

use sha2::{Digest, Sha256};

use crate::details::{Details, Value};

/// Characters that count as masking in a [`Redacted`] text.
const MASK_CHARS: [char; 3] = ['*', '•', '…'];

/// A redacted rendering of a matched secret: at most [`Redacted::MAX_VISIBLE`] characters of the
/// original, the rest masked.
#[derive(Clone, PartialEq, Eq)]
pub struct Redacted(String);

/// Text refused as a [`Redacted`] value, or a malformed fingerprint or rule id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FindingError {
    /// The text shows too much of the secret or is not masked.
    #[error(
        "build a finding reference: redacted text shows {visible} unmasked characters (at most {max} allowed) or has fewer than 3 mask characters"
    )]
    NotRedacted {
        /// Unmasked characters found.
        visible: usize,
        /// The limit, [`Redacted::MAX_VISIBLE`].
        max: usize,
    },
    /// The fingerprint is not 16 to 64 lowercase hex characters.
    #[error("build a finding reference: fingerprint is not 16 to 64 lowercase hex characters")]
    BadFingerprint,
    /// The rule id is empty, longer than 64 characters or not `[a-z0-9._-]`.
    #[error("build a finding reference: rule id {0:?} is not 1 to 64 characters of [a-z0-9._-]")]
    BadRuleId(String),
}

impl Redacted {
    /// The most characters of the original a redacted text may show.
    pub const MAX_VISIBLE: usize = 4;

    /// Redacts a raw match: keeps its first `min(4, chars / 4)` characters and appends `****`.
    /// A 40-character token `ghp_…` becomes `ghp_****`; anything shorter than 4 characters becomes
    /// `****`. The raw text is not kept.
    #[must_use]
    pub fn of_match(raw: &str) -> Redacted {
        let visible = (raw.chars().count() / 4).min(Self::MAX_VISIBLE);
        let mut text: String = raw.chars().take(visible).collect();
        text.push_str("****");
        Redacted(text)
    }

    /// Accepts text already redacted by the scanner, if it shows at most
    /// [`Redacted::MAX_VISIBLE`] unmasked characters (mask characters: `*`, `•`, `…`) and has at
    /// least 3 mask characters.
    pub fn new(text: &str) -> Result<Redacted, FindingError> {
        let masked = text.chars().filter(|c| MASK_CHARS.contains(c)).count();
        let visible = text.chars().count() - masked;
        if visible > Self::MAX_VISIBLE || masked < 3 {
            return Err(FindingError::NotRedacted {
                visible,
                max: Self::MAX_VISIBLE,
            });
        }
        Ok(Redacted(text.to_owned()))
    }

    /// The redacted text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Redacted({:?})", self.0)
    }
}

/// A one-way fingerprint of a matched secret, used to correlate findings and `scan.allow` entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint(String);

impl Fingerprint {
    /// Computes the fingerprint of a raw match: the lowercase hex SHA-256 of
    /// `"maestro-finding:" || raw`. The raw text is not kept.
    #[must_use]
    pub fn of_match(raw: &str) -> Fingerprint {
        let mut hasher = Sha256::new();
        hasher.update(b"maestro-finding:");
        hasher.update(raw.as_bytes());
        let digest: [u8; 32] = hasher.finalize().into();
        Fingerprint(crate::EntryHash(digest).to_hex())
    }

    /// Accepts a fingerprint computed elsewhere (the scanner's): 16 to 64 lowercase hex characters.
    pub fn from_hex(text: &str) -> Result<Fingerprint, FindingError> {
        let ok = (16..=64).contains(&text.len())
            && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if ok {
            Ok(Fingerprint(text.to_owned()))
        } else {
            Err(FindingError::BadFingerprint)
        }
    }

    /// The hex text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A scanner finding as it may appear in the audit log: rule, redacted match, fingerprint and
/// location — never the matched text itself. Converts into a [`Value`] object
/// `{"fingerprint":…,"line":…,"path":…,"redacted":…,"rule_id":…}`.
///
/// The guarantee: the only parts of a `FindingRef` derived from the matched text are a
/// [`Redacted`] form, which by construction shows at most [`Redacted::MAX_VISIBLE`] characters
/// of it, and a [`Fingerprint`] (a one-way digest, or 16–64 hex characters from the scanner).
/// There is no constructor, field or setter through which the raw match could travel, the rule
/// id is limited to `[a-z0-9._-]{1,64}`, and [`Details`] has no other finding
/// type. (Nothing stops a caller from writing a secret into an ordinary string value of
/// `details`; the point is that the scanner-to-log path has no such string.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingRef {
    rule_id: String,
    redacted: Redacted,
    fingerprint: Fingerprint,
    path: String,
    line: u32,
}

impl FindingRef {
    /// A finding from values the scanner already redacted and fingerprinted.
    pub fn new(
        rule_id: &str,
        redacted: Redacted,
        fingerprint: Fingerprint,
        path: impl Into<String>,
        line: u32,
    ) -> Result<FindingRef, FindingError> {
        let ok = (1..=64).contains(&rule_id.len())
            && rule_id
                .bytes()
                .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'-'));
        if !ok {
            return Err(FindingError::BadRuleId(rule_id.to_owned()));
        }
        Ok(FindingRef {
            rule_id: rule_id.to_owned(),
            redacted,
            fingerprint,
            path: path.into(),
            line,
        })
    }

    /// A finding from the raw match, which is redacted with [`Redacted::of_match`] and
    /// fingerprinted with [`Fingerprint::of_match`] and then dropped.
    pub fn from_match(
        rule_id: &str,
        raw_match: &str,
        path: impl Into<String>,
        line: u32,
    ) -> Result<FindingRef, FindingError> {
        FindingRef::new(
            rule_id,
            Redacted::of_match(raw_match),
            Fingerprint::of_match(raw_match),
            path,
            line,
        )
    }

    /// The rule that matched.
    #[must_use]
    pub fn rule_id(&self) -> &str {
        &self.rule_id
    }

    /// The redacted match.
    #[must_use]
    pub fn redacted(&self) -> &Redacted {
        &self.redacted
    }

    /// The fingerprint of the match.
    #[must_use]
    pub fn fingerprint(&self) -> &Fingerprint {
        &self.fingerprint
    }

    fn to_details(&self) -> Details {
        Details::new()
            .with("fingerprint", self.fingerprint.0.clone())
            .with("line", self.line)
            .with("path", self.path.clone())
            .with("redacted", self.redacted.0.clone())
            .with("rule_id", self.rule_id.clone())
    }
}

impl From<FindingRef> for Value {
    fn from(f: FindingRef) -> Value {
        Value::Object(f.to_details())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn of_match_shows_at_most_four_characters() {
        assert_eq!(
            Redacted::of_match("ghp_0123456789abcdefghijklmnopqrstuvwxyz").as_str(),
            "ghp_****"
        );
        assert_eq!(Redacted::of_match("abcdefgh").as_str(), "ab****");
        assert_eq!(Redacted::of_match("abc").as_str(), "****");
        assert!(Redacted::new(&Redacted::of_match("a much longer secret value").0).is_ok());
    }

    #[test]
    fn new_refuses_unredacted_text() {
        assert!(Redacted::new("AKIAIOSFODNN7EXAMPLE").is_err());
        assert!(Redacted::new("AKIA****************").is_ok());
        assert!(Redacted::new("AKIAI***").is_err());
        assert!(Redacted::new("ab").is_err());
        assert!(Fingerprint::from_hex("ABCDEF0123456789").is_err());
        assert!(Fingerprint::from_hex("abcdef0123456789").is_ok());
        assert!(FindingRef::from_match("AWS Key", "x", "p", 1).is_err());
    }
}
