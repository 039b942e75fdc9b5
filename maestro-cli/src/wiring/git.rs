//! Crew worktrees, commits and merges, and voyage branches, with maestro-git.

use std::path::{Path, PathBuf};

use maestro_core::ports::{
    Branches, Candidate, ChangedFile, Collected, CrewWorktree, Isolation, MergeOutcome, PortError,
    Repair, Verdict,
};
use maestro_core::{OrderId, Voyage, WorkspaceConfig};
use maestro_git::Repo;
use maestro_git::diff::ChangeKind;
use maestro_git::merge::{MergeOptions, MergeOutcome as GitMerge};
use maestro_git::worktree::{RemoveError, RemoveOptions, RepairOptions};
use maestro_git::{Identity, ObjectId};

/// Deletes crew branch `branch` when the voyage branch holds its tip (nothing is lost: the
/// merge keeps the commits); an unmerged branch is kept.
fn delete_if_merged(repo: &Repo, branch: &str, voyage_branch: &str) -> Result<(), PortError> {
    if let Some(tip) = repo.branch_commit(branch)?
        && repo.voyage_holds_change(voyage_branch, tip)?
    {
        repo.delete_branch(branch, tip)?;
    }
    Ok(())
}

/// `path` relative to the repository root `root` when it is inside it.
fn shown(root: &Path, path: &Path) -> String {
    let real = std::fs::canonicalize(root).ok();
    [Some(root), real.as_deref()]
        .into_iter()
        .flatten()
        .find_map(|root| path.strip_prefix(root).ok())
        .unwrap_or(path)
        .display()
        .to_string()
}

pub(super) fn object_id(hex: &str) -> Result<ObjectId, PortError> {
    ObjectId::from_hex(hex.as_bytes())
        .map_err(|e| format!("`{hex}` is not a commit id: {e}").into())
}

/// Crew worktrees and merges with gix. The repository is opened per call: calls come from
/// several threads and opening is cheap.
#[derive(Debug)]
pub struct GitIsolation {
    root: PathBuf,
    worktrees: PathBuf,
}

impl GitIsolation {
    /// Worktrees go under `root/<worktrees.dir>`.
    #[must_use]
    pub fn new(root: &Path, config: &WorkspaceConfig) -> GitIsolation {
        GitIsolation {
            root: root.to_owned(),
            worktrees: root.join(&config.worktrees.dir),
        }
    }

    fn repo(&self) -> Result<Repo, PortError> {
        Ok(Repo::discover(&self.root)?)
    }

    /// Where `order`'s worktree lives: `<worktrees.dir>/<voyage>/<order>`.
    fn order_path(&self, voyage: &Voyage, order: &OrderId) -> PathBuf {
        self.worktrees
            .join(voyage.name.as_str())
            .join(order.as_str())
    }

    /// An earlier attempt's worktree and branch of `order` make way for a fresh start.
    fn clear_for(&self, repo: &Repo, voyage: &Voyage, order: &OrderId) -> Result<(), PortError> {
        let path = self.order_path(voyage, order);
        let branch = maestro_git::branch::crew_branch(voyage.name.as_str(), order.as_str());
        if path.exists() {
            match repo.remove_worktree(
                &path,
                &voyage.branch,
                RemoveOptions {
                    force: true,
                    delete_branch: true,
                },
            ) {
                // A directory git does not know (what an add killed before registering it
                // leaves; the run's repair normally took it already) holds nothing of git's.
                Err(RemoveError::NotFound { .. }) => std::fs::remove_dir_all(&path)
                    .map_err(|e| format!("cannot remove {}: {e}", path.display()))?,
                other => drop(other?),
            }
        }
        if let Some(old) = repo.branch_commit(&branch)? {
            repo.delete_branch(&branch, old)?;
        }
        repo.prune_worktrees()?;
        Ok(())
    }

    /// A new worktree for `order` at `base`.
    fn fresh(
        &self,
        repo: &Repo,
        voyage: &Voyage,
        order: &OrderId,
        base: &str,
    ) -> Result<CrewWorktree, PortError> {
        self.clear_for(repo, voyage, order)?;
        let worktree = repo.add_worktree(
            &self.worktrees,
            voyage.name.as_str(),
            order.as_str(),
            object_id(base)?,
        )?;
        Ok(CrewWorktree {
            path: worktree.path,
            branch: worktree.branch,
            base: base.to_owned(),
        })
    }

