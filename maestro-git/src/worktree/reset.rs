//! Resetting a worktree's files and index to a commit, writing only what differs.

use std::collections::HashSet;
use std::path::Path;

use gix::bstr::{BStr, BString, ByteSlice};
use gix::index::entry::{Flags, Stage, Stat};

use super::checkout::write_files;

/// Makes the files and index of the worktree at `workdir` those of commit `base`, writing only
/// what differs from the current index or was changed on disk.
pub(super) fn reset_files(
    repo: &gix::Repository,
    workdir: &Path,
    base: gix::ObjectId,
) -> Result<(), gix::Error> {
    use gix::status::index_worktree::Item;

    let tree = repo.find_commit(base)?.tree_id()?.detach();
    let old = repo.index_or_empty()?;
    let mut changed: HashSet<BString> = HashSet::new();
    let mut strays: Vec<(BString, bool)> = Vec::new();
    let iter = repo
        .status(gix::progress::Discard)?
        .untracked_files(gix::status::UntrackedFiles::Collapsed)
        .index_worktree_rewrites(None)
        .dirwalk_options(|options| {
            options
                .emit_ignored(Some(gix::dir::walk::EmissionMode::CollapseDirectory))
                .emit_empty_directories(true)
                .recurse_repositories(false)
        })
        .index(gix::worktree::IndexPersistedOrInMemory::Persisted(
            old.clone(),
        ))
        .into_index_worktree_iter(Vec::new())?;
    for item in iter {
        match item? {
            // Content, mode or existence changed, or only its stat: either way the file is
            // written again, so its stat in the new index is exact.
            Item::Modification { rela_path, .. } => {
                changed.insert(rela_path);
            }
            Item::DirectoryContents { entry, .. } => {
                use gix::dir::entry::{Kind, Status};
                if matches!(entry.status, Status::Untracked | Status::Ignored(_)) {
                    let is_dir =
                        matches!(entry.disk_kind, Some(Kind::Directory | Kind::Repository));
                    strays.push((entry.rela_path, is_dir));
                }
            }
            Item::Rewrite { .. } => {}
        }
    }
    for (path, is_dir) in &strays {
        let full = workdir.join(gix::path::from_bstr(path.as_bstr())?);
        let removed = if *is_dir {
            std::fs::remove_dir_all(&full)
        } else {
            std::fs::remove_file(&full)
        };
        ignore_missing(removed)?;
    }

    let mut index = repo.index_from_tree(&tree)?;
    // Entries whose file is already right keep their stat and are skipped by the checkout.
    let keep: Vec<Option<Stat>> = index
        .entries()
        .iter()
        .map(|entry| {
            let path = entry.path(&index);
            let unchanged = old
                .entry_by_path_and_stage(path, Stage::Unconflicted)
                .filter(|o| {
                    o.id == entry.id
                        && o.mode == entry.mode
                        && !o
                            .flags
                            .intersects(Flags::INTENT_TO_ADD | Flags::SKIP_WORKTREE)
                        && !changed.contains(path)
                });
            unchanged.map(|o| o.stat)
        })
        .collect();
    let mut gone: Vec<&BStr> = Vec::new();
    for entry in old.entries() {
        let path = entry.path(&old);
        if index.entry_by_path(path).is_none() {
            gone.push(path);
        }
    }
    for path in &gone {
        let full = workdir.join(gix::path::from_bstr(*path)?);
        ignore_missing(std::fs::remove_file(&full))?;
        prune_empty_parents(workdir, &full);
    }
    for (entry, kept) in index.entries().iter().zip(&keep) {
        if kept.is_none() {
            // A directory (or anything) in the way of a file to be written goes first.
            let full = workdir.join(gix::path::from_bstr(entry.path(&index))?);
            if full
                .symlink_metadata()
                .is_ok_and(|m| m.file_type().is_dir())
            {
                std::fs::remove_dir_all(&full).map_err(gix::Error::from_error)?;
            }
        }
    }
    for (entry, kept) in index.entries_mut().iter_mut().zip(&keep) {
        if let Some(stat) = kept {
            entry.stat = *stat;
            entry.flags.insert(Flags::SKIP_WORKTREE);
        }
    }

    let mut options =
        repo.checkout_options(gix::worktree::stack::state::attributes::Source::IdMapping)?;
    options.destination_is_initially_empty = false;
    options.overwrite_existing = true;
    write_files(repo, &mut index, workdir, options)?;
    for entry in index.entries_mut() {
        entry.flags.remove(Flags::SKIP_WORKTREE);
    }
    index.write(gix::index::write::Options::default())?;
    Ok(())
}

pub(super) fn ignore_missing(result: std::io::Result<()>) -> Result<(), gix::Error> {
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(gix::Error::from_error(e)),
        _ => Ok(()),
    }
}

/// Removes the empty directories left above a deleted file, up to (not including) `root`.
fn prune_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(current) = dir {
        if current == root || !current.starts_with(root) || std::fs::remove_dir(current).is_err() {
            break;
        }
        dir = current.parent();
    }
}
