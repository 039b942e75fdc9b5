//! What can go wrong in the state store.

use std::path::{Path, PathBuf};

use crate::config::ConfigError;
use crate::dag::DagError;
use crate::name::{OrderId, VoyageName};
use crate::ports::PortError;
use crate::state::OrderState;

/// An operation on the state store failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// There is no `.mso/workspace.json`.
    #[error("{} is not initialised: it has no .mso/workspace.json", dir.display())]
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
    /// A dispatcher (or another change reshaping the voyage) holds the voyage's run lock.
    #[error(
        "voyage `{voyage}` is held by a running dispatcher or another change to it; try again once it ends"
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
