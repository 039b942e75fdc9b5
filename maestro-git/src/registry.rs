//! Maestro's registry lock, `<common dir>/maestro-worktrees.lock`: what every operation that
//! changes worktrees, branches or a worktree's index holds, so that pruning and repair know
//! when nothing is under way.

use std::path::PathBuf;

use crate::Repo;

/// How [`Repo::lock_registry`] locks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    /// Taken by every operation that changes worktrees, branches or the index of a worktree;
    /// any number at once.
    Shared,
    /// Taken by pruning and repair: no operation is under way while it is held.
    Exclusive,
}

/// Maestro's registry lock, released when dropped (or when the process dies).
#[derive(Debug)]
pub(crate) struct RegistryLock {
    _file: std::fs::File,
}

impl Repo {
    /// Takes maestro's registry lock, `<common dir>/maestro-worktrees.lock`, an advisory lock
    /// of the operating system (released if the process dies).
    ///
    /// Every maestro operation that changes a worktree, a branch or a worktree's index holds it
    /// [shared](Access::Shared) from start to end — adding, recycling and removing worktrees,
    /// collecting a change, merging, creating and deleting branches — so any number run at
    /// once, in any thread or process. Pruning and repair take it
    /// [exclusively](Access::Exclusive): while they hold it, no maestro operation is under way
    /// anywhere, so a `locked` marker of maestro's and a lock file in maestro's references or
    /// worktrees belong to a process that died (see [`Repo::repair_worktrees`]). Without it, a
    /// prune could also take the entry another thread is registering (it has no `gitdir` file
    /// yet) or has just moved (its `gitdir` still names the old place).
    ///
    /// Never take it exclusively while holding it shared in the same thread: that waits for
    /// itself.
    pub(crate) fn lock_registry(
        &self,
        access: Access,
    ) -> Result<RegistryLock, (PathBuf, std::io::Error)> {
        let path = self.common_dir().join("maestro-worktrees.lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| (path.clone(), e))?;
        match access {
            Access::Shared => file.lock_shared(),
            Access::Exclusive => file.lock(),
        }
        .map_err(|e| (path, e))?;
        Ok(RegistryLock { _file: file })
    }
}
