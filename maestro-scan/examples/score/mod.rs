//! Scoring the code rules on a labelled corpus: `<language>/cwe-<N>/<slug>.vulnerable.<ext>` and
//! `<slug>.safe.<ext>` pairs. Per (language, CWE): TPR is the share of vulnerable files with a
//! finding of that CWE, FPR the share of safe files with one, and the score TPR − FPR. Shared by
//! `examples/corpus_score.rs` and the corpus test.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use maestro_scan::{Kinds, RuleSet, ScanOptions, Scanner};

/// The CWE a finding counts for: 95 counts as 94, 327 as 328, 1004 as 614.
pub fn category(cwe: u32) -> u32 {
    match cwe {
        95 => 94,
        327 => 328,
        1004 => 614,
        other => other,
    }
}

/// One corpus file.
#[derive(Debug, Clone)]
pub struct Case {
    pub language: String,
    pub cwe: u32,
    pub vulnerable: bool,
    pub path: PathBuf,
}

/// The score of one (language, CWE).
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub pairs: usize,
    pub vulnerable: usize,
    pub safe: usize,
    pub true_positives: usize,
    pub false_positives: usize,
    /// Files scored wrongly: (path, what was wrong).
    pub misses: Vec<(PathBuf, String)>,
}

impl Score {
    pub fn tpr(&self) -> f64 {
        ratio(self.true_positives, self.vulnerable)
    }
    pub fn fpr(&self) -> f64 {
        ratio(self.false_positives, self.safe)
    }
    pub fn score(&self) -> f64 {
        self.tpr() - self.fpr()
    }
}

#[allow(clippy::cast_precision_loss)] // counts are small
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Every corpus file under `root`.
pub fn cases(root: &Path) -> Vec<Case> {
    let mut out = Vec::new();
    let Ok(languages) = std::fs::read_dir(root) else {
        return out;
    };
    for language in languages.flatten() {
        let language_name = language.file_name().to_string_lossy().into_owned();
        let Ok(cwes) = std::fs::read_dir(language.path()) else {
            continue;
        };
        for cwe_dir in cwes.flatten() {
            let name = cwe_dir.file_name().to_string_lossy().into_owned();
            let Some(cwe) = name
                .strip_prefix("cwe-")
                .and_then(|n| n.parse::<u32>().ok())
            else {
                continue;
            };
            let Ok(files) = std::fs::read_dir(cwe_dir.path()) else {
                continue;
            };
            for file in files.flatten() {
                let file_name = file.file_name().to_string_lossy().into_owned();
                let vulnerable = if file_name.contains(".vulnerable.") {
                    true
                } else if file_name.contains(".safe.") {
                    false
                } else {
                    continue;
                };
                out.push(Case {
                    language: language_name.clone(),
                    cwe: category(cwe),
                    vulnerable,
                    path: file.path(),
                });
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// Score every (language, CWE) of the corpus at `root` with the built-in code rules.
pub fn score(root: &Path) -> BTreeMap<(String, u32), Score> {
    let scanner = Scanner::new(
        RuleSet::builtin().clone(),
        ScanOptions {
            kinds: Kinds::Code,
            ..ScanOptions::default()
        },
    );
    let mut table: BTreeMap<(String, u32), Score> = BTreeMap::new();
    let cases = cases(root);
    for case in &cases {
        let text = std::fs::read(&case.path).unwrap_or_default();
        let report = scanner.scan_text(Some(&case.path.to_string_lossy()), &text);
        let found: Vec<String> = report
            .findings
            .iter()
            .filter(|f| category(f.cwe) == case.cwe)
            .map(|f| format!("{}:{}", f.rule_id, f.line))
            .collect();
        let entry = table.entry((case.language.clone(), case.cwe)).or_default();
        if case.vulnerable {
            entry.vulnerable += 1;
            if found.is_empty() {
                entry
                    .misses
                    .push((case.path.clone(), "no finding".to_owned()));
            } else {
                entry.true_positives += 1;
            }
        } else {
            entry.safe += 1;
            if !found.is_empty() {
                entry.false_positives += 1;
                entry.misses.push((case.path.clone(), found.join(", ")));
            }
        }
    }
    for score in table.values_mut() {
        score.pairs = score.vulnerable.min(score.safe);
    }
    table
}
