//! Pruning the administrative entries of worktrees whose directory is gone, as
//! `git worktree prune` does.

use std::path::{Path, PathBuf};

use super::entry;
use crate::Repo;
use crate::registry::Access;

/// A stale administrative entry dropped by [`Repo::prune_worktrees`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pruned {
    /// The id of the entry (its directory under `<common dir>/worktrees/`).
    pub id: String,
    /// Where the worktree was registered to live, if that could be read.
    pub path: Option<PathBuf>,
    /// The branch it had checked out (kept), if any.
    pub branch: Option<String>,
}

/// Pruning administrative entries failed.
#[derive(Debug, thiserror::Error)]
#[error("cannot prune the worktree entry {}", path.display())]
pub struct PruneError {
    /// The administrative directory (or `<common dir>/worktrees` itself).
    pub path: PathBuf,
    /// The cause.
    #[source]
    pub source: std::io::Error,
}

/// Whether `path` was modified within the last hour.
fn is_recent(path: &Path) -> bool {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .is_ok_and(|modified| {
            modified
                .elapsed()
                .map_or(true, |age| age < std::time::Duration::from_secs(3600))
        })
}

impl Repo {
    /// Drops the administrative entries (`<common dir>/worktrees/<id>`) of worktrees whose
    /// directory is gone, as `git worktree prune` does. Locked entries are kept, and so are
    /// entries without a `gitdir` file made within the last hour (they may be in the middle of
    /// `git worktree add`); worktree directories that exist are never touched, and branches
    /// are kept. [`Repo::repair_worktrees`] also takes what killed operations left.
    pub fn prune_worktrees(&self) -> Result<Vec<Pruned>, PruneError> {
        let _registry = self
            .lock_registry(Access::Exclusive)
            .map_err(|(path, source)| PruneError { path, source })?;
        let root = self.common_dir().join("worktrees");
        let entries = match std::fs::read_dir(&root) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(PruneError { path: root, source }),
        };
        let mut pruned = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|source| PruneError {
                path: root.clone(),
                source,
            })?;
            let admin = entry.path();
            if !admin.is_dir() || admin.join("locked").symlink_metadata().is_ok() {
                continue;
            }
            let dot_git = entry::registered_dot_git(&admin);
            if dot_git
                .as_ref()
                .is_some_and(|p| p.symlink_metadata().is_ok())
            {
                continue;
            }
            // An entry without a `gitdir` file may be one that `git worktree add` is creating
            // right now (it writes its `locked` file a moment after the directory); only an
            // old one is stale.
            if dot_git.is_none() && is_recent(&admin) {
                continue;
            }
            let branch = std::fs::read_to_string(admin.join("HEAD"))
                .ok()
                .and_then(|head| {
                    head.trim()
                        .strip_prefix("ref: refs/heads/")
                        .map(ToOwned::to_owned)
                });
            entry::discard(self.common_dir(), &admin, None).map_err(|source| PruneError {
                path: admin.clone(),
                source,
            })?;
            pruned.push(Pruned {
                id: entry.file_name().to_string_lossy().into_owned(),
                path: dot_git
                    .as_deref()
                    .and_then(Path::parent)
                    .map(Path::to_owned),
                branch,
            });
        }
        pruned.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(pruned)
    }
}
