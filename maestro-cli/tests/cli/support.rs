//! A temporary git repository and a way to run the real `maestro` binary in it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A git repository with one commit, in a temporary directory that is also `HOME`; maestro
/// runs with `XDG_CONFIG_HOME` set to another temporary directory (where `maestro init` puts
/// the repository's audit key, outside the repository).
pub struct Repo {
    dir: tempfile::TempDir,
    config_home: tempfile::TempDir,
    /// Extra directories put first on `PATH` (e.g. a fake `claude`).
    pub path_prefix: Vec<PathBuf>,
    /// Extra environment for maestro.
    pub env: Vec<(String, String)>,
}

/// What one `maestro` run did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// `exit: N`, then stdout and stderr, for snapshots.
    pub fn transcript(&self) -> String {
        format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }

    /// Asserts exit code 0 and returns stdout.
    #[track_caller]
    pub fn ok(&self) -> &str {
        assert_eq!(self.code, 0, "{}", self.transcript());
        &self.stdout
    }

    /// Asserts exit code 2 with exactly one line on stderr, and returns that line.
    #[track_caller]
    pub fn usage_error(&self) -> &str {
        assert_eq!(self.code, 2, "{}", self.transcript());
        assert_eq!(self.stderr.lines().count(), 1, "one line: {}", self.stderr);
        self.stderr.trim_end()
    }
}

/// The `maestro` binary built for these tests.
pub fn maestro_bin() -> &'static str {
    env!("CARGO_BIN_EXE_maestro")
}

/// Environment that keeps git and maestro away from the user's own configuration.
pub fn hermetic(command: &mut Command, home: &Path) {
    maestro_tests::hermetic(command, home);
}

impl Repo {
    /// `git init` with one commit holding `README.md`.
    pub fn new() -> Repo {
        let repo = Repo::empty_dir();
        repo.git(&["init", "-q", "-b", "main"]);
        repo.write("README.md", "# test\n");
        repo.git(&["add", "README.md"]);
        repo.git(&["commit", "-q", "-m", "first"]);
        repo
    }

    /// An empty directory that is not a git repository.
    pub fn empty_dir() -> Repo {
        Repo {
            dir: tempfile::tempdir().expect("tempdir"),
            config_home: tempfile::tempdir().expect("tempdir"),
            path_prefix: Vec::new(),
            env: Vec::new(),
        }
    }

    /// A repository where `maestro init` ran.
    pub fn initialised() -> Repo {
        let repo = Repo::new();
        repo.maestro(&["init"]).ok();
        repo
    }

    /// A repository with voyage `v1`.
    pub fn with_voyage() -> Repo {
        let repo = Repo::initialised();
        repo.maestro(&["voyage", "new", "v1"]).ok();
        repo
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The user configuration directory maestro sees (`XDG_CONFIG_HOME`).
    pub fn config_home(&self) -> &Path {
        self.config_home.path()
    }

    /// The audit keys `maestro init` created in [`Repo::config_home`].
    pub fn audit_keys(&self) -> Vec<PathBuf> {
        match std::fs::read_dir(self.config_home().join("maestro/audit-keys")) {
            // The keys, not their checkpoint witnesses (`<key>.witness`).
            Ok(entries) => entries
                .map(|e| e.expect("entry").path())
                .filter(|p| p.extension().is_some_and(|e| e == "key"))
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    pub fn write(&self, relative: &str, contents: &str) -> PathBuf {
        let path = self.path().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, contents).expect("write");
        path
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path().join(relative)).expect("read")
    }

    /// Every file under `.mso/` (outside crew worktrees) with its content, and every ref with
    /// its commit: what a command that fails must leave as it found it.
    pub fn state(&self) -> std::collections::BTreeMap<String, Vec<u8>> {
        fn walk(dir: &Path, base: &Path, out: &mut std::collections::BTreeMap<String, Vec<u8>>) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for entry in entries {
                let path = entry.expect("entry").path();
                let name = path
                    .strip_prefix(base)
                    .expect("below")
                    .display()
                    .to_string();
                if path.is_dir() {
                    if name != ".mso/worktrees" {
                        walk(&path, base, out);
                    }
                } else {
                    out.insert(name, std::fs::read(&path).expect("read"));
                }
            }
        }
        let mut state = std::collections::BTreeMap::new();
        walk(&self.path().join(".mso"), self.path(), &mut state);
        state.insert(
            "git refs".to_owned(),
            self.git(&["for-each-ref", "--format=%(refname) %(objectname)"])
                .into_bytes(),
        );
        state.insert(
            "git HEAD".to_owned(),
            self.git(&["rev-parse", "--symbolic-full-name", "HEAD"])
                .into_bytes(),
        );
        state
    }

