//! `maestro audit verify [--repair]` and `maestro audit show [--tail N]`, and the audit entries
//! of the command line's own privileged actions.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use maestro_audit::{Chain, Details, Event, FailureKind, Options, Signer, Verifier, head_path_for};
use maestro_core::WorkspaceConfig;

use crate::commands::Outcome;
use crate::output::{self, Output};
use crate::workspace::Workspace;

/// `.mso/audit.log`.
pub fn log_path(mso: &Path) -> PathBuf {
    mso.join("audit.log")
}

/// The configured key's text (`audit.keyFile`, else `audit.keyEnv`), if any.
fn key_text(config: &WorkspaceConfig) -> anyhow::Result<Option<(String, String)>> {
    if let Some(file) = &config.audit.key_file {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read the audit key {file} (audit.keyFile)"))?;
        return Ok(Some((text, format!("audit.keyFile {file}"))));
    }
    if let Some(name) = &config.audit.key_env {
        let text = std::env::var(name)
            .with_context(|| format!("audit.keyEnv names {name}, which is not set"))?;
        return Ok(Some((text, format!("audit.keyEnv {name}"))));
    }
    Ok(None)
}

/// The signer of the configured key, when it is a signing key (a public key only verifies).
pub fn signer(config: &WorkspaceConfig) -> anyhow::Result<Option<Signer>> {
    match key_text(config)? {
        Some((text, what)) if !text.trim_start().starts_with("ed25519-public:") => Ok(Some(
            Signer::from_key_text(&text).with_context(|| format!("invalid key in {what}"))?,
        )),
        _ => Ok(None),
    }
}

fn verifier(config: &WorkspaceConfig) -> anyhow::Result<Option<Verifier>> {
    key_text(config)?
        .map(|(text, what)| {
            Verifier::from_key_text(&text).with_context(|| format!("invalid key in {what}"))
        })
        .transpose()
}

/// Opens the workspace's chain, signing checkpoints when a signing key is configured.
pub fn open_chain(mso: &Path, config: &WorkspaceConfig) -> anyhow::Result<Chain> {
    Chain::open(
        log_path(mso),
        Options {
            signer: signer(config)?,
            ..Options::default()
        },
    )
    .context("cannot open the audit log")
}

/// Appends an entry for a privileged action of the command line (actor `cli`).
pub fn record(ws: &Workspace, action: &str, subject: &str, details: Details) -> anyhow::Result<()> {
    append(ws.store.dir(), &ws.config, "cli", action, subject, details)
}

/// Appends one entry to the audit log of the workspace whose state lives in `mso`.
pub fn append(
    mso: &Path,
    config: &WorkspaceConfig,
    actor: &str,
    action: &str,
    subject: &str,
    details: Details,
) -> anyhow::Result<()> {
    let mut chain = open_chain(mso, config)?;
    chain
        .append(&Event::new(actor, action, subject).with_details(details))
        .with_context(|| format!("cannot record {action} in the audit log"))?;
    Ok(())
}

/// `maestro audit verify [--repair]`.
pub fn verify(out: Output, repair: bool) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let log = log_path(ws.store.dir());
    let verifier = verifier(&ws.config)?;
    let mut report = maestro_audit::verify(&log, &head_path_for(&log), verifier.as_ref())
        .with_context(|| format!("cannot verify {}", log.display()))?;
    let repairable = report.failure.as_ref().map(|f| f.kind);
    if repair && repairable == Some(FailureKind::TornTail) {
        let mut chain = open_chain(ws.store.dir(), &ws.config)?;
        if let Some(repaired) = chain.repair_tail()? {
            out.info(&format!(
                "moved the torn last line ({} bytes) to {}",
                repaired.bytes,
                repaired.side_file.display()
            ))?;
        }
        report = maestro_audit::verify(&log, &head_path_for(&log), verifier.as_ref())?;
    } else if repair && repairable == Some(FailureKind::CheckpointMalformed) {
        // A checkpoint damaged by a crash is rewritten from the last verified entry.
        let mut chain = open_chain(ws.store.dir(), &ws.config)?;
        chain.repair_checkpoint()?;
        out.info("rewrote the damaged checkpoint from the last verified entry")?;
        report = maestro_audit::verify(&log, &head_path_for(&log), verifier.as_ref())?;
    }
    if out.json {
        output::json(&serde_json::json!({
            "ok": report.failure.is_none(),
            "entries": report.entries_checked,
            "signature_verified": report.signature_verified,
            "failure": report.failure.as_ref().map(|f| serde_json::json!({
                "kind": format!("{:?}", f.kind),
                "line": f.line,
                "seq": f.seq,
                "message": f.to_string(),
            })),
        }))?;
    } else if let Some(failure) = &report.failure {
        output::data(&format!("FAILED: {failure}"))?;
    } else {
        output::data(&format!(
            "ok: {} entries verified{}",
            report.entries_checked,
            if report.signature_verified {
                ", checkpoint signature valid"
            } else if verifier.is_some() {
                ""
            } else {
                " (checkpoint not signed: no audit key configured)"
            }
        ))?;
    }
    Ok(if report.failure.is_some() {
        Outcome::Problem
    } else {
        Outcome::Clean
    })
}

/// `maestro audit show [--tail N]`.
pub fn show(out: Output, tail: Option<usize>) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let log = log_path(ws.store.dir());
    if !log.exists() {
        out.info("the audit log is empty")?;
        return Ok(Outcome::Clean);
    }
    let print = |entry: &maestro_audit::Entry| -> anyhow::Result<()> {
        if out.json {
            output::data(&entry.raw)?;
        } else {
            output::data(&format!(
                "#{} {} {} {} {} {}",
                entry.seq, entry.ts, entry.actor, entry.action, entry.subject, entry.details
            ))?;
        }
        Ok(())
    };
    let mut malformed = false;
    match tail {
        Some(n) => {
            for entry in maestro_audit::tail(&log, n)? {
                match entry {
                    Ok(entry) => print(&entry)?,
                    Err(_) => malformed = true,
                }
            }
        }
        None => {
            for entry in maestro_audit::entries(&log)? {
                match entry {
                    Ok(entry) => print(&entry)?,
                    Err(_) => malformed = true,
                }
            }
        }
    }
    if malformed {
        anyhow::bail!(
            "{} holds malformed lines; run `maestro audit verify` to locate them",
            log.display()
        );
    }
    Ok(Outcome::Clean)
}
