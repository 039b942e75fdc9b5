//! The remote executor end to end on this machine: a job engine that runs each job's script as
//! a local process stands in for the cluster, everything else is real — the control channel
//! over TLS, `maestro crew-exec`, the bundles, the quarantine. The Slurm engine is tested on a
//! real cluster in the e2e tests.

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::Child;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use maestro_cli::control::server::{ControlServer, Limits};
use maestro_cli::executor::{
    JobEngine, JobPhase, JobRequest, JobStatus, RemoteExecutor, RemoteOptions,
};
use maestro_core::agent::CommandAgent;
use maestro_core::config::SandboxMode;
use maestro_core::ports::{
    AuditEvent, AuditSink, CrewProgress, CrewRequest, Executor as _, Placement, PortError,
};
use maestro_core::{Role, WorkspaceConfig};
use maestro_tests::GitRepo;

/// Runs each job's script with `sh` here; `lose` makes a job's node "fail" once it runs.
struct ProcessEngine {
    home: PathBuf,
    jobs: Mutex<HashMap<String, Child>>,
    scripts: Mutex<Vec<String>>,
    /// Each job's CPUs, memory and minutes.
    asked: Mutex<Vec<(u32, u64, u64)>>,
    lose: bool,
    /// Runs `sleep 60` instead of the job's script: a job that never reaches the channel.
    mute: bool,
}

impl ProcessEngine {
    fn new(home: &Path, lose: bool) -> Self {
        ProcessEngine {
            home: home.to_owned(),
            jobs: Mutex::new(HashMap::new()),
            scripts: Mutex::new(Vec::new()),
            asked: Mutex::new(Vec::new()),
            lose,
            mute: false,
        }
    }
}

impl JobEngine for ProcessEngine {
    fn kind(&self) -> &'static str {
        "processes"
    }

    fn submit(&self, job: &JobRequest) -> Result<String, PortError> {
        let mut jobs = self.jobs.lock().expect("lock");
        let id = format!("{}", jobs.len() + 1);
        let script = if self.mute {
            "sleep 60"
        } else {
            job.script.as_str()
        };
        let child = std::process::Command::new("sh")
            .arg("-c")
            .arg(script)
            .env("HOME", &self.home)
            .env("TMPDIR", &self.home)
            .env("SLURMD_NODENAME", "node-p")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()?;
        jobs.insert(id.clone(), child);
        self.scripts.lock().expect("lock").push(job.script.clone());
        self.asked
            .lock()
            .expect("lock")
            .push((job.cpus, job.memory_mib, job.minutes));
        Ok(id)
    }

    fn status(&self, id: &str) -> Result<JobStatus, PortError> {
        let mut jobs = self.jobs.lock().expect("lock");
        let child = jobs.get_mut(id).ok_or("no such job")?;
        let phase = match child.try_wait()? {
            None if self.lose => {
                kill_group(child);
                JobPhase::Lost("node node-p failed (NODE_FAIL)".into())
            }
            None => JobPhase::Running,
            Some(_) => JobPhase::Finished,
        };
        Ok(JobStatus {
            phase,
            node: Some("node-p".into()),
        })
    }

    fn cancel(&self, id: &str) -> Result<(), PortError> {
        if let Some(child) = self.jobs.lock().expect("lock").get_mut(id) {
            cancel(child);
        }
        Ok(())
    }
}

/// Every process descended from `root` (as Slurm's proctrack/linuxproc finds a job's).
fn tree(root: u32) -> Vec<u32> {
    let mut parent = HashMap::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // `pid (comm) state ppid …`: the name may hold spaces, the last `)` ends it.
        let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
            continue;
        };
        if let Some(ppid) = rest
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse::<u32>().ok())
        {
            parent.insert(pid, ppid);
        }
    }
    let mut out = vec![root];
    let mut grew = true;
    while grew {
        grew = false;
        for (&pid, ppid) in &parent {
            if out.contains(ppid) && !out.contains(&pid) {
                out.push(pid);
                grew = true;
            }
        }
    }
    out
}

fn signal(pids: &[u32], name: &str) {
    let mut kill = std::process::Command::new("kill");
    kill.arg(format!("-{name}")).arg("--");
    for pid in pids {
        kill.arg(pid.to_string());
    }
    let _ = kill.stderr(std::process::Stdio::null()).status();
}

/// A node's loss: every process of the job killed at once (`SIGKILL`).
fn kill_group(child: &mut Child) {
    signal(&tree(child.id()), "KILL");
    let _ = child.wait();
}

