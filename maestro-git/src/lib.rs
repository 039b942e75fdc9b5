//! Git plumbing for maestro, built on [gix](https://docs.rs/gix).
//!
//! maestro keeps every crew in its own worktree and merges their work into a voyage branch.
//! This crate holds the git side of that:
//!
//! - [`Repo`]: finding the repository (and its main worktree even when started inside a
//!   crew's linked worktree), resolving revisions, branches with compare-and-swap semantics
//!   ([`branch`], with the naming of voyage and crew branches), and keeping maestro's state out
//!   of git through `info/exclude`.
//! - [`worktree`]: one worktree per order, made as `git worktree add` makes them; listing with
//!   state (dirty, ahead/behind, merged, locked, missing); removal that refuses dirty or
//!   unmerged work unless forced; pruning of stale entries; and recycling a merged crew's
//!   worktree for the next order, rewriting only the files that differ.
//! - [`commit`]: `git add -A && git commit` in a worktree.
//! - [`merge`]: merging an order branch into the voyage branch in the object database, with
//!   a compare-and-swap branch update that retries when another merge wins a race.
//! - [`diff`]: changed paths and line counts between commits, and the added lines of the
//!   index (for secret scanning of staged changes).
//! - [`github`]: pull requests and pushes through the GitHub REST API.
//!
//! Everything is done with gix; nothing runs the `git` program.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use maestro_git::{Identity, branch, commit, merge};
//! # let dir = tempfile::tempdir()?;
//! # let git = |args: &[&str]| std::process::Command::new("git").args(args).current_dir(dir.path())
//! #     .env("GIT_AUTHOR_NAME", "t").env("GIT_AUTHOR_EMAIL", "t@example.com")
//! #     .env("GIT_COMMITTER_NAME", "t").env("GIT_COMMITTER_EMAIL", "t@example.com").status();
//! # assert!(git(&["init", "-q"])?.success());
//! # std::fs::write(dir.path().join("README"), "hello\n")?;
//! # assert!(git(&["add", "README"])?.success());
//! # assert!(git(&["commit", "-q", "-m", "first"])?.success());
//! let repo = maestro_git::Repo::discover(dir.path())?;
//! // maestro's state directory is kept out of git.
//! assert!(repo.ensure_excluded("/.mso/")?);
//! let base = repo.resolve_commit("HEAD")?;
//! let voyage = branch::voyage_branch("v1");
//! repo.create_branch(&voyage, base, "maestro: voyage v1")?;
//!
//! // A crew works in its own worktree on `maestro-crew/v1/docs`…
//! let crew = repo.add_worktree(&dir.path().join(".mso/worktrees"), "v1", "docs", base)?;
//! std::fs::write(crew.path.join("README"), "hello, world\n")?;
//! let by = Identity::new("maestro builder", "maestro@localhost");
//! let done = commit::commit_all(&crew.path, &by, "docs: greet the world")?;
//! assert!(matches!(done, commit::CommitOutcome::Committed { .. }));
//!
//! // …and its branch is merged without checking anything out.
//! let report = repo.merge_branch(&voyage, &crew.branch, &merge::MergeOptions::default())?;
//! assert_eq!(report.outcome, merge::MergeOutcome::FastForward);
//! assert_eq!(repo.changed_paths(base, report.new)?, ["README"]);
//! # Ok(()) }
//! ```

#![deny(missing_docs)]

pub mod ancestry;
pub mod branch;
pub mod commit;
pub mod diff;
pub mod exclude;
pub mod github;
pub mod identity;
pub mod merge;
pub mod repository;
#[cfg(test)]
mod test_git;
mod tree;
pub mod worktree;

pub use gix::ObjectId;
pub use identity::Identity;
pub use repository::Repo;
