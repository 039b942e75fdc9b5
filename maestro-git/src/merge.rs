//! Merging an order branch into the voyage branch in the object database (see
//! [`squash`](crate::squash) for merging a collected change as one commit).
//!
//! Nothing is checked out: the voyage branch may be checked out anywhere, even in the main
//! worktree. The branch is moved with a compare-and-swap against the commit the merge was
//! computed on, so two merges racing on one voyage branch cannot lose a commit: the loser
//! re-reads the branch and merges again (up to [`MergeOptions::max_attempts`] times).
//!
//! If the voyage branch is checked out in a worktree, moving it leaves that worktree's index
//! and files describing the old commit (`git status` there shows the merged changes reversed).
//! A merge never touches the user's files: [`MergeReport::checked_out_in`] lists those
//! worktrees so the caller can warn the user, who can bring such a worktree up to date,
//! keeping local changes, with `git read-tree -m -u <old> <new>` there (the two-tree merge
//! `git checkout` does; [`MergeReport::old`] and [`MergeReport::new`] are the two commits).

use std::path::PathBuf;

use gix::bstr::ByteSlice;
use gix::refs::Target;
use gix::refs::transaction::PreviousValue;

use crate::Repo;
use crate::branch::BranchError;
use crate::identity::Identity;

/// How [`Repo::merge_branch`] and [`Repo::squash_merge`] merge.
#[derive(Debug, Clone)]
pub struct MergeOptions {
    /// The message of a merge commit. Default: `None`, meaning
    /// `Merge branch '<order branch>' into <voyage branch>` for [`Repo::merge_branch`], and the
    /// change's own message for [`Repo::squash_merge`] (which appends its trailer either way).
    pub message: Option<String>,
    /// The author and committer of a merge commit. Default: `None`, meaning
    /// [`Repo::default_identity`].
    pub identity: Option<Identity>,
    /// Whether the voyage branch may simply move forward when it has no commits of its own.
    /// Default: `true`; `false` always records a new commit (`git merge --no-ff`).
    pub fast_forward: bool,
    /// How many times the merge is computed and the branch update tried before giving up on
    /// a voyage branch that keeps moving. Default: `16`.
    pub max_attempts: usize,
}

impl Default for MergeOptions {
    fn default() -> Self {
        MergeOptions {
            message: None,
            identity: None,
            fast_forward: true,
            max_attempts: 16,
        }
    }
}

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MergeOutcome {
    /// The voyage branch already contained every commit of the order branch (for a squash:
    /// already held the change, or merging it would not alter its tree); nothing moved.
    UpToDate,
    /// The voyage branch moved forward to the order branch's commit.
    FastForward,
    /// A merge commit was written and the voyage branch points at it.
    Merged,
    /// One commit with the change's content and the voyage branch's head as its only parent was
    /// written and the voyage branch points at it ([`Repo::squash_merge`]).
    Squashed,
    /// The branches conflict; the voyage branch did not move.
    Conflict {
        /// The conflicting paths, sorted, relative to the repository root.
        paths: Vec<String>,
    },
}

/// The result of [`Repo::merge_branch`] and [`Repo::squash_merge`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeReport {
    /// What happened.
    pub outcome: MergeOutcome,
    /// The voyage branch's commit the (last) merge was computed on.
    pub old: gix::ObjectId,
    /// The voyage branch's commit afterwards (`old` unless it moved).
    pub new: gix::ObjectId,
    /// How many attempts it took (more than one when another merge won a race).
    pub attempts: usize,
    /// Worktrees (main or linked) that have the voyage branch checked out and whose index and
    /// files are now behind it; empty if the branch did not move.
    pub checked_out_in: Vec<PathBuf>,
}

