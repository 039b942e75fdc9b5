//! Collecting a crew's change: everything between the commit the crew started from and the
//! state its worktree is in, shown blob by blob to a guard (the secret scanner) *before*
//! anything is written, then recorded as one commit on that start (a squash).
//!
//! [`Repo::collect_change`] looks at two things:
//!
//! - **the crew's own commits**: every commit reachable from the worktree's `HEAD` but not from
//!   the base, and every commit the worktree's `HEAD` reflog or its branch's reflog names that is
//!   not in the base either (an amended or reset-away commit). Each blob such a commit adds or
//!   modifies relative to its first parent is a [`Candidate`], so a key added in one commit and
//!   deleted in the next is seen;
//! - **the uncommitted state** relative to `HEAD`, as `git add -A` would stage it: modified,
//!   new (untracked, not ignored) and deleted files, type changes, symlinks (the target text is
//!   the blob) and the executable bit. Each changed file is read from disk once, filtered in
//!   memory with the clean filters of `.gitattributes`, and exactly those bytes are both shown to
//!   the guard and, if all is accepted, written as the blob. The crew's index is not trusted for
//!   content: it only lends its stat data to entries whose blob equals `HEAD`'s, and its
//!   intent of tracking a path (`git add -f` of an ignored file).
//!
//! A refusal writes nothing: no blob, tree, commit or index. If a refused blob came from a
//! commit, the worktree's branch (or detached `HEAD`) is moved back to the base with a
//! compare-and-swap, and the lines of its reflog and of the worktree's `HEAD` reflog that name
//! any of the crew's commits are removed, so no reference or reflog reaches them. The files stay
//! exactly as the crew left them: with `HEAD` at the base, `git status` shows the whole change.
//!
//! Otherwise the blobs are written from memory, the tree of `HEAD` plus the uncommitted changes
//! is built, and one commit with the base as its only parent replaces the crew's commits on the
//! branch (their content is kept). The worktree's index is rewritten so `git status` is clean.
//!
//! Several crews may collect at once in different worktrees of one repository: each touches
//! only its own `HEAD`, branch, reflogs and index, and object writes are safe in parallel.
//!
//! Limits of what is examined: references other than the worktree's `HEAD` and the branch it
//! names (tags, other branches, `refs/stash`) are not looked at, and a gitlink or a nested
//! repository is refused rather than collected.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use gix::bstr::ByteSlice;
use gix::refs::Target;
use gix::refs::transaction::PreviousValue;

use crate::diff::FileStat;
use crate::identity::Identity;
use crate::{Repo, branch::ref_update};

mod history;
mod reset;
mod worktree;

/// Where a [`Candidate`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Origin {
    /// A commit of the crew (the blob as that commit adds or modifies it).
    Commit(gix::ObjectId),
    /// The worktree's uncommitted state.
    Worktree,
}

/// What kind of tree entry a blob becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BlobKind {
    /// A regular file (`100644`).
    File,
    /// An executable file (`100755`).
    Executable,
    /// A symbolic link (`120000`); the blob is the link's target text.
    Symlink,
}

/// One blob of a crew's change, shown to the guard before anything is written.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Candidate<'a> {
    /// The path, relative to the worktree root, `/`-separated.
    pub path: &'a str,
    /// The blob's bytes: for worktree files, after the clean filters; exactly what is written.
    pub data: &'a [u8],
    /// The kind of entry.
    pub kind: BlobKind,
    /// Where it comes from.
    pub origin: Origin,
}

/// The guard's decision about one [`Candidate`]; `F` is whatever explains a refusal (findings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict<F> {
    /// The blob may be committed.
    Accept,
    /// The blob must not be committed, for the given reason.
    Refuse(F),
}

/// A candidate the guard refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Refusal<F> {
    /// The candidate's path.
    pub path: String,
    /// Where the candidate came from.
    pub origin: Origin,
    /// What the guard returned.
    pub finding: F,
}

