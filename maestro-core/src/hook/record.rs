//! What a hook leaves behind: audit entries, and findings and overrides in the order's report.

use serde_json::{Value, json};

use super::context::{HookContext, HookPorts};
use crate::config::Severity;
use crate::ports::{AuditEvent, PortError, ScanFinding, ScanOutcome};

pub(super) fn audit(
    ctx: &HookContext,
    ports: &HookPorts<'_>,
    action: &str,
    subject: &str,
    details: Value,
) -> Result<(), PortError> {
    let details = match details {
        Value::Object(map) => map,
        other => std::iter::once(("value".to_owned(), other)).collect(),
    };
    ports.audit.record(AuditEvent {
        actor: ctx.actor(),
        action: action.to_owned(),
        subject: subject.to_owned(),
        details,
    })
}

/// Adds `entries` to the order report's `key` list (`blocks`, `findings`, `overrides`), when
/// the dispatcher made a report for this crew (a hook never creates one).
pub(super) fn report(
    ctx: &HookContext,
    ports: &HookPorts<'_>,
    key: &str,
    entries: Vec<Value>,
) -> Result<(), PortError> {
    let (Some(store), Some((voyage, order))) = (ports.store, &ctx.crew) else {
        return Ok(());
    };
    if entries.is_empty() || store.report::<Value>(voyage, order)?.is_none() {
        return Ok(());
    }
    store.update_report(voyage, order, |current: Option<Value>| {
        let mut current = current.unwrap_or_else(|| json!({}));
        if let Some(object) = current.as_object_mut()
            && let Some(list) = object
                .entry(key)
                .or_insert_with(|| Value::Array(Vec::new()))
                .as_array_mut()
        {
            list.extend(entries);
        }
        Ok::<_, PortError>((current, ()))
    })
}

pub(super) fn now() -> String {
    jiff::Timestamp::now().to_string()
}

pub(super) fn finding_entry(f: &ScanFinding, tool: &str) -> Value {
    json!({
        "tool": tool,
        "rule_id": f.rule_id,
        "path": f.path,
        "line": f.line,
        "redacted": f.redacted,
        "fingerprint": f.fingerprint,
        "severity": f.severity.map(Severity::as_str),
        "cwe": f.cwe,
        "at": now(),
    })
}

pub(super) fn finding_detail(f: &ScanFinding) -> Value {
    json!({
        "rule_id": f.rule_id,
        "path": f.path,
        "line": f.line,
        "redacted": f.redacted,
        "fingerprint": f.fingerprint,
    })
}

/// Records every suppression that took effect (never silent).
pub(super) fn record_overrides(
    ctx: &HookContext,
    ports: &HookPorts<'_>,
    tool: &str,
    outcome: &ScanOutcome,
) -> Result<(), PortError> {
    for s in &outcome.suppressed {
        audit(
            ctx,
            ports,
            "scan.override",
            &ctx.subject(&s.finding.path),
            json!({"tool": tool, "by": s.by, "finding": finding_detail(&s.finding)}),
        )?;
    }
    report(
        ctx,
        ports,
        "overrides",
        outcome
            .suppressed
            .iter()
            .map(|s| {
                let mut entry = finding_entry(&s.finding, tool);
                entry["by"] = json!(s.by);
                entry
            })
            .collect(),
    )
}

/// Findings on one line: `path:line: rule (redacted)`, joined with `; `.
pub(super) fn one_line(findings: &[&ScanFinding]) -> String {
    findings
        .iter()
        .map(|f| {
            let at = if f.path.is_empty() {
                format!("line {}", f.line)
            } else {
                format!("{}:{}", f.path, f.line)
            };
            format!("{at}: {} {}", f.rule_id, f.redacted)
        })
        .collect::<Vec<_>>()
        .join("; ")
}
