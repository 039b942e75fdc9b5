//! The state the dispatcher shares with its crews: the store, the voyage, the ports, and the
//! records every step leaves (audit entries, reports, progress events).

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use jiff::Timestamp;
use tokio::sync::mpsc;

use super::report::AttemptReport;
use super::report::{HookFinding, HookOverride, OrderReport};
use super::{DispatchError, Event, Ports, RunOptions, backoff};
use crate::config::WorkspaceConfig;
use crate::name::OrderId;
use crate::ports::{Agent, AuditEvent, CrewWorktree, PortError};
use crate::process::Redactor;
use crate::state::OrderState;
use crate::store::Store;
use crate::voyage::{Order, Voyage};

/// State shared by the dispatcher and its crews.
pub(super) struct Shared {
    pub(super) store: Store,
    pub(super) voyage: Voyage,
    pub(super) config: WorkspaceConfig,
    pub(super) repo_root: PathBuf,
    pub(super) ports: Ports,
    pub(super) command_agent: Arc<dyn Agent>,
    pub(super) options: RunOptions,
    pub(super) events: Option<mpsc::UnboundedSender<Event>>,
    /// Worktrees of merged orders, kept for the next crews to reuse; released when the run ends.
    pub(super) spare: Mutex<Vec<CrewWorktree>>,
    /// The SHA-256 of `workspace.json` when the run started (set by [`Dispatcher::run`](super::Dispatcher::run)).
    pub(super) config_hash: Mutex<String>,
    /// One back-off for every crew when the model's API refuses them.
    pub(super) backoff: Mutex<backoff::Backoff>,
}

impl Shared {
    pub(super) fn take_spare(&self) -> Option<CrewWorktree> {
        self.spare
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop()
    }

    pub(super) fn put_spare(&self, worktree: CrewWorktree) {
        self.spare
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(worktree);
    }

    /// Removes the spare worktrees: nothing is left to reuse them.
    pub(super) async fn release_spares(&self) {
        let spares =
            std::mem::take(&mut *self.spare.lock().unwrap_or_else(PoisonError::into_inner));
        for worktree in spares {
            let isolation = Arc::clone(&self.ports.isolation);
            let path = worktree.path.clone();
            if let Err(e) = blocking(move || isolation.release(&worktree)).await {
                tracing::warn!("cannot remove the worktree at {}: {e}", path.display());
            }
        }
    }

    /// Crew and gate output loses its secrets through the scanner before it is kept.
    pub(super) fn redactor(&self) -> Redactor {
        let scanner = Arc::clone(&self.ports.scanner);
        Redactor::new(move |text| scanner.redact(text))
    }

    pub(super) fn crew_timeout(&self) -> Duration {
        Duration::from_secs(self.config.crews.timeout_secs)
    }

    pub(super) fn crew_env(
        &self,
        order: &Order,
        attempt: u32,
        worktree: &CrewWorktree,
    ) -> Vec<(String, String)> {
        vec![
            ("MAESTRO_ITER_MANAGED".into(), "1".into()),
            (
                "MAESTRO_WORKSPACE".into(),
                self.repo_root.display().to_string(),
            ),
            ("MAESTRO_VOYAGE".into(), self.voyage.name.to_string()),
            ("MAESTRO_ORDER".into(), order.id().to_string()),
            ("MAESTRO_ROLE".into(), order.spec.role.to_string()),
            ("MAESTRO_ATTEMPT".into(), attempt.to_string()),
            (
                "MAESTRO_WORKTREE".into(),
                worktree.path.display().to_string(),
            ),
            // The commit the crew started from: an inline allow counts only on its lines.
            ("MAESTRO_BASE".into(), worktree.base.clone()),
            (
                crate::hook::CONFIG_HASH_ENV.into(),
                self.config_hash
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .clone(),
            ),
        ]
    }

    /// Records suppressions that took effect at `order`'s collection (never silent): one
    /// `scan.override` audit entry each, and the report's `overrides` list.
    pub(super) fn record_overrides(
        &self,
        order: &OrderId,
        suppressed: &[crate::ports::Suppressed],
    ) -> Result<(), PortError> {
        if suppressed.is_empty() {
            return Ok(());
        }
        for s in suppressed {
            self.audit(
                "scan.override",
                order,
                serde_json::json!({
                    "by": s.by,
                    "finding": {
                        "rule_id": s.finding.rule_id,
                        "path": s.finding.path,
                        "line": s.finding.line,
                        "redacted": s.finding.redacted,
                        "fingerprint": s.finding.fingerprint,
                    },
                }),
            )?;
        }
        self.store
            .update_report(&self.voyage.name, order, |current: Option<OrderReport>| {
                let mut report = current
                    .ok_or_else(|| -> PortError { "the order's report is missing".into() })?;
                // Found by the merge-time gate, not in a tool call.
                report
                    .overrides
                    .extend(suppressed.iter().map(|s| HookOverride {
                        finding: HookFinding::of(&s.finding, ""),
                        by: s.by.clone(),
                    }));
                Ok::<_, PortError>((report, ()))
            })
    }

