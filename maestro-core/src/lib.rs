//! The model and state of maestro, the orchestrator of parallel Claude Code crews.
//!
//! A **voyage** is a set of **orders** that becomes one git branch and one pull request. Each
//! order names a [`Role`], a prompt, its dependencies and its acceptance criteria; a crew works on
//! it in its own worktree, and its work is merged into the voyage branch once its gates pass.
//!
//! This crate holds what every other part agrees on:
//!
//! - the workspace configuration ([`WorkspaceConfig`], `.mso/workspace.json`),
//! - orders and voyages ([`OrderSpec`], [`Order`], [`Voyage`], [`OrderState`]) and orders files
//!   ([`orders_file`]),
//! - the dependency graph ([`Dag`]): validation, topological order, the ready set,
//! - the `.mso/` state store ([`Store`]) with atomic writes and advisory locks,
//! - the egress policy ([`EgressPolicy`]) that decides which URLs may be contacted,
//! - the ports ([`ports`]) through which it reaches git, the audit log, the scanner and the
//!   licence, implemented elsewhere.
//!
//! ```
//! use maestro_core::{Dag, OrderState, orders_file::ParsedOrders};
//!
//! let text = r#"
//! [[orders]]
//! id = "api"
//! title = "Add the API"
//! role = "builder"
//!
//! [[orders]]
//! id = "tests"
//! title = "Test the API"
//! role = "tester"
//! depends_on = ["api"]
//! "#;
//! let parsed = ParsedOrders::parse(text, "orders.toml".as_ref())?;
//! let dag = Dag::new(&parsed.specs)?;
//! // Only `api` can start while nothing is merged.
//! assert_eq!(dag.ready(&[OrderState::Pending, OrderState::Pending]), vec![0]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

pub mod agent;
pub mod config;
pub mod dag;
pub mod dispatch;
pub mod egress;
pub mod executor;
pub mod hook;
mod json;
pub mod mcp;
pub mod name;
pub mod order;
pub mod orders_file;
pub mod persona;
pub mod planner;
pub mod ports;
pub mod process;
pub mod role;
pub mod sandbox;
pub mod state;
pub mod store;
#[cfg(test)]
mod testing;
pub mod voyage;

pub use config::WorkspaceConfig;
pub use dag::{Dag, DagError};
pub use egress::{EgressDenied, EgressPolicy, HttpClient};
pub use name::{OrderId, VoyageName};
pub use order::{AcceptanceCheck, OrderSpec, OrdersFile};
pub use persona::Persona;
pub use role::Role;
pub use state::OrderState;
pub use store::{Store, StoreError};
pub use voyage::{Order, Voyage, VoyageState};

/// Whether `path` is relative and never climbs (`..`): it names a place inside whatever
/// directory it is joined to.
pub(crate) fn stays_inside(path: &std::path::Path) -> bool {
    !path.is_absolute()
        && !path
            .components()
            .any(|c| matches!(c, std::path::Component::ParentDir))
}
