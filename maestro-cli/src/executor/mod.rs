//! Remote executors: crews as jobs of an existing distributed engine.
//!
//! [`RemoteExecutor`] is maestro-core's [`Executor`] port for any engine that can run a batch
//! script on some node and tell where it runs and whether it ended ([`JobEngine`]: Slurm
//! first; a Kubernetes Job would be another). Everything else is the engine's business no
//! more: for each attempt the executor registers the work on the run's control channel
//! ([`crate::control`]), bundles the crew's base, submits a job whose script runs `maestro
//! crew-exec` with the channel's pinned certificate and the attempt's token (never the model
//! API key: engines write job scripts to disk), follows the job's events and the engine's view
//! of the job, and when the result comes writes the crew's change into the local worktree
//! through a quarantine repository ([`maestro_git::bundle::materialize`]) — the dispatcher
//! then scans, gates and merges it as it does a local crew's.
//!
//! A job the engine ends without a result (its node failed, it was cancelled, preempted or
//! timed out) or that falls silent past its heartbeats is *lost*: the attempt is run again
//! ([`CrewOutcome::lost`]). A stop cancels the job.

mod script;
mod slurm;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use maestro_core::ports::{
    Agent, AuditEvent, AuditSink, CrewFuture, CrewOutcome, CrewProgress, CrewRequest, Executor,
    Placement, PortError, Tokens,
};
use tokio::sync::watch;

use crate::control::server::{AttemptSpec, ControlServer};
use crate::control::wire::{JobEvent, JobResult, WorkOrder};

pub use script::job_script;
pub use slurm::SlurmEngine;

/// A job to submit: a shell script and the resources it asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobRequest {
    /// A name for the engine's listings (`maestro-v1-api-1`).
    pub name: String,
    /// The batch script (`#!/bin/sh …`).
    pub script: String,
    /// CPUs.
    pub cpus: u32,
    /// Memory, in MiB.
    pub memory_mib: u64,
    /// Time limit, in minutes.
    pub minutes: u64,
    /// Values that must not reach the engine (it writes scripts and environments to disk):
    /// an engine refuses a job whose script holds one.
    pub secrets: Vec<String>,
}

/// Where a job stands, as its engine sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobPhase {
    /// Waiting for a node.
    Pending,
    /// Running.
    Running,
    /// Ended as it should (its script exited): its result, if any, came over the channel.
    Finished,
    /// Ended by the engine or its node: why, in a line (`node node1 failed (NODE_FAIL)`).
    Lost(String),
}

/// A job's phase and the node it runs on, once picked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobStatus {
    /// Where it stands.
    pub phase: JobPhase,
    /// Its node.
    pub node: Option<String>,
}

/// A distributed engine that runs batch jobs: submit, look, cancel. Blocking calls.
pub trait JobEngine: Send + Sync + 'static {
    /// The engine's kind (`slurm`).
    fn kind(&self) -> &'static str;
    /// Submits `job`; its id.
    fn submit(&self, job: &JobRequest) -> Result<String, PortError>;
    /// Where job `id` stands.
    fn status(&self, id: &str) -> Result<JobStatus, PortError>;
    /// Cancels job `id` (a job that already ended is not an error).
    fn cancel(&self, id: &str) -> Result<(), PortError>;
}

/// Settings of a [`RemoteExecutor`].
#[derive(Debug, Clone)]
pub struct RemoteOptions {
    /// The `maestro` program on the nodes.
    pub maestro: PathBuf,
    /// The workspace's `workspace.json`, for the hooks and the sandbox on the nodes.
    pub workspace_json: String,
    /// Resources of each job, per role (`crews.executor.resources`).
    pub resources: maestro_core::config::ExecutorConfig,
    /// Time between a job's heartbeats; silent for four of them and it is lost.
    pub heartbeat: Duration,
    /// How often the engine is asked where a job stands.
    pub poll: Duration,
    /// Where bundles are kept while attempts run, a directory per voyage.
    pub scratch: PathBuf,
    /// Values no job script may hold (the model API key): the engine refuses such a job.
    pub secrets: Vec<String>,
    /// The model API key a Claude crew fetches over the channel (`None`: command crews only).
    pub model_key: Option<String>,
}

