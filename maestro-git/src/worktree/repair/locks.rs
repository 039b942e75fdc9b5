//! Lock files nobody holds, and entries `git worktree add` may still be writing: each is
//! waited for until it is old enough, then removed or repaired.

use std::path::{Path, PathBuf};

use super::deferred::{Deferred, DeferredKind, age, newest, stamp};
use super::error::RepairError;
use super::report::{Action, Found};
use super::run::Run;
use crate::branch::{crew_branch, voyage_branch};
use crate::worktree::entry;

/// The paths under `dir` (recursively) whose name ends in `.lock`.
fn lock_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for item in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = item.path();
        match item.file_type() {
            Ok(t) if t.is_dir() => lock_files(&path, found),
            Ok(_) if path.extension().is_some_and(|e| e == "lock") => found.push(path),
            _ => {}
        }
    }
}

impl Run<'_> {
    pub(super) fn young(&self, admin: &Path) -> bool {
        newest(admin).is_some_and(|t| age(t) < self.options.grace)
    }

    pub(super) fn defer_entry(&mut self, admin: &Path) {
        self.deferred.push(Deferred {
            path: admin.to_owned(),
            seen: None,
            kind: DeferredKind::Entry,
        });
    }

    pub(super) fn defer_lock(&mut self, path: PathBuf) {
        let seen = stamp(&path);
        self.deferred.push(Deferred {
            path,
            seen,
            kind: DeferredKind::Lock,
        });
    }

    /// Lock files in the voyage's references and reflogs, and `packed-refs.lock`.
    pub(super) fn reference_locks(&mut self) {
        let mut found = Vec::new();
        let mut voyage_branches = vec![voyage_branch(self.voyage)];
        voyage_branches.extend(self.options.merged_into.clone());
        for root in [self.common.clone(), self.common.join("logs")] {
            for branch in &voyage_branches {
                let lock = root.join(format!("refs/heads/{branch}.lock"));
                if lock.is_file() && !found.contains(&lock) {
                    found.push(lock);
                }
            }
            let crew = crew_branch(self.voyage, "");
            lock_files(&root.join("refs/heads").join(crew), &mut found);
        }
        let packed = self.common.join("packed-refs.lock");
        if packed.is_file() {
            found.push(packed);
        }
        for path in found {
            self.defer_lock(path);
        }
    }

    /// Waits until every deferred item is [`RepairOptions::grace`] old, then removes the lock
    /// files still there unchanged and repairs the entries again.
    pub(super) fn settle(&mut self) -> Result<(), RepairError> {
        if self.deferred.is_empty() {
            return Ok(());
        }
        let youngest = self
            .deferred
            .iter()
            .filter_map(|d| match d.kind {
                DeferredKind::Lock => d.seen.map(|(t, _)| age(t)),
                DeferredKind::Entry => newest(&d.path).map(age),
            })
            .min()
            .unwrap_or(self.options.grace);
        if youngest < self.options.grace {
            std::thread::sleep(self.options.grace.saturating_sub(youngest));
        }
        for item in std::mem::take(&mut self.deferred) {
            match item.kind {
                DeferredKind::Lock => {
                    if item.seen.is_some() && stamp(&item.path) == item.seen {
                        entry::ignore_missing(std::fs::remove_file(&item.path))
                            .map_err(Self::io(&item.path))?;
                        self.record(item.path, Found::StaleLock, Action::RemovedFile);
                    }
                }
                DeferredKind::Entry => {
                    if item.path.is_dir() && !self.young(&item.path) {
                        self.entry(&item.path, true)?;
                    }
                }
            }
        }
        Ok(())
    }
}
