//! Repairing what a killed process left of a voyage's worktrees, so that git works and the next
//! worktree of every order can be added.
//!
//! # How a half-state is known to be stale
//!
//! Every maestro operation on worktrees, branches and worktree indexes holds maestro's registry
//! lock shared; the repair holds it exclusively, so while it runs no maestro operation is under
//! way in any process. Its caller also holds the voyage's run lock (the dispatcher's, or
//! `maestro worktree prune`'s), so no crew of the voyage works in a worktree that is being
//! added, recycled or removed. Hence:
//!
//! - an entry locked by maestro (`maestro: …`) belongs to a dead operation, and its worktree was
//!   never a crew's in that state: it is removed with its directory;
//! - an entry locked `initializing` (gix's and git's own `worktree add`, and maestro's before
//!   this version) is the same, unless its directory exists and is another voyage's, or it has
//!   no `gitdir` yet and is younger than [`RepairOptions::grace`] (a `git worktree add` by the
//!   user may be writing it right now);
//! - a lock file (`*.lock`) in the voyage's references (`refs/heads/maestro/<voyage>`,
//!   `refs/heads/maestro-crew/<voyage>/…` and their reflogs), in its worktrees' entries, or
//!   `packed-refs.lock`, cannot be held by maestro; only a git command the user runs at the same
//!   moment could hold one, and git holds these for milliseconds. So a lock file is removed when
//!   it is still there, unchanged, once it is [`RepairOptions::grace`] old (the repair waits
//!   for that when it finds a younger one).
//!
//! Entries of other voyages are left alone unless their worktree directory is gone altogether
//! (or never got a `gitdir`): their crews may be working. Two repairs make git work again
//! whoever owns the entry, because they change nothing a crew could use: an empty or missing
//! `commondir` (git cannot run at all with an empty one) is written as git writes it, and a
//! worktree directory that does not point back to its entry is not a worktree.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::{Access, entry, same_path};
use crate::Repo;
use crate::branch::{crew_branch, voyage_branch, voyage_branch_of};

/// How [`Repo::repair_worktrees`] repairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairOptions {
    /// How old a lock file, or an entry without a `gitdir`, must be before it is taken for the
    /// remains of a dead process; younger ones are waited for. Default: one second, far longer
    /// than git or gix hold a reference or index lock.
    pub grace: Duration,
    /// The voyage branch: crew branches of the voyage that no worktree has checked out and
    /// whose work this branch holds (merged, or never started) are deleted. Default: `None`,
    /// branches are left alone.
    pub merged_into: Option<String>,
}

impl Default for RepairOptions {
    fn default() -> Self {
        RepairOptions {
            grace: Duration::from_secs(1),
            merged_into: None,
        }
    }
}

/// What was repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Subject {
    /// A directory or file.
    Path(PathBuf),
    /// A branch (short name).
    Branch(String),
}

impl std::fmt::Display for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Subject::Path(path) => write!(f, "{}", path.display()),
            Subject::Branch(name) => write!(f, "branch {name}"),
        }
    }
}

/// What [`Repo::repair_worktrees`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Found {
    /// An entry locked by an add, recycle or removal that is not running any more.
    InterruptedOperation {
        /// The lock reason, e.g. `maestro: adding …` or `initializing`.
        reason: String,
    },
    /// An entry whose worktree directory is gone, or that never got a `gitdir`.
    MissingWorktree,
    /// An entry whose worktree directory exists but does not point back to it.
    UnlinkedEntry,
    /// A live entry with a file missing or empty.
    IncompleteEntry {
        /// The file: `commondir` or `HEAD`.
        file: &'static str,
    },
    /// A directory of the voyage's worktrees whose `.git` file is missing or empty: an add
    /// that was killed.
    HalfCreatedDirectory,
    /// A directory of the voyage's worktrees whose `.git` names no entry, or one that does not
    /// name it back.
    UnregisteredDirectory,
    /// A lock file nobody holds.
    StaleLock,
    /// A temporary file or a directory set aside by a removal that was killed.
    Leftover,
    /// A crew branch no worktree has checked out, holding nothing the voyage branch lacks (its
    /// change was merged, or it never moved from where its worktree was added).
    MergedBranch,
}

