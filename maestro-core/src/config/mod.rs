//! `workspace.json`: the workspace configuration.
//!
//! Keys are camelCase, unknown keys are refused, and every section has the defaults of the
//! specification, so `{}` and `{"version": 1}` are complete configurations.
//!
//! Each section has a module of its own; reading the file is [`WorkspaceConfig::load`] and its
//! checks beyond the schema are in `validate`.

mod agent;
mod audit;
mod crews;
mod licence;
mod load;
mod mcp;
mod residency;
mod scan;
mod services;
mod validate;
mod workspace;

pub use agent::{Agent, AgentKind, RoleProfile};
pub use audit::AuditKey;
pub use crews::{Crews, ExecutorConfig, ExecutorKind, JobResources, SandboxMode, Worktrees};
pub use licence::Licence;
pub use load::ConfigError;
pub use mcp::{Mcp, McpServer};
pub use residency::{DataResidency, ResidencyMode};
pub use scan::{DEFAULT_MAX_FILE_SIZE, Scan, Severity};
pub use services::{Anthropic, DEFAULT_ANTHROPIC_URL, Github, PushMode};
pub use workspace::{CONFIG_VERSION, STATE_DIR, WorkspaceConfig};

#[cfg(test)]
mod tests;
