//! What a hook leaves behind: audit entries, and findings and overrides in the order's report.

use serde_json::{Value, json};

use super::context::{HookContext, HookPorts};
use crate::dispatch::report::{HookFinding, HookOverride, OrderReport};
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

/// Adds to the report of the crew's order (when the hook runs for one whose report exists).
pub(super) fn report(
    ctx: &HookContext,
    ports: &HookPorts<'_>,
    add: impl FnOnce(&mut OrderReport),
) -> Result<(), PortError> {
    let (Some(store), Some((voyage, order))) = (ports.store, &ctx.crew) else {
        return Ok(());
    };
    if store.report::<OrderReport>(voyage, order)?.is_none() {
        return Ok(());
    }
    store.update_report(voyage, order, |current: Option<OrderReport>| {
        let Some(mut report) = current else {
            return Err(PortError::from("the order's report is gone"));
        };
        add(&mut report);
        Ok::<_, PortError>((report, ()))
    })
}

pub(super) fn now() -> String {
    jiff::Timestamp::now().to_string()
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
    if outcome.suppressed.is_empty() {
        return Ok(());
    }
    report(ctx, ports, |report| {
        report
            .overrides
            .extend(outcome.suppressed.iter().map(|s| HookOverride {
                finding: HookFinding::of(&s.finding, tool),
                by: s.by.clone(),
            }));
    })
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
