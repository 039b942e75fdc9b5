//! A voyage's crews, composed from the workspace: what the licence allows, the sandbox they
//! run in, the agent that runs them, and the dispatcher with the real git, scan and audit
//! adapters.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use maestro_core::agent::{ClaudeAgent, ClaudeOptions, CommandAgent};
use maestro_core::config::{AgentKind, SandboxMode};
use maestro_core::dispatch::{Dispatcher, Event, Ports, RunOptions};
use maestro_core::mcp::crew_config;
use maestro_core::ports::{Agent, Entitlements};
use maestro_core::sandbox::Sandbox;
use maestro_core::{Role, Voyage};
use tokio::sync::mpsc;

use crate::wiring::{AuditPort, GitIsolation, ScanPort};
use crate::workspace::Workspace;

/// What the licence in force allows, in the dispatcher's terms, with the check to save (with
/// [`crate::licence::save`]) once the command's other inputs proved valid.
pub fn entitlements(ws: &Workspace) -> anyhow::Result<(Entitlements, maestro_licence::Checked)> {
    let checked = crate::licence::check(ws, false)?;
    let allowed = checked.licence.entitlements();
    let entitlements = Entitlements {
        tier: checked.licence.tier.as_str().to_owned(),
        max_crews: allowed.max_crews,
        roles: Role::ALL
            .into_iter()
            .filter(|r| allowed.allows_role(r.as_str()))
            .collect(),
    };
    Ok((entitlements, checked))
}

/// The sandbox crews run in: `None` when `crews.sandbox` is `off`; an error naming what is
/// missing when it is on and cannot be had (`run` refuses then).
pub fn sandbox(ws: &Workspace) -> anyhow::Result<Option<Sandbox>> {
    if ws.config.crews.sandbox == SandboxMode::Off {
        return Ok(None);
    }
    maestro_core::sandbox::check_available()?;
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    let sandbox = Sandbox::from_config(
        &ws.config,
        ws.repo.root(),
        ws.repo.common_dir(),
        home.as_deref(),
    )?;
    let credentials = maestro_core::sandbox::credential_variables(std::env::vars_os(), |value| {
        crate::redaction::redact(value).is_some()
    });
    Ok(Some(sandbox.withhold_env(credentials)))
}

/// The default agent of the workspace, running its crews in `sandbox`.
pub fn agent(
    ws: &Workspace,
    voyage: &maestro_core::VoyageName,
    grace: Duration,
    sandbox: Option<&Sandbox>,
) -> anyhow::Result<Arc<dyn Agent>> {
    let config = &ws.config;
    match config.agent.kind {
        AgentKind::Command => Ok(Arc::new(
            CommandAgent::from_config(&config.agent, grace).with_sandbox(sandbox.cloned()),
        )),
        AgentKind::Claude => {
            let exe = std::env::current_exe()
                .context("cannot locate the maestro binary for the hooks")?;
            let (_, servers) = crate::mcp::classified(ws)?;
            let api_key = std::env::var(&config.anthropic.api_key_env).ok();
            let mcp_file = ws.store.voyage_dir(voyage).join("mcp.json");
            let agent = ClaudeAgent::new(ClaudeOptions {
                max_budget_usd: config.crews.max_budget_usd,
                hook_command: Some(crate::hook::server::command(&exe)),
                mcp_config: Some(mcp_file.clone()),
                sandbox: sandbox.cloned(),
                config_dir: Some(claude_config_dir(ws)),
                grace,
                ..ClaudeOptions::from_config(config, api_key)
            })?;
            // Written only once everything else about the agent is known to be valid.
            std::fs::write(&mcp_file, crew_config(&servers).to_string())
                .with_context(|| format!("cannot write {}", mcp_file.display()))?;
            crate::workspace::private_dir(&claude_config_dir(ws))?;
            Ok(Arc::new(agent))
        }
    }
}

/// Claude Code's configuration directory for the workspace's crews, `.mso/claude/`: their
/// transcripts stay with the workspace (an interrupted crew resumes from there, and they are
/// redacted there), and crews' sandboxed commands cannot read it.
pub fn claude_config_dir(ws: &Workspace) -> std::path::PathBuf {
    ws.store.dir().join("claude")
}

/// The dispatcher of `voyage` with everything it needs from the workspace: the sandbox (unless
/// `crews.sandbox` is `off`), the scanner, the audit log, the agent, and the real git
/// worktrees. Everything that can refuse is checked before anything is written; the licence
/// `checked` (from [`entitlements`]) is saved last. Progress goes to `events` when given.
pub fn dispatcher(
    ws: &Workspace,
    voyage: Voyage,
    entitlements: Entitlements,
    checked: &maestro_licence::Checked,
    options: &RunOptions,
    events: Option<mpsc::UnboundedSender<Event>>,
) -> anyhow::Result<Dispatcher> {
    let sandbox = sandbox(ws)?;
    let scanner = ScanPort::new(&ws.config)?;
    let audit = AuditPort::open(ws.store.dir(), &ws.config)?;
    let options = RunOptions {
        sandbox: sandbox.clone(),
        ..options.clone()
    };
    let agent = agent(ws, &voyage.name, options.grace, sandbox.as_ref())?;
    let audit: Arc<dyn maestro_core::ports::AuditSink> = Arc::new(audit);
    let executor = executor(ws, Arc::clone(&audit))?;
    crate::licence::save(ws, checked)?;
    let ports = Ports {
        isolation: Arc::new(GitIsolation::new(ws.store.repo_root(), &ws.config)),
        agent,
        executor,
        scanner: Arc::new(scanner),
        audit,
    };
    Ok(Dispatcher::new(
        ws.store.clone(),
        voyage,
        ws.config.clone(),
        ports,
        entitlements,
        options,
        events,
    ))
}

