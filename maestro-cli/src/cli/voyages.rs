//! Voyages and orders: `voyage`, `order` and `plan`.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Subcommand};
use maestro_core::{OrderId, Role, VoyageName};

/// `maestro voyage …`.
#[derive(Debug, Subcommand)]
pub enum VoyageCommand {
    /// Create a voyage and its branch maestro/NAME.
    New {
        /// Name of the voyage: lowercase letters, digits and '-'.
        name: VoyageName,
        /// Revision the voyage branch starts from.
        #[arg(long, value_name = "REF", default_value = "HEAD")]
        base: String,
        /// One-line description (default: the name).
        #[arg(long, value_name = "T")]
        title: Option<String>,
    },
    /// Add orders from a TOML or JSON orders file.
    ///
    /// With --replace, an order whose id the voyage has already replaces it: its spec becomes
    /// the file's and it goes back to pending with a fresh attempt budget (blocked orders that
    /// nothing blocks any more go back to pending too). Only proposed, pending, failed or
    /// blocked orders can be replaced, never a merged one; an order the file repeats
    /// unchanged is left as it is. All or nothing: a refusal names every order at fault and
    /// changes nothing.
    Import {
        /// The voyage.
        name: VoyageName,
        /// The orders file (.toml or .json).
        file: PathBuf,
        /// Replace the orders of the same id (see above) instead of refusing them.
        #[arg(long)]
        replace: bool,
    },
    /// List voyages.
    List,
    /// Show one voyage with its orders.
    Show {
        /// The voyage.
        name: VoyageName,
    },
    /// Delete a voyage that no `maestro run` holds: its crew worktrees (with whatever they
    /// hold), its crew branches maestro-crew/NAME/*, and its orders, reports and logs in .mso/.
    ///
    /// The voyage branch maestro/NAME, which holds the merged work, is kept unless --branch is
    /// given; no other branch is ever touched, and the audit log keeps its entries.
    Remove {
        /// The voyage.
        name: VoyageName,
        /// Also delete the voyage branch maestro/NAME.
        #[arg(long)]
        branch: bool,
    },
}

/// `maestro order …`.
#[derive(Debug, Subcommand)]
pub enum OrderCommand {
    /// Add one order to a voyage.
    Add(OrderAddArgs),
    /// List the orders of a voyage.
    List {
        /// The voyage.
        voyage: VoyageName,
    },
    /// Put failed, blocked or conflict orders back to pending with a fresh attempt budget.
    ///
    /// Their failure and conflict counts start again from zero (the attempts already made stay
    /// in the report); a failed order's last gate output is kept for its next crew. Blocked
    /// orders that nothing blocks any more go back to pending with them: retrying an order
    /// releases the orders it blocked. An order that would be blocked again at once (a
    /// dependency of it stays failed) is refused, naming it. Then `maestro run` dispatches
    /// them. Refused while a `maestro run` holds the voyage.
    Retry(OrderRetryArgs),
    /// Change a proposed, pending, failed or blocked order (never a merged or running one).
    ///
    /// A list option replaces the whole list (--accept replaces every acceptance check).
    /// The dependency graph is checked with the change (a cycle is refused, naming it); the
    /// order keeps its state (`maestro order retry` puts a failed one back).
    Edit(OrderEditArgs),
    /// Remove an order that is not merged, whose crew is not at work, and that no other order
    /// depends on; its crew worktree and branch, report and logs go with it.
    Remove {
        /// The voyage.
        voyage: VoyageName,
        /// The order.
        order: OrderId,
    },
}

/// `maestro order retry`.
#[derive(Debug, Args)]
pub struct OrderRetryArgs {
    /// The voyage.
    pub voyage: VoyageName,
    /// The orders to retry.
    #[arg(value_name = "ORDER", required_unless_present = "failed")]
    pub orders: Vec<OrderId>,
    /// Retry every failed order of the voyage (and so release the orders they blocked).
    #[arg(long)]
    pub failed: bool,
}

/// `maestro order edit`.
#[derive(Debug, Args)]
#[command(group(
    ArgGroup::new("change")
        .required(true)
        .multiple(true)
        .args(["title", "prompt", "role", "depends_on", "no_depends_on", "accept", "no_accept", "scope", "no_scope"])
))]
pub struct OrderEditArgs {
    /// The voyage.
    pub voyage: VoyageName,
    /// The order.
    pub order: OrderId,
    /// A new one-line summary.
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// A new prompt.
    #[arg(long, value_name = "P")]
    pub prompt: Option<String>,
    /// A new role.
    #[arg(long, value_name = "R", value_parser = parse_role)]
    pub role: Option<Role>,
    /// The orders that must be merged first, replacing the old list (repeatable).
    #[arg(long = "depends-on", value_name = "ID")]
    pub depends_on: Vec<OrderId>,
    /// Depend on no order.
    #[arg(long, conflicts_with = "depends_on")]
    pub no_depends_on: bool,
    /// A shell command that must exit 0 in the worktree, replacing every acceptance check
    /// (repeatable).
    #[arg(long = "accept", value_name = "CMD")]
    pub accept: Vec<String>,
    /// Drop every acceptance check.
    #[arg(long, conflicts_with = "accept")]
    pub no_accept: bool,
    /// A glob of the paths the crew may change, replacing the old ones (repeatable).
    #[arg(long = "scope", value_name = "GLOB")]
    pub scope: Vec<String>,
    /// Let the crew change any path.
    #[arg(long, conflicts_with = "scope")]
    pub no_scope: bool,
}

/// `maestro order add`.
#[derive(Debug, Args)]
pub struct OrderAddArgs {
    /// The voyage.
    pub voyage: VoyageName,
    /// Order id, unique in the voyage: lowercase letters, digits and '-'.
    #[arg(long)]
    pub id: OrderId,
    /// One-line summary.
    #[arg(long, value_name = "T")]
    pub title: String,
    /// The crew's role.
    #[arg(long, value_name = "R", value_parser = parse_role)]
    pub role: Role,
    /// What the crew is asked to do.
    #[arg(long, value_name = "P", default_value = "")]
    pub prompt: String,
    /// An order that must be merged first (repeatable).
    #[arg(long = "depends-on", value_name = "ID")]
    pub depends_on: Vec<OrderId>,
    /// A shell command that must exit 0 in the worktree (repeatable).
    #[arg(long = "accept", value_name = "CMD")]
    pub accept: Vec<String>,
    /// A glob of the paths the crew may change (repeatable).
    #[arg(long = "scope", value_name = "GLOB")]
    pub scope: Vec<String>,
}

fn parse_role(value: &str) -> Result<Role, String> {
    value
        .parse()
        .map_err(|e: maestro_core::role::UnknownRole| e.to_string())
}

/// `maestro plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The voyage.
    pub voyage: VoyageName,
    /// What the voyage should achieve.
    #[arg(required_unless_present = "approve", conflicts_with = "approve")]
    pub goal: Option<String>,
    /// Turn the proposed orders into pending ones.
    #[arg(long)]
    pub approve: bool,
}
