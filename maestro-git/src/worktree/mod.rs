//! Crew worktrees: adding one per order, listing them with their state, removing them safely,
//! pruning stale administrative entries, and repairing what a killed process left.
//!
//! Worktrees are laid out exactly as `git worktree add` makes them: a `.git` file in the
//! worktree, `<common dir>/worktrees/<id>/{gitdir,HEAD,commondir,index}`, and an index written
//! with the stat data of the checked-out files, so `git status` is clean right away.
//!
//! Every change to a worktree is ordered so that a process killed at any instant leaves the old
//! worktree, the new one, or a half-state git itself copes with (no empty `commondir` or `HEAD`,
//! ever) and [`Repo::repair_worktrees`] recognises and undoes: see the `add`, `recycle` and
//! `remove` steps in [`Repo::add_worktree`], [`Repo::recycle_worktree`] and
//! [`Repo::remove_worktree`], and [`repair`](Repo::repair_worktrees) for what is found and how
//! it is known to be stale.

use std::path::PathBuf;

#[cfg(doc)]
use crate::Repo;

mod add;
mod checkout;
mod entry;
mod list;
mod prune;
mod recycle;
mod relink;
mod remove;
mod repair;
mod reset;

pub use add::AddError;
pub use list::{ListError, WorktreeState};
pub use prune::{PruneError, Pruned};
pub use recycle::RecycleError;
pub use remove::{RemoveError, RemoveOptions, Removed};
pub use repair::{Action, Found, Repair, RepairError, RepairOptions, Subject};

/// A worktree maestro has just added for an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worktree {
    /// The worktree's id: the name of its directory under `<common dir>/worktrees/`.
    pub id: String,
    /// Its directory, `<dir>/<voyage>/<order>`.
    pub path: PathBuf,
    /// The branch checked out there (short name, see [`crew_branch`](crate::branch::crew_branch)).
    pub branch: String,
    /// The commit it starts from.
    pub head: gix::ObjectId,
}
