//! SARIF 2.1.0: one run, `tool.driver.rules` for every rule that produced a finding (with CWE as a
//! rule property and tag), one result per finding.

use std::{collections::BTreeMap, fmt::Write as _};

use serde_json::{Value, json};

use crate::{report::Report, rule::Severity, rule_set::RuleSet};

/// SARIF `level` for a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

/// GitHub code scanning's `security-severity` score for a severity.
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
    }
}

/// The SARIF log as a JSON value. `rules` supplies the rule metadata (help text); findings whose
/// rule is not in it still get a rule entry built from the finding.
#[must_use]
pub fn sarif_value(report: &Report, rules: &RuleSet) -> Value {
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut rule_entries = Vec::new();
    for f in &report.findings {
        if index.contains_key(f.rule_id.as_str()) {
            continue;
        }
        index.insert(&f.rule_id, rule_entries.len());
        let (description, fix) = rules
            .get(&f.rule_id)
            .map_or((f.description.as_str(), f.fix.as_str()), |r| {
                (r.description(), r.fix())
            });
        let cwe = f.cwe_id();
        rule_entries.push(json!({
            "id": f.rule_id,
            "name": f.rule_id,
            "shortDescription": { "text": description },
            "fullDescription": { "text": format!("{description} ({cwe})") },
            "help": { "text": fix, "markdown": format!("**{cwe}**: {fix}") },
            "defaultConfiguration": { "level": level(f.severity) },
            "properties": {
                "cwe": cwe,
                "tags": ["security", f.kind.as_str(), format!("external/cwe/cwe-{}", f.cwe)],
                "precision": f.confidence.as_str(),
                "security-severity": security_severity(f.severity),
            },
        }));
    }
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let uri = if f.path.is_empty() {
                "input".to_owned()
            } else {
                uri_reference(&f.path)
            };
            let mut result = json!({
                "ruleId": f.rule_id,
                "ruleIndex": index[f.rule_id.as_str()],
                "level": level(f.severity),
                "message": { "text": format!("{} ({})", f.description, f.redacted) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": { "startLine": f.line, "startColumn": f.column },
                    }
                }],
                "partialFingerprints": { "maestroFingerprint/v1": f.fingerprint },
                "properties": {
                    "kind": f.kind.as_str(),
                    "confidence": f.confidence.as_str(),
                    "severity": f.severity.as_str(),
                },
            });
            if !f.flow.is_empty() {
                result["codeFlows"] = code_flows(&f.flow, &uri);
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "maestro-scan",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/maestro-orchestrator/maestro",
                    "rules": rule_entries,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

/// A tainted flow as one SARIF `codeFlow` with one `threadFlow`: source, steps, sink.
fn code_flows(flow: &[crate::finding::FlowStep], uri: &str) -> Value {
    let locations: Vec<Value> = flow
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let kind = if i == 0 {
                "source"
            } else if i + 1 == flow.len() {
                "sink"
            } else {
                "step"
            };
            json!({
                "location": {
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": { "startLine": step.line, "startColumn": step.column },
                    },
                    "message": { "text": step.message },
                },
                "kinds": [kind],
                "nestingLevel": 0,
                "executionOrder": i + 1,
            })
        })
        .collect();
    json!([{ "threadFlows": [{ "locations": locations }] }])
}

/// A path as a relative or absolute URI reference: unreserved characters and `/` kept, every
/// other byte percent-encoded.
fn uri_reference(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// [`sarif_value`], pretty-printed.
#[must_use]
pub fn sarif(report: &Report, rules: &RuleSet) -> String {
    serde_json::to_string_pretty(&sarif_value(report, rules))
        .expect("a JSON value always serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri_reference("src/a b/ü.py"), "src/a%20b/%C3%BC.py");
        assert_eq!(uri_reference("/abs/x_y-z.rs"), "/abs/x_y-z.rs");
    }
}
