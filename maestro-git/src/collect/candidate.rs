//! What the guard is shown of a crew's change, and what it answers.

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