impl std::fmt::Display for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Found::InterruptedOperation { reason } => {
                write!(f, "an interrupted operation (locked: {reason})")
            }
            Found::MissingWorktree => f.write_str("an entry whose worktree is gone"),
            Found::UnlinkedEntry => {
                f.write_str("an entry whose worktree does not point back to it")
            }
            Found::IncompleteEntry { file } => {
                write!(f, "an entry with an empty or missing {file}")
            }
            Found::HalfCreatedDirectory => {
                f.write_str("a half-created worktree (its .git is missing or empty)")
            }
            Found::UnregisteredDirectory => f.write_str("a worktree directory git does not know"),
            Found::StaleLock => f.write_str("a stale lock file"),
            Found::Leftover => f.write_str("the leftover of an interrupted operation"),
            Found::MergedBranch => f.write_str(
                "a crew branch without a worktree, holding nothing the voyage branch lacks",
            ),
        }
    }
}

/// What [`Repo::repair_worktrees`] did about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Action {
    /// Removed the entry and its worktree directory.
    RemovedWorktree,
    /// Removed the entry only (its directory was gone, or is not its).
    RemovedEntry,
    /// Removed a directory.
    RemovedDirectory,
    /// Removed a file.
    RemovedFile,
    /// Wrote the file as git writes it.
    Rewrote,
    /// Deleted the branch.
    DeletedBranch,
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Action::RemovedWorktree => "removed the worktree and its entry",
            Action::RemovedEntry => "removed the entry",
            Action::RemovedDirectory => "removed the directory",
            Action::RemovedFile => "removed the file",
            Action::Rewrote => "rewrote it",
            Action::DeletedBranch => "deleted the branch",
        })
    }
}

/// One repair.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Repair {
    /// What was repaired.
    pub subject: Subject,
    /// What was wrong with it.
    pub found: Found,
    /// What was done.
    pub action: Action,
}

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

/// Something to remove once it is old enough (and unchanged).
struct Deferred {
    path: PathBuf,
    /// Modification time and length when first seen.
    seen: Option<(SystemTime, u64)>,
    kind: DeferredKind,
}

enum DeferredKind {
    /// A lock file.
    Lock,
    /// An entry without `gitdir`.
    Entry,
}

fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// The newest modification time of `dir` and the files in it.
fn newest(dir: &Path) -> Option<SystemTime> {
    let mut newest = std::fs::symlink_metadata(dir).ok()?.modified().ok()?;
    for file in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if let Ok(modified) = file.metadata().and_then(|m| m.modified()) {
            newest = newest.max(modified);
        }
    }
    Some(newest)
}

fn age(time: SystemTime) -> Duration {
    time.elapsed().unwrap_or_default()
}

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

struct Run<'a> {
    repo: &'a Repo,
    common: PathBuf,
    /// The repaired worktrees directory, resolved.
    dir: PathBuf,
    voyage: &'a str,
    options: &'a RepairOptions,
    repairs: Vec<Repair>,
    deferred: Vec<Deferred>,
}

