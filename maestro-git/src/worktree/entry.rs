//! A linked worktree's administrative entry (`<common dir>/worktrees/<id>`) and the worktree's
//! `.git` file: reading the links between them, writing files so that no reader (and no crash)
//! ever sees half of one, maestro's `locked` markers, and removal through a rename.
//!
//! # What a crash can leave, and how it is told apart
//!
//! Every file maestro writes into an entry or a worktree's `.git` is written to a temporary
//! file and renamed into place ([`write_atomically`]), so each is absent or complete, never
//! empty: git never finds an empty `commondir` (which makes every git command fail) or an empty
//! `HEAD` (which makes `git fsck` fail).
//!
//! For as long as a multi-step operation (add, recycle, remove) works on an entry, the entry is
//! locked with a reason starting with [`MAESTRO_LOCK`], so `git worktree prune` leaves it alone.
//! Each of those operations also holds maestro's registry lock (see
//! [`Repo::lock_registry`](crate::Repo)), shared. Whoever holds the registry lock exclusively
//! therefore knows that an entry locked by maestro, or by gix's or git's own add
//! (`initializing`), belongs to an operation that was killed: the worktree was never handed to a
//! crew in that state, and holds nothing that is not in a branch or merged.
//!
//! Removal renames the worktree's directory and then the entry out of the way before deleting
//! them, so git sees either the whole worktree or none of it; a crash during the deletion leaves
//! only directories named [`TRASH`]`…`, which nothing uses.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use gix::bstr::ByteSlice;

/// The start of every `locked` reason maestro writes while it works on an entry.
pub(crate) const MAESTRO_LOCK: &str = "maestro:";

/// The reason git and gix write into `locked` while `git worktree add` runs.
pub(crate) const INITIALIZING: &str = "initializing";

/// The start of the name of a directory that is being deleted: a removed worktree next to
/// where it was, or a removed entry in `<common dir>/maestro-trash/`.
pub(crate) const TRASH: &str = ".maestro-trash-";

/// The suffix of temporary files written by [`write_atomically`].
pub(crate) const TEMP_SUFFIX: &str = ".maestro-tmp";

/// The directory of `<common dir>` where removed entries wait to be deleted (outside
/// `worktrees/`, which git reads).
pub(crate) fn trash_dir(common_dir: &Path) -> PathBuf {
    common_dir.join("maestro-trash")
}

