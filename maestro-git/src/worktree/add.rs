//! Adding a crew's worktree, as `git worktree add -b <branch> <path> <base>` would, in an order
//! that a crash at any instant cannot turn into something git chokes on.
//!
//! 1. The branch is created (a reference update: there or not).
//! 2. The directory is created, then the entry `<common dir>/worktrees/<id>` is reserved by
//!    creating it and at once locked with `maestro: adding <path>` (written through a rename,
//!    as every file below is: never seen empty).
//! 3. `commondir`, `HEAD` and, last, `gitdir` are written into the entry, then the worktree's
//!    `.git` file. Until `gitdir` exists git skips the entry; once it does, the entry is whole.
//! 4. The `HEAD` reflog is started, the files are checked out and the index is written (through
//!    its lock file).
//! 5. The entry is unlocked: only now is the worktree ready for a crew.
//!
//! A crash before step 5 leaves a locked entry (or, within the microseconds between creating it
//! and locking it, an empty one) and a directory with at most part of the files:
//! [`Repo::repair_worktrees`](crate::Repo::repair_worktrees) removes both. The branch stays; it
//! still points at the base.

use std::path::{Path, PathBuf};

use gix::bstr::ByteSlice;
use gix::refs::Target;
use gix::refs::transaction::{LogChange, PreviousValue, RefEdit, RefLog};

use super::Worktree;
use super::checkout::write_files;
use super::entry;
use crate::Repo;
use crate::branch::{BranchError, crew_branch};
use crate::registry::Access;

