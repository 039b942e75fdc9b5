//! One repair of a voyage's worktrees: what every step shares.

use std::path::{Path, PathBuf};

use super::deferred::Deferred;
use super::error::RepairError;
use super::options::RepairOptions;
use super::report::{Action, Found, Repair, Subject};
use crate::Repo;
use crate::worktree::entry::same_path;

/// One repair under way, under maestro's registry lock held exclusively.
pub(super) struct Run<'a> {
    pub(super) repo: &'a Repo,
    pub(super) common: PathBuf,
    /// The repaired worktrees directory, resolved.
    pub(super) dir: PathBuf,
    pub(super) voyage: &'a str,
    pub(super) options: &'a RepairOptions,
    pub(super) repairs: Vec<Repair>,
    pub(super) deferred: Vec<Deferred>,
}

impl Run<'_> {
    pub(super) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> RepairError + '_ {
        move |source| RepairError::Io {
            path: path.to_owned(),
            source,
        }
    }

    pub(super) fn record(&mut self, subject: PathBuf, found: Found, action: Action) {
        self.repairs.push(Repair {
            subject: Subject::Path(subject),
            found,
            action,
        });
    }

    /// The voyage whose worktree `workdir` is: `<dir>/<voyage>/<order>`.
    pub(super) fn voyage_of(&self, workdir: &Path) -> Option<String> {
        let voyage_dir = workdir.parent()?;
        let dir = voyage_dir.parent()?;
        same_path(dir, &self.dir).then(|| voyage_dir.file_name()?.to_str().map(str::to_owned))?
    }
}
