//! maestro's scanner for secrets and insecure code.
//!
//! **Rules are data** ([`rule`]): a built-in rule set compiled into the crate (secret rules and
//! code rules with CWE ids, each with positive and negative examples) plus optional user rule
//! files of the regex format ([`RuleSet::with_user_file`]).
//!
//! **Code rules run on syntax trees** ([`code`]): a file whose language has code rules is parsed
//! once with its tree-sitter grammar and walked by one language-neutral engine that follows
//! untrusted data from sources to sinks (SQL, shell, `eval`, paths, redirects, HTML...) and
//! checks structural rules (weak hashes for passwords, XML parsers resolving entities, insecure
//! cookies); a tainted finding carries its flow ([`Finding::flow`], SARIF `codeFlows`). Nothing
//! inside a string literal or a comment is matched as code. The rule format is in
//! `docs/code-rules.md`.
//!
//! **The engine** ([`Scanner`]) makes one case-insensitive Aho-Corasick pass over the input for
//! every rule keyword; only rules whose keyword occurs are evaluated, their regexes compiled on
//! first use (once per process, shared between threads) and run only on the lines around the
//! keyword hit. Secret matches then pass an entropy check, a placeholder filter and an optional
//! validator (GitHub CRC32 checksums, JWT headers, PEM structure). Overlapping secret matches keep
//! the most specific rule.
//!
//! **Nothing passes unseen.** Content with a NUL byte is not skipped as binary: the scanner
//! searches its printable ASCII runs (as `strings` does; findings at their line in the original
//! bytes), its runs of ASCII characters separated by NULs (UTF-16 text in the ASCII range at any
//! alignment, NULs slipped between characters) and, when it is UTF-16 text (byte-order mark, or
//! NULs at odd or even offsets), its UTF-16 decoding; a secret found by several of these is
//! reported once ([`Summary::binary_scanned`] counts such inputs). Text that is not UTF-8 but has
//! no NUL (Latin-1, Windows-1252, broken UTF-8) is scanned as bytes. Content above
//! [`ScanOptions::max_file_size`] is not read past the limit; it is listed in
//! [`Report::unscanned`] with a one-line reason naming its size, the limit and the setting that
//! raises it (`scan.maxFileSize`), as are unreadable files of a tree.
//!
//! **Nor does an encoded, split or structured secret.** In text, runs of base64 (16 characters
//! or more), of hex digits (32 or more) and runs with `%XX` escapes are decoded when they spell
//! text, string literals joined by `+`, `.`, `..` or adjacency are joined, and escaped JSON
//! strings, YAML block scalars and name/value pairs are read as key and value; the secret rules
//! scan these values again (a second decoding inside the first too). A finding there keeps its
//! rule, is reported at the line of the encoded run, says how it was found in its description
//! (`… (found base64-decoded)`), and is hidden with the whole run by
//! [`Scanner::redact_secrets`]. Identifiers, type paths and constant names are not taken for
//! generic secrets.
//!
//! **Suppressions are listed, not only counted.** A finding is suppressed by an inline
//! `maestro:allow [rule-id,...]` comment on its line or by an [`Allowlist`] built from
//! `scan.allow`; each suppressed finding (redacted like any other) is kept in
//! [`Report::suppressed`] with its [`Suppression`], and counted in the [`Summary`]. Where an
//! inline comment counts is [`ScanOptions::inline_allow`]: anywhere ([`InlineAllow::Anywhere`],
//! the default, for people scanning their own code), or only on a line that already exists in a
//! base text the caller passes ([`InlineAllow::BaseLines`], for a crew's writes:
//! [`Scanner::scan_text_with_base`], [`Scanner::scan_file_with_base`]); a comment that did not
//! count marks its finding [`Finding::inline_allow_refused`].
//!
//! **Inputs**: a text with an optional path ([`Scanner::scan_text`], the hook path), a file
//! ([`Scanner::scan_file`]), trees honouring `.gitignore` ([`Scanner::scan_tree`],
//! [`Scanner::scan_paths`]) and the added lines of a staged diff ([`Scanner::scan_added_lines`]).
//!
//! **Outputs** ([`output`]): grep-like text, a JSON report of a documented shape, and SARIF
//! 2.1.0.
//!
//! A [`Finding`] never holds the secret: only a redacted form (at most four characters and never
//! more than a quarter of it) and a SHA-256 fingerprint. [`Finding::blocks`] applies the hook
//! policy: high-confidence secrets block, code findings block at or above a severity.
//!
//! # Using the scanner
//!
//! - Rules: `RuleSet::builtin().clone()` (cheap: rules are shared), then
//!   [`RuleSet::with_user_file`] for a user rule file. Suppressions by path, rule or fingerprint
//!   come from [`Allowlist::new`], whose error names the bad entry; the size limit is
//!   [`ScanOptions::max_file_size`].
//! - Failing closed: a report is acceptable only when it is [`Report::is_complete`] (nothing
//!   unscanned) *and* nothing in it blocks; otherwise the [`Unscanned`] lines (their `Display`
//!   is the one-line reason) or the findings say why. [`Report::is_clean`] alone says nothing of
//!   what was not scanned.
//! - Suppressions are never silent: every entry of [`Report::suppressed`] keeps the rule, path,
//!   line, redacted form and [`Suppression`] (whose `Display` names the setting), for the
//!   caller to record.
//! - Text someone else wrote (an agent's file writes): [`Kinds::Secrets`] with
//!   [`InlineAllow::BaseLines`] and [`Scanner::scan_text_with_base`]`(Some(path), content,
//!   base)`, where `base` is the file in the base version (`None` for a new file), or
//!   `scan_text(None, command)` for a command line; it blocks when the report is not complete,
//!   or when [`Report::blocking`] yields a finding under a [`BlockPolicy`]. [`output::text`]
//!   of the report is a redacted reason with rule, path and line; a finding with
//!   [`Finding::inline_allow_refused`] had an inline allow on a line that is not in the base.
//! - A whole change against its base: the same settings with [`Kinds::All`] and
//!   [`Scanner::scan_file_with_base`] (or `scan_text_with_base` on each blob) with the base
//!   version of each path; an incomplete report is refused.
//! - Code findings of a written file: [`Kinds::Code`] and [`Scanner::scan_file`], blocking at
//!   or above a [`Severity`] (which parses from its lowercase name with `str::parse`); each
//!   finding carries its CWE, line and fix hint.
//! - Paths and staged changes: [`Scanner::scan_paths`] (a missing path is an error) and
//!   [`Scanner::scan_added_lines`] with the added lines of a diff; [`Kinds`] parses from
//!   `secrets`, `code` or `all`; reports render as [`output::text`] (+
//!   [`output::summary_line`]), [`output::json`] or [`output::sarif`]. Inline allows count
//!   anywhere there ([`InlineAllow::Anywhere`]).
//!
//! ```
//! use maestro_scan::{
//!     Allowlist, BlockPolicy, InlineAllow, Kinds, RuleSet, ScanOptions, Scanner, Suppression,
//!     output,
//! };
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
//!
//! // Nothing was left unscanned; binary-looking content is searched, not skipped.
//! assert!(report.is_complete());
//! let utf16: Vec<u8> = "aws_id = 'AKIAQ7RPZ3MFXW2BKT5L'\n"
//!     .encode_utf16()
//!     .flat_map(u16::to_le_bytes)
//!     .collect();
//! let report = scanner.scan_text(Some("notes.txt"), &utf16);
//! assert_eq!(report.findings[0].rule_id, "aws-access-key-id");
//! assert_eq!(report.summary.binary_scanned, 1);
//!
//! // A crew's inline allow counts only on a line of the base.
//! let crew = Scanner::new(
//!     RuleSet::builtin().clone(),
//!     ScanOptions { inline_allow: InlineAllow::BaseLines, ..ScanOptions::default() },
//! );
//! let line = b"aws_id = 'AKIAQ7RPZ3MFXW2BKT5L'  # maestro:allow\n";
//! let added = crew.scan_text_with_base(Some("app.py"), line, Some(b"print('hi')\n"));
//! assert!(added.findings[0].inline_allow_refused);
//! let kept = crew.scan_text_with_base(Some("app.py"), line, Some(line));
//! assert!(kept.findings.is_empty());
//! assert_eq!(kept.suppressed[0].by, Suppression::Inline);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

pub mod allow;
mod binary;
pub mod code;
mod decode;
pub mod examples;
pub mod finding;
mod keywords;
pub mod language;
pub mod output;
mod position;
pub mod report;
pub mod rule;
pub mod rule_set;
pub mod scanner;
pub mod validate;
pub mod walk;

pub use allow::{Allowlist, InlineAllow, Suppression};
pub use finding::{BlockPolicy, Finding, FlowStep};
pub use language::Language;
pub use report::{
    FileError, Report, SkippedBy, Summary, Suppressed, SuppressedBy, Unscanned, UnscannedReason,
};
pub use rule::{Confidence, Kind, Rule, Severity, Validator};
pub use rule_set::RuleSet;
pub use scanner::{Kinds, ScanOptions, Scanner};
pub use walk::AddedLines;
