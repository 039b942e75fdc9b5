//! `crews` and `worktrees`: limits for crews, their sandbox, and where they work.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `crews`: limits for crews.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Crews {
    /// Most crews at once (the licence tier may allow fewer).
    #[schemars(range(min = 1))]
    pub max_concurrent: u32,
    /// Seconds before a crew is stopped.
    #[schemars(range(min = 1))]
    pub timeout_secs: u64,
    /// Spending limit per crew in US dollars; `null` is no limit.
    pub max_budget_usd: Option<f64>,
    /// Spending limit of a whole voyage in US dollars, over every crew and attempt: once it is
    /// spent no new crew starts (running ones finish); `null` is no limit.
    pub voyage_budget_usd: Option<f64>,
    /// How often a failed gate is retried with its output fed back.
    pub retries: u32,
    /// Whether crews, gate commands and setup commands run in the operating system's sandbox
    /// (`on`, the default: bubblewrap on Linux). `off` runs them with maestro's own rights; it
    /// is audited and shown by `status` and `report`.
    pub sandbox: SandboxMode,
    /// Directories sandboxed crews may write besides their worktree and the temporary
    /// directory: tool caches such as `~/.cargo/registry` or `~/.cache/pip` (`~` is the home
    /// directory). Each must exist.
    pub writable_dirs: Vec<String>,
}

impl Default for Crews {
    fn default() -> Self {
        Crews {
            max_concurrent: 5,
            timeout_secs: 3600,
            max_budget_usd: None,
            voyage_budget_usd: None,
            retries: 1,
            sandbox: SandboxMode::On,
            writable_dirs: Vec::new(),
        }
    }
}

/// `crews.sandbox`: whether crews run in the operating system's sandbox.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SandboxMode {
    /// Crews, gates and setup commands run sandboxed; `run` refuses when the sandbox cannot
    /// be had.
    #[default]
    On,
    /// No sandbox: crews run with maestro's own rights (audited, and shown by `status` and
    /// `report`).
    Off,
}

crate::json::deserialize_by_name!(SandboxMode);

impl SandboxMode {
    /// Every value.
    pub const ALL: [SandboxMode; 2] = [SandboxMode::On, SandboxMode::Off];

    /// The name used in `workspace.json`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            SandboxMode::On => "on",
            SandboxMode::Off => "off",
        }
    }
}

/// `worktrees`: where crews work and how their worktrees are prepared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Worktrees {
    /// Directory of crew worktrees, relative to the repository root.
    pub dir: String,
    /// Shell command run in each new worktree before its crew starts.
    pub setup: Option<String>,
    /// Untracked files of the main checkout copied into each new worktree.
    pub copy: Vec<String>,
}

impl Default for Worktrees {
    fn default() -> Self {
        Worktrees {
            dir: ".mso/worktrees".to_owned(),
            setup: None,
            copy: Vec::new(),
        }
    }
}
