//! Merging a crew's change into the voyage branch once its gates passed.

use std::sync::Arc;

use super::report::{AttemptReport, AttemptResult, account};
use super::shared::blocking;
use super::{DispatchError, Dispatcher};
use crate::ports::{CrewWorktree, MergeOutcome};
use crate::state::OrderState;
use crate::voyage::Order;

impl Dispatcher {
    pub(super) async fn merge(
        &self,
        order: &Order,
        mut report: AttemptReport,
        worktree: CrewWorktree,
        commit: Option<String>,
    ) -> Result<(), DispatchError> {
        let shared = &self.shared;
        let id = order.id();
        let outcome = if commit.is_none() {
            MergeOutcome::AlreadyMerged
        } else {
            let isolation = Arc::clone(&shared.ports.isolation);
            let voyage = shared.voyage.clone();
            let change = commit.clone().unwrap_or_default();
            // The message goes into the voyage history: it passes the redactor.
            let message = shared.redactor().line(format!(
                "{}: {}\n\nmaestro voyage {}, order {} (attempt {})",
                id, order.spec.title, shared.voyage.name, id, order.attempts
            ));
            match blocking(move || isolation.merge(&voyage, &change, &message)).await {
                Ok(outcome) => outcome,
                Err(e) => {
                    // A merge that could not be attempted is the order's failure, not the run's.
                    let why = error_chain(e.as_ref());
                    let order = shared.transition(id, OrderState::Failed, |o| {
                        o.failures += 1;
                        o.feedback = Some(format!("merge failed: {why}"));
                        account(o, &report);
                    })?;
                    tracing::warn!("order {id}: merge failed: {why}");
                    shared.note(&order, format!("merge failed: {why}"));
                    shared.save_report(&order, Some(report), None)?;
                    return Ok(());
                }
            }
        };
        let head = match outcome {
            MergeOutcome::Merged { head } => Some(head),
            MergeOutcome::AlreadyMerged => None,
            MergeOutcome::Conflict { paths } => {
                let first_conflict = order.conflicts == 0;
                let feedback = format!(
                    "Your work conflicted with work merged meanwhile into the voyage branch, in: {}. Redo your change on top of the current voyage branch.",
                    paths.join(", ")
                );
                let next = if first_conflict {
                    OrderState::Conflict
                } else {
                    OrderState::Failed
                };
                report.result = AttemptResult::Conflict {
                    paths: paths.clone(),
                    redispatched: first_conflict,
                };
                let order = shared.transition(id, next, |o| {
                    o.conflicts += 1;
                    o.feedback = Some(feedback.clone());
                    account(o, &report);
                })?;
                shared
                    .audit(
                        "order.conflict",
                        id,
                        serde_json::json!({"paths": paths, "redispatch": first_conflict}),
                    )
                    .map_err(DispatchError::Audit)?;
                shared.note(&order, format!("conflict in {}", paths.join(", ")));
                // A first conflict is re-dispatched (conflict -> running) on the new head.
                shared.save_report(&order, Some(report), None)?;
                return Ok(());
            }
        };
        // Recorded before the order is marked merged: a dispatcher killed in between leaves
        // the order gating with its change in the voyage branch, which recovery marks merged
        // without recording the merge twice.
        shared
            .audit(
                if commit.is_none() {
                    "order.unchanged"
                } else {
                    "merge"
                },
                id,
                serde_json::json!({"commit": commit, "head": head}),
            )
            .map_err(DispatchError::Audit)?;
        let order = shared.transition(id, OrderState::Merged, |o| {
            o.feedback = None;
            account(o, &report);
        })?;
        let nothing = commit.is_none();
        shared.note(
            &order,
            match head.as_deref() {
                _ if nothing => "nothing to merge: the crew changed nothing".to_owned(),
                Some(h) => format!("merged at {}", &h[..h.len().min(12)]),
                None => "already in the voyage branch".to_owned(),
            },
        );
        shared.save_report_with(&order, Some(report), head, nothing)?;
        // The work is in the voyage branch; the worktree serves the next crew, or is
        // removed when the run ends.
        shared.put_spare(worktree);
        Ok(())
    }
}

/// An error and its causes on one line.
pub(super) fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(current) = cause {
        text.push_str(": ");
        text.push_str(&current.to_string());
        cause = current.source();
    }
    text
}
