//! The result of a scan: findings and a summary that counts everything not reported.

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
    /// A NUL byte in the first 8 KiB.
    pub binary: usize,
    /// Larger than `ScanOptions::max_file_size`.
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
    /// Files skipped (binary, too large, unreadable).
    pub skipped: usize,
    /// Findings suppressed (inline comments and `scan.allow`).
    pub suppressed: usize,
    /// Findings reported.
    pub findings: usize,
    /// `skipped` by reason.
    pub skipped_by: SkippedBy,
    /// `suppressed` by reason.
    pub suppressed_by: SuppressedBy,
}

/// A file that could not be read or walked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileError {
    /// The path (may be empty for walk errors without one).
    pub path: String,
    /// What went wrong.
    pub message: String,
}

/// Findings (sorted by path, line, column) and the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The findings.
    pub findings: Vec<Finding>,
    /// The counts.
    pub summary: Summary,
    /// Files that could not be read.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FileError>,
}

impl Report {
    /// Whether there is no finding.
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }

    /// The findings that block under `policy`.
    pub fn blocking<'a>(&'a self, policy: &'a BlockPolicy) -> impl Iterator<Item = &'a Finding> {
        self.findings.iter().filter(move |f| f.blocks(policy))
    }

    /// Add another report's findings and counts to this one (call [`Report::finish`] after).
    pub fn absorb(&mut self, other: Report) {
        self.findings.extend(other.findings);
        self.errors.extend(other.errors);
        let (a, b) = (&mut self.summary, other.summary);
        a.files += b.files;
        a.bytes += b.bytes;
        a.skipped_by.binary += b.skipped_by.binary;
        a.skipped_by.too_large += b.skipped_by.too_large;
        a.skipped_by.unreadable += b.skipped_by.unreadable;
        a.suppressed_by.inline += b.suppressed_by.inline;
        a.suppressed_by.rule += b.suppressed_by.rule;
        a.suppressed_by.path += b.suppressed_by.path;
        a.suppressed_by.fingerprint += b.suppressed_by.fingerprint;
    }

    /// Sort the findings by path, line, column (then rule id) and recompute the totals.
    pub fn finish(&mut self) {
        self.findings.sort_by(|a, b| {
            (a.path.as_str(), a.line, a.column, a.rule_id.as_str()).cmp(&(
                b.path.as_str(),
                b.line,
                b.column,
                b.rule_id.as_str(),
            ))
        });
        self.errors.sort_by(|a, b| a.path.cmp(&b.path));
        let s = &mut self.summary;
        s.findings = self.findings.len();
        s.skipped = s.skipped_by.binary + s.skipped_by.too_large + s.skipped_by.unreadable;
        s.suppressed = s.suppressed_by.inline
            + s.suppressed_by.rule
            + s.suppressed_by.path
            + s.suppressed_by.fingerprint;
    }

    pub(crate) fn count_suppression(&mut self, why: Suppression) {
        let s = &mut self.summary.suppressed_by;
        match why {
            Suppression::Inline => s.inline += 1,
            Suppression::Rule => s.rule += 1,
            Suppression::Path => s.path += 1,
            Suppression::Fingerprint => s.fingerprint += 1,
        }
    }
}
