//! `maestro audit verify [--repair]` and `maestro audit show [--tail N]`.

use anyhow::Context as _;
use maestro_audit::{FailureKind, Verifier, head_path_for};
use maestro_cli::audit::{
    KeyChoice, adopt_log, key_choice, log_path, open_chain, verifier, witness_path,
};
use maestro_cli::workspace::Workspace;

use crate::commands::Outcome;
use crate::output::{self, Output};

/// `maestro audit verify [--repair]`.
pub fn verify(out: Output, repair: bool) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let log = log_path(ws.store.dir());
    let key = match key_choice(ws.store.dir(), &ws.config)? {
        KeyChoice::None => None,
        KeyChoice::Key(key) => Some(key),
        KeyChoice::Conflict(message) => return failed(out, &message, 0),
    };
    let verifier = verifier(key.as_ref())?;
    if verifier.is_some() && !log.exists() {
        let message = format!(
            "{} does not exist, but checkpoints are signed with {}",
            log.display(),
            key.as_ref().map_or("", |k| k.what.as_str())
        );
        return failed(out, &message, 0);
    }
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
    } else if repair && signature_failure(&report, verifier.as_ref()) {
        // A key configured (or changed) after the log was written: the log as it is now gets a
        // checkpoint signed with it (maestro never does that on its own, see `--help`).
        if adopt_log(ws.store.dir(), &ws.config)? {
            out.info("signed the checkpoint: the log as it is now is vouched for by the key")?;
        }
        report = maestro_audit::verify(&log, &head_path_for(&log), verifier.as_ref())?;
    }
    // The latest checkpoint signed, kept outside the repository: the log must still hold its
    // entry (an older signed audit.head put back over a rewrite verifies on its own).
    if report.failure.is_none()
        && let Some(verifier) = &verifier
        && let Some(witness) = witness_path(ws.store.dir(), &ws.config).filter(|w| w.exists())
    {
        let against = maestro_audit::verify(&log, &witness, Some(verifier)).with_context(|| {
            format!(
                "cannot verify {} against {}",
                log.display(),
                witness.display()
            )
        })?;
        if let Some(failure) = against.failure {
            let message = format!(
                "the log does not hold the last checkpoint maestro signed, kept in {}: {failure} (audit.head was rolled back over a rewrite, or the log was cut)",
                witness.display()
            );
            return failed(out, &message, report.entries_checked);
        }
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
        if matches!(
            failure.kind,
            FailureKind::CheckpointMalformed | FailureKind::TornTail
        ) {
            out.info("`maestro audit verify --repair` repairs it")?;
        }
        if signature_failure(&report, verifier.as_ref()) {
            out.info(
                "if the key was configured or changed after these entries were written, \
                 `maestro audit verify --repair` signs the log as it is now (a rewrite too: \
                 check it first)",
            )?;
        }
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

/// Whether verification with a key failed on the checkpoint's signature (missing, or not by
/// this key) of a log that is otherwise consistent.
fn signature_failure(report: &maestro_audit::VerifyReport, verifier: Option<&Verifier>) -> bool {
    verifier.is_some()
        && report
            .failure
            .as_ref()
            .is_some_and(|f| f.kind == FailureKind::CheckpointSignature)
}

/// Reports a verification failure that is not about one entry: exit code 1.
fn failed(out: Output, message: &str, entries: u64) -> anyhow::Result<Outcome> {
    if out.json {
        output::json(&serde_json::json!({
            "ok": false,
            "entries": entries,
            "signature_verified": false,
            "failure": {"kind": "Key", "line": 0, "seq": null, "message": message},
        }))?;
    } else {
        output::data(&format!("FAILED: {message}"))?;
    }
    Ok(Outcome::Problem)
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
