//! Recycling a worktree whose work is merged: moving it to the next order's path, on that
//! order's new branch, with exactly the files of the new start commit.
//!
//! Checking out a whole tree and deleting it again is most of what a crew's worktree costs in a
//! large repository. A worktree whose work is already in the voyage branch differs from the next
//! order's start (the voyage head) only by what other crews merged meanwhile, so recycling
//! rewrites just those files: the directory is renamed (as `git worktree move` does, keeping its
//! administrative id), `HEAD` is pointed at the new branch, untracked and ignored files and
//! uncommitted changes are removed (as `git clean -ffdx` and `git reset --hard` would), and the
//! index is rebuilt from the new tree, keeping the stat data of the files that did not change.
//! The result is what [`Repo::add_worktree`] would have made, down to `git status` being clean.
//!
//! # Order of the steps
//!
//! 1. Under maestro's registry lock (shared), the worktree is checked (registered, unlocked,
//!    merged), the destination must be free, and the new order's branch is created.
//! 2. The entry is locked with `maestro: recycling …`: from here on the worktree is neither the
//!    old order's nor, yet, the new one's.
//! 3. The directory is renamed (one step), then the entry's `gitdir` and, if it is relative, the
//!    worktree's `.git` are rewritten, each through a rename.
//! 4. `HEAD` moves to the new branch, the old `HEAD` reflog goes, the files are reset and the
//!    index is written (through its lock file).
//! 5. The entry is unlocked: only now is the worktree ready for the new order's crew.
//!
//! A crash after step 1 leaves the old worktree as it was and an unused branch at the base. A
//! crash in steps 2 to 4 leaves a worktree locked by maestro, at the old or the new place, whose
//! content was merged already: [`Repo::repair_worktrees`] removes it. A failure (not a crash)
//! in steps 2 to 4 removes it at once.

use std::path::{Path, PathBuf};

use gix::refs::Target;
use gix::refs::transaction::PreviousValue;

use super::Worktree;
use super::add::{AddError, check_component, ensure_free};
use super::entry::{self, admin_id, same_path};
use super::list::{ListError, count_unique, short_branch};
use super::relink::relink;
use super::reset::{ignore_missing, reset_files};
use crate::Repo;
use crate::registry::Access;

