//! Committing everything in a worktree: `git add -A && git commit`, with gix.
//!
//! This writes every changed file's blob before anything could look at it; to commit a crew's
//! work only after scanning it, use [`Repo::collect_change`](crate::Repo::collect_change).

use std::path::{Path, PathBuf};

use gix::bstr::{BStr, BString, ByteSlice};
use gix::index::entry::{Flags, Mode, Stage, Stat};
use gix::refs::Target;
use gix::refs::transaction::PreviousValue;

use crate::Identity;
use crate::branch::ref_update;
use crate::tree::write_index_tree;

/// What [`commit_all`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CommitOutcome {
    /// A commit was written and the worktree's branch (or detached `HEAD`) moved to it.
    Committed {
        /// The new commit.
        commit: gix::ObjectId,
        /// Its parent, the previous `HEAD` (`None` for a first commit).
        parent: Option<gix::ObjectId>,
    },
    /// The worktree matches `HEAD`: nothing was written.
    NothingToCommit {
        /// The unchanged `HEAD` (`None` on an unborn branch).
        head: Option<gix::ObjectId>,
    },
}

/// Committing a worktree failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CommitError {
    /// The worktree has unresolved merge conflicts.
    #[error("cannot commit the worktree at {}: `{path}` has unresolved conflicts", worktree.display())]
    Conflicted {
        /// The worktree.
        worktree: PathBuf,
        /// The first conflicted path.
        path: String,
    },
    /// A file could not be read.
    #[error("cannot commit the worktree at {}: cannot read `{path}`", worktree.display())]
    Read {
        /// The worktree.
        worktree: PathBuf,
        /// The file, relative to the worktree.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// `HEAD` moved while the commit was being made (someone else committed).
    #[error("cannot commit the worktree at {}: HEAD moved from {expected} meanwhile", worktree.display())]
    HeadMoved {
        /// The worktree.
        worktree: PathBuf,
        /// The `HEAD` the commit was made on.
        expected: String,
        /// The cause.
        #[source]
        source: gix::Error,
    },
    /// Opening the worktree, computing its status or writing objects or the index failed.
    #[error("cannot commit the worktree at {}", worktree.display())]
    Git {
        /// The worktree.
        worktree: PathBuf,
        /// The cause.
        #[source]
        source: gix::Error,
    },
}

enum Update {
    Remove,
    Refresh,
}

/// Stages every change in the worktree at `worktree` (modified, deleted and new files,
/// executable-bit and symlink changes; ignored files stay out, as with `git add -A`), then
/// commits it on `HEAD` by `author` with `message`, and writes the index so `git status` is
/// clean afterwards. `HEAD` is moved with a compare-and-swap against the commit it was on.
pub fn commit_all(
    worktree: &Path,
    author: &Identity,
    message: &str,
) -> Result<CommitOutcome, CommitError> {
    let git = |source| CommitError::Git {
        worktree: worktree.to_owned(),
        source,
    };
    let repo = crate::repository::with_fallback_identity(gix::open(worktree).map_err(git)?)
        .map_err(git)?;
    let parent = repo.head().map_err(git)?.id().map(gix::Id::detach);
    let head_tree = match parent {
        Some(id) => repo
            .find_commit(id)
            .map_err(git)?
            .tree_id()
            .map_err(git)?
            .detach(),
        None => gix::ObjectId::empty_tree(repo.object_hash()),
    };
    let mut index = match repo.try_index().map_err(git)? {
        Some(index) => gix::index::File::clone(&index),
        None => repo.index_from_tree(&head_tree).map_err(git)?,
    };

    let updates = worktree_changes(&repo, worktree, &index)?;
    apply(&repo, worktree, &mut index, updates)?;

    let tree = write_index_tree(&repo, &index).map_err(git)?;
    if tree == head_tree && parent.is_some() {
        return Ok(CommitOutcome::NothingToCommit { head: parent });
    }
    if parent.is_none() && index.entries().is_empty() {
        return Ok(CommitOutcome::NothingToCommit { head: None });
    }
    let mut text = message.to_owned();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let id = write_commit(&repo, tree, parent.into_iter().collect(), author, text).map_err(git)?;
    let subject = message.lines().next().unwrap_or_default();
    let edit = ref_update(
        "HEAD".try_into().expect("HEAD is a valid reference name"),
        parent.map_or(PreviousValue::MustNotExist, |p| {
            PreviousValue::MustExistAndMatch(Target::Object(p))
        }),
        Target::Object(id),
        format!(
            "commit{}: {subject}",
            if parent.is_none() { " (initial)" } else { "" }
        ),
        true,
    );
    repo.edit_reference(edit)
        .map_err(|source| CommitError::HeadMoved {
            worktree: worktree.to_owned(),
            expected: parent.map_or_else(|| "an unborn branch".to_owned(), |p| p.to_string()),
            source,
        })?;
    // The cached tree extension describes the old tree; git would reuse it for its next commit.
    index.remove_tree();
    index
        .write(gix::index::write::Options::default())
        .map_err(git)?;
    Ok(CommitOutcome::Committed { commit: id, parent })
}

