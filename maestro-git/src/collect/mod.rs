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

#[cfg(doc)]
use crate::Repo;

mod candidate;
mod collect_change;
mod context;
mod error;
mod history;
mod read;
mod reset;
mod worktree;

pub use candidate::{BlobKind, Candidate, Origin, Refusal, Verdict};
pub use collect_change::{CollectOptions, Collected};
pub use error::CollectError;
pub use reset::Reset;
