//! `maestro doctor`: is this machine and workspace ready to run crews?

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use maestro_core::config::{AgentKind, ResidencyMode, SandboxMode};
use maestro_core::egress::is_loopback;
use maestro_core::sandbox::{Sandbox, check_available};
use maestro_core::{EgressPolicy, Store, WorkspaceConfig};
use maestro_git::Repo;
use serde::Serialize;

use crate::commands::Outcome;
use crate::output::{self, Output, Table};
use maestro_cli::workspace::Workspace;

/// How long `--version` of an external program may take.
const VERSION_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Status {
    Ok,
    Warn,
    Fail,
}

#[derive(Debug, Serialize)]
struct Check {
    #[serde(rename = "check")]
    name: &'static str,
    status: Status,
    detail: String,
}

fn check(name: &'static str, status: Status, detail: impl Into<String>) -> Check {
    Check {
        name,
        status,
        detail: detail.into(),
    }
}

/// Runs every check; exit code 1 when one fails.
pub fn run(out: Output, round_trip: bool) -> anyhow::Result<Outcome> {
    let mut checks = vec![match program_version(Path::new("git")) {
        Ok((_, version)) => check("git", Status::Ok, version),
        Err(e) => check("git", Status::Fail, format!("git not usable: {e}")),
    }];

    let cwd = std::env::current_dir()?;
    let mut repo_dirs = None;
    let mut workspace = None;
    let config = match Repo::discover(&cwd) {
        Ok(repo) => {
            checks.push(check(
                "repository",
                Status::Ok,
                repo.root().display().to_string(),
            ));
            repo_dirs = Some((repo.root().to_owned(), repo.common_dir().to_owned()));
            match Store::open(repo.root()).and_then(|store| store.config().map(|c| (store, c))) {
                Ok((store, config)) => {
                    checks.push(check(
                        "workspace",
                        Status::Ok,
                        format!("{} is valid", store.config_path().display()),
                    ));
                    workspace = Some(Workspace {
                        repo,
                        store: store.with_redactor(crate::output::redactor()),
                        config: config.clone(),
                    });
                    Some(config)
                }
                Err(e) => {
                    checks.push(check(
                        "workspace",
                        Status::Fail,
                        crate::output::one_line(&e.into()),
                    ));
                    None
                }
            }
        }
        Err(e) => {
            checks.push(check(
                "repository",
                Status::Fail,
                crate::output::one_line(&e.into()),
            ));
            None
        }
    };
    let defaults = WorkspaceConfig::default();
    let config = config.as_ref().unwrap_or(&defaults);

    checks.push(agent_check(config));
    checks.push(api_key_check(config));
    checks.push(egress_check(config));
    checks.push(sandbox_check(config, repo_dirs.as_ref()));
    checks.push(licence_check(workspace.as_ref()));
    checks.push(executor_check(config));
    if round_trip {
        checks.push(match &workspace {
            Some(ws) => executor_round_trip(ws),
            None => check("executor round trip", Status::Fail, "no workspace here"),
        });
    }

    let failed = checks.iter().any(|c| c.status == Status::Fail);
    if out.json {
        output::json(&serde_json::json!({ "ok": !failed, "checks": checks }))?;
    } else {
        let mut table = Table::default();
        for c in &checks {
            let status = match c.status {
                Status::Ok => "ok",
                Status::Warn => "warn",
                Status::Fail => "FAIL",
            };
            table.row(vec![status.to_owned(), c.name.to_owned(), c.detail.clone()]);
        }
        output::data(&table.render())?;
    }
    Ok(if failed {
        Outcome::Problem
    } else {
        Outcome::Clean
    })
}

