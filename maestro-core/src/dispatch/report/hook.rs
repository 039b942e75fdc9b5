//! What the hooks record in an order's report: blocked calls, reported findings, suppressions.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// A finding the hooks recorded in an order's report. The match is redacted; the secret itself
/// is never stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HookFinding {
    /// The tool whose call it was found in (empty for a finding of the merge-time gate).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub tool: String,
    /// The rule that matched.
    pub rule_id: String,
    /// The file, relative to the worktree (empty for a command).
    pub path: String,
    /// 1-based line.
    pub line: u64,
    /// The match, redacted.
    pub redacted: String,
    /// Fingerprint of rule, path and match (hex).
    pub fingerprint: String,
    /// Severity of a code finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<crate::config::Severity>,
    /// CWE id of a code finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cwe: Option<u32>,
    /// When (RFC 3339).
    pub at: String,
}

impl HookFinding {
    /// `finding`, found in a call of `tool` now.
    #[must_use]
    pub fn of(finding: &crate::ports::ScanFinding, tool: &str) -> HookFinding {
        HookFinding {
            tool: tool.to_owned(),
            rule_id: finding.rule_id.clone(),
            path: finding.path.clone(),
            line: finding.line,
            redacted: finding.redacted.clone(),
            fingerprint: finding.fingerprint.clone(),
            severity: finding.severity,
            cwe: finding.cwe,
            at: Timestamp::now().to_string(),
        }
    }
}

/// A tool call the pre-tool hook refused: for a finding, or for a reason (a path outside the
/// worktree, content it cannot check).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum HookBlock {
    /// A credential it found.
    Finding(HookFinding),
    /// Another reason.
    Refused {
        /// The tool.
        tool: String,
        /// The path the call would have written, when it names one.
        path: Option<String>,
        /// Why, in one line.
        reason: String,
        /// When (RFC 3339).
        at: String,
    },
}

/// A suppression that took effect on a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HookOverride {
    /// The finding it took out.
    #[serde(flatten)]
    pub finding: HookFinding,
    /// The suppression, e.g. `scan.allow[0]` or `inline maestro:allow`.
    pub by: String,
}
