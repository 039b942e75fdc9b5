//! The `.mso/` state store.
//!
//! ```text
//! .mso/workspace.json                       configuration
//! .mso/.lock                                lock for workspace-wide changes (voyage creation)
//! .mso/voyages/<voyage>/voyage.json         the voyage
//! .mso/voyages/<voyage>/.lock               lock for changes to the voyage and its orders
//! .mso/voyages/<voyage>/run.lock            held by whoever runs or reshapes the voyage
//! .mso/voyages/<voyage>/orders/<id>.json    each order
//! ```
//!
//! Every file is replaced atomically (temporary file, fsync, rename, fsync of the directory).
//! Every read-modify-write happens under an advisory lock, so any number of processes may change
//! one voyage at once without losing an update; listings take a shared lock so they never see
//! half of a multi-order import.

mod amend;
pub mod audit_key;
mod error;
mod fs;
mod layout;
mod lock;
mod order;
mod report;
mod voyage;
mod workspace;

use std::path::{Path, PathBuf};

use fs::exists;

pub use crate::config::STATE_DIR;
pub use amend::{Imported, OrderEdit, Reset, Retried};
pub use error::StoreError;
pub use lock::RunLock;
pub use workspace::InitOutcome;

/// The state store of one repository.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
    dir: PathBuf,
    /// Applied to every report before it is written ([`Store::with_redactor`]).
    redactor: Option<crate::process::Redactor>,
}

impl Store {
    /// The store of the repository whose root is `repo_root`, which must be initialised.
    pub fn open(repo_root: &Path) -> Result<Store, StoreError> {
        let store = Store::at(repo_root);
        if !exists(&store.config_path())? {
            return Err(StoreError::NotInitialised {
                dir: repo_root.to_owned(),
            });
        }
        Ok(store)
    }

    pub(super) fn at(repo_root: &Path) -> Store {
        Store {
            root: repo_root.to_owned(),
            dir: repo_root.join(STATE_DIR),
            redactor: None,
        }
    }

    /// The same store, passing every order report through `redactor` before writing it:
    /// reports quote titles, paths and what crews and gates printed.
    #[must_use]
    pub fn with_redactor(mut self, redactor: crate::process::Redactor) -> Store {
        self.redactor = Some(redactor);
        self
    }

    /// The repository root.
    #[must_use]
    pub fn repo_root(&self) -> &Path {
        &self.root
    }

    /// The `.mso` directory.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

#[cfg(test)]
mod tests;
