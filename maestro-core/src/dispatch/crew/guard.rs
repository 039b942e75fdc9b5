//! The guard of a collection: every blob of a crew's change is scanned before anything is
//! written, and a high-confidence secret or unscannable content refuses the change.

use std::sync::Arc;

use super::super::shared::{Shared, blocking};
use crate::ports::{
    Candidate, Collected, CrewWorktree, PortError, ScanFinding, ScanKinds, ScanRequest, Scanner,
    Suppressed, Verdict,
};

/// What the guard of a collection saw.
#[derive(Debug, Default)]
pub(super) struct GuardLog {
    /// Findings that stand, new in the change (not already in the base), with the crew's own
    /// commit each came from.
    pub findings: Vec<(ScanFinding, Option<String>)>,
    /// Findings a suppression took out.
    pub suppressed: Vec<Suppressed>,
    /// Content that could not be scanned (too large), with why.
    pub unscanned: Vec<String>,
    /// One line per refused candidate: what in it blocks.
    pub refusals: Vec<String>,
    /// Every path the guard was shown.
    pub paths: Vec<String>,
}

impl GuardLog {
    /// The findings that refuse a change: high-confidence secrets.
    pub(super) fn blocking(&self) -> impl Iterator<Item = &ScanFinding> {
        self.findings
            .iter()
            .map(|(f, _)| f)
            .filter(|f| f.secret && f.high_confidence)
    }

    /// Judges one candidate: a high-confidence secret new in the change, or content that cannot
    /// be scanned, refuses it.
    fn check(&mut self, scanner: &dyn Scanner, candidate: &Candidate<'_>) -> Verdict {
        if !self.paths.iter().any(|p| p == candidate.path) {
            self.paths.push(candidate.path.to_owned());
        }
        let whence = candidate
            .commit
            .map(|c| format!(" (in the crew's own commit {})", &c[..c.len().min(12)]))
            .unwrap_or_default();
        // A credential in a file name would reach a tree object: the path is scanned too.
        let named = scanner.scan(&ScanRequest {
            kinds: ScanKinds::Secrets,
            path: None,
            text: candidate.path.as_bytes(),
            base: None,
        });
        let mut verdict = Verdict::Accept;
        for finding in named
            .findings
            .iter()
            .filter(|f| f.secret && f.high_confidence)
        {
            self.refusals.push(format!(
                "a file name{whence}: {} {}",
                finding.rule_id, finding.redacted
            ));
            verdict = Verdict::Refuse;
        }
        self.findings.extend(
            named
                .findings
                .into_iter()
                .map(|f| (f, candidate.commit.map(str::to_owned))),
        );
        let request = ScanRequest {
            kinds: ScanKinds::All,
            path: Some(candidate.path),
            text: candidate.bytes,
            base: candidate.base,
        };
        let outcome = scanner.scan(&request);
        if let Some(why) = outcome.unscanned {
            self.refusals.push(format!(
                "{}{whence}: cannot be scanned: {why}",
                candidate.path
            ));
            self.unscanned.push(why);
            return Verdict::Refuse;
        }
        let mut findings = outcome.findings;
        if let Some(base) = candidate.base
            && !findings.is_empty()
        {
            // What the base already held is not the crew's.
            let earlier = scanner.scan(&ScanRequest {
                text: base,
                base: Some(base),
                ..request
            });
            let known: Vec<String> = earlier
                .findings
                .into_iter()
                .chain(earlier.suppressed.into_iter().map(|s| s.finding))
                .map(|f| f.fingerprint)
                .collect();
            findings.retain(|f| !known.contains(&f.fingerprint));
        }
        self.suppressed.extend(outcome.suppressed);
        for finding in findings {
            if finding.secret && finding.high_confidence {
                self.refusals.push(format!(
                    "{}:{}{whence}: {} {}",
                    finding.path, finding.line, finding.rule_id, finding.redacted
                ));
                verdict = Verdict::Refuse;
            }
            self.findings
                .push((finding, candidate.commit.map(str::to_owned)));
        }
        verdict
    }
}

pub(super) fn finding_detail(f: &ScanFinding) -> serde_json::Value {
    serde_json::json!({
        "rule_id": f.rule_id,
        "path": f.path,
        "line": f.line,
        "redacted": f.redacted,
        "fingerprint": f.fingerprint,
    })
}

/// Collects the crew's change through the isolation port, every blob judged by the guard
/// before anything is written.
pub(super) async fn collect(
    shared: &Shared,
    worktree: &CrewWorktree,
    author: String,
    message: String,
) -> Result<(Collected, GuardLog), PortError> {
    let isolation = Arc::clone(&shared.ports.isolation);
    let scanner = Arc::clone(&shared.ports.scanner);
    let worktree = worktree.clone();
    blocking(move || {
        let mut log = GuardLog::default();
        let collected = isolation.collect(&worktree, &author, &message, &mut |candidate| {
            log.check(scanner.as_ref(), candidate)
        })?;
        Ok((collected, log))
    })
    .await
}
