//! The dispatcher: turns a voyage of orders into crews in isolated worktrees, gates their work
//! and merges it into the voyage branch in dependency order.
//!
//! It speaks only to its ports ([`Ports`]): worktrees and merging ([`Isolation`]), the crew
//! itself ([`Agent`]), the scanner ([`Scanner`]), the audit log ([`AuditSink`]), and the licence's
//! [`Entitlements`]. Every state change is saved before the next step, so a dispatcher that was
//! stopped or killed resumes where it was: merged orders stay merged, work already merged is
//! recognised, and crews that were running are dispatched again from a fresh worktree.

mod config_watch;
mod crew;
pub mod gate;
pub mod prompt;
pub mod report;

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use jiff::Timestamp;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinSet;

use crate::agent::CommandAgent;
use crate::config::WorkspaceConfig;
use crate::dag::Dag;
use crate::name::OrderId;
use crate::order::OrderSpec;
use crate::ports::{
    Agent, AuditEvent, AuditSink, CrewWorktree, Entitlements, Isolation, MergeOutcome, PortError,
    Scanner,
};
use crate::process::Redactor;
use crate::role::Role;
use crate::state::{OrderState, TransitionError};
use crate::store::{Store, StoreError};
use crate::voyage::{Order, Voyage, VoyageState};
use config_watch::ConfigWatch;
use crew::{End, blocking};
use report::{AttemptReport, OrderReport};

/// The implementations of the dispatcher's ports.
#[derive(Clone)]
pub struct Ports {
    /// Worktrees and merges.
    pub isolation: Arc<dyn Isolation>,
    /// The default agent (orders with their own `agent.command` use the command agent).
    pub agent: Arc<dyn Agent>,
    /// The scanner for gates.
    pub scanner: Arc<dyn Scanner>,
    /// The audit log.
    pub audit: Arc<dyn AuditSink>,
}

impl std::fmt::Debug for Ports {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Ports { .. }")
    }
}

/// Settings of one run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// `--max-crews`: at most this many crews at once (also bounded by the configuration and
    /// the licence). Default: no extra bound.
    pub max_crews: Option<u32>,
    /// Time between SIGTERM and SIGKILL when a crew must stop. Default: 5 s.
    pub grace: Duration,
    /// The operating system's sandbox that orders' own command agents, gate commands and setup
    /// commands run in. Default: `None`, no sandbox (`crews.sandbox: "off"`); the composition
    /// layer sets it, or refuses to run, when the sandbox is on.
    pub sandbox: Option<crate::sandbox::Sandbox>,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            max_crews: None,
            grace: Duration::from_secs(5),
            sandbox: None,
        }
    }
}

/// Something that happened, for live progress.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The order.
    pub order: OrderId,
    /// Its role.
    pub role: Role,
    /// Its new state.
    pub state: OrderState,
    /// The attempt concerned.
    pub attempt: u32,
    /// A short explanation (why it failed, what merged…).
    pub note: String,
}

/// How a run ended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Orders merged (in this run or before).
    pub merged: Vec<OrderId>,
    /// Orders that failed.
    pub failed: Vec<OrderId>,
    /// Orders blocked by a failed dependency.
    pub blocked: Vec<OrderId>,
    /// Orders stopped by the user, to be resumed.
    pub interrupted: Vec<OrderId>,
    /// Orders not run: proposed ones waiting for approval, or pending ones left by a stop.
    pub waiting: Vec<OrderId>,
    /// Orders whose crew changed nothing: settled (their dependents go ahead), with nothing to
    /// merge. Also listed in `merged`.
    pub unchanged: Vec<OrderId>,
    /// Whether the run was stopped before the voyage settled.
    pub stopped: bool,
    /// The `workspace.json` keys that changed while crews ran, which stopped the run.
    pub config_changed: Option<Vec<String>>,
}

impl Summary {
    /// Whether every order is merged (or settled with nothing to merge).
    #[must_use]
    pub fn all_merged(&self) -> bool {
        self.failed.is_empty()
            && self.blocked.is_empty()
            && self.interrupted.is_empty()
            && self.waiting.is_empty()
            && !self.stopped
    }
}

