//! `maestro init`.

use std::path::PathBuf;

use maestro_core::store::InitOutcome;
use maestro_core::{Store, WorkspaceConfig};
use maestro_git::Repo;
use serde_json::json;

use crate::commands::Outcome;
use crate::output::{self, Output};
use maestro_cli::workspace::display_path;

/// Where the workspace's audit signing key goes, or why it has none.
enum KeyPlace {
    /// This repository's key file in the user's configuration directory.
    At(PathBuf),
    /// No place outside the repository (the reason, for the user).
    Nowhere(String),
}

/// Creates `.mso/` with the default configuration and keeps it out of git; creates the
/// repository's audit signing key in the user's configuration directory and names it in
/// `audit.keyFile`, so checkpoints are signed from the first entry.
pub fn run(out: Output, force: bool) -> anyhow::Result<Outcome> {
    let cwd = std::env::current_dir()?;
    let repo = Repo::discover(&cwd)?;
    let place = match maestro_core::store::audit_key::audit_key_path(repo.root()) {
        Ok(path) => KeyPlace::At(path),
        Err(e) => KeyPlace::Nowhere(e.to_string()),
    };
    let mut defaults = WorkspaceConfig::default();
    if let KeyPlace::At(path) = &place {
        defaults.audit.key_file = Some(path.display().to_string());
    }
    // Judge the existing configuration before anything is created, so a refusal (an invalid
    // configuration without --force) leaves no key and no file behind.
    let planned = Store::init_outcome(repo.root(), force, &defaults)?;
    // The key is made (or reused) when the configuration is written, and made again when the
    // unchanged configuration names it but it is gone.
    let mut key_created = None;
    if let KeyPlace::At(path) = &place
        && (planned.writes_config() || (planned == InitOutcome::Unchanged && !path.exists()))
    {
        key_created = Some(maestro_cli::audit::ensure_repository_key(path, repo.root())?.1);
    }
    let (store, outcome) = Store::init_with(repo.root(), force, &defaults)?;
    let excluded = repo.ensure_excluded("/.mso/").map_err(|e| {
        anyhow::Error::new(e).context(format!(
            "cannot add /.mso/ to {}",
            repo.common_dir().join("info/exclude").display()
        ))
    })?;
    let mut adopted = false;
    let ws = maestro_cli::workspace::Workspace {
        config: store.config()?,
        store: store.clone(),
        repo,
    };
    if outcome.writes_config() || key_created == Some(true) {
        // A log written before the key existed gets its first signed checkpoint now; one that
        // does not verify is left for `maestro audit verify` to report.
        match maestro_cli::audit::adopt_log(ws.store.dir(), &ws.config) {
            Ok(signed) => adopted = signed,
            Err(e) => out.info(&format!(
                "warning: the audit log's checkpoint stays unsigned: {}",
                crate::output::one_line(&e)
            ))?,
        }
        maestro_cli::audit::record(
            &ws,
            "config.change",
            "workspace.json",
            maestro_audit::Details::new()
                .with(
                    "change",
                    match outcome {
                        InitOutcome::Created => "created with the defaults",
                        InitOutcome::Completed => "audit.keyFile added",
                        InitOutcome::Reset => "reset to the defaults",
                        _ => "audit key created again",
                    },
                )
                .with("audit_key", ws.config.audit.key_file.is_some()),
        )?;
    }
    finish(
        out,
        &ws.repo,
        &store,
        Report {
            outcome,
            excluded,
            place: &place,
            key_created,
            adopted,
        },
    )
}

/// What `init` did, for the user.
#[derive(Clone, Copy)]
struct Report<'a> {
    outcome: InitOutcome,
    excluded: bool,
    place: &'a KeyPlace,
    /// `Some(true)` when the key was created, `Some(false)` when an existing one was reused,
    /// `None` when the key was not touched.
    key_created: Option<bool>,
    /// Whether an unsigned log's checkpoint was signed.
    adopted: bool,
}

fn finish(out: Output, repo: &Repo, store: &Store, report: Report) -> anyhow::Result<Outcome> {
    let config = display_path(&store.config_path());
    let Report {
        outcome,
        excluded,
        place,
        key_created,
        adopted,
    } = report;
    let configured_key = store.config()?.audit.key_file;
    if out.json {
        let outcome = match outcome {
            InitOutcome::Created => "created",
            InitOutcome::Unchanged => "unchanged",
            InitOutcome::KeptChanged => "kept",
            InitOutcome::Reset => "reset",
            InitOutcome::Completed => "completed",
        };
        output::json(&json!({
            "root": repo.root(),
            "config": store.config_path(),
            "outcome": outcome,
            "excluded": excluded,
            "audit_key": configured_key,
            "audit_key_created": key_created == Some(true),
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
        InitOutcome::Completed => format!("already initialised: added audit.keyFile to {config}"),
    };
    out.info(&message)?;
    match (place, key_created) {
        (KeyPlace::At(path), Some(true)) => out.info(&format!(
            "created the audit signing key {} (mode 0600, outside the repository)",
            path.display()
        ))?,
        (KeyPlace::At(path), Some(false)) => {
            out.info(&format!("reused the audit signing key {}", path.display()))?;
        }
        (KeyPlace::Nowhere(reason), _) if outcome.writes_config() => out.info(&format!(
            "audit checkpoints are not signed: {reason} (or set audit.keyFile)"
        ))?,
        _ => {}
    }
    if adopted {
        out.info("signed the audit log's checkpoint with the key")?;
    }
    if excluded {
        out.info("added /.mso/ to .git/info/exclude")?;
    }
    Ok(Outcome::Clean)
}
