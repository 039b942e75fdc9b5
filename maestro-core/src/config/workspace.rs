//! The workspace as a whole: the `.mso/` directory and its `workspace.json`, section by section.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::agent::{Agent, RoleProfile};
use super::audit::AuditKey;
use super::crews::{Crews, Worktrees};
use super::licence::Licence;
use super::mcp::Mcp;
use super::residency::DataResidency;
use super::scan::Scan;
use super::services::{Anthropic, Github};
use crate::persona::Persona;
use crate::role::Role;

/// The directory, at the repository root, that holds maestro's state: `workspace.json`, the
/// voyages, the audit log and the crews' worktrees.
pub const STATE_DIR: &str = ".mso";

/// The only configuration format version this build understands.
pub const CONFIG_VERSION: u32 = 1;

/// The whole of `.mso/workspace.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[schemars(title = "maestro workspace.json")]
pub struct WorkspaceConfig {
    /// Format version; must be 1.
    pub version: u32,
    /// The words the command line prints (`nautical`: voyage/order/crew, `plain`: sprint/task/agent).
    pub persona: Persona,
    /// Where maestro may send network traffic.
    pub data_residency: DataResidency,
    /// The model provider reached through the claude CLI.
    pub anthropic: Anthropic,
    /// The GitHub REST API used by `maestro release`.
    pub github: Github,
    /// Licence token and validation endpoint.
    pub licence: Licence,
    /// Limits for crews.
    pub crews: Crews,
    /// The default agent program.
    pub agent: Agent,
    /// Per-role overrides of the built-in role profiles.
    #[schemars(schema_with = "roles_schema")]
    pub roles: BTreeMap<Role, RoleProfile>,
    /// Scanner behaviour.
    pub scan: Scan,
    /// MCP servers offered to crews once approved.
    pub mcp: Mcp,
    /// Crew worktrees.
    pub worktrees: Worktrees,
    /// The key that signs the audit log's checkpoint (absent from the defaults: unsigned).
    #[serde(skip_serializing_if = "AuditKey::is_unset")]
    pub audit: AuditKey,
}

impl Default for WorkspaceConfig {
    fn default() -> Self {
        WorkspaceConfig {
            version: CONFIG_VERSION,
            persona: Persona::default(),
            data_residency: DataResidency::default(),
            anthropic: Anthropic::default(),
            github: Github::default(),
            licence: Licence::default(),
            crews: Crews::default(),
            agent: Agent::default(),
            roles: BTreeMap::new(),
            scan: Scan::default(),
            mcp: Mcp::default(),
            worktrees: Worktrees::default(),
            audit: AuditKey::default(),
        }
    }
}

/// `roles`: an object whose keys can only be role names.
fn roles_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let profile = serde_json::Value::from(generator.subschema_for::<RoleProfile>());
    let properties: serde_json::Map<String, serde_json::Value> = Role::ALL
        .iter()
        .map(|role| (role.as_str().to_owned(), profile.clone()))
        .collect();
    schemars::json_schema!({
        "description": "Per-role overrides of the built-in role profiles.",
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    })
}