/// Runs each crew as a job of `E`, reached back over `channel`.
pub struct RemoteExecutor<E> {
    engine: Arc<E>,
    channel: Arc<ControlServer>,
    audit: Arc<dyn AuditSink>,
    options: RemoteOptions,
}

impl<E> std::fmt::Debug for RemoteExecutor<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteExecutor").finish_non_exhaustive()
    }
}

impl<E: JobEngine> RemoteExecutor<E> {
    /// An executor submitting to `engine`, serving jobs on `channel`, recording the nodes'
    /// privileged actions in `audit`.
    pub fn new(
        engine: Arc<E>,
        channel: Arc<ControlServer>,
        audit: Arc<dyn AuditSink>,
        options: RemoteOptions,
    ) -> Self {
        RemoteExecutor {
            engine,
            channel,
            audit,
            options,
        }
    }
}

fn port_error(context: &str, e: impl std::fmt::Display) -> PortError {
    format!("{context}: {e}").into()
}

/// Runs a blocking call off the async runtime.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, PortError> + Send + 'static,
) -> Result<T, PortError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| port_error("a blocking task failed", e))?
}

impl<E: JobEngine> Executor for RemoteExecutor<E> {
    fn kind(&self) -> &'static str {
        self.engine.kind()
    }

    fn run(
        &self,
        _agent: Arc<dyn Agent>,
        request: CrewRequest,
        stop: watch::Receiver<bool>,
    ) -> CrewFuture {
        let engine = Arc::clone(&self.engine);
        let channel = Arc::clone(&self.channel);
        let audit = Arc::clone(&self.audit);
        let options = self.options.clone();
        Box::pin(async move { attempt(engine, channel, audit, options, request, stop).await })
    }

    fn abandon(&self, placement: &Placement) -> Result<(), PortError> {
        self.engine.cancel(&placement.job)
    }
}

