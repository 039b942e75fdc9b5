//! The secret and code scanner, with maestro-scan.

use anyhow::Context as _;
use maestro_core::WorkspaceConfig;
use maestro_core::config::Severity as ConfigSeverity;
use maestro_core::ports::{ScanFinding, ScanKinds, ScanOutcome, ScanRequest, Scanner, Suppressed};

/// The scanner, with the workspace's rules, suppressions and size limit. One scanner per kind of
/// rules is built when first used (a hook needs only one).
#[derive(Debug)]
pub struct ScanPort {
    rules: maestro_scan::RuleSet,
    allow: maestro_scan::Allowlist,
    max_file_size: u64,
    /// Syntax trees kept per scanner (0: none).
    kept_trees: usize,
    scanners: [std::sync::OnceLock<maestro_scan::Scanner>; 3],
}

impl ScanPort {
    /// Built-in rules, `scan.allow` and `scan.maxFileSize`; an inline `maestro:allow` counts
    /// only on a line of the base the caller gives.
    pub fn new(config: &WorkspaceConfig) -> anyhow::Result<ScanPort> {
        let rules = maestro_scan::RuleSet::builtin().clone();
        let allow = maestro_scan::Allowlist::new(&config.scan.allow, &rules)
            .context("scan.allow in .mso/workspace.json")?;
        Ok(ScanPort {
            rules,
            allow,
            max_file_size: config.scan.max_file_size,
            kept_trees: 0,
            scanners: Default::default(),
        })
    }

    /// This port, its scanners keeping the syntax trees of the last `paths` files they scanned
    /// (see [`maestro_scan::Scanner::keeping_trees`]): for a process that scans the same files
    /// again and again.
    #[must_use]
    pub fn keeping_trees(mut self, paths: usize) -> ScanPort {
        self.kept_trees = paths;
        self
    }

    fn scanner(&self, kinds: ScanKinds) -> &maestro_scan::Scanner {
        let (slot, kinds) = match kinds {
            ScanKinds::Secrets => (0, maestro_scan::Kinds::Secrets),
            ScanKinds::Code => (1, maestro_scan::Kinds::Code),
            ScanKinds::All => (2, maestro_scan::Kinds::All),
        };
        self.scanners[slot].get_or_init(|| self.build(kinds, maestro_scan::InlineAllow::BaseLines))
    }

    /// A scanner of `kinds` for the user's own scans (`maestro scan`): the workspace's rules,
    /// suppressions and size limit, with inline allows counted on every line (a crew's
    /// scanner counts them only on lines of its base).
    #[must_use]
    pub fn for_user(&self, kinds: maestro_scan::Kinds) -> maestro_scan::Scanner {
        self.build(kinds, maestro_scan::ScanOptions::default().inline_allow)
    }

    fn build(
        &self,
        kinds: maestro_scan::Kinds,
        inline_allow: maestro_scan::InlineAllow,
    ) -> maestro_scan::Scanner {
        let scanner = maestro_scan::Scanner::new(
            self.rules.clone(),
            maestro_scan::ScanOptions {
                kinds,
                allow: self.allow.clone(),
                max_file_size: self.max_file_size,
                inline_allow,
                ..maestro_scan::ScanOptions::default()
            },
        );
        if self.kept_trees > 0 && kinds != maestro_scan::Kinds::Secrets {
            scanner.keeping_trees(self.kept_trees)
        } else {
            scanner
        }
    }
}

/// A scanner finding in maestro-core's terms.
fn scan_finding(f: maestro_scan::Finding) -> ScanFinding {
    let secret = f.kind == maestro_scan::Kind::Secret;
    ScanFinding {
        secret,
        high_confidence: f.confidence == maestro_scan::Confidence::High,
        severity: (!secret).then(|| severity(f.severity)),
        cwe: (!secret && f.cwe != 0).then_some(f.cwe),
        line: f.line as u64,
        message: if f.fix.is_empty() {
            f.description
        } else {
            format!("{} Fix: {}", f.description, f.fix)
        },
        inline_allow_refused: f.inline_allow_refused,
        rule_id: f.rule_id,
        path: f.path,
        redacted: f.redacted,
        fingerprint: f.fingerprint,
    }
}

fn severity(s: maestro_scan::Severity) -> ConfigSeverity {
    match s {
        maestro_scan::Severity::Low => ConfigSeverity::Low,
        maestro_scan::Severity::Medium => ConfigSeverity::Medium,
        maestro_scan::Severity::High => ConfigSeverity::High,
        maestro_scan::Severity::Critical => ConfigSeverity::Critical,
    }
}

impl Scanner for ScanPort {
    fn scan(&self, request: &ScanRequest<'_>) -> ScanOutcome {
        let report = self.scanner(request.kinds).scan_text_with_base(
            request.path,
            request.text,
            request.base,
        );
        ScanOutcome {
            unscanned: report.unscanned.first().map(ToString::to_string),
            suppressed: report
                .suppressed
                .into_iter()
                .map(|s| Suppressed {
                    by: s.by.to_string(),
                    finding: scan_finding(s.finding),
                })
                .collect(),
            findings: report.findings.into_iter().map(scan_finding).collect(),
        }
    }

    fn redact(&self, text: &str) -> Option<String> {
        self.scanner(ScanKinds::Secrets).redact_secrets(text)
    }
}
