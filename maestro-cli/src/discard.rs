//! Throwing away crew worktrees and branches, for `maestro voyage remove` and `maestro order
//! remove`: forced (the work is being thrown away), but only maestro's own — worktrees on a
//! crew branch of the voyage, or without a branch under its worktree directory, and branches
//! `maestro-crew/<voyage>/…`. A worktree there with another branch checked out is kept and
//! named; a directory there that git does not know as a worktree is left alone.

use std::path::{Path, PathBuf};

use maestro_core::{OrderId, Voyage};
use maestro_git::branch::crew_branch;
use maestro_git::worktree::RemoveOptions;

use crate::workspace::Workspace;

/// What [`crews`] removed, and what it left.
#[derive(Debug, Default)]
pub struct Discarded {
    /// The worktrees removed.
    pub worktrees: Vec<PathBuf>,
    /// The branches deleted.
    pub branches: Vec<String>,
    /// What was left alone, and why.
    pub kept: Vec<String>,
}

/// Removes the crew worktrees and branches of `voyage`, or only those of `order`. The caller
/// holds the voyage's run lock, so no crew works there meanwhile.
pub fn crews(
    ws: &Workspace,
    voyage: &Voyage,
    order: Option<&OrderId>,
) -> anyhow::Result<Discarded> {
    let repo = &ws.repo;
    let name = voyage.name.as_str();
    let mut dir = ws
        .store
        .repo_root()
        .join(&ws.config.worktrees.dir)
        .join(name);
    // `maestro-crew/<voyage>/` for the voyage; the order's own branch for an order.
    let ours = |branch: &str| match order {
        Some(order) => branch == crew_branch(name, order.as_str()),
        None => branch.starts_with(&crew_branch(name, "")),
    };
    if let Some(order) = order {
        dir.push(order.as_str());
    }
    let branches: Vec<(String, maestro_git::ObjectId)> = match order {
        Some(order) => {
            let branch = crew_branch(name, order.as_str());
            repo.branch_commit(&branch)?
                .map(|id| (branch, id))
                .into_iter()
                .collect()
        }
        None => repo.branches_with_prefix(&crew_branch(name, ""))?,
    };
    // Worktrees are listed against a branch: the voyage's, or a crew branch if the voyage
    // branch is gone; without either, git cannot hold a worktree of the voyage but a detached
    // one, which is left for `maestro worktree prune`.
    let compare = if repo.branch_commit(&voyage.branch)?.is_some() {
        Some(voyage.branch.clone())
    } else {
        branches.first().map(|(branch, _)| branch.clone())
    };
    let mut done = Discarded::default();
    let mut stale = false;
    if let Some(compare) = &compare {
        for state in repo.list_worktrees(compare)? {
            let inside = state.path.starts_with(&dir);
            let mine = match state.branch.as_deref() {
                Some(branch) => ours(branch),
                None => inside,
            };
            if !mine {
                if inside && let Some(branch) = &state.branch {
                    done.kept.push(format!(
                        "kept {}: it has branch `{branch}` checked out, not a crew branch of {}",
                        crate::workspace::display_path(&state.path),
                        order.map_or_else(|| format!("voyage {name}"), |o| format!("order {o}"))
                    ));
                }
                continue;
            }
            if state.missing {
                stale = true;
                continue;
            }
            let removed = repo.remove_worktree(
                &state.path,
                compare,
                RemoveOptions {
                    force: true,
                    delete_branch: false,
                },
            )?;
            done.worktrees.push(removed.path);
        }
    }
    for (branch, id) in branches {
        repo.delete_branch(&branch, id)?;
        done.branches.push(branch);
    }
    if stale {
        prune_stale_entries(ws, &voyage.name)?;
    }
    // Empty directories left behind (the order's, then the voyage's); never a full one.
    for path in [Some(dir.as_path()), order.and(dir.parent())]
        .into_iter()
        .flatten()
    {
        remove_if_empty(path);
    }
    Ok(done)
}

/// Drops git's entries of worktrees whose directory is gone, unless a `maestro run` holds
/// another voyage (its crews may be registering worktrees right now, as `worktree prune`
/// knows). The caller holds `own`'s run lock.
fn prune_stale_entries(ws: &Workspace, own: &maestro_core::VoyageName) -> anyhow::Result<()> {
    let mut held = Vec::new();
    for voyage in ws.store.voyages()? {
        if voyage.name == *own {
            continue;
        }
        match ws.store.try_lock_run(&voyage.name)? {
            Some(lock) => held.push(lock),
            None => return Ok(()),
        }
    }
    ws.repo.prune_worktrees()?;
    drop(held);
    Ok(())
}

fn remove_if_empty(path: &Path) {
    // Fails on a directory that is not empty or not there, which is what is wanted.
    let _ = std::fs::remove_dir(path);
}

/// Where the branch `branch` is checked out (the main worktree or a linked one), if anywhere.
pub fn checked_out(ws: &Workspace, branch: &str) -> anyhow::Result<Option<PathBuf>> {
    let head = std::fs::read_to_string(ws.repo.common_dir().join("HEAD")).unwrap_or_default();
    if head.trim() == format!("ref: refs/heads/{branch}") {
        return Ok(Some(ws.repo.root().to_owned()));
    }
    if ws.repo.branch_commit(branch)?.is_none() {
        return Ok(None);
    }
    Ok(ws
        .repo
        .list_worktrees(branch)?
        .into_iter()
        .find(|w| w.branch.as_deref() == Some(branch))
        .map(|w| w.path))
}
