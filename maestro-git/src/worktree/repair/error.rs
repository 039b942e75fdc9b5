//! [`RepairError`]: why a repair stopped.

use std::path::PathBuf;

/// Repairing failed; the repairs made before the failure stay made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RepairError {
    /// The voyage name cannot name a directory.
    #[error("`{name}` cannot name a voyage's worktree directory")]
    InvalidName {
        /// The name.
        name: String,
    },
    /// Maestro's registry lock could not be taken.
    #[error("cannot lock {}", path.display())]
    Lock {
        /// The lock file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A file or directory could not be read, written or removed.
    #[error("cannot repair {}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A crew branch could not be read or deleted.
    #[error("cannot repair the crew branches of voyage `{voyage}`")]
    Branch {
        /// The voyage.
        voyage: String,
        /// The cause.
        #[source]
        source: gix::Error,
    },
}
