//! The engine: one case-insensitive pass of the keyword prefilter for every keyword, then only the triggered
//! rules' regexes, each on the lines around its keyword hits; entropy, placeholder and validator
//! checks; overlap resolution; suppression.

use std::{
    collections::{BTreeMap, HashSet},
    fmt,
    str::FromStr,
};

use crate::{
    allow::{self, Allowlist, BaseLines, InlineAllow, Suppression},
    binary,
    finding::{self, Finding},
    keywords::KeywordSet,
    language::Language,
    position::{Cursor, Positions},
    report::Report,
    rule::{Kind, Rule, Span},
    rule_set::RuleSet,
    validate,
};

/// Which rules run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Kinds {
    /// Secret rules only.
    Secrets,
    /// Code rules only.
    Code,
    /// Both.
    #[default]
    All,
}

impl Kinds {
    /// Whether rules of `kind` run.
    #[must_use]
    pub fn includes(self, kind: Kind) -> bool {
        matches!(
            (self, kind),
            (Kinds::All, _) | (Kinds::Secrets, Kind::Secret) | (Kinds::Code, Kind::Code)
        )
    }
}

/// A `--rules` value that is not `secrets`, `code` or `all`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule kind `{0}` (expected secrets, code or all)")]
pub struct UnknownKinds(pub String);

impl FromStr for Kinds {
    type Err = UnknownKinds;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "secrets" | "secret" => Ok(Kinds::Secrets),
            "code" => Ok(Kinds::Code),
            "all" => Ok(Kinds::All),
            _ => Err(UnknownKinds(s.to_owned())),
        }
    }
}

/// Scanner options.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Which rules run. Default: [`Kinds::All`].
    pub kinds: Kinds,
    /// Files (and texts) larger than this many bytes are not scanned (nor read past the limit):
    /// counted in `skipped_by.too_large` and listed in [`Report::unscanned`], which a caller
    /// that must fail closed refuses. Default: 10 MiB (`scan.maxFileSize`).
    pub max_file_size: u64,
    /// Configured suppressions. Default: none.
    pub allow: Allowlist,
    /// Where an inline `maestro:allow` counts. Default: [`InlineAllow::Anywhere`].
    pub inline_allow: InlineAllow,
    /// Worker threads for directory walks; 0 picks the number of CPUs. Default: 0.
    pub threads: usize,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            kinds: Kinds::All,
            max_file_size: 10 << 20,
            allow: Allowlist::default(),
            inline_allow: InlineAllow::Anywhere,
            threads: 0,
        }
    }
}

/// One use of a keyword by a rule.
#[derive(Debug)]
struct KeywordUse {
    rule: usize,
    /// The keyword as written, when the rule matches keywords case-sensitively.
    exact: Option<Box<[u8]>>,
}

/// A scanner: a rule set, its keyword automaton and the options. Cheap to build (no regex is
/// compiled until its keyword is seen); `Sync`, so one scanner serves every walker thread.
pub struct Scanner {
    pub(crate) rules: RuleSet,
    keywords: KeywordSet,
    keyword_uses: Vec<Vec<KeywordUse>>,
    pub(crate) options: ScanOptions,
}

impl fmt::Debug for Scanner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scanner")
            .field("rules", &self.rules.len())
            .field("keywords", &self.keyword_uses.len())
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// Which code rules apply to an input.
#[derive(Debug, Clone, Copy)]
enum Scope {
    /// Text without a path: every language.
    AllLanguages,
    /// A path: its language's code rules, none when the extension is unknown.
    Path(Option<Language>),
}

/// A candidate match before filtering.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    rule: usize,
    /// The secret (or code match) range.
    start: usize,
    end: usize,
}

const BLOCK_WINDOW: usize = 256 << 10;

