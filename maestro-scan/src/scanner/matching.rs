//! Matching: one case-insensitive pass of the keyword prefilter for every keyword, then only the
//! triggered rules' regexes, each on the lines around its keyword hits; entropy, placeholder,
//! validator and `unless` checks on each match; overlapping secret matches resolved.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::options::Kinds;
use crate::keywords::KeywordSet;
use crate::language::Language;
use crate::rule::{Kind, Rule, Span};
use crate::validate;

/// One use of a keyword by a rule.
#[derive(Debug)]
struct KeywordUse {
    rule: usize,
    /// The keyword as written, when the rule matches keywords case-sensitively.
    exact: Option<Box<[u8]>>,
}

/// The keyword automaton over the rules a scanner runs, and which rule uses which keyword.
pub(super) struct Keywords {
    set: KeywordSet,
    /// The uses of keyword id `k` are `uses[offsets[k]..offsets[k + 1]]`.
    offsets: Vec<u32>,
    uses: Vec<KeywordUse>,
}

impl Keywords {
    /// The keywords of the rules of `kinds` in `rules`. Built-in keywords are found by the
    /// automaton made at build time; only the others need one built now.
    pub(super) fn new(rules: &[Arc<Rule>], kinds: Kinds) -> Keywords {
        let mut pairs: Vec<(usize, KeywordUse)> = Vec::with_capacity(rules.len() * 2);
        let mut extra: Vec<Vec<u8>> = Vec::new();
        let mut extra_ids: HashMap<Vec<u8>, usize> = HashMap::new();
        for (i, rule) in rules.iter().enumerate() {
            if !kinds.includes(rule.kind()) {
                continue;
            }
            for keyword in rule.keywords() {
                let folded = if keyword.bytes().any(|b| b.is_ascii_uppercase()) {
                    std::borrow::Cow::Owned(keyword.to_ascii_lowercase().into_bytes())
                } else {
                    std::borrow::Cow::Borrowed(keyword.as_bytes())
                };
                let id = KeywordSet::builtin_id(&folded).unwrap_or_else(|| {
                    *extra_ids.entry(folded.to_vec()).or_insert_with(|| {
                        extra.push(folded.to_vec());
                        KeywordSet::BUILTIN + extra.len() - 1
                    })
                });
                pairs.push((
                    id,
                    KeywordUse {
                        rule: i,
                        exact: rule
                            .exact_keywords
                            .then(|| keyword.as_bytes().to_vec().into_boxed_slice()),
                    },
                ));
            }
        }
        // One use per (keyword, rule): the first, as a rule lists them.
        pairs.sort_by_key(|(id, u)| (*id, u.rule));
        pairs.dedup_by_key(|(id, u)| (*id, u.rule));
        let ids = KeywordSet::BUILTIN + extra.len();
        let mut offsets = vec![0u32; ids + 1];
        for (id, _) in &pairs {
            offsets[id + 1] += 1;
        }
        for k in 0..ids {
            offsets[k + 1] += offsets[k];
        }
        let builtin = pairs
            .first()
            .is_some_and(|(id, _)| *id < KeywordSet::BUILTIN);
        Keywords {
            set: KeywordSet::new(builtin, &extra),
            offsets,
            uses: pairs.into_iter().map(|(_, u)| u).collect(),
        }
    }

    /// How many distinct keywords there are.
    pub(super) fn len(&self) -> usize {
        self.offsets.windows(2).filter(|w| w[0] != w[1]).count()
    }

