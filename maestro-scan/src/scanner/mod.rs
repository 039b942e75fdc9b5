//! The engine: one case-insensitive pass of the keyword prefilter for every keyword, then only
//! the triggered rules' regexes, each on the lines around its keyword hits; entropy, placeholder
//! and validator checks; overlap resolution; suppression.
//!
//! This file holds the [`Scanner`] and its views of one input (the text itself, or the views of
//! binary content); `options` says what it runs, `matching` finds and checks the matches,
//! `findings` turns them into findings and suppressions, `redact` rewrites a text without its
//! secrets, `decoded` scans a text's decoded view (its encoded, split and structured values).

use std::collections::HashSet;
use std::fmt;

use crate::allow::BaseLines;
use crate::binary;
use crate::code;
use crate::decode::Finders;
use crate::language::Language;
use crate::position::Positions;
use crate::report::Report;
use crate::rule::Kind;
use crate::rule_set::RuleSet;

mod decoded;
mod findings;
mod matching;
mod options;
mod redact;
#[cfg(test)]
mod tests;

use findings::{Context, View, report_candidates};
use matching::{Keywords, Scope};
pub use options::{Kinds, ScanOptions, UnknownKinds};

/// A scanner: a rule set, its keyword automaton and the options. Cheap to build (no regex is
/// compiled until its keyword is seen); `Sync`, so one scanner serves every walker thread.
pub struct Scanner {
    pub(crate) rules: RuleSet,
    keywords: Keywords,
    pub(crate) options: ScanOptions,
    /// Syntax trees kept between scans of the same path, when asked for.
    trees: Option<std::sync::Arc<code::TreeMemory>>,
}