impl Scanner {
    /// A scanner over the rules of `options.kinds` in `rules`.
    #[must_use]
    pub fn new(rules: RuleSet, options: ScanOptions) -> Scanner {
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        let mut keyword_uses: Vec<Vec<KeywordUse>> = Vec::new();
        let mut index = std::collections::HashMap::new();
        for (i, rule) in rules.rules().iter().enumerate() {
            if !options.kinds.includes(rule.kind()) {
                continue;
            }
            for keyword in rule.keywords() {
                let folded = keyword.to_ascii_lowercase().into_bytes();
                let slot = *index.entry(folded.clone()).or_insert_with(|| {
                    patterns.push(folded);
                    keyword_uses.push(Vec::new());
                    patterns.len() - 1
                });
                let uses = &mut keyword_uses[slot];
                if !uses.iter().any(|u| u.rule == i) {
                    uses.push(KeywordUse {
                        rule: i,
                        exact: rule
                            .exact_keywords
                            .then(|| keyword.as_bytes().to_vec().into_boxed_slice()),
                    });
                }
            }
        }
        let keywords = KeywordSet::new(&patterns);
        Scanner {
            rules,
            keywords,
            keyword_uses,
            options,
        }
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

    /// Scan one text. `path` selects the code rules by extension and is reported in findings;
    /// without a path every language's code rules apply. Text with a NUL byte is scanned
    /// through the binary path ([`Summary::binary_scanned`](crate::Summary::binary_scanned));
    /// text over [`ScanOptions::max_file_size`] is not scanned and is listed in
    /// [`Report::unscanned`]. Under [`InlineAllow::BaseLines`] no inline allow counts (there is
    /// no base): see [`Scanner::scan_text_with_base`].
    #[must_use]
    pub fn scan_text(&self, path: Option<&str>, text: &[u8]) -> Report {
        self.scan_text_with_base(path, text, None)
    }

    /// [`Scanner::scan_text`], with `base`, the same file's content in a base version (for a
    /// crew, the voyage base), for [`InlineAllow::BaseLines`]: an inline `maestro:allow` then
    /// counts only on a line that is also a line of `base`. `base` is not scanned, and is
    /// ignored under [`InlineAllow::Anywhere`].
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
        // Without a language only secret rules run, and their matches do not overlap.
        let mut found = self.candidates(Scope::Path(None), text.as_bytes());
        if found.is_empty() {
            return None;
        }
        found.sort_unstable_by_key(|c| c.start);
        let rules = self.rules.rules();
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for c in found {
            // Matches are byte ranges; widen them to character boundaries (which can make one
            // reach into the next).
            let start = floor_char_boundary(text, c.start.max(at));
            let end = ceil_char_boundary(text, c.end).max(start);
            out.push_str(&text[at..start]);
            out.push_str("[REDACTED:");
            out.push_str(rules[c.rule].id());
            out.push(']');
            at = end;
        }
        out.push_str(&text[at..]);
        Some(out)
    }

