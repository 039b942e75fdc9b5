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

mod bwrap;
mod claude;
mod credentials;
mod error;
mod network;
mod paths;

use std::path::{Path, PathBuf};

use crate::config::WorkspaceConfig;
use paths::{expand, resolve};

pub use bwrap::{Unavailable, check_available};
pub use credentials::{CREDENTIAL_FILES, credential_files, credential_variables};
pub use error::SandboxError;
pub use network::Network;
pub(crate) use paths::find_on_path;

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
    pub(super) fn unreadable(&self) -> Vec<&Path> {
        let mut paths = vec![self.state_dir.as_path()];
        if !self.worktrees_dir.starts_with(&self.state_dir) {
            paths.push(&self.worktrees_dir);
        }
        paths.extend(self.hidden.iter().map(PathBuf::as_path));
        paths
    }
}

#[cfg(test)]
pub(crate) mod testing;

#[cfg(test)]
mod tests;
