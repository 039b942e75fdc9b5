//! `workspace.json`: the workspace configuration.
//!
//! Keys are camelCase, unknown keys are refused, and every section has the defaults of the
//! specification, so `{}` and `{"version": 1}` are complete configurations.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::persona::Persona;
use crate::role::Role;

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

/// `dataResidency`: the egress policy.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct DataResidency {
    /// `standard` or `air-gapped` (loopback only).
    pub mode: ResidencyMode,
    /// Further hosts allowed in `standard` mode (`host` or `*.domain`).
    pub allow_hosts: Vec<String>,
}

/// The egress mode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ResidencyMode {
    /// The Anthropic, GitHub and licence hosts, loopback and `allowHosts`.
    #[default]
    Standard,
    /// Loopback only.
    AirGapped,
}

crate::json::deserialize_by_name!(ResidencyMode);

impl ResidencyMode {
    /// Every value.
    pub const ALL: [ResidencyMode; 2] = [ResidencyMode::Standard, ResidencyMode::AirGapped];

    /// The name used in `workspace.json`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ResidencyMode::Standard => "standard",
            ResidencyMode::AirGapped => "air-gapped",
        }
    }
}

/// `anthropic`: how crews reach a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Anthropic {
    /// Base URL of the Messages API (a local proxy in air-gapped mode); `null` is the CLI's default.
    pub base_url: Option<String>,
    /// The environment variable that holds the API key (never the key itself).
    pub api_key_env: String,
    /// Model name passed to the claude CLI; `null` is the CLI's default.
    pub model: Option<String>,
}

impl Default for Anthropic {
    fn default() -> Self {
        Anthropic {
            base_url: None,
            api_key_env: "ANTHROPIC_API_KEY".to_owned(),
            model: None,
        }
    }
}

/// The public Anthropic API, contacted (by the claude CLI) when `anthropic.baseUrl` is null.
pub const DEFAULT_ANTHROPIC_URL: &str = "https://api.anthropic.com";

/// `github`: the REST API for pushes and pull requests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Github {
    /// API base URL (GitHub Enterprise: `https://host/api/v3`).
    pub api_url: String,
    /// The environment variable that holds the token.
    pub token_env: String,
    /// `owner/name`; `null` means derived from the `origin` remote.
    pub repository: Option<String>,
    /// How branches are pushed.
    pub push: PushMode,
}

impl Default for Github {
    fn default() -> Self {
        Github {
            api_url: "https://api.github.com".to_owned(),
            token_env: "GITHUB_TOKEN".to_owned(),
            repository: None,
            push: PushMode::Api,
        }
    }
}

/// How `maestro release` pushes a branch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PushMode {
    /// Through the REST API's Git Data endpoints; needs nothing but the API.
    #[default]
    Api,
}

crate::json::deserialize_by_name!(PushMode);

impl PushMode {
    /// Every value.
    pub const ALL: [PushMode; 1] = [PushMode::Api];

    /// The name used in `workspace.json`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            PushMode::Api => "api",
        }
    }
}

/// `licence`: the licence token and where it is validated.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Licence {
    /// Validation endpoint; `null` means the one signed into the token, if any.
    pub endpoint: Option<String>,
    /// The licence token; `null` is the community tier.
    pub token: Option<String>,
    /// Extra trusted issuer public keys (base64 Ed25519) for self-hosted issuers.
    pub public_keys: Vec<String>,
}

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

/// `scan`: scanner behaviour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Scan {
    /// Block writes that hold a secret.
    pub block_secrets: bool,
    /// Code findings at or above this severity block (post-tool hook, `scan_clean` gates).
    pub block_severity: Severity,
    /// Suppressions: a rule id, a path glob or a finding fingerprint.
    pub allow: Vec<String>,
    /// The largest text (a written file, a tool input, a changed file at a gate) the scanner
    /// reads, in bytes; larger content is refused, never let through unscanned. Default:
    /// 10 MiB.
    #[schemars(range(min = 1))]
    pub max_file_size: u64,
}