impl fmt::Debug for Scanner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scanner")
            .field("rules", &self.rules.len())
            .field("keywords", &self.keywords.len())
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl Scanner {
    /// A scanner over the rules of `options.kinds` in `rules`.
    #[must_use]
    pub fn new(rules: RuleSet, options: ScanOptions) -> Scanner {
        let keywords = Keywords::new(rules.rules(), options.kinds);
        Scanner {
            rules,
            keywords,
            options,
            trees: None,
        }
    }

    /// This scanner, keeping the syntax trees of the last `paths` files it scanned, so that a
    /// file scanned again after an edit is parsed again only where it changed (for a process
    /// that scans the same files over and over, as the hook service does). The findings are
    /// the same.
    #[must_use]
    pub fn keeping_trees(mut self, paths: usize) -> Scanner {
        self.trees = Some(std::sync::Arc::new(code::TreeMemory::new(paths)));
        self
    }

    /// The rule set.
    #[must_use]
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The options.
    #[must_use]
    pub fn options(&self) -> &ScanOptions {
        &self.options
    }

    /// Scan one text. `path` selects the code rules by extension (the syntax-tree rules parse
    /// the text with the language's grammar) and is reported in findings; without a path the
    /// syntax-tree rules do not run and every language's regex code rules of a user rule file
    /// apply. Text with a NUL byte is scanned through
    /// the binary path ([`Summary::binary_scanned`](crate::Summary::binary_scanned)); text over
    /// [`ScanOptions::max_file_size`] is not scanned and is listed in [`Report::unscanned`]. Under
    /// [`InlineAllow::BaseLines`](crate::InlineAllow::BaseLines) no inline allow counts (there is
    /// no base): see [`Scanner::scan_text_with_base`].
    #[must_use]
    pub fn scan_text(&self, path: Option<&str>, text: &[u8]) -> Report {
        self.scan_text_with_base(path, text, None)
    }

    /// [`Scanner::scan_text`], with `base`, the same file's content in a base version (for a crew,
    /// the voyage base), for [`InlineAllow::BaseLines`](crate::InlineAllow::BaseLines): an inline
    /// `maestro:allow` then counts only on a line that is also a line of `base`. `base` is not
    /// scanned, and is ignored under [`InlineAllow::Anywhere`](crate::InlineAllow::Anywhere).
    #[must_use]
    pub fn scan_text_with_base(
        &self,
        path: Option<&str>,
        text: &[u8],
        base: Option<&[u8]>,
    ) -> Report {
        let mut report = Report::default();
        self.scan_into(path, text, None, base, &mut report);
        report.finish();
        report
    }

    /// `text` with every secret match replaced by `[REDACTED:<rule id>]`, or `None` when it
    /// holds none. For logs and transcripts: every secret rule the scanner runs (see
    /// [`ScanOptions::kinds`]) applies whatever its confidence, and allowlists do not (an
    /// allowlisted value is still not worth keeping in a log).
    #[must_use]
    pub fn redact_secrets(&self, text: &str) -> Option<String> {
        // Without a language only secret rules run, and their matches do not overlap; a match
        // in the decoded view (with every finder: the text's language is unknown) hides the
        // encoded value it comes from.
        let view = self.decoded_view(Finders::ALL, text.as_bytes());
        let mut found = self.candidates(Scope::Path(None), text.as_bytes());
        if let Some(decoded) = view.and_then(|view| self.decoded_matches(view, &found)) {
            found.extend(
                decoded
                    .matches
                    .into_iter()
                    .map(|(c, range)| matching::Candidate {
                        rule: c.rule,
                        start: range.start,
                        end: range.end,
                        flow: Vec::new(),
                    }),
            );
        }
        redact::redact(text, found, self.rules.rules())
    }

    /// Scan `text` into `report` (no sorting). `line_map[i]` is the real line number of line `i`
    /// of `text` when the text is made of selected lines; `base` is the base text for
    /// [`InlineAllow::BaseLines`](crate::InlineAllow::BaseLines).
    pub(crate) fn scan_into(
        &self,
        path: Option<&str>,
        text: &[u8],
        line_map: Option<&[usize]>,
        base: Option<&[u8]>,
        report: &mut Report,
    ) {
        let size = text.len() as u64;
        if size > self.options.max_file_size {
            report.refuse_too_large(path.unwrap_or(""), size, self.options.max_file_size);
            return;
        }
        report.summary.files += 1;
        report.summary.bytes += size;
        let scope = path.map_or(Scope::AllLanguages, |p| Scope::Path(Language::from_path(p)));
        let mut context = Context {
            path: path.unwrap_or(""),
            base_lines: BaseLines::new(base),
            seen: None,
        };
        if memchr::memchr(0, text).is_none() {
            let view = self.decoded_view(Finders::for_path(path), text);
            let mut candidates = self.candidates(scope, text);
            if let Scope::Path(Some(language)) = scope {
                self.code_candidates(language, path, text, &mut candidates);
            }
            let decoded = view.and_then(|view| self.decoded_matches(view, &candidates));
            if !candidates.is_empty() {
                let view = View {
                    text,
                    positions: Positions::Direct { line_map },
                    base_comparable: true,
                };
                self.report_candidates(&view, candidates, &mut context, report);
            }
            if let Some(decoded) = decoded {
                let view = View {
                    text: &decoded.view.text,
                    positions: Positions::Decoded {
                        original: text,
                        decoded: &decoded.view,
                        line_map,
                    },
                    base_comparable: true,
                };
                let matches = decoded.matches.into_iter().map(|(c, _)| c).collect();
                self.report_candidates(&view, matches, &mut context, report);
            }
            return;
        }
        report.summary.binary_scanned += 1;
        self.scan_binary(scope, text, line_map, &mut context, report);
    }

    /// Content with a NUL byte: scan, in this order, its UTF-16 decoding (when it is UTF-16
    /// text, and not made of selected lines), its printable ASCII runs and its NUL-interleaved
    /// ASCII runs. A secret found by several views is reported (or suppressed) once, by the
    /// first.
    fn scan_binary(
        &self,
        scope: Scope,
        bytes: &[u8],
        line_map: Option<&[usize]>,
        context: &mut Context<'_>,
        report: &mut Report,
    ) {
        context.seen = Some(HashSet::new());
        if line_map.is_none()
            && let Some((order, start)) = binary::utf16_byte_order(bytes)
        {
            let decoded = binary::utf16_text(bytes, order, start);
            let candidates = self.candidates(scope, decoded.as_bytes());
            if !candidates.is_empty() {
                let view = View {
                    text: decoded.as_bytes(),
                    positions: Positions::Direct { line_map: None },
                    base_comparable: false,
                };
                self.report_candidates(&view, candidates, context, report);
            }
        }
        for runs in [binary::ascii_runs(bytes), binary::interleaved_runs(bytes)] {
            let candidates = self.candidates(scope, &runs.text);
            if candidates.is_empty() {
                continue;
            }
            let view = View {
                text: &runs.text,
                positions: Positions::Runs {
                    original: bytes,
                    runs: &runs,
                    line_map,
                },
                base_comparable: false,
            };
            self.report_candidates(&view, candidates, context, report);
        }
    }

    /// The syntax-tree rules' findings on a file of `language`, added to `candidates`; regex
    /// code matches inside a string literal or a comment are dropped. The file is parsed only
    /// when code rules run and some apply to its language.
    fn code_candidates(
        &self,
        language: Language,
        path: Option<&str>,
        text: &[u8],
        candidates: &mut Vec<matching::Candidate>,
    ) {
        if !self.options.kinds.includes(Kind::Code) {
            return;
        }
        let rules = self.rules.rules();
        let regex_code = candidates
            .iter()
            .any(|c| rules[c.rule].kind() == Kind::Code);
        let syntax = code::has_rules(language)
            && rules
                .iter()
                .any(|r| r.is_syntax_tree() && r.applies_to(Some(language)));
        if !regex_code && !syntax {
            return;
        }
        let syntax_ids: std::collections::HashSet<&str> = rules
            .iter()
            .filter(|r| r.is_syntax_tree())
            .map(|r| r.id())
            .collect();
        let enabled = |id: &str| syntax_ids.contains(id);
        let Some(analysis) = code::analyze(
            language,
            path,
            text,
            &enabled,
            regex_code,
            self.trees.as_deref(),
        ) else {
            return;
        };
        if regex_code {
            candidates
                .retain(|c| rules[c.rule].kind() != Kind::Code || !analysis.in_literal(c.start));
        }
        for hit in analysis.hits {
            if let Some(rule) = rules.iter().rposition(|r| r.id() == hit.rule_id) {
                candidates.push(matching::Candidate {
                    rule,
                    start: hit.start,
                    end: hit.end,
                    flow: hit.flow,
                });
            }
        }
    }

    /// Keyword pass, windows, regexes and per-match checks.
    fn candidates(&self, scope: Scope, text: &[u8]) -> Vec<matching::Candidate> {
        self.keywords.candidates(self.rules.rules(), scope, text)
    }

    /// Turn accepted candidates of one view into findings, suppressed or reported.
    fn report_candidates(
        &self,
        view: &View<'_>,
        candidates: Vec<matching::Candidate>,
        context: &mut Context<'_>,
        report: &mut Report,
    ) {
        report_candidates(
            &self.rules,
            &self.options,
            view,
            candidates,
            context,
            report,
        );
    }
}
