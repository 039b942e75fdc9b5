//! Listing linked worktrees with their state, and finding the one registered at a path.

use std::path::{Path, PathBuf};

use gix::bstr::ByteSlice;

use super::entry::{self, admin_id, same_path};
use crate::Repo;
use crate::branch::BranchError;

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

pub(super) fn short_branch(name: &gix::refs::FullNameRef) -> String {
    let bytes = name.as_bstr();
    bytes
        .strip_prefix(b"refs/heads/")
        .unwrap_or(bytes)
        .to_str_lossy()
        .into_owned()
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

    pub(super) fn inspect(
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
}
