//! `audit`: where the key of the audit checkpoint lives.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `audit`: where the key that signs (or only verifies) the audit checkpoint lives. It must be
/// outside `.mso/`, where agents could read it. The key text format is maestro-audit's
/// (`ed25519:<seed>`, `ed25519-public:<key>`, `hmac-sha256:<secret>`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct AuditKey {
    /// A file holding the key.
    pub key_file: Option<String>,
    /// An environment variable holding the key (used when `keyFile` is not set).
    pub key_env: Option<String>,
}

impl AuditKey {
    /// Whether no key is configured (the section is then left out of `workspace.json`).
    #[must_use]
    pub fn is_unset(&self) -> bool {
        self.key_file.is_none() && self.key_env.is_none()
    }
}
