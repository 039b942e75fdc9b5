//! The engine: one case-insensitive pass of the keyword prefilter for every keyword, then only the triggered
//! rules' regexes, each on the lines around its keyword hits; entropy, placeholder and validator
//! checks; overlap resolution; suppression.

use std::{collections::BTreeMap, fmt, str::FromStr};

use crate::{
    allow::{self, Allowlist, Suppression},
    finding::{self, Finding},
    keywords::KeywordSet,
    language::Language,
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
    /// Files (and texts) larger than this many bytes are skipped and counted. Default: 10 MiB.
    pub max_file_size: u64,
    /// Configured suppressions. Default: none.
    pub allow: Allowlist,
    /// Worker threads for directory walks; 0 picks the number of CPUs. Default: 0.
    pub threads: usize,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            kinds: Kinds::All,
            max_file_size: 10 << 20,
            allow: Allowlist::default(),
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
/// Bytes probed for a NUL to recognise a binary file.
pub(crate) const BINARY_PROBE: usize = 8 << 10;

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
    /// without a path every language's code rules apply. Binary or oversized input is skipped
    /// and counted.
    #[must_use]
    pub fn scan_text(&self, path: Option<&str>, text: &[u8]) -> Report {
        let mut report = Report::default();
        self.scan_into(path, text, None, &mut report);
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
    /// of `text` when the text is made of selected lines.
    pub(crate) fn scan_into(
        &self,
        path: Option<&str>,
        text: &[u8],
        line_map: Option<&[usize]>,
        report: &mut Report,
    ) {
        if text.len() as u64 > self.options.max_file_size {
            report.summary.skipped_by.too_large += 1;
            return;
        }
        if memchr::memchr(0, &text[..text.len().min(BINARY_PROBE)]).is_some() {
            report.summary.skipped_by.binary += 1;
            return;
        }
        report.summary.files += 1;
        report.summary.bytes += text.len() as u64;
        let scope = path.map_or(Scope::AllLanguages, |p| Scope::Path(Language::from_path(p)));
        let candidates = self.candidates(scope, text);
        if candidates.is_empty() {
            return;
        }
        self.report_candidates(path.unwrap_or(""), text, line_map, candidates, report);
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

    fn report_candidates(
        &self,
        path: &str,
        text: &[u8],
        line_map: Option<&[usize]>,
        mut candidates: Vec<Candidate>,
        report: &mut Report,
    ) {
        candidates.sort_unstable_by_key(|c| (c.start, c.rule));
        let rules = self.rules.rules();
        let path_allowed = self.options.allow.allows_path(path);
        let mut line_index = 0;
        let mut counted_to = 0;
        for c in candidates {
            let rule = &rules[c.rule];
            line_index += memchr::memchr_iter(b'\n', &text[counted_to..c.start]).count();
            counted_to = c.start;
            let line_start = line_start(text, c.start);
            let line_text = &text[line_start..line_end(text, c.start)];
            let secret = &text[c.start..c.end];
            if allow::inline_allows(line_text, rule.id(), &self.rules) {
                report.count_suppression(Suppression::Inline);
                continue;
            }
            let fingerprint = finding::fingerprint(rule.id(), path, secret);
            let suppression = if path_allowed {
                Some(Suppression::Path)
            } else {
                self.options.allow.check(rule.id(), path, &fingerprint)
            };
            if let Some(why) = suppression {
                report.count_suppression(why);
                continue;
            }
            let column = text[line_start..c.start]
                .iter()
                .filter(|&&b| (b & 0xC0) != 0x80)
                .count()
                + 1;
            let line = match line_map {
                Some(map) => map.get(line_index).copied().unwrap_or(line_index + 1),
                None => line_index + 1,
            };
            let redacted = if rule.kind() == Kind::Secret || rule.cwe() == 798 {
                finding::redact(secret)
            } else {
                finding::snippet(secret)
            };
            report.findings.push(Finding {
                rule_id: rule.id().to_owned(),
                kind: rule.kind(),
                path: path.to_owned(),
                line,
                column,
                redacted,
                fingerprint,
                confidence: rule.confidence(),
                severity: rule.severity(),
                cwe: rule.cwe(),
                description: rule.description().to_owned(),
                fix: rule.fix().to_owned(),
            });
        }
    }
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

    #[test]
    fn binary_and_large_inputs_are_skipped_and_counted() {
        let s = Scanner::new(
            RuleSet::builtin().clone(),
            ScanOptions {
                max_file_size: 16,
                ..ScanOptions::default()
            },
        );
        let r = s.scan_text(Some("a.bin"), b"ab\0cd");
        assert_eq!((r.summary.skipped, r.summary.skipped_by.binary), (1, 1));
        let r = s.scan_text(Some("a.txt"), &[b'a'; 17]);
        assert_eq!((r.summary.skipped, r.summary.skipped_by.too_large), (1, 1));
        assert_eq!(r.summary.files, 0);
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