/// Adding a worktree failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AddError {
    /// A voyage or order name cannot be used as a directory name.
    #[error(
        "`{name}` cannot name a worktree directory (empty, `.`, `..` or containing a path separator)"
    )]
    InvalidName {
        /// The name.
        name: String,
    },
    /// The destination exists and is not an empty directory.
    #[error("cannot add a worktree at {}: the path exists and is not an empty directory", path.display())]
    DestinationExists {
        /// The destination.
        path: PathBuf,
    },
    /// The branch could not be created (it may exist already).
    #[error("cannot create the branch of the worktree at {}", path.display())]
    Branch {
        /// The destination.
        path: PathBuf,
        /// The cause.
        #[source]
        source: BranchError,
    },
    /// The worktree could not be created or checked out.
    #[error("cannot add a worktree at {}", path.display())]
    Add {
        /// The destination.
        path: PathBuf,
        /// The cause.
        #[source]
        source: gix::Error,
    },
    /// The parent directory could not be created.
    #[error("cannot create the directory {}", path.display())]
    Io {
        /// The directory.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

pub(crate) fn check_component(name: &str) -> Result<(), AddError> {
    let bad = name.is_empty()
        || name == "."
        || name == ".."
        || name.contains(['/', '\\'])
        || Path::new(name).components().count() != 1;
    if bad {
        return Err(AddError::InvalidName {
            name: name.to_owned(),
        });
    }
    Ok(())
}

/// A worktree may go to `path` only if nothing, or an empty directory, is there.
pub(crate) fn ensure_free(path: &Path) -> Result<(), AddError> {
    let occupied = match std::fs::read_dir(path) {
        Ok(mut entries) => entries.next().is_some(),
        Err(e) => e.kind() != std::io::ErrorKind::NotFound,
    };
    if occupied {
        return Err(AddError::DestinationExists {
            path: path.to_owned(),
        });
    }
    Ok(())
}

impl Repo {
    /// Adds a worktree for `order` of `voyage` at `<dir>/<voyage>/<order>`, on a new branch
    /// [`crew_branch`]`(voyage, order)` starting at `base`.
    ///
    /// Fails without side effects if the branch exists already or the destination is not
    /// absent or empty; if checkout fails, the entry, the files and the new branch are removed
    /// again. See the `worktree::add` module for what a crash leaves.
    pub fn add_worktree(
        &self,
        dir: &Path,
        voyage: &str,
        order: &str,
        base: gix::ObjectId,
    ) -> Result<Worktree, AddError> {
        check_component(voyage)?;
        check_component(order)?;
        let path = dir.join(voyage).join(order);
        let _registry = self
            .lock_registry(Access::Shared)
            .map_err(|(path, source)| AddError::Io { path, source })?;
        ensure_free(&path)?;
        let branch = self.create_order_branch(&path, voyage, order, base)?;
        match self.register_worktree(&path, &branch, base) {
            Ok(id) => Ok(Worktree {
                id,
                path,
                branch,
                head: base,
            }),
            Err(error) => {
                // Best effort: the branch was created above for this worktree only.
                let _ = self.delete_branch(&branch, base);
                Err(error)
            }
        }
    }

    /// Creates the order's branch at `base` for the worktree at `path`; fails if it exists.
    pub(super) fn create_order_branch(
        &self,
        path: &Path,
        voyage: &str,
        order: &str,
        base: gix::ObjectId,
    ) -> Result<String, AddError> {
        let branch = crew_branch(voyage, order);
        self.create_branch(
            &branch,
            base,
            &format!("maestro: branch for order {order} of voyage {voyage}"),
        )
        .map_err(|source| AddError::Branch {
            path: path.to_owned(),
            source,
        })?;
        Ok(branch)
    }

    /// Makes the directory `path` (absent or empty) a worktree on `branch` at `base`; returns
    /// its entry's id. On failure nothing of it is left but an empty directory that was there.
    fn register_worktree(
        &self,
        path: &Path,
        branch: &str,
        base: gix::ObjectId,
    ) -> Result<String, AddError> {
        let io = |at: &Path| {
            let at = at.to_owned();
            move |source| AddError::Io { path: at, source }
        };
        let parent = path.parent().expect("joined with two components");
        std::fs::create_dir_all(parent).map_err(io(parent))?;
        let created = match std::fs::create_dir(path) {
            Ok(()) => true,
            // Empty: `ensure_free` checked it.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => false,
            Err(e) => return Err(io(path)(e)),
        };
        let common = gix::path::realpath(self.common_dir())
            .map_err(|e| io(self.common_dir())(std::io::Error::other(e)))?;
        let workdir = gix::path::realpath(path).map_err(|e| io(path)(std::io::Error::other(e)))?;
        let admin = reserve_entry(&common, &workdir).map_err(io(&common.join("worktrees")))?;
        let id = entry::admin_id(&admin);
        match fill_worktree(&admin, &workdir, branch, base) {
            Ok(()) => Ok(id),
            Err(error) => {
                // Best effort, like gix's rollback: what this call made goes.
                let _ = entry::discard(&common, &admin, Some(&workdir));
                if !created {
                    let _ = std::fs::create_dir(path);
                }
                Err(error)
            }
        }
    }
}

/// Steps 3 to 5 of the [module](self) for the reserved, locked entry `admin`.
fn fill_worktree(
    admin: &Path,
    workdir: &Path,
    branch: &str,
    base: gix::ObjectId,
) -> Result<(), AddError> {
    let add_error = |source| AddError::Add {
        path: workdir.to_owned(),
        source,
    };
    let io = |source| add_error(gix::Error::from_error(source));
    let full =
        crate::branch::full_name(branch).map_err(|e| add_error(gix::Error::from_error(e)))?;
    entry::write_atomically(&admin.join("commondir"), "../..\n").map_err(io)?;
    entry::write_atomically(
        &admin.join("HEAD"),
        &format!("ref: {}\n", full.as_bstr().to_str_lossy()),
    )
    .map_err(io)?;
    entry::write_atomically(
        &admin.join("gitdir"),
        &format!("{}\n", workdir.join(".git").display()),
    )
    .map_err(io)?;
    entry::write_atomically(
        &workdir.join(".git"),
        &format!("gitdir: {}\n", admin.display()),
    )
    .map_err(io)?;

    let repo = gix::open(workdir).map_err(|e| add_error(gix::Error::from_error(e)))?;
    let repo = crate::repository::with_fallback_identity(repo).map_err(add_error)?;
    // The HEAD reflog starts at the base, as `git worktree add` starts it.
    repo.edit_reference(RefEdit::update_with_log(
        "HEAD".try_into().expect("HEAD is a valid reference name"),
        Target::Object(base),
        PreviousValue::Any,
        LogChange {
            mode: RefLog::Only,
            force_create_reflog: false,
            message: format!("maestro: worktree on {branch}").into(),
        },
    ))
    .map_err(add_error)?;
    checkout(&repo, workdir, base).map_err(add_error)?;
    entry::unlock(admin).map_err(io)
}

/// Creates `<common>/worktrees/<name>` (with a number appended while that is taken), named
/// after the worktree's directory as git names it, and locks it at once as maestro's add.
fn reserve_entry(common: &Path, workdir: &Path) -> std::io::Result<PathBuf> {
    let root = common.join("worktrees");
    std::fs::create_dir_all(&root)?;
    let base = workdir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = gix::validate::reference::name_partial_or_sanitize(base.as_bytes().as_bstr())
        .to_str_lossy()
        .into_owned();
    let mut suffix = 0u64;
    let admin = loop {
        let name = if suffix == 0 {
            base.clone()
        } else {
            format!("{base}{suffix}")
        };
        let candidate = root.join(name);
        match std::fs::create_dir(&candidate) {
            Ok(()) => break candidate,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => suffix += 1,
            // A removal of the last other entry took `worktrees/` away meanwhile.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir_all(&root)?,
            Err(e) => return Err(e),
        }
    };
    entry::lock(&admin, &format!("adding {}", workdir.display()))?;
    Ok(admin)
}

/// Checks out the tree of `base` into the empty `workdir` and writes the index with the stat
/// data of the files written, so `git status` is clean at once.
fn checkout(repo: &gix::Repository, workdir: &Path, base: gix::ObjectId) -> Result<(), gix::Error> {
    let tree = repo.find_commit(base)?.tree_id()?.detach();
    let mut index = repo.index_from_tree(&tree)?;
    let mut options =
        repo.checkout_options(gix::worktree::stack::state::attributes::Source::IdMapping)?;
    options.destination_is_initially_empty = true;
    write_files(repo, &mut index, workdir, options)?;
    index.write(gix::index::write::Options::default())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{AddError, check_component};
    use crate::test_git::git;

    #[test]
    fn only_plain_names_become_worktree_directories() {
        for good in ["v1", "order-2", "a.b"] {
            assert!(check_component(good).is_ok(), "{good}");
        }
        for bad in ["", ".", "..", "a/b", "a\\b", "/abs"] {
            assert!(
                matches!(check_component(bad), Err(AddError::InvalidName { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_failed_checkout_leaves_nothing_behind() {
        let dir = tempfile::tempdir().expect("tempdir");
        git(dir.path(), &["init", "-q", "-b", "main"]);
        std::fs::write(dir.path().join("a.txt"), "a\n").expect("write");
        git(dir.path(), &["add", "a.txt"]);
        git(dir.path(), &["commit", "-q", "-m", "first"]);
        let repo = crate::Repo::discover(dir.path()).expect("repo");
        let head = repo.resolve_commit("HEAD").expect("HEAD");
        // The blob of a.txt is gone: checkout cannot write it.
        let blob = git(dir.path(), &["rev-parse", "HEAD:a.txt"]);
        let object = dir
            .path()
            .join(".git/objects")
            .join(&blob[..2])
            .join(&blob[2..]);
        std::fs::remove_file(object).expect("rm blob");
        let wts = dir.path().join("wts");
        repo.add_worktree(&wts, "v", "o", head)
            .expect_err("cannot check out");
        assert!(!wts.join("v/o").exists());
        assert!(
            std::fs::read_dir(dir.path().join(".git/worktrees"))
                .map_or(true, |mut d| d.next().is_none())
        );
        assert_eq!(git(dir.path(), &["branch", "--list", "maestro-crew/*"]), "");
        assert_eq!(
            git(dir.path(), &["worktree", "list", "--porcelain"])
                .matches("worktree ")
                .count(),
            1
        );
    }
}
