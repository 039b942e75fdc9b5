//! The run loop: start crews for ready orders as far as the limits allow, settle each crew as
//! it ends, block what can no longer run, and stop on request or when `workspace.json` changes.

use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use tokio::sync::watch;
use tokio::task::JoinSet;

use super::budget::BudgetSpent;
use super::config_watch::ConfigWatch;
use super::crew::{self, End};
use super::plan::validate;
use super::report::{AttemptReport, OrderReport};
use super::{DispatchError, Dispatcher, Summary};
use crate::dag::Dag;
use crate::name::OrderId;
use crate::role::Role;
use crate::state::OrderState;
use crate::store::StoreError;
use crate::voyage::{Order, VoyageState};

impl Dispatcher {
    pub(super) async fn dispatch(
        &self,
        user_stop: watch::Receiver<bool>,
        mut config: ConfigWatch,
    ) -> Result<Summary, DispatchError> {
        let shared = Arc::clone(&self.shared);
        let name = shared.voyage.name.clone();
        let orders = shared.store.orders(&name)?;
        let dag = validate(name.as_str(), &orders, &self.entitlements)?;
        self.recover(&orders).await?;
        self.recover_waiting(&orders).await?;
        shared.store.update_voyage(&name, |v| {
            v.state = VoyageState::Running;
            Ok::<_, StoreError>(())
        })?;
        let limit = self.concurrency() as usize;
        let retries = shared.config.crews.retries;

        // Crews stop when the user stops the run or when the configuration changes under it.
        let (halt_tx, stop) = watch::channel(*user_stop.borrow());
        let mut user_stop = user_stop;
        let mut running: JoinSet<(OrderId, AttemptReport, End)> = JoinSet::new();
        let mut stopping = *user_stop.borrow();
        let mut config_changed: Option<Vec<String>> = None;
        let mut tick = tokio::time::interval(ConfigWatch::PERIOD);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut budget_spent: Option<BudgetSpent> = None;
        loop {
            if let Some(keys) = config.changed() {
                self.config_changed(&keys)?;
                config_changed = Some(keys);
                stopping = true;
                let _ = halt_tx.send(true);
            }
            let orders = shared.store.orders(&name)?;
            let orders = if self.block_dependents(&orders, &dag)? {
                shared.store.orders(&name)?
            } else {
                orders
            };
            let states: Vec<OrderState> = orders.iter().map(|o| o.state).collect();
            let now = Timestamp::now();
            let ready = Self::ready(&orders, &dag, &states, now);
            if !stopping && !ready.is_empty() && budget_spent.is_none() {
                budget_spent = BudgetSpent::of(&orders, shared.config.crews.voyage_budget_usd);
                if let Some(spent) = budget_spent {
                    self.budget_spent(spent)?;
                }
            }
            if !stopping && budget_spent.is_none() {
                for i in ready {
                    // One task per crew; its order is `running` or `gating`, so never ready again.
                    if running.len() >= limit {
                        break;
                    }
                    let id = orders[i].id().clone();
                    // After the model's API refused a crew, one crew goes first.
                    if !shared.backoff().admit(&id, now) {
                        break;
                    }
                    // A resumed crew goes on with its interrupted attempt.
                    let order = shared.transition(&id, OrderState::Running, |o| {
                        if o.resume.is_none() {
                            o.attempts += 1;
                        }
                        o.wait = None;
                    })?;
                    // The report exists before the crew starts, so its hooks can add to it.
                    shared.save_report(&order, None, None)?;
                    shared
                        .audit(
                            "order.dispatch",
                            &id,
                            serde_json::json!({"attempt": order.attempts, "role": order.spec.role.as_str()}),
                        )
                        .map_err(DispatchError::Audit)?;
                    let crew_shared = Arc::clone(&shared);
                    let crew_stop = stop.clone();
                    running.spawn(async move {
                        let number = order.attempts;
                        let (report, end) =
                            crew::attempt(crew_shared, order, number, crew_stop).await;
                        (id, report, end)
                    });
                }
            }
            // Crews waiting out a limit of the model's API go on when it passes.
            let wake = (!stopping && budget_spent.is_none())
                .then(|| Self::next_wake(&orders, shared.backoff().until(), now))
                .flatten();
            if running.is_empty() && wake.is_none() {
                break;
            }
            let sleep = wake.map_or(Duration::from_secs(3600), |at| {
                Duration::try_from(at.duration_since(now)).unwrap_or_default()
            });
            let joined = tokio::select! {
                joined = running.join_next(), if !running.is_empty() => joined,
                () = tokio::time::sleep(sleep), if wake.is_some() => continue,
                changed = user_stop.changed(), if !stopping => {
                    // A dropped sender is not a request to stop.
                    if changed.is_ok() && *user_stop.borrow() {
                        stopping = true;
                        let _ = halt_tx.send(true);
                    }
                    continue;
                }
                _ = tick.tick(), if config_changed.is_none() => continue,
            };
            let Some(joined) = joined else { break };
            let (id, report, end) = joined.map_err(|e| DispatchError::Port {
                action: "finish a crew task".into(),
                source: format!("{e}").into(),
            })?;
            self.settle(&id, report, end, retries).await?;
        }

        stopping = stopping || *user_stop.borrow();
        let orders = shared.store.orders(&name)?;
        let mut summary = Summary {
            stopped: stopping,
            config_changed,
            budget_spent,
            ..Summary::default()
        };
        for order in &orders {
            let id = order.id().clone();
            match order.state {
                OrderState::Merged => {
                    if shared
                        .store
                        .report::<OrderReport>(&name, &id)?
                        .is_some_and(|r| r.nothing_to_merge)
                    {
                        summary.unchanged.push(id.clone());
                    }
                    summary.merged.push(id);
                }
                OrderState::Failed => summary.failed.push(id),
                OrderState::Blocked => summary.blocked.push(id),
                OrderState::Interrupted => summary.interrupted.push(id),
                OrderState::Waiting => summary.limited.push(id),
                _ => summary.waiting.push(id),
            }
        }
        let settled = orders.iter().all(|o| o.state.is_settled());
        shared.store.update_voyage(&name, |v| {
            v.state = if settled {
                VoyageState::Finished
            } else {
                VoyageState::Open
            };
            Ok::<_, StoreError>(())
        })?;
        Ok(summary)
    }

