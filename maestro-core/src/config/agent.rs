//! `agent` and `roles`: the default agent program and per-role overrides.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `agent`: the default agent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Agent {
    /// `claude` (Claude Code) or `command` (any program, prompt on stdin).
    pub kind: AgentKind,
    /// The program to run.
    pub program: String,
    /// Arguments appended to every invocation.
    pub extra_args: Vec<String>,
}

impl Default for Agent {
    fn default() -> Self {
        Agent {
            kind: AgentKind::Claude,
            program: "claude".to_owned(),
            extra_args: Vec::new(),
        }
    }
}

/// The kind of the default agent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AgentKind {
    /// `claude -p --output-format stream-json`.
    #[default]
    Claude,
    /// Any program; its exit code is the crew's result.
    Command,
}

crate::json::deserialize_by_name!(AgentKind);

impl AgentKind {
    /// Every value.
    pub const ALL: [AgentKind; 2] = [AgentKind::Claude, AgentKind::Command];

    /// The name used in `workspace.json`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            AgentKind::Claude => "claude",
            AgentKind::Command => "command",
        }
    }
}

/// `roles.<role>`: overrides of a built-in role profile; absent keys keep the built-in value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct RoleProfile {
    /// Replaces the role's system prompt addition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    /// Claude Code permission mode (e.g. `acceptEdits`, `plan`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permission_mode: Option<String>,
    /// Tools the crew may use without asking.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_tools: Option<Vec<String>>,
    /// Tools the crew may not use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disallowed_tools: Option<Vec<String>>,
    /// Model for this role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
}
