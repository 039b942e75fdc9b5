//! Ports: the traits through which maestro-core reaches the outside world.
//!
//! maestro-core never talks to git, the audit log, the scanner or the licence directly; the
//! application (maestro-cli) implements these traits with the maestro-git, maestro-audit,
//! maestro-scan and maestro-licence crates, and tests implement them in memory.

/// The error type of port implementations: opaque to the core, shown to the user as is.
pub type PortError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Branches of the repository a workspace lives in.
pub trait Branches {
    /// Resolves a revision (`HEAD`, a branch, a commit id) to a commit id in hex.
    fn resolve_commit(&self, revision: &str) -> Result<String, PortError>;

    /// Creates branch `name` (e.g. `maestro/v1`) at `commit`; fails if it already exists.
    fn create_branch(&self, name: &str, commit: &str) -> Result<(), PortError>;

    /// Deletes branch `name` if it still points at `commit` (undoing [`Branches::create_branch`]).
    fn delete_branch(&self, name: &str, commit: &str) -> Result<(), PortError>;
}