    /// A git command in this repository with the hermetic environment, not yet run.
    pub fn git_command(&self, args: &[&str]) -> Command {
        let mut command = Command::new("git");
        hermetic(&mut command, self.path());
        command.args(args).current_dir(self.path());
        command
    }

    /// Runs git and returns its trimmed stdout; fails the test if git fails.
    #[track_caller]
    pub fn git(&self, args: &[&str]) -> String {
        let out = self.git_command(args).output().expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .expect("utf-8")
            .trim()
            .to_owned()
    }

    /// The `maestro` command, ready to run in this repository.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(maestro_bin());
        hermetic(&mut command, self.path());
        if !self.path_prefix.is_empty() {
            let mut paths = self.path_prefix.clone();
            paths.extend(std::env::split_paths(
                &std::env::var_os("PATH").unwrap_or_default(),
            ));
            command.env("PATH", std::env::join_paths(paths).expect("joinable"));
        }
        command.env("XDG_CONFIG_HOME", self.config_home());
        command.envs(self.env.iter().map(|(k, v)| (k, v)));
        command.args(args).current_dir(self.path());
        command
    }

    /// Runs `maestro args…` in the repository.
    pub fn maestro(&self, args: &[&str]) -> Run {
        let out: Output = self.command(args).output().expect("maestro runs");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
            stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
        }
    }

    /// Snapshot filters: this repository's path, timestamps and commit ids.
    pub fn filters(&self) -> Vec<(String, String)> {
        let mut filters = Vec::new();
        let canonical = self.path().canonicalize().expect("exists");
        for path in [canonical.as_path(), self.path()] {
            filters.push((
                regex_escape(&path.display().to_string()),
                "[REPO]".to_owned(),
            ));
        }
        let config = self.config_home().canonicalize().expect("exists");
        for path in [config.as_path(), self.config_home()] {
            filters.push((
                regex_escape(&path.display().to_string()),
                "[CONFIG]".to_owned(),
            ));
        }
        filters.push((r"\b[0-9a-f]{32}\.key\b".to_owned(), "[ID].key".to_owned()));
        filters.push((
            r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z".to_owned(),
            "[TIME]".to_owned(),
        ));
        filters.push((r"\b[0-9a-f]{64}\b".to_owned(), "[HASH]".to_owned()));
        filters.push((r"\b[0-9a-f]{40}\b".to_owned(), "[COMMIT]".to_owned()));
        filters.push((r"\b[0-9a-f]{12}\b".to_owned(), "[SHORT]".to_owned()));
        filters.push((
            r"git version [0-9][^\s]*".to_owned(),
            "git version [V]".to_owned(),
        ));
        filters
    }
}

fn regex_escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Snapshots `run`'s transcript with `repo`'s filters.
#[macro_export]
macro_rules! snapshot {
    ($repo:expr, $run:expr) => {{
        let filters = $repo.filters();
        let mut settings = insta::Settings::clone_current();
        for (pattern, replacement) in &filters {
            settings.add_filter(pattern, replacement.as_str());
        }
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!($run.transcript()));
    }};
    ($repo:expr, $run:expr, @$inline:literal) => {{
        let filters = $repo.filters();
        let mut settings = insta::Settings::clone_current();
        for (pattern, replacement) in &filters {
            settings.add_filter(pattern, replacement.as_str());
        }
        settings.bind(|| insta::assert_snapshot!($run.transcript(), @$inline));
    }};
    ($name:expr, $repo:expr, $run:expr) => {{
        let filters = $repo.filters();
        let mut settings = insta::Settings::clone_current();
        for (pattern, replacement) in &filters {
            settings.add_filter(pattern, replacement.as_str());
        }
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!($name, $run.transcript()));
    }};
}