/// Why a run could not start or had to stop.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DispatchError {
    /// The state store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The voyage cannot be dispatched as it is.
    #[error("voyage `{voyage}` cannot be dispatched: {reason}")]
    Invalid {
        /// The voyage.
        voyage: String,
        /// Why.
        reason: String,
    },
    /// Another dispatcher holds the voyage.
    #[error("voyage `{voyage}` is already being run by another `maestro run`")]
    Busy {
        /// The voyage.
        voyage: String,
    },
    /// The audit log could not be written, so the run stopped (actions must not go
    /// unrecorded).
    #[error("cannot write the audit log")]
    Audit(#[source] PortError),
    /// A git or scanner operation failed outside any one crew.
    #[error("cannot {action}")]
    Port {
        /// What was attempted.
        action: String,
        /// The cause.
        #[source]
        source: PortError,
    },
    /// An illegal state change was attempted (a bug, or a hand-edited state file).
    #[error(transparent)]
    Transition(#[from] TransitionError),
}

/// Checks that `orders` can be dispatched under `entitlements`: a valid graph, roles the tier
/// allows, and no pending order waiting for a proposed one.
pub fn validate(
    voyage: &str,
    orders: &[Order],
    entitlements: &Entitlements,
) -> Result<Dag, DispatchError> {
    let invalid = |reason: String| DispatchError::Invalid {
        voyage: voyage.to_owned(),
        reason,
    };
    let specs: Vec<OrderSpec> = orders.iter().map(|o| o.spec.clone()).collect();
    let dag = Dag::new(&specs).map_err(|e| invalid(e.to_string()))?;
    for order in orders {
        if order.state != OrderState::Proposed && !entitlements.allows(order.spec.role) {
            let allowed: Vec<&str> = entitlements.roles.iter().map(|r| r.as_str()).collect();
            return Err(invalid(format!(
                "order `{}` needs the {} role, which the {} tier does not allow (it allows {}; {} crew{} at once)",
                order.id(),
                order.spec.role,
                entitlements.tier,
                allowed.join(", "),
                entitlements.max_crews,
                if entitlements.max_crews == 1 { "" } else { "s" }
            )));
        }
    }
    for (i, order) in orders.iter().enumerate() {
        if order.state == OrderState::Proposed {
            continue;
        }
        if let Some(&d) = dag
            .dependencies(i)
            .iter()
            .find(|&&d| orders[d].state == OrderState::Proposed)
        {
            return Err(invalid(format!(
                "order `{}` depends on `{}`, which is only proposed (approve the plan first)",
                order.id(),
                orders[d].id()
            )));
        }
    }
    Ok(dag)
}

/// How many crews may run at once: the least of `max_crews` (`--max-crews`),
/// `crews.maxConcurrent` and the licence's limit, and at least one.
#[must_use]
pub fn concurrency(
    max_crews: Option<u32>,
    config: &WorkspaceConfig,
    entitlements: &Entitlements,
) -> u32 {
    [
        max_crews,
        Some(config.crews.max_concurrent),
        Some(entitlements.max_crews),
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(1)
    .max(1)
}

/// The waves in which `orders` would run with unlimited crews: each wave depends only on
/// earlier ones (releaser orders last). For `maestro run --dry-run`.
#[must_use]
pub fn waves(orders: &[Order], dag: &Dag) -> Vec<Vec<OrderId>> {
    let mut level = vec![0usize; orders.len()];
    for &i in dag.topological() {
        level[i] = dag
            .dependencies(i)
            .iter()
            .map(|&d| level[d] + 1)
            .max()
            .unwrap_or(0);
    }
    let last = level.iter().copied().max().unwrap_or(0);
    for (i, order) in orders.iter().enumerate() {
        if order.spec.role == Role::Releaser {
            level[i] = level[i].max(last + 1);
        }
    }
    let mut waves: Vec<Vec<OrderId>> = Vec::new();
    for &i in dag.topological() {
        if matches!(orders[i].state, OrderState::Merged | OrderState::Proposed) {
            continue;
        }
        let l = level[i];
        if waves.len() <= l {
            waves.resize(l + 1, Vec::new());
        }
        waves[l].push(orders[i].id().clone());
    }
    waves.retain(|w| !w.is_empty());
    waves
}

/// An error and its causes on one line.
fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(current) = cause {
        text.push_str(": ");
        text.push_str(&current.to_string());
        cause = current.source();
    }
    text
}

/// Adds an attempt's cost and crew time to its order's totals.
fn account(order: &mut Order, attempt: &AttemptReport) {
    if let Some(cost) = attempt.cost_usd {
        order.cost_usd = Some(order.cost_usd.unwrap_or(0.0) + cost);
    }
    order.duration_secs = Some(order.duration_secs.unwrap_or(0.0) + attempt.crew_secs);
}

/// State shared by the dispatcher and its crews.
struct Shared {
    store: Store,
    voyage: Voyage,
    config: WorkspaceConfig,
    repo_root: PathBuf,
    ports: Ports,
    command_agent: Arc<dyn Agent>,
    options: RunOptions,
    events: Option<mpsc::UnboundedSender<Event>>,
    /// Worktrees of merged orders, kept for the next crews to reuse; released when the run ends.
    spare: Mutex<Vec<CrewWorktree>>,
    /// The SHA-256 of `workspace.json` when the run started (set by [`Dispatcher::run`]).
    config_hash: Mutex<String>,
}

impl Shared {
    fn take_spare(&self) -> Option<CrewWorktree> {
        self.spare
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop()
    }

    fn put_spare(&self, worktree: CrewWorktree) {
        self.spare
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(worktree);
    }

    /// Removes the spare worktrees: nothing is left to reuse them.
    async fn release_spares(&self) {
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
    fn redactor(&self) -> Redactor {
        let scanner = Arc::clone(&self.ports.scanner);
        Redactor::new(move |text| scanner.redact(text))
    }

    fn crew_timeout(&self) -> Duration {
        Duration::from_secs(self.config.crews.timeout_secs)
    }

    fn crew_env(
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
    fn record_overrides(
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
                report.overrides.extend(suppressed.iter().map(|s| {
                    serde_json::json!({
                        "by": s.by,
                        "rule_id": s.finding.rule_id,
                        "path": s.finding.path,
                        "line": s.finding.line,
                        "redacted": s.finding.redacted,
                        "fingerprint": s.finding.fingerprint,
                        "at": Timestamp::now().to_string(),
                    })
                }));
                Ok::<_, PortError>((report, ()))
            })
    }

    /// Records an action on the voyage as a whole (subject: the voyage's name).
    fn audit_voyage(&self, action: &str, details: serde_json::Value) -> Result<(), PortError> {
        self.record(action, self.voyage.name.to_string(), details)
    }

    fn audit(
        &self,
        action: &str,
        order: &OrderId,
        details: serde_json::Value,
    ) -> Result<(), PortError> {
        self.record(action, format!("{}/{}", self.voyage.name, order), details)
    }

    fn record(
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
    fn transition(
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

    fn note(&self, order: &Order, note: impl Into<String>) {
        if let Some(events) = &self.events {
            let _ = events.send(Event {
                order: order.id().clone(),
                role: order.spec.role,
                state: order.state,
                attempt: order.attempts,
                note: note.into(),
            });
        }
    }

    fn save_report(
        &self,
        order: &Order,
        attempt: Option<AttemptReport>,
        merged_head: Option<String>,
    ) -> Result<(), DispatchError> {
        self.save_report_with(order, attempt, merged_head, false)
    }

    fn save_report_with(
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
                let mut report = current.unwrap_or_else(|| OrderReport {
                    voyage: self.voyage.name.to_string(),
                    order: order.id().to_string(),
                    title: order.spec.title.clone(),
                    role: order.spec.role,
                    state: order.state,
                    attempts: Vec::new(),
                    merged_head: None,
                    nothing_to_merge: false,
                    blocks: Vec::new(),
                    findings: Vec::new(),
                    overrides: Vec::new(),
                });
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

/// Runs a voyage.
#[derive(Debug)]
pub struct Dispatcher {
    shared: Arc<Shared>,
    entitlements: Entitlements,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared")
            .field("voyage", &self.voyage.name)
            .finish_non_exhaustive()
    }
}

impl Dispatcher {
    /// A dispatcher for `voyage`. `events` receives live progress.
    #[must_use]
    pub fn new(
        store: Store,
        voyage: Voyage,
        config: WorkspaceConfig,
        ports: Ports,
        entitlements: Entitlements,
        options: RunOptions,
        events: Option<mpsc::UnboundedSender<Event>>,
    ) -> Dispatcher {
        let command_agent: Arc<dyn Agent> = Arc::new(
            CommandAgent::from_config(&config.agent, options.grace)
                .with_sandbox(options.sandbox.clone()),
        );
        Dispatcher {
            shared: Arc::new(Shared {
                repo_root: store.repo_root().to_owned(),
                store,
                voyage,
                config,
                ports,
                command_agent,
                options,
                events,
                spare: Mutex::new(Vec::new()),
                config_hash: Mutex::new(String::new()),
            }),
            entitlements,
        }
    }

    /// How many crews may run at once: the least of `--max-crews`, `crews.maxConcurrent` and
    /// the licence's limit.
    #[must_use]
    pub fn concurrency(&self) -> u32 {
        concurrency(
            self.shared.options.max_crews,
            &self.shared.config,
            &self.entitlements,
        )
    }

    /// Dispatches the voyage until every order is settled or `stop` turns true; then running
    /// crews are stopped and their orders left `interrupted` for the next run.
    ///
    /// `workspace.json` is read once, here: its hash goes into the audit log (`run.start`) and
    /// into every crew's environment, so the crew's hooks refuse to judge by another file; a
    /// change to it while crews run is audited (`config.change`, with the keys) and stops the
    /// run as a stop request does.
    pub async fn run(self, stop: watch::Receiver<bool>) -> Result<Summary, DispatchError> {
        let shared = Arc::clone(&self.shared);
        let name = shared.voyage.name.clone();
        let _run_lock = shared
            .store
            .try_lock_run(&name)?
            .ok_or_else(|| DispatchError::Busy {
                voyage: name.to_string(),
            })?;
        let config = ConfigWatch::start(&shared.store, &shared.config, &name)?;
        shared
            .config_hash
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone_from(&config.hash);
        shared
            .audit_voyage(
                "run.start",
                serde_json::json!({
                    "config_sha256": config.hash,
                    "sandbox": if shared.options.sandbox.is_some() { "on" } else { "off" },
                    "max_crews": self.concurrency(),
                    "tier": self.entitlements.tier,
                }),
            )
            .map_err(DispatchError::Audit)?;
        let result = self.dispatch(stop, config).await;
        // Also when the run failed: spare worktrees hold nothing that is not merged.
        shared.release_spares().await;
        result
    }

    async fn dispatch(
        &self,
        user_stop: watch::Receiver<bool>,
        mut config: ConfigWatch,
    ) -> Result<Summary, DispatchError> {
        let shared = Arc::clone(&self.shared);
        let name = shared.voyage.name.clone();
        let orders = shared.store.orders(&name)?;
        let dag = validate(name.as_str(), &orders, &self.entitlements)?;
        self.recover(&orders).await?;
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
            if !stopping {
                for i in Self::ready(&orders, &dag, &states) {
                    // One task per crew; its order is `running` or `gating`, so never ready again.
                    if running.len() >= limit {
                        break;
                    }
                    let id = orders[i].id().clone();
                    let order = shared.transition(&id, OrderState::Running, |o| o.attempts += 1)?;
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
            if running.is_empty() {
                break;
            }
            let joined = tokio::select! {
                joined = running.join_next() => joined,
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
    fn config_changed(&self, keys: &[String]) -> Result<(), DispatchError> {
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

    /// Orders a previous dispatcher left mid-way: work already merged is recognised as merged;
    /// everything else in flight goes back to `pending`, to be dispatched from a fresh worktree.
    /// Worktrees it left for merged orders become spares, reused or released by this run.
    async fn recover(&self, orders: &[Order]) -> Result<(), DispatchError> {
        let shared = &self.shared;
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
                let merged = blocking(move || isolation.holds_change(&voyage, &commit))
                    .await
                    .map_err(|source| DispatchError::Port {
                        action: format!("check whether order `{}` was merged", order.id()),
                        source,
                    })?;
                if merged {
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
            if order.state != OrderState::Interrupted {
                shared.transition(order.id(), OrderState::Interrupted, |_| {})?;
            }
            shared.transition(order.id(), OrderState::Pending, |_| {})?;
        }
        Ok(())
    }

    /// Pending orders whose dependencies failed or are blocked become blocked; so do releaser
    /// orders once anything else failed. Returns whether any order was blocked.
    fn block_dependents(&self, orders: &[Order], dag: &Dag) -> Result<bool, DispatchError> {
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
    /// releaser orders only when every other order is settled.
    fn ready(orders: &[Order], dag: &Dag, states: &[OrderState]) -> Vec<usize> {
        let others_settled = orders
            .iter()
            .filter(|o| o.spec.role != Role::Releaser)
            .all(|o| o.state.is_settled() || o.state == OrderState::Proposed);
        // A conflicted order is re-dispatched like a pending one.
        let states: Vec<OrderState> = states
            .iter()
            .map(|s| match s {
                OrderState::Conflict => OrderState::Pending,
                other => *other,
            })
            .collect();
        dag.ready(&states)
            .into_iter()
            .filter(|&i| orders[i].spec.role != Role::Releaser || others_settled)
            .collect()
    }

    /// Records an attempt's end and decides what follows: merge, retry, conflict re-dispatch,
    /// failure, or interruption.
    async fn settle(
        &self,
        id: &OrderId,
        report: AttemptReport,
        end: End,
        retries: u32,
    ) -> Result<(), DispatchError> {
        let shared = &self.shared;
        let order = shared.store.order(&shared.voyage.name, id)?;
        match end {
            End::Interrupted => {
                let order =
                    shared.transition(id, OrderState::Interrupted, |o| account(o, &report))?;
                shared.save_report(&order, Some(report), None)?;
                shared
                    .audit(
                        "order.interrupted",
                        id,
                        serde_json::json!({"attempt": order.attempts}),
                    )
                    .map_err(DispatchError::Audit)?;
            }
            End::Failed { reason, feedback } => {
                let failures = order.failures + 1;
                let next = if failures <= retries {
                    OrderState::Pending
                } else {
                    OrderState::Failed
                };
                let order = shared.transition(id, next, |o| {
                    o.failures = failures;
                    o.feedback = Some(feedback.clone());
                    account(o, &report);
                })?;
                shared.note(
                    &order,
                    if next == OrderState::Pending {
                        format!("{reason}; retrying")
                    } else {
                        reason.clone()
                    },
                );
                shared.save_report(&order, Some(report), None)?;
                if next == OrderState::Failed {
                    shared
                        .audit(
                            "order.failed",
                            id,
                            serde_json::json!({"attempts": order.attempts, "reason": reason}),
                        )
                        .map_err(DispatchError::Audit)?;
                }
            }
            End::Passed { worktree, commit } => {
                self.merge(&order, report, worktree, commit).await?;
            }
        }
        Ok(())
    }

    async fn merge(
        &self,
        order: &Order,
        report: AttemptReport,
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
        let order = shared.transition(id, OrderState::Merged, |o| {
            o.feedback = None;
            account(o, &report);
        })?;
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

#[cfg(test)]
mod tests;
