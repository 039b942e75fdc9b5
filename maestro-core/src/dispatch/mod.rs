//! The dispatcher: turns a voyage of orders into crews in isolated worktrees, gates their work
//! and merges it into the voyage branch in dependency order.
//!
//! It speaks only to its ports ([`Ports`]): worktrees and merging ([`Isolation`]), the crew
//! itself ([`Agent`]), the scanner ([`Scanner`]), the audit log ([`AuditSink`]), and the licence's
//! [`Entitlements`]. Every state change is saved before the next step, so a dispatcher that was
//! stopped or killed resumes where it was: merged orders stay merged, work already merged is
//! recognised, and crews that were running are dispatched again from a fresh worktree.

pub mod backoff;
mod budget;
mod config_watch;
mod crew;
pub mod gate;
mod merge;
mod plan;
pub mod preview;
pub mod prompt;
mod recover;
pub mod report;
mod run;
mod settle;
mod shared;

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::{mpsc, watch};

use crate::agent::CommandAgent;
use crate::config::WorkspaceConfig;
use crate::name::OrderId;
use crate::ports::{Agent, AuditSink, Entitlements, Executor, Isolation, PortError, Scanner};
use crate::role::Role;
use crate::state::{OrderState, TransitionError};
use crate::store::{Store, StoreError};
use crate::voyage::Voyage;
use config_watch::ConfigWatch;
use shared::Shared;

pub use budget::BudgetSpent;
pub use plan::{concurrency, validate, waves};

/// The implementations of the dispatcher's ports.
#[derive(Clone)]
pub struct Ports {
    /// Worktrees and merges.
    pub isolation: Arc<dyn Isolation>,
    /// The default agent (orders with their own `agent.command` use the command agent).
    pub agent: Arc<dyn Agent>,
    /// Where crews run ([`crate::executor::LocalExecutor`]: on this machine).
    pub executor: Arc<dyn Executor>,
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
    #[error("voyage `{voyage}` is already being run by another dispatcher")]
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

/// Runs a voyage.
#[derive(Debug)]
pub struct Dispatcher {
    shared: Arc<Shared>,
    entitlements: Entitlements,
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
}

#[cfg(test)]
mod tests;
