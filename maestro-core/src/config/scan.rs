//! `scan`: the scanner's behaviour, and the severity of code findings.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `scan`: scanner behaviour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Scan {
    /// Block writes that hold a secret.
    pub block_secrets: bool,
    /// Code findings at or above this severity block (post-tool hook, `scan_clean` gates).
    pub block_severity: Severity,
    /// Suppressions: a rule id, a path glob or a finding fingerprint.
    pub allow: Vec<String>,
    /// The largest text (a written file, a tool input, a changed file at a gate) the scanner
    /// reads, in bytes; larger content is refused, never let through unscanned. Default:
    /// 10 MiB.
    #[schemars(range(min = 1))]
    pub max_file_size: u64,
}

/// The default of `scan.maxFileSize`: 10 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 << 20;

impl Default for Scan {
    fn default() -> Self {
        Scan {
            block_secrets: true,
            block_severity: Severity::High,
            allow: Vec::new(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// Severity of a code finding.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational.
    Low,
    /// Worth fixing.
    Medium,
    /// Exploitable in common settings.
    #[default]
    High,
    /// Exploitable almost everywhere.
    Critical,
}

crate::json::deserialize_by_name!(Severity);

impl Severity {
    /// Every value.
    pub const ALL: [Severity; 4] = [
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    /// The name used in `workspace.json`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}
