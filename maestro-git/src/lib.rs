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
//! - [`collect`]: a crew's change (its own commits and its uncommitted files) shown blob by
//!   blob to a guard such as a secret scanner *before* anything is written, then committed as
//!   one commit on the crew's base; a refusal writes nothing and unlinks the crew's commits.
//! - [`squash`]: bringing such a change into the voyage branch as one commit, so no commit of
//!   the crew enters the voyage history, and recognising a change merged that way
//!   ([`Repo::voyage_holds_change`]).
//! - [`commit`]: `git add -A && git commit` in a worktree, without a guard.
//! - [`merge`]: merging an order branch into the voyage branch in the object database, with
//!   a compare-and-swap branch update that retries when another merge wins a race.
//! - [`diff`]: changed paths and line counts between commits, and the added lines of the
//!   index (for secret scanning of staged changes).
//! - [`github`]: pull requests and pushes through the GitHub REST API.
//! - [`bundle`]: a commit's objects in one file, to and from a crew on another machine.
//!
//! Everything is done with gix except [`bundle`]: gix cannot write or read bundles yet, so that
//! one module runs the `git` program (configuration ignored, hooks off, objects checked).
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use maestro_git::collect::{CollectOptions, Collected, Verdict};
//! use maestro_git::{Identity, branch, merge};
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
//!
//! // …its change is scanned before anything is written, and committed on its base…
//! let by = Identity::new("maestro builder", "maestro@localhost");
//! let mut scan = |blob: &maestro_git::collect::Candidate<'_>| {
//!     if blob.data.windows(7).any(|w| w == b"sk-live") {
//!         Verdict::Refuse(format!("a key in {}", blob.path))
//!     } else {
//!         Verdict::Accept
//!     }
//! };
//! let options = CollectOptions::new(by, "docs: greet the world");
//! let Collected::Committed { commit, .. } =
//!     repo.collect_change(&crew.path, base, &mut scan, &options)?
//! else {
//!     panic!("nothing to refuse here")
//! };
//!
//! // …and squashed into the voyage branch without checking anything out.
//! let report = repo.squash_merge(&voyage, commit, &merge::MergeOptions::default())?;
//! assert_eq!(report.outcome, merge::MergeOutcome::FastForward);
//! assert_eq!(repo.changed_paths(base, report.new)?, ["README"]);
//! assert!(repo.voyage_holds_change(&voyage, commit)?);
//! # Ok(()) }
//! ```

#![deny(missing_docs)]

pub mod ancestry;
pub mod branch;
pub mod bundle;
pub mod collect;
pub mod commit;
pub mod diff;
pub mod exclude;
pub mod file;
pub mod github;
pub mod identity;
pub mod merge;
mod registry;
pub mod repository;
pub mod squash;
#[cfg(test)]
mod test_git;
mod tree;
pub mod worktree;

pub use gix::ObjectId;
pub use identity::Identity;
pub use repository::Repo;