/// Where the workspace's crews run (`crews.executor`): on this machine, or as Slurm jobs
/// reached back over a control channel that starts listening here — which needs the tokio
/// runtime the dispatcher will run on to be entered.
pub fn executor(
    ws: &Workspace,
    audit: Arc<dyn maestro_core::ports::AuditSink>,
) -> anyhow::Result<Arc<dyn maestro_core::ports::Executor>> {
    use maestro_core::config::ExecutorKind;
    let config = &ws.config.crews.executor;
    match config.kind {
        ExecutorKind::Local => Ok(Arc::new(maestro_core::executor::LocalExecutor)),
        ExecutorKind::Slurm => {
            let listen: std::net::SocketAddr = config
                .listen
                .as_deref()
                .unwrap_or("0.0.0.0:0")
                .parse()
                .context("crews.executor.listen is not an ip:port address")?;
            let advertise = config
                .advertise
                .as_deref()
                .context("crews.executor.advertise: the host the nodes dial is required")?;
            let channel = crate::control::server::ControlServer::start(
                listen,
                advertise,
                crate::control::server::Limits::default(),
            )?;
            let client =
                crate::remote::slurm::SlurmClient::new(crate::remote::slurm::SlurmSettings {
                    conf: config.slurm_conf.as_ref().map(std::path::PathBuf::from),
                    bin_dir: config.slurm_bin_dir.as_ref().map(std::path::PathBuf::from),
                    partition: config.partition.clone(),
                    ..crate::remote::slurm::SlurmSettings::default()
                });
            let maestro = match &config.maestro {
                Some(path) => std::path::PathBuf::from(path),
                None => std::env::current_exe()
                    .context("cannot locate the maestro binary for the nodes")?,
            };
            Ok(Arc::new(crate::executor::RemoteExecutor::new(
                Arc::new(crate::executor::SlurmEngine::new(client)),
                Arc::new(channel),
                audit,
                crate::executor::RemoteOptions {
                    maestro,
                    // The file as it is: the hooks on the nodes compare its hash with the
                    // run's.
                    workspace_json: std::fs::read_to_string(ws.store.config_path())
                        .context("cannot read workspace.json for the nodes")?,
                    resources: config.clone(),
                    heartbeat: Duration::from_secs(config.heartbeat_secs.unwrap_or(10)),
                    poll: Duration::from_secs(1),
                    scratch: ws.store.dir().join("remote"),
                    secrets: std::env::var(&ws.config.anthropic.api_key_env)
                        .into_iter()
                        .filter(|key| !key.is_empty())
                        .collect(),
                    model_key: (ws.config.agent.kind == AgentKind::Claude)
                        .then(|| std::env::var(&ws.config.anthropic.api_key_env).ok())
                        .flatten()
                        .filter(|key| !key.is_empty()),
                },
            )))
        }
    }
}

/// Runs the Planner crew of `voyage` on `goal` (the voyage already holding `existing`) in the
/// repository, under the same hooks as every crew, and returns its answer, to be checked with
/// [`maestro_core::planner::review`] before any order is kept.
pub async fn propose(
    ws: &Workspace,
    voyage: &maestro_core::VoyageName,
    goal: &str,
    existing: &[String],
    stop: tokio::sync::watch::Receiver<bool>,
) -> anyhow::Result<serde_json::Value> {
    let config = &ws.config;
    let api_key = std::env::var(&config.anthropic.api_key_env).ok();
    let exe = std::env::current_exe().context("cannot locate the maestro binary for the hooks")?;
    let crew = ClaudeAgent::new(ClaudeOptions {
        hook_command: Some(crate::hook::server::command(&exe)),
        config_dir: Some(claude_config_dir(ws)),
        ..ClaudeOptions::from_config(config, api_key)
    })?;
    crate::workspace::private_dir(&claude_config_dir(ws))?;
    let env = vec![
        ("MAESTRO_ITER_MANAGED".to_owned(), "1".to_owned()),
        (
            "MAESTRO_WORKSPACE".to_owned(),
            ws.store.repo_root().display().to_string(),
        ),
        ("MAESTRO_VOYAGE".to_owned(), voyage.to_string()),
        // Its hooks judge by the workspace.json this command read.
        (
            maestro_core::hook::CONFIG_HASH_ENV.to_owned(),
            maestro_core::hook::config_hash(&std::fs::read(ws.store.config_path())?),
        ),
    ];
    crew.structured(
        &maestro_core::planner::prompt(goal, existing),
        &maestro_core::planner::answer_schema(),
        ws.store.repo_root(),
        env,
        Duration::from_secs(config.crews.timeout_secs),
        stop,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))
}
