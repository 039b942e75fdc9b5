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

use std::path::{Path, PathBuf};

use gix::bstr::ByteSlice;

use crate::Repo;
use crate::branch::BranchError;

mod add;
mod entry;
mod recycle;
mod repair;

pub use recycle::RecycleError;
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

/// A linked worktree as [`Repo::list_worktrees`] sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorktreeState {
    /// The id: the name of its directory under `<common dir>/worktrees/`.
    pub id: String,
    /// Where the worktree is registered to live (it may be missing).
    pub path: PathBuf,
    /// The branch checked out (short name), `None` for a detached `HEAD`.
    pub branch: Option<String>,
    /// The commit checked out, `None` if it cannot be read.
    pub head: Option<gix::ObjectId>,
    /// The lock reason (empty if locked without one), `None` when not locked.
    pub locked: Option<String>,
    /// The worktree's directory (or its `.git` file) is gone; [`Repo::prune_worktrees`] may
    /// drop its administrative entry.
    pub missing: bool,
    /// Whether tracked files differ from `HEAD` or untracked, not ignored, files exist;
    /// `None` when the worktree is missing.
    pub dirty: Option<bool>,
    /// Commits reachable from `head` but not from the compared branch.
    pub ahead: usize,
    /// Commits reachable from the compared branch but not from `head`.
    pub behind: usize,
    /// The work of `head` is in the compared branch: every commit of it (`ahead == 0`), or
    /// `head` is a change the branch holds as a squash
    /// ([`Repo::voyage_holds_change`](crate::Repo::voyage_holds_change)).
    pub merged: bool,
}

/// A stale administrative entry dropped by [`Repo::prune_worktrees`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pruned {
    /// The id of the entry (its directory under `<common dir>/worktrees/`).
    pub id: String,
    /// Where the worktree was registered to live, if that could be read.
    pub path: Option<PathBuf>,
    /// The branch it had checked out (kept), if any.
    pub branch: Option<String>,
}

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

