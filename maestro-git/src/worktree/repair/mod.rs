//! Repairing what a killed process left of a voyage's worktrees, so that git works and the next
//! worktree of every order can be added.
//!
//! # How a half-state is known to be stale
//!
//! Every maestro operation on worktrees, branches and worktree indexes holds maestro's registry
//! lock shared; the repair holds it exclusively, so while it runs no maestro operation is under
//! way in any process. Its caller also holds the voyage's run lock (whoever dispatches the
//! voyage's crews or prunes its worktrees takes it), so no crew of the voyage works in a worktree that is being
//! added, recycled or removed. Hence:
//!
//! - an entry locked by maestro (`maestro: …`) belongs to a dead operation, and its worktree was
//!   never a crew's in that state: it is removed with its directory;
//! - an entry locked `initializing` (gix's and git's own `worktree add`, and maestro's before
//!   this version) is the same, unless its directory exists and is another voyage's, or it has
//!   no `gitdir` yet and is younger than [`RepairOptions::grace`] (a `git worktree add` by the
//!   user may be writing it right now);
//! - a lock file (`*.lock`) in the voyage's references (`refs/heads/maestro/<voyage>`,
//!   `refs/heads/maestro-crew/<voyage>/…` and their reflogs), in its worktrees' entries, or
//!   `packed-refs.lock`, cannot be held by maestro; only a git command the user runs at the same
//!   moment could hold one, and git holds these for milliseconds. So a lock file is removed when
//!   it is still there, unchanged, once it is [`RepairOptions::grace`] old (the repair waits
//!   for that when it finds a younger one).
//!
//! Entries of other voyages are left alone unless their worktree directory is gone altogether
//! (or never got a `gitdir`): their crews may be working. Two repairs make git work again
//! whoever owns the entry, because they change nothing a crew could use: an empty or missing
//! `commondir` (git cannot run at all with an empty one) is written as git writes it, and a
//! worktree directory that does not point back to its entry is not a worktree.

use std::path::Path;

use self::run::Run;
use super::add::check_component;
use crate::Repo;
use crate::registry::Access;

mod branches;
mod deferred;
mod entries;
mod error;
mod leftovers;
mod locks;
mod options;
mod report;
mod run;

pub use error::RepairError;
pub use options::RepairOptions;
pub use report::{Action, Found, Repair, Subject};

impl Repo {
    /// Repairs what killed processes left of the worktrees of `voyage` under `dir` (the
    /// directory [`Repo::add_worktree`] was given), and of any worktree whose directory is
    /// gone altogether, and returns what it found and did, for the caller to record. See the
    /// `worktree::repair` module for how a half-state is known to be stale.
    ///
    /// The caller must hold the voyage's run lock, so that no crew of the voyage works in its
    /// worktrees meanwhile; worktrees of other voyages are never touched unless their directory
    /// is gone (their crews may be working). Afterwards `git worktree list`, `git fsck` and
    /// `git gc` succeed as far as the voyage's worktrees go, and every order of the voyage can
    /// have its worktree added again.
    ///
    /// Waits for maestro's registry lock: until every maestro operation under way in any
    /// process has finished. May wait up to [`RepairOptions::grace`] more for lock files.
    pub fn repair_worktrees(
        &self,
        dir: &Path,
        voyage: &str,
        options: &RepairOptions,
    ) -> Result<Vec<Repair>, RepairError> {
        if check_component(voyage).is_err() {
            return Err(RepairError::InvalidName {
                name: voyage.to_owned(),
            });
        }
        // Crew branches are deleted under the shared lock (as every branch change is), so
        // after the exclusive part.
        let mut repairs = {
            let _registry = self
                .lock_registry(Access::Exclusive)
                .map_err(|(path, source)| RepairError::Lock { path, source })?;
            let mut run = Run {
                repo: self,
                common: gix::path::realpath(self.common_dir())
                    .unwrap_or_else(|_| self.common_dir().to_owned()),
                dir: gix::path::realpath(dir).unwrap_or_else(|_| dir.to_owned()),
                voyage,
                options,
                repairs: Vec::new(),
                deferred: Vec::new(),
            };
            run.trash()?;
            run.entries()?;
            run.reference_locks();
            run.settle()?;
            run.directories()?;
            run.repairs
        };
        if let Some(merged_into) = &options.merged_into {
            repairs.extend(self.delete_merged_crew_branches(voyage, merged_into)?);
        }
        Ok(repairs)
    }
}
