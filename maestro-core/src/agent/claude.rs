//! The `claude` agent: Claude Code in headless mode (`claude -p --output-format stream-json`),
//! with the role's profile, maestro's hooks, approved MCP servers only, a session id, and the
//! API key passed only through the child's environment.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use tokio::sync::{mpsc, watch};

use super::profile::{Profile, resolve};
use super::stream::{SessionResult, StreamEvent, parse_line};
use crate::config::RoleProfile;
use crate::egress::is_loopback;
use crate::ports::{Agent, CrewFuture, CrewOutcome, CrewRequest, PortError};
use crate::process::{Supervised, run};
use crate::role::Role;
use crate::sandbox::Sandbox;

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
    /// Time between SIGTERM and SIGKILL. Default: 5 s.
    pub grace: Duration,
    /// How often an overloaded or rate-limited API is retried. Default: 3.
    pub api_retries: u32,
    /// The first back-off before such a retry, doubled each time. Default: 5 s.
    pub api_backoff: Duration,
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
            roles: BTreeMap::new(),
            grace: Duration::from_secs(5),
            api_retries: 3,
            api_backoff: Duration::from_secs(5),
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
        let mut args: Vec<String> = vec![
            "-p".into(),
            request.prompt.clone(),
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
        env
    }
}

impl ClaudeAgent {
    /// Runs a read-only Planner session in `cwd` that must answer with an object matching
    /// `schema` (`--json-schema`), and returns that object (`structured_output`).
    pub async fn structured(
        &self,
        prompt: &str,
        schema: &serde_json::Value,
        cwd: &std::path::Path,
        env: Vec<(String, String)>,
        timeout: Duration,
        stop: watch::Receiver<bool>,
    ) -> Result<serde_json::Value, PortError> {
        let profile = self.profile(Role::Planner);
        let mut args: Vec<String> = vec![
            "-p".into(),
            prompt.to_owned(),
            "--output-format".into(),
            "json".into(),
            "--json-schema".into(),
            schema.to_string(),
            "--append-system-prompt".into(),
            profile.prompt.clone(),
            "--permission-mode".into(),
            profile.permission_mode.clone(),
            "--strict-mcp-config".into(),
        ];
        push_tool_lists(&profile, &mut args);
        // The Planner only reads, but what it reads goes to the model: its tool calls pass the
        // pre-tool hook too (no reads of maestro's state, the audit key, credential files).
        if let Some(hooks) = self.hooks_json() {
            args.push("--settings".into());
            args.push(hooks.to_string());
        }
        if let Some(model) = profile.model.as_ref().or(self.options.model.as_ref()) {
            args.push("--model".into());
            args.push(model.clone());
        }
        args.extend(self.options.extra_args.iter().cloned());
        let (lines_tx, mut lines_rx) = mpsc::unbounded_channel::<String>();
        let exit = run(
            Supervised {
                program: self.options.program.clone(),
                args,
                cwd: cwd.to_owned(),
                env: self.environment(&env),
                stdin: None,
                timeout,
                grace: self.options.grace,
                log: None,
                raw_stdout: true,
                pid_file: None,
                redact: None,
            },
            stop,
            Some(lines_tx),
        )
        .await?;
        let mut output = String::new();
        while let Ok(line) = lines_rx.try_recv() {
            output.push_str(&line);
            output.push('\n');
        }
        if exit.timed_out || exit.interrupted {
            return Err("the Planner did not finish".into());
        }
        // `--output-format json` prints one object; take the last line that parses.
        let result = output
            .lines()
            .rev()
            .find_map(|l| serde_json::from_str::<serde_json::Value>(l.trim()).ok())
            .ok_or_else(|| format!("the Planner printed no JSON result: {}", exit.tail))?;
        if result.get("is_error").and_then(serde_json::Value::as_bool) == Some(true) {
            let message = result
                .get("result")
                .and_then(serde_json::Value::as_str)
                .unwrap_or("error");
            return Err(format!("the Planner session failed: {message}").into());
        }
        result
            .get("structured_output")
            .cloned()
            .ok_or_else(|| "the Planner's result has no structured_output".into())
    }
}

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

/// Whether a failed session's message says the API was overloaded or rate limited (worth
/// retrying after a pause) rather than that the work failed.
#[must_use]
pub fn is_transient(result: &SessionResult) -> bool {
    let text = result
        .result
        .as_deref()
        .unwrap_or_default()
        .to_ascii_lowercase();
    result.is_error
        && [
            "overloaded",
            "rate limit",
            "rate_limit",
            " 429",
            " 529",
            "api error: 5",
        ]
        .iter()
        .any(|needle| text.contains(needle))
}

