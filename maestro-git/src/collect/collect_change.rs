//! [`Repo::collect_change`]: the guard sees every blob of a crew's change, then the change is
//! committed as one commit on the crew's base, or, refused, undone.

use std::path::Path;

use gix::bstr::ByteSlice;

use super::candidate::{Candidate, Origin, Refusal, Verdict};
use super::context::Context;
use super::error::CollectError;
use super::reset::{self, Reset, move_head};
use super::{history, worktree};
use crate::Repo;
use crate::diff::FileStat;
use crate::identity::Identity;
use crate::registry::Access;

/// What [`Repo::collect_change`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Collected<F> {
    /// One commit holding the whole change was written on the base, and the worktree's branch
    /// (or detached `HEAD`) and index moved to it.
    Committed {
        /// The new commit; its only parent is `base`.
        commit: gix::ObjectId,
        /// The base it was made on.
        base: gix::ObjectId,
        /// The crew's own commits (`base..HEAD`) it replaces on the branch.
        replaced: Vec<gix::ObjectId>,
        /// The paths it changes relative to the base, with line counts.
        changed: Vec<FileStat>,
    },
    /// The worktree's state equals the base's tree (the crew changed nothing, or reverted what
    /// it committed). No reference, reflog or index was changed; blobs or trees of a reverted
    /// change may have been written (they were all accepted by the guard).
    NothingToCommit {
        /// The worktree's `HEAD`, unchanged.
        head: gix::ObjectId,
    },
    /// The guard refused at least one candidate: no object and no index was written.
    Refused {
        /// Every refused candidate, in the order they were shown.
        refusals: Vec<Refusal<F>>,
        /// Set when a refused blob came from a commit: the worktree's `HEAD` was moved back to
        /// the base and the reflogs cleaned.
        reset: Option<Reset>,
    },
}

/// How [`Repo::collect_change`] commits and what it refuses to handle.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CollectOptions {
    /// The author and committer of the commit.
    pub identity: Identity,
    /// The commit message.
    pub message: String,
    /// The branch the worktree's `HEAD` must be attached to (short name, e.g.
    /// `maestro-crew/v1/o1`). Default: `None`, any branch or a detached `HEAD`.
    pub branch: Option<String>,
    /// The most commits of the crew that are examined; more is an error, as is anything
    /// unexamined. Default: `10_000`.
    pub max_commits: usize,
    /// The most bytes of changed worktree files held in memory between the scan and the
    /// write; more is an error. Default: 1 GiB.
    pub max_bytes: u64,
}

impl CollectOptions {
    /// Commits by `identity` with `message`; limits at their defaults.
    #[must_use]
    pub fn new(identity: Identity, message: impl Into<String>) -> CollectOptions {
        CollectOptions {
            identity,
            message: message.into(),
            branch: None,
            max_commits: 10_000,
            max_bytes: 1 << 30,
        }
    }
}

