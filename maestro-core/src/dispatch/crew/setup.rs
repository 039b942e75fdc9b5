//! A crew's worktree: a fresh or recycled one at the voyage head, `worktrees.copy` copied in,
//! and `worktrees.setup` run in it before the crew starts.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tokio::sync::watch;

use super::super::report::AttemptReport;
use super::super::shared::{Shared, blocking};
use super::{End, describe_exit};
use crate::ports::{CrewWorktree, PortError};
use crate::process::{Supervised, run};
use crate::voyage::Order;

/// Runs `worktrees.setup` in a new worktree; `Some` ends the attempt (stopped, or the command
/// failed).
pub(super) async fn run_setup(
    shared: &Shared,
    setup: &str,
    worktree: &CrewWorktree,
    env: &[(String, String)],
    log: &Path,
    stop: &watch::Receiver<bool>,
    report: &mut AttemptReport,
) -> Result<Option<End>, PortError> {
    // The setup command runs in the crew's worktree, on files the crew's base holds: under
    // the same sandbox as the crew.
    let shell = ["-c".to_owned(), setup.to_owned()];
    let (program, args) = match &shared.options.sandbox {
        Some(sandbox) => sandbox.wrap(&worktree.path, "sh", &shell),
        None => ("sh".to_owned(), shell.to_vec()),
    };
    let exit = run(
        Supervised {
            program,
            args,
            cwd: worktree.path.clone(),
            env: env.to_vec(),
            stdin: None,
            timeout: shared.crew_timeout(),
            grace: shared.options.grace,
            log: Some(log.to_owned()),
            raw_stdout: false,
            pid_file: None,
            redact: Some(shared.redactor()),
        },
        stop.clone(),
        None,
    )
    .await?;
    report.setup_output = Some(exit.tail.clone());
    if exit.interrupted {
        return Ok(Some(End::Interrupted));
    }
    if !exit.success() {
        let reason = format!(
            "setup failed: `{setup}` {}",
            describe_exit(exit.code, exit.timed_out)
        );
        return Ok(Some(End::Failed {
            feedback: format!("{reason}\n{}", exit.tail),
            reason,
        }));
    }
    Ok(None)
}

/// A worktree for `order` at the voyage head: a merged crew's spare one handed on (only the
/// files that differ from the new base rewritten) or a new one, with `worktrees.copy` copied
/// in.
pub(super) async fn fresh_worktree(
    shared: &Shared,
    order: &Order,
) -> Result<CrewWorktree, PortError> {
    let isolation = Arc::clone(&shared.ports.isolation);
    let voyage = shared.voyage.clone();
    let spare = shared.take_spare();
    let id = order.spec.id.clone();
    let worktree = blocking(move || isolation.prepare(&voyage, &id, spare)).await?;
    copy_untracked(
        &shared.repo_root,
        &worktree.path,
        &shared.config.worktrees.copy,
    )?;
    Ok(worktree)
}

/// Copies the untracked files listed in `worktrees.copy` from the main checkout. Paths are
/// relative to the repository root; a missing file is skipped.
fn copy_untracked(
    root: &std::path::Path,
    worktree: &std::path::Path,
    files: &[String],
) -> Result<(), PortError> {
    for file in files {
        let relative = PathBuf::from(file);
        if !crate::stays_inside(&relative) {
            return Err(
                format!("worktrees.copy: `{file}` is not a path inside the repository").into(),
            );
        }
        let from = root.join(&relative);
        if !from.is_file() {
            continue;
        }
        let to = worktree.join(&relative);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(&from, &to)
            .map_err(|e| format!("cannot copy {file} into the worktree: {e}"))?;
    }
    Ok(())
}