/// A merge failed (a conflict is not a failure, see [`MergeOutcome::Conflict`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MergeError {
    /// A branch does not exist.
    #[error("cannot merge: branch `{name}` does not exist")]
    MissingBranch {
        /// The branch.
        name: String,
    },
    /// A branch could not be read.
    #[error("cannot merge `{theirs}` into `{ours}`: a branch cannot be read")]
    Branch {
        /// The voyage branch.
        ours: String,
        /// The order branch.
        theirs: String,
        /// The cause.
        #[source]
        source: BranchError,
    },
    /// The commit given to [`Repo::squash_merge`] does not have exactly one parent.
    #[error(
        "cannot merge `{theirs}` into `{ours}`: a change has one parent (its base), this commit has {parents}"
    )]
    NotAChange {
        /// The voyage branch.
        ours: String,
        /// The commit.
        theirs: String,
        /// How many parents it has.
        parents: usize,
    },
    /// The histories have no common ancestor.
    #[error("cannot merge `{theirs}` into `{ours}`: they share no history")]
    Unrelated {
        /// The voyage branch.
        ours: String,
        /// The order branch.
        theirs: String,
    },
    /// Computing or writing the merge failed.
    #[error("cannot merge `{theirs}` into `{ours}`")]
    Merge {
        /// The voyage branch.
        ours: String,
        /// The order branch.
        theirs: String,
        /// The cause.
        #[source]
        source: gix::Error,
    },
    /// Maestro's registry lock could not be taken.
    #[error("cannot merge `{theirs}` into `{ours}`: cannot lock {}", path.display())]
    Lock {
        /// The voyage branch.
        ours: String,
        /// What was merged.
        theirs: String,
        /// The lock file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The voyage branch kept moving (or stayed locked) through every attempt.
    #[error("cannot merge `{theirs}` into `{ours}`: the branch update failed {attempts} times")]
    Contended {
        /// The voyage branch.
        ours: String,
        /// The order branch.
        theirs: String,
        /// The attempts made.
        attempts: usize,
        /// The last failure.
        #[source]
        source: gix::Error,
    },
}

/// One attempt's result: nothing to move, or move the voyage branch to a commit.
pub(crate) enum Step {
    Done(MergeOutcome),
    Move(MergeOutcome, gix::ObjectId),
}

impl Repo {
    /// Merges branch `theirs` (an order branch) into branch `ours` (the voyage branch)
    /// without a checkout: fast-forward when possible, otherwise a merge commit with parents
    /// `ours`, `theirs`. A conflict leaves `ours` where it was and lists the conflicting paths.
    pub fn merge_branch(
        &self,
        ours: &str,
        theirs: &str,
        options: &MergeOptions,
    ) -> Result<MergeReport, MergeError> {
        self.advance_branch(
            ours,
            theirs,
            options,
            |old| {
                let their_commit = self.require_branch(theirs, ours, theirs)?;
                self.merge_step(ours, theirs, old, their_commit, options)
            },
            |outcome| match outcome {
                MergeOutcome::FastForward => format!("merge {theirs}: Fast-forward"),
                _ => format!("merge {theirs}: Merge made by maestro."),
            },
        )
    }

