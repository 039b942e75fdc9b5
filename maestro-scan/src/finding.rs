//! One finding, what it reveals (never the secret), and whether it blocks.

use serde::{Serialize, Serializer};
use sha2::{Digest, Sha256};

use crate::rule::{Confidence, Kind, Severity};

/// A finding. It carries a redacted form and a fingerprint of the secret, never the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule that matched.
    pub rule_id: String,
    /// Secret or code.
    pub kind: Kind,
    /// The path as given (empty for text scanned without a path).
    pub path: String,
    /// 1-based line of the start of the secret (or of the code match).
    pub line: usize,
    /// 1-based column, in Unicode scalar values, of the start of the secret.
    pub column: usize,
    /// At most four characters and never more than a quarter of the secret, then `…` and its
    /// length; for code findings, the matched code (shortened).
    pub redacted: String,
    /// Hex SHA-256 over rule id, path and secret: stable across runs, reveals nothing.
    pub fingerprint: String,
    /// The rule's confidence.
    pub confidence: Confidence,
    /// The rule's severity.
    pub severity: Severity,
    /// CWE id, serialised as `"CWE-<n>"`.
    #[serde(serialize_with = "cwe_string")]
    pub cwe: u32,
    /// The rule's description.
    pub description: String,
    /// The rule's fix hint.
    pub fix: String,
    /// The finding's line carries an inline `maestro:allow` for it that did not count, because
    /// the scan allows inline comments only on lines of a base text
    /// ([`InlineAllow::BaseLines`](crate::InlineAllow::BaseLines)) and this line is not one. A
    /// hook tells the crew so. Serialised only when `true`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inline_allow_refused: bool,
    /// For a tainted flow found by a syntax-tree rule: where the data came from, the steps it
    /// took and the sink, in order. Serialised only when not empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flow: Vec<FlowStep>,
}

/// One location of a tainted flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowStep {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in Unicode scalar values.
    pub column: usize,
    /// What is there: the source (`request.args`), a variable it was stored in, a call it went
    /// through, or the sink.
    pub message: String,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `serialize_with` signature
fn cwe_string<S: Serializer>(cwe: &u32, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&format_args!("CWE-{cwe}"))
}

/// What blocks a write or a commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockPolicy {
    /// High-confidence secret findings block. Default: `true` (`scan.blockSecrets`).
    pub block_secrets: bool,
    /// Code findings at or above this severity block; `None` never blocks on code.
    /// Default: `Some(Severity::High)` (`scan.blockSeverity`).
    pub block_severity: Option<Severity>,
}

impl Default for BlockPolicy {
    fn default() -> Self {
        BlockPolicy {
            block_secrets: true,
            block_severity: Some(Severity::High),
        }
    }
}

impl Finding {
    /// Whether this finding blocks under `policy`: only high-confidence secrets block (lower
    /// confidence ones are reported without blocking); code findings block at or above the
    /// policy's severity.
    #[must_use]
    pub fn blocks(&self, policy: &BlockPolicy) -> bool {
        match self.kind {
            Kind::Secret => policy.block_secrets && self.confidence == Confidence::High,
            Kind::Code => policy
                .block_severity
                .is_some_and(|min| self.severity >= min),
        }
    }

    /// `CWE-<n>`.
    #[must_use]
    pub fn cwe_id(&self) -> String {
        format!("CWE-{}", self.cwe)
    }
}

/// Hex SHA-256 over `rule_id`, `path` and `secret`, separated by NUL bytes.
#[must_use]
pub fn fingerprint(rule_id: &str, path: &str, secret: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(rule_id.as_bytes());
    hasher.update([0]);
    hasher.update(path.as_bytes());
    hasher.update([0]);
    hasher.update(secret);
    hex::encode(hasher.finalize())
}

/// The first `min(4, len / 4)` characters, `…`, and the length in characters.
#[must_use]
pub fn redact(secret: &[u8]) -> String {
    let text = String::from_utf8_lossy(secret);
    let len = text.chars().count();
    let shown: String = text.chars().take((len / 4).min(4)).collect();
    format!("{shown}…({len} chars)")
}

/// A code match shortened to one line of at most 80 characters.
#[must_use]
pub fn snippet(code: &[u8]) -> String {
    let text = String::from_utf8_lossy(code);
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() > 80 {
        let short: String = line.chars().take(79).collect();
        format!("{short}…")
    } else {
        line.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(kind: Kind, confidence: Confidence, severity: Severity) -> Finding {
        Finding {
            rule_id: "r".into(),
            kind,
            path: String::new(),
            line: 1,
            column: 1,
            redacted: String::new(),
            fingerprint: String::new(),
            confidence,
            severity,
            cwe: 798,
            description: String::new(),
            fix: String::new(),
            inline_allow_refused: false,
            flow: Vec::new(),
        }
    }

    #[test]
    fn redaction_shows_at_most_a_quarter() {
        assert_eq!(
            redact(b"ghp_abcdefghijklmnopqrstuvwxyz0123456789"),
            "ghp_…(40 chars)"
        );
        assert_eq!(redact(b"hunter2!"), "hu…(8 chars)");
        assert_eq!(redact(b"abc"), "…(3 chars)");
    }

    #[test]
    fn fingerprint_is_stable_and_depends_on_every_part() {
        let a = fingerprint("r", "p", b"s");
        assert_eq!(a.len(), 64);
        assert_eq!(a, fingerprint("r", "p", b"s"));
        assert_ne!(a, fingerprint("r", "p", b"t"));
        assert_ne!(a, fingerprint("r", "q", b"s"));
        assert_ne!(a, fingerprint("q", "p", b"s"));
    }

    #[test]
    fn block_policy() {
        let policy = BlockPolicy::default();
        assert!(finding(Kind::Secret, Confidence::High, Severity::High).blocks(&policy));
        assert!(!finding(Kind::Secret, Confidence::Medium, Severity::High).blocks(&policy));
        assert!(finding(Kind::Code, Confidence::Low, Severity::Critical).blocks(&policy));
        assert!(!finding(Kind::Code, Confidence::High, Severity::Medium).blocks(&policy));
        let lax = BlockPolicy {
            block_secrets: false,
            block_severity: None,
        };
        assert!(!finding(Kind::Secret, Confidence::High, Severity::High).blocks(&lax));
        assert!(!finding(Kind::Code, Confidence::High, Severity::Critical).blocks(&lax));
    }

    #[test]
    fn json_keys() {
        let json = serde_json::to_value(finding(Kind::Code, Confidence::High, Severity::Low))
            .expect("serialisable");
        assert_eq!(json["cwe"], "CWE-798");
        assert_eq!(json["kind"], "code");
        assert_eq!(json["severity"], "low");
    }
}