    /// Keyword pass, windows, regexes and per-match checks.
    pub(super) fn candidates(
        &self,
        rules: &[Arc<Rule>],
        scope: Scope,
        text: &[u8],
    ) -> Vec<Candidate> {
        let mut hits: Vec<(usize, usize)> = Vec::new();
        self.set.find_all(text, |keyword, at| {
            let uses =
                &self.uses[self.offsets[keyword] as usize..self.offsets[keyword + 1] as usize];
            for keyword_use in uses {
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
}

/// Which code rules apply to an input.
#[derive(Debug, Clone, Copy)]
pub(super) enum Scope {
    /// Text without a path: every language.
    AllLanguages,
    /// A path: its language's code rules, none when the extension is unknown.
    Path(Option<Language>),
}

/// A candidate match before filtering.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub(super) rule: usize,
    /// The secret (or code match) range.
    pub(super) start: usize,
    pub(super) end: usize,
    /// A syntax-tree finding's tainted flow: source, steps, sink.
    pub(super) flow: Vec<crate::code::RawStep>,
}

const BLOCK_WINDOW: usize = 256 << 10;

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
                let at = ws + m.start();
                check(rule, rule_index, text, at, (at, ws + m.end()), out);
            }
        } else {
            for caps in regex.captures_iter(window) {
                if let (Some(whole), Some(m)) = (caps.get(0), caps.get(group)) {
                    let at = ws + whole.start();
                    check(
                        rule,
                        rule_index,
                        text,
                        at,
                        (ws + m.start(), ws + m.end()),
                        out,
                    );
                }
            }
        }
    }
}

/// Entropy, placeholder, validator, sample and `unless` checks on one match: `matched` is where
/// the whole match starts, `(start, end)` the secret (its group).
fn check(
    rule: &Rule,
    rule_index: usize,
    text: &[u8],
    matched: usize,
    (start, end): (usize, usize),
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
        if validate::expired_signed_url(text, start, end)
            || (rule.generic && validate::documentation_sibling(text, start, end))
        {
            return;
        }
    }
    if let Some(unless) = rule.unless_regex() {
        // A generic assignment is judged by its own name (`NextToken`, `Next page token`): the
        // `unless` match must end where the name does, so neither another name on the line
        // (`{"NextToken": "…", "AuthToken": "…"}`) nor words put before the name
        // (`page token AuthToken = …`) drop it.
        let dropped = if rule.generic {
            let from = matched.min(start);
            let name_end = from
                + text[from..start]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                    .count();
            let judged = &text[name_start(text, from)..name_end];
            unless.find_iter(judged).any(|m| m.end() == judged.len())
        } else {
            unless.is_match(&text[line_start(text, start)..line_end(text, end.saturating_sub(1))])
        };
        if dropped {
            return;
        }
    }
    out.push(Candidate {
        rule: rule_index,
        start,
        end,
        flow: Vec::new(),
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

/// Where the name an assignment starting at `pos` is made to begins, with up to three words
/// before it on its line separated by single spaces (`Next page token`).
fn name_start(text: &[u8], pos: usize) -> usize {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut at = pos;
    for _ in 0..3 {
        if at < 2 || text[at - 1] != b' ' || !word(text[at - 2]) {
            break;
        }
        let mut i = at - 1;
        while i > 0 && word(text[i - 1]) {
            i -= 1;
        }
        at = i;
    }
    at
}

pub(super) fn line_start(text: &[u8], pos: usize) -> usize {
    memchr::memrchr(b'\n', &text[..pos]).map_or(0, |i| i + 1)
}

pub(super) fn line_end(text: &[u8], pos: usize) -> usize {
    memchr::memchr(b'\n', &text[pos..]).map_or(text.len(), |i| pos + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_secret_matches_keep_the_specific_rule() {
        let kept = resolve_overlaps(vec![
            Candidate {
                rule: 9,
                start: 0,
                end: 10,
                flow: Vec::new(),
            },
            Candidate {
                rule: 2,
                start: 3,
                end: 8,
                flow: Vec::new(),
            },
            Candidate {
                rule: 5,
                start: 20,
                end: 30,
                flow: Vec::new(),
            },
        ]);
        let rules: Vec<usize> = kept.iter().map(|c| c.rule).collect();
        assert_eq!(rules, [2, 5]);
    }
}
