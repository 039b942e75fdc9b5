//! Claude Code's own sandbox: the `sandbox` object of a crew's settings.

use std::path::PathBuf;

use serde_json::{Value, json};

use super::Sandbox;
use super::paths::strings;

impl Sandbox {
    /// The `sandbox` object of Claude Code's settings for a crew: every Bash command runs
    /// sandboxed (refusing to start when the sandbox cannot be had, never falling back to
    /// running unsandboxed, without asking for permission), writes only in the working
    /// directory, Claude Code's temporary directory and the writable caches, the git common
    /// directory read-only, `.mso/`, the worktrees' directory, the audit key and the credential
    /// files unreadable, and network only to the allowed hosts, others refused without asking.
    ///
    /// The crew's worktree is its working directory, which Claude Code keeps writable and
    /// readable inside the denied `.mso/`, so the settings are the same for every crew. Claude
    /// Code shows a denied directory as an empty one of the command's own: a write there does
    /// not fail but never reaches the disk.
    #[must_use]
    pub fn claude_settings(&self) -> Value {
        json!({
            "enabled": true,
            "failIfUnavailable": true,
            "allowUnsandboxedCommands": false,
            "autoAllowBashIfSandboxed": true,
            "filesystem": {
                "allowWrite": strings(self.writable.iter().map(PathBuf::as_path)),
                "denyWrite": strings([self.git_common_dir.as_path()]),
                "denyRead": strings(self.unreadable()),
            },
            "network": {
                "allowedDomains": self.network.allowed_domains(),
                "strictAllowlist": true,
            },
            // Unset inside the sandbox: the claude process itself keeps its API key, its
            // commands do not see it.
            "credentials": {
                "envVars": self
                    .withheld_env
                    .iter()
                    .map(|name| json!({"name": name, "mode": "deny"}))
                    .collect::<Vec<_>>(),
            },
        })
    }
}
