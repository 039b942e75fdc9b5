//! The result of a scan: findings, the findings suppressions took out, what could not be
//! scanned, and a summary that counts everything not reported.

use std::fmt;

use serde::Serialize;

use crate::{
    allow::Suppression,
    finding::{BlockPolicy, Finding},
};

/// Suppressed findings by reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SuppressedBy {
    /// `maestro:allow` comments.
    pub inline: usize,
    /// Allowed rule ids.
    pub rule: usize,
    /// Allowed path globs.
    pub path: usize,
    /// Allowed fingerprints.
    pub fingerprint: usize,
}

/// Files not scanned, by reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SkippedBy {
    /// Binary files skipped: always 0 since binary-looking content is scanned (counted in
    /// [`Summary::binary_scanned`]); kept so readers of the `skipped_by` object keep working.
    pub binary: usize,
    /// Larger than `ScanOptions::max_file_size`: refused, each listed in [`Report::unscanned`].
    pub too_large: usize,
    /// Could not be read (see `Report::errors`).
    pub unreadable: usize,
}

/// Counts over a scan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files (or texts) scanned.
    pub files: usize,
    /// Bytes scanned.
    pub bytes: u64,
    /// Files skipped (too large, unreadable).
    pub skipped: usize,
    /// Findings suppressed (inline comments and `scan.allow`).
    pub suppressed: usize,
    /// Findings reported.
    pub findings: usize,
    /// `skipped` by reason.
    pub skipped_by: SkippedBy,
    /// `suppressed` by reason.
    pub suppressed_by: SuppressedBy,
    /// Files (or texts) with a NUL byte, scanned through the binary path (printable runs,
    /// NUL-interleaved runs, UTF-16 decoding) instead of as text; also counted in `files`.
    pub binary_scanned: usize,
}

/// A file that could not be read or walked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileError {
    /// The path (may be empty for walk errors without one).
    pub path: String,
    /// What went wrong.
    pub message: String,
}

/// A finding a suppression took out, kept so that no suppression is silent. The finding is
/// redacted like every other: it never holds the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suppressed {
    /// The finding.
    pub finding: Finding,
    /// What suppressed it.
    pub by: Suppression,
}

/// Why some content was not scanned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum UnscannedReason {
    /// Larger than `ScanOptions::max_file_size`: not read past the limit.
    TooLarge {
        /// The size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file could not be read (or a tree walk failed there).
    Unreadable {
        /// What went wrong.
        message: String,
    },
}

impl fmt::Display for UnscannedReason {
    /// The reason alone, e.g. `is 12345678 bytes, above the scanner's limit of 10485760
    /// (scan.maxFileSize raises it)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnscannedReason::TooLarge { size, limit } => write!(
                f,
                "is {size} bytes, above the scanner's limit of {limit} (scan.maxFileSize raises it)"
            ),
            UnscannedReason::Unreadable { message } => {
                write!(f, "could not be read: {}", one_line(message))
            }
        }
    }
}

/// Content that was not scanned: callers that must fail closed refuse it
/// ([`Report::is_complete`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unscanned {
    /// The path (empty for a text scanned without one; may be empty for a walk error).
    pub path: String,
    /// Why.
    pub reason: UnscannedReason,
}

impl fmt::Display for Unscanned {
    /// One line: `` `big.bin` is 12345678 bytes, above the scanner's limit of 10485760
    /// (scan.maxFileSize raises it)``; a text without a path is shown as `<input>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "<input>"
        } else {
            &self.path
        };
        write!(f, "`{}` {}", one_line(path), self.reason)
    }
}

fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['\n', '\r']) {
        text.replace(['\n', '\r'], " ").into()
    } else {
        text.into()
    }
}

/// Findings (sorted by path, line, column), the suppressed findings, what was not scanned, and
/// the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The findings.
    pub findings: Vec<Finding>,
    /// The counts.
    pub summary: Summary,
    /// Files that could not be read (each also listed in `unscanned`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FileError>,
    /// Every finding a suppression took out (sorted like `findings`); `summary.suppressed_by`
    /// counts them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<Suppressed>,
    /// Content that was not scanned (too large, unreadable), sorted by path.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unscanned: Vec<Unscanned>,
}

