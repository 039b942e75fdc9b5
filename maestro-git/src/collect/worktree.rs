//! The uncommitted state of a crew's worktree relative to its `HEAD`, as `git add -A` would
//! stage it, with every changed file read once into memory and shown to the guard.

use std::collections::HashMap;

use gix::bstr::{BStr, BString, ByteSlice};
use gix::index::entry::{Flags, Mode, Stage, Stat};
use gix::objs::tree::EntryKind;

use super::candidate::{BlobKind, Candidate, Origin};
use super::context::Context;
use super::error::CollectError;
use super::read::Reader;

/// A changed path of the worktree, as it will be written.
enum Update {
    /// The path goes.
    Remove,
    /// The path gets this blob.
    Write {
        kind: BlobKind,
        data: Vec<u8>,
        id: gix::ObjectId,
        /// The file's stat data when it was read, for the new index.
        stat: Stat,
    },
}

/// The uncommitted change of a worktree, scanned and held in memory.
pub(super) struct Change {
    updates: Vec<(BString, Update)>,
    /// Stat data of unchanged files, keyed by path, with the blob and mode they were checked
    /// against: the new index reuses them so `git status` need not read those files again.
    clean: HashMap<BString, (gix::ObjectId, Mode, Stat)>,
}

impl Change {
    /// Whether the worktree matches `HEAD`.
    pub(super) fn is_empty(&self) -> bool {
        self.updates.is_empty()
    }

    /// Writes the blobs from memory and the tree of `head_tree` with the change applied.
    pub(super) fn write_tree(
        &self,
        wt: &gix::Repository,
        head_tree: gix::ObjectId,
    ) -> Result<gix::ObjectId, gix::Error> {
        let mut editor = wt.edit_tree(head_tree)?;
        // Removals first: a file replaced by a directory of the same name (or the reverse)
        // is a removal and an addition.
        for (path, update) in &self.updates {
            if matches!(update, Update::Remove) {
                editor.remove(path.as_bstr())?;
            }
        }
        for (path, update) in &self.updates {
            if let Update::Write { kind, data, id, .. } = update {
                let written = wt.write_blob(data)?.detach();
                debug_assert_eq!(&written, id, "the blob is the bytes that were hashed");
                editor.upsert(path.as_bstr(), entry_kind(*kind), written)?;
            }
        }
        Ok(editor.write()?.detach())
    }

    /// Replaces the worktree's index with the entries of `tree`, keeping the stat data of every
    /// file whose content is known to match, so `git status` is clean.
    pub(super) fn write_index(
        &self,
        wt: &gix::Repository,
        tree: gix::ObjectId,
    ) -> Result<(), gix::Error> {
        let written: HashMap<&BStr, (gix::ObjectId, Stat)> = self
            .updates
            .iter()
            .filter_map(|(path, update)| match update {
                Update::Write { id, stat, .. } => Some((path.as_bstr(), (*id, *stat))),
                Update::Remove => None,
            })
            .collect();
        let mut index = wt.index_from_tree(&tree)?;
        for (entry, path) in index.entries_mut_with_paths() {
            let stat = match (written.get(path), self.clean.get(path)) {
                (Some((id, stat)), _) if *id == entry.id => Some(*stat),
                (None, Some((id, mode, stat))) if *id == entry.id && *mode == entry.mode => {
                    Some(*stat)
                }
                _ => None,
            };
            if let Some(stat) = stat {
                entry.stat = stat;
            }
        }
        index.write(gix::index::write::Options::default())?;
        Ok(())
    }
}

fn entry_kind(kind: BlobKind) -> EntryKind {
    match kind {
        BlobKind::File => EntryKind::Blob,
        BlobKind::Executable => EntryKind::BlobExecutable,
        BlobKind::Symlink => EntryKind::Link,
    }
}

fn index_mode(kind: BlobKind) -> Mode {
    match kind {
        BlobKind::File => Mode::FILE,
        BlobKind::Executable => Mode::FILE_EXECUTABLE,
        BlobKind::Symlink => Mode::SYMLINK,
    }
}