/// Adding a worktree failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AddError {
    /// A voyage or order name cannot be used as a directory name.
    #[error(
        "`{name}` cannot name a worktree directory (empty, `.`, `..` or containing a path separator)"
    )]
    InvalidName {
        /// The name.
        name: String,
    },
    /// The destination exists and is not an empty directory.
    #[error("cannot add a worktree at {}: the path exists and is not an empty directory", path.display())]
    DestinationExists {
        /// The destination.
        path: PathBuf,
    },
    /// The branch could not be created (it may exist already).
    #[error("cannot create the branch of the worktree at {}", path.display())]
    Branch {
        /// The destination.
        path: PathBuf,
        /// The cause.
        #[source]
        source: BranchError,
    },
    /// The worktree could not be created or checked out.
    #[error("cannot add a worktree at {}", path.display())]
    Add {
        /// The destination.
        path: PathBuf,
        /// The cause.
        #[source]
        source: gix::Error,
    },
    /// The parent directory could not be created.
    #[error("cannot create the directory {}", path.display())]
    Io {
        /// The directory.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

/// Listing or inspecting worktrees failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ListError {
    /// The worktrees or the compared branch could not be read.
    #[error("cannot list the worktrees of {}", common_dir.display())]
    Read {
        /// The repository's common git directory.
        common_dir: PathBuf,
        /// The cause.
        #[source]
        source: gix::Error,
    },
    /// One worktree could not be inspected.
    #[error("cannot inspect the worktree at {}", path.display())]
    Inspect {
        /// The worktree.
        path: PathBuf,
        /// The cause.
        #[source]
        source: gix::Error,
    },
    /// The compared branch does not exist.
    #[error("cannot compare worktrees with branch `{name}`: it does not exist")]
    MissingBranch {
        /// The branch name.
        name: String,
    },
    /// The compared branch could not be read.
    #[error("cannot compare worktrees with branch `{name}`")]
    Branch {
        /// The branch name.
        name: String,
        /// The cause.
        #[source]
        source: BranchError,
    },
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

/// Pruning administrative entries failed.
#[derive(Debug, thiserror::Error)]
#[error("cannot prune the worktree entry {}", path.display())]
pub struct PruneError {
    /// The administrative directory (or `<common dir>/worktrees` itself).
    pub path: PathBuf,
    /// The cause.
    #[source]
    pub source: std::io::Error,
}

fn check_component(name: &str) -> Result<(), AddError> {
    let bad = name.is_empty()
        || name == "."
        || name == ".."
        || name.contains(['/', '\\'])
        || Path::new(name).components().count() != 1;
    if bad {
        return Err(AddError::InvalidName {
            name: name.to_owned(),
        });
    }
    Ok(())
}

/// A worktree may go to `path` only if nothing, or an empty directory, is there.
fn ensure_free(path: &Path) -> Result<(), AddError> {
    let occupied = match std::fs::read_dir(path) {
        Ok(mut entries) => entries.next().is_some(),
        Err(e) => e.kind() != std::io::ErrorKind::NotFound,
    };
    if occupied {
        return Err(AddError::DestinationExists {
            path: path.to_owned(),
        });
    }
    Ok(())
}

/// Whether `repo`'s worktree differs from its `HEAD`: staged or unstaged changes to tracked
/// files, or untracked files that are not ignored.
pub(crate) fn has_changes(repo: &gix::Repository) -> Result<bool, gix::Error> {
    let mut iter = repo
        .status(gix::progress::Discard)?
        .untracked_files(gix::status::UntrackedFiles::Files)
        .index_worktree_rewrites(None)
        .into_iter(None)?;
    Ok(iter.next().transpose()?.is_some())
}

/// Counts commits reachable from `tip` but not from `hidden`.
pub(crate) fn count_unique(
    repo: &gix::Repository,
    tip: gix::ObjectId,
    hidden: gix::ObjectId,
) -> Result<usize, gix::Error> {
    if tip == hidden {
        return Ok(0);
    }
    let mut count = 0;
    for info in repo.rev_walk([tip]).with_hidden([hidden]).all()? {
        info?;
        count += 1;
    }
    Ok(count)
}

fn short_branch(name: &gix::refs::FullNameRef) -> String {
    let bytes = name.as_bstr();
    bytes
        .strip_prefix(b"refs/heads/")
        .unwrap_or(bytes)
        .to_str_lossy()
        .into_owned()
}

/// A worktree's id: the name of its administrative directory.
fn admin_id(admin: &Path) -> String {
    admin
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Whether `path` was modified within the last hour.
fn is_recent(path: &Path) -> bool {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .is_ok_and(|modified| {
            modified
                .elapsed()
                .map_or(true, |age| age < std::time::Duration::from_secs(3600))
        })
}

fn same_path(a: &Path, b: &Path) -> bool {
    match (gix::path::realpath(a), gix::path::realpath(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Writes the files of `index` into `workdir` (as `options` say); the first file that could
/// not be written, or that collides with another, is the error.
fn write_files(
    repo: &gix::Repository,
    index: &mut gix::index::File,
    workdir: &Path,
    options: gix::worktree::state::checkout::Options,
) -> Result<(), gix::Error> {
    let objects = repo
        .objects
        .clone()
        .into_arc()
        .map_err(gix::Error::from_error)?;
    let outcome = gix::worktree::state::checkout(
        index,
        workdir,
        objects,
        &gix::progress::Discard,
        &gix::progress::Discard,
        &std::sync::atomic::AtomicBool::new(false),
        options,
    )?;
    if let Some(error) = outcome.errors.first() {
        return Err(gix::Error::from_error(std::io::Error::other(format!(
            "cannot write `{}`: {}",
            error.path, error.error
        ))));
    }
    if let Some(collision) = outcome.collisions.first() {
        return Err(gix::Error::from_error(std::io::Error::other(format!(
            "cannot write `{}`: it collides with another path",
            collision.path
        ))));
    }
    Ok(())
}

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
    /// The commit of branch `name`, which worktrees are compared with.
    pub(crate) fn compared_commit(&self, name: &str) -> Result<gix::ObjectId, ListError> {
        self.branch_commit(name)
            .map_err(|source| ListError::Branch {
                name: name.to_owned(),
                source,
            })?
            .ok_or_else(|| ListError::MissingBranch {
                name: name.to_owned(),
            })
    }

    /// Lists the linked worktrees (not the main one) with their state; `ahead`, `behind` and
    /// `merged` compare each worktree's `HEAD` with branch `compare_to` (the voyage branch),
    /// `merged` accepting a squash-merged change (see [`WorktreeState::merged`]).
    ///
    /// As with `git worktree list`, entries without a `gitdir` (one being added right now, or
    /// the remains of an add that was killed) are not listed.
    pub fn list_worktrees(&self, compare_to: &str) -> Result<Vec<WorktreeState>, ListError> {
        let target = self.compared_commit(compare_to)?;
        let read_error = |source| ListError::Read {
            common_dir: self.common_dir().to_owned(),
            source,
        };
        let mut states = Vec::new();
        for proxy in self.repo.worktrees().map_err(read_error)? {
            if entry::registered_dot_git(proxy.git_dir()).is_none() {
                continue;
            }
            states.push(self.inspect(proxy, target)?);
        }
        states.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(states)
    }

    fn inspect(
        &self,
        proxy: gix::worktree::Proxy<'_>,
        target: gix::ObjectId,
    ) -> Result<WorktreeState, ListError> {
        let admin = proxy.git_dir().to_owned();
        let id = admin_id(&admin);
        let dot_git = entry::registered_dot_git(&admin);
        let path = dot_git
            .as_deref()
            .and_then(Path::parent)
            .map_or_else(|| admin.clone(), Path::to_owned);
        let inspect_error = |source| ListError::Inspect {
            path: path.clone(),
            source,
        };
        let missing = dot_git
            .as_ref()
            .is_none_or(|p| p.symlink_metadata().is_err());
        let locked = entry::lock_reason(&admin);
        let repo = proxy
            .into_repo_with_possibly_inaccessible_worktree()
            .map_err(inspect_error)?;
        let branch = repo
            .head_name()
            .map_err(inspect_error)?
            .map(|name| short_branch(name.as_ref()));
        let head = repo.head_id().ok().map(gix::Id::detach);
        let dirty = if missing {
            None
        } else {
            Some(has_changes(&repo).map_err(inspect_error)?)
        };
        let (ahead, behind) = match head {
            Some(head) => (
                count_unique(&self.repo, head, target).map_err(inspect_error)?,
                count_unique(&self.repo, target, head).map_err(inspect_error)?,
            ),
            None => (0, 0),
        };
        let merged = match head {
            Some(_) if ahead == 0 => true,
            Some(head) => self.holds_change_at(target, head).map_err(inspect_error)?,
            None => false,
        };
        Ok(WorktreeState {
            id,
            path,
            branch,
            head,
            locked,
            missing,
            dirty,
            ahead,
            behind,
            merged,
        })
    }

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

    /// The linked worktree registered at `path`, if any. When several entries name `path`
    /// (a stale one and a live one), the one the worktree's `.git` file points to wins.
    pub(crate) fn find_worktree(
        &self,
        path: &Path,
    ) -> Result<Option<gix::worktree::Proxy<'_>>, ListError> {
        let proxies = self.repo.worktrees().map_err(|source| ListError::Read {
            common_dir: self.common_dir().to_owned(),
            source,
        })?;
        let mut matching: Vec<gix::worktree::Proxy<'_>> = proxies
            .into_iter()
            .filter(|proxy| {
                entry::registered_dot_git(proxy.git_dir())
                    .as_deref()
                    .and_then(Path::parent)
                    .is_some_and(|p| same_path(p, path))
            })
            .collect();
        let linked = entry::linked_entry(path);
        if let Some(at) = matching.iter().position(|proxy| {
            linked
                .as_deref()
                .is_some_and(|l| same_path(l, proxy.git_dir()))
        }) {
            return Ok(Some(matching.swap_remove(at)));
        }
        Ok(matching.into_iter().next())
    }

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

    /// Drops the administrative entries (`<common dir>/worktrees/<id>`) of worktrees whose
    /// directory is gone, as `git worktree prune` does. Locked entries are kept, and so are
    /// entries without a `gitdir` file made within the last hour (they may be in the middle of
    /// `git worktree add`); worktree directories that exist are never touched, and branches
    /// are kept. [`Repo::repair_worktrees`] also takes what killed operations left.
    pub fn prune_worktrees(&self) -> Result<Vec<Pruned>, PruneError> {
        let _registry = self
            .lock_registry(Access::Exclusive)
            .map_err(|(path, source)| PruneError { path, source })?;
        let root = self.common_dir().join("worktrees");
        let entries = match std::fs::read_dir(&root) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(PruneError { path: root, source }),
        };
        let mut pruned = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|source| PruneError {
                path: root.clone(),
                source,
            })?;
            let admin = entry.path();
            if !admin.is_dir() || admin.join("locked").symlink_metadata().is_ok() {
                continue;
            }
            let dot_git = entry::registered_dot_git(&admin);
            if dot_git
                .as_ref()
                .is_some_and(|p| p.symlink_metadata().is_ok())
            {
                continue;
            }
            // An entry without a `gitdir` file may be one that `git worktree add` is creating
            // right now (it writes its `locked` file a moment after the directory); only an
            // old one is stale.
            if dot_git.is_none() && is_recent(&admin) {
                continue;
            }
            let branch = std::fs::read_to_string(admin.join("HEAD"))
                .ok()
                .and_then(|head| {
                    head.trim()
                        .strip_prefix("ref: refs/heads/")
                        .map(ToOwned::to_owned)
                });
            entry::discard(self.common_dir(), &admin, None).map_err(|source| PruneError {
                path: admin.clone(),
                source,
            })?;
            pruned.push(Pruned {
                id: entry.file_name().to_string_lossy().into_owned(),
                path: dot_git
                    .as_deref()
                    .and_then(Path::parent)
                    .map(Path::to_owned),
                branch,
            });
        }
        pruned.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(pruned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_become_worktree_directories() {
        for good in ["v1", "order-2", "a.b"] {
            assert!(check_component(good).is_ok(), "{good}");
        }
        for bad in ["", ".", "..", "a/b", "a\\b", "/abs"] {
            assert!(
                matches!(check_component(bad), Err(AddError::InvalidName { .. })),
                "{bad}"
            );
        }
    }
}