    /// Scan `text` into `report` (no sorting). `line_map[i]` is the real line number of line `i`
    /// of `text` when the text is made of selected lines; `base` is the base text for
    /// [`InlineAllow::BaseLines`].
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
            let candidates = self.candidates(scope, text);
            if !candidates.is_empty() {
                let view = View {
                    text,
                    positions: Positions::Direct { line_map },
                    base_comparable: true,
                };
                self.report_candidates(&view, candidates, &mut context, report);
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

    /// Keyword pass, windows, regexes and per-match checks.
    fn candidates(&self, scope: Scope, text: &[u8]) -> Vec<Candidate> {
        let rules = self.rules.rules();
        let mut hits: Vec<(usize, usize)> = Vec::new();
        self.keywords.find_all(text, |keyword, at| {
            for keyword_use in &self.keyword_uses[keyword] {
                if let Some(exact) = &keyword_use.exact
                    && text.get(at..at + exact.len()) != Some(exact.as_ref())
                {
                    continue;
                }
                let rule = &rules[keyword_use.rule];
                let applies = match scope {
                    Scope::AllLanguages => true,
                    Scope::Path(None) => rule.kind() == Kind::Secret,
                    Scope::Path(Some(language)) => rule.applies_to(Some(language)),
                };
                if applies {
                    hits.push((keyword_use.rule, at));
                }
            }
        });
        if hits.is_empty() {
            return Vec::new();
        }
        hits.sort_unstable();
        let mut secrets = Vec::new();
        let mut code = Vec::new();
        let mut i = 0;
        while i < hits.len() {
            let rule_index = hits[i].0;
            let mut j = i;
            while j < hits.len() && hits[j].0 == rule_index {
                j += 1;
            }
            let rule = &rules[rule_index];
            let out = match rule.kind() {
                Kind::Secret => &mut secrets,
                Kind::Code => &mut code,
            };
            run_rule(rule, rule_index, text, hits[i..j].iter().map(|h| h.1), out);
            i = j;
        }
        let mut accepted = resolve_overlaps(secrets);
        accepted.extend(code);
        accepted
    }

    /// Turn accepted candidates of one view into findings, suppressed or reported.
    fn report_candidates(
        &self,
        view: &View<'_>,
        mut candidates: Vec<Candidate>,
        context: &mut Context<'_>,
        report: &mut Report,
    ) {
        candidates.sort_unstable_by_key(|c| (c.start, c.rule));
        let rules = self.rules.rules();
        let text = view.text;
        let path_allowed = self.options.allow.allows_path(context.path);
        let mut cursor = match view.positions {
            Positions::Direct { .. } => Cursor::new(text, true),
            Positions::Runs { original, .. } => Cursor::new(original, false),
        };
        for c in candidates {
            let rule = &rules[c.rule];
            let secret = &text[c.start..c.end];
            let fingerprint = finding::fingerprint(rule.id(), context.path, secret);
            if let Some(seen) = &mut context.seen
                && !seen.insert((c.rule, fingerprint.clone()))
            {
                continue;
            }
            let (line_index, column) = match view.positions {
                Positions::Direct { .. } => cursor.advance(c.start),
                Positions::Runs { runs, .. } => cursor.advance(runs.original_offset(c.start)),
            };
            let line_map = match view.positions {
                Positions::Direct { line_map } | Positions::Runs { line_map, .. } => line_map,
            };
            let line = match line_map {
                Some(map) => map.get(line_index).copied().unwrap_or(line_index + 1),
                None => line_index + 1,
            };
            let line_text = &text[line_start(text, c.start)..line_end(text, c.start)];
            let mut inline = None;
            if allow::inline_allows(line_text, rule.id(), &self.rules) {
                inline = Some(match self.options.inline_allow {
                    InlineAllow::Anywhere => true,
                    InlineAllow::BaseLines => {
                        view.base_comparable && context.base_lines.contains(line_text)
                    }
                });
            }
            let redacted = if rule.kind() == Kind::Secret || rule.cwe() == 798 {
                finding::redact(secret)
            } else {
                finding::snippet(secret)
            };
            let suppression = if inline == Some(true) {
                Some(Suppression::Inline)
            } else if path_allowed {
                Some(Suppression::Path)
            } else {
                self.options
                    .allow
                    .check(rule.id(), context.path, &fingerprint)
            };
            let finding = Finding {
                rule_id: rule.id().to_owned(),
                kind: rule.kind(),
                path: context.path.to_owned(),
                line,
                column,
                redacted,
                fingerprint,
                confidence: rule.confidence(),
                severity: rule.severity(),
                cwe: rule.cwe(),
                description: rule.description().to_owned(),
                fix: rule.fix().to_owned(),
                inline_allow_refused: inline == Some(false),
            };
            match suppression {
                Some(by) => report.suppress(finding, by),
                None => report.findings.push(finding),
            }
        }
    }
}

/// What holds for every view of one input.
struct Context<'a> {
    /// The path as reported.
    path: &'a str,
    /// The base's lines, for [`InlineAllow::BaseLines`].
    base_lines: BaseLines<'a>,
    /// With several views of one input: the (rule, fingerprint) pairs already handled.
    seen: Option<HashSet<(usize, String)>>,
}

/// A text the engine scans, standing for an input or part of it.
struct View<'a> {
    /// The text.
    text: &'a [u8],
    /// Where its offsets are in the input.
    positions: Positions<'a>,
    /// Whether its lines are the input's own, so that they can be compared with base lines.
    base_comparable: bool,
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Run one rule's regex on merged windows around its keyword hits.
fn run_rule(
    rule: &Rule,
    rule_index: usize,
    text: &[u8],
    positions: impl Iterator<Item = usize>,
    out: &mut Vec<Candidate>,
) {
    let regex = rule.regex();
    let group = rule.group_index();
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for pos in positions {
        if windows.last().is_some_and(|&(_, end)| pos < end) {
            continue;
        }
        let start = line_start(text, pos);
        let end = match rule.span() {
            Span::Line => line_end(text, pos),
            Span::Block => (start + BLOCK_WINDOW).min(text.len()),
        };
        match windows.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => windows.push((start, end)),
        }
    }
    for (ws, we) in windows {
        let window = &text[ws..we];
        if group == 0 {
            for m in regex.find_iter(window) {
                check(rule, rule_index, text, ws + m.start(), ws + m.end(), out);
            }
        } else {
            for caps in regex.captures_iter(window) {
                if let Some(m) = caps.get(group) {
                    check(rule, rule_index, text, ws + m.start(), ws + m.end(), out);
                }
            }
        }
    }
}

