//! [`RepairOptions`]: how long a repair waits for what may still be in use, and which branch
//! tells merged crew branches.

use std::time::Duration;

#[cfg(doc)]
use crate::Repo;

/// How [`Repo::repair_worktrees`] repairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairOptions {
    /// How old a lock file, or an entry without a `gitdir`, must be before it is taken for the
    /// remains of a dead process; younger ones are waited for. Default: one second, far longer
    /// than git or gix hold a reference or index lock.
    pub grace: Duration,
    /// The voyage branch: crew branches of the voyage that no worktree has checked out and
    /// whose work this branch holds (merged, or never started) are deleted. Default: `None`,
    /// branches are left alone.
    pub merged_into: Option<String>,
}

impl Default for RepairOptions {
    fn default() -> Self {
        RepairOptions {
            grace: Duration::from_secs(1),
            merged_into: None,
        }
    }
}