/// A worktree's id: the name of its administrative directory.
pub(crate) fn admin_id(admin: &Path) -> String {
    admin
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Whether `a` and `b` name the same file, once both are resolved (as given when either cannot be).
pub(crate) fn same_path(a: &Path, b: &Path) -> bool {
    match (gix::path::realpath(a), gix::path::realpath(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The content of `path` without surrounding whitespace; `None` if it is missing, unreadable,
/// not UTF-8 or empty.
pub(crate) fn read_trimmed(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The worktree's `.git` file an entry points to (its `gitdir` file holds that path, absolute
/// or relative to the entry); `None` if `gitdir` is missing or empty.
pub(crate) fn registered_dot_git(admin: &Path) -> Option<PathBuf> {
    let text = std::fs::read(admin.join("gitdir")).ok()?;
    let line = text.lines().next()?.trim();
    if line.is_empty() {
        return None;
    }
    let path = gix::path::from_bstr(line.as_bstr()).ok()?.into_owned();
    Some(if path.is_absolute() {
        path
    } else {
        admin.join(path)
    })
}

/// The entry a worktree's `.git` file points to (`gitdir: <path>`, absolute or relative to the
/// worktree); `None` if `.git` is missing, empty, a directory or not such a link.
pub(crate) fn linked_entry(workdir: &Path) -> Option<PathBuf> {
    let dot_git = workdir.join(".git");
    if !dot_git.symlink_metadata().ok()?.is_file() {
        return None;
    }
    let text = read_trimmed(&dot_git)?;
    let target = text.strip_prefix("gitdir:")?.trim();
    if target.is_empty() {
        return None;
    }
    let target = Path::new(target);
    Some(if target.is_absolute() {
        target.to_owned()
    } else {
        workdir.join(target)
    })
}

/// The lock reason of an entry (empty if locked without one), `None` when it is not locked.
pub(crate) fn lock_reason(admin: &Path) -> Option<String> {
    match std::fs::read(admin.join("locked")) {
        Ok(text) => Some(String::from_utf8_lossy(&text).trim().to_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        // Unreadable: treated as a lock whose reason is unknown.
        Err(_) => Some(String::new()),
    }
}

/// Whether a lock reason is one maestro's operations (or gix's and git's `worktree add`)
/// write while they run, as opposed to a lock the user set.
pub(crate) fn is_operation_lock(reason: &str) -> bool {
    reason.starts_with(MAESTRO_LOCK) || reason == INITIALIZING
}

/// Replaces `path` with `text` through a rename, so no reader (and no crash) sees part of it.
pub(crate) fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let mut temp = path.as_os_str().to_owned();
    temp.push(TEMP_SUFFIX);
    let temp = PathBuf::from(temp);
    std::fs::write(&temp, text)?;
    std::fs::rename(&temp, path)
}

/// Locks the entry at `admin` with maestro's `reason` (after [`MAESTRO_LOCK`]).
pub(crate) fn lock(admin: &Path, reason: &str) -> std::io::Result<()> {
    write_atomically(&admin.join("locked"), &format!("{MAESTRO_LOCK} {reason}\n"))
}

/// Unlocks the entry at `admin`.
pub(crate) fn unlock(admin: &Path) -> std::io::Result<()> {
    ignore_missing(std::fs::remove_file(admin.join("locked")))
}

pub(crate) fn ignore_missing(result: std::io::Result<()>) -> std::io::Result<()> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// A name no other process or thread picks: `<prefix><name>-<pid>-<counter>`.
fn unique_name(name: &std::ffi::OsStr) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    format!(
        "{TRASH}{}-{}-{}",
        name.to_string_lossy(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Renames the directory `path` next to itself under a [`TRASH`] name, so it vanishes from its
/// place in one step; `None` if there is nothing at `path`.
pub(crate) fn trash_beside(path: &Path) -> std::io::Result<Option<PathBuf>> {
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        return Ok(None);
    };
    let trash = parent.join(unique_name(name));
    match std::fs::rename(path, &trash) {
        Ok(()) => Ok(Some(trash)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Renames the entry `admin` into `<common dir>/maestro-trash/`, so git stops seeing it in one
/// step; `None` if it is gone already.
pub(crate) fn trash_entry(common_dir: &Path, admin: &Path) -> std::io::Result<Option<PathBuf>> {
    let Some(name) = admin.file_name() else {
        return Ok(None);
    };
    let dir = trash_dir(common_dir);
    std::fs::create_dir_all(&dir)?;
    let trash = dir.join(unique_name(name));
    match std::fs::rename(admin, &trash) {
        Ok(()) => Ok(Some(trash)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Deletes a directory moved aside by [`trash_beside`] or [`trash_entry`].
pub(crate) fn delete(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => ignore_missing(std::fs::remove_dir_all(path)),
        Ok(_) => ignore_missing(std::fs::remove_file(path)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Removes a worktree for good: its entry is locked (`removing`), the directory `workdir`
/// (when given and present) and then the entry are renamed aside, and both are deleted. A
/// crash leaves the worktree whole and locked, its directory gone and its entry locked, or
/// only trash — each of which [`Repo::repair_worktrees`](crate::Repo::repair_worktrees)
/// finishes.
pub(crate) fn discard(
    common_dir: &Path,
    admin: &Path,
    workdir: Option<&Path>,
) -> std::io::Result<()> {
    if admin.is_dir() {
        let what = workdir.map_or_else(|| admin.display().to_string(), |w| w.display().to_string());
        lock(admin, &format!("removing {what}"))?;
    }
    let mut trashed = Vec::new();
    if let Some(workdir) = workdir {
        trashed.extend(trash_beside(workdir)?);
    }
    trashed.extend(trash_entry(common_dir, admin)?);
    // Like git: the registry directory goes when its last entry does (best effort).
    if let Some(worktrees) = admin.parent() {
        let _ = std::fs::remove_dir(worktrees);
    }
    for path in trashed {
        delete(&path)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_read_absolute_or_relative_and_never_from_empty_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let admin = dir.path().join("admin");
        let work = dir.path().join("work");
        std::fs::create_dir_all(&admin).expect("mkdir");
        std::fs::create_dir_all(&work).expect("mkdir");
        assert_eq!(registered_dot_git(&admin), None);
        std::fs::write(admin.join("gitdir"), "").expect("write");
        assert_eq!(registered_dot_git(&admin), None);
        std::fs::write(admin.join("gitdir"), "../work/.git\n").expect("write");
        assert_eq!(registered_dot_git(&admin), Some(admin.join("../work/.git")));

        assert_eq!(linked_entry(&work), None);
        std::fs::write(work.join(".git"), "").expect("write");
        assert_eq!(linked_entry(&work), None);
        std::fs::write(work.join(".git"), "gitdir: \n").expect("write");
        assert_eq!(linked_entry(&work), None);
        std::fs::write(work.join(".git"), format!("gitdir: {}\n", admin.display())).expect("write");
        assert_eq!(linked_entry(&work), Some(admin.clone()));
    }

    #[test]
    fn operation_locks_are_told_from_the_users() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(lock_reason(dir.path()), None);
        lock(dir.path(), "adding /x").expect("locked");
        let reason = lock_reason(dir.path()).expect("locked");
        assert_eq!(reason, "maestro: adding /x");
        assert!(is_operation_lock(&reason));
        assert!(is_operation_lock(INITIALIZING));
        std::fs::write(dir.path().join("locked"), "").expect("write");
        assert!(!is_operation_lock(
            &lock_reason(dir.path()).expect("locked")
        ));
        std::fs::write(dir.path().join("locked"), "on a usb disk\n").expect("write");
        assert!(!is_operation_lock(
            &lock_reason(dir.path()).expect("locked")
        ));
        unlock(dir.path()).expect("unlocked");
        unlock(dir.path()).expect("twice is fine");
        assert_eq!(lock_reason(dir.path()), None);
    }

    #[test]
    fn atomic_writes_leave_no_temporary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("HEAD");
        write_atomically(&file, "ref: refs/heads/x\n").expect("written");
        write_atomically(&file, "ref: refs/heads/y\n").expect("replaced");
        assert_eq!(
            std::fs::read_to_string(&file).expect("read"),
            "ref: refs/heads/y\n"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["HEAD"]);
    }
}