/// Finds what differs between the worktree and `head_tree`, reads each changed file once and
/// shows it to the guard.
pub(super) fn scan<F>(
    wt: &gix::Repository,
    cx: &mut Context<'_, F>,
    head_tree: gix::ObjectId,
    max_bytes: u64,
) -> Result<Change, CollectError> {
    let head = head_index(wt, cx, head_tree)?;
    check_gitlinks(cx, &head)?;
    let (to_read, removed, mut clean) = status(wt, cx, &head)?;

    let capabilities = wt.filesystem_options().map_err(|e| cx.git(e))?;
    let (mut pipeline, _) = wt.filter_pipeline(None).map_err(|e| cx.git(e))?;
    let mut reader = Reader {
        root: cx.worktree.to_owned(),
        executable_bit: capabilities.executable_bit,
        remaining: max_bytes,
        max_bytes,
    };
    let mut updates = Vec::new();
    for path in removed {
        if head
            .entry_by_path_and_stage(path.as_bstr(), Stage::Unconflicted)
            .is_some_and(|e| !e.flags.contains(Flags::INTENT_TO_ADD))
        {
            updates.push((path, Update::Remove));
        }
    }
    for path in to_read {
        let text = cx.utf8(path.as_bstr())?.to_owned();
        let before = head
            .entry_by_path_and_stage(path.as_bstr(), Stage::Unconflicted)
            .filter(|e| !e.flags.contains(Flags::INTENT_TO_ADD))
            .map(|e| (e.id, e.mode));
        let Some(read) = reader.read(cx, &mut pipeline, &head, &text, before.map(|(_, m)| m))?
        else {
            if before.is_some() {
                updates.push((path, Update::Remove));
            }
            continue;
        };
        let id = gix::objs::compute_hash(wt.object_hash(), gix::objs::Kind::Blob, &read.data)
            .map_err(|e| cx.git(gix::Error::from_error(e)))?;
        if before == Some((id, index_mode(read.kind))) {
            // Touched but unchanged: nothing new to show or write.
            clean.insert(path, (id, index_mode(read.kind), read.stat));
            continue;
        }
        // A mode change alone adds no content.
        if before.map(|(id, _)| id) != Some(id) {
            cx.show(&Candidate {
                path: &text,
                data: &read.data,
                kind: read.kind,
                origin: Origin::Worktree,
            });
        }
        updates.push((
            path,
            Update::Write {
                kind: read.kind,
                data: read.data,
                id,
                stat: read.stat,
            },
        ));
    }
    Ok(Change { updates, clean })
}

/// The index the worktree is compared with: `HEAD`'s tree, with the stat data of the crew's
/// index where that index agrees with `HEAD` on the blob (so unchanged files are not read),
/// and the paths only the crew's index tracks marked as intended to add (so `git add -f` of an
/// ignored file counts, as with `git add -A`). The crew's index is never trusted for content.
fn head_index<F>(
    wt: &gix::Repository,
    cx: &Context<'_, F>,
    head_tree: gix::ObjectId,
) -> Result<gix::index::File, CollectError> {
    let mut head = wt.index_from_tree(&head_tree).map_err(|e| cx.git(e))?;
    let Some(crew) = wt.try_index().map_err(|e| cx.git(e))? else {
        return Ok(head);
    };
    if let Some(conflicted) = crew.entries().iter().find(|e| e.stage_raw() != 0) {
        return Err(CollectError::Conflicted {
            worktree: cx.worktree.to_owned(),
            path: conflicted.path(&crew).to_str_lossy().into_owned(),
        });
    }
    // Stat data is valid only as of the crew index's own timestamp (racy git).
    head.set_timestamp(crew.timestamp());
    for (entry, path) in head.entries_mut_with_paths() {
        if let Some(theirs) = crew.entry_by_path_and_stage(path, Stage::Unconflicted)
            && theirs.id == entry.id
            && theirs.mode == entry.mode
        {
            entry.stat = theirs.stat;
        }
    }
    // Looked up before any is pushed: lookups need the entries sorted.
    let only_crew: Vec<&gix::index::Entry> = crew
        .entries()
        .iter()
        .filter(|e| head.entry_by_path(e.path(&crew)).is_none() && !e.flags.contains(Flags::REMOVE))
        .collect();
    for entry in &only_crew {
        let path = entry.path(&crew);
        if entry.mode == Mode::COMMIT {
            return Err(CollectError::NestedRepository {
                worktree: cx.worktree.to_owned(),
                path: path.to_str_lossy().into_owned(),
                commit: None,
            });
        }
        head.dangerously_push_entry(
            Stat::default(),
            gix::ObjectId::null(wt.object_hash()),
            Flags::INTENT_TO_ADD,
            entry.mode,
            path,
        );
    }
    if !only_crew.is_empty() {
        head.sort_entries();
    }
    Ok(head)
}

