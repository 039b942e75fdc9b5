//! maestro's scanner for secrets and insecure code.
//!
//! **Rules are data** ([`rule`]): a built-in rule set compiled into the crate (251 secret rules
//! and 79 code rules with CWE ids, each with positive and negative examples) plus optional user
//! rule files of the same TOML format ([`RuleSet::with_user_file`]).
//!
//! **The engine** ([`Scanner`]) makes one case-insensitive Aho-Corasick pass over the input for
//! every rule keyword; only rules whose keyword occurs are evaluated, their regexes compiled on
//! first use (once per process, shared between threads) and run only on the lines around the
//! keyword hit. Secret matches then pass an entropy check, a placeholder filter and an optional
//! validator (GitHub CRC32 checksums, JWT headers, PEM structure). Overlapping secret matches keep
//! the most specific rule. Findings are suppressed by an inline `maestro:allow [rule-id,...]`
//! comment on the line or by an [`Allowlist`] built from `scan.allow`; every suppression is
//! counted in the [`Summary`]. Binary and oversized files are skipped and counted.
//!
//! **Inputs**: a text with an optional path ([`Scanner::scan_text`], the hook path), a file
//! ([`Scanner::scan_file`]), trees honouring `.gitignore` ([`Scanner::scan_tree`],
//! [`Scanner::scan_paths`]) and the added lines of a staged diff ([`Scanner::scan_added_lines`]).
//!
//! **Outputs** ([`output`]): grep-like text, the JSON shape of the `maestro scan --format json`
//! specification, and SARIF 2.1.0.
//!
//! A [`Finding`] never holds the secret: only a redacted form (at most four characters and never
//! more than a quarter of it) and a SHA-256 fingerprint. [`Finding::blocks`] applies the hook
//! policy: high-confidence secrets block, code findings block at or above a severity.
//!
//! # Wiring (for the CLI)
//!
//! - Rules: `RuleSet::builtin().clone()` (cheap: rules are shared), then
//!   [`RuleSet::with_user_file`] for a user rule file. `scan.allow` becomes
//!   [`Allowlist::new`]`(&config.scan.allow, &rules)`; its error names the bad entry (exit 2).
//! - `maestro hook pre-tool-use`: a [`Scanner`] with [`Kinds::Secrets`], then
//!   [`Scanner::scan_text`]`(Some(file_path), content)` for Write/Edit/NotebookEdit texts and
//!   `scan_text(None, command)` for Bash; block when [`Report::blocking`] yields a finding under
//!   `BlockPolicy { block_secrets: config.scan.block_secrets, .. }`; the reason is
//!   [`output::text`] of the report (redacted, with rule, path and line).
//! - `maestro hook post-tool-use`: [`Kinds::Code`], [`Scanner::scan_file`], block at or above
//!   `block_severity` (`Severity` parses from the config's lowercase name with `str::parse`);
//!   each finding carries its CWE, line and fix hint.
//! - `maestro scan PATH...`: [`Scanner::scan_paths`] (a missing path is an error, exit 2);
//!   `--staged`: [`Scanner::scan_added_lines`] with the added lines of the staged diff;
//!   `--rules` parses into [`Kinds`]; `--format`: [`output::text`] (+ [`output::summary_line`]),
//!   [`output::json`], [`output::sarif`]; exit 1 when the report is not
//!   [`Report::is_clean`].
//!
//! ```
//! use maestro_scan::{Allowlist, BlockPolicy, Kinds, RuleSet, ScanOptions, Scanner, output};
//!
//! let rules = RuleSet::builtin().clone();
//! let options = ScanOptions {
//!     kinds: Kinds::All,
//!     allow: Allowlist::new(&["tests/fixtures/**"], &rules)?,
//!     ..ScanOptions::default()
//! };
//! let scanner = Scanner::new(rules, options);
//!
//! let text = "import requests\nr = requests.get(url, verify=False)\n\
//!             aws_id = 'AKIAQ7RPZ3MFXW2BKT5L'\n";
//! let report = scanner.scan_text(Some("app.py"), text.as_bytes());
//!
//! let ids: Vec<&str> = report.findings.iter().map(|f| f.rule_id.as_str()).collect();
//! assert_eq!(ids, ["python-requests-verify-false", "aws-access-key-id"]);
//! assert_eq!((report.findings[1].line, report.findings[1].column), (3, 11));
//! assert_eq!(report.findings[1].redacted, "AKIA…(20 chars)");
//!
//! // Both block under the default policy: a high-confidence secret and a high-severity CWE-295.
//! let policy = BlockPolicy::default();
//! assert_eq!(report.blocking(&policy).count(), 2);
//!
//! let json = output::json_value(&report);
//! assert_eq!(json["summary"]["findings"], 2);
//! assert_eq!(json["findings"][0]["cwe"], "CWE-295");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

pub mod allow;
pub mod examples;
pub mod finding;
mod keywords;
pub mod language;
pub mod output;
pub mod report;
pub mod rule;
pub mod rule_set;
pub mod scanner;
pub mod validate;
pub mod walk;

pub use allow::Allowlist;
pub use finding::{BlockPolicy, Finding};
pub use language::Language;
pub use report::{FileError, Report, SkippedBy, Summary, SuppressedBy};
pub use rule::{Confidence, Kind, Rule, Severity, Validator};
pub use rule_set::RuleSet;
pub use scanner::{Kinds, ScanOptions, Scanner};
pub use walk::AddedLines;
