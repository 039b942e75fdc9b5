//! A sandbox that cannot be built.

use std::path::PathBuf;

/// A sandbox that cannot be built from the paths given.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SandboxError {
    /// A path could not be resolved (canonicalised).
    #[error("sandbox: cannot resolve {}", path.display())]
    Resolve {
        /// The path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A path is not valid UTF-8, so it cannot be named in the sandbox's rules.
    #[error("sandbox: {} is not valid UTF-8", path.display())]
    NotUtf8 {
        /// The path.
        path: PathBuf,
    },
    /// A writable directory does not exist (a path that does not exist cannot be made writable).
    #[error("{setting}: {} does not exist; create it first", path.display())]
    MissingDir {
        /// The setting that names it, e.g. `crews.writableDirs[0]`.
        setting: String,
        /// The directory.
        path: PathBuf,
    },
    /// A writable directory would open what crews must not write.
    #[error("{setting}: {} would let crews write {what} ({}); list the cache directories themselves", path.display(), protected.display())]
    Overlaps {
        /// The setting that names it, e.g. `crews.writableDirs[0]`.
        setting: String,
        /// The directory.
        path: PathBuf,
        /// What it would open, e.g. `the home directory`.
        what: &'static str,
        /// That protected path.
        protected: PathBuf,
    },
    /// A path starts with `~` but the home directory is unknown.
    #[error("{setting}: `{path}` needs the home directory, which is unknown (HOME is not set)")]
    NoHome {
        /// The setting, e.g. `crews.writableDirs[0]`.
        setting: String,
        /// The path as written.
        path: String,
    },
}