impl Report {
    /// Whether there is no finding. Says nothing of content that was not scanned: a caller
    /// that must fail closed (a hook, a gate) also requires [`Report::is_complete`], and
    /// refuses with the [`Unscanned`] lines otherwise.
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }

    /// Whether everything given was scanned: nothing too large, nothing unreadable.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.unscanned.is_empty()
    }

    /// The findings that block under `policy`.
    pub fn blocking<'a>(&'a self, policy: &'a BlockPolicy) -> impl Iterator<Item = &'a Finding> {
        self.findings.iter().filter(move |f| f.blocks(policy))
    }

    /// Add another report's findings and counts to this one (call [`Report::finish`] after).
    pub fn absorb(&mut self, other: Report) {
        self.findings.extend(other.findings);
        self.errors.extend(other.errors);
        self.suppressed.extend(other.suppressed);
        self.unscanned.extend(other.unscanned);
        let (a, b) = (&mut self.summary, other.summary);
        a.files += b.files;
        a.bytes += b.bytes;
        a.binary_scanned += b.binary_scanned;
        a.skipped_by.binary += b.skipped_by.binary;
        a.skipped_by.too_large += b.skipped_by.too_large;
        a.skipped_by.unreadable += b.skipped_by.unreadable;
        a.suppressed_by.inline += b.suppressed_by.inline;
        a.suppressed_by.rule += b.suppressed_by.rule;
        a.suppressed_by.path += b.suppressed_by.path;
        a.suppressed_by.fingerprint += b.suppressed_by.fingerprint;
    }

    /// Sort the findings (and the suppressed ones) by path, line, column (then rule id), the
    /// errors and unscanned content by path, and recompute the totals.
    pub fn finish(&mut self) {
        fn key(f: &Finding) -> (&str, usize, usize, &str) {
            (f.path.as_str(), f.line, f.column, f.rule_id.as_str())
        }
        self.findings.sort_by(|a, b| key(a).cmp(&key(b)));
        self.suppressed
            .sort_by(|a, b| key(&a.finding).cmp(&key(&b.finding)));
        self.errors.sort_by(|a, b| a.path.cmp(&b.path));
        self.unscanned.sort_by(|a, b| a.path.cmp(&b.path));
        let s = &mut self.summary;
        s.findings = self.findings.len();
        s.skipped = s.skipped_by.binary + s.skipped_by.too_large + s.skipped_by.unreadable;
        s.suppressed = s.suppressed_by.inline
            + s.suppressed_by.rule
            + s.suppressed_by.path
            + s.suppressed_by.fingerprint;
    }

    /// Count and keep a suppressed finding.
    pub(crate) fn suppress(&mut self, finding: Finding, by: Suppression) {
        let s = &mut self.summary.suppressed_by;
        match by {
            Suppression::Inline => s.inline += 1,
            Suppression::Rule => s.rule += 1,
            Suppression::Path => s.path += 1,
            Suppression::Fingerprint => s.fingerprint += 1,
        }
        self.suppressed.push(Suppressed { finding, by });
    }

    /// Record content over the size limit, not scanned.
    pub(crate) fn refuse_too_large(&mut self, path: &str, size: u64, limit: u64) {
        self.summary.skipped_by.too_large += 1;
        self.unscanned.push(Unscanned {
            path: path.to_owned(),
            reason: UnscannedReason::TooLarge { size, limit },
        });
    }

    /// Record a file that could not be read, not scanned.
    pub(crate) fn refuse_unreadable(&mut self, path: String, message: String) {
        self.summary.skipped_by.unreadable += 1;
        self.errors.push(FileError {
            path: path.clone(),
            message: message.clone(),
        });
        self.unscanned.push(Unscanned {
            path,
            reason: UnscannedReason::Unreadable { message },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_large_reads_as_one_line_naming_size_limit_and_setting() {
        let unscanned = Unscanned {
            path: "assets/big.bin".into(),
            reason: UnscannedReason::TooLarge {
                size: 12_345_678,
                limit: 10_485_760,
            },
        };
        assert_eq!(
            unscanned.to_string(),
            "`assets/big.bin` is 12345678 bytes, above the scanner's limit of 10485760 \
             (scan.maxFileSize raises it)"
        );
        let unreadable = Unscanned {
            path: String::new(),
            reason: UnscannedReason::Unreadable {
                message: "denied\nsecond line".into(),
            },
        };
        assert_eq!(
            unreadable.to_string(),
            "`<input>` could not be read: denied second line"
        );
        let json = serde_json::to_value(&unscanned).expect("serialisable");
        assert_eq!(json["reason"]["kind"], "too_large");
        assert_eq!(json["reason"]["limit"], 10_485_760);
    }

    #[test]
    fn completeness_is_separate_from_cleanliness_and_survives_absorb() {
        let mut report = Report::default();
        assert!(report.is_clean() && report.is_complete());
        let mut part = Report::default();
        part.refuse_too_large("a", 2, 1);
        part.refuse_unreadable("b".into(), "gone".into());
        report.absorb(part);
        report.finish();
        assert!(report.is_clean());
        assert!(!report.is_complete());
        assert_eq!(report.unscanned.len(), 2);
        assert_eq!(report.errors.len(), 1);
        assert_eq!(report.summary.skipped, 2);
    }
}