    /// Moves branch `ours` to what `step` computes from its current commit, with a
    /// compare-and-swap against that commit; when another update wins the race, `step` runs
    /// again on the new commit, up to [`MergeOptions::max_attempts`] times. `theirs` names
    /// what is merged in errors; `reflog` words the reflog line of a move.
    pub(crate) fn advance_branch(
        &self,
        ours: &str,
        theirs: &str,
        options: &MergeOptions,
        mut step: impl FnMut(gix::ObjectId) -> Result<Step, MergeError>,
        reflog: impl Fn(&MergeOutcome) -> String,
    ) -> Result<MergeReport, MergeError> {
        let merge_error = |source| MergeError::Merge {
            ours: ours.to_owned(),
            theirs: theirs.to_owned(),
            source,
        };
        let full =
            crate::branch::full_name(ours).map_err(|e| merge_error(gix::Error::from_error(e)))?;
        // Held while the branch moves: its lock file is then known to be stale whenever nobody
        // holds it (see `Repo::repair_worktrees`).
        let _registry = self
            .lock_registry(crate::registry::Access::Shared)
            .map_err(|(path, source)| MergeError::Lock {
                ours: ours.to_owned(),
                theirs: theirs.to_owned(),
                path,
                source,
            })?;
        let max_attempts = options.max_attempts.max(1);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let old = self.require_branch(ours, ours, theirs)?;
            let (outcome, new) = match step(old)? {
                Step::Done(outcome) => {
                    return Ok(MergeReport {
                        outcome,
                        old,
                        new: old,
                        attempts: attempt,
                        checked_out_in: Vec::new(),
                    });
                }
                Step::Move(outcome, new) => (outcome, new),
            };
            let edit = crate::branch::ref_update(
                full.clone(),
                PreviousValue::MustExistAndMatch(Target::Object(old)),
                Target::Object(new),
                reflog(&outcome),
                false,
            );
            match self.repo.edit_reference(edit) {
                Ok(_) => {
                    return Ok(MergeReport {
                        outcome,
                        old,
                        new,
                        attempts: attempt,
                        checked_out_in: self.checked_out_in(&full),
                    });
                }
                Err(source) if attempt >= max_attempts => {
                    return Err(MergeError::Contended {
                        ours: ours.to_owned(),
                        theirs: theirs.to_owned(),
                        attempts: attempt,
                        source,
                    });
                }
                // Another merge moved the branch (or holds its lock): recompute on the new head.
                Err(_) => std::thread::sleep(std::time::Duration::from_millis(
                    u64::try_from(attempt).unwrap_or(u64::MAX).min(20),
                )),
            }
        }
    }

    fn require_branch(
        &self,
        name: &str,
        ours: &str,
        theirs: &str,
    ) -> Result<gix::ObjectId, MergeError> {
        self.branch_commit(name)
            .map_err(|source| MergeError::Branch {
                ours: ours.to_owned(),
                theirs: theirs.to_owned(),
                source,
            })?
            .ok_or_else(|| MergeError::MissingBranch {
                name: name.to_owned(),
            })
    }

    fn merge_step(
        &self,
        ours: &str,
        theirs: &str,
        old: gix::ObjectId,
        their_commit: gix::ObjectId,
        options: &MergeOptions,
    ) -> Result<Step, MergeError> {
        let merge_error = |source| MergeError::Merge {
            ours: ours.to_owned(),
            theirs: theirs.to_owned(),
            source,
        };
        if old == their_commit {
            return Ok(Step::Done(MergeOutcome::UpToDate));
        }
        let base = self
            .repo
            .merge_base(old, their_commit)
            .map_err(merge_error)?
            .map(gix::Id::detach);
        let Some(base) = base else {
            return Err(MergeError::Unrelated {
                ours: ours.to_owned(),
                theirs: theirs.to_owned(),
            });
        };
        if base == their_commit {
            return Ok(Step::Done(MergeOutcome::UpToDate));
        }
        if base == old && options.fast_forward {
            return Ok(Step::Move(MergeOutcome::FastForward, their_commit));
        }
        let tree_options = self.repo.tree_merge_options().map_err(merge_error)?;
        let labels = gix::merge::blob::builtin_driver::text::Labels {
            ancestor: None,
            current: Some(ours.into()),
            other: Some(theirs.into()),
        };
        let mut outcome = self
            .repo
            .merge_commits(old, their_commit, labels, tree_options.into())
            .map_err(merge_error)?;
        if let Some(paths) = conflicts(&outcome.tree_merge) {
            return Ok(Step::Done(MergeOutcome::Conflict { paths }));
        }
        let tree = outcome
            .tree_merge
            .tree
            .write()
            .map_err(merge_error)?
            .detach();
        let identity = options
            .identity
            .clone()
            .unwrap_or_else(|| self.default_identity());
        let message = options
            .message
            .clone()
            .unwrap_or_else(|| format!("Merge branch '{theirs}' into {ours}\n"));
        let id = crate::commit::write_commit(
            &self.repo,
            tree,
            vec![old, their_commit],
            &identity,
            message,
        )
        .map_err(merge_error)?;
        Ok(Step::Move(MergeOutcome::Merged, id))
    }

    /// The worktrees (main first) with branch `name` checked out. Best effort: the branch has
    /// already moved when this runs, so a worktree that cannot be read right now (e.g. one
    /// being created by another crew, whose `HEAD` is not written yet) is skipped rather than
    /// failing the merge.
    fn checked_out_in(&self, name: &gix::refs::FullName) -> Vec<PathBuf> {
        let mut paths = Vec::new();
        if let Ok(main) = self.repo.main_repo()
            && main.head_name().ok().flatten().as_ref() == Some(name)
        {
            paths.push(self.root().to_owned());
        }
        for proxy in self.repo.worktrees().unwrap_or_default() {
            let Ok(base) = proxy.base() else { continue };
            let Ok(repo) = proxy.into_repo_with_possibly_inaccessible_worktree() else {
                continue;
            };
            if repo.head_name().ok().flatten().as_ref() == Some(name) {
                paths.push(base);
            }
        }
        paths
    }
}

/// The unresolved conflicting paths of a tree merge, sorted, or `None` if it is clean.
pub(crate) fn conflicts(merge: &gix::merge::tree::Outcome<'_>) -> Option<Vec<String>> {
    let how = gix::merge::tree::TreatAsUnresolved::git();
    if !merge.has_unresolved_conflicts(how) {
        return None;
    }
    let mut paths: Vec<String> = merge
        .conflicts
        .iter()
        .filter(|c| c.is_unresolved(how))
        .flat_map(|c| [c.ours.location(), c.theirs.location()])
        .filter(|p| !p.is_empty())
        .map(|p| p.to_str_lossy().into_owned())
        .collect();
    paths.sort();
    paths.dedup();
    Some(paths)
}