/// Entropy, placeholder, validator and `unless` checks on one match.
fn check(
    rule: &Rule,
    rule_index: usize,
    text: &[u8],
    start: usize,
    end: usize,
    out: &mut Vec<Candidate>,
) {
    let secret = &text[start..end];
    if secret.is_empty() {
        return;
    }
    if rule.kind() == Kind::Secret {
        if validate::entropy(secret) < rule.min_entropy() {
            return;
        }
        if validate::is_placeholder(secret, rule.generic) {
            return;
        }
        if let Some(validator) = rule.validator()
            && !validate::validate(validator, secret)
        {
            return;
        }
    }
    if let Some(unless) = rule.unless_regex() {
        let line = &text[line_start(text, start)..line_end(text, end.saturating_sub(1))];
        if unless.is_match(line) {
            return;
        }
    }
    out.push(Candidate {
        rule: rule_index,
        start,
        end,
    });
}

/// Among overlapping secret matches keep the one of the earliest rule (specific rules come
/// before broad ones such as JWTs, URIs and generic assignments).
fn resolve_overlaps(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    if candidates.len() < 2 {
        return candidates;
    }
    candidates.sort_by_key(|c| (c.rule, c.start));
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut kept = Vec::with_capacity(candidates.len());
    for c in candidates {
        let before = taken
            .range(..=c.start)
            .next_back()
            .is_some_and(|(_, &e)| e > c.start);
        let after = taken.range(c.start..c.end).next().is_some();
        if before || after {
            continue;
        }
        taken.insert(c.start, c.end);
        kept.push(c);
    }
    kept
}

fn line_start(text: &[u8], pos: usize) -> usize {
    memchr::memrchr(b'\n', &text[..pos]).map_or(0, |i| i + 1)
}

