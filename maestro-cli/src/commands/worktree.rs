//! `maestro worktree list|prune`.

use anyhow::Context as _;
use maestro_core::ports::Isolation as _;
use maestro_git::worktree::{RemoveOptions, WorktreeState};
use serde::Serialize;

use crate::commands::Outcome;
use crate::output::{self, Output, Table};
use maestro_cli::workspace::Workspace;

/// A crew worktree and the voyage it belongs to.
struct CrewWorktree {
    voyage: String,
    order: String,
    voyage_branch: String,
    state: WorktreeState,
}

/// The crew worktrees of every voyage, compared with their voyage branch.
fn crew_worktrees(ws: &Workspace) -> anyhow::Result<Vec<CrewWorktree>> {
    let mut found = Vec::new();
    for voyage in ws.store.voyages()? {
        // `maestro-crew/<voyage>/`: the crew branches of this voyage.
        let prefix = maestro_git::branch::crew_branch(voyage.name.as_str(), "");
        for state in ws.repo.list_worktrees(&voyage.branch)? {
            let Some(order) = state
                .branch
                .as_deref()
                .and_then(|b| b.strip_prefix(&prefix))
                .map(str::to_owned)
            else {
                continue;
            };
            found.push(CrewWorktree {
                voyage: voyage.name.to_string(),
                order,
                voyage_branch: voyage.branch.clone(),
                state,
            });
        }
    }
    Ok(found)
}

fn condition(state: &WorktreeState) -> &'static str {
    if state.missing {
        "missing"
    } else if state.locked.is_some() {
        "locked"
    } else if state.dirty == Some(true) {
        "dirty"
    } else {
        "clean"
    }
}

/// Where the order of a crew worktree works when a remote executor placed its crew and the
/// crew has not come back yet: its files are in the worktree only once it has.
fn remote(ws: &Workspace, w: &CrewWorktree) -> Option<maestro_core::ports::Placement> {
    let voyage: maestro_core::VoyageName = w.voyage.parse().ok()?;
    let order: maestro_core::OrderId = w.order.parse().ok()?;
    let order = ws.store.order(&voyage, &order).ok()?;
    matches!(
        order.state,
        maestro_core::OrderState::Running | maestro_core::OrderState::Waiting
    )
    .then_some(order.placement)
    .flatten()
}

#[derive(Serialize)]
struct Row<'a> {
    voyage: &'a str,
    order: &'a str,
    path: String,
    branch: Option<&'a str>,
    state: &'static str,
    ahead: usize,
    behind: usize,
    merged: bool,
    /// The remote crew working for this worktree, until it comes back.
    #[serde(skip_serializing_if = "Option::is_none")]
    remote: Option<maestro_core::ports::Placement>,
}

/// `maestro worktree list`.
pub fn list(out: Output) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let worktrees = crew_worktrees(&ws)?;
    if out.json {
        let rows: Vec<Row> = worktrees
            .iter()
            .map(|w| Row {
                voyage: &w.voyage,
                order: &w.order,
                path: w.state.path.display().to_string(),
                branch: w.state.branch.as_deref(),
                state: condition(&w.state),
                ahead: w.state.ahead,
                behind: w.state.behind,
                merged: w.state.merged,
                remote: remote(&ws, w),
            })
            .collect();
        output::json(&serde_json::json!({ "worktrees": rows }))?;
        return Ok(Outcome::Clean);
    }
    if worktrees.is_empty() {
        out.info("no crew worktrees")?;
        return Ok(Outcome::Clean);
    }
    let mut table = Table::new(&[
        "VOYAGE", "ORDER", "STATE", "AHEAD", "BEHIND", "MERGED", "PATH",
    ]);
    for w in &worktrees {
        table.row(vec![
            w.voyage.clone(),
            w.order.clone(),
            condition(&w.state).to_owned(),
            w.state.ahead.to_string(),
            w.state.behind.to_string(),
            if w.state.merged { "yes" } else { "no" }.to_owned(),
            maestro_cli::workspace::display_path(&w.state.path),
        ]);
    }
    let mut text = table.render();
    for w in &worktrees {
        if let Some(p) = remote(&ws, w) {
            text.push_str(&format!(
                "{}/{}: its crew works as {} job {} on {}; its files come back when it ends\n",
                w.voyage,
                w.order,
                p.executor,
                p.job,
                p.node.as_deref().unwrap_or("a node not picked yet")
            ));
        }
    }
    output::data(&text)?;
    Ok(Outcome::Clean)
}

