//! The workspace's audit log: where it is, which key signs and verifies its checkpoints, and
//! the entries of the command line's own privileged actions.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use maestro_audit::{Chain, Details, Event, KeyError, Options, Signer, Verifier};
use maestro_core::WorkspaceConfig;

use crate::workspace::Workspace;

/// `.mso/audit.log`.
#[must_use]
pub fn log_path(mso: &Path) -> PathBuf {
    mso.join("audit.log")
}

/// The key that signs and verifies the workspace's checkpoints.
#[derive(Debug)]
pub struct AuditKey {
    /// The key text (`ed25519:…`, `ed25519-public:…`, `hmac-sha256:…`).
    pub text: String,
    /// Where it came from, for messages.
    pub what: String,
}

/// Which key is in force, per the rules of `maestro audit verify --help`.
#[derive(Debug)]
pub enum KeyChoice {
    /// No key: checkpoints are unsigned.
    None,
    /// This key.
    Key(AuditKey),
    /// `workspace.json` names a key that is not this repository's own: a sign that someone
    /// who could edit `.mso/` tried to swap the key.
    Conflict(String),
}

/// The configured key's text (`audit.keyFile`, else `audit.keyEnv`), if any.
pub fn configured_key(config: &WorkspaceConfig) -> anyhow::Result<Option<AuditKey>> {
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
#[must_use]
pub fn repository_key_path(mso: &Path) -> Option<PathBuf> {
    mso.parent()
        .and_then(|root| maestro_core::store::audit_key::audit_key_path(root).ok())
}

/// This repository's own key, if it exists.
pub fn repository_key(mso: &Path) -> anyhow::Result<Option<(PathBuf, AuditKey)>> {
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
#[must_use]
pub fn key_identity(text: &str) -> Option<String> {
    let verifier = Verifier::from_key_text(text).ok()?;
    verifier
        .public_key_text()
        .or_else(|| Signer::from_key_text(text).ok().map(|s| s.to_key_text()))
}

/// The key in force: this repository's own key when it exists (whatever `workspace.json`
/// says, so that editing `.mso/` cannot switch signing off), else the configured one.
pub fn key_choice(mso: &Path, config: &WorkspaceConfig) -> anyhow::Result<KeyChoice> {
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
pub fn signing_key(mso: &Path, config: &WorkspaceConfig) -> anyhow::Result<Option<AuditKey>> {
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

pub fn verifier(key: Option<&AuditKey>) -> anyhow::Result<Option<Verifier>> {
    key.map(|key| {
        Verifier::from_key_text(&key.text).with_context(|| format!("invalid key in {}", key.what))
    })
    .transpose()
}

/// Where the latest signed checkpoint is copied: beside the key file that signs (this
/// repository's own key when it exists, else `audit.keyFile`), as far out of a crew's reach as
/// the key. A rolled-back `audit.head` is told by it. `None` for a key from the environment.
#[must_use]
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
    crate::workspace::private_dir(dir)?;
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
    append_to(
        &mut open_chain(mso, config)?,
        actor,
        action,
        subject,
        details,
    )
}

fn append_to(
    chain: &mut Chain,
    actor: &str,
    action: &str,
    subject: &str,
    details: Details,
) -> anyhow::Result<()> {
    match chain.append(&Event::new(actor, action, subject).with_details(details)) {
        Ok(_) => Ok(()),
        Err(error @ maestro_audit::AppendError::CorruptTail { .. }) => Err(anyhow::Error::new(error)
            .context(format!(
                "cannot record {action} in the audit log (`maestro audit verify` tells what is wrong; `--repair` repairs a torn tail)"
            ))),
        Err(error) => Err(anyhow::Error::new(error)
            .context(format!("cannot record {action} in the audit log"))),
    }
}

/// Appends an entry for a privileged action of the command line (actor `cli`) to an open
/// `chain` (a command that records several entries while it holds a voyage).
pub fn record_in(
    chain: &mut Chain,
    action: &str,
    subject: &str,
    details: Details,
) -> anyhow::Result<()> {
    append_to(chain, "cli", action, subject, details)
}

/// Audits orders put back to pending (`order.retry`), the released ones marked `unblocked`.
pub fn record_resets(
    chain: &mut maestro_audit::Chain,
    voyage: &maestro_core::VoyageName,
    retried: &[maestro_core::store::Reset],
    unblocked: &[maestro_core::store::Reset],
) -> anyhow::Result<()> {
    for (reset, released) in retried
        .iter()
        .map(|r| (r, false))
        .chain(unblocked.iter().map(|r| (r, true)))
    {
        record_in(
            chain,
            "order.retry",
            &format!("{voyage}/{}", reset.order.id()),
            maestro_audit::Details::new()
                .with("from", reset.from.as_str())
                .with("attempts", reset.order.attempts)
                .with("unblocked", released),
        )?;
    }
    Ok(())
}