    /// `worktree`, whose work is merged, turned into `order`'s worktree at `base`, only the
    /// files that differ rewritten; a new worktree when it cannot be reused.
    fn recycle(
        &self,
        repo: &Repo,
        worktree: &CrewWorktree,
        voyage: &Voyage,
        order: &OrderId,
        base: &str,
    ) -> Result<CrewWorktree, PortError> {
        self.clear_for(repo, voyage, order)?;
        match repo.recycle_worktree(
            &worktree.path,
            &voyage.branch,
            &self.worktrees,
            voyage.name.as_str(),
            order.as_str(),
            object_id(base)?,
        ) {
            Ok(recycled) => {
                // The old order's branch is merged (recycling checked it): it goes.
                delete_if_merged(repo, &worktree.branch, &voyage.branch)?;
                Ok(CrewWorktree {
                    path: recycled.path,
                    branch: recycled.branch,
                    base: base.to_owned(),
                })
            }
            Err(e) => {
                // Whatever state the old worktree was left in, a fresh one replaces it.
                tracing::warn!(
                    "cannot reuse the worktree at {} for order {order}, adding a new one: {:#}",
                    worktree.path.display(),
                    anyhow::Error::from(e)
                );
                if worktree.path.exists() {
                    self.release(worktree)?;
                }
                self.fresh(repo, voyage, order, base)
            }
        }
    }
}

impl Isolation for GitIsolation {
    fn repair(&self, voyage: &Voyage) -> Result<Vec<Repair>, PortError> {
        let repo = self.repo()?;
        let repairs = repo.repair_worktrees(
            &self.worktrees,
            voyage.name.as_str(),
            &RepairOptions {
                merged_into: Some(voyage.branch.clone()),
                ..RepairOptions::default()
            },
        )?;
        Ok(repairs
            .into_iter()
            .map(|repair| Repair {
                subject: match &repair.subject {
                    maestro_git::worktree::Subject::Path(path) => shown(&self.root, path),
                    other => other.to_string(),
                },
                found: repair.found.to_string(),
                action: repair.action.to_string(),
            })
            .collect())
    }

    fn prepare(
        &self,
        voyage: &Voyage,
        order: &OrderId,
        spare: Option<CrewWorktree>,
    ) -> Result<CrewWorktree, PortError> {
        let repo = self.repo()?;
        let head = repo
            .branch_commit(&voyage.branch)?
            .ok_or_else(|| format!("the voyage branch {} is missing", voyage.branch))?
            .to_string();
        match spare {
            Some(spare) => self.recycle(&repo, &spare, voyage, order, &head),
            None => self.fresh(&repo, voyage, order, &head),
        }
    }

    fn reopen(
        &self,
        voyage: &Voyage,
        order: &OrderId,
        base: &str,
    ) -> Result<Option<CrewWorktree>, PortError> {
        let path = self.order_path(voyage, order);
        if !path.exists() {
            return Ok(None);
        }
        let repo = self.repo()?;
        let branch = maestro_git::branch::crew_branch(voyage.name.as_str(), order.as_str());
        // Only a registered, present worktree on the order's own branch: anything else is
        // replaced by a fresh one (the crew then starts over).
        let registered = repo
            .list_worktrees(&voyage.branch)?
            .into_iter()
            .any(|w| w.branch.as_deref() == Some(branch.as_str()) && !w.missing);
        Ok(registered.then(|| CrewWorktree {
            path,
            branch,
            base: base.to_owned(),
        }))
    }

    fn adopt(&self, voyage: &Voyage, order: &OrderId) -> Result<Option<CrewWorktree>, PortError> {
        let path = self.order_path(voyage, order);
        if !path.exists() {
            return Ok(None);
        }
        let repo = self.repo()?;
        let branch = maestro_git::branch::crew_branch(voyage.name.as_str(), order.as_str());
        let Some(tip) = repo.branch_commit(&branch)? else {
            return Ok(None);
        };
        // Only a registered worktree whose branch is merged; anything else is left to
        // `maestro worktree prune`, which never removes unmerged work without --force.
        let registered = repo
            .list_worktrees(&voyage.branch)?
            .into_iter()
            .any(|w| w.branch.as_deref() == Some(branch.as_str()) && !w.missing);
        if !registered || !repo.voyage_holds_change(&voyage.branch, tip)? {
            return Ok(None);
        }
        // After a squash the crew's tip is not in the voyage; what it is recycled onto is the
        // voyage head, which holds its work.
        let head = repo
            .branch_commit(&voyage.branch)?
            .ok_or_else(|| format!("the voyage branch {} is missing", voyage.branch))?;
        Ok(Some(CrewWorktree {
            path,
            branch,
            base: head.to_string(),
        }))
    }

