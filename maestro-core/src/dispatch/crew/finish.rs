//! What follows a crew that succeeded: its change collected through the guard and committed,
//! then its gates.

use std::time::Duration;

use tokio::sync::watch;

use super::super::gate::{self, GateResult};
use super::super::report::{AttemptReport, ChangedFileReport};
use super::super::shared::Shared;
use super::End;
use super::guard::{GuardLog, collect, finding_detail};
use crate::order::AcceptanceCheck;
use crate::ports::{ChangedFile, Collected, CrewOutcome, CrewWorktree, PortError, ScanFinding};
use crate::state::OrderState;
use crate::voyage::Order;

/// Collects the change of a crew that succeeded and runs its gates: the end of attempt
/// `report.number`.
pub(super) async fn gate_change(
    shared: &Shared,
    order: &Order,
    worktree: CrewWorktree,
    env: &[(String, String)],
    outcome: &CrewOutcome,
    stop: watch::Receiver<bool>,
    report: &mut AttemptReport,
) -> Result<End, PortError> {
    let spec = &order.spec;
    let voyage = &shared.voyage;
    let number = report.number;
    let author = format!("maestro {}", spec.role);
    // The message goes into the repository: it passes the redactor like everything stored.
    let message = shared.redactor().line(format!(
        "{}: {}\n\nmaestro order {}/{} attempt {number}",
        spec.id, spec.title, voyage.name, spec.id
    ));
    let (collected, log) = collect(shared, &worktree, author, message).await?;
    shared.record_overrides(&spec.id, &log.suppressed)?;
    let (commit, changed) = match collected {
        Collected::Refused => {
            let gate = gate::refused(&log.refusals);
            shared.audit(
                "secret.block",
                &spec.id,
                serde_json::json!({
                    "attempt": number,
                    "findings": log.blocking().map(finding_detail).collect::<Vec<_>>(),
                    "unscanned": log.unscanned,
                }),
            )?;
            shared.audit(
                "gate.fail",
                &spec.id,
                serde_json::json!({
                    "attempt": number,
                    "gates": [{"name": gate.name, "passed": false}],
                }),
            )?;
            let reason = "gates failed: secrets".to_owned();
            let feedback = format!("Gate `{}` failed:\n{}", gate.name, gate.output);
            report.gates = vec![gate];
            report.changed_files = log
                .paths
                .iter()
                .map(|path| ChangedFileReport {
                    path: path.clone(),
                    added: 0,
                    removed: 0,
                    deleted: false,
                })
                .collect();
            return Ok(End::Failed { reason, feedback });
        }
        Collected::Unchanged => (None, Vec::new()),
        Collected::Committed { commit, changed } => (Some(commit), changed),
    };
    report.commit.clone_from(&commit);
    shared.transition(&spec.id, OrderState::Gating, |o| {
        o.commit.clone_from(&commit);
        o.session_id.clone_from(&outcome.session_id);
    })?;
    report.changed_files = changed.iter().map(ChangedFileReport::from).collect();
    let gates = run_gates(shared, order, &worktree, &changed, &log, env, stop.clone()).await?;
    if stop.has_changed().is_ok() && *stop.borrow() {
        report.gates = gates;
        return Ok(End::Interrupted);
    }
    let failed: Vec<&GateResult> = gates.iter().filter(|g| !g.passed).collect();
    let verdict = if failed.is_empty() {
        End::Passed { worktree, commit }
    } else {
        let names: Vec<&str> = failed.iter().map(|g| g.name.as_str()).collect();
        let feedback = failed
            .iter()
            .map(|g| format!("Gate `{}` failed:\n{}", g.name, g.output))
            .collect::<Vec<_>>()
            .join("\n\n");
        End::Failed {
            reason: format!("gates failed: {}", names.join(", ")),
            feedback,
        }
    };
    shared.audit(
        if failed.is_empty() { "gate.pass" } else { "gate.fail" },
        &spec.id,
        serde_json::json!({
            "attempt": number,
            "gates": gates.iter().map(|g| serde_json::json!({"name": g.name, "passed": g.passed})).collect::<Vec<_>>(),
        }),
    )?;
    report.gates = gates;
    Ok(verdict)
}

/// The gates of a crew's change: scope, the secret scan every order gets (its findings come from
/// the collection, which scanned every blob before writing it), then the order's own acceptance
/// checks in their order.
async fn run_gates(
    shared: &Shared,
    order: &Order,
    worktree: &CrewWorktree,
    changed: &[ChangedFile],
    log: &GuardLog,
    env: &[(String, String)],
    stop: watch::Receiver<bool>,
) -> Result<Vec<GateResult>, PortError> {
    let spec = &order.spec;
    let mut gates = vec![gate::scope(spec, changed)];
    let findings: Vec<ScanFinding> = log.findings.iter().map(|(f, _)| f.clone()).collect();
    gates.push(gate::secrets(&findings, log.suppressed.len()));
    for check in &spec.accept {
        let result = match check {
            AcceptanceCheck::Run {
                command,
                timeout_secs,
            } => {
                let timeout = Duration::from_secs(
                    timeout_secs.unwrap_or(AcceptanceCheck::DEFAULT_TIMEOUT_SECS),
                );
                gate::run_command(
                    &worktree.path,
                    command,
                    timeout,
                    env,
                    // A gate runs code the crew wrote: never with maestro's own rights.
                    shared.options.sandbox.as_ref(),
                    Some(shared.redactor()),
                    stop.clone(),
                )
                .await
            }
            AcceptanceCheck::PathExists(path) => gate::path_exists(&worktree.path, path),
            AcceptanceCheck::ScanClean => {
                gate::scan_clean(&findings, shared.config.scan.block_severity)
            }
        };
        gates.push(result);
    }
    Ok(gates)
}