async fn attempt<E: JobEngine>(
    engine: Arc<E>,
    channel: Arc<ControlServer>,
    audit: Arc<dyn AuditSink>,
    options: RemoteOptions,
    request: CrewRequest,
    mut stop: watch::Receiver<bool>,
) -> Result<CrewOutcome, PortError> {
    let name = format!(
        "maestro-{}-{}-{}",
        request.voyage, request.order, request.attempt
    );
    // `<scratch>/<voyage>/<order>-<attempt>`: a run holds its voyage's directory while its
    // attempts run, so `worktree prune` may clear what a killed run left there.
    let dir = options
        .scratch
        .join(&request.voyage)
        .join(format!("{}-{}", request.order, request.attempt));
    std::fs::create_dir_all(&dir)
        .map_err(|e| port_error("cannot make the attempt's directory", e))?;
    let worktree = request.worktree.clone();
    let base_bundle = dir.join("base.bundle");
    let base = {
        let (worktree, bundle) = (worktree.clone(), base_bundle.clone());
        blocking(move || {
            let repo = maestro_git::Repo::discover(&worktree)
                .map_err(|e| port_error("cannot open the crew's worktree", e))?;
            let base = repo
                .resolve_commit("HEAD")
                .map_err(|e| port_error("cannot read the crew's base", e))?
                .to_string();
            maestro_git::bundle::create(&worktree, &base, None, &bundle)
                .map_err(|e| port_error("cannot bundle the crew's base", e))?;
            Ok((base, repo.common_dir().to_owned()))
        })
        .await?
    };
    let (base, common_dir) = base;
    let heartbeat = options.heartbeat.max(Duration::from_secs(1));
    let work = WorkOrder {
        voyage: request.voyage.clone(),
        order: request.order.to_string(),
        role: request.role.as_str().to_owned(),
        attempt: request.attempt,
        base: base.clone(),
        prompt: request.prompt.clone(),
        command: request.command.clone(),
        env: request.env.clone(),
        timeout_secs: request.timeout.as_secs(),
        session_id: request.session_id.clone(),
        workspace_json: options.workspace_json.clone(),
        heartbeat_secs: heartbeat.as_secs(),
    };
    let result_bundle = dir.join("result.bundle");
    let mut handle = channel
        .register(AttemptSpec {
            work,
            base_bundle,
            result_bundle: result_bundle.clone(),
            // Only a crew of the workspace's agent (not an order's own command) is given it.
            secret: request
                .command
                .is_none()
                .then(|| options.model_key.clone())
                .flatten(),
            // The crew's time, the engine's queue and the transfers.
            lifetime: request.timeout + Duration::from_secs(3600),
        })
        .map_err(|e| port_error("cannot register the attempt on the control channel", e))?;
    let (cpus, memory_mib, minutes) = options.resources.resources_of(request.role.as_str());
    let job = JobRequest {
        name: name.clone(),
        script: job_script(
            &options.maestro,
            channel.url(),
            channel.certificate_pem(),
            handle.token(),
        ),
        cpus,
        memory_mib,
        minutes: minutes.unwrap_or(request.timeout.as_secs().div_ceil(60) + 10),
        secrets: options.secrets.clone(),
    };
    let id = {
        let engine = Arc::clone(&engine);
        blocking(move || engine.submit(&job)).await?
    };
    let placed = |node: Option<String>| {
        if let Some(progress) = &request.progress {
            let _ = progress.send(CrewProgress::Placed(Placement {
                executor: engine.kind().to_owned(),
                job: id.clone(),
                node,
            }));
        }
    };
    placed(None);
    audit
        .record(AuditEvent {
            actor: "dispatcher".into(),
            action: "job.submit".into(),
            subject: format!("{}/{}", request.voyage, request.order),
            details: json_map(serde_json::json!({
                "executor": engine.kind(),
                "job": id,
                "attempt": request.attempt,
            })),
        })
        .map_err(|e| port_error("cannot audit the job", e))?;

    let mut node: Option<String> = None;
    let mut ended_at: Option<tokio::time::Instant> = None;
    let mut unanswered: Option<tokio::time::Instant> = None;
    let mut tick = tokio::time::interval(options.poll);
    let silent_limit = heartbeat * 4 + Duration::from_secs(5);
    let mut log = LogFile::open(&request.log);
    let outcome = loop {
        tokio::select! {
            result = &mut handle.result => {
                match result {
                    Ok(result) => break Ending::Result(result),
                    Err(_) => break Ending::Lost("the control channel closed".into()),
                }
            }
            Some(event) = handle.events.recv() => {
                on_event(event, &request, &audit, &mut node, &mut log, &placed)?;
            }
            _ = tick.tick() => {
                let status = {
                    let engine = Arc::clone(&engine);
                    let id = id.clone();
                    blocking(move || engine.status(&id)).await
                };
                // An engine that does not answer for a while (a controller restarting) is
                // asked again; one silent past the limit loses the job.
                let status = match status {
                    Ok(status) => {
                        unanswered = None;
                        status
                    }
                    Err(e) => {
                        let since = *unanswered.get_or_insert_with(tokio::time::Instant::now);
                        if since.elapsed() > ENGINE_SILENCE {
                            break Ending::Lost(format!(
                                "{} did not answer for {} s: {e}",
                                engine.kind(),
                                ENGINE_SILENCE.as_secs()
                            ));
                        }
                        continue;
                    }
                };
                if status.node.is_some() && status.node != node {
                    node.clone_from(&status.node);
                    placed(node.clone());
                }
                match status.phase {
                    JobPhase::Lost(why) => break Ending::Lost(why),
                    // The script ended: its result may still be on its way.
                    JobPhase::Finished => {
                        let since = *ended_at.get_or_insert_with(tokio::time::Instant::now);
                        if since.elapsed() > Duration::from_secs(5) {
                            break Ending::Lost("the job ended without sending a result".into());
                        }
                    }
                    JobPhase::Pending => {}
                    JobPhase::Running => {
                        if handle.silent_for() > silent_limit {
                            break Ending::Silent;
                        }
                    }
                }
            }
            changed = stop.changed() => {
                if changed.is_err() || *stop.borrow() {
                    break Ending::Stopped;
                }
            }
        }
    };
    // Whatever ended it, the job is not left running.
    if !matches!(outcome, Ending::Result(_)) {
        let engine = Arc::clone(&engine);
        let id = id.clone();
        let _ = blocking(move || engine.cancel(&id)).await;
    }
    while let Ok(event) = handle.events.try_recv() {
        on_event(event, &request, &audit, &mut node, &mut log, &placed)?;
    }
    drop(handle);
    let outcome = match outcome {
        Ending::Result(result) => {
            if let Some(commit) = &result.commit {
                let (bundle, worktree, base, commit) =
                    (result_bundle, worktree, base, commit.clone());
                blocking(move || {
                    maestro_git::bundle::materialize(
                        &common_dir,
                        &bundle,
                        &base,
                        &commit,
                        &worktree,
                    )
                    .map_err(|e| port_error("cannot take the crew's change from its node", e))
                })
                .await?;
            }
            outcome_of(result)
        }
        Ending::Lost(why) => CrewOutcome {
            lost: Some(why),
            ..CrewOutcome::default()
        },
        Ending::Silent => CrewOutcome {
            lost: Some(format!(
                "job {id} sent nothing for {} s (its node or its network failed)",
                silent_limit.as_secs()
            )),
            ..CrewOutcome::default()
        },
        Ending::Stopped => CrewOutcome {
            interrupted: true,
            ..CrewOutcome::default()
        },
    };
    let _ = std::fs::remove_dir_all(&dir);
    Ok(outcome)
}

