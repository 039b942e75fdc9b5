//! The audit log, with maestro-audit.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use maestro_core::WorkspaceConfig;
use maestro_core::ports::{AuditEvent, AuditSink, PortError};

/// The audit log `.mso/audit.log`, opened when first written to. Every string of an entry
/// passes the secret redactor first: paths, titles and reasons can quote a credential.
#[derive(Debug)]
pub struct AuditPort {
    mso: Option<PathBuf>,
    config: WorkspaceConfig,
    chain: std::sync::OnceLock<Mutex<maestro_audit::Chain>>,
}

impl AuditPort {
    /// Opens the workspace's log (checkpoints signed when a signing key is configured).
    pub fn open(mso: &Path, config: &WorkspaceConfig) -> anyhow::Result<AuditPort> {
        let port = AuditPort::lazy(Some(mso.parent().unwrap_or(mso)), config);
        port.chain()?;
        Ok(port)
    }

    /// The log of the workspace at `root`, opened on the first entry; without a workspace,
    /// entries go nowhere.
    #[must_use]
    pub fn lazy(root: Option<&Path>, config: &WorkspaceConfig) -> AuditPort {
        AuditPort {
            mso: root.map(|r| r.join(maestro_core::store::STATE_DIR)),
            config: config.clone(),
            chain: std::sync::OnceLock::new(),
        }
    }

    fn chain(&self) -> anyhow::Result<Option<&Mutex<maestro_audit::Chain>>> {
        let Some(mso) = &self.mso else {
            return Ok(None);
        };
        if let Some(chain) = self.chain.get() {
            return Ok(Some(chain));
        }
        let chain = crate::audit::open_chain(mso, &self.config)?;
        Ok(Some(self.chain.get_or_init(|| Mutex::new(chain))))
    }
}

impl AuditSink for AuditPort {
    fn record(&self, event: AuditEvent) -> Result<(), PortError> {
        let Some(chain) = self.chain().map_err(|e| -> PortError { e.into() })? else {
            return Ok(());
        };
        let mut details = serde_json::Value::Object(event.details);
        crate::redaction::redact_strings(&mut details);
        let serde_json::Value::Object(details) = details else {
            unreachable!("redaction keeps an object an object")
        };
        let details = maestro_audit::Details::try_from(details)?;
        let entry = maestro_audit::Event::new(
            crate::redaction::redacted(&event.actor),
            crate::redaction::redacted(&event.action),
            crate::redaction::redacted(&event.subject),
        )
        .with_details(details);
        chain
            .lock()
            .map_err(|_| "the audit log lock is poisoned")?
            .append(&entry)?;
        Ok(())
    }

    fn recorded(
        &self,
        action: &str,
        subject: &str,
        key: &str,
        value: &str,
    ) -> Result<bool, PortError> {
        // Entries are stored redacted: the question is asked in the same form.
        let (action, subject) = (
            crate::redaction::redacted(action),
            crate::redaction::redacted(subject),
        );
        let Some(chain) = self.chain().map_err(|e| -> PortError { e.into() })? else {
            return Ok(false);
        };
        // Whatever was appended is on disk before the log is read.
        let path = chain
            .lock()
            .map_err(|_| "the audit log lock is poisoned")?
            .path()
            .to_owned();
        for entry in maestro_audit::entries(&path)? {
            let entry = entry?;
            if entry.action == action
                && entry.subject == subject
                && entry.details.get(key).and_then(serde_json::Value::as_str) == Some(value)
            {
                return Ok(true);
            }
        }
        Ok(false)
    }
}
