//! The crew's own commits: every blob each of them adds or modifies relative to its first
//! parent is shown to the guard, so content that a later commit removes is seen too.

use std::collections::HashSet;

use gix::bstr::{BString, ByteSlice};
use gix::diff::tree::recorder::Change;
use gix::objs::TreeRefIter;
use gix::objs::tree::EntryKind;

use super::candidate::{BlobKind, Candidate, Origin};
use super::context::Context;
use super::error::CollectError;
use super::reset::Reflogs;

/// The commits a collection examined.
pub(super) struct History {
    /// The crew's own commits, `base..HEAD`.
    pub(super) own: Vec<gix::ObjectId>,
    /// Commits only a reflog names (amended or reset away).
    logged: Vec<gix::ObjectId>,
}

impl History {
    pub(super) fn all(&self) -> HashSet<gix::ObjectId> {
        self.own.iter().chain(&self.logged).copied().collect()
    }
}

/// Shows the blobs of the crew's commits to the guard: those of `base..tip`, then those of the
/// commits the reflogs name that neither `base` nor `tip` contains.
pub(super) fn scan<F>(
    wt: &gix::Repository,
    cx: &mut Context<'_, F>,
    tip: gix::ObjectId,
    base: gix::ObjectId,
    logs: &Reflogs,
    max_commits: usize,
) -> Result<History, CollectError> {
    let mut walk = Walk {
        seen: HashSet::new(),
        examined: 0,
        max_commits,
    };
    let own = walk.commits(wt, cx, vec![tip], vec![base])?;
    let known: HashSet<gix::ObjectId> = own.iter().copied().chain([base, tip]).collect();
    let logged_tips: Vec<gix::ObjectId> = logs
        .commits()
        .into_iter()
        .filter(|id| !known.contains(id))
        // A reflog may name a commit that was pruned since; it can hold nothing.
        .filter(|id| wt.find_commit(*id).is_ok())
        .collect();
    let logged = walk.commits(wt, cx, logged_tips, vec![base, tip])?;
    Ok(History { own, logged })
}

struct Walk {
    /// The (path, blob) pairs shown already.
    seen: HashSet<(BString, gix::ObjectId)>,
    examined: usize,
    max_commits: usize,
}

impl Walk {
    /// Scans every commit reachable from `tips` but not from `hidden`, and returns them.
    fn commits<F>(
        &mut self,
        wt: &gix::Repository,
        cx: &mut Context<'_, F>,
        tips: Vec<gix::ObjectId>,
        hidden: Vec<gix::ObjectId>,
    ) -> Result<Vec<gix::ObjectId>, CollectError> {
        if tips.is_empty() {
            return Ok(Vec::new());
        }
        let mut ids = Vec::new();
        for info in wt
            .rev_walk(tips)
            .with_hidden(hidden)
            .all()
            .map_err(|e| cx.git(e))?
        {
            let id = info.map_err(|e| cx.git(gix::Error::from_error(e)))?.id;
            self.examined += 1;
            if self.examined > self.max_commits {
                return Err(CollectError::TooManyCommits {
                    worktree: cx.worktree.to_owned(),
                    limit: self.max_commits,
                });
            }
            ids.push(id);
        }
        for &id in &ids {
            self.commit(wt, cx, id)?;
        }
        Ok(ids)
    }

    /// Shows every blob commit `id` adds or whose content it changes, relative to its first
    /// parent (or to nothing for a root commit).
    fn commit<F>(
        &mut self,
        wt: &gix::Repository,
        cx: &mut Context<'_, F>,
        id: gix::ObjectId,
    ) -> Result<(), CollectError> {
        let changes = first_parent_changes(wt, id).map_err(|e| cx.git(e))?;
        for change in changes {
            let (mode, oid, previous, path) = match change {
                Change::Addition {
                    entry_mode,
                    oid,
                    path,
                    ..
                } => (entry_mode, oid, None, path),
                Change::Modification {
                    entry_mode,
                    oid,
                    previous_oid,
                    path,
                    ..
                } => (entry_mode, oid, Some(previous_oid), path),
                Change::Deletion { .. } => continue,
            };
            let kind = match mode.kind() {
                EntryKind::Blob => BlobKind::File,
                EntryKind::BlobExecutable => BlobKind::Executable,
                EntryKind::Link => BlobKind::Symlink,
                EntryKind::Tree => continue,
                EntryKind::Commit => {
                    return Err(CollectError::NestedRepository {
                        worktree: cx.worktree.to_owned(),
                        path: path.to_str_lossy().into_owned(),
                        commit: Some(id),
                    });
                }
            };
            // A mode change alone adds no content.
            if previous == Some(oid) || !self.seen.insert((path.clone(), oid)) {
                continue;
            }
            let text = cx.utf8(path.as_ref())?.to_owned();
            let blob = wt.find_blob(oid).map_err(|e| cx.git(e))?;
            cx.show(&Candidate {
                path: &text,
                data: &blob.data,
                kind,
                origin: Origin::Commit(id),
            });
        }
        Ok(())
    }
}

/// The changes commit `id` makes to the tree of its first parent, without rename detection.
fn first_parent_changes(
    wt: &gix::Repository,
    id: gix::ObjectId,
) -> Result<Vec<Change>, gix::Error> {
    let commit = wt.find_commit(id)?;
    let tree = commit.tree()?;
    let parent_tree = match commit.parent_ids().next() {
        Some(parent) => wt.find_commit(parent)?.tree()?,
        None => wt.empty_tree(),
    };
    let kind = wt.object_hash();
    let mut recorder = gix::diff::tree::Recorder::default();
    gix::diff::tree(
        TreeRefIter::from_bytes(&parent_tree.data, kind),
        TreeRefIter::from_bytes(&tree.data, kind),
        gix::diff::tree::State::default(),
        &wt.objects,
        &mut recorder,
    )
    .map_err(gix::Error::from_error)?;
    Ok(recorder.records)
}