impl Repo {
    /// Collects the change of the crew whose worktree is at `worktree` and that started from
    /// commit `base` (as the caller recorded it; the worktree's own idea of its base is not used),
    /// showing every blob of it to `guard` before anything is written, and commits it as one
    /// commit on `base` when the guard accepts everything. See the [module](super) for what is
    /// examined and what a refusal undoes.
    ///
    /// Files ignored by `.gitignore` stay out, as with `git add -A`. The worktree's `HEAD` is
    /// moved with a compare-and-swap against the commit it was on when the collection started.
    pub fn collect_change<F>(
        &self,
        worktree: &Path,
        base: gix::ObjectId,
        guard: &mut dyn FnMut(&Candidate<'_>) -> Verdict<F>,
        options: &CollectOptions,
    ) -> Result<Collected<F>, CollectError> {
        // Held while `HEAD`, the branch, the reflogs and the index change: their lock files
        // are then known to be stale whenever nobody holds it (see `Repo::repair_worktrees`).
        let _registry = self
            .lock_registry(Access::Shared)
            .map_err(|(path, source)| CollectError::Lock {
                worktree: worktree.to_owned(),
                path,
                source,
            })?;
        let mut cx = Context {
            worktree,
            guard,
            refusals: Vec::new(),
        };
        let wt = self.open_worktree(worktree)?;
        let head_name = wt.head_name().map_err(|e| cx.git(e))?;
        if let Some(expected) = &options.branch {
            let found = head_name.as_ref().map_or_else(
                || "HEAD".to_owned(),
                |n| n.shorten().to_str_lossy().into_owned(),
            );
            if &found != expected {
                return Err(CollectError::UnexpectedHead {
                    worktree: worktree.to_owned(),
                    expected: expected.clone(),
                    found,
                });
            }
        }
        let tip = wt
            .head_id()
            .map_err(|_| CollectError::Unborn {
                worktree: worktree.to_owned(),
            })?
            .detach();
        let base_tree = tree_of(&wt, base).map_err(|source| CollectError::Base {
            worktree: worktree.to_owned(),
            base,
            source,
        })?;
        let head_tree = tree_of(&wt, tip).map_err(|e| cx.git(e))?;

        let logs = reset::Reflogs::of(&wt, head_name.as_ref());
        let history = history::scan(&wt, &mut cx, tip, base, &logs, options.max_commits)?;
        let change = worktree::scan(&wt, &mut cx, head_tree, options.max_bytes)?;

        if !cx.refusals.is_empty() {
            let from_commit = cx
                .refusals
                .iter()
                .any(|r| matches!(r.origin, Origin::Commit(_)));
            let reset = if from_commit {
                Some(reset::to_base(
                    &wt,
                    worktree,
                    head_name.as_ref(),
                    &logs,
                    tip,
                    base,
                    history.all(),
                )?)
            } else {
                None
            };
            return Ok(Collected::Refused {
                refusals: cx.refusals,
                reset,
            });
        }
        if tip == base && change.is_empty() {
            return Ok(Collected::NothingToCommit { head: tip });
        }
        let tree = change.write_tree(&wt, head_tree).map_err(|e| cx.git(e))?;
        if tree == base_tree {
            return Ok(Collected::NothingToCommit { head: tip });
        }
        let mut message = options.message.clone();
        if !message.ends_with('\n') {
            message.push('\n');
        }
        let commit = crate::commit::write_commit(&wt, tree, vec![base], &options.identity, message)
            .map_err(|e| cx.git(e))?;
        let subject = options.message.lines().next().unwrap_or_default();
        move_head(
            &wt,
            worktree,
            tip,
            commit,
            format!("commit (maestro, on {base}): {subject}"),
        )?;
        change
            .write_index(&wt, tree)
            .map_err(|source| CollectError::Index {
                worktree: worktree.to_owned(),
                commit,
                source,
            })?;
        let changed = self
            .diff_stat(base, commit)
            .map_err(|e| cx.git(gix::Error::from_error(e)))?;
        Ok(Collected::Committed {
            commit,
            base,
            replaced: history.own,
            changed,
        })
    }

    /// Opens the worktree at `worktree`, refusing one of another repository.
    fn open_worktree(&self, worktree: &Path) -> Result<gix::Repository, CollectError> {
        let git = |source| CollectError::Git {
            worktree: worktree.to_owned(),
            source,
        };
        let wt = gix::open(worktree).map_err(git)?;
        let wt = crate::repository::with_fallback_identity(wt).map_err(git)?;
        let same = |a: &Path, b: &Path| match (gix::path::realpath(a), gix::path::realpath(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        let foreign = || CollectError::ForeignWorktree {
            worktree: worktree.to_owned(),
            common_dir: self.common_dir().to_owned(),
        };
        let Some(workdir) = wt.workdir() else {
            return Err(foreign());
        };
        if !same(wt.common_dir(), self.common_dir()) || !same(workdir, worktree) {
            return Err(foreign());
        }
        Ok(wt)
    }
}

/// The tree of commit `id`.
fn tree_of(repo: &gix::Repository, id: gix::ObjectId) -> Result<gix::ObjectId, gix::Error> {
    Ok(repo.find_commit(id)?.tree_id()?.detach())
}
