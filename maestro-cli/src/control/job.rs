//! The job's work on a node (`maestro crew-exec`): fetch the work order and the base, run the
//! crew in a scratch clone under the same sandbox as on the coordinator, and send back its
//! commit and how it ended — with heartbeats all along, so that the coordinator can tell a
//! silent job from a working one.
//!
//! What the job sends is not trusted by the coordinator: it scans and gates the returned change
//! as it does a local crew's.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use maestro_core::agent::CommandAgent;
use maestro_core::config::{AgentKind, SandboxMode};
use maestro_core::ports::CrewRequest;
use maestro_core::sandbox::Sandbox;
use maestro_core::{OrderId, Role, WorkspaceConfig};

use super::client::{ChannelClient, ChannelError};
use super::wire::{JobEvent, JobResult, WorkOrder};

/// The job could not do its work (the crew's own failure is a [`JobResult`], not this).
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// The channel failed.
    #[error(transparent)]
    Channel(#[from] ChannelError),
    /// A git bundle could not be read or made.
    #[error(transparent)]
    Bundle(#[from] maestro_git::bundle::BundleError),
    /// The work order cannot be run here.
    #[error("cannot run this work order: {0}")]
    Work(String),
    /// The crew could not be started.
    #[error("cannot run the crew: {0}")]
    Crew(String),
}

/// Where and how a job works.
#[derive(Debug, Clone)]
pub struct JobOptions {
    /// The node's name (reported to the coordinator).
    pub node: String,
    /// A directory of the job's own, for the clone and the bundles.
    pub scratch: PathBuf,
    /// Time between SIGTERM and SIGKILL when the crew must stop.
    pub grace: Duration,
}

/// Does the job: returns what it sent as the result.
pub fn run(client: &ChannelClient, options: &JobOptions) -> Result<JobResult, JobError> {
    let work = client.work()?;
    client.events(&[JobEvent::Started {
        node: options.node.clone(),
    }])?;
    let beats = Heartbeats::start(
        client.clone(),
        Duration::from_secs(work.heartbeat_secs.max(1)),
    );
    let outcome = crew(client, &work, options);
    beats.stop();
    // What stopped the job is the coordinator's to know: it fails the attempt (with the
    // reason) rather than leaving the job to look lost.
    let result = match outcome {
        Ok(result) => result,
        Err(JobError::Channel(e)) => return Err(JobError::Channel(e)),
        Err(e) => JobResult {
            error: Some(e.to_string()),
            ..JobResult::default()
        },
    };
    client.result(&result)?;
    Ok(result)
}

fn crew(
    client: &ChannelClient,
    work: &WorkOrder,
    options: &JobOptions,
) -> Result<JobResult, JobError> {
    let config: WorkspaceConfig = serde_json::from_str(&work.workspace_json)
        .map_err(|e| JobError::Work(format!("its workspace.json does not parse: {e}")))?;
    let role: Role = work
        .role
        .parse()
        .map_err(|e| JobError::Work(format!("role {}: {e}", work.role)))?;
    let order: OrderId = work
        .order
        .parse()
        .map_err(|e| JobError::Work(format!("order {}: {e}", work.order)))?;
    let claude = work.command.is_none() && config.agent.kind == AgentKind::Claude;
    let bundle = options.scratch.join("base.bundle");
    client.base_bundle(&bundle)?;
    let worktree = options.scratch.join("worktree");
    maestro_git::bundle::clone(&bundle, &work.base, &worktree)?;
    // The node's own workspace: the coordinator's workspace.json, byte for byte (the hooks
    // compare its hash with the one the run started with), and nothing else of its state.
    let workspace = options.scratch.join("workspace");
    let state = workspace.join(maestro_core::store::STATE_DIR);
    std::fs::create_dir_all(&state)
        .and_then(|()| std::fs::write(state.join("workspace.json"), &work.workspace_json))
        .map_err(|e| JobError::Work(format!("cannot make the node's workspace: {e}")))?;
    let env = node_env(&work.env, &workspace, &worktree);
    let sandbox = sandbox(&config, &worktree)?;
    let agent: Box<dyn maestro_core::ports::Agent> = if claude {
        Box::new(claude_agent(
            client,
            &config,
            &state,
            sandbox,
            options.grace,
        )?)
    } else {
        Box::new(CommandAgent::from_config(&config.agent, options.grace).with_sandbox(sandbox))
    };
    let log = options.scratch.join("crew.log");
    let (progress_tx, progress) = tokio::sync::mpsc::unbounded_channel();
    let request = CrewRequest {
        voyage: work.voyage.clone(),
        order,
        role,
        attempt: work.attempt,
        worktree: worktree.clone(),
        prompt: work.prompt.clone(),
        command: work.command.clone(),
        env,
        timeout: Duration::from_secs(work.timeout_secs),
        log: log.clone(),
        resume_session: None,
        resume_note: None,
        session_id: work.session_id.clone(),
        progress: Some(progress_tx),
        pid_file: Some(options.scratch.join("crew.pid")),
        redact: Some(crate::redaction::redactor()),
    };
    // What the crew reports and logs reaches the coordinator while it works.
    let live = Live::start(client.clone(), log.clone(), progress);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| JobError::Crew(e.to_string()))?;
    let (stop_tx, stop) = tokio::sync::watch::channel(false);
    // The engine cancels a job with SIGTERM (then SIGKILL): the crew is stopped in turn, as
    // the dispatcher stops a local one.
    let outcome = runtime
        .block_on(async {
            let mut terminate =
                tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                    .map_err(|e| format!("cannot watch for SIGTERM: {e}"))?;
            let crew = agent.run(request, stop);
            tokio::pin!(crew);
            tokio::select! {
                outcome = &mut crew => outcome,
                _ = terminate.recv() => {
                    let _ = stop_tx.send(true);
                    crew.await
                }
            }
        })
        .map_err(|e| JobError::Crew(e.to_string()));
    live.stop();
    let outcome = outcome?;
    send_audit(client, &state)?;
    // The crew's own commits and what it left uncommitted, as one commit on the base.
    let commit = maestro_git::bundle::commit_all_on(
        &worktree,
        &work.base,
        &format!("maestro {} <maestro@localhost>", role.as_str()),
        &format!("maestro: {} attempt {}", work.order, work.attempt),
    )?;
    if let Some(commit) = &commit {
        let up = options.scratch.join("result.bundle");
        maestro_git::bundle::create(&worktree, commit, Some(&work.base), &up)?;
        client.result_bundle(&up)?;
    }
    Ok(JobResult {
        success: outcome.success,
        exit_code: outcome.exit_code,
        timed_out: outcome.timed_out,
        output_tail: outcome.output_tail,
        cost_usd: outcome.cost_usd,
        turns: outcome.turns,
        tokens: outcome.tokens.map(|t| (t.input, t.output)),
        denials: outcome.denials,
        session_id: outcome.session_id,
        commit,
        error: None,
    })
}