/// Where crews run: this machine, or a Slurm cluster whose partition has usable nodes.
fn executor_check(config: &WorkspaceConfig) -> Check {
    use maestro_core::config::ExecutorKind;
    let executor = &config.crews.executor;
    match executor.kind {
        ExecutorKind::Local => check("executor", Status::Ok, "local: crews run on this machine"),
        ExecutorKind::Slurm => {
            let client = maestro_cli::remote::slurm::SlurmClient::new(
                maestro_cli::remote::slurm::SlurmSettings {
                    conf: executor.slurm_conf.as_ref().map(PathBuf::from),
                    bin_dir: executor.slurm_bin_dir.as_ref().map(PathBuf::from),
                    partition: executor.partition.clone(),
                    ..maestro_cli::remote::slurm::SlurmSettings::default()
                },
            );
            match client.ping() {
                Err(e) => check("executor", Status::Fail, format!("slurm: {e}")),
                Ok(cluster) => {
                    let usable: Vec<String> = cluster
                        .nodes
                        .iter()
                        .filter(|n| n.is_usable())
                        .map(|n| n.name.clone())
                        .collect();
                    if usable.is_empty() {
                        check("executor", Status::Fail, "slurm: no usable node")
                    } else {
                        check(
                            "executor",
                            Status::Ok,
                            format!(
                                "slurm: {} usable node(s): {}",
                                usable.len(),
                                usable.join(", ")
                            ),
                        )
                    }
                }
            }
        }
    }
}

/// A no-op crew through the workspace's executor and back, in a scratch repository: for
/// Slurm, one job running `maestro crew-exec` on a node, which reaches this machine's control
/// channel, fetches its work and base, and sends back its result. Nothing is audited or kept.
fn executor_round_trip(ws: &Workspace) -> Check {
    let name = "executor round trip";
    let started = Instant::now();
    match round_trip(ws) {
        Ok(placement) => check(
            name,
            Status::Ok,
            format!(
                "{}{} in {:.1} s",
                placement.map_or_else(String::new, |p| format!(
                    "{} job {} on {}",
                    p.executor,
                    p.job,
                    p.node.as_deref().unwrap_or("an unnamed node")
                )),
                if ws.config.crews.executor.kind == maestro_core::config::ExecutorKind::Local {
                    "a local crew"
                } else {
                    ""
                },
                started.elapsed().as_secs_f64()
            ),
        ),
        Err(e) => check(name, Status::Fail, crate::output::one_line(&e)),
    }
}

/// Discards what it is given: the round trip is no work to audit.
struct Discard;

impl maestro_core::ports::AuditSink for Discard {
    fn record(
        &self,
        _: maestro_core::ports::AuditEvent,
    ) -> Result<(), maestro_core::ports::PortError> {
        Ok(())
    }
    fn recorded(
        &self,
        _: &str,
        _: &str,
        _: &str,
        _: &str,
    ) -> Result<bool, maestro_core::ports::PortError> {
        Ok(false)
    }
}

fn round_trip(ws: &Workspace) -> anyhow::Result<Option<maestro_core::ports::Placement>> {
    use anyhow::Context as _;
    let scratch = tempfile::Builder::new()
        .prefix("maestro-doctor-")
        .tempdir()
        .context("cannot make a scratch directory")?;
    let repo = scratch.path().join("repo");
    let git = |dir: &Path, args: &[&str]| -> anyhow::Result<()> {
        let status = Command::new("git")
            .args([
                "-c",
                "user.name=maestro",
                "-c",
                "user.email=maestro@localhost",
            ])
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()?;
        anyhow::ensure!(status.success(), "git {} failed", args.join(" "));
        Ok(())
    };
    std::fs::create_dir_all(&repo)?;
    git(&repo, &["init", "-q"])?;
    git(
        &repo,
        &["commit", "-q", "--allow-empty", "-m", "maestro doctor"],
    )?;
    let worktree = scratch.path().join("worktree");
    git(
        &repo,
        &[
            "worktree",
            "add",
            "-q",
            "--detach",
            &worktree.to_string_lossy(),
        ],
    )?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let entered = runtime.enter();
    let executor = maestro_cli::crews::executor(ws, std::sync::Arc::new(Discard))?;
    drop(entered);
    let (progress_tx, mut progress) = tokio::sync::mpsc::unbounded_channel();
    let request = maestro_core::ports::CrewRequest {
        voyage: "doctor".into(),
        order: "round-trip".parse()?,
        role: maestro_core::Role::Builder,
        attempt: 1,
        worktree,
        prompt: "maestro doctor: a round trip".into(),
        command: Some(vec!["true".into()]),
        env: Vec::new(),
        timeout: Duration::from_secs(120),
        log: scratch.path().join("crew.log"),
        resume_session: None,
        resume_note: None,
        session_id: None,
        progress: Some(progress_tx),
        pid_file: None,
        redact: Some(crate::output::redactor()),
    };
    let agent: std::sync::Arc<dyn maestro_core::ports::Agent> = std::sync::Arc::new(
        maestro_core::agent::CommandAgent::new(vec!["true".into()], Duration::from_secs(5)),
    );
    let (_stop, stop) = tokio::sync::watch::channel(false);
    let outcome = runtime
        .block_on(executor.run(agent, request, stop))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut placement = None;
    while let Ok(event) = progress.try_recv() {
        if let maestro_core::ports::CrewProgress::Placed(p) = event {
            placement = Some(p);
        }
    }
    if let Some(why) = outcome.lost {
        anyhow::bail!("the job was lost: {why}");
    }
    anyhow::ensure!(
        outcome.success,
        "the no-op crew failed: {}",
        outcome.output_tail.lines().last().unwrap_or("no output")
    );
    Ok(placement)
}

