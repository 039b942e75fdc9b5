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
pub fn run(out: Output) -> anyhow::Result<Outcome> {
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