/// The default of `scan.maxFileSize`: 10 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 << 20;

impl Default for Scan {
    fn default() -> Self {
        Scan {
            block_secrets: true,
            block_severity: Severity::High,
            allow: Vec::new(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// Severity of a code finding.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational.
    Low,
    /// Worth fixing.
    Medium,
    /// Exploitable in common settings.
    #[default]
    High,
    /// Exploitable almost everywhere.
    Critical,
}

crate::json::deserialize_by_name!(Severity);

impl Severity {
    /// Every value.
    pub const ALL: [Severity; 4] = [
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    /// The name used in `workspace.json`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

/// `mcp`: MCP servers defined in the workspace (besides `.mcp.json`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Mcp {
    /// Server definitions by name, in Claude Code's `.mcp.json` form.
    pub servers: BTreeMap<String, McpServer>,
}

/// An MCP server definition, as in Claude Code's `.mcp.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct McpServer {
    /// `stdio` (default when `command` is set), `http` or `sse`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Program of a local stdio server.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    /// Its arguments.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<String>,
    /// Its environment.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub env: BTreeMap<String, String>,
    /// URL of a remote server.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// HTTP headers for a remote server.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
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

/// A `workspace.json` that cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid JSON or does not match the schema.
    #[error("{}: {location}{message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// `at <json path> (line L, column C): `, or empty.
        location: String,
        /// What is wrong.
        message: String,
    },
}

impl WorkspaceConfig {
    /// Reads and validates `path`.
    pub fn load(path: &Path) -> Result<WorkspaceConfig, ConfigError> {
        let bytes = std::fs::read(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(&bytes, path)
    }

    /// Parses and validates the bytes of a `workspace.json`; `path` is used in errors only.
    pub fn parse(bytes: &[u8], path: &Path) -> Result<WorkspaceConfig, ConfigError> {
        if let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes)
            && let Some((json_path, found)) = misplaced_array(&value)
        {
            return Err(ConfigError::Invalid {
                path: path.to_owned(),
                location: if json_path.is_empty() {
                    String::new()
                } else {
                    format!("at `{json_path}`: ")
                },
                message: format!("expected an object, found {found}"),
            });
        }
        let config: WorkspaceConfig =
            crate::json::from_slice(bytes).map_err(|e| ConfigError::Invalid {
                path: path.to_owned(),
                location: e.location(),
                message: e.message,
            })?;
        config
            .validate()
            .map_err(|(json_path, message)| ConfigError::Invalid {
                path: path.to_owned(),
                location: format!("at `{json_path}`: "),
                message,
            })?;
        Ok(config)
    }

    /// The configuration as written to disk: pretty JSON with a final newline.
    #[must_use]
    pub fn to_pretty_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a config always serialises");
        text.push('\n');
        text
    }

    /// Checks the values serde cannot: ranges, URLs, host names, variable names.
    /// Returns the JSON path and the problem.
    fn validate(&self) -> Result<(), (String, String)> {
        let fail = |path: &str, message: String| Err((path.to_owned(), message));
        if self.version != CONFIG_VERSION {
            return fail(
                "version",
                format!(
                    "unsupported version {} (this maestro reads version {CONFIG_VERSION})",
                    self.version
                ),
            );
        }
        for (index, host) in self.data_residency.allow_hosts.iter().enumerate() {
            if let Err(message) = crate::egress::HostPattern::parse(host) {
                return fail(&format!("dataResidency.allowHosts[{index}]"), message);
            }
        }
        let urls = [
            ("anthropic.baseUrl", self.anthropic.base_url.as_deref()),
            ("github.apiUrl", Some(self.github.api_url.as_str())),
            ("licence.endpoint", self.licence.endpoint.as_deref()),
        ];
        for (path, value) in urls {
            if let Some(value) = value
                && let Err(message) = check_http_url(value)
            {
                return fail(path, message);
            }
        }
        for (path, name) in [
            ("anthropic.apiKeyEnv", &self.anthropic.api_key_env),
            ("github.tokenEnv", &self.github.token_env),
        ] {
            if !is_env_name(name) {
                return fail(
                    path,
                    format!(
                        "`{name}` is not an environment variable name ([A-Za-z_][A-Za-z0-9_]*)"
                    ),
                );
            }
        }
        if let Some(repository) = &self.github.repository
            && !is_owner_slash_name(repository)
        {
            return fail(
                "github.repository",
                format!("`{repository}` is not of the form owner/name"),
            );
        }
        if self.crews.max_concurrent == 0 {
            return fail("crews.maxConcurrent", "must be at least 1".to_owned());
        }
        if self.scan.max_file_size == 0 {
            return fail("scan.maxFileSize", "must be at least 1".to_owned());
        }
        for (index, dir) in self.crews.writable_dirs.iter().enumerate() {
            let path = Path::new(dir);
            if !(path.is_absolute() || dir == "~" || dir.starts_with("~/")) {
                return fail(
                    &format!("crews.writableDirs[{index}]"),
                    format!("`{dir}` must be an absolute path or start with `~/`"),
                );
            }
        }
        if self.crews.timeout_secs == 0 {
            return fail("crews.timeoutSecs", "must be at least 1".to_owned());
        }
        for (key, budget) in [
            ("crews.maxBudgetUsd", self.crews.max_budget_usd),
            ("crews.voyageBudgetUsd", self.crews.voyage_budget_usd),
        ] {
            if let Some(budget) = budget
                && !(budget.is_finite() && budget > 0.0)
            {
                return fail(key, format!("must be a positive amount, not {budget}"));
            }
        }
        if let Some(file) = &self.audit.key_file
            && Path::new(file)
                .components()
                .any(|c| c.as_os_str() == crate::store::STATE_DIR)
        {
            return fail(
                "audit.keyFile",
                format!(
                    "`{file}` is inside .mso/, where crews could read it; keep the key elsewhere"
                ),
            );
        }
        if let Some(name) = &self.audit.key_env
            && !is_env_name(name)
        {
            return fail(
                "audit.keyEnv",
                format!("`{name}` is not an environment variable name ([A-Za-z_][A-Za-z0-9_]*)"),
            );
        }
        if self.agent.program.trim().is_empty() {
            return fail("agent.program", "must not be empty".to_owned());
        }
        let dir = Path::new(&self.worktrees.dir);
        if self.worktrees.dir.is_empty() || !crate::stays_inside(dir) {
            return fail(
                "worktrees.dir",
                format!(
                    "`{}` must be a relative path inside the repository",
                    self.worktrees.dir
                ),
            );
        }
        Ok(())
    }
}

/// serde accepts a JSON array for a struct (fields by position), which would let `[]` pass as a
/// section full of defaults. Returns the first place where an object is required but something
/// else is found, with a description of what was found.
fn misplaced_array(value: &serde_json::Value) -> Option<(String, &'static str)> {
    use serde_json::Value;
    fn kind(value: &Value) -> Option<&'static str> {
        match value {
            Value::Object(_) => None,
            Value::Array(_) => Some("an array"),
            Value::String(_) => Some("a string"),
            Value::Number(_) => Some("a number"),
            Value::Bool(_) => Some("a boolean"),
            Value::Null => Some("null"),
        }
    }
    const SECTIONS: [&str; 10] = [
        "dataResidency",
        "anthropic",
        "github",
        "licence",
        "crews",
        "agent",
        "roles",
        "scan",
        "mcp",
        "worktrees",
    ];
    if let Some(found) = kind(value) {
        return Some((String::new(), found));
    }
    for section in SECTIONS {
        if let Some(found) = value.get(section).and_then(kind) {
            return Some((section.to_owned(), found));
        }
    }
    if let Some(found) = value.get("audit").and_then(kind) {
        return Some(("audit".to_owned(), found));
    }
    let maps = [
        ("roles", value.get("roles")),
        ("mcp.servers", value.pointer("/mcp/servers")),
    ];
    for (prefix, map) in maps {
        if let Some(found) = map.and_then(kind) {
            return Some((prefix.to_owned(), found));
        }
        for (key, entry) in map.and_then(Value::as_object).into_iter().flatten() {
            if let Some(found) = kind(entry) {
                return Some((format!("{prefix}.{key}"), found));
            }
        }
    }
    None
}