/// The workspace's agent: the claude CLI and its version; for a command agent
/// (`agent.kind` `command`), only whether its program is found: doctor never runs a command
/// agent's program, which may be anything (and take `--version` as work to do).
fn agent_check(config: &WorkspaceConfig) -> Check {
    let program = Path::new(&config.agent.program);
    match config.agent.kind {
        AgentKind::Claude => match program_version(program) {
            Ok((path, version)) => check(
                "claude CLI",
                Status::Ok,
                format!("{version} ({})", path.display()),
            ),
            Err(e) => check("claude CLI", Status::Fail, e),
        },
        AgentKind::Command => match maestro_core::process::find_program(program) {
            Some(path) => check(
                "agent",
                Status::Ok,
                format!(
                    "command agent {} (found, not run; the claude CLI is not needed)",
                    path.display()
                ),
            ),
            None => check(
                "agent",
                Status::Fail,
                format!(
                    "command agent {} not found (agent.program)",
                    program.display()
                ),
            ),
        },
    }
}

/// The licence in force, as `maestro licence status` shows it (validated online only when a
/// validation is due; nothing is written): a token that does not verify fails (every `run`
/// would refuse it), one that no longer holds (expired, revoked, past its grace) warns, since
/// crews then run on the community tier.
fn licence_check(workspace: Option<&Workspace>) -> Check {
    let Some(ws) = workspace else {
        return check(
            "licence",
            Status::Warn,
            "community tier (no workspace to read a licence from)",
        );
    };
    let checked = match maestro_cli::licence::check(ws, false) {
        Ok(checked) => checked,
        Err(e) => return check("licence", Status::Fail, crate::output::one_line(&e)),
    };
    let licence = &checked.licence;
    let allowed = licence.entitlements();
    let detail = format!(
        "{}: {}",
        licence.message,
        crate::render::allowance(&allowed)
    );
    let holds = matches!(
        licence.status,
        maestro_licence::Status::NoToken
            | maestro_licence::Status::Offline
            | maestro_licence::Status::Validated
    );
    let reached = !matches!(
        checked.online,
        maestro_licence::Online::Failed(_) | maestro_licence::Online::BadAnswer(_)
    );
    check(
        "licence",
        if holds && reached {
            Status::Ok
        } else {
            Status::Warn
        },
        detail,
    )
}

fn api_key_check(config: &WorkspaceConfig) -> Check {
    let name = &config.anthropic.api_key_env;
    // Only whether it is set: the value is never read into output.
    match std::env::var_os(name) {
        Some(value) if !value.is_empty() => check("API key", Status::Ok, format!("{name} is set")),
        _ => check(
            "API key",
            Status::Warn,
            format!("{name} is not set (Claude crews need it)"),
        ),
    }
}

