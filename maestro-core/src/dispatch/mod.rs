//! The dispatcher: turns a voyage of orders into crews in isolated worktrees, gates their work
//! and merges it into the voyage branch in dependency order.
//!
//! It speaks only to its ports ([`Ports`]): worktrees and merging ([`Isolation`]), the crew
//! itself ([`Agent`]), the scanner ([`Scanner`]), the audit log ([`AuditSink`]), and the licence's
//! [`Entitlements`]. Every state change is saved before the next step, so a dispatcher that was
//! stopped or killed resumes where it was: merged orders stay merged, work already merged is
//! recognised, and crews that were running are dispatched again from a fresh worktree.

pub mod backoff;
mod config_watch;
mod crew;
pub mod gate;
pub mod preview;
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
    /// The first pause after the model's API refused a crew without saying for how long,
    /// doubled at each refusal in a row (see [`backoff`]). Default: 30 s.
    pub backoff: Duration,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            max_crews: None,
            grace: Duration::from_secs(5),
            sandbox: None,
            backoff: Duration::from_secs(30),
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
    /// Turns its crew took so far in this attempt, while it works.
    pub turns: Option<u32>,
    /// Money its crews spent so far, when known.
    pub cost_usd: Option<f64>,
    /// Until when and why it waits out a limit of the model's API (state `waiting`).
    pub wait: Option<crate::voyage::Wait>,
}

/// How a run ended.
#[derive(Debug, Clone, Default, PartialEq)]
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
    /// Orders whose crews wait out a limit of the model's API (left so by a stop).
    pub limited: Vec<OrderId>,
    /// Set when the voyage's budget (`crews.voyageBudgetUsd`) was spent, which stopped new
    /// crews from starting.
    pub budget_spent: Option<BudgetSpent>,
}

/// A voyage's budget, spent.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct BudgetSpent {
    /// What its crews spent, in US dollars.
    pub spent_usd: f64,
    /// Its budget, in US dollars.
    pub budget_usd: f64,
}

impl BudgetSpent {
    /// Whether `orders` spent `budget` (`crews.voyageBudgetUsd`) or more, and how much.
    #[must_use]
    pub fn of(orders: &[Order], budget: Option<f64>) -> Option<BudgetSpent> {
        let budget_usd = budget?;
        let spent_usd: f64 = orders.iter().filter_map(|o| o.cost_usd).sum();
        (spent_usd >= budget_usd).then_some(BudgetSpent {
            spent_usd,
            budget_usd,
        })
    }
}

impl Summary {
    /// Whether every order is merged (or settled with nothing to merge).
    #[must_use]
    pub fn all_merged(&self) -> bool {
        self.failed.is_empty()
            && self.blocked.is_empty()
            && self.interrupted.is_empty()
            && self.waiting.is_empty()
            && self.limited.is_empty()
            && self.budget_spent.is_none()
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
/// earlier ones (releaser orders last); failed and blocked orders, and those a run would block,
/// are in none ([`preview::Preview`] says why). For `maestro run --dry-run`.
#[must_use]
pub fn waves(orders: &[Order], dag: &Dag) -> Vec<Vec<OrderId>> {
    preview::Preview::of(orders, dag).waves
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
    /// One back-off for every crew when the model's API refuses them.
    backoff: Mutex<backoff::Backoff>,
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
            let _ = events.send(Self::event(order, note.into()));
        }
    }

    /// A crew's progress while it works: turns so far in this attempt; money, when known.
    fn work(&self, order: &Order, turns: u32, cost_usd: Option<f64>) {
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

    fn event(order: &Order, note: String) -> Event {
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

    fn backoff(&self) -> std::sync::MutexGuard<'_, backoff::Backoff> {
        self.backoff.lock().unwrap_or_else(PoisonError::into_inner)
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
                backoff: Mutex::new(backoff::Backoff::default()),
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

    /// Orders a previous dispatcher left mid-way: what it left half-done in git is repaired
    /// first (audited as `worktree.repair`); work already merged is recognised as merged;
    /// everything else in flight goes back to `pending`, to be dispatched from a fresh worktree.
    /// Worktrees it left for merged orders become spares, reused or released by this run.
    async fn recover(&self, orders: &[Order]) -> Result<(), DispatchError> {
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
                    let subject = format!("{}/{}", shared.voyage.name, order.id());
                    let recorded = shared
                        .ports
                        .audit
                        .recorded("merge", &subject, "commit", &commit)
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
            if order.state != OrderState::Interrupted {
                shared.transition(order.id(), OrderState::Interrupted, |_| {})?;
            }
            shared.transition(order.id(), OrderState::Pending, |_| {})?;
        }
        Ok(())
    }

    /// Orders a previous dispatcher left waiting out a limit of the model's API keep waiting
    /// until it passes, and hold back every crew meanwhile; a crew it left waiting by itself is
    /// stopped first and resumed by this run.
    async fn recover_waiting(&self, orders: &[Order]) -> Result<(), DispatchError> {
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
    /// releaser orders only when every other order is settled. An order whose crew waited out
    /// a limit of the model's API is ready once the limit passed.
    fn ready(orders: &[Order], dag: &Dag, states: &[OrderState], now: Timestamp) -> Vec<usize> {
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
    fn next_wake(
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

    /// Audits that the voyage's budget is spent: no crew starts any more.
    fn budget_spent(&self, spent: BudgetSpent) -> Result<(), DispatchError> {
        tracing::warn!(
            "the voyage's budget is spent (${:.2} of ${:.2}): no new crew starts",
            spent.spent_usd,
            spent.budget_usd
        );
        self.shared
            .audit_voyage(
                "voyage.budget",
                serde_json::json!({"spent_usd": spent.spent_usd, "budget_usd": spent.budget_usd}),
            )
            .map_err(DispatchError::Audit)
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
        if !matches!(end, End::Limited(_)) {
            shared.backoff().ended(id);
        }
        match end {
            End::Limited(limit) => {
                let until =
                    shared
                        .backoff()
                        .refused(limit.until, Timestamp::now(), shared.options.backoff);
                let order = shared.transition(id, OrderState::Waiting, |o| {
                    o.wait = Some(crate::voyage::Wait {
                        until,
                        reason: limit.reason.clone(),
                        in_crew: false,
                    });
                    if let Some(point) = &mut o.resume {
                        point.after_limit = Some(limit.reason.clone());
                    }
                    account(o, &report);
                })?;
                shared.note(
                    &order,
                    format!("waiting: {} (until {})", limit.reason, until),
                );
                shared.save_report(&order, Some(report), None)?;
                shared
                    .audit(
                        "order.paused",
                        id,
                        serde_json::json!({"attempt": order.attempts, "reason": limit.reason, "until": until.to_string()}),
                    )
                    .map_err(DispatchError::Audit)?;
            }
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
                report.result = if first_conflict {
                    format!(
                        "conflict in {}: re-dispatched on the new voyage head",
                        paths.join(", ")
                    )
                } else {
                    format!("conflict again in {}: failed", paths.join(", "))
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

#[cfg(test)]
mod tests;
