//! `maestro audit verify [--repair]` and `maestro audit show [--tail N]`, and the audit entries
//! of the command line's own privileged actions.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use maestro_audit::{
    Chain, Details, Event, FailureKind, KeyError, Options, Signer, Verifier, head_path_for,
};
use maestro_core::WorkspaceConfig;

use crate::commands::Outcome;
use crate::output::{self, Output};
use crate::workspace::Workspace;

/// `.mso/audit.log`.
pub fn log_path(mso: &Path) -> PathBuf {
    mso.join("audit.log")
}

/// The key that signs and verifies the workspace's checkpoints.
struct AuditKey {
    /// The key text (`ed25519:…`, `ed25519-public:…`, `hmac-sha256:…`).
    text: String,
    /// Where it came from, for messages.
    what: String,
}

/// Which key is in force, per the rules of `maestro audit verify --help`.
enum KeyChoice {
    /// No key: checkpoints are unsigned.
    None,
    /// This key.
    Key(AuditKey),
    /// `workspace.json` names a key that is not this repository's own: a sign that someone
    /// who could edit `.mso/` tried to swap the key.
    Conflict(String),
}

/// The configured key's text (`audit.keyFile`, else `audit.keyEnv`), if any.
fn configured_key(config: &WorkspaceConfig) -> anyhow::Result<Option<AuditKey>> {
    if let Some(file) = &config.audit.key_file {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read the audit key {file} (audit.keyFile)"))?;
        return Ok(Some(AuditKey {
            text,
            what: format!("audit.keyFile {file}"),
        }));
    }
    if let Some(name) = &config.audit.key_env {
        let text = std::env::var(name)
            .with_context(|| format!("audit.keyEnv names {name}, which is not set"))?;
        return Ok(Some(AuditKey {
            text,
            what: format!("audit.keyEnv {name}"),
        }));
    }
    Ok(None)
}

/// Where this repository's own key lives (in the user's configuration directory), if there is
/// such a place: `mso` is the repository's `.mso/`.
pub fn repository_key_path(mso: &Path) -> Option<PathBuf> {
    mso.parent()
        .and_then(|root| maestro_core::store::audit_key::audit_key_path(root).ok())
}

/// This repository's own key, if it exists.
fn repository_key(mso: &Path) -> anyhow::Result<Option<(PathBuf, AuditKey)>> {
    let Some(path) = repository_key_path(mso) else {
        return Ok(None);
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some((
            path.clone(),
            AuditKey {
                text,
                what: format!("this repository's audit key {}", path.display()),
            },
        ))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(anyhow::Error::new(e).context(format!(
            "cannot read this repository's audit key {}",
            path.display()
        ))),
    }
}

/// What identifies a key for comparison: its public key (Ed25519), or the secret (HMAC).
fn key_identity(text: &str) -> Option<String> {
    let verifier = Verifier::from_key_text(text).ok()?;
    verifier
        .public_key_text()
        .or_else(|| Signer::from_key_text(text).ok().map(|s| s.to_key_text()))
}

/// The key in force: this repository's own key when it exists (whatever `workspace.json`
/// says, so that editing `.mso/` cannot switch signing off), else the configured one.
fn key_choice(mso: &Path, config: &WorkspaceConfig) -> anyhow::Result<KeyChoice> {
    let own = repository_key(mso)?;
    let configured = match (&own, &config.audit.key_file) {
        // The configuration names the repository's own key file: nothing to compare.
        (Some((path, _)), Some(file)) if Path::new(file) == path.as_path() => None,
        _ => configured_key(config)?,
    };
    Ok(match (own, configured) {
        (None, None) => KeyChoice::None,
        (Some((_, key)), None) | (None, Some(key)) => KeyChoice::Key(key),
        (Some((path, own)), Some(configured)) => {
            let same = key_identity(&own.text)
                .is_some_and(|id| key_identity(&configured.text) == Some(id));
            if same {
                KeyChoice::Key(own)
            } else {
                KeyChoice::Conflict(format!(
                    "{} in .mso/workspace.json is not this repository's audit key {}; \
                     remove it from workspace.json, or delete {} to sign with another key",
                    configured.what,
                    path.display(),
                    path.display()
                ))
            }
        }
    })
}

/// The key that signs: this repository's own key when it exists (a key that `workspace.json`
/// names besides it is ignored here, and reported by `maestro audit verify`), else the
/// configured one.
fn signing_key(mso: &Path, config: &WorkspaceConfig) -> anyhow::Result<Option<AuditKey>> {
    match repository_key(mso)? {
        Some((_, key)) => Ok(Some(key)),
        None => configured_key(config),
    }
}

