//! What a repair found and what it did about it, for the caller to record.

use std::path::PathBuf;

#[cfg(doc)]
use crate::Repo;

/// What was repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Subject {
    /// A directory or file.
    Path(PathBuf),
    /// A branch (short name).
    Branch(String),
}

impl std::fmt::Display for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Subject::Path(path) => write!(f, "{}", path.display()),
            Subject::Branch(name) => write!(f, "branch {name}"),
        }
    }
}

/// What [`Repo::repair_worktrees`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Found {
    /// An entry locked by an add, recycle or removal that is not running any more.
    InterruptedOperation {
        /// The lock reason, e.g. `maestro: adding …` or `initializing`.
        reason: String,
    },
    /// An entry whose worktree directory is gone, or that never got a `gitdir`.
    MissingWorktree,
    /// An entry whose worktree directory exists but does not point back to it.
    UnlinkedEntry,
    /// A live entry with a file missing or empty.
    IncompleteEntry {
        /// The file: `commondir` or `HEAD`.
        file: &'static str,
    },
    /// A directory of the voyage's worktrees whose `.git` file is missing or empty: an add
    /// that was killed.
    HalfCreatedDirectory,
    /// A directory of the voyage's worktrees whose `.git` names no entry, or one that does not
    /// name it back.
    UnregisteredDirectory,
    /// A lock file nobody holds.
    StaleLock,
    /// A temporary file or a directory set aside by a removal that was killed.
    Leftover,
    /// A crew branch no worktree has checked out, holding nothing the voyage branch lacks (its
    /// change was merged, or it never moved from where its worktree was added).
    MergedBranch,
}

impl std::fmt::Display for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Found::InterruptedOperation { reason } => {
                write!(f, "an interrupted operation (locked: {reason})")
            }
            Found::MissingWorktree => f.write_str("an entry whose worktree is gone"),
            Found::UnlinkedEntry => {
                f.write_str("an entry whose worktree does not point back to it")
            }
            Found::IncompleteEntry { file } => {
                write!(f, "an entry with an empty or missing {file}")
            }
            Found::HalfCreatedDirectory => {
                f.write_str("a half-created worktree (its .git is missing or empty)")
            }
            Found::UnregisteredDirectory => f.write_str("a worktree directory git does not know"),
            Found::StaleLock => f.write_str("a stale lock file"),
            Found::Leftover => f.write_str("the leftover of an interrupted operation"),
            Found::MergedBranch => f.write_str(
                "a crew branch without a worktree, holding nothing the voyage branch lacks",
            ),
        }
    }
}

/// What [`Repo::repair_worktrees`] did about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Action {
    /// Removed the entry and its worktree directory.
    RemovedWorktree,
    /// Removed the entry only (its directory was gone, or is not its).
    RemovedEntry,
    /// Removed a directory.
    RemovedDirectory,
    /// Removed a file.
    RemovedFile,
    /// Wrote the file as git writes it.
    Rewrote,
    /// Deleted the branch.
    DeletedBranch,
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Action::RemovedWorktree => "removed the worktree and its entry",
            Action::RemovedEntry => "removed the entry",
            Action::RemovedDirectory => "removed the directory",
            Action::RemovedFile => "removed the file",
            Action::Rewrote => "rewrote it",
            Action::DeletedBranch => "deleted the branch",
        })
    }
}

/// One repair.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Repair {
    /// What was repaired.
    pub subject: Subject,
    /// What was wrong with it.
    pub found: Found,
    /// What was done.
    pub action: Action,
}
