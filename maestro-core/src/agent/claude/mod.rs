//! The `claude` agent: Claude Code in headless mode (`claude -p --output-format stream-json`),
//! with the role's profile, maestro's hooks, approved MCP servers only, a session id, and the
//! API key passed only through the child's environment.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use super::profile::{Profile, resolve};
use crate::config::RoleProfile;
use crate::egress::is_loopback;
use crate::ports::{CrewRequest, PortError};
use crate::role::Role;
use crate::sandbox::Sandbox;

mod planner;
mod session;
mod transcript;

/// `--allowedTools` and `--disallowedTools` of `profile`, each when it lists any.
fn push_tool_lists(profile: &Profile, args: &mut Vec<String>) {
    for (flag, tools) in [
        ("--allowedTools", &profile.allowed_tools),
        ("--disallowedTools", &profile.disallowed_tools),
    ] {
        if !tools.is_empty() {
            args.push(flag.into());
            args.push(tools.join(","));
        }
    }
}

/// Tools that reach the web, disallowed for every crew in air-gapped mode.
const WEB_TOOLS: [&str; 2] = ["WebFetch", "WebSearch"];

/// Settings of the claude agent.
#[derive(Debug, Clone)]
pub struct ClaudeOptions {
    /// The `claude` program. Default: `claude`.
    pub program: String,
    /// Arguments added to every invocation.
    pub extra_args: Vec<String>,
    /// `--model` (a role's own model wins).
    pub model: Option<String>,
    /// `--max-budget-usd` per crew.
    pub max_budget_usd: Option<f64>,
    /// `ANTHROPIC_BASE_URL` for the crew (a local model proxy).
    pub base_url: Option<String>,
    /// The API key, passed to the crew as `ANTHROPIC_API_KEY` and nowhere else.
    pub api_key: Option<String>,
    /// The command the hooks run, e.g. `/usr/bin/maestro hook` (`pre-tool-use` and
    /// `post-tool-use` are appended). `None` runs crews without maestro's hooks.
    pub hook_command: Option<String>,
    /// An `--mcp-config` file holding only the approved MCP servers (always used with
    /// `--strict-mcp-config`, so a crew never sees other servers).
    pub mcp_config: Option<PathBuf>,
    /// Air-gapped mode: loopback model proxy only, web tools off.
    pub air_gapped: bool,
    /// The operating system's sandbox every Bash command of a crew runs in (Claude Code's own,
    /// configured through `--settings`). Default: `None`, no sandbox (`crews.sandbox: "off"`).
    pub sandbox: Option<Sandbox>,
    /// Per-role overrides from `workspace.json`.
    pub roles: BTreeMap<Role, RoleProfile>,
    /// Claude Code's configuration directory for crews (`CLAUDE_CONFIG_DIR`): where their
    /// transcripts are kept, so an interrupted crew resumes from the workspace, never from the
    /// user's `~/.claude`. Default: `None`, Claude Code's own choice.
    pub config_dir: Option<PathBuf>,
    /// Time between SIGTERM and SIGKILL. Default: 5 s.
    pub grace: Duration,
}

impl Default for ClaudeOptions {
    fn default() -> Self {
        ClaudeOptions {
            program: "claude".into(),
            extra_args: Vec::new(),
            model: None,
            max_budget_usd: None,
            base_url: None,
            api_key: None,
            hook_command: None,
            mcp_config: None,
            air_gapped: false,
            sandbox: None,
            config_dir: None,
            roles: BTreeMap::new(),
            grace: Duration::from_secs(5),
        }
    }
}

impl ClaudeOptions {
    /// The options `config` sets (agent program and arguments, model, endpoint, air-gapped
    /// mode, role profiles), with `api_key` read by the caller from `anthropic.apiKeyEnv`;
    /// the rest default.
    #[must_use]
    pub fn from_config(config: &crate::WorkspaceConfig, api_key: Option<String>) -> ClaudeOptions {
        ClaudeOptions {
            program: config.agent.program.clone(),
            extra_args: config.agent.extra_args.clone(),
            model: config.anthropic.model.clone(),
            base_url: config.anthropic.base_url.clone(),
            api_key,
            air_gapped: config.data_residency.mode == crate::config::ResidencyMode::AirGapped,
            roles: config.roles.clone(),
            ..ClaudeOptions::default()
        }
    }
}

/// Why a claude agent cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ClaudeError {
    /// Air-gapped mode without a loopback model proxy.
    #[error(
        "air-gapped mode: Claude crews start only with anthropic.baseUrl set to a loopback model proxy (it is {0})"
    )]
    NotLoopback(String),
}

/// Runs Claude Code crews.
#[derive(Debug, Clone)]
pub struct ClaudeAgent {
    options: ClaudeOptions,
}

impl ClaudeAgent {
    /// A claude agent; refused in air-gapped mode unless the base URL is loopback.
    pub fn new(options: ClaudeOptions) -> Result<ClaudeAgent, ClaudeError> {
        if options.air_gapped {
            let loopback = options
                .base_url
                .as_deref()
                .and_then(|u| url::Url::parse(u).ok())
                .is_some_and(|u| is_loopback(&u));
            if !loopback {
                return Err(ClaudeError::NotLoopback(
                    options
                        .base_url
                        .clone()
                        .unwrap_or_else(|| "unset: the public Anthropic API".into()),
                ));
            }
        }
        Ok(ClaudeAgent { options })
    }

