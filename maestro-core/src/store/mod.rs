//! The `.mso/` state store.
//!
//! ```text
//! .mso/workspace.json                       configuration
//! .mso/.lock                                lock for workspace-wide changes (voyage creation)
//! .mso/voyages/<voyage>/voyage.json         the voyage
//! .mso/voyages/<voyage>/.lock               lock for changes to the voyage and its orders
//! .mso/voyages/<voyage>/run.lock            held by whoever runs or reshapes the voyage
//! .mso/voyages/<voyage>/orders/<id>.json    each order
//! ```
//!
//! Every file is replaced atomically (temporary file, fsync, rename, fsync of the directory).
//! Every read-modify-write happens under an advisory lock, so any number of processes may change
//! one voyage at once without losing an update; listings take a shared lock so they never see
//! half of a multi-order import.

mod amend;
pub mod audit_key;
mod fs;

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::config::{ConfigError, WorkspaceConfig};
use crate::dag::{Dag, DagError};
use crate::name::{OrderId, VoyageName};
use crate::order::OrderSpec;
use crate::ports::{Branches, PortError};
use crate::state::OrderState;
use crate::voyage::{Order, Voyage, VoyageState};
pub use amend::{Imported, OrderEdit, Reset, Retried};
use fs::{
    FileLock, Staged, create_dir, exists, read_json, read_json_if_exists, to_json, write_atomic,
};

/// The name of the state directory at the repository root.
pub const STATE_DIR: &str = ".mso";

/// An operation on the state store failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// There is no `.mso/workspace.json`.
    #[error("{} is not initialised (run `maestro init`)", dir.display())]
    NotInitialised {
        /// The repository root that was searched.
        dir: PathBuf,
    },
    /// A file operation failed.
    #[error("cannot {action} {}", path.display())]
    Io {
        /// What was attempted, e.g. `read`.
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A state file does not decode.
    #[error("{}: {location}{message}", path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// `at <json path> (line L, column C): `, or empty.
        location: String,
        /// What is wrong.
        message: String,
    },
    /// `workspace.json` is invalid.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A voyage of that name exists already.
    #[error("voyage `{name}` already exists")]
    VoyageExists {
        /// The name.
        name: VoyageName,
    },
    /// No voyage of that name exists.
    #[error("no voyage named `{name}`")]
    UnknownVoyage {
        /// The name.
        name: VoyageName,
    },
    /// The voyage has no order with that id.
    #[error("voyage `{voyage}` has no order `{id}`")]
    UnknownOrder {
        /// The voyage.
        voyage: VoyageName,
        /// The id.
        id: OrderId,
    },
    /// An added order's id is taken by an existing order of the voyage.
    #[error("order `{id}` already exists in voyage `{voyage}`")]
    OrderExists {
        /// The voyage.
        voyage: VoyageName,
        /// The id.
        id: OrderId,
        /// Index of the offending order among those being added.
        index: usize,
    },
    /// Added orders would make the voyage's dependency graph invalid. Indices in the error
    /// refer to the orders being added.
    #[error("voyage `{voyage}`: {error}")]
    Dag {
        /// The voyage.
        voyage: VoyageName,
        /// What is wrong.
        error: DagError,
    },
    /// The voyage's pull request is open; its orders are fixed.
    #[error("voyage `{voyage}` is released; its orders are fixed")]
    Released {
        /// The voyage.
        voyage: VoyageName,
    },
    /// A `maestro run` (or another command reshaping the voyage) holds the voyage's run lock.
    #[error(
        "voyage `{voyage}` is held by a `maestro run` (or another command changing it); try again once it ends"
    )]
    Busy {
        /// The voyage.
        voyage: VoyageName,
    },
    /// The order's state does not allow the change ([`OrderState::allows`]).
    #[error(
        "cannot {} order `{id}` of voyage `{voyage}`: it is {state} (only {} orders can be {})",
        .change.verb(),
        .change.allowed_states(),
        .change.past()
    )]
    NotAllowed {
        /// The voyage.
        voyage: VoyageName,
        /// The order.
        id: OrderId,
        /// Its state.
        state: OrderState,
        /// What was asked.
        change: crate::state::Amendment,
    },
    /// Orders of an orders file cannot replace the voyage's orders of the same id, because of
    /// their state ([`OrderState::allows`]); nothing was imported.
    #[error("{}", not_replaceable(.voyage, .refused))]
    NotReplaceable {
        /// The voyage.
        voyage: VoyageName,
        /// Each refused order and its state.
        refused: Vec<(OrderId, OrderState)>,
        /// Index of the first refused order among those being imported.
        index: usize,
    },
    /// A retried order would be blocked again at once: a dependency stays failed or blocked.
    #[error(
        "cannot retry order `{id}` of voyage `{voyage}`: it would be blocked again by {} (retry {} too)",
        listed(.by),
        if .by.len() == 1 { "it" } else { "them" }
    )]
    StillBlocked {
        /// The voyage.
        voyage: VoyageName,
        /// The order.
        id: OrderId,
        /// What blocks it, and their states.
        by: Vec<(OrderId, OrderState)>,
    },
    /// Other orders depend on the order to remove.
    #[error(
        "cannot remove order `{id}` of voyage `{voyage}`: {} depend{} on it (remove or edit {} first)",
        .dependents.iter().map(|d| format!("`{d}`")).collect::<Vec<_>>().join(", "),
        if .dependents.len() == 1 { "s" } else { "" },
        if .dependents.len() == 1 { "it" } else { "them" }
    )]
    HasDependents {
        /// The voyage.
        voyage: VoyageName,
        /// The order.
        id: OrderId,
        /// The orders that depend on it.
        dependents: Vec<OrderId>,
    },
    /// An edited order is not valid.
    #[error("order `{id}` of voyage `{voyage}`: {error}")]
    Spec {
        /// The voyage.
        voyage: VoyageName,
        /// The order.
        id: OrderId,
        /// What is wrong.
        error: crate::order::SpecError,
    },
    /// A git operation failed.
    #[error("voyage `{voyage}`: cannot {action}")]
    Branch {
        /// The voyage.
        voyage: VoyageName,
        /// What was attempted, e.g. `create branch maestro/v1`.
        action: String,
        /// The cause, from the git port.
        #[source]
        source: PortError,
    },
}

