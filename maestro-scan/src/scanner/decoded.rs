//! The decoded view of a text ([`crate::decode`]): its secret matches, each standing for the
//! range of the input its value comes from. A match is left out when the input itself holds a
//! secret there, found by a rule as specific (earlier in the rule file) or as confident (a
//! base64 PEM and the PEM it decodes to); it is reported once when several pieces decode to
//! it.

use std::ops::Range;

use super::Scanner;
use super::matching::{Candidate, Scope};
use crate::decode::{Decoded, Finders};
use crate::rule::Kind;

/// The decoded view of an input and its matches.
pub(super) struct DecodedMatches {
    pub(super) view: Decoded,
    /// Matches in the view, with the range of the input each comes from.
    pub(super) matches: Vec<(Candidate, Range<usize>)>,
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

impl Scanner {
    /// The decoded view of `text` (with `finders`), when secret rules run and it has one.
    /// (Decoding before the text's own keyword pass leaves the text in the caches for it.)
    pub(super) fn decoded_view(&self, finders: Finders, text: &[u8]) -> Option<Decoded> {
        if !self.options.kinds.includes(Kind::Secret) {
            return None;
        }
        Decoded::of(text, finders)
    }

    /// The secret matches of a decoded `view` that `direct` (the matches of the text itself)
    /// does not already hold; `None` when there are none.
    pub(super) fn decoded_matches(
        &self,
        view: Decoded,
        direct: &[Candidate],
    ) -> Option<DecodedMatches> {
        let rules = self.rules.rules();
        let mut found = self.candidates(Scope::Path(None), &view.text);
        if found.is_empty() {
            return None;
        }
        // The most specific rule first, as between overlapping matches of one text.
        found.sort_unstable_by_key(|c| (c.rule, c.start));
        let held: Vec<(Range<usize>, usize)> = direct
            .iter()
            .filter(|c| rules[c.rule].kind() == Kind::Secret)
            .map(|c| (c.start..c.end, c.rule))
            .collect();
        let mut matches: Vec<(Candidate, Range<usize>)> = Vec::new();
        for c in found {
            let Some(at) = view.locate(c.start, c.end) else {
                continue;
            };
            let range = at.range;
            let confidence = rules[c.rule].confidence();
            if held.iter().any(|(r, rule)| {
                (*rule <= c.rule || rules[*rule].confidence() >= confidence) && overlap(r, &range)
            }) {
                continue;
            }
            let secret = &view.text[c.start..c.end];
            if matches.iter().any(|(m, r)| {
                m.rule == c.rule && overlap(r, &range) && view.text[m.start..m.end] == *secret
            }) {
                continue;
            }
            matches.push((c, range));
        }
        if matches.is_empty() {
            return None;
        }
        matches.sort_unstable_by_key(|(c, _)| (c.start, c.rule));
        Some(DecodedMatches { view, matches })
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;

    use crate::allow::InlineAllow;
    use crate::rule_set::RuleSet;
    use crate::scanner::{ScanOptions, Scanner};
    use crate::walk::AddedLines;

    const KEY: &str = "AKIAQ7RPZ3MFXW2BKT5L";

    fn scanner(inline_allow: InlineAllow) -> Scanner {
        Scanner::new(
            RuleSet::builtin().clone(),
            ScanOptions {
                inline_allow,
                ..ScanOptions::default()
            },
        )
    }

    fn b64(text: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(text)
    }

    #[test]
    fn a_decoded_secret_is_reported_at_its_run_and_redacted_with_it() {
        let encoded = b64(&format!("aws {KEY}"));
        let text = format!("x = 1\n  é cfg = \"{encoded}\"\n");
        let s = scanner(InlineAllow::Anywhere);
        let r = s.scan_text(Some("a.py"), text.as_bytes());
        assert_eq!(r.findings.len(), 1, "{r:?}");
        let f = &r.findings[0];
        assert_eq!(f.rule_id, "aws-access-key-id");
        // The line and column (in characters) of the encoded run.
        assert_eq!((f.line, f.column), (2, 12));
        assert!(f.description.ends_with("(found base64-decoded)"), "{f:?}");
        assert_eq!(f.redacted, "AKIA…(20 chars)");
        assert_eq!(
            s.redact_secrets(&text).as_deref(),
            Some("x = 1\n  é cfg = \"[REDACTED:aws-access-key-id]\"\n")
        );
        // In added lines, at the line of the file.
        let r = s.scan_added_lines(&[AddedLines {
            path: "a.py".into(),
            lines: vec![(7, format!("cfg = \"{encoded}\""))],
        }]);
        assert_eq!(r.findings[0].line, 7);
    }

    #[test]
    fn an_inline_allow_on_the_line_of_the_run_counts() {
        let line = format!(
            "cfg = \"{}\"  # maestro:allow\n",
            b64(&format!("aws {KEY}"))
        );
        let r = scanner(InlineAllow::Anywhere).scan_text(Some("a.py"), line.as_bytes());
        assert!(r.findings.is_empty(), "{r:?}");
        assert_eq!(r.suppressed.len(), 1);
        // A crew's inline allow counts only on a line of the base.
        let crew = scanner(InlineAllow::BaseLines);
        let r = crew.scan_text_with_base(Some("a.py"), line.as_bytes(), Some(b"x\n"));
        assert!(r.findings[0].inline_allow_refused);
        let r = crew.scan_text_with_base(Some("a.py"), line.as_bytes(), Some(line.as_bytes()));
        assert!(r.findings.is_empty());
    }

    #[test]
    fn a_secret_the_text_holds_is_reported_once() {
        // The key in the clear and base64-encoded on one line: two findings, one per place.
        let text = format!("a = '{KEY}'; b = '{}'\n", b64(&format!("aws {KEY}")));
        let r = scanner(InlineAllow::Anywhere).scan_text(Some("a.py"), text.as_bytes());
        let columns: Vec<usize> = r.findings.iter().map(|f| f.column).collect();
        assert_eq!(columns, [6, 34], "{r:?}");
        // (A base64 PEM and the PEM it decodes to are one finding: the examples of
        // `private-key-pem-base64` check it.)
    }

    #[test]
    fn code_rules_do_not_run_on_decoded_text() {
        let code = "import requests\nrequests.get(u, verify=False)\n";
        let text = format!("blob = \"{}\"\n", b64(code));
        let r = scanner(InlineAllow::Anywhere).scan_text(Some("a.py"), text.as_bytes());
        assert!(r.findings.is_empty(), "{r:?}");
    }
}
