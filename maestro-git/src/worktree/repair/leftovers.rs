//! Removing what killed removals and adds left: set-aside directories, and directories of
//! the voyage's worktrees that git does not know.

use std::path::{Path, PathBuf};

use super::error::RepairError;
use super::report::{Action, Found};
use super::run::Run;
use crate::worktree::entry::{self, same_path};

impl Run<'_> {
    /// Leftovers of removals: set-aside entries, and set-aside directories of the voyage.
    pub(super) fn trash(&mut self) -> Result<(), RepairError> {
        let mut leftovers: Vec<PathBuf> = std::fs::read_dir(entry::trash_dir(&self.common))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        leftovers.extend(
            std::fs::read_dir(self.dir.join(self.voyage))
                .into_iter()
                .flatten()
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with(entry::TRASH))
                .map(|e| e.path()),
        );
        for path in leftovers {
            entry::delete(&path).map_err(Self::io(&path))?;
            self.record(path, Found::Leftover, Action::RemovedDirectory);
        }
        Ok(())
    }

    /// Directories of the voyage's worktrees that are not a registered worktree.
    pub(super) fn directories(&mut self) -> Result<(), RepairError> {
        let voyage_dir = self.dir.join(self.voyage);
        let dirs: Vec<PathBuf> = std::fs::read_dir(&voyage_dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| !e.file_name().to_string_lossy().starts_with(entry::TRASH))
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        for dir in dirs {
            let found = match entry::linked_entry(&dir) {
                None => Found::HalfCreatedDirectory,
                Some(admin) => {
                    let registered = entry::registered_dot_git(&admin)
                        .as_deref()
                        .and_then(Path::parent)
                        .is_some_and(|w| same_path(w, &dir));
                    if registered {
                        continue;
                    }
                    Found::UnregisteredDirectory
                }
            };
            let trashed = entry::trash_beside(&dir).map_err(Self::io(&dir))?;
            if let Some(trashed) = trashed {
                entry::delete(&trashed).map_err(Self::io(&trashed))?;
            }
            self.record(dir, found, Action::RemovedDirectory);
        }
        Ok(())
    }
}
