//! The operating system's sandbox around everything a crew runs.
//!
//! A [`Sandbox`] holds one workspace's rules: the crew's worktree, the temporary directory and
//! the tool caches the user lists (`crews.writableDirs`) are writable, the rest of the file
//! system is read-only; maestro's state directory (`.mso/`), the other crews' worktrees, the audit
//! signing key and the user's credential files cannot be read; the git common directory is
//! read-only (maestro collects a crew's change itself, so a crew never writes refs, objects, hooks
//! or the configuration of the shared repository).
//!
//! Two enforcements carry these rules:
//!
//! - Claude crews run with Claude Code's own sandbox ([`Sandbox::claude_settings`], passed
//!   through `--settings`): every Bash command of the session runs under bubblewrap with the
//!   rules above, and its network goes through Claude Code's proxy, which lets through only the
//!   model endpoint and `dataResidency.allowHosts` (loopback only in air-gapped mode).
//! - Every other process maestro starts on a crew's behalf — command agents, `run` gates and
//!   `worktrees.setup` commands — runs under `bwrap` directly ([`Sandbox::wrap`]). These get **no
//!   network at all** (`--unshare-net`): there is no proxy to filter their traffic, so they fail
//!   closed. A command agent that needs the network must run with `crews.sandbox: "off"`.
//!
//! Claude Code's sandbox covers Bash commands; its Write and Edit tools are checked by maestro's
//! hooks, which Claude Code runs outside its sandbox (they read `.mso/` and append to the audit
//! log). Both enforcements need `bwrap` (Debian package `bubblewrap`) and Claude Code's proxy
//! needs `socat`; [`check_available`] says whether they are here and work.
//!
//! ```
//! use maestro_core::sandbox::{Network, Sandbox};
//!
//! let repo = tempfile::tempdir()?;
//! let root = repo.path().canonicalize()?;
//! std::fs::create_dir_all(root.join(".git"))?;
//! std::fs::create_dir_all(root.join(".mso/worktrees/v1/api"))?;
//! let sandbox = Sandbox::new(
//!     &root,
//!     &root.join(".git"),
//!     &root.join(".mso"),
//!     &root.join(".mso/worktrees"),
//! )?
//! .with_network(Network::Hosts(vec!["api.anthropic.com:443".into()]));
//! let worktree = root.join(".mso/worktrees/v1/api");
//!
//! let settings = sandbox.claude_settings();
//! assert_eq!(settings["enabled"], true);
//! assert_eq!(settings["network"]["allowedDomains"][0], "api.anthropic.com:443");
//!
//! let (program, args) = sandbox.wrap(&worktree, "sh", &["-c".into(), "make test".into()]);
//! assert_eq!(program, "bwrap");
//! assert!(args.contains(&"--unshare-net".to_owned()));
//! assert_eq!(args[args.len() - 3..], ["sh", "-c", "make test"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::config::{DEFAULT_ANTHROPIC_URL, ResidencyMode, WorkspaceConfig};

/// Files and directories under the home directory that hold credentials, hidden from crews when
/// they exist.
pub const CREDENTIAL_FILES: [&str; 24] = [
    ".ssh",
    ".gnupg",
    ".aws",
    ".azure",
    ".config/gcloud",
    ".kube",
    ".docker/config.json",
    ".config/containers/auth.json",
    ".netrc",
    ".git-credentials",
    ".config/git/credentials",
    ".config/gh",
    ".config/hub",
    ".npmrc",
    ".pypirc",
    ".cargo/credentials.toml",
    ".cargo/credentials",
    ".gem/credentials",
    ".terraform.d/credentials.tfrc.json",
    ".vault-token",
    ".pgpass",
    ".my.cnf",
    ".claude/.credentials.json",
    ".config/maestro",
];

/// The credential files and directories of [`CREDENTIAL_FILES`] that exist under `home`.
#[must_use]
pub fn credential_files(home: &Path) -> Vec<PathBuf> {
    CREDENTIAL_FILES
        .iter()
        .map(|relative| home.join(relative))
        .filter(|path| path.symlink_metadata().is_ok())
        .collect()
}