fn line_end(text: &[u8], pos: usize) -> usize {
    memchr::memchr(b'\n', &text[pos..]).map_or(text.len(), |i| pos + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scanner() -> Scanner {
        Scanner::new(RuleSet::builtin().clone(), ScanOptions::default())
    }

    const KEY: &str = "AKIAQ7RPZ3MFXW2BKT5L";

    fn limited(max_file_size: u64) -> Scanner {
        Scanner::new(
            RuleSet::builtin().clone(),
            ScanOptions {
                max_file_size,
                ..ScanOptions::default()
            },
        )
    }

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn binary_input_is_scanned_and_large_input_refused() {
        let s = limited(64);
        let r = s.scan_text(Some("a.bin"), format!("ab\0cd\nid={KEY}\n").as_bytes());
        assert_eq!(r.findings.len(), 1, "{r:?}");
        assert_eq!((r.findings[0].line, r.findings[0].column), (2, 4));
        assert_eq!(r.summary.binary_scanned, 1);
        assert_eq!((r.summary.files, r.summary.skipped), (1, 0));
        assert!(r.is_complete());

        let r = s.scan_text(Some("a.txt"), &[b'a'; 65]);
        assert_eq!((r.summary.skipped, r.summary.skipped_by.too_large), (1, 1));
        assert_eq!(r.summary.files, 0);
        assert!(!r.is_complete());
        assert_eq!(
            r.unscanned[0].reason,
            crate::UnscannedReason::TooLarge {
                size: 65,
                limit: 64
            }
        );
        assert!(s.scan_text(Some("a.txt"), &[b'a'; 64]).is_complete());
    }

    #[test]
    fn a_secret_seen_by_several_views_is_reported_once() {
        // UTF-16LE text: its decoding and its NUL-interleaved runs both hold the key.
        let text = utf16le(&format!("\u{FEFF}first\nkey = {KEY}\n"));
        let r = scanner().scan_text(None, &text);
        assert_eq!(r.findings.len(), 1, "{r:?}");
        // Reported by the decoding, at its line and column in the decoded text.
        assert_eq!((r.findings[0].line, r.findings[0].column), (2, 7));
        // The same key twice in a plain text is two findings.
        let twice = scanner().scan_text(None, format!("{KEY}\n{KEY}\n").as_bytes());
        assert_eq!(twice.findings.len(), 2);
    }

    #[test]
    fn runs_report_the_line_and_byte_column_of_the_original() {
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\xff\xfe".to_vec();
        bytes.extend_from_slice(format!("k={KEY}").as_bytes());
        let r = scanner().scan_text(Some("x.png"), &bytes);
        assert_eq!(r.findings.len(), 1, "{r:?}");
        // Two newlines before; the key starts at byte 7 of the third line.
        assert_eq!((r.findings[0].line, r.findings[0].column), (3, 7));
    }

    #[test]
    fn inline_allows_follow_the_mode() {
        let line = format!("id = '{KEY}'  # maestro:allow\n");
        let anywhere = scanner().scan_text(Some("a.py"), line.as_bytes());
        assert!(anywhere.findings.is_empty());
        assert_eq!(anywhere.suppressed[0].by, Suppression::Inline);

        let crew = Scanner::new(
            RuleSet::builtin().clone(),
            ScanOptions {
                inline_allow: InlineAllow::BaseLines,
                ..ScanOptions::default()
            },
        );
        let no_base = crew.scan_text(Some("a.py"), line.as_bytes());
        assert!(no_base.findings[0].inline_allow_refused, "{no_base:?}");
        assert!(no_base.suppressed.is_empty());
        let in_base =
            crew.scan_text_with_base(Some("a.py"), line.as_bytes(), Some(line.as_bytes()));
        assert!(in_base.findings.is_empty());
        assert_eq!(in_base.summary.suppressed_by.inline, 1);
        // A marker for another rule is not an allow, so it is not refused either.
        let other = format!("id = '{KEY}'  # maestro:allow jwt\n");
        let r = crew.scan_text_with_base(Some("a.py"), other.as_bytes(), Some(other.as_bytes()));
        assert!(!r.findings[0].inline_allow_refused);
    }

    #[test]
    fn redaction_replaces_every_secret_and_keeps_the_rest() {
        let s = scanner();
        let key = "AKIAQ7RPZ3MFXW2BKT5L";
        let text = format!("é key={key} and again {key}; code md5(x) stays");
        let out = s.redact_secrets(&text).expect("a secret");
        assert!(!out.contains(key), "{out}");
        assert_eq!(out.matches("[REDACTED:").count(), 2, "{out}");
        assert!(out.starts_with("é key="), "{out}");
        assert!(out.ends_with("; code md5(x) stays"), "{out}");
        assert_eq!(s.redact_secrets("nothing secret here, md5(x)"), None);
        // An allowlisted rule still redacts: allowlists decide blocking, not what a log keeps.
        let allow = crate::Allowlist::new(&["aws-access-key-id"], s.rules()).expect("allow");
        let allowing = Scanner::new(
            RuleSet::builtin().clone(),
            ScanOptions {
                allow,
                ..ScanOptions::default()
            },
        );
        assert!(allowing.redact_secrets(&text).is_some());
    }

    #[test]
    fn code_rules_follow_the_extension() {
        let s = scanner();
        let text = b"digest = hashlib.md5(data).hexdigest()\n";
        let ids = |r: Report| {
            r.findings
                .into_iter()
                .map(|f| f.rule_id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(s.scan_text(Some("a.py"), text)), ["python-weak-hash"]);
        assert!(ids(s.scan_text(Some("a.go"), text)).is_empty());
        assert!(ids(s.scan_text(Some("notes.txt"), text)).is_empty());
        assert_eq!(ids(s.scan_text(None, text)), ["python-weak-hash"]);
    }

    #[test]
    fn lines_and_columns_are_one_based_in_characters() {
        let s = scanner();
        let text = "first\n  é = requests.get(u, verify=False)\n";
        let r = s.scan_text(Some("x.py"), text.as_bytes());
        assert_eq!(r.findings.len(), 1, "{r:?}");
        assert_eq!((r.findings[0].line, r.findings[0].column), (2, 23));
    }

    #[test]
    fn overlapping_secret_matches_keep_the_specific_rule() {
        let kept = resolve_overlaps(vec![
            Candidate {
                rule: 9,
                start: 0,
                end: 10,
            },
            Candidate {
                rule: 2,
                start: 3,
                end: 8,
            },
            Candidate {
                rule: 5,
                start: 20,
                end: 30,
            },
        ]);
        let rules: Vec<usize> = kept.iter().map(|c| c.rule).collect();
        assert_eq!(rules, [2, 5]);
    }

    #[test]
    fn kinds_parse() {
        assert_eq!("code".parse::<Kinds>(), Ok(Kinds::Code));
        assert!("everything".parse::<Kinds>().is_err());
        assert!(Kinds::Secrets.includes(Kind::Secret));
        assert!(!Kinds::Secrets.includes(Kind::Code));
    }
}
