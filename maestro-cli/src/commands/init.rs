//! `maestro init`.

use maestro_core::Store;
use maestro_core::store::InitOutcome;
use maestro_git::Repo;
use serde_json::json;

use crate::commands::Outcome;
use crate::output::{self, Output};
use crate::workspace::display_path;

/// Creates `.mso/` with the default configuration and keeps it out of git.
pub fn run(out: Output, force: bool) -> anyhow::Result<Outcome> {
    let cwd = std::env::current_dir()?;
    let repo = Repo::discover(&cwd)?;
    let (store, outcome) = Store::init(repo.root(), force)?;
    let excluded = repo.ensure_excluded("/.mso/").map_err(|e| {
        anyhow::Error::new(e).context(format!(
            "cannot add /.mso/ to {}",
            repo.common_dir().join("info/exclude").display()
        ))
    })?;
    if matches!(outcome, InitOutcome::Created | InitOutcome::Reset) {
        let ws = crate::workspace::Workspace {
            config: store.config()?,
            store: store.clone(),
            repo,
        };
        crate::commands::audit::record(
            &ws,
            "config.change",
            "workspace.json",
            maestro_audit::Details::new().with(
                "change",
                if outcome == InitOutcome::Created {
                    "created with the defaults"
                } else {
                    "reset to the defaults"
                },
            ),
        )?;
        return finish(out, &ws.repo, &store, outcome, excluded);
    }
    finish(out, &repo, &store, outcome, excluded)
}

fn finish(
    out: Output,
    repo: &Repo,
    store: &Store,
    outcome: InitOutcome,
    excluded: bool,
) -> anyhow::Result<Outcome> {
    let config = display_path(&store.config_path());
    if out.json {
        let outcome = match outcome {
            InitOutcome::Created => "created",
            InitOutcome::Unchanged => "unchanged",
            InitOutcome::KeptChanged => "kept",
            InitOutcome::Reset => "reset",
        };
        output::json(&json!({
            "root": repo.root(),
            "config": store.config_path(),
            "outcome": outcome,
            "excluded": excluded,
        }))?;
        return Ok(Outcome::Clean);
    }
    let message = match outcome {
        InitOutcome::Created => format!("initialised maestro: wrote {config} with the defaults"),
        InitOutcome::Unchanged => format!("already initialised: {config} is unchanged"),
        InitOutcome::KeptChanged => format!(
            "already initialised: kept {config}, which differs from the defaults (--force resets it)"
        ),
        InitOutcome::Reset => format!("reset {config} to the defaults"),
    };
    out.info(&message)?;
    if excluded {
        out.info("added /.mso/ to .git/info/exclude")?;
    }
    Ok(Outcome::Clean)
}