/// The names of `vars` (an environment) that hold a credential: by name (`…TOKEN`, `…SECRET…`,
/// `…PASSWORD…`, `…API_KEY`, `…ACCESS_KEY`, `…PRIVATE_KEY`, `…CREDENTIAL…`) or by value
/// (`is_secret`, the secret rules). A sandbox withholds them ([`Sandbox::withhold_env`]).
pub fn credential_variables<I>(vars: I, is_secret: impl Fn(&str) -> bool) -> Vec<String>
where
    I: IntoIterator<Item = (std::ffi::OsString, std::ffi::OsString)>,
{
    const NAMES: [&str; 9] = [
        "TOKEN",
        "SECRET",
        "PASSWORD",
        "PASSWD",
        "API_KEY",
        "APIKEY",
        "ACCESS_KEY",
        "PRIVATE_KEY",
        "CREDENTIAL",
    ];
    vars.into_iter()
        .filter_map(|(name, value)| {
            let name = name.into_string().ok()?;
            let upper = name.to_ascii_uppercase();
            let by_name = NAMES.iter().any(|n| upper.contains(n));
            let by_value = value.to_str().is_some_and(&is_secret);
            (by_name || by_value).then_some(name)
        })
        .collect()
}

/// Where sandboxed processes may connect.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Network {
    /// Only these hosts (`host`, `*.domain`, each optionally with `:port`), through Claude Code's
    /// proxy; every other host is refused without asking.
    Hosts(Vec<String>),
    /// Loopback only (air-gapped mode): `localhost`, `127.0.0.1` and `::1`.
    Loopback,
}

/// The loopback names allowed in air-gapped mode.
const LOOPBACK_HOSTS: [&str; 3] = ["localhost", "127.0.0.1", "::1"];

impl Network {
    /// The rule of `config`: loopback only in air-gapped mode, else the model endpoint
    /// (`anthropic.baseUrl`, or the public Anthropic API) and `dataResidency.allowHosts`.
    #[must_use]
    pub fn from_config(config: &WorkspaceConfig) -> Network {
        if config.data_residency.mode == ResidencyMode::AirGapped {
            return Network::Loopback;
        }
        let endpoint = config
            .anthropic
            .base_url
            .as_deref()
            .unwrap_or(DEFAULT_ANTHROPIC_URL);
        let mut hosts: Vec<String> = url::Url::parse(endpoint)
            .ok()
            .and_then(|url| {
                let host = url.host_str()?.to_owned();
                Some(match url.port_or_known_default() {
                    Some(port) => format!("{host}:{port}"),
                    None => host,
                })
            })
            .into_iter()
            .collect();
        for host in &config.data_residency.allow_hosts {
            if !hosts.contains(host) {
                hosts.push(host.clone());
            }
        }
        Network::Hosts(hosts)
    }

    /// The hosts Claude Code's proxy lets through.
    fn allowed_domains(&self) -> Vec<String> {
        match self {
            Network::Hosts(hosts) => hosts.clone(),
            Network::Loopback => LOOPBACK_HOSTS.iter().map(|h| (*h).to_owned()).collect(),
        }
    }
}

/// A sandbox that cannot be built from the paths given.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SandboxError {
    /// A path could not be resolved (canonicalised).
    #[error("sandbox: cannot resolve {}", path.display())]
    Resolve {
        /// The path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A path is not valid UTF-8, so it cannot be named in the sandbox's rules.
    #[error("sandbox: {} is not valid UTF-8", path.display())]
    NotUtf8 {
        /// The path.
        path: PathBuf,
    },
    /// A writable directory does not exist (a path that does not exist cannot be made writable).
    #[error("{setting}: {} does not exist; create it first", path.display())]
    MissingDir {
        /// The setting that names it, e.g. `crews.writableDirs[0]`.
        setting: String,
        /// The directory.
        path: PathBuf,
    },
    /// A writable directory would open what crews must not write.
    #[error("{setting}: {} would let crews write {what} ({}); list the cache directories themselves", path.display(), protected.display())]
    Overlaps {
        /// The setting that names it, e.g. `crews.writableDirs[0]`.
        setting: String,
        /// The directory.
        path: PathBuf,
        /// What it would open, e.g. `the home directory`.
        what: &'static str,
        /// That protected path.
        protected: PathBuf,
    },
    /// A path starts with `~` but the home directory is unknown.
    #[error("{setting}: `{path}` needs the home directory, which is unknown (HOME is not set)")]
    NoHome {
        /// The setting, e.g. `crews.writableDirs[0]`.
        setting: String,
        /// The path as written.
        path: String,
    },
}

/// The sandbox rules of one workspace: which paths crews may write, which they may not read,
/// and where they may connect. Build it once per run ([`Sandbox::from_config`]); every crew of
/// the run gets it applied to its own worktree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sandbox {
    repo_root: PathBuf,
    git_common_dir: PathBuf,
    state_dir: PathBuf,
    worktrees_dir: PathBuf,
    home: Option<PathBuf>,
    hidden: Vec<PathBuf>,
    writable: Vec<PathBuf>,
    network: Network,
    /// Environment variables sandboxed processes do not get (credentials).
    withheld_env: Vec<String>,
}