/// How a refusal moved the worktree's `HEAD` away from the crew's commits.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Reset {
    /// The reference moved: the branch `HEAD` names (`refs/heads/…`), or `HEAD` when detached.
    pub reference: String,
    /// Where it pointed (the crew's tip).
    pub from: gix::ObjectId,
    /// Where it points now: the base.
    pub to: gix::ObjectId,
    /// The crew's commits no reference or reflog of the worktree names any more.
    pub dropped: Vec<gix::ObjectId>,
}

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

/// Collecting a change failed; nothing was written unless the variant says otherwise.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CollectError {
    /// The path is not a worktree of this repository.
    #[error("cannot collect the change in {}: it is not a worktree of the repository at {}", worktree.display(), common_dir.display())]
    ForeignWorktree {
        /// The worktree.
        worktree: PathBuf,
        /// The repository's common git directory.
        common_dir: PathBuf,
    },
    /// `HEAD` is not on the expected branch.
    #[error("cannot collect the change in {}: HEAD is on `{found}`, not on `{expected}`", worktree.display())]
    UnexpectedHead {
        /// The worktree.
        worktree: PathBuf,
        /// The branch required by [`CollectOptions::branch`].
        expected: String,
        /// What `HEAD` is on (`HEAD` when detached).
        found: String,
    },
    /// `HEAD` has no commit.
    #[error("cannot collect the change in {}: HEAD has no commit", worktree.display())]
    Unborn {
        /// The worktree.
        worktree: PathBuf,
    },
    /// The base is not a commit.
    #[error("cannot collect the change in {}: base {base} is not a commit", worktree.display())]
    Base {
        /// The worktree.
        worktree: PathBuf,
        /// The base given.
        base: gix::ObjectId,
        /// The cause.
        #[source]
        source: gix::Error,
    },
    /// The index has unresolved merge conflicts.
    #[error("cannot collect the change in {}: `{path}` has unresolved conflicts", worktree.display())]
    Conflicted {
        /// The worktree.
        worktree: PathBuf,
        /// The first conflicted path.
        path: String,
    },
    /// The change adds or moves a gitlink, or holds a nested repository.
    #[error("cannot collect the change in {}: `{path}` is a nested repository{}; maestro does not commit submodules", worktree.display(), commit.map(|c| format!(" in commit {c}")).unwrap_or_default())]
    NestedRepository {
        /// The worktree.
        worktree: PathBuf,
        /// The path of the gitlink or repository.
        path: String,
        /// The crew's commit that adds it, `None` in the uncommitted state.
        commit: Option<gix::ObjectId>,
    },
    /// A changed path is not valid UTF-8.
    #[error("cannot collect the change in {}: the path `{path}` is not valid UTF-8", worktree.display())]
    InvalidPath {
        /// The worktree.
        worktree: PathBuf,
        /// The path, invalid bytes replaced.
        path: String,
    },
    /// The crew made more commits than [`CollectOptions::max_commits`].
    #[error("cannot collect the change in {}: the crew's history has more than {limit} commits", worktree.display())]
    TooManyCommits {
        /// The worktree.
        worktree: PathBuf,
        /// The limit.
        limit: usize,
    },
    /// The changed files hold more bytes than [`CollectOptions::max_bytes`].
    #[error("cannot collect the change in {}: the changed files hold more than {limit} bytes", worktree.display())]
    TooLarge {
        /// The worktree.
        worktree: PathBuf,
        /// The limit.
        limit: u64,
    },
    /// A file could not be read.
    #[error("cannot collect the change in {}: cannot read `{path}`", worktree.display())]
    Read {
        /// The worktree.
        worktree: PathBuf,
        /// The file, relative to the worktree.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A file was replaced while it was being read.
    #[error("cannot collect the change in {}: `{path}` was replaced while being read", worktree.display())]
    Replaced {
        /// The worktree.
        worktree: PathBuf,
        /// The file, relative to the worktree.
        path: String,
    },
    /// `HEAD` moved while the change was being collected; nothing was moved.
    #[error("cannot collect the change in {}: HEAD moved from {expected} meanwhile", worktree.display())]
    HeadMoved {
        /// The worktree.
        worktree: PathBuf,
        /// The commit `HEAD` was on when the collection started.
        expected: gix::ObjectId,
        /// The cause.
        #[source]
        source: gix::Error,
    },
    /// After moving `HEAD` back to the base, a reflog could not be cleaned.
    #[error("cannot collect the change in {}: cannot remove the crew's commits from the reflog {}", worktree.display(), path.display())]
    Reflog {
        /// The worktree.
        worktree: PathBuf,
        /// The reflog file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The commit was made and `HEAD` moved to it, but the index could not be rewritten.
    #[error("committed {commit} in {} but cannot rewrite its index", worktree.display())]
    Index {
        /// The worktree.
        worktree: PathBuf,
        /// The commit `HEAD` now points at.
        commit: gix::ObjectId,
        /// The cause.
        #[source]
        source: gix::Error,
    },
    /// Maestro's registry lock could not be taken.
    #[error("cannot collect the change in {}: cannot lock {}", worktree.display(), path.display())]
    Lock {
        /// The worktree.
        worktree: PathBuf,
        /// The lock file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// Opening the worktree, reading objects or the index, or writing objects failed.
    #[error("cannot collect the change in {}", worktree.display())]
    Git {
        /// The worktree.
        worktree: PathBuf,
        /// The cause.
        #[source]
        source: gix::Error,
    },
}

/// What every step of a collection shares.
struct Context<'a, F> {
    worktree: &'a Path,
    guard: &'a mut dyn FnMut(&Candidate<'_>) -> Verdict<F>,
    refusals: Vec<Refusal<F>>,
}