    fn collect(
        &self,
        worktree: &CrewWorktree,
        author: &str,
        message: &str,
        guard: &mut dyn FnMut(&Candidate<'_>) -> Verdict,
    ) -> Result<Collected, PortError> {
        use maestro_git::collect::{
            CollectOptions, Collected as GitCollected, Verdict as GitVerdict,
        };
        let repo = self.repo()?;
        let base = object_id(&worktree.base)?;
        let mut options = CollectOptions::new(Identity::new(author, "maestro@localhost"), message);
        options.branch = Some(worktree.branch.clone());
        // The base's version of each path, read once: the guard needs it for inline allows and
        // to tell findings the base already held from the crew's.
        let mut base_files: std::collections::HashMap<String, Option<Vec<u8>>> =
            std::collections::HashMap::new();
        let mut failure: Option<PortError> = None;
        let mut git_guard = |candidate: &maestro_git::collect::Candidate<'_>| {
            let base_text = match base_files.get(candidate.path) {
                Some(text) => text.clone(),
                None => match repo.file_at(base, candidate.path) {
                    Ok(text) => {
                        base_files.insert(candidate.path.to_owned(), text.clone());
                        text
                    }
                    Err(e) => {
                        // Fail closed: what cannot be compared with the base is refused.
                        failure.get_or_insert_with(|| e.into());
                        return GitVerdict::Refuse(());
                    }
                },
            };
            let commit = match candidate.origin {
                maestro_git::collect::Origin::Commit(id) => Some(id.to_string()),
                _ => None,
            };
            let verdict = guard(&Candidate {
                path: candidate.path,
                bytes: candidate.data,
                base: base_text.as_deref(),
                commit: commit.as_deref(),
            });
            match verdict {
                Verdict::Accept => GitVerdict::Accept,
                Verdict::Refuse => GitVerdict::Refuse(()),
            }
        };
        let collected = repo.collect_change(&worktree.path, base, &mut git_guard, &options)?;
        if let Some(e) = failure {
            return Err(e);
        }
        Ok(match collected {
            GitCollected::Committed {
                commit, changed, ..
            } => Collected::Committed {
                commit: commit.to_string(),
                changed: changed
                    .into_iter()
                    .map(|stat| ChangedFile {
                        deleted: stat.kind == ChangeKind::Deleted,
                        path: stat.path,
                        added: stat.added as u64,
                        removed: stat.removed as u64,
                    })
                    .collect(),
            },
            GitCollected::NothingToCommit { .. } => Collected::Unchanged,
            GitCollected::Refused { .. } => Collected::Refused,
            other => return Err(format!("unexpected collection outcome: {other:?}").into()),
        })
    }

    fn holds_change(&self, voyage: &Voyage, change: &str) -> Result<bool, PortError> {
        let repo = self.repo()?;
        Ok(repo.voyage_holds_change(&voyage.branch, object_id(change)?)?)
    }

    fn merge(
        &self,
        voyage: &Voyage,
        change: &str,
        message: &str,
    ) -> Result<MergeOutcome, PortError> {
        let repo = self.repo()?;
        let report = repo.squash_merge(
            &voyage.branch,
            object_id(change)?,
            &MergeOptions {
                message: Some(message.to_owned()),
                identity: Some(Identity::new("maestro", "maestro@localhost")),
                ..MergeOptions::default()
            },
        )?;
        if !report.checked_out_in.is_empty() {
            tracing::warn!(
                "{} is checked out in {}; that checkout is now behind the branch",
                voyage.branch,
                report
                    .checked_out_in
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        Ok(match report.outcome {
            GitMerge::UpToDate => MergeOutcome::AlreadyMerged,
            GitMerge::FastForward | GitMerge::Merged | GitMerge::Squashed => MergeOutcome::Merged {
                head: report.new.to_string(),
            },
            GitMerge::Conflict { paths } => MergeOutcome::Conflict { paths },
            other => return Err(format!("unexpected merge outcome: {other:?}").into()),
        })
    }

    fn release(&self, worktree: &CrewWorktree) -> Result<(), PortError> {
        let repo = self.repo()?;
        // Its work is merged (that is when it is released); compared with its own branch, the
        // worktree has nothing unmerged.
        repo.remove_worktree(
            &worktree.path,
            &worktree.branch,
            RemoveOptions {
                force: true,
                delete_branch: false,
            },
        )?;
        if let Some(voyage) = maestro_git::branch::voyage_branch_of(&worktree.branch) {
            delete_if_merged(&repo, &worktree.branch, &voyage)?;
        }
        Ok(())
    }
}

/// [`Branches`] implemented with maestro-git.
#[derive(Debug)]
pub struct GitBranches<'a>(pub &'a Repo);

impl Branches for GitBranches<'_> {
    fn resolve_commit(&self, revision: &str) -> Result<String, PortError> {
        match self.0.resolve_commit(revision) {
            Ok(id) => Ok(id.to_string()),
            Err(e) => {
                // gix explains at length how it parsed the revision; users need the gist.
                tracing::debug!("{e:?}");
                Err(format!("no commit named `{revision}` in this repository").into())
            }
        }
    }

    fn create_branch(&self, name: &str, commit: &str) -> Result<(), PortError> {
        Ok(self
            .0
            .create_branch(name, object_id(commit)?, "maestro: voyage branch")?)
    }

    fn delete_branch(&self, name: &str, commit: &str) -> Result<(), PortError> {
        Ok(self.0.delete_branch(name, object_id(commit)?)?)
    }
}
