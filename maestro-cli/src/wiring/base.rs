//! The voyage base a crew started from, and what crews may not read.

use std::path::{Path, PathBuf};

use maestro_core::WorkspaceConfig;
use maestro_core::ports::{BaseFiles, PortError};
use maestro_git::Repo;

use super::git::object_id;

/// The voyage base a crew started from (`MAESTRO_BASE`, set by the dispatcher), read from the
/// repository at `root` when an inline allow needs it.
#[derive(Debug)]
pub struct GitBase {
    root: Option<PathBuf>,
    base: Option<String>,
}

impl GitBase {
    /// The commit `base` (a hook's `MAESTRO_BASE`) in the repository at `root`.
    #[must_use]
    pub fn new(root: Option<&Path>, base: Option<String>) -> GitBase {
        GitBase {
            root: root.map(Path::to_owned),
            base,
        }
    }
}

impl BaseFiles for GitBase {
    fn base_file(&self, path: &str) -> Result<Option<Vec<u8>>, PortError> {
        let (Some(root), Some(base)) = (&self.root, &self.base) else {
            return Ok(None);
        };
        let repo = Repo::discover(root)?;
        Ok(repo.file_at(object_id(base)?, path)?)
    }
}

/// What crews may not read besides maestro's state directory: the audit signing key and the
/// credential files of the user whose home is `home`.
pub fn unreadable_by_crews(config: &WorkspaceConfig, home: Option<&Path>) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = config.audit.key_file.iter().map(PathBuf::from).collect();
    if let Some(home) = home {
        paths.extend(maestro_core::sandbox::credential_files(home));
    }
    paths
}