/// `maestro worktree prune [--dry-run] [--force]`: never a dirty or unmerged worktree without
/// `--force`; branches of unmerged work are always kept.
///
/// First, unless `--dry-run`, what killed runs left half-done of each voyage's worktrees is
/// repaired, as the next `maestro run` of that voyage would (each repair is printed and audited
/// as `worktree.repair`).
///
/// Never a worktree of a voyage that a `maestro run` holds, with or without `--force`: the
/// voyage's run lock (the one the dispatcher takes) is taken for every voyage before its
/// worktrees are looked at and held until the prune ends; a voyage whose lock is held is
/// skipped with a note naming it, and so is git's own pruning of stale worktree entries, which
/// could otherwise remove the entry of a crew worktree being created.
pub fn prune(out: Output, dry_run: bool, force: bool) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    // Held until the end of the prune: no run starts on these voyages meanwhile.
    let mut held = Vec::new();
    let mut busy = Vec::new();
    let mut repairable = Vec::new();
    for voyage in ws.store.voyages()? {
        match ws.store.try_lock_run(&voyage.name)? {
            Some(lock) => {
                held.push((voyage.name.to_string(), lock));
                repairable.push(voyage);
            }
            None => busy.push(voyage.name.to_string()),
        }
    }
    for name in &busy {
        out.info(&format!(
            "skipped voyage {name}: a `maestro run` holds it; its worktrees are left alone"
        ))?;
    }
    if !dry_run {
        let isolation = maestro_cli::wiring::GitIsolation::new(ws.repo.root(), &ws.config);
        for voyage in &repairable {
            let repairs = isolation
                .repair(voyage)
                .map_err(|e| anyhow::anyhow!(e))
                .with_context(|| {
                    format!("cannot repair the worktrees of voyage {}", voyage.name)
                })?;
            for repair in repairs {
                maestro_cli::audit::record(
                    &ws,
                    "worktree.repair",
                    voyage.name.as_str(),
                    maestro_audit::Details::new()
                        .with("subject", repair.subject.clone())
                        .with("found", repair.found.clone())
                        .with("action", repair.action.clone()),
                )?;
                out.info(&format!(
                    "repaired {}: {}; {}",
                    repair.subject, repair.found, repair.action
                ))?;
            }
        }
    }
    let mut kept = 0usize;
    for w in crew_worktrees(&ws)? {
        // Only voyages whose run lock this prune holds (not one created since).
        if !held.iter().any(|(name, _)| *name == w.voyage) {
            continue;
        }
        let removable = w.state.merged && w.state.dirty != Some(true) && w.state.locked.is_none();
        let shown = maestro_cli::workspace::display_path(&w.state.path);
        if !removable && !force {
            kept += 1;
            out.info(&format!(
                "kept {shown}: {}",
                if w.state.merged {
                    condition(&w.state)
                } else {
                    "not merged"
                }
            ))?;
            continue;
        }
        if dry_run {
            out.info(&format!("would remove {shown}"))?;
            continue;
        }
        let removed = ws.repo.remove_worktree(
            &w.state.path,
            &w.voyage_branch,
            RemoveOptions {
                force,
                delete_branch: w.state.merged,
            },
        )?;
        maestro_cli::audit::record(
            &ws,
            "worktree.prune",
            &format!("{}/{}", w.voyage, w.order),
            maestro_audit::Details::new()
                .with("path", removed.path.display().to_string())
                .with("forced", force && !removable)
                .with("branch_deleted", removed.branch_deleted),
        )?;
        out.info(&format!(
            "removed {shown}{}",
            if removed.branch_deleted {
                " and its merged branch"
            } else {
                ""
            }
        ))?;
    }
    // What remote attempts of a killed run left: their bundles, under the voyage's directory
    // (a run holds its voyage's lock while its attempts run, and this prune holds it now).
    for (voyage, _) in &held {
        let dir = ws.store.dir().join("remote").join(voyage);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let shown = maestro_cli::workspace::display_path(&entry.path());
            if dry_run {
                out.info(&format!(
                    "would remove {shown}: a remote attempt's leftover bundles"
                ))?;
                continue;
            }
            std::fs::remove_dir_all(entry.path())
                .with_context(|| format!("cannot remove {shown}"))?;
            maestro_cli::audit::record(
                &ws,
                "worktree.prune",
                voyage,
                maestro_audit::Details::new()
                    .with("path", entry.path().display().to_string())
                    .with("remote", true),
            )?;
            out.info(&format!(
                "removed {shown}: a remote attempt's leftover bundles"
            ))?;
        }
    }
    if !dry_run && busy.is_empty() {
        for pruned in ws.repo.prune_worktrees()? {
            out.info(&format!("pruned git's stale entry {}", pruned.id))?;
        }
    }
    if kept > 0 {
        out.info(&format!(
            "{kept} worktree(s) kept (--force removes them; their branches stay)"
        ))?;
    }
    drop(held);
    Ok(Outcome::Clean)
}
