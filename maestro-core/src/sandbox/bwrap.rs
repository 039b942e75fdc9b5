//! bubblewrap: the sandbox around every other process maestro starts for a crew, and the check
//! that it can be had on this machine.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::Sandbox;
use super::paths::{find_on_path, path_string, resolve};

impl Sandbox {
    /// `program args…` wrapped to run under bubblewrap in `worktree`: the root file system
    /// read-only; the worktree, a private `/tmp` and the writable caches writable; `.mso/` and
    /// the worktrees' directory replaced by empty read-only directories with only this worktree
    /// bound back; the git common directory read-only; the hidden files replaced by empty ones;
    /// no network; its own process, IPC, UTS and user namespaces; no capabilities; a new
    /// session; a minimal `/dev` and `/proc`; an empty `/run` (no daemon's socket); and killed
    /// with its whole process tree when bwrap or its parent dies.
    ///
    /// The result is run like any other program (e.g. by [`crate::process::run`]): stopping
    /// bwrap's process group stops everything inside, because bwrap's death kills the
    /// sandbox's process namespace, even a process that left the group. "Its parent" is the
    /// thread that started bwrap (`PR_SET_PDEATHSIG`): start it from one that outlives it (a
    /// tokio worker, the main thread), not from a short-lived blocking-pool thread.
    #[must_use]
    pub fn wrap(&self, worktree: &Path, program: &str, args: &[String]) -> (String, Vec<String>) {
        let worktree = resolve(worktree).unwrap_or_else(|_| worktree.to_owned());
        let mut out: Vec<String> = ISOLATION.iter().map(|a| (*a).to_owned()).collect();
        let mut push = |flag: &str, paths: &[&Path]| {
            out.push(flag.to_owned());
            out.extend(paths.iter().map(|p| path_string(p)));
        };
        for dir in &self.writable {
            push("--bind", &[dir, dir]);
        }
        // Read-only again, whatever a cache bind above covered.
        push("--ro-bind", &[&self.repo_root, &self.repo_root]);
        push("--ro-bind", &[&self.git_common_dir, &self.git_common_dir]);
        push("--tmpfs", &[&self.state_dir]);
        if !self.worktrees_dir.starts_with(&self.state_dir) {
            push("--tmpfs", &[&self.worktrees_dir]);
        }
        push("--bind", &[&worktree, &worktree]);
        // The empty directories stay empty: nothing written there could even be read back.
        push("--remount-ro", &[&self.state_dir]);
        if !self.worktrees_dir.starts_with(&self.state_dir) {
            push("--remount-ro", &[&self.worktrees_dir]);
        }
        for hidden in &self.hidden {
            // Inside a hidden directory already: its parent is an empty read-only directory,
            // where nothing can (or needs to) be bound.
            if self
                .hidden
                .iter()
                .any(|other| other != hidden && other.is_dir() && hidden.starts_with(other))
            {
                continue;
            }
            if hidden.is_dir() {
                push("--tmpfs", &[hidden]);
                push("--remount-ro", &[hidden]);
            } else {
                push("--ro-bind", &[Path::new("/dev/null"), hidden]);
            }
        }
        push("--chdir", &[&worktree]);
        for name in &self.withheld_env {
            out.push("--unsetenv".to_owned());
            out.push(name.clone());
        }
        out.extend(["--setenv", "TMPDIR", "/tmp", "--"].map(str::to_owned));
        out.push(program.to_owned());
        out.extend(args.iter().cloned());
        (BWRAP.to_owned(), out)
    }
}

/// The bubblewrap program.
pub(super) const BWRAP: &str = "bwrap";

/// bwrap's arguments before the workspace's paths: namespaces, capabilities, life cycle, the
/// read-only root and the minimal system directories.
pub(super) const ISOLATION: [&str; 23] = [
    "--unshare-user-try",
    "--unshare-ipc",
    "--unshare-pid",
    "--unshare-net",
    "--unshare-uts",
    "--unshare-cgroup-try",
    "--cap-drop",
    "ALL",
    "--die-with-parent",
    "--new-session",
    "--ro-bind",
    "/",
    "/",
    "--dev",
    "/dev",
    "--proc",
    "/proc",
    "--tmpfs",
    "/tmp",
    // Daemons' sockets (docker, systemd, D-Bus) live here; a socket file stays connectable
    // through a read-only bind and across network namespaces.
    "--tmpfs",
    "/run",
    "--remount-ro",
    "/run",
];

/// Why the sandbox cannot be had on this machine.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Unavailable {
    /// A program the sandbox needs is not on `PATH`.
    #[error(
        "the sandbox needs `{0}`, which is not on PATH: install the Debian packages bubblewrap and socat (scripts/install-sandbox), or set crews.sandbox to \"off\""
    )]
    Missing(&'static str),
    /// bwrap is there but cannot create its namespaces (e.g. unprivileged user namespaces are
    /// disabled).
    #[error(
        "the sandbox cannot start: bwrap failed to create its namespaces ({0}); allow unprivileged user namespaces, or set crews.sandbox to \"off\""
    )]
    Broken(String),
    /// Not Linux: bubblewrap does not exist here.
    #[error("the sandbox needs Linux (bubblewrap); on this system set crews.sandbox to \"off\"")]
    Unsupported,
}

/// How long the trial run of bwrap may take.
const TRIAL_TIMEOUT: Duration = Duration::from_secs(10);

/// Whether the sandbox can be had here: `bwrap` and `socat` on `PATH`, and bwrap able to create
/// its namespaces (a trial run of `true` with the isolation [`Sandbox::wrap`] uses). Blocks for
/// as long as the trial takes (milliseconds).
pub fn check_available() -> Result<(), Unavailable> {
    check_available_in(std::env::var_os("PATH").as_deref())
}

/// [`check_available`] with `path` as the `PATH` to search.
pub(super) fn check_available_in(path: Option<&std::ffi::OsStr>) -> Result<(), Unavailable> {
    if !cfg!(target_os = "linux") {
        return Err(Unavailable::Unsupported);
    }
    let mut bwrap = None;
    for program in [BWRAP, "socat"] {
        let found = find_on_path(program, path).ok_or(Unavailable::Missing(program))?;
        bwrap.get_or_insert(found);
    }
    let bwrap = bwrap.expect("bwrap was looked up first");
    let mut child = Command::new(bwrap)
        .args(ISOLATION)
        .args(["--", "true"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Unavailable::Broken(format!("cannot start bwrap: {e}")))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < TRIAL_TIMEOUT => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Unavailable::Broken("the trial run did not finish".into()));
            }
            Err(e) => return Err(Unavailable::Broken(format!("cannot wait for bwrap: {e}"))),
        }
    };
    if status.success() {
        return Ok(());
    }
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        use std::io::Read as _;
        let _ = pipe.read_to_string(&mut stderr);
    }
    let reason = stderr
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map_or_else(|| format!("exit status {status}"), ToOwned::to_owned);
    Err(Unavailable::Broken(reason))
}