impl Run<'_> {
    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> RepairError + '_ {
        move |source| RepairError::Io {
            path: path.to_owned(),
            source,
        }
    }

    fn record(&mut self, subject: PathBuf, found: Found, action: Action) {
        self.repairs.push(Repair {
            subject: Subject::Path(subject),
            found,
            action,
        });
    }

    /// The voyage whose worktree `workdir` is: `<dir>/<voyage>/<order>`.
    fn voyage_of(&self, workdir: &Path) -> Option<String> {
        let voyage_dir = workdir.parent()?;
        let dir = voyage_dir.parent()?;
        same_path(dir, &self.dir).then(|| voyage_dir.file_name()?.to_str().map(str::to_owned))?
    }

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

    /// Leftovers of removals: set-aside entries, and set-aside directories of the voyage.
    fn trash(&mut self) -> Result<(), RepairError> {
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

    /// Every entry of `<common>/worktrees`.
    fn entries(&mut self) -> Result<(), RepairError> {
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
    fn entry(&mut self, admin: &Path, settled: bool) -> Result<(), RepairError> {
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

    fn young(&self, admin: &Path) -> bool {
        newest(admin).is_some_and(|t| age(t) < self.options.grace)
    }

    fn defer_entry(&mut self, admin: &Path) {
        self.deferred.push(Deferred {
            path: admin.to_owned(),
            seen: None,
            kind: DeferredKind::Entry,
        });
    }

    fn defer_lock(&mut self, path: PathBuf) {
        let seen = stamp(&path);
        self.deferred.push(Deferred {
            path,
            seen,
            kind: DeferredKind::Lock,
        });
    }

    /// Lock files in the voyage's references and reflogs, and `packed-refs.lock`.
    fn reference_locks(&mut self) {
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
    fn settle(&mut self) -> Result<(), RepairError> {
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

    /// Directories of the voyage's worktrees that are not a registered worktree.
    fn directories(&mut self) -> Result<(), RepairError> {
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

impl Repo {
    /// Deletes the crew branches of `voyage` that no worktree has checked out and whose work
    /// branch `merged_into` holds.
    fn delete_merged_crew_branches(
        &self,
        voyage: &str,
        merged_into: &str,
    ) -> Result<Vec<Repair>, RepairError> {
        let error = |source| RepairError::Branch {
            voyage: voyage.to_owned(),
            source,
        };
        let checked_out: Vec<String> = self
            .repo
            .worktrees()
            .map_err(error)?
            .into_iter()
            .filter_map(|proxy| {
                let head = entry::read_trimmed(&proxy.git_dir().join("HEAD"))?;
                head.strip_prefix("ref: refs/heads/").map(str::to_owned)
            })
            .collect();
        let mut repairs = Vec::new();
        for (branch, tip) in self
            .branches_with_prefix(&crew_branch(voyage, ""))
            .map_err(|e| error(gix::Error::from_error(e)))?
        {
            if checked_out.contains(&branch) {
                continue;
            }
            let held = self
                .voyage_holds_change(merged_into, tip)
                .map_err(|e| error(gix::Error::from_error(e)))?;
            if held {
                self.delete_branch(&branch, tip)
                    .map_err(|e| error(gix::Error::from_error(e)))?;
                repairs.push(Repair {
                    subject: Subject::Branch(branch),
                    found: Found::MergedBranch,
                    action: Action::DeletedBranch,
                });
            }
        }
        Ok(repairs)
    }
}

impl Repo {
    /// Repairs what killed processes left of the worktrees of `voyage` under `dir` (the
    /// directory [`Repo::add_worktree`] was given), and of any worktree whose directory is
    /// gone altogether, and returns what it found and did, for the caller to record. See the
    /// `worktree::repair` module for how a half-state is known to be stale.
    ///
    /// The caller must hold the voyage's run lock, so that no crew of the voyage works in its
    /// worktrees meanwhile; worktrees of other voyages are never touched unless their directory
    /// is gone (their crews may be working). Afterwards `git worktree list`, `git fsck` and
    /// `git gc` succeed as far as the voyage's worktrees go, and every order of the voyage can
    /// have its worktree added again.
    ///
    /// Waits for maestro's registry lock: until every maestro operation under way in any
    /// process has finished. May wait up to [`RepairOptions::grace`] more for lock files.
    pub fn repair_worktrees(
        &self,
        dir: &Path,
        voyage: &str,
        options: &RepairOptions,
    ) -> Result<Vec<Repair>, RepairError> {
        if super::check_component(voyage).is_err() {
            return Err(RepairError::InvalidName {
                name: voyage.to_owned(),
            });
        }
        // Crew branches are deleted under the shared lock (as every branch change is), so
        // after the exclusive part.
        let mut repairs = {
            let _registry = self
                .lock_registry(Access::Exclusive)
                .map_err(|(path, source)| RepairError::Lock { path, source })?;
            let mut run = Run {
                repo: self,
                common: gix::path::realpath(self.common_dir())
                    .unwrap_or_else(|_| self.common_dir().to_owned()),
                dir: gix::path::realpath(dir).unwrap_or_else(|_| dir.to_owned()),
                voyage,
                options,
                repairs: Vec::new(),
                deferred: Vec::new(),
            };
            run.trash()?;
            run.entries()?;
            run.reference_locks();
            run.settle()?;
            run.directories()?;
            run.repairs
        };
        if let Some(merged_into) = &options.merged_into {
            repairs.extend(self.delete_merged_crew_branches(voyage, merged_into)?);
        }
        Ok(repairs)
    }
}