fn check_http_url(value: &str) -> Result<(), String> {
    let url = url::Url::parse(value).map_err(|e| format!("`{value}` is not a URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(format!("`{value}` is not an http(s) URL"));
    }
    Ok(())
}

fn is_env_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

fn is_owner_slash_name(value: &str) -> bool {
    let ok = |part: &str| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    };
    matches!(value.split_once('/'), Some((owner, name)) if ok(owner) && ok(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The defaults block of SPEC §3, verbatim.
    /// SPEC §3's block, plus the keys issue 12 added (`crews.sandbox`, `crews.writableDirs`,
    /// `scan.maxFileSize`).
    const SPEC_DEFAULTS: &str = r#"{
  "version": 1,
  "persona": "nautical",
  "dataResidency": { "mode": "standard", "allowHosts": [] },
  "anthropic": { "baseUrl": null, "apiKeyEnv": "ANTHROPIC_API_KEY", "model": null },
  "github": { "apiUrl": "https://api.github.com", "tokenEnv": "GITHUB_TOKEN", "repository": null, "push": "api" },
  "licence": { "endpoint": null, "token": null, "publicKeys": [] },
  "crews": { "maxConcurrent": 5, "timeoutSecs": 3600, "maxBudgetUsd": null, "voyageBudgetUsd": null, "retries": 1, "sandbox": "on", "writableDirs": [] },
  "agent": { "kind": "claude", "program": "claude", "extraArgs": [] },
  "roles": {},
  "scan": { "blockSecrets": true, "blockSeverity": "high", "allow": [], "maxFileSize": 10485760 },
  "mcp": { "servers": {} },
  "worktrees": { "dir": ".mso/worktrees", "setup": null, "copy": [] }
}"#;

    #[test]
    fn defaults_are_the_spec_defaults() {
        let spec: serde_json::Value = serde_json::from_str(SPEC_DEFAULTS).expect("valid JSON");
        let ours = serde_json::to_value(WorkspaceConfig::default()).expect("serialises");
        assert_eq!(ours, spec);
        let parsed = WorkspaceConfig::parse(SPEC_DEFAULTS.as_bytes(), Path::new("w.json"))
            .expect("the spec defaults are valid");
        assert_eq!(parsed, WorkspaceConfig::default());
        for partial in ["{}", r#"{"version":1}"#, r#"{"crews":{}}"#] {
            assert_eq!(
                WorkspaceConfig::parse(partial.as_bytes(), Path::new("w.json")).expect(partial),
                WorkspaceConfig::default()
            );
        }
    }

    #[test]
    fn schema_accepts_the_defaults() {
        let schema = serde_json::to_value(schemars::schema_for!(WorkspaceConfig)).expect("schema");
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        let validator = jsonschema::validator_for(&schema).expect("a valid schema");
        let defaults = serde_json::to_value(WorkspaceConfig::default()).expect("serialises");
        assert!(validator.is_valid(&defaults));
        assert!(!validator.is_valid(&serde_json::json!({"surprise": 1})));
        assert!(!validator.is_valid(&serde_json::json!({"crews": {"maxConcurrent": 0}})));
        assert!(!validator.is_valid(&serde_json::json!({"roles": {"pilot": {}}})));
        assert!(validator.is_valid(&serde_json::json!({"roles": {"tester": {"model": "m"}}})));
    }

    #[test]
    fn malformed_configs_name_the_file_and_path() {
        let cases = [
            (
                r#"{"colour": 1}"#,
                "w.json: at `colour` (line 1, column 9): unknown field `colour`",
            ),
            (
                r#"{"crews": {"maxConcurent": 2}}"#,
                "w.json: at `crews.maxConcurent` (line 1, column 25): unknown field `maxConcurent`",
            ),
            (
                r#"{"crews": {"maxConcurrent": "5"}}"#,
                "w.json: at `crews.maxConcurrent` (line 1, column 31): invalid type: string \"5\", expected u32",
            ),
            (
                r#"{"crews": {"maxConcurrent": 0}}"#,
                "w.json: at `crews.maxConcurrent`: must be at least 1",
            ),
            (
                r#"{"version": 2}"#,
                "w.json: at `version`: unsupported version 2",
            ),
            (
                r#"{"dataResidency": {"mode": "offline"}}"#,
                "w.json: at `dataResidency.mode` (line 1, column 37): unknown variant `offline`, expected `standard` or `air-gapped`",
            ),
            (
                r#"{"dataResidency": {"allowHosts": ["ok.example", "bad host"]}}"#,
                "w.json: at `dataResidency.allowHosts[1]`: `bad host` is not a host name",
            ),
            (
                r#"{"github": {"apiUrl": "ftp://x"}}"#,
                "w.json: at `github.apiUrl`: `ftp://x` is not an http(s) URL",
            ),
            (
                r#"{"github": {"repository": "nope"}}"#,
                "w.json: at `github.repository`: `nope` is not of the form owner/name",
            ),
            (
                r#"{"anthropic": {"apiKeyEnv": "1KEY"}}"#,
                "w.json: at `anthropic.apiKeyEnv`: `1KEY` is not an environment variable name",
            ),
            (
                r#"{"worktrees": {"dir": "../elsewhere"}}"#,
                "w.json: at `worktrees.dir`: `../elsewhere` must be a relative path inside the repository",
            ),
            (
                r#"{"crews": {"maxBudgetUsd": -1}}"#,
                "w.json: at `crews.maxBudgetUsd`: must be a positive amount, not -1",
            ),
            (
                r#"{"crews": {"voyageBudgetUsd": 0}}"#,
                "w.json: at `crews.voyageBudgetUsd`: must be a positive amount, not 0",
            ),
            (
                r#"{"audit": {"keyFile": "/repo/.mso/audit.key"}}"#,
                "w.json: at `audit.keyFile`: `/repo/.mso/audit.key` is inside .mso/",
            ),
            (
                r#"{"audit": {"keyFil": "x"}}"#,
                "w.json: at `audit.keyFil` (line 1, column 19): unknown field `keyFil`",
            ),
            (
                r#"{"roles": {"pilot": {}}}"#,
                "w.json: at `roles.pilot` (line 1, column 18): unknown variant `pilot`",
            ),
            (
                r#"{"persona": "pirate""#,
                "w.json: at `persona` (line 1, column 20): unknown variant `pirate`, expected `nautical` or `plain`",
            ),
            (
                r#"{"persona": "plain""#,
                "w.json: (line 1, column 19): EOF while parsing an object",
            ),
            ("", "w.json: (line 1, column 0): EOF while parsing a value"),
            ("[]", "w.json: expected an object, found an array"),
            (
                r#"{"crews": []}"#,
                "w.json: at `crews`: expected an object, found an array",
            ),
            (
                r#"{"mcp": {"servers": {"x": [1]}}}"#,
                "w.json: at `mcp.servers.x`: expected an object, found an array",
            ),
        ];
        for (input, expected) in cases {
            let err = WorkspaceConfig::parse(input.as_bytes(), Path::new("w.json"))
                .expect_err(input)
                .to_string();
            assert!(
                err.starts_with(expected),
                "{input}\n got: {err}\nwant: {expected}"
            );
            assert!(!err.contains('\n'), "one line: {err}");
        }
    }
}