/// Recycling a worktree failed or was refused.
///
/// A refusal ([`RecycleError::NotFound`], [`RecycleError::Locked`], [`RecycleError::Unmerged`],
/// [`RecycleError::Add`]) changes nothing. After any other failure the worktree is gone (it
/// was merged: nothing is lost) and the new branch is kept; add a new worktree instead.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RecycleError {
    /// No linked worktree is registered at the path.
    #[error("no linked worktree is registered at {}", path.display())]
    NotFound {
        /// The path given.
        path: PathBuf,
    },
    /// The worktree is locked.
    #[error("refusing to recycle the worktree at {}: it is locked ({reason})", path.display())]
    Locked {
        /// The worktree.
        path: PathBuf,
        /// The lock reason, possibly empty.
        reason: String,
    },
    /// The worktree's `HEAD` has commits the compared branch does not have.
    #[error("refusing to recycle the worktree at {}: `{branch}` has {ahead} commit(s) not merged into `{merged_into}`", path.display())]
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
    /// The worktree or the compared branch could not be inspected.
    #[error("cannot inspect the worktree at {} before recycling it", path.display())]
    Inspect {
        /// The worktree.
        path: PathBuf,
        /// The cause.
        #[source]
        source: ListError,
    },
    /// The new order's name, destination or branch was refused.
    #[error(transparent)]
    Add(#[from] AddError),
    /// Moving the worktree's directory or rewriting its links failed.
    #[error("cannot move the worktree at {} to {}", from.display(), to.display())]
    Move {
        /// Where it was.
        from: PathBuf,
        /// Where it was going.
        to: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
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
    /// Switching the branch or resetting the files failed.
    #[error("cannot reset the worktree at {}", path.display())]
    Reset {
        /// The worktree (at its new path).
        path: PathBuf,
        /// The cause.
        #[source]
        source: gix::Error,
    },
}

impl Repo {
    /// Moves the linked worktree at `from`, whose work must be merged into branch
    /// `merged_into`, to `<dir>/<voyage>/<order>` on a new branch
    /// [`crew_branch`](crate::branch::crew_branch)`(voyage, order)` at `base`, with the files
    /// of `base` and nothing else: uncommitted changes, untracked and ignored files are
    /// discarded.
    ///
    /// Refuses, changing nothing, a locked worktree, one with commits not in `merged_into`
    /// (unless its `HEAD` is a change `merged_into` holds as a squash, see
    /// [`Repo::voyage_holds_change`]), an occupied destination and an existing branch. The old
    /// branch is kept (it is merged). The worktree's `HEAD` reflog is started afresh, as a new
    /// worktree's is, so it names no commit of the previous order.
    pub fn recycle_worktree(
        &self,
        from: &Path,
        merged_into: &str,
        dir: &Path,
        voyage: &str,
        order: &str,
        base: gix::ObjectId,
    ) -> Result<Worktree, RecycleError> {
        check_component(voyage)?;
        check_component(order)?;
        let to = dir.join(voyage).join(order);
        let inspect = |source| RecycleError::Inspect {
            path: from.to_owned(),
            source,
        };
        let target = self.compared_commit(merged_into).map_err(inspect)?;
        let _registry = self
            .lock_registry(Access::Shared)
            .map_err(|(path, source)| RecycleError::Lock { path, source })?;
        let proxy =
            self.find_worktree(from)
                .map_err(inspect)?
                .ok_or_else(|| RecycleError::NotFound {
                    path: from.to_owned(),
                })?;
        if let Some(reason) = entry::lock_reason(proxy.git_dir()) {
            return Err(RecycleError::Locked {
                path: from.to_owned(),
                reason,
            });
        }
        let admin = proxy.git_dir().to_owned();
        let id = admin_id(&admin);
        let old = proxy
            .into_repo_with_possibly_inaccessible_worktree()
            .map_err(|source| inspect(inspect_error(from, source)))?;
        let old_branch = old
            .head_name()
            .map_err(|source| inspect(inspect_error(from, source)))?;
        if let Ok(head) = old.head_id() {
            let head = head.detach();
            let ahead = count_unique(&self.repo, head, target)
                .map_err(|source| inspect(inspect_error(from, source)))?;
            let squashed = ahead > 0
                && self
                    .holds_change_at(target, head)
                    .map_err(|source| inspect(inspect_error(from, source)))?;
            if ahead > 0 && !squashed {
                return Err(RecycleError::Unmerged {
                    path: from.to_owned(),
                    branch: old_branch
                        .as_ref()
                        .map_or_else(|| "HEAD".to_owned(), |n| short_branch(n.as_ref())),
                    merged_into: merged_into.to_owned(),
                    ahead,
                });
            }
        }
        drop(old);
        let moving = !same_path(from, &to);
        if moving {
            ensure_free(&to)?;
        }
        let branch = self.create_order_branch(&to, voyage, order, base)?;
        entry::lock(
            &admin,
            &format!("recycling {} for {}", from.display(), to.display()),
        )
        .map_err(|source| RecycleError::Move {
            from: from.to_owned(),
            to: to.clone(),
            source,
        })?;
        match hand_over(&admin, from, &to, moving, &branch, order, base) {
            Ok(()) => Ok(Worktree {
                id,
                path: to,
                branch,
                head: base,
            }),
            Err(error) => {
                // Half moved or half reset, and merged: it goes, wherever it is now.
                let workdir = [to.as_path(), from]
                    .into_iter()
                    .find(|p| entry::linked_entry(p).is_some_and(|l| same_path(&l, &admin)));
                let _ = entry::discard(self.common_dir(), &admin, workdir);
                Err(error)
            }
        }
    }
}

/// Steps 3 to 5 of the [module](self): moves the locked worktree from `from` to `to` (when
/// `moving`), resets it to `base` on `branch` and unlocks it.
fn hand_over(
    admin: &Path,
    from: &Path,
    to: &Path,
    moving: bool,
    branch: &str,
    order: &str,
    base: gix::ObjectId,
) -> Result<(), RecycleError> {
    if moving {
        move_worktree(admin, from, to)?;
    }
    let reset = |source| RecycleError::Reset {
        path: to.to_owned(),
        source,
    };
    let repo = gix::open(to).map_err(|e| reset(gix::Error::from_error(e)))?;
    let repo = crate::repository::with_fallback_identity(repo).map_err(reset)?;
    switch_head(&repo, branch, order).map_err(reset)?;
    // The previous order's commits are merged; its HEAD reflog is not this order's history.
    ignore_missing(std::fs::remove_file(
        repo.git_dir().join("logs").join("HEAD"),
    ))
    .map_err(reset)?;
    reset_files(&repo, to, base).map_err(reset)?;
    entry::unlock(admin).map_err(|e| reset(gix::Error::from_error(e)))
}

fn inspect_error(path: &Path, source: gix::Error) -> ListError {
    ListError::Inspect {
        path: path.to_owned(),
        source,
    }
}

/// Renames the worktree's directory and rewrites the two links between it and its
/// administrative directory, keeping each link absolute or relative as it was. The entry is
/// locked by the caller: while the links name the old place, `git worktree prune` would take
/// it otherwise.
fn move_worktree(admin: &Path, from: &Path, to: &Path) -> Result<(), RecycleError> {
    let io = |source| RecycleError::Move {
        from: from.to_owned(),
        to: to.to_owned(),
        source,
    };
    let parent = to.parent().expect("joined with two components");
    std::fs::create_dir_all(parent).map_err(io)?;
    relink(admin, from, to).map_err(io)
}

/// Points the worktree's `HEAD` at `branch` (compare-and-swap against what it pointed at).
fn switch_head(repo: &gix::Repository, branch: &str, order: &str) -> Result<(), gix::Error> {
    let name = crate::branch::full_name(branch).map_err(gix::Error::from_error)?;
    let head = repo
        .find_reference("HEAD")
        .map_err(gix::Error::from_error)?;
    let previous = head.target().into_owned();
    repo.edit_reference(crate::branch::ref_update(
        "HEAD".try_into().expect("HEAD is a valid reference name"),
        PreviousValue::MustExistAndMatch(previous),
        Target::Symbolic(name),
        format!("maestro: recycled for order {order}"),
        false,
    ))?;
    Ok(())
}
