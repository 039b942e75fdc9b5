//! The `claude` agent: Claude Code in headless mode (`claude -p --output-format stream-json`),
//! with the role's profile, maestro's hooks, approved MCP servers only, a session id, and the
//! API key passed only through the child's environment.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use tokio::sync::{mpsc, watch};

use super::profile::{Profile, resolve};
use super::stream::{Refusal, SessionResult, StreamEvent, parse_line};
use crate::config::RoleProfile;
use crate::egress::is_loopback;
use crate::ports::{
    Agent, ApiLimit, CrewFuture, CrewOutcome, CrewProgress, CrewRequest, PortError,
};
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

impl Agent for ClaudeAgent {
    fn resumes(&self) -> bool {
        true
    }

    fn run(&self, request: CrewRequest, stop: watch::Receiver<bool>) -> CrewFuture {
        let agent = self.clone();
        Box::pin(async move {
            let mut request = request;
            let mut session = match (&request.resume_session, &request.session_id) {
                (Some(id), _) => Session::Resume(id.clone()),
                (None, Some(id)) => Session::New(id.clone()),
                (None, None) => Session::New(new_session_id()?),
            };
            let mut spent = Spent::default();
            loop {
                let (lines_tx, lines_rx) = mpsc::unbounded_channel::<String>();
                let collector = tokio::spawn(follow(lines_rx, request.progress.clone(), spent));
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
                let followed = collector
                    .await
                    .map_err(|e| format!("stream reader failed: {e}"))?;
                let result = followed.result;
                let session_id = result
                    .as_ref()
                    .and_then(|r| r.session_id.clone())
                    .or(followed.init_session.clone())
                    .or_else(|| match &session {
                        Session::New(id) | Session::Resume(id) => Some(id.clone()),
                    });
                if let Some(r) = &result {
                    spent.add(r);
                }
                let success = exit.success()
                    && result
                        .as_ref()
                        .is_some_and(|r| !r.is_error && r.subtype == "success");
                // The API, not the crew, ended the session: a limit to wait out, not a failure.
                let limited = if success || exit.interrupted || exit.timed_out {
                    None
                } else {
                    // The CLI puts the reset of a usage limit in the stream's
                    // `rate_limit_event`, not in the result that ends the session.
                    match (
                        result.as_deref().and_then(SessionResult::refusal),
                        followed.rejected,
                    ) {
                        (Some(ended), Some(seen)) if ended.resets_at.is_none() => Some(seen),
                        (ended, seen) => ended.or(seen),
                    }
                    .map(|refusal| ApiLimit {
                        until: refusal
                            .resets_at
                            .and_then(|at| jiff::Timestamp::from_second(at).ok()),
                        reason: refusal.reason,
                    })
                };
                // A session that cannot be resumed (its transcript is gone, the CLI refuses)
                // never starts: a new one continues from the worktree instead.
                if matches!(session, Session::Resume(_))
                    && !success
                    && !exit.interrupted
                    && limited.is_none()
                    && followed.init_session.is_none()
                {
                    tracing::warn!(
                        "order {}: the interrupted session could not be resumed; starting a new one",
                        request.order
                    );
                    request.prompt = format!("{}\n\n{NOT_RESUMED_NOTE}", request.prompt);
                    session = Session::New(new_session_id()?);
                    continue;
                }
                let outcome = CrewOutcome {
                    success,
                    exit_code: exit.code,
                    timed_out: exit.timed_out,
                    interrupted: exit.interrupted,
                    output_tail: result
                        .as_ref()
                        .and_then(|r| r.result.clone())
                        .unwrap_or(exit.tail),
                    cost_usd: Some(spent.cost),
                    turns: Some(spent.turns),
                    tokens: Some(spent.tokens),
                    denials: Some(spent.denials),
                    session_id,
                    limited,
                };
                break finish(&agent, &request, outcome).await;
            }
        })
    }
}