impl Sandbox {
    /// The rules for the repository at `repo_root` whose git common directory (`git rev-parse
    /// --git-common-dir`) is `git_common_dir`, whose maestro state directory is `state_dir`
    /// (`.mso`) and whose crews' worktrees live under `worktrees_dir`. Until the builder
    /// methods say otherwise nothing more is writable or hidden, and there is no network
    /// (`Network::Hosts(vec![])`).
    pub fn new(
        repo_root: &Path,
        git_common_dir: &Path,
        state_dir: &Path,
        worktrees_dir: &Path,
    ) -> Result<Sandbox, SandboxError> {
        Ok(Sandbox {
            repo_root: resolve(repo_root)?,
            git_common_dir: resolve(git_common_dir)?,
            state_dir: resolve(state_dir)?,
            worktrees_dir: resolve(worktrees_dir)?,
            home: None,
            hidden: Vec::new(),
            writable: Vec::new(),
            network: Network::Hosts(Vec::new()),
            withheld_env: Vec::new(),
        })
    }

    /// The rules `config` sets for the repository at `repo_root`: its `.mso/` and
    /// `worktrees.dir`, the audit key (`audit.keyFile`), the credential files under `home`, the
    /// writable caches (`crews.writableDirs`, `~` being `home`) and the network rule
    /// ([`Network::from_config`]).
    pub fn from_config(
        config: &WorkspaceConfig,
        repo_root: &Path,
        git_common_dir: &Path,
        home: Option<&Path>,
    ) -> Result<Sandbox, SandboxError> {
        let mut sandbox = Sandbox::new(
            repo_root,
            git_common_dir,
            &repo_root.join(crate::config::STATE_DIR),
            &repo_root.join(&config.worktrees.dir),
        )?;
        if let Some(home) = home {
            sandbox = sandbox.hide_credentials(home)?;
        }
        if let Some(key) = &config.audit.key_file {
            let key = expand("audit.keyFile", key, home)?;
            sandbox = sandbox.hide(&repo_root.join(key))?;
        }
        for (index, dir) in config.crews.writable_dirs.iter().enumerate() {
            let setting = format!("crews.writableDirs[{index}]");
            let dir = expand(&setting, dir, home)?;
            sandbox = sandbox.allow_write(&setting, &dir)?;
        }
        // The credentials maestro itself is given never reach a crew's commands: the variables
        // the configuration names, and those the claude CLI reads its key from (the claude
        // agent passes the key under that name whatever `anthropic.apiKeyEnv` says).
        let names = [
            Some(config.anthropic.api_key_env.as_str()),
            Some("ANTHROPIC_API_KEY"),
            Some("ANTHROPIC_AUTH_TOKEN"),
            Some(config.github.token_env.as_str()),
            config.audit.key_env.as_deref(),
        ];
        Ok(sandbox
            .withhold_env(names.into_iter().flatten())
            .with_network(Network::from_config(config)))
    }

    /// Also hides `path` (a file or a directory) from crews, when it exists.
    pub fn hide(mut self, path: &Path) -> Result<Sandbox, SandboxError> {
        if path.symlink_metadata().is_err() {
            return Ok(self);
        }
        let path = resolve(path)?;
        if !self.hidden.contains(&path) {
            self.hidden.push(path);
        }
        Ok(self)
    }

    /// Also hides the credential files under `home` ([`CREDENTIAL_FILES`]) that exist, and
    /// keeps `home` to refuse a writable directory that holds it.
    pub fn hide_credentials(mut self, home: &Path) -> Result<Sandbox, SandboxError> {
        self.home = Some(resolve(home)?);
        for path in credential_files(home) {
            self = self.hide(&path)?;
        }
        Ok(self)
    }