impl Agent for ClaudeAgent {
    fn run(&self, request: CrewRequest, stop: watch::Receiver<bool>) -> CrewFuture {
        let agent = self.clone();
        Box::pin(async move {
            let mut session = match &request.resume_session {
                Some(id) => Session::Resume(id.clone()),
                None => Session::New(new_session_id()?),
            };
            let mut outcome = CrewOutcome::default();
            let mut cost = 0.0;
            let mut turns = 0;
            let mut tokens = crate::ports::Tokens::default();
            let mut denials = 0;
            for try_number in 0..=agent.options.api_retries {
                let (lines_tx, mut lines_rx) = mpsc::unbounded_channel::<String>();
                let collector = tokio::spawn(async move {
                    let mut init_session = None;
                    let mut result = None;
                    while let Some(line) = lines_rx.recv().await {
                        for event in parse_line(&line) {
                            match event {
                                StreamEvent::Init(init) => init_session = Some(init.session_id),
                                StreamEvent::Result(r) => result = Some(r),
                                _ => {}
                            }
                        }
                    }
                    (init_session, result)
                });
                let exit = run(
                    Supervised {
                        program: agent.options.program.clone(),
                        args: agent.arguments(&request, &session),
                        cwd: request.worktree.clone(),
                        env: agent.environment(&request.env),
                        stdin: None,
                        timeout: request.timeout,
                        grace: agent.options.grace,
                        log: Some(request.log.clone()),
                        raw_stdout: true,
                        pid_file: request.pid_file.clone(),
                        redact: request.redact.clone(),
                    },
                    stop.clone(),
                    Some(lines_tx),
                )
                .await?;
                let (init_session, result) = collector
                    .await
                    .map_err(|e| format!("stream reader failed: {e}"))?;
                let session_id = result
                    .as_ref()
                    .and_then(|r| r.session_id.clone())
                    .or(init_session)
                    .or_else(|| match &session {
                        Session::New(id) | Session::Resume(id) => Some(id.clone()),
                    });
                if let Some(r) = &result {
                    cost += r.total_cost_usd;
                    turns += r.num_turns;
                    tokens.input += r.usage.input_tokens
                        + r.usage.cache_creation_input_tokens
                        + r.usage.cache_read_input_tokens;
                    tokens.output += r.usage.output_tokens;
                    denials += u32::try_from(r.permission_denials.len()).unwrap_or(u32::MAX);
                }
                outcome = CrewOutcome {
                    success: exit.success()
                        && result
                            .as_ref()
                            .is_some_and(|r| !r.is_error && r.subtype == "success"),
                    exit_code: exit.code,
                    timed_out: exit.timed_out,
                    interrupted: exit.interrupted,
                    output_tail: result
                        .as_ref()
                        .and_then(|r| r.result.clone())
                        .unwrap_or(exit.tail),
                    cost_usd: Some(cost),
                    turns: Some(turns),
                    tokens: Some(tokens),
                    denials: Some(denials),
                    session_id: session_id.clone(),
                };
                let transient = result.as_deref().is_some_and(is_transient);
                if outcome.success
                    || !transient
                    || exit.interrupted
                    || try_number == agent.options.api_retries
                {
                    break;
                }
                let pause = agent.options.api_backoff * 2u32.pow(try_number);
                tracing::info!("order {}: API busy, retrying in {pause:?}", request.order);
                let mut stop = stop.clone();
                tokio::select! {
                    () = tokio::time::sleep(pause) => {}
                    _ = stop.wait_for(|s| *s) => { outcome.interrupted = true; break; }
                }
                if let Some(id) = session_id {
                    session = Session::Resume(id);
                }
            }
            if let (Some(redactor), Some(id)) = (request.redact.clone(), outcome.session_id.clone())
            {
                let env = agent.environment(&request.env);
                let order = request.order.clone();
                let done = tokio::task::spawn_blocking(move || {
                    transcript::redact_session(&env, &id, &redactor)
                })
                .await
                .map_err(|e| format!("transcript redaction failed: {e}"))?;
                match done {
                    Ok(files) => {
                        for file in files {
                            tracing::info!(
                                "order {order}: redacted secrets in Claude Code's transcript {}",
                                file.display()
                            );
                        }
                    }
                    // The crew's work is unaffected; the user must know a secret may be kept.
                    Err(e) => tracing::warn!(
                        "order {order}: Claude Code's transcript may still hold a secret: {e}"
                    ),
                }
            }
            Ok(outcome)
        })
    }
}

#[cfg(test)]
mod tests;