/// What the sessions of one crew spent, summed over the sessions it took.
#[derive(Debug, Clone, Copy, Default)]
struct Spent {
    cost: f64,
    turns: u32,
    tokens: crate::ports::Tokens,
    denials: u32,
}

impl Spent {
    fn add(&mut self, r: &SessionResult) {
        self.cost += r.total_cost_usd;
        self.turns += r.num_turns;
        self.tokens.input += r.usage.input_tokens
            + r.usage.cache_creation_input_tokens
            + r.usage.cache_read_input_tokens;
        self.tokens.output += r.usage.output_tokens;
        self.denials += u32::try_from(r.permission_denials.len()).unwrap_or(u32::MAX);
    }
}

/// What one session's stream said.
#[derive(Debug, Default)]
struct Followed {
    init_session: Option<String>,
    result: Option<Box<SessionResult>>,
    /// The last `rate_limit_event` that refused the session.
    rejected: Option<Refusal>,
}

/// Reads a session's stream: reports its progress (each model answer; each limit the CLI
/// waits out) and keeps what the end of the crew needs. `before` is what earlier sessions of
/// this crew spent.
async fn follow(
    mut lines: mpsc::UnboundedReceiver<String>,
    progress: Option<mpsc::UnboundedSender<CrewProgress>>,
    before: Spent,
) -> Followed {
    let report = |event: CrewProgress| {
        if let Some(progress) = &progress {
            // A dropped receiver only means nobody is watching.
            let _ = progress.send(event);
        }
    };
    let mut followed = Followed::default();
    let mut turns = before.turns;
    while let Some(line) = lines.recv().await {
        let events = parse_line(&line);
        if events
            .iter()
            .any(|e| matches!(e, StreamEvent::Text(_) | StreamEvent::ToolUse { .. }))
        {
            turns += 1;
            report(CrewProgress::Work {
                turns,
                tokens: before.tokens,
                cost_usd: (before.cost > 0.0).then_some(before.cost),
            });
        }
        for event in events {
            match event {
                StreamEvent::Init(init) => followed.init_session = Some(init.session_id),
                StreamEvent::ApiRetry(retry) => report(CrewProgress::Waiting(ApiLimit {
                    until: jiff::Timestamp::now()
                        .checked_add(jiff::SignedDuration::from_millis(
                            i64::try_from(retry.retry_delay_ms).unwrap_or(i64::MAX),
                        ))
                        .ok(),
                    reason: format!(
                        "API {} {}, retry {} of {}",
                        retry
                            .error_status
                            .map_or_else(String::new, |s| s.to_string()),
                        retry.error.as_deref().unwrap_or("error"),
                        retry.attempt,
                        retry.max_retries
                    )
                    .replace("API  ", "API "),
                })),
                StreamEvent::RateLimit(info) if info.rejected() => {
                    let refusal = Refusal {
                        resets_at: info.resets_at,
                        reason: info.rate_limit_type.as_deref().map_or_else(
                            || "usage limit".to_owned(),
                            |kind| format!("usage limit ({kind})"),
                        ),
                    };
                    report(CrewProgress::Waiting(ApiLimit {
                        until: refusal
                            .resets_at
                            .and_then(|at| jiff::Timestamp::from_second(at).ok()),
                        reason: refusal.reason.clone(),
                    }));
                    followed.rejected = Some(refusal);
                }
                StreamEvent::Result(r) => followed.result = Some(r),
                _ => {}
            }
        }
    }
    followed
}

/// Ends a crew: secrets are taken out of the transcripts Claude Code kept of its session.
async fn finish(
    agent: &ClaudeAgent,
    request: &CrewRequest,
    outcome: CrewOutcome,
) -> Result<CrewOutcome, PortError> {
    if let (Some(redactor), Some(id)) = (request.redact.clone(), outcome.session_id.clone()) {
        let env = agent.environment(&request.env);
        let order = request.order.clone();
        let done =
            tokio::task::spawn_blocking(move || transcript::redact_session(&env, &id, &redactor))
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
}

#[cfg(test)]
mod tests;
