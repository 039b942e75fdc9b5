//! Removing a linked worktree, refusing dirty, locked or unmerged work unless forced.

use std::path::{Path, PathBuf};

use super::entry::{self, same_path};
use super::list::ListError;
use crate::Repo;
use crate::branch::BranchError;
use crate::registry::Access;

#[cfg(doc)]
use super::list::WorktreeState;

/// What [`Repo::remove_worktree`] may override.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RemoveOptions {
    /// Remove even a dirty, locked or unmerged worktree, discarding its changes. Default: `false`.
    pub force: bool,
    /// Also delete the worktree's branch (only if it still points at the worktree's `HEAD`).
    /// Default: `false`, the branch is kept.
    pub delete_branch: bool,
}

/// What [`Repo::remove_worktree`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// The directory that was removed.
    pub path: PathBuf,
    /// The worktree's branch, if it had one.
    pub branch: Option<String>,
    /// Whether that branch was deleted.
    pub branch_deleted: bool,
}

/// Removing a worktree failed or was refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RemoveError {
    /// No linked worktree is registered at the path.
    #[error("no linked worktree is registered at {}", path.display())]
    NotFound {
        /// The path given.
        path: PathBuf,
    },
    /// The worktree holds uncommitted changes or untracked files.
    #[error("refusing to remove the worktree at {}: it has uncommitted changes or untracked files", path.display())]
    Dirty {
        /// The worktree.
        path: PathBuf,
    },
    /// The worktree is locked.
    #[error("refusing to remove the worktree at {}: it is locked ({reason})", path.display())]
    Locked {
        /// The worktree.
        path: PathBuf,
        /// The lock reason, possibly empty.
        reason: String,
    },
    /// The worktree's branch has commits the compared branch does not have.
    #[error("refusing to remove the worktree at {}: branch `{branch}` has {ahead} commit(s) not merged into `{merged_into}`", path.display())]
    Unmerged {
        /// The worktree.
        path: PathBuf,
        /// Its branch (or `HEAD` when detached).
        branch: String,
        /// The branch it should have been merged into.
        merged_into: String,
        /// How many commits are not merged.
        ahead: usize,
    },
    /// The worktree (or the branch it is compared with) could not be inspected.
    #[error("cannot inspect the worktree at {} before removing it", path.display())]
    Inspect {
        /// The worktree.
        path: PathBuf,
        /// The cause.
        #[source]
        source: ListError,
    },
    /// The removal itself failed.
    #[error("cannot remove the worktree at {}", path.display())]
    Delete {
        /// The worktree.
        path: PathBuf,
        /// The cause.
        #[source]
        source: gix::Error,
    },
    /// The lock on the worktree registry could not be taken.
    #[error("cannot lock {}", path.display())]
    Lock {
        /// The lock file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The worktree was removed but its branch could not be deleted.
    #[error("removed the worktree at {} but cannot delete its branch", path.display())]
    Branch {
        /// The worktree.
        path: PathBuf,
        /// The cause.
        #[source]
        source: BranchError,
    },
}

impl Repo {
    /// Removes the linked worktree at `path`.
    ///
    /// Unless [`RemoveOptions::force`] is set, a locked worktree, one with uncommitted changes
    /// or untracked files, and one whose `HEAD` has commits not in branch `merged_into` (and
    /// is not a change that branch holds as a squash, see [`WorktreeState::merged`]) are
    /// refused and left untouched. The branch is kept unless [`RemoveOptions::delete_branch`]
    /// is set; it is then deleted only if it still points where the worktree's `HEAD` did.
    ///
    /// The entry is locked (`maestro: removing …`), then the directory and the entry are each
    /// renamed aside in one step and deleted; the branch goes last. A crash leaves the
    /// worktree whole but locked, its entry without its directory, or directories named
    /// `.maestro-trash-…`; [`Repo::repair_worktrees`] finishes each.
    pub fn remove_worktree(
        &self,
        path: &Path,
        merged_into: &str,
        options: RemoveOptions,
    ) -> Result<Removed, RemoveError> {
        let read_error = |source| RemoveError::Inspect {
            path: path.to_owned(),
            source,
        };
        let target = self.compared_commit(merged_into).map_err(read_error)?;
        let _registry = self
            .lock_registry(Access::Shared)
            .map_err(|(lock, source)| RemoveError::Lock { path: lock, source })?;
        let Some(proxy) = self.find_worktree(path).map_err(read_error)? else {
            return Err(RemoveError::NotFound {
                path: path.to_owned(),
            });
        };
        let admin = proxy.git_dir().to_owned();
        let state = match self.inspect(proxy, target) {
            Ok(state) => state,
            // Forced, a worktree git cannot even open (a file of its entry is broken) goes too.
            Err(_) if options.force => {
                let workdir = entry::linked_entry(path)
                    .is_some_and(|linked| same_path(&linked, &admin))
                    .then_some(path);
                entry::discard(self.common_dir(), &admin, workdir).map_err(|source| {
                    RemoveError::Delete {
                        path: path.to_owned(),
                        source: gix::Error::from_error(source),
                    }
                })?;
                return Ok(Removed {
                    path: path.to_owned(),
                    branch: None,
                    branch_deleted: false,
                });
            }
            Err(source) => return Err(read_error(source)),
        };
        if !options.force {
            if let Some(reason) = state.locked {
                return Err(RemoveError::Locked {
                    path: path.to_owned(),
                    reason,
                });
            }
            if state.dirty == Some(true) {
                return Err(RemoveError::Dirty {
                    path: path.to_owned(),
                });
            }
            if state.head.is_some() && !state.merged {
                return Err(RemoveError::Unmerged {
                    path: path.to_owned(),
                    branch: state.branch.clone().unwrap_or_else(|| "HEAD".to_owned()),
                    merged_into: merged_into.to_owned(),
                    ahead: state.ahead,
                });
            }
        }
        // The directory goes only if it is this entry's worktree (its `.git` points back).
        let workdir = entry::linked_entry(&state.path)
            .is_some_and(|linked| same_path(&linked, &admin))
            .then_some(state.path.as_path());
        entry::discard(self.common_dir(), &admin, workdir).map_err(|source| {
            RemoveError::Delete {
                path: path.to_owned(),
                source: gix::Error::from_error(source),
            }
        })?;
        let mut branch_deleted = false;
        if options.delete_branch
            && let (Some(branch), Some(head)) = (&state.branch, state.head)
        {
            self.delete_branch(branch, head)
                .map_err(|source| RemoveError::Branch {
                    path: path.to_owned(),
                    source,
                })?;
            branch_deleted = true;
        }
        Ok(Removed {
            path: state.path,
            branch: state.branch,
            branch_deleted,
        })
    }
}
