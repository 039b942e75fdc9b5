//! Git plumbing for maestro, built on [gix](https://docs.rs/gix).
//!
//! maestro keeps every crew in its own worktree and merges their work into a voyage branch.
//! This crate holds the git side of that: finding the repository (and its main worktree even
//! when started inside a crew's linked worktree), resolving revisions, creating and deleting
//! branches with compare-and-swap semantics, and keeping maestro's state out of git through
//! `info/exclude`.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let dir = tempfile::tempdir()?;
//! # let status = std::process::Command::new("git").args(["init", "-q"]).current_dir(dir.path()).status()?;
//! # assert!(status.success());
//! let repo = maestro_git::Repo::discover(dir.path())?;
//! // A fresh repository has no commit, so HEAD does not resolve yet.
//! assert!(repo.resolve_commit("HEAD").is_err());
//! // maestro's state directory is kept out of git.
//! assert!(repo.ensure_excluded("/.mso/")?);
//! assert!(!repo.ensure_excluded("/.mso/")?, "idempotent");
//! # Ok(()) }
//! ```

#![deny(missing_docs)]

pub mod branch;
pub mod exclude;
pub mod repository;

pub use gix::ObjectId;
pub use repository::Repo;