/// The signer of the workspace whose state lives in `mso`, when its key is a signing key (a
/// public key only verifies).
pub fn signer(mso: &Path, config: &WorkspaceConfig) -> anyhow::Result<Option<Signer>> {
    match signing_key(mso, config)? {
        Some(key) if !key.text.trim_start().starts_with("ed25519-public:") => Ok(Some(
            Signer::from_key_text(&key.text)
                .with_context(|| format!("invalid key in {}", key.what))?,
        )),
        _ => Ok(None),
    }
}

fn verifier(key: Option<&AuditKey>) -> anyhow::Result<Option<Verifier>> {
    key.map(|key| {
        Verifier::from_key_text(&key.text).with_context(|| format!("invalid key in {}", key.what))
    })
    .transpose()
}

/// Where the latest signed checkpoint is copied: beside the key file that signs (this
/// repository's own key when it exists, else `audit.keyFile`), as far out of a crew's reach as
/// the key. A rolled-back `audit.head` is told by it. `None` for a key from the environment.
pub fn witness_path(mso: &Path, config: &WorkspaceConfig) -> Option<PathBuf> {
    let key = repository_key_path(mso)
        .filter(|path| path.exists())
        .or_else(|| config.audit.key_file.as_ref().map(PathBuf::from))?;
    Some(key.with_extension("witness"))
}

/// Opens the workspace's chain, signing checkpoints when a signing key is in force (and
/// copying each to the witness).
pub fn open_chain(mso: &Path, config: &WorkspaceConfig) -> anyhow::Result<Chain> {
    let signer = signer(mso, config)?;
    Chain::open(
        log_path(mso),
        Options {
            witness: signer.as_ref().and_then(|_| witness_path(mso, config)),
            signer,
            ..Options::default()
        },
    )
    .context("cannot open the audit log")
}

/// Creates this repository's audit key (Ed25519, mode 0600, in a directory of mode 0700) if
/// it does not exist yet; an existing one is checked and reused, never replaced. Returns the
/// key file and whether it was created.
pub fn ensure_repository_key(path: &Path, repo_root: &Path) -> anyhow::Result<(PathBuf, bool)> {
    let reuse = |path: &Path| -> anyhow::Result<(PathBuf, bool)> {
        Signer::from_key_file(path)
            .with_context(|| format!("the audit key {} is not a signing key", path.display()))?;
        Ok((path.to_owned(), false))
    };
    if path.exists() {
        return reuse(path);
    }
    let dir = path.parent().context("an audit key path has a directory")?;
    private_dir(dir)?;
    let signer = Signer::generate_ed25519()?;
    match signer.write_new_key_file(
        path,
        &format!("maestro audit signing key of {}", repo_root.display()),
    ) {
        Ok(()) => Ok((path.to_owned(), true)),
        // Another `maestro init` of this repository won the race: use its key.
        Err(KeyError::Write { source, .. })
            if source.kind() == std::io::ErrorKind::AlreadyExists =>
        {
            reuse(path)
        }
        Err(e) => Err(e.into()),
    }
}

/// Creates `dir` (and its parents) readable by its owner only, and makes sure an existing
/// `dir` is not open to others.
fn private_dir(dir: &Path) -> anyhow::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt as _, PermissionsExt as _};
        builder.mode(0o700);
        builder
            .create(dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        let mode = std::fs::metadata(dir)
            .with_context(|| format!("cannot inspect {}", dir.display()))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
                .with_context(|| format!("cannot make {} private (mode 0700)", dir.display()))?;
        }
    }
    #[cfg(not(unix))]
    builder
        .create(dir)
        .with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(())
}

/// Signs the log as it is now with the workspace's key, over a checkpoint that is unsigned or
/// signed with another key (see [`Chain::sign_checkpoint`]): only on the user's request.
/// `Ok(false)` when there is nothing to sign.
pub fn adopt_log(mso: &Path, config: &WorkspaceConfig) -> anyhow::Result<bool> {
    if !log_path(mso).exists() || signer(mso, config)?.is_none() {
        return Ok(false);
    }
    let mut chain = open_chain(mso, config)?;
    Ok(chain
        .sign_checkpoint()
        .context("cannot sign the audit log's checkpoint")?
        .is_some())
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