    /// Also lets crews write `dir`, an existing directory (a tool cache), named by `setting` in
    /// errors. Refused when `dir` holds the home directory, or holds or lies inside the
    /// repository, its git common directory, `.mso/` or the worktrees' directory.
    pub fn allow_write(mut self, setting: &str, dir: &Path) -> Result<Sandbox, SandboxError> {
        if !dir.is_dir() {
            return Err(SandboxError::MissingDir {
                setting: setting.to_owned(),
                path: dir.to_owned(),
            });
        }
        let dir = resolve(dir)?;
        let overlap = |what: &'static str, protected: &Path| SandboxError::Overlaps {
            setting: setting.to_owned(),
            path: dir.clone(),
            what,
            protected: protected.to_owned(),
        };
        if let Some(home) = &self.home
            && home.starts_with(&dir)
        {
            return Err(overlap("the home directory", home));
        }
        for (what, protected) in [
            ("the repository", &self.repo_root),
            ("the git directory", &self.git_common_dir),
            ("maestro's state", &self.state_dir),
            ("the crews' worktrees", &self.worktrees_dir),
        ] {
            if protected.starts_with(&dir) || dir.starts_with(protected) {
                return Err(overlap(what, protected));
            }
        }
        for hidden in &self.hidden {
            if hidden.starts_with(&dir) || dir.starts_with(hidden) {
                return Err(overlap("a credential file", hidden));
            }
        }
        if !self.writable.contains(&dir) {
            self.writable.push(dir);
        }
        Ok(self)
    }

    /// Also withholds the environment variables `names` from sandboxed processes (the API
    /// key, the GitHub token, any variable whose value is a credential): a crew's commands run
    /// without them.
    #[must_use]
    pub fn withhold_env<I, S>(mut self, names: I) -> Sandbox
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        for name in names {
            let name = name.into();
            if !name.is_empty() && !self.withheld_env.contains(&name) {
                self.withheld_env.push(name);
            }
        }
        self.withheld_env.sort();
        self
    }

    /// The environment variables sandboxed processes do not get.
    #[must_use]
    pub fn withheld_env(&self) -> &[String] {
        &self.withheld_env
    }

    /// Sets where sandboxed processes may connect.
    #[must_use]
    pub fn with_network(mut self, network: Network) -> Sandbox {
        self.network = network;
        self
    }

    /// The paths crews cannot read besides `.mso/` and the worktrees: the audit key and the
    /// credential files.
    #[must_use]
    pub fn hidden(&self) -> &[PathBuf] {
        &self.hidden
    }

    /// The directories crews may write besides their worktree and the temporary directory.
    #[must_use]
    pub fn writable(&self) -> &[PathBuf] {
        &self.writable
    }

    /// Where sandboxed processes may connect.
    #[must_use]
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The paths no crew may read: `.mso/`, the worktrees' directory when it lies elsewhere,
    /// then the hidden files.
    fn unreadable(&self) -> Vec<&Path> {
        let mut paths = vec![self.state_dir.as_path()];
        if !self.worktrees_dir.starts_with(&self.state_dir) {
            paths.push(&self.worktrees_dir);
        }
        paths.extend(self.hidden.iter().map(PathBuf::as_path));
        paths
    }

    /// The `sandbox` object of Claude Code's settings for a crew: every Bash command runs
    /// sandboxed (refusing to start when the sandbox cannot be had, never falling back to
    /// running unsandboxed, without asking for permission), writes only in the working
    /// directory, Claude Code's temporary directory and the writable caches, the git common
    /// directory read-only, `.mso/`, the worktrees' directory, the audit key and the credential
    /// files unreadable, and network only to the allowed hosts, others refused without asking.
    ///
    /// The crew's worktree is its working directory, which Claude Code keeps writable and
    /// readable inside the denied `.mso/`, so the settings are the same for every crew. Claude
    /// Code shows a denied directory as an empty one of the command's own: a write there does
    /// not fail but never reaches the disk.
    #[must_use]
    pub fn claude_settings(&self) -> Value {
        json!({
            "enabled": true,
            "failIfUnavailable": true,
            "allowUnsandboxedCommands": false,
            "autoAllowBashIfSandboxed": true,
            "filesystem": {
                "allowWrite": strings(self.writable.iter().map(PathBuf::as_path)),
                "denyWrite": strings([self.git_common_dir.as_path()]),
                "denyRead": strings(self.unreadable()),
            },
            "network": {
                "allowedDomains": self.network.allowed_domains(),
                "strictAllowlist": true,
            },
            // Unset inside the sandbox: the claude process itself keeps its API key, its
            // commands do not see it.
            "credentials": {
                "envVars": self
                    .withheld_env
                    .iter()
                    .map(|name| json!({"name": name, "mode": "deny"}))
                    .collect::<Vec<_>>(),
            },
        })
    }

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
const BWRAP: &str = "bwrap";