    /// The `--settings` JSON of a crew: maestro's pre- and post-tool hooks and the sandbox,
    /// each when configured.
    #[must_use]
    pub fn settings_json(&self) -> Option<String> {
        let mut settings = self.hooks_json().unwrap_or_else(|| serde_json::json!({}));
        if let Some(sandbox) = &self.options.sandbox {
            settings["sandbox"] = sandbox.claude_settings();
        }
        (settings != serde_json::json!({})).then(|| settings.to_string())
    }

    /// The settings carrying maestro's pre- and post-tool hooks.
    fn hooks_json(&self) -> Option<serde_json::Value> {
        let hook = self.options.hook_command.as_ref()?;
        Some(serde_json::json!({
            "hooks": {
                // Every tool, the ones maestro does not know included (MCP tools, future
                // tools): the hook judges their inputs too.
                "PreToolUse": [{
                    "matcher": "*",
                    "hooks": [{"type": "command", "command": format!("{hook} pre-tool-use")}]
                }],
                "PostToolUse": [{
                    "matcher": "Write|Edit|MultiEdit",
                    "hooks": [{"type": "command", "command": format!("{hook} post-tool-use")}]
                }]
            }
        }))
    }

    /// The profile of `role`, with air-gapped restrictions applied.
    #[must_use]
    pub fn profile(&self, role: Role) -> Profile {
        let mut profile = resolve(role, self.options.roles.get(&role));
        if self.options.air_gapped {
            for tool in WEB_TOOLS {
                if !profile.disallowed_tools.iter().any(|t| t == tool) {
                    profile.disallowed_tools.push(tool.to_owned());
                }
            }
            profile
                .allowed_tools
                .retain(|t| !WEB_TOOLS.contains(&t.as_str()));
        }
        profile
    }

    /// The arguments of one invocation (without the program).
    #[must_use]
    pub fn arguments(&self, request: &CrewRequest, session: &Session) -> Vec<String> {
        let profile = self.profile(request.role);
        let prompt = match session {
            // The session holds the order already: the crew is told why it is back.
            Session::Resume(_) => request
                .resume_note
                .clone()
                .unwrap_or_else(|| RESUME_NOTE.to_owned()),
            Session::New(_) => request.prompt.clone(),
        };
        let mut args: Vec<String> = vec![
            "-p".into(),
            prompt,
            "--output-format".into(),
            "stream-json".into(),
            "--verbose".into(),
            "--append-system-prompt".into(),
            profile.prompt.clone(),
            "--permission-mode".into(),
            profile.permission_mode.clone(),
        ];
        push_tool_lists(&profile, &mut args);
        if let Some(settings) = self.settings_json() {
            args.push("--settings".into());
            args.push(settings);
        }
        args.push("--strict-mcp-config".into());
        if let Some(config) = &self.options.mcp_config {
            args.push("--mcp-config".into());
            args.push(config.display().to_string());
        }
        match session {
            Session::New(id) => {
                args.push("--session-id".into());
                args.push(id.clone());
            }
            Session::Resume(id) => {
                args.push("--resume".into());
                args.push(id.clone());
            }
        }
        if let Some(model) = profile.model.as_ref().or(self.options.model.as_ref()) {
            args.push("--model".into());
            args.push(model.clone());
        }
        if let Some(budget) = self.options.max_budget_usd {
            args.push("--max-budget-usd".into());
            args.push(budget.to_string());
        }
        args.extend(self.options.extra_args.iter().cloned());
        args
    }

    /// The crew's environment: maestro's variables, the model endpoint and key, and no
    /// non-essential traffic.
    #[must_use]
    pub fn environment(&self, base: &[(String, String)]) -> Vec<(String, String)> {
        let mut env = base.to_vec();
        env.push((
            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC".into(),
            "1".into(),
        ));
        if let Some(url) = &self.options.base_url {
            env.push(("ANTHROPIC_BASE_URL".into(), url.clone()));
        }
        if let Some(key) = &self.options.api_key {
            env.push(("ANTHROPIC_API_KEY".into(), key.clone()));
        }
        if let Some(dir) = &self.options.config_dir {
            env.push(("CLAUDE_CONFIG_DIR".into(), dir.display().to_string()));
        }
        env
    }
}

/// What a resumed crew is told when the dispatcher gives no note of its own.
pub const RESUME_NOTE: &str = "maestro: your session was resumed. Your worktree is as you left it. Continue the order from where you stopped.";

/// What a crew whose interrupted session could not be resumed is told after its prompt.
pub const NOT_RESUMED_NOTE: &str = "maestro: your previous attempt at this order was interrupted and its session could not be resumed. The worktree holds the changes it made: look at `git status` and `git diff` before you continue, and do not start over.";

/// How an invocation names its session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Session {
    /// A new session with this id.
    New(String),
    /// Continue this session.
    Resume(String),
}

/// A random (version 4) UUID, as Claude Code expects for `--session-id`.
pub fn new_session_id() -> Result<String, PortError> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).map_err(|e| format!("cannot draw a session id: {e}"))?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex = format!("{:032x}", u128::from_be_bytes(b));
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    ))
}

#[cfg(test)]
mod tests;
