//! Recovery: what a dispatcher that was stopped or killed left mid-way is repaired, recognised
//! as merged, or put back to be dispatched again.

use std::sync::Arc;

use jiff::Timestamp;

use super::shared::blocking;
use super::{DispatchError, Dispatcher};
use crate::state::OrderState;
use crate::store::StoreError;
use crate::voyage::Order;

impl Dispatcher {
    /// Orders a previous dispatcher left mid-way: what it left half-done in git is repaired
    /// first (audited as `worktree.repair`); work already merged is recognised as merged;
    /// everything else in flight goes back to `pending`, to be dispatched from a fresh worktree.
    /// Worktrees it left for merged orders become spares, reused or released by this run.
    pub(super) async fn recover(&self, orders: &[Order]) -> Result<(), DispatchError> {
        let shared = &self.shared;
        // What a killed dispatcher left half-done in git goes first (this run holds the
        // voyage's run lock: none of its crews works meanwhile).
        let (isolation, voyage) = (Arc::clone(&shared.ports.isolation), shared.voyage.clone());
        let repairs = blocking(move || isolation.repair(&voyage))
            .await
            .map_err(|source| DispatchError::Port {
                action: "repair the voyage's worktrees".into(),
                source,
            })?;
        for repair in repairs {
            shared
                .audit_voyage(
                    "worktree.repair",
                    serde_json::json!({"subject": repair.subject, "found": repair.found, "action": repair.action}),
                )
                .map_err(DispatchError::Audit)?;
        }
        for order in orders.iter().filter(|o| o.state == OrderState::Merged) {
            let isolation = Arc::clone(&shared.ports.isolation);
            let voyage = shared.voyage.clone();
            let id = order.id().clone();
            match blocking(move || isolation.adopt(&voyage, &id)).await {
                Ok(Some(worktree)) => shared.put_spare(worktree),
                Ok(None) => {}
                Err(e) => tracing::warn!(
                    "cannot take over the worktree order {} left: {e}",
                    order.id()
                ),
            }
        }
        for order in orders {
            if !matches!(
                order.state,
                OrderState::Running
                    | OrderState::Gating
                    | OrderState::Conflict
                    | OrderState::Interrupted
            ) {
                continue;
            }
            if order.state == OrderState::Gating
                && let Some(commit) = order.commit.clone()
            {
                let isolation = Arc::clone(&shared.ports.isolation);
                let voyage = shared.voyage.clone();
                let change = commit.clone();
                let merged = blocking(move || isolation.holds_change(&voyage, &change))
                    .await
                    .map_err(|source| DispatchError::Port {
                        action: format!("check whether order `{}` was merged", order.id()),
                        source,
                    })?;
                if merged {
                    // Killed between the merge and its record: the record is made now, once.
                    let recorded = shared
                        .ports
                        .audit
                        .recorded("merge", &shared.subject(order.id()), "commit", &commit)
                        .map_err(DispatchError::Audit)?;
                    if !recorded {
                        shared
                            .audit(
                                "merge",
                                order.id(),
                                serde_json::json!({"commit": commit, "head": null, "recovered": true}),
                            )
                            .map_err(DispatchError::Audit)?;
                    }
                    let order = shared.transition(order.id(), OrderState::Merged, |_| {})?;
                    shared.save_report(&order, None, None)?;
                    continue;
                }
            }
            // A crew left running by a dispatcher that was killed is stopped first, so its
            // order is never worked on twice at once.
            let pid_file = shared.store.pid_path(&shared.voyage.name, order.id())?;
            if crate::process::stop_leftover(&pid_file, shared.options.grace).await {
                tracing::info!(
                    "stopped the crew of order {} left by an earlier run",
                    order.id()
                );
            }
            // And a remote crew's job is cancelled (its results could not reach this run's
            // channel, but it would go on working).
            if let Some(placement) = order.placement.clone() {
                let executor = Arc::clone(&shared.ports.executor);
                if placement.executor == executor.kind() {
                    let job = placement.job.clone();
                    match blocking(move || executor.abandon(&placement)).await {
                        Ok(()) => {
                            shared
                                .audit(
                                    "job.cancel",
                                    order.id(),
                                    serde_json::json!({"job": job, "reason": "left by an earlier run"}),
                                )
                                .map_err(DispatchError::Audit)?;
                        }
                        Err(e) => tracing::warn!(
                            "cannot cancel job {job} of order {} left by an earlier run: {e}",
                            order.id()
                        ),
                    }
                } else {
                    tracing::warn!(
                        "order {} left {} job {} running; crews now run with the {} executor, which cannot cancel it",
                        order.id(),
                        placement.executor,
                        placement.job,
                        executor.kind()
                    );
                }
            }
            if order.state != OrderState::Interrupted {
                shared.transition(order.id(), OrderState::Interrupted, |_| {})?;
            }
            // A new run gives a crew that lost node after node its tries again.
            shared.transition(order.id(), OrderState::Pending, |o| o.lost = 0)?;
        }
        Ok(())
    }

    /// Orders a previous dispatcher left waiting out a limit of the model's API keep waiting
    /// until it passes, and hold back every crew meanwhile; a crew it left waiting by itself is
    /// stopped first and resumed by this run.
    pub(super) async fn recover_waiting(&self, orders: &[Order]) -> Result<(), DispatchError> {
        let shared = &self.shared;
        for order in orders.iter().filter(|o| o.state == OrderState::Waiting) {
            let pid_file = shared.store.pid_path(&shared.voyage.name, order.id())?;
            if crate::process::stop_leftover(&pid_file, shared.options.grace).await {
                tracing::info!(
                    "stopped the crew of order {} left by an earlier run",
                    order.id()
                );
            }
            let wait = order.wait.clone().unwrap_or_else(|| crate::voyage::Wait {
                until: Timestamp::now(),
                reason: "a limit of the model's API".to_owned(),
                in_crew: false,
            });
            shared
                .backoff()
                .refused(Some(wait.until), Timestamp::now(), shared.options.backoff);
            shared
                .store
                .update_order(&shared.voyage.name, order.id(), |o| {
                    if let Some(point) = &mut o.resume {
                        point.after_limit = Some(wait.reason.clone());
                    }
                    o.wait = Some(crate::voyage::Wait {
                        in_crew: false,
                        ..wait.clone()
                    });
                    Ok::<_, StoreError>(())
                })?;
        }
        Ok(())
    }
}