/// Writes a commit of `tree` on `parents` by `by` (author and committer, now) with `message`.
pub(crate) fn write_commit(
    repo: &gix::Repository,
    tree: gix::ObjectId,
    parents: Vec<gix::ObjectId>,
    by: &Identity,
    message: String,
) -> Result<gix::ObjectId, gix::Error> {
    let signature = by.signature_now();
    let commit = gix::objs::Commit {
        tree,
        parents: parents.into(),
        author: signature.clone(),
        committer: signature,
        encoding: None,
        message: message.into(),
        extra_headers: Vec::new(),
    };
    Ok(repo.write_object(&commit)?.detach())
}

/// The paths whose index entries must change to match the worktree.
fn worktree_changes(
    repo: &gix::Repository,
    worktree: &Path,
    index: &gix::index::File,
) -> Result<Vec<(BString, Update)>, CommitError> {
    use gix::status::index_worktree::Item;
    use gix::status::plumbing::index_as_worktree::{Change as WtChange, EntryStatus};

    let git = |source| CommitError::Git {
        worktree: worktree.to_owned(),
        source,
    };
    let iter = repo
        .status(gix::progress::Discard)
        .map_err(git)?
        .untracked_files(gix::status::UntrackedFiles::Files)
        .index_worktree_rewrites(None)
        .index(gix::worktree::IndexPersistedOrInMemory::InMemory(
            index.clone(),
        ))
        .into_index_worktree_iter(Vec::new())
        .map_err(git)?;
    let mut updates = Vec::new();
    for item in iter {
        match item.map_err(git)? {
            Item::Modification {
                rela_path, status, ..
            } => match status {
                EntryStatus::Conflict { .. } => {
                    return Err(CommitError::Conflicted {
                        worktree: worktree.to_owned(),
                        path: rela_path.to_str_lossy().into_owned(),
                    });
                }
                EntryStatus::Change(WtChange::Removed) => updates.push((rela_path, Update::Remove)),
                EntryStatus::Change(_) | EntryStatus::IntentToAdd => {
                    updates.push((rela_path, Update::Refresh));
                }
                EntryStatus::NeedsUpdate(_) => {}
            },
            Item::DirectoryContents { entry, .. } => {
                let trackable = matches!(
                    entry.disk_kind,
                    Some(gix::dir::entry::Kind::File | gix::dir::entry::Kind::Symlink)
                );
                if entry.status == gix::dir::entry::Status::Untracked && trackable {
                    updates.push((entry.rela_path, Update::Refresh));
                }
            }
            Item::Rewrite { .. } => {}
        }
    }
    Ok(updates)
}

/// Applies `updates` to `index`, writing the blobs of new and changed files.
fn apply(
    repo: &gix::Repository,
    worktree: &Path,
    index: &mut gix::index::File,
    updates: Vec<(BString, Update)>,
) -> Result<(), CommitError> {
    let git = |source| CommitError::Git {
        worktree: worktree.to_owned(),
        source,
    };
    let (mut pipeline, _) = repo.filter_pipeline(None).map_err(git)?;
    let mut removed: Vec<BString> = Vec::new();
    let mut added = Vec::new();
    for (path, update) in updates {
        if matches!(update, Update::Remove) {
            removed.push(path);
            continue;
        }
        let read = |source| CommitError::Read {
            worktree: worktree.to_owned(),
            path: path.to_str_lossy().into_owned(),
            source,
        };
        let fs_path = worktree.join(gix::path::from_bstr(path.as_bstr()).map_err(git)?);
        // Stat before reading: if the file changes in between, the next status sees it.
        let stat = match gix::index::fs::Metadata::from_path_no_follow(&fs_path) {
            Ok(metadata) => Stat::from_fs(&metadata).unwrap_or_default(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                removed.push(path);
                continue;
            }
            Err(e) => return Err(read(e)),
        };
        let Some((id, kind, _)) = pipeline
            .worktree_file_to_object(path.as_bstr(), index)
            .map_err(git)?
        else {
            removed.push(path);
            continue;
        };
        let mode = Mode::from(gix::objs::tree::EntryMode::from(kind));
        if let Some(entry) = index.entry_mut_by_path_and_stage(path.as_bstr(), Stage::Unconflicted)
        {
            entry.id = id;
            entry.mode = mode;
            entry.stat = stat;
            entry.flags.remove(Flags::INTENT_TO_ADD);
        } else {
            // Pushed after the loop: lookups by path need the entries sorted.
            added.push((stat, id, mode, path));
        }
    }
    if !added.is_empty() {
        for (stat, id, mode, path) in added {
            index.dangerously_push_entry(stat, id, Flags::empty(), mode, path.as_bstr());
        }
        index.sort_entries();
    }
    if !removed.is_empty() {
        removed.sort();
        index.remove_entries(|_, path: &BStr, _| {
            removed.binary_search_by(|p| p.as_bstr().cmp(path)).is_ok()
        });
    }
    Ok(())
}