    /// Records an action on the voyage as a whole (subject: the voyage's name).
    pub(super) fn audit_voyage(
        &self,
        action: &str,
        details: serde_json::Value,
    ) -> Result<(), PortError> {
        self.record(action, self.voyage.name.to_string(), details)
    }

    pub(super) fn audit(
        &self,
        action: &str,
        order: &OrderId,
        details: serde_json::Value,
    ) -> Result<(), PortError> {
        self.record(action, self.subject(order), details)
    }

    /// The audit subject of `order`: `<voyage>/<order>`.
    pub(super) fn subject(&self, order: &OrderId) -> String {
        format!("{}/{}", self.voyage.name, order)
    }

    pub(super) fn record(
        &self,
        action: &str,
        subject: String,
        details: serde_json::Value,
    ) -> Result<(), PortError> {
        let details = match details {
            serde_json::Value::Object(map) => map,
            other => {
                let mut map = serde_json::Map::new();
                map.insert("value".into(), other);
                map
            }
        };
        self.ports.audit.record(AuditEvent {
            actor: "dispatcher".into(),
            action: action.into(),
            subject,
            details,
        })
    }

    /// Moves `order` to `to` in the store (checking the transition), applying `edit` too.
    pub(super) fn transition(
        &self,
        order: &OrderId,
        to: OrderState,
        edit: impl FnOnce(&mut Order),
    ) -> Result<Order, DispatchError> {
        let order = self.store.update_order(&self.voyage.name, order, |o| {
            o.transition(to, Timestamp::now())?;
            edit(o);
            Ok::<_, DispatchError>(o.clone())
        })?;
        self.note(&order, String::new());
        Ok(order)
    }

    pub(super) fn note(&self, order: &Order, note: impl Into<String>) {
        if let Some(events) = &self.events {
            let _ = events.send(Self::event(order, note.into()));
        }
    }

    /// A crew's progress while it works: turns so far in this attempt; money, when known.
    pub(super) fn work(&self, order: &Order, turns: u32, cost_usd: Option<f64>) {
        let spent = match (order.cost_usd, cost_usd) {
            (Some(before), Some(now)) => Some(before + now),
            (before, now) => before.or(now),
        };
        if let Some(events) = &self.events {
            let _ = events.send(Event {
                turns: Some(turns),
                cost_usd: spent,
                ..Self::event(order, String::new())
            });
        }
    }

    pub(super) fn event(order: &Order, note: String) -> Event {
        Event {
            order: order.id().clone(),
            role: order.spec.role,
            state: order.state,
            attempt: order.attempts,
            note,
            turns: None,
            cost_usd: order.cost_usd,
            wait: order.wait.clone(),
        }
    }

    pub(super) fn backoff(&self) -> std::sync::MutexGuard<'_, backoff::Backoff> {
        self.backoff.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn save_report(
        &self,
        order: &Order,
        attempt: Option<AttemptReport>,
        merged_head: Option<String>,
    ) -> Result<(), DispatchError> {
        self.save_report_with(order, attempt, merged_head, false)
    }

    pub(super) fn save_report_with(
        &self,
        order: &Order,
        attempt: Option<AttemptReport>,
        merged_head: Option<String>,
        nothing_to_merge: bool,
    ) -> Result<(), DispatchError> {
        self.store.update_report(
            &self.voyage.name,
            order.id(),
            |current: Option<OrderReport>| {
                let mut report =
                    current.unwrap_or_else(|| OrderReport::new(self.voyage.name.as_str(), order));
                report.state = order.state;
                if let Some(attempt) = attempt {
                    report.attempts.retain(|a| a.number != attempt.number);
                    report.attempts.push(attempt);
                }
                if merged_head.is_some() {
                    report.merged_head = merged_head;
                }
                if nothing_to_merge {
                    report.nothing_to_merge = true;
                }
                Ok::<_, DispatchError>((report, ()))
            },
        )
    }
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared")
            .field("voyage", &self.voyage.name)
            .finish_non_exhaustive()
    }
}

/// Runs a blocking port call (git, scanning) off the async threads.
pub(super) async fn blocking<T, F>(f: F) -> Result<T, PortError>
where
    F: FnOnce() -> Result<T, PortError> + Send + 'static,
    T: Send + 'static,
{
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| -> PortError { format!("a worker thread failed: {e}").into() })?
}