impl<F> Context<'_, F> {
    fn git(&self, source: gix::Error) -> CollectError {
        CollectError::Git {
            worktree: self.worktree.to_owned(),
            source,
        }
    }

    /// The path as UTF-8, or the error that refuses it.
    fn utf8<'p>(&self, path: &'p gix::bstr::BStr) -> Result<&'p str, CollectError> {
        path.to_str().map_err(|_| CollectError::InvalidPath {
            worktree: self.worktree.to_owned(),
            path: path.to_str_lossy().into_owned(),
        })
    }

    /// Shows `candidate` to the guard and records a refusal.
    fn show(&mut self, candidate: &Candidate<'_>) {
        if let Verdict::Refuse(finding) = (self.guard)(candidate) {
            self.refusals.push(Refusal {
                path: candidate.path.to_owned(),
                origin: candidate.origin,
                finding,
            });
        }
    }
}

impl Repo {
    /// Collects the change of the crew whose worktree is at `worktree` and that started from
    /// commit `base` (as maestro recorded it; the worktree's own idea of its base is not used),
    /// showing every blob of it to `guard` before anything is written, and commits it as one
    /// commit on `base` when the guard accepts everything. See the [module](self) for what is
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
            .lock_registry(crate::worktree::Access::Shared)
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

/// The commits a collection examined.
struct History {
    /// The crew's own commits, `base..HEAD`.
    own: Vec<gix::ObjectId>,
    /// Commits only a reflog names (amended or reset away).
    logged: Vec<gix::ObjectId>,
}

impl History {
    fn all(&self) -> HashSet<gix::ObjectId> {
        self.own.iter().chain(&self.logged).copied().collect()
    }
}

/// Moves the worktree's `HEAD` (through to the branch it names) from `from` to `to` with a
/// compare-and-swap, logging `reflog`.
pub(super) fn move_head(
    wt: &gix::Repository,
    worktree: &Path,
    from: gix::ObjectId,
    to: gix::ObjectId,
    reflog: String,
) -> Result<(), CollectError> {
    wt.edit_reference(ref_update(
        "HEAD".try_into().expect("HEAD is a valid reference name"),
        PreviousValue::MustExistAndMatch(Target::Object(from)),
        Target::Object(to),
        reflog,
        true,
    ))
    .map(drop)
    .map_err(|source| CollectError::HeadMoved {
        worktree: worktree.to_owned(),
        expected: from,
        source,
    })
}