    /// Audits a change of `workspace.json` while crews ran.
    pub(super) fn config_changed(&self, keys: &[String]) -> Result<(), DispatchError> {
        let shared = &self.shared;
        tracing::warn!(
            "workspace.json changed while crews ran ({}): stopping the run",
            keys.join(", ")
        );
        shared
            .audit_voyage(
                "config.change",
                serde_json::json!({"keys": keys, "during": "run"}),
            )
            .map_err(DispatchError::Audit)
    }

    /// Pending orders whose dependencies failed or are blocked become blocked; so do releaser
    /// orders once anything else failed. Returns whether any order was blocked.
    pub(super) fn block_dependents(
        &self,
        orders: &[Order],
        dag: &Dag,
    ) -> Result<bool, DispatchError> {
        let shared = &self.shared;
        let anything_failed = orders.iter().any(|o| {
            o.spec.role != Role::Releaser
                && matches!(o.state, OrderState::Failed | OrderState::Blocked)
        });
        // In dependency order, so a block propagates down the whole chain in one pass.
        let mut states: Vec<OrderState> = orders.iter().map(|o| o.state).collect();
        let mut blocked_any = false;
        for &i in dag.topological() {
            let order = &orders[i];
            if states[i] != OrderState::Pending {
                continue;
            }
            let by = dag
                .dependencies(i)
                .iter()
                .find(|&&d| matches!(states[d], OrderState::Failed | OrderState::Blocked))
                .map(|&d| orders[d].id().to_string());
            let reason = match by {
                Some(dep) => Some(format!("dependency `{dep}` did not merge")),
                None if order.spec.role == Role::Releaser && anything_failed => {
                    Some("another order of the voyage did not merge".to_owned())
                }
                None => None,
            };
            if let Some(reason) = reason {
                blocked_any = true;
                states[i] = OrderState::Blocked;
                let order = shared.transition(order.id(), OrderState::Blocked, |o| {
                    o.feedback = Some(reason.clone());
                })?;
                shared
                    .audit(
                        "order.blocked",
                        order.id(),
                        serde_json::json!({"reason": reason}),
                    )
                    .map_err(DispatchError::Audit)?;
                shared.note(&order, reason);
                shared.save_report(&order, None, None)?;
            }
        }
        Ok(blocked_any)
    }

    /// Orders that may start now, in topological order: pending, dependencies merged, and
    /// releaser orders only when every other order is settled. An order whose crew waited out
    /// a limit of the model's API is ready once the limit passed.
    pub(super) fn ready(
        orders: &[Order],
        dag: &Dag,
        states: &[OrderState],
        now: Timestamp,
    ) -> Vec<usize> {
        let others_settled = orders
            .iter()
            .filter(|o| o.spec.role != Role::Releaser)
            .all(|o| o.state.is_settled() || o.state == OrderState::Proposed);
        // A conflicted order is re-dispatched like a pending one.
        let states: Vec<OrderState> = states
            .iter()
            .zip(orders)
            .map(|(s, o)| match s {
                OrderState::Conflict => OrderState::Pending,
                OrderState::Waiting if o.wait.as_ref().is_none_or(|w| w.until <= now) => {
                    OrderState::Pending
                }
                other => *other,
            })
            .collect();
        dag.ready(&states)
            .into_iter()
            .filter(|&i| orders[i].spec.role != Role::Releaser || others_settled)
            .collect()
    }

    /// When the next crew waiting out a limit of the model's API may go on (`None`: no crew
    /// waits so). A limit already passed counts from `now`.
    pub(super) fn next_wake(
        orders: &[Order],
        backoff: Option<Timestamp>,
        now: Timestamp,
    ) -> Option<Timestamp> {
        let waits = orders
            .iter()
            .filter(|o| o.state == OrderState::Waiting)
            .filter_map(|o| o.wait.as_ref())
            .filter(|w| !w.in_crew)
            .map(|w| w.until.max(now))
            .min()?;
        Some(backoff.map_or(waits, |b| b.max(waits)))
    }
}