/// The crew's environment on this node: the coordinator's `MAESTRO_*` variables, with the
/// paths that name places on the coordinator (its workspace, the crew's worktree there)
/// replaced by the node's own — a crew never reaches the coordinator's files through them,
/// even on a node that shares the coordinator's filesystem.
fn node_env(env: &[(String, String)], workspace: &Path, worktree: &Path) -> Vec<(String, String)> {
    env.iter()
        .map(|(key, value)| match key.as_str() {
            "MAESTRO_WORKSPACE" => (key.clone(), workspace.display().to_string()),
            "MAESTRO_WORKTREE" => (key.clone(), worktree.display().to_string()),
            _ => (key.clone(), value.clone()),
        })
        .collect()
}

/// The sandbox the coordinator would use, for this worktree on this node.
fn sandbox(config: &WorkspaceConfig, worktree: &Path) -> Result<Option<Sandbox>, JobError> {
    if config.crews.sandbox == SandboxMode::Off {
        return Ok(None);
    }
    maestro_core::sandbox::check_available().map_err(|e| JobError::Crew(e.to_string()))?;
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let sandbox = Sandbox::from_config(config, worktree, &worktree.join(".git"), home.as_deref())
        .map_err(|e| JobError::Crew(e.to_string()))?;
    let credentials = maestro_core::sandbox::credential_variables(std::env::vars_os(), |value| {
        crate::redaction::redact(value).is_some()
    });
    Ok(Some(sandbox.withhold_env(credentials)))
}

/// A Claude crew on this node, governed as on the coordinator: `maestro hook` as its hooks
/// (judging with the node's workspace, recording in the node's audit log, forwarded when the
/// crew ends), the sandbox, Claude Code's state under the node's workspace, and no MCP server
/// (the coordinator's approved servers are its machine's; none is run on a node yet). The API
/// key comes over the channel into this process's memory only.
fn claude_agent(
    client: &ChannelClient,
    config: &WorkspaceConfig,
    state: &Path,
    sandbox: Option<Sandbox>,
    grace: Duration,
) -> Result<maestro_core::agent::ClaudeAgent, JobError> {
    use maestro_core::agent::{ClaudeAgent, ClaudeOptions};
    let key = client.secret()?;
    let exe = std::env::current_exe().map_err(|e| {
        JobError::Crew(format!(
            "cannot locate the maestro binary for the hooks: {e}"
        ))
    })?;
    let mcp = state.join("mcp.json");
    std::fs::write(&mcp, maestro_core::mcp::crew_config(&[]).to_string())
        .map_err(|e| JobError::Work(format!("cannot write {}: {e}", mcp.display())))?;
    let config_dir = state.join("claude");
    crate::workspace::private_dir(&config_dir).map_err(|e| JobError::Work(e.to_string()))?;
    ClaudeAgent::new(ClaudeOptions {
        max_budget_usd: config.crews.max_budget_usd,
        hook_command: Some(crate::hook::server::command(&exe)),
        mcp_config: Some(mcp),
        sandbox,
        config_dir: Some(config_dir),
        grace,
        ..ClaudeOptions::from_config(config, key)
    })
    .map_err(|e| JobError::Crew(e.to_string()))
}