/// How long the engine may fail to say where a job stands before the job counts as lost.
const ENGINE_SILENCE: Duration = Duration::from_secs(60);

enum Ending {
    Result(JobResult),
    Lost(String),
    Silent,
    Stopped,
}

fn outcome_of(result: JobResult) -> CrewOutcome {
    if let Some(error) = result.error {
        return CrewOutcome {
            output_tail: format!("maestro crew-exec on the node: {error}"),
            ..CrewOutcome::default()
        };
    }
    CrewOutcome {
        success: result.success,
        exit_code: result.exit_code,
        timed_out: result.timed_out,
        output_tail: result.output_tail,
        cost_usd: result.cost_usd,
        turns: result.turns,
        tokens: result
            .tokens
            .map(|(input, output)| Tokens { input, output }),
        denials: result.denials,
        session_id: result.session_id,
        ..CrewOutcome::default()
    }
}

fn json_map(value: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    match value {
        serde_json::Value::Object(map) => map,
        _ => serde_json::Map::new(),
    }
}

/// The attempt's log file, appended to as the job's lines arrive.
struct LogFile(Option<std::fs::File>);

impl LogFile {
    fn open(path: &std::path::Path) -> LogFile {
        LogFile(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .ok(),
        )
    }

    fn line(&mut self, line: &str) {
        use std::io::Write as _;
        if let Some(file) = &mut self.0 {
            let _ = writeln!(file, "{line}");
        }
    }
}

fn on_event(
    event: JobEvent,
    request: &CrewRequest,
    audit: &Arc<dyn AuditSink>,
    node: &mut Option<String>,
    log: &mut LogFile,
    placed: &impl Fn(Option<String>),
) -> Result<(), PortError> {
    match event {
        JobEvent::Heartbeat => {}
        JobEvent::Started { node: started } => {
            if node.as_deref() != Some(started.as_str()) {
                *node = Some(started);
                placed(node.clone());
            }
        }
        JobEvent::Progress {
            turns,
            input_tokens,
            output_tokens,
            cost_usd,
        } => {
            if let Some(progress) = &request.progress {
                let _ = progress.send(CrewProgress::Work {
                    turns,
                    tokens: Tokens {
                        input: input_tokens,
                        output: output_tokens,
                    },
                    cost_usd,
                });
            }
        }
        JobEvent::Log { line } => log.line(&line),
        JobEvent::Audit {
            actor,
            action,
            subject,
            mut details,
        } => {
            // The node's word, recorded as the node's: the chain says where it came from.
            details.insert(
                "node".into(),
                node.clone().unwrap_or_else(|| "unknown".into()).into(),
            );
            audit.record(AuditEvent {
                actor: format!("node:{actor}"),
                action,
                subject,
                details,
            })?;
        }
    }
    Ok(())
}