/// `` `a` (failed), `b` (blocked) ``.
fn listed(orders: &[(OrderId, OrderState)]) -> String {
    orders
        .iter()
        .map(|(id, state)| format!("`{id}` ({state})"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn not_replaceable(voyage: &VoyageName, refused: &[(OrderId, OrderState)]) -> String {
    let allowed = crate::state::Amendment::Replace.allowed_states();
    match refused {
        [(id, state)] => format!(
            "cannot replace order `{id}` of voyage `{voyage}`: it is {state} (only {allowed} orders can be replaced)"
        ),
        _ => format!(
            "cannot replace orders {} of voyage `{voyage}` (only {allowed} orders can be replaced)",
            listed(refused)
        ),
    }
}

impl StoreError {
    pub(crate) fn io(action: &'static str, path: &Path, source: std::io::Error) -> StoreError {
        StoreError::Io {
            action,
            path: path.to_owned(),
            source,
        }
    }
}

/// Held while a dispatcher runs a voyage ([`Store::try_lock_run`]), or while a command
/// reshapes it ([`Store::hold_voyage`]): retries, edits and removals of its orders, its removal.
#[derive(Debug)]
pub struct RunLock {
    voyage: VoyageName,
    _lock: FileLock,
}

impl RunLock {
    /// The voyage held.
    #[must_use]
    pub fn voyage(&self) -> &VoyageName {
        &self.voyage
    }
}

/// What `maestro init` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InitOutcome {
    /// The workspace was created with the default configuration.
    Created,
    /// The workspace existed with the default configuration; nothing changed.
    Unchanged,
    /// The workspace existed with a changed configuration, which was kept.
    KeptChanged,
    /// The existing configuration was replaced by the defaults (`--force`).
    Reset,
    /// The workspace had the built-in defaults of an older `init`; what `init` now adds to
    /// them (the audit key's path) was added.
    Completed,
}

impl InitOutcome {
    /// Whether `init` writes `workspace.json` in this case.
    #[must_use]
    pub fn writes_config(self) -> bool {
        matches!(
            self,
            InitOutcome::Created | InitOutcome::Reset | InitOutcome::Completed
        )
    }
}

/// The state store of one repository.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
    dir: PathBuf,
    /// Applied to every report before it is written ([`Store::with_redactor`]).
    redactor: Option<crate::process::Redactor>,
}

impl Store {
    /// The store of the repository whose root is `repo_root`, which must be initialised.
    pub fn open(repo_root: &Path) -> Result<Store, StoreError> {
        let store = Store::at(repo_root);
        if !exists(&store.config_path())? {
            return Err(StoreError::NotInitialised {
                dir: repo_root.to_owned(),
            });
        }
        Ok(store)
    }

    fn at(repo_root: &Path) -> Store {
        Store {
            root: repo_root.to_owned(),
            dir: repo_root.join(STATE_DIR),
            redactor: None,
        }
    }

    /// The same store, passing every order report through `redactor` before writing it:
    /// reports quote titles, paths and what crews and gates printed.
    #[must_use]
    pub fn with_redactor(mut self, redactor: crate::process::Redactor) -> Store {
        self.redactor = Some(redactor);
        self
    }

    /// Creates (or checks) the workspace of the repository at `repo_root` with the default
    /// configuration. An existing configuration is kept unless `force` is set; an invalid one is
    /// an error without `force`.
    pub fn init(repo_root: &Path, force: bool) -> Result<(Store, InitOutcome), StoreError> {
        Store::init_with(repo_root, force, &WorkspaceConfig::default())
    }

    /// [`Store::init`] with `defaults` as the configuration a new workspace gets (the built-in
    /// defaults plus what `maestro init` adds, such as the audit key's path).
    ///
    /// A configuration equal to the built-in defaults (from an older `init`) is brought up to
    /// `defaults` ([`InitOutcome::Completed`]); any other is kept unless `force` is set.
    pub fn init_with(
        repo_root: &Path,
        force: bool,
        defaults: &WorkspaceConfig,
    ) -> Result<(Store, InitOutcome), StoreError> {
        let store = Store::at(repo_root);
        // Nothing is created before the existing configuration has been judged.
        Store::init_outcome(repo_root, force, defaults)?;
        create_dir(&store.dir)?;
        let _lock = FileLock::exclusive(&store.dir.join(".lock"))?;
        let outcome = Store::init_outcome(repo_root, force, defaults)?;
        if outcome.writes_config() {
            write_atomic(&store.config_path(), defaults.to_pretty_json().as_bytes())?;
        }
        create_dir(&store.voyages_dir())?;
        Ok((store, outcome))
    }

    /// What [`Store::init_with`] would do, without changing anything: an invalid configuration
    /// is an error without `force`.
    pub fn init_outcome(
        repo_root: &Path,
        force: bool,
        defaults: &WorkspaceConfig,
    ) -> Result<InitOutcome, StoreError> {
        let path = Store::at(repo_root).config_path();
        if !exists(&path)? {
            return Ok(InitOutcome::Created);
        }
        Ok(match WorkspaceConfig::load(&path) {
            Ok(config) if config == *defaults => InitOutcome::Unchanged,
            Ok(config) if config == WorkspaceConfig::default() => InitOutcome::Completed,
            Ok(_) if !force => InitOutcome::KeptChanged,
            Err(e) if !force => return Err(e.into()),
            Ok(_) | Err(_) => InitOutcome::Reset,
        })
    }

    /// Where this repository's audit signing key lives by default: in the user's configuration
    /// directory, outside the repository (see [`audit_key`]).
    pub fn audit_key_path(&self) -> Result<PathBuf, audit_key::KeyLocationError> {
        audit_key::audit_key_path(&self.root)
    }

    /// The repository root.
    #[must_use]
    pub fn repo_root(&self) -> &Path {
        &self.root
    }

    /// The `.mso` directory.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `.mso/workspace.json`.
    #[must_use]
    pub fn config_path(&self) -> PathBuf {
        self.dir.join("workspace.json")
    }

    /// Reads and validates the configuration.
    pub fn config(&self) -> Result<WorkspaceConfig, StoreError> {
        Ok(WorkspaceConfig::load(&self.config_path())?)
    }

    /// Reads `.mso/<file>` (a workspace-wide state file such as `licence.json`) as JSON;
    /// `None` if it does not exist.
    pub fn read_state<T: serde::de::DeserializeOwned>(
        &self,
        file: &str,
    ) -> Result<Option<T>, StoreError> {
        let path = self.dir.join(file);
        read_json_if_exists(&path)
    }

    /// Atomically replaces `.mso/<file>` with `value` as JSON, under the workspace lock.
    pub fn write_state<T: serde::Serialize>(
        &self,
        file: &str,
        value: &T,
    ) -> Result<(), StoreError> {
        let _lock = FileLock::exclusive(&self.dir.join(".lock"))?;
        write_atomic(&self.dir.join(file), &to_json(value))
    }

    /// Changes the configuration under the workspace lock: `f` edits it, the result is validated
    /// and written atomically. Returns the new configuration.
    pub fn update_config(
        &self,
        f: impl FnOnce(&mut WorkspaceConfig),
    ) -> Result<WorkspaceConfig, StoreError> {
        let _lock = FileLock::exclusive(&self.dir.join(".lock"))?;
        let mut config = self.config()?;
        f(&mut config);
        let text = config.to_pretty_json();
        let config = WorkspaceConfig::parse(text.as_bytes(), &self.config_path())?;
        write_atomic(&self.config_path(), text.as_bytes())?;
        Ok(config)
    }

    fn voyages_dir(&self) -> PathBuf {
        self.dir.join("voyages")
    }

    /// `.mso/voyages/<name>`.
    #[must_use]
    pub fn voyage_dir(&self, name: &VoyageName) -> PathBuf {
        self.voyages_dir().join(name.as_str())
    }

    fn voyage_file(&self, name: &VoyageName) -> PathBuf {
        self.voyage_dir(name).join("voyage.json")
    }

    /// `.mso/voyages/<voyage>/logs/<order>.jsonl`, the crew's event stream (its directory is
    /// created).
    pub fn log_path(&self, voyage: &VoyageName, id: &OrderId) -> Result<PathBuf, StoreError> {
        let dir = self.voyage_dir(voyage).join("logs");
        create_dir(&dir)?;
        Ok(dir.join(format!("{id}.jsonl")))
    }

    /// `.mso/voyages/<voyage>/logs/<order>.pid`, where a running crew's process id is kept (its
    /// directory is created).
    pub fn pid_path(&self, voyage: &VoyageName, id: &OrderId) -> Result<PathBuf, StoreError> {
        Ok(self.log_path(voyage, id)?.with_extension("pid"))
    }

    fn report_path(&self, voyage: &VoyageName, id: &OrderId) -> PathBuf {
        self.voyage_dir(voyage)
            .join("reports")
            .join(format!("{id}.json"))
    }

    /// Reads an order's report, `None` if it has none yet.
    pub fn report<T: serde::de::DeserializeOwned>(
        &self,
        voyage: &VoyageName,
        id: &OrderId,
    ) -> Result<Option<T>, StoreError> {
        let path = self.report_path(voyage, id);
        read_json_if_exists(&path)
    }

    /// Changes an order's report under the voyage's lock (the dispatcher and the hooks of a
    /// crew both write to it); `f` gets the current report or `None`.
    pub fn update_report<T, R, E>(
        &self,
        voyage: &VoyageName,
        id: &OrderId,
        f: impl FnOnce(Option<T>) -> Result<(T, R), E>,
    ) -> Result<R, E>
    where
        T: serde::Serialize + serde::de::DeserializeOwned,
        E: From<StoreError>,
    {
        let _lock = self.voyage_lock(voyage, true)?;
        let current = self.report(voyage, id)?;
        let (report, out) = f(current)?;
        self.write_report(voyage, id, &report)?;
        Ok(out)
    }

    /// Writes an order's report through the redactor; the caller holds the voyage's lock.
    fn write_report<T: serde::Serialize>(
        &self,
        voyage: &VoyageName,
        id: &OrderId,
        report: &T,
    ) -> Result<(), StoreError> {
        let path = self.report_path(voyage, id);
        create_dir(path.parent().expect("a report has a directory"))?;
        let text = match &self.redactor {
            Some(redactor) => {
                let mut value =
                    serde_json::to_value(report).expect("state records always serialise");
                redactor.value(&mut value);
                to_json(&value)
            }
            None => to_json(report),
        };
        write_atomic(&path, &text)
    }

    /// Takes the voyage's run lock without waiting: only one dispatcher may run a voyage. The
    /// lock is released when the returned guard is dropped, or when the process dies.
    pub fn try_lock_run(&self, voyage: &VoyageName) -> Result<Option<RunLock>, StoreError> {
        if !exists(&self.voyage_file(voyage))? {
            return Err(StoreError::UnknownVoyage {
                name: voyage.clone(),
            });
        }
        fs::FileLock::try_exclusive(&self.voyage_dir(voyage).join("run.lock")).map(|lock| {
            lock.map(|lock| RunLock {
                voyage: voyage.clone(),
                _lock: lock,
            })
        })
    }

    /// Takes the voyage's run lock for a change of its orders or its removal, without waiting:
    /// a voyage a `maestro run` holds is refused ([`StoreError::Busy`]), and no run starts on
    /// it until the returned guard is dropped.
    pub fn hold_voyage(&self, voyage: &VoyageName) -> Result<RunLock, StoreError> {
        self.try_lock_run(voyage)?.ok_or_else(|| StoreError::Busy {
            voyage: voyage.clone(),
        })
    }

    fn orders_dir(&self, name: &VoyageName) -> PathBuf {
        self.voyage_dir(name).join("orders")
    }

    fn order_file(&self, name: &VoyageName, id: &OrderId) -> PathBuf {
        self.orders_dir(name).join(format!("{id}.json"))
    }

    fn voyage_lock(&self, name: &VoyageName, exclusive: bool) -> Result<FileLock, StoreError> {
        if !exists(&self.voyage_file(name))? {
            return Err(StoreError::UnknownVoyage { name: name.clone() });
        }
        let path = self.voyage_dir(name).join(".lock");
        if exclusive {
            FileLock::exclusive(&path)
        } else {
            FileLock::shared(&path)
        }
    }

    /// Creates voyage `name` and its branch `maestro/<name>` at `base`.
    ///
    /// The branch is created first; if the voyage file cannot be written, the branch is deleted
    /// again, so a failure leaves neither behind.
    pub fn create_voyage(
        &self,
        name: &VoyageName,
        title: Option<String>,
        base: &str,
        branches: &dyn Branches,
        now: Timestamp,
    ) -> Result<Voyage, StoreError> {
        let _lock = FileLock::exclusive(&self.dir.join(".lock"))?;
        let dir = self.voyage_dir(name);
        if exists(&self.voyage_file(name))? {
            return Err(StoreError::VoyageExists { name: name.clone() });
        }
        let branch = Voyage::branch_for(name);
        let commit = branches
            .resolve_commit(base)
            .map_err(|source| StoreError::Branch {
                voyage: name.clone(),
                action: format!("resolve its base `{base}`"),
                source,
            })?;
        let voyage = Voyage {
            name: name.clone(),
            title: title.unwrap_or_else(|| name.to_string()),
            base: base.to_owned(),
            base_commit: commit.clone(),
            branch: branch.clone(),
            state: VoyageState::Open,
            pr_url: None,
            created_at: now,
        };
        branches
            .create_branch(&branch, &commit)
            .map_err(|source| StoreError::Branch {
                voyage: name.clone(),
                action: format!("create branch {branch}"),
                source,
            })?;
        // The run lock's file exists from the start, so taking the lock later (a refused
        // change included) creates nothing.
        let written = create_dir(&self.orders_dir(name))
            .and_then(|()| write_atomic(&dir.join("run.lock"), b""))
            .and_then(|()| write_atomic(&self.voyage_file(name), &to_json(&voyage)));
        if let Err(e) = written {
            // Leave nothing behind: neither the branch nor a half-made directory. Both undo
            // steps are best effort; the original error is the one the user needs.
            let _ = branches.delete_branch(&branch, &commit);
            let _ = std::fs::remove_dir_all(&dir);
            return Err(e);
        }
        Ok(voyage)
    }

    /// Reads voyage `name`. A voyage whose `name` or `branch` is not its own (a hand-edited
    /// `voyage.json`, see [`Voyage::mismatch`]) is refused as corrupt.
    pub fn voyage(&self, name: &VoyageName) -> Result<Voyage, StoreError> {
        let path = self.voyage_file(name);
        if let Err(e) = std::fs::metadata(&path)
            && fs::is_not_found(&e)
        {
            return Err(StoreError::UnknownVoyage { name: name.clone() });
        }
        let voyage: Voyage = read_json(&path)?;
        if let Some((field, message)) = voyage.mismatch(name) {
            return Err(StoreError::Corrupt {
                path,
                location: format!("at `{field}`: "),
                message,
            });
        }
        Ok(voyage)
    }

    /// Every voyage, oldest first.
    pub fn voyages(&self) -> Result<Vec<Voyage>, StoreError> {
        let dir = self.voyages_dir();
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if fs::is_not_found(&e) => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::io("list", &dir, e)),
        };
        let mut voyages = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| StoreError::io("list", &dir, e))?;
            let Some(name) = entry
                .file_name()
                .to_str()
                .and_then(|n| VoyageName::new(n).ok())
            else {
                continue;
            };
            if exists(&self.voyage_file(&name))? {
                voyages.push(self.voyage(&name)?);
            }
        }
        voyages.sort_by(|a, b| (a.created_at, &a.name).cmp(&(b.created_at, &b.name)));
        Ok(voyages)
    }

    /// Changes voyage `name` under its lock; `f`'s error aborts without writing.
    pub fn update_voyage<T, E: From<StoreError>>(
        &self,
        name: &VoyageName,
        f: impl FnOnce(&mut Voyage) -> Result<T, E>,
    ) -> Result<T, E> {
        let _lock = self.voyage_lock(name, true)?;
        let mut voyage = self.voyage(name)?;
        let out = f(&mut voyage)?;
        write_atomic(&self.voyage_file(name), &to_json(&voyage))?;
        Ok(out)
    }

    /// The orders of voyage `name`, in the order they were added.
    pub fn orders(&self, name: &VoyageName) -> Result<Vec<Order>, StoreError> {
        let _lock = self.voyage_lock(name, false)?;
        self.read_orders(name)
    }

    fn read_orders(&self, name: &VoyageName) -> Result<Vec<Order>, StoreError> {
        let dir = self.orders_dir(name);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if fs::is_not_found(&e) => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::io("list", &dir, e)),
        };
        let mut orders: Vec<Order> = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| StoreError::io("list", &dir, e))?;
            let file_name = entry.file_name();
            let Some(stem) = file_name.to_str().and_then(|n| n.strip_suffix(".json")) else {
                continue;
            };
            if stem.starts_with('.') {
                continue;
            }
            let path = entry.path();
            let order: Order = read_json(&path)?;
            if order.id().as_str() != stem {
                return Err(StoreError::Corrupt {
                    path,
                    location: "at `spec.id`: ".to_owned(),
                    message: format!("the order id `{}` does not match the file name", order.id()),
                });
            }
            orders.push(order);
        }
        orders.sort_by_key(|o| o.position);
        Ok(orders)
    }

    /// Reads one order.
    pub fn order(&self, voyage: &VoyageName, id: &OrderId) -> Result<Order, StoreError> {
        let path = self.order_file(voyage, id);
        if !exists(&path)? {
            self.voyage(voyage)?;
            return Err(StoreError::UnknownOrder {
                voyage: voyage.clone(),
                id: id.clone(),
            });
        }
        read_json(&path)
    }

    /// Adds `specs` to voyage `name` in `state` (`pending`, or `proposed` for a plan).
    ///
    /// The orders are checked together with the voyage's existing ones (unique ids, known
    /// dependencies, no cycle) under the voyage's lock, and then all written, or none.
    pub fn add_orders(
        &self,
        name: &VoyageName,
        specs: Vec<OrderSpec>,
        state: OrderState,
        now: Timestamp,
    ) -> Result<Vec<Order>, StoreError> {
        let _lock = self.voyage_lock(name, true)?;
        let voyage = self.voyage(name)?;
        if voyage.state == VoyageState::Released {
            return Err(StoreError::Released {
                voyage: name.clone(),
            });
        }
        let existing = self.read_orders(name)?;
        for (index, spec) in specs.iter().enumerate() {
            if existing.iter().any(|o| o.id() == &spec.id) {
                return Err(StoreError::OrderExists {
                    voyage: name.clone(),
                    id: spec.id.clone(),
                    index,
                });
            }
        }
        let all: Vec<OrderSpec> = existing
            .iter()
            .map(|o| o.spec.clone())
            .chain(specs.iter().cloned())
            .collect();
        if let Err(error) = Dag::new(&all) {
            return Err(StoreError::Dag {
                voyage: name.clone(),
                error: relative_to_added(error, existing.len()),
            });
        }
        let first = existing.iter().map(|o| o.position + 1).max().unwrap_or(0);
        let orders: Vec<Order> = specs
            .into_iter()
            .zip(first..)
            .map(|(spec, position)| Order::new(spec, state, position, now))
            .collect();
        // Stage every file first, so a failure (disk full) leaves none of them behind.
        let staged = orders
            .iter()
            .map(|o| Staged::new(&self.order_file(name, o.id()), &to_json(o)))
            .collect::<Result<Vec<_>, _>>()?;
        for file in staged {
            file.commit()?;
        }
        Ok(orders)
    }

    /// Changes one order under its voyage's lock; `f`'s error aborts without writing.
    pub fn update_order<T, E: From<StoreError>>(
        &self,
        voyage: &VoyageName,
        id: &OrderId,
        f: impl FnOnce(&mut Order) -> Result<T, E>,
    ) -> Result<T, E> {
        let _lock = self.voyage_lock(voyage, true)?;
        let mut order = self.order(voyage, id)?;
        let out = f(&mut order)?;
        write_atomic(&self.order_file(voyage, id), &to_json(&order))?;
        Ok(out)
    }
}

/// Rewrites the indices of a DAG error over `existing ++ added` to refer to `added`. Existing
/// orders were valid on their own, so duplicates and unknown dependencies are always in `added`.
fn relative_to_added(error: DagError, existing: usize) -> DagError {
    match error {
        DagError::DuplicateId { id, index } => DagError::DuplicateId {
            id,
            index: index.saturating_sub(existing),
        },
        DagError::UnknownDependency {
            order,
            index,
            position,
            dependency,
        } => DagError::UnknownDependency {
            order,
            index: index.saturating_sub(existing),
            position,
            dependency,
        },
        other => other,
    }
}

#[cfg(test)]
mod tests;
