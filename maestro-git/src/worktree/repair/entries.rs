//! Repairing the administrative entries of `<common dir>/worktrees`.

use std::path::{Path, PathBuf};

use super::error::RepairError;
use super::report::{Action, Found};
use super::run::Run;
use crate::branch::{crew_branch, voyage_branch_of};
use crate::worktree::entry::{self, same_path};

/// An entry as the repair sees it.
struct EntryFacts {
    admin: PathBuf,
    /// The worktree directory its `gitdir` names.
    workdir: Option<PathBuf>,
    locked: Option<String>,
    /// The worktree directory exists and its `.git` points back to this entry.
    linked: bool,
    /// The voyage whose worktree directory (under the repaired `dir`) it is, or whose crew
    /// branch its `HEAD` names.
    voyage: Option<String>,
}

impl Run<'_> {
    fn facts(&self, admin: &Path) -> EntryFacts {
        let workdir = entry::registered_dot_git(admin)
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_owned);
        let linked = workdir.as_deref().is_some_and(|w| {
            entry::linked_entry(w).is_some_and(|linked| same_path(&linked, admin))
        });
        let head_branch = entry::read_trimmed(&admin.join("HEAD"))
            .and_then(|head| head.strip_prefix("ref: refs/heads/").map(str::to_owned));
        let voyage = workdir
            .as_deref()
            .and_then(|w| self.voyage_of(w))
            .or_else(|| {
                head_branch
                    .as_deref()
                    .and_then(voyage_branch_of)
                    .and_then(|b| b.strip_prefix("maestro/").map(str::to_owned))
            });
        EntryFacts {
            admin: admin.to_owned(),
            workdir,
            locked: entry::lock_reason(admin),
            linked,
            voyage,
        }
    }

    /// Removes the entry, and its directory when it is the voyage's and points back to it (or
    /// points nowhere: an add killed before writing it).
    fn discard(&mut self, facts: &EntryFacts, found: Found) -> Result<(), RepairError> {
        let mine = facts.voyage.as_deref() == Some(self.voyage);
        let workdir = facts.workdir.as_deref().filter(|w| {
            w.is_dir()
                && mine
                && self.voyage_of(w).is_some()
                && (facts.linked || entry::linked_entry(w).is_none())
        });
        entry::discard(&self.common, &facts.admin, workdir).map_err(Self::io(&facts.admin))?;
        let action = if workdir.is_some() {
            Action::RemovedWorktree
        } else {
            Action::RemovedEntry
        };
        self.record(facts.admin.clone(), found, action);
        Ok(())
    }

    /// Every entry of `<common>/worktrees`.
    pub(super) fn entries(&mut self) -> Result<(), RepairError> {
        let root = self.common.join("worktrees");
        let admins: Vec<PathBuf> = match std::fs::read_dir(&root) {
            Ok(items) => items
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(Self::io(&root)(e)),
        };
        for admin in admins {
            self.entry(&admin, false)?;
        }
        Ok(())
    }

    /// Repairs one entry; `settled` once it has been waited for.
    pub(super) fn entry(&mut self, admin: &Path, settled: bool) -> Result<(), RepairError> {
        let facts = self.facts(admin);
        let mine = facts.voyage.as_deref() == Some(self.voyage);
        let gone = facts.workdir.as_deref().is_none_or(|w| !w.exists());
        // An entry without `gitdir` may be one `git worktree add` is writing right now, unless
        // maestro's own lock says it is maestro's.
        let maybe_gits_add = facts.workdir.is_none()
            && !facts
                .locked
                .as_deref()
                .is_some_and(|r| r.starts_with(entry::MAESTRO_LOCK));
        let user_lock = facts
            .locked
            .as_deref()
            .is_some_and(|r| !entry::is_operation_lock(r));
        if !user_lock {
            if maybe_gits_add && !settled && self.young(admin) {
                self.defer_entry(admin);
                return Ok(());
            }
            if let Some(reason) = &facts.locked {
                if mine || gone || !facts.linked {
                    let reason = reason.clone();
                    return self.discard(&facts, Found::InterruptedOperation { reason });
                }
                // Otherwise another voyage's: its own run repairs it.
            } else if gone {
                return self.discard(&facts, Found::MissingWorktree);
            } else if !facts.linked {
                // git itself prunes an entry whose worktree has no `.git`; one whose `.git`
                // points elsewhere is stale too, but only the voyage's own are taken.
                let has_dot_git = facts
                    .workdir
                    .as_deref()
                    .is_some_and(|w| w.join(".git").exists());
                if mine || !has_dot_git {
                    return self.discard(&facts, Found::UnlinkedEntry);
                }
            }
        }
        // Kept. git cannot run at all with an empty `commondir`; its content is always this.
        let commondir = admin.join("commondir");
        if entry::read_trimmed(&commondir).is_none() {
            entry::write_atomically(&commondir, "../..\n").map_err(Self::io(&commondir))?;
            self.record(
                commondir,
                Found::IncompleteEntry { file: "commondir" },
                Action::Rewrote,
            );
        }
        if !mine || !facts.linked || facts.locked.is_some() {
            return Ok(());
        }
        let workdir = facts.workdir.clone().expect("linked");
        let head = admin.join("HEAD");
        if entry::read_trimmed(&head).is_none() {
            // The order's branch is what its `HEAD` named; without it the worktree goes.
            let branch = workdir
                .file_name()
                .and_then(|o| o.to_str())
                .map(|order| crew_branch(self.voyage, order))
                .filter(|b| self.repo.branch_commit(b).ok().flatten().is_some());
            let Some(branch) = branch else {
                return self.discard(&facts, Found::IncompleteEntry { file: "HEAD" });
            };
            entry::write_atomically(&head, &format!("ref: refs/heads/{branch}\n"))
                .map_err(Self::io(&head))?;
            self.record(
                head,
                Found::IncompleteEntry { file: "HEAD" },
                Action::Rewrote,
            );
        }
        // Files a killed operation left inside the live entry of the voyage.
        for name in ["index.lock", "HEAD.lock", "logs/HEAD.lock"] {
            let path = admin.join(name);
            if path.exists() {
                self.defer_lock(path);
            }
        }
        for dir in [admin, workdir.as_path()] {
            for item in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                if item
                    .file_name()
                    .to_string_lossy()
                    .ends_with(entry::TEMP_SUFFIX)
                {
                    let path = item.path();
                    entry::ignore_missing(std::fs::remove_file(&path)).map_err(Self::io(&path))?;
                    self.record(path, Found::Leftover, Action::RemovedFile);
                }
            }
        }
        Ok(())
    }
}