/// The privileged actions the crew's hooks recorded in the node's audit log, for the
/// coordinator to append to the one chain.
fn send_audit(client: &ChannelClient, state: &Path) -> Result<(), JobError> {
    let log = state.join("audit.log");
    let Ok(entries) = maestro_audit::entries(&log) else {
        return Ok(());
    };
    let events: Vec<JobEvent> = entries
        .filter_map(Result::ok)
        .map(|entry| JobEvent::Audit {
            actor: entry.actor,
            action: entry.action,
            subject: entry.subject,
            details: match entry.details {
                serde_json::Value::Object(map) => map,
                _ => serde_json::Map::new(),
            },
        })
        .collect();
    for chunk in events.chunks(100) {
        client.events(chunk)?;
    }
    Ok(())
}

/// At most this many bytes of log lines in one `events` request (the channel takes 1 MiB).
const BATCH_BYTES: usize = 512 << 10;
/// A longer log line is cut to this many bytes.
const LINE_BYTES: usize = 256 << 10;

/// A thread sending, every half second while the crew works, the new lines of its event log
/// (redacted as they were written) and what it reports (turns, tokens, cost); what is left is
/// sent when it stops.
struct Live {
    stop: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<()>,
}

impl Live {
    fn start(
        client: ChannelClient,
        log: PathBuf,
        mut progress: tokio::sync::mpsc::UnboundedReceiver<maestro_core::ports::CrewProgress>,
    ) -> Live {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let mut offset = 0u64;
            loop {
                let last = flag.load(Ordering::Relaxed);
                let mut events = Vec::new();
                while let Ok(report) = progress.try_recv() {
                    if let maestro_core::ports::CrewProgress::Work {
                        turns,
                        tokens,
                        cost_usd,
                    } = report
                    {
                        events.push(JobEvent::Progress {
                            turns,
                            input_tokens: tokens.input,
                            output_tokens: tokens.output,
                            cost_usd,
                        });
                    }
                }
                events.extend(new_lines(&log, &mut offset));
                // Lost batches are the coordinator's to notice (the result still comes).
                for batch in batches(events) {
                    let _ = client.events(&batch);
                }
                if last {
                    break;
                }
                std::thread::sleep(Duration::from_millis(500));
            }
        });
        Live { stop, thread }
    }

    fn stop(self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.thread.join();
    }
}

/// The complete lines `log` gained since `offset`, as events; `offset` moves past them.
fn new_lines(log: &Path, offset: &mut u64) -> Vec<JobEvent> {
    use std::io::{Read as _, Seek as _};
    let Ok(mut file) = std::fs::File::open(log) else {
        return Vec::new();
    };
    let mut bytes = Vec::new();
    if file.seek(std::io::SeekFrom::Start(*offset)).is_err()
        || file.read_to_end(&mut bytes).is_err()
    {
        return Vec::new();
    }
    let Some(end) = bytes.iter().rposition(|&b| b == b'\n') else {
        return Vec::new();
    };
    *offset += end as u64 + 1;
    bytes[..end]
        .split(|&b| b == b'\n')
        .map(|line| {
            let line = &line[..line.len().min(LINE_BYTES)];
            JobEvent::Log {
                line: String::from_utf8_lossy(line).into_owned(),
            }
        })
        .collect()
}

/// `events` in requests of at most [`BATCH_BYTES`] of log text.
fn batches(events: Vec<JobEvent>) -> Vec<Vec<JobEvent>> {
    let mut out: Vec<Vec<JobEvent>> = Vec::new();
    let mut size = 0;
    for event in events {
        let len = match &event {
            JobEvent::Log { line } => line.len() + 32,
            _ => 128,
        };
        if out.is_empty() || size + len > BATCH_BYTES {
            out.push(Vec::new());
            size = 0;
        }
        size += len;
        out.last_mut().expect("a batch").push(event);
    }
    out
}

/// A thread sending a heartbeat every period until stopped.
struct Heartbeats {
    stop: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<()>,
}

impl Heartbeats {
    fn start(client: ChannelClient, period: Duration) -> Heartbeats {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let tick = Duration::from_millis(100);
            let mut waited = Duration::ZERO;
            while !flag.load(Ordering::Relaxed) {
                std::thread::sleep(tick);
                waited += tick;
                if waited >= period {
                    waited = Duration::ZERO;
                    // A lost heartbeat is the coordinator's to notice.
                    let _ = client.events(&[JobEvent::Heartbeat]);
                }
            }
        });
        Heartbeats { stop, thread }
    }

    fn stop(self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.thread.join();
    }
}