/// A cancel as Slurm does it: SIGTERM to the job's processes, SIGKILL to what is left 3 s on.
fn cancel(child: &mut Child) {
    let pids = tree(child.id());
    signal(&pids, "TERM");
    for _ in 0..30 {
        if child.try_wait().ok().flatten().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    signal(&tree(child.id()), "KILL");
    signal(&pids, "KILL");
    let _ = child.wait();
}

#[derive(Default)]
struct Audit(Mutex<Vec<AuditEvent>>);

impl AuditSink for Audit {
    fn record(&self, event: AuditEvent) -> Result<(), PortError> {
        self.0.lock().expect("lock").push(event);
        Ok(())
    }
    fn recorded(&self, _: &str, _: &str, _: &str, _: &str) -> Result<bool, PortError> {
        Ok(false)
    }
}

struct Setup {
    repo: GitRepo,
    dir: tempfile::TempDir,
    worktree: PathBuf,
    base: String,
}

fn setup() -> Setup {
    let repo = GitRepo::with_commit().expect("repo");
    let base = repo
        .git(&["rev-parse", "HEAD"])
        .expect("base")
        .trim()
        .to_owned();
    let dir = tempfile::tempdir().expect("dir");
    let worktree = dir.path().join("wt");
    repo.git(&[
        "worktree",
        "add",
        "-q",
        "--detach",
        worktree.to_str().expect("utf-8"),
        &base,
    ])
    .expect("worktree");
    std::fs::create_dir_all(dir.path().join("home")).expect("home");
    Setup {
        repo,
        dir,
        worktree,
        base,
    }
}

fn request(
    s: &Setup,
    command: &str,
) -> (
    CrewRequest,
    tokio::sync::mpsc::UnboundedReceiver<CrewProgress>,
) {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    (
        CrewRequest {
            voyage: "v1".into(),
            order: "api".parse().expect("id"),
            role: Role::Builder,
            attempt: 1,
            worktree: s.worktree.clone(),
            prompt: "work".into(),
            command: Some(vec!["sh".into(), "-c".into(), command.into()]),
            env: vec![("MAESTRO_ORDER".into(), "api".into())],
            timeout: Duration::from_secs(60),
            log: s.dir.path().join("crew.log"),
            resume_session: None,
            resume_note: None,
            session_id: None,
            progress: Some(tx),
            pid_file: None,
            redact: None,
        },
        rx,
    )
}

fn executor(
    s: &Setup,
    engine: Arc<ProcessEngine>,
    audit: Arc<Audit>,
) -> RemoteExecutor<ProcessEngine> {
    executor_with(
        s,
        engine,
        audit,
        maestro_core::config::ExecutorConfig::default(),
    )
}

fn executor_with(
    s: &Setup,
    engine: Arc<ProcessEngine>,
    audit: Arc<Audit>,
    resources: maestro_core::config::ExecutorConfig,
) -> RemoteExecutor<ProcessEngine> {
    let mut config = WorkspaceConfig::default();
    config.crews.sandbox = SandboxMode::Off;
    let channel = ControlServer::start(
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        "127.0.0.1",
        Limits::default(),
    )
    .expect("channel");
    RemoteExecutor::new(
        engine,
        Arc::new(channel),
        audit,
        RemoteOptions {
            maestro: PathBuf::from(env!("CARGO_BIN_EXE_maestro")),
            workspace_json: config.to_pretty_json(),
            resources,
            heartbeat: Duration::from_secs(1),
            poll: Duration::from_millis(100),
            scratch: s.dir.path().join("scratch"),
            secrets: Vec::new(),
            model_key: None,
        },
    )
}

fn placements(rx: &mut tokio::sync::mpsc::UnboundedReceiver<CrewProgress>) -> Vec<Placement> {
    let mut out = Vec::new();
    while let Ok(p) = rx.try_recv() {
        if let CrewProgress::Placed(p) = p {
            out.push(p);
        }
    }
    out
}

fn agent() -> Arc<CommandAgent> {
    Arc::new(CommandAgent::new(
        vec!["false".into()],
        Duration::from_secs(1),
    ))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_remote_crew_s_change_arrives_in_the_worktree_as_files_only() {
    let s = setup();
    let engine = Arc::new(ProcessEngine::new(&s.dir.path().join("home"), false));
    let audit = Arc::new(Audit::default());
    let executor = executor(&s, Arc::clone(&engine), Arc::clone(&audit));
    let (request, mut progress) = request(&s, "echo remote > made.txt");
    let (_stop_tx, stop) = tokio::sync::watch::channel(false);
    let outcome = executor.run(agent(), request, stop).await.expect("outcome");
    assert!(outcome.success, "{outcome:?}");
    assert_eq!(outcome.lost, None);
    // The change is in the worktree's files, uncommitted, for the dispatcher to scan and
    // collect; the repository received none of the crew's objects.
    assert_eq!(
        std::fs::read_to_string(s.worktree.join("made.txt")).expect("made"),
        "remote\n"
    );
    let status = std::process::Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(&s.worktree)
        .output()
        .expect("git");
    assert_eq!(String::from_utf8_lossy(&status.stdout), "?? made.txt\n");
    assert_eq!(
        s.repo.git(&["rev-parse", "HEAD"]).expect("head").trim(),
        s.base
    );
    let placed = placements(&mut progress);
    assert_eq!(
        placed.first().map(|p| p.node.clone()),
        Some(None),
        "{placed:?}"
    );
    assert!(
        placed.iter().any(|p| p.node.as_deref() == Some("node-p")),
        "{placed:?}"
    );
    assert!(
        audit
            .0
            .lock()
            .expect("lock")
            .iter()
            .any(|e| e.action == "job.submit")
    );
    // The job script holds the token and no key.
    let scripts = engine.scripts.lock().expect("lock").clone();
    assert!(scripts[0].contains("crew-exec --channel 'https://127.0.0.1:"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_whose_node_fails_is_lost_and_cancelled() {
    let s = setup();
    let engine = Arc::new(ProcessEngine::new(&s.dir.path().join("home"), true));
    let executor = executor(&s, Arc::clone(&engine), Arc::new(Audit::default()));
    let (request, _progress) = request(&s, "sleep 30");
    let (_stop_tx, stop) = tokio::sync::watch::channel(false);
    let outcome = executor.run(agent(), request, stop).await.expect("outcome");
    assert_eq!(
        outcome.lost.as_deref(),
        Some("node node-p failed (NODE_FAIL)")
    );
    assert!(!outcome.success);
    assert!(!s.worktree.join("made.txt").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stop_cancels_the_job_and_interrupts_the_attempt() {
    let s = setup();
    let engine = Arc::new(ProcessEngine::new(&s.dir.path().join("home"), false));
    let executor = executor(&s, Arc::clone(&engine), Arc::new(Audit::default()));
    let marker = format!("stopped-crew-{}", std::process::id());
    let (request, _progress) = request(&s, &format!("echo working-live; sleep 30; echo {marker}"));
    let log = request.log.clone();
    let (stop_tx, stop) = tokio::sync::watch::channel(false);
    let run = tokio::spawn(executor.run(agent(), request, stop));
    // What the crew logs reaches this machine while it works.
    let started = std::time::Instant::now();
    while !std::fs::read_to_string(&log).is_ok_and(|l| l.contains("working-live")) {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "the crew's log line never came while it worked"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    stop_tx.send(true).expect("stop");
    let outcome = tokio::time::timeout(Duration::from_secs(10), run)
        .await
        .expect("stopped promptly")
        .expect("task")
        .expect("outcome");
    assert!(outcome.interrupted, "{outcome:?}");
    let mut jobs = engine.jobs.lock().expect("lock");
    let child = jobs.get_mut("1").expect("job");
    assert!(
        child.try_wait().expect("wait").is_some(),
        "the job was cancelled"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_running_job_silent_past_its_heartbeats_is_lost_and_cancelled() {
    let s = setup();
    let engine = Arc::new(ProcessEngine {
        mute: true,
        ..ProcessEngine::new(&s.dir.path().join("home"), false)
    });
    let executor = executor(&s, Arc::clone(&engine), Arc::new(Audit::default()));
    let (request, _progress) = request(&s, "true");
    let (_stop_tx, stop) = tokio::sync::watch::channel(false);
    let outcome = tokio::time::timeout(
        Duration::from_secs(30),
        executor.run(agent(), request, stop),
    )
    .await
    .expect("given up on in time")
    .expect("outcome");
    // heartbeat 1 s: silent for 4 of them and 5 s more.
    assert_eq!(
        outcome.lost.as_deref(),
        Some("job 1 sent nothing for 9 s (its node or its network failed)")
    );
    let mut jobs = engine.jobs.lock().expect("lock");
    let child = jobs.get_mut("1").expect("job");
    assert!(
        child.try_wait().expect("wait").is_some(),
        "the job was cancelled"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_job_asks_for_its_roles_cpus_memory_and_time() {
    let s = setup();
    let engine = Arc::new(ProcessEngine::new(&s.dir.path().join("home"), false));
    let config: maestro_core::config::ExecutorConfig = serde_json::from_value(serde_json::json!({
        "resources": {
            "default": {"cpus": 2},
            "tester": {"cpus": 4, "memoryMib": 8192, "timeMinutes": 30}
        }
    }))
    .expect("config");
    let executor = executor_with(&s, Arc::clone(&engine), Arc::new(Audit::default()), config);
    for role in [Role::Builder, Role::Tester] {
        let (mut request, _progress) = request(&s, "true");
        request.role = role;
        let (_stop_tx, stop) = tokio::sync::watch::channel(false);
        let outcome = executor.run(agent(), request, stop).await.expect("outcome");
        assert!(outcome.success, "{outcome:?}");
    }
    // The builder: the default's CPUs, 1024 MiB, the crew's 60 s timeout and 10 minutes.
    assert_eq!(
        *engine.asked.lock().expect("lock"),
        [(2, 1024, 11), (4, 8192, 30)]
    );
}
