//! [`CollectError`]: why a change could not be collected.

use std::path::PathBuf;

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
        /// The branch required by [`CollectOptions::branch`](super::CollectOptions::branch).
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
    #[error("cannot collect the change in {}: `{path}` is a nested repository{}; submodules are not collected", worktree.display(), commit.map(|c| format!(" in commit {c}")).unwrap_or_default())]
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
    /// The crew made more commits than [`CollectOptions::max_commits`](super::CollectOptions::max_commits).
    #[error("cannot collect the change in {}: the crew's history has more than {limit} commits", worktree.display())]
    TooManyCommits {
        /// The worktree.
        worktree: PathBuf,
        /// The limit.
        limit: usize,
    },
    /// The changed files hold more bytes than [`CollectOptions::max_bytes`](super::CollectOptions::max_bytes).
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