/// Refuses a gitlink of `HEAD` whose nested repository is checked out at another commit:
/// what cannot be shown to the guard cannot be committed.
fn check_gitlinks<F>(cx: &Context<'_, F>, head: &gix::index::File) -> Result<(), CollectError> {
    for entry in head.entries().iter().filter(|e| e.mode == Mode::COMMIT) {
        let path = entry.path(head);
        let Ok(relative) = gix::path::from_bstr(path) else {
            continue;
        };
        let dir = cx.worktree.join(relative);
        if !dir.join(".git").exists() {
            // Not checked out: git reports nothing either.
            continue;
        }
        let moved = gix::open_opts(&dir, gix::open::Options::isolated())
            .ok()
            .and_then(|nested| nested.head_id().ok().map(gix::Id::detach))
            .is_none_or(|id| id != entry.id);
        if moved {
            return Err(CollectError::NestedRepository {
                worktree: cx.worktree.to_owned(),
                path: path.to_str_lossy().into_owned(),
                commit: None,
            });
        }
    }
    Ok(())
}

type Status = (
    Vec<BString>,
    Vec<BString>,
    HashMap<BString, (gix::ObjectId, Mode, Stat)>,
);

/// The paths to read (changed or new), the paths gone, and the fresh stat data of files whose
/// content turned out to equal their entry in `head`.
fn status<F>(
    wt: &gix::Repository,
    cx: &Context<'_, F>,
    head: &gix::index::File,
) -> Result<Status, CollectError> {
    use gix::status::index_worktree::Item;
    use gix::status::plumbing::index_as_worktree::{Change as WtChange, EntryStatus};

    let iter = wt
        .status(gix::progress::Discard)
        .map_err(|e| cx.git(e))?
        .untracked_files(gix::status::UntrackedFiles::Files)
        .index_worktree_rewrites(None)
        .index_worktree_submodules(None)
        .dirwalk_options(|options| options.recurse_repositories(false))
        .index(gix::worktree::IndexPersistedOrInMemory::InMemory(
            head.clone(),
        ))
        .into_index_worktree_iter(Vec::new())
        .map_err(|e| cx.git(e))?;
    let (mut to_read, mut removed, mut clean) = (Vec::new(), Vec::new(), HashMap::new());
    for item in iter {
        match item.map_err(|e| cx.git(gix::Error::from_error(e)))? {
            Item::Modification {
                entry,
                rela_path,
                status,
                ..
            } => match status {
                EntryStatus::Change(WtChange::Removed) => removed.push(rela_path),
                EntryStatus::Change(WtChange::SubmoduleModification(_)) => {
                    return Err(CollectError::NestedRepository {
                        worktree: cx.worktree.to_owned(),
                        path: rela_path.to_str_lossy().into_owned(),
                        commit: None,
                    });
                }
                EntryStatus::Change(_) | EntryStatus::IntentToAdd => to_read.push(rela_path),
                EntryStatus::NeedsUpdate(stat) => {
                    clean.insert(rela_path, (entry.id, entry.mode, stat));
                }
                EntryStatus::Conflict { .. } => {
                    return Err(CollectError::Conflicted {
                        worktree: cx.worktree.to_owned(),
                        path: rela_path.to_str_lossy().into_owned(),
                    });
                }
            },
            Item::DirectoryContents { entry, .. } => {
                use gix::dir::entry::{Kind, Status};
                if entry.status != Status::Untracked {
                    continue;
                }
                match entry.disk_kind {
                    Some(Kind::File | Kind::Symlink) => to_read.push(entry.rela_path),
                    Some(Kind::Repository) => {
                        return Err(CollectError::NestedRepository {
                            worktree: cx.worktree.to_owned(),
                            path: entry.rela_path.to_str_lossy().into_owned(),
                            commit: None,
                        });
                    }
                    _ => {}
                }
            }
            Item::Rewrite { .. } => {}
        }
    }
    to_read.sort();
    to_read.dedup();
    Ok((to_read, removed, clean))
}