fn egress_check(config: &WorkspaceConfig) -> Check {
    let policy = EgressPolicy::from_config(config, &[]);
    match config.data_residency.mode {
        ResidencyMode::AirGapped => {
            let proxy = config
                .anthropic
                .base_url
                .as_deref()
                .and_then(|u| url::Url::parse(u).ok());
            if proxy.as_ref().is_some_and(is_loopback) {
                check(
                    "egress",
                    Status::Ok,
                    "air-gapped: loopback only, model proxy on loopback",
                )
            } else {
                check(
                    "egress",
                    Status::Warn,
                    "air-gapped: loopback only; crews cannot start until anthropic.baseUrl is a loopback model proxy",
                )
            }
        }
        ResidencyMode::Standard => {
            let hosts: Vec<String> = policy
                .allowed_hosts()
                .iter()
                .map(ToString::to_string)
                .collect();
            check(
                "egress",
                Status::Ok,
                format!("standard: {} and loopback", hosts.join(", ")),
            )
        }
    }
}

/// Whether crews can run sandboxed: `crews.sandbox` on, bubblewrap and socat usable here, and
/// the workspace's rules buildable (`crews.writableDirs` existing and harmless).
fn sandbox_check(config: &WorkspaceConfig, repo_dirs: Option<&(PathBuf, PathBuf)>) -> Check {
    if config.crews.sandbox == SandboxMode::Off {
        return check(
            "sandbox",
            Status::Warn,
            "off (crews.sandbox): crews, gates and setup commands run with maestro's own rights",
        );
    }
    if let Err(e) = check_available() {
        return check("sandbox", Status::Fail, e.to_string());
    }
    if let Some((root, common_dir)) = repo_dirs {
        let home = std::env::var_os("HOME").map(PathBuf::from);
        if let Err(e) = Sandbox::from_config(config, root, common_dir, home.as_deref()) {
            return check("sandbox", Status::Fail, e.to_string());
        }
    }
    check("sandbox", Status::Ok, "bubblewrap and socat work")
}

/// Finds `program` (on `PATH` unless it has a directory part) and runs `program --version`
/// with a timeout. Returns its path and the first line it printed.
fn program_version(program: &Path) -> Result<(PathBuf, String), String> {
    let path = maestro_core::process::find_program(program)
        .ok_or_else(|| format!("{} not found", program.display()))?;
    let mut child = Command::new(&path)
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", path.display()))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < VERSION_TIMEOUT => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{} --version did not answer", path.display()));
            }
            Err(e) => return Err(format!("cannot wait for {}: {e}", path.display())),
        }
    };
    let mut stdout = String::new();
    if let Some(mut pipe) = child.stdout.take() {
        let _ = pipe.read_to_string(&mut stdout);
    }
    if !status.success() {
        return Err(format!("{} --version failed ({status})", path.display()));
    }
    let version = stdout.lines().next().unwrap_or("").trim().to_owned();
    Ok((path, version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sandbox_check() {
        let mut config = WorkspaceConfig::default();
        config.crews.sandbox = SandboxMode::Off;
        let off = sandbox_check(&config, None);
        assert_eq!(off.status, Status::Warn, "{}", off.detail);
        assert!(off.detail.contains("crews.sandbox"), "{}", off.detail);

        // A writable directory that would open the whole machine fails the check.
        config.crews.sandbox = SandboxMode::On;
        config.crews.writable_dirs = vec!["/".into()];
        let repo = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(repo.path().join(".git")).expect("mkdir");
        let dirs = (repo.path().to_owned(), repo.path().join(".git"));
        let check = sandbox_check(&config, Some(&dirs));
        assert_eq!(check.status, Status::Fail, "{}", check.detail);
        match check_available() {
            Ok(()) => assert!(
                check
                    .detail
                    .starts_with("crews.writableDirs[0]: / would let crews write"),
                "{}",
                check.detail
            ),
            // Without bubblewrap the check names what is missing instead.
            Err(e) => assert_eq!(check.detail, e.to_string()),
        }
    }
}
