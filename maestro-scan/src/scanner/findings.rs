//! Turning the accepted matches of one view into findings: line and column, redaction,
//! fingerprint, and inline or configured suppression.

use std::collections::HashSet;

use super::matching::{Candidate, line_end, line_start};
use super::options::ScanOptions;
use crate::allow::{self, BaseLines, InlineAllow, Suppression};
use crate::decode::{Decoded, Encoding};
use crate::finding::{self, Finding, FlowStep};
use crate::position::{Cursor, Positions};
use crate::report::Report;
use crate::rule::Kind;
use crate::rule_set::RuleSet;

/// What holds for every view of one input.
pub(super) struct Context<'a> {
    /// The path as reported.
    pub(super) path: &'a str,
    /// The base's lines, for [`InlineAllow::BaseLines`].
    pub(super) base_lines: BaseLines<'a>,
    /// With several views of one input: the (rule, fingerprint) pairs already handled.
    pub(super) seen: Option<HashSet<(usize, String)>>,
}

/// A text the engine scans, standing for an input or part of it.
pub(super) struct View<'a> {
    /// The text.
    pub(super) text: &'a [u8],
    /// Where its offsets are in the input.
    pub(super) positions: Positions<'a>,
    /// Whether its lines are the input's own, so that they can be compared with base lines.
    pub(super) base_comparable: bool,
}

/// Turn accepted candidates of one view into findings, suppressed or reported.
pub(super) fn report_candidates(
    rules: &RuleSet,
    options: &ScanOptions,
    view: &View<'_>,
    mut candidates: Vec<Candidate>,
    context: &mut Context<'_>,
    report: &mut Report,
) {
    candidates.sort_unstable_by_key(|c| (c.start, c.rule));
    let rule_list = rules.rules();
    let text = view.text;
    let path_allowed = options.allow.allows_path(context.path);
    let mut cursor = match view.positions {
        Positions::Direct { .. } => Cursor::new(text, true),
        Positions::Runs { original, .. } => Cursor::new(original, false),
        Positions::Decoded { original, .. } => Cursor::new(original, true),
    };
    for c in candidates {
        let rule = &rule_list[c.rule];
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
            Positions::Decoded { decoded, .. } => cursor.advance(decoded_offset(decoded, &c)),
        };
        let line_map = match view.positions {
            Positions::Direct { line_map }
            | Positions::Runs { line_map, .. }
            | Positions::Decoded { line_map, .. } => line_map,
        };
        let line = match line_map {
            Some(map) => map.get(line_index).copied().unwrap_or(line_index + 1),
            None => line_index + 1,
        };
        // An inline allow is read on the line of the input the finding is reported at.
        let line_text = match view.positions {
            Positions::Decoded {
                original, decoded, ..
            } => {
                let at = decoded_offset(decoded, &c);
                &original[line_start(original, at)..line_end(original, at)]
            }
            _ => &text[line_start(text, c.start)..line_end(text, c.start)],
        };
        let mut inline = None;
        if allow::inline_allows(line_text, rule.id(), rules) {
            inline = Some(match options.inline_allow {
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
            options.allow.check(rule.id(), context.path, &fingerprint)
        };
        let flow = flow_steps(text, line_map, &c.flow);
        let description = match (flow.first(), flow.last()) {
            (Some(source), Some(sink)) if flow.len() > 1 => format!(
                "{}: {} (line {}) reaches {} (line {})",
                rule.description(),
                source.message,
                source.line,
                sink.message,
                sink.line
            ),
            _ => rule.description().to_owned(),
        };
        let description = match view.positions {
            Positions::Decoded { decoded, .. } => match decoded.locate(c.start, c.end) {
                Some(at) => format!("{description} ({})", found_how(&at.piece.how)),
                None => description,
            },
            _ => description,
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
            description,
            fix: rule.fix().to_owned(),
            inline_allow_refused: inline == Some(false),
            flow,
        };
        match suppression {
            Some(by) => report.suppress(finding, by),
            None => report.findings.push(finding),
        }
    }
}

/// Where in the input a match of a decoded view is reported: where its first byte comes from
/// (for base64 and hex, the start of the encoded run).
fn decoded_offset(decoded: &Decoded, c: &Candidate) -> usize {
    decoded
        .locate(c.start, c.end)
        .map_or(0, |at| at.range.start)
}

/// `found base64-decoded`, `found URL-decoded, then base64-decoded`, `found in joined string
/// literals`.
fn found_how(how: &[Encoding]) -> String {
    let labels: Vec<&str> = how.iter().map(|e| e.label()).collect();
    format!("found {}", labels.join(", then "))
}

/// A syntax-tree finding's flow with lines and columns (1-based, columns in characters).
fn flow_steps(
    text: &[u8],
    line_map: Option<&[usize]>,
    steps: &[crate::code::RawStep],
) -> Vec<FlowStep> {
    steps
        .iter()
        .map(|step| {
            let at = step.at.min(text.len());
            let start = line_start(text, at);
            let index = memchr::memchr_iter(b'\n', &text[..start]).count();
            let line = match line_map {
                Some(map) => map.get(index).copied().unwrap_or(index + 1),
                None => index + 1,
            };
            let column = String::from_utf8_lossy(&text[start..at]).chars().count() + 1;
            FlowStep {
                line,
                column,
                message: step.label.clone(),
            }
        })
        .collect()
}