/// bwrap's arguments before the workspace's paths: namespaces, capabilities, life cycle, the
/// read-only root and the minimal system directories.
const ISOLATION: [&str; 23] = [
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
fn check_available_in(path: Option<&std::ffi::OsStr>) -> Result<(), Unavailable> {
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

/// `program` in a directory of `path` (a `PATH` value), as an executable file.
pub(crate) fn find_on_path(program: &str, path: Option<&std::ffi::OsStr>) -> Option<PathBuf> {
    std::env::split_paths(path?)
        .map(|dir| dir.join(program))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// `path` as written in a setting, with a leading `~` replaced by `home`.
fn expand(setting: &str, path: &str, home: Option<&Path>) -> Result<PathBuf, SandboxError> {
    let rest = match path.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => rest.trim_start_matches('/'),
        _ => return Ok(PathBuf::from(path)),
    };
    let home = home.ok_or_else(|| SandboxError::NoHome {
        setting: setting.to_owned(),
        path: path.to_owned(),
    })?;
    Ok(if rest.is_empty() {
        home.to_owned()
    } else {
        home.join(rest)
    })
}

/// `path` made absolute with its links resolved: the deepest existing ancestor is
/// canonicalised and the rest (which does not exist yet) appended. Must be UTF-8.
fn resolve(path: &Path) -> Result<PathBuf, SandboxError> {
    let absolute = if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir()
            .map_err(|source| SandboxError::Resolve {
                path: path.to_owned(),
                source,
            })?
            .join(path)
    };
    let mut existing = absolute.as_path();
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    let resolved = loop {
        match existing.canonicalize() {
            Ok(canonical) => break canonical,
            Err(source) => {
                let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else {
                    return Err(SandboxError::Resolve {
                        path: path.to_owned(),
                        source,
                    });
                };
                rest.push(name);
                existing = parent;
            }
        }
    };
    let mut resolved = resolved;
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    // `..` left in a part that does not exist yet cannot be resolved safely.
    if resolved
        .components()
        .any(|c| matches!(c, Component::ParentDir | Component::CurDir))
    {
        return Err(SandboxError::Resolve {
            path: path.to_owned(),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "`..` in a path that does not exist",
            ),
        });
    }
    if resolved.to_str().is_none() {
        return Err(SandboxError::NotUtf8 { path: resolved });
    }
    Ok(resolved)
}

fn path_string(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn strings<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Vec<String> {
    paths.into_iter().map(path_string).collect()
}

#[cfg(test)]
pub(crate) mod testing {
    //! Real-process test support: a workspace laid out in a temporary directory. Tests that
    //! run bwrap carry `#[cfg_attr(not(maestro_sandbox), ignore = …)]` (see build.rs).

    use std::path::{Path, PathBuf};

    use super::Sandbox;

    /// A repository layout (no git needed): `repo/.git`, `repo/.mso/workspace.json`, two
    /// worktrees `repo/.mso/worktrees/v1/{a,b}`, and the sandbox of worktree `a`'s workspace.
    pub(crate) struct Layout {
        _dir: tempfile::TempDir,
        /// The repository root.
        pub(crate) root: PathBuf,
        /// Worktree `a`, the one sandboxed processes run in.
        pub(crate) worktree: PathBuf,
        /// Its sandbox.
        pub(crate) sandbox: Sandbox,
    }

    impl Layout {
        pub(crate) fn new() -> Layout {
            let dir = tempfile::tempdir().expect("tempdir");
            let root = dir.path().canonicalize().expect("canonical").join("repo");
            for sub in [
                ".git/refs/heads",
                ".mso/worktrees/v1/a",
                ".mso/worktrees/v1/b",
            ] {
                std::fs::create_dir_all(root.join(sub)).expect("mkdir");
            }
            std::fs::write(root.join(".mso/workspace.json"), "{}").expect("write");
            let sandbox = Sandbox::new(
                &root,
                &root.join(".git"),
                &root.join(".mso"),
                &root.join(".mso/worktrees"),
            )
            .expect("sandbox");
            Layout {
                worktree: root.join(".mso/worktrees/v1/a"),
                root,
                _dir: dir,
                sandbox,
            }
        }

        /// `path` relative to the repository root.
        pub(crate) fn at(&self, relative: &str) -> PathBuf {
            self.root.join(relative)
        }
    }

    /// Whether a live process runs `sleep <duration>` (Linux `/proc`): its arguments exactly,
    /// not a shell whose script mentions them.
    pub(crate) fn running(duration: &str) -> bool {
        let wanted = format!("sleep\0{duration}\0");
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return false;
        };
        entries.flatten().any(|entry| {
            let dir = Path::new("/proc").join(entry.file_name());
            let zombie = std::fs::read_to_string(dir.join("stat"))
                .is_ok_and(|s| s.split_whitespace().nth(2) == Some("Z"));
            !zombie
                && std::fs::read(dir.join("cmdline")).is_ok_and(|bytes| bytes == wanted.as_bytes())
        })
    }
}

#[cfg(test)]
mod tests;
