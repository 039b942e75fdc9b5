//! Support for maestro's end-to-end tests: hermetic git repositories built with the real `git`
//! CLI, and the path of the `maestro` binary built alongside the tests.
//!
//! Fakes of the outside world run on 127.0.0.1 only: a scripted Anthropic Messages API that the
//! real `claude` CLI talks to ([`model_fake`]), a GitHub REST API that computes git object ids of
//! what it receives ([`github_fake`]) and a licence endpoint that signs its answers
//! ([`licence_fake`]). The tests themselves live in `tests/e2e/`.
//!
//! ```
//! let repo = maestro_tests::GitRepo::with_commit()?;
//! assert_eq!(repo.git(&["rev-parse", "--abbrev-ref", "HEAD"])?, "main");
//! # Ok::<(), std::io::Error>(())
//! ```

#![deny(missing_docs)]

pub mod github_fake;
pub mod hook_service;
pub mod licence_fake;
pub mod model_fake;
pub mod slurm;
mod wire;

use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A git repository in a temporary directory, with git kept away from the user's configuration.
#[derive(Debug)]
pub struct GitRepo {
    dir: tempfile::TempDir,
}

/// Sets the environment that makes `git` (and maestro) ignore the user's and system's
/// configuration and produce the same commit ids on every run.
pub fn hermetic<'a>(command: &'a mut Command, home: &Path) -> &'a mut Command {
    command
        .env_clear()
        .env("HOME", home)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test Author")
        .env("GIT_AUTHOR_EMAIL", "author@example.com")
        .env("GIT_COMMITTER_NAME", "Test Committer")
        .env("GIT_COMMITTER_EMAIL", "committer@example.com")
        .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
        .env("LC_ALL", "C")
}

impl GitRepo {
    /// `git init -b main` in a new temporary directory.
    pub fn new() -> io::Result<GitRepo> {
        let repo = GitRepo {
            dir: tempfile::tempdir()?,
        };
        repo.git(&["init", "-q", "-b", "main"])?;
        Ok(repo)
    }

    /// A repository whose `main` has one commit holding `README.md`.
    pub fn with_commit() -> io::Result<GitRepo> {
        let repo = GitRepo::new()?;
        repo.write("README.md", "# test\n")?;
        repo.git(&["add", "README.md"])?;
        repo.git(&["commit", "-q", "-m", "first"])?;
        Ok(repo)
    }

    /// The repository's root directory.
    #[must_use]
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `contents` to `relative`, creating parent directories.
    pub fn write(&self, relative: &str, contents: &str) -> io::Result<PathBuf> {
        let path = self.path().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, contents)?;
        Ok(path)
    }

    /// Runs `git args…` in the repository and returns its trimmed stdout; a failing git is an
    /// error carrying its stderr.
    pub fn git(&self, args: &[&str]) -> io::Result<String> {
        let mut command = Command::new("git");
        let out = hermetic(&mut command, self.path())
            .args(args)
            .current_dir(self.path())
            .output()?;
        if !out.status.success() {
            return Err(io::Error::other(format!(
                "git {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    }

    /// A `maestro` command running in this repository with the hermetic environment.
    pub fn maestro(&self, args: &[&str]) -> io::Result<Command> {
        let mut command = Command::new(maestro_bin()?);
        hermetic(&mut command, self.path())
            .args(args)
            .current_dir(self.path());
        Ok(command)
    }
}

/// The `maestro` binary of the current build: `target/<profile>/maestro`, next to the
/// `deps/` directory that holds the running test executable. Cargo builds it for every
/// workspace test run because maestro-cli's own tests need it.
pub fn maestro_bin() -> io::Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let name = format!("maestro{}", std::env::consts::EXE_SUFFIX);
    exe.ancestors()
        .skip(1)
        .take(3)
        .map(|dir| dir.join(&name))
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::NotFound,
                format!(
                    "the maestro binary is not built next to {} (run `cargo build -p maestro-cli` or `cargo test --workspace`)",
                    exe.display()
                ),
            )
        })
}

/// The live processes whose command line holds `marker` (zombies excepted): what a test's
/// crews left running.
#[must_use]
pub fn survivors(marker: &str) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").expect("procfs").flatten() {
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        if cmdline.contains(marker) {
            let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
            if stat.split_whitespace().nth(2) != Some("Z") {
                found.push(cmdline);
            }
        }
    }
    found
}

/// Runs `command` to its end and returns its exit code (`-1` when a signal ended it), stdout
/// and stderr.
///
/// # Panics
///
/// When the program cannot be started.
pub fn outcome(command: &mut Command) -> (i32, String, String) {
    let out = command.output().expect("the program runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// [`outcome`] with `input` on the program's stdin (a program that ends before reading all of
/// it is not an error).
///
/// # Panics
///
/// When the program cannot be started or waited for.
pub fn outcome_with_input(command: &mut Command, input: &[u8]) -> (i32, String, String) {
    use std::io::Write as _;
    let mut child = command
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the program runs");
    let _ = child.stdin.take().expect("stdin").write_all(input);
    let out = child.wait_with_output().expect("the program ends");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `command` with its output piped, reading stdout and stderr as it runs, until it ends
/// or `limit` passes (then it is killed): its exit status (`None` when killed at the limit),
/// stdout and stderr.
///
/// # Panics
///
/// When the program cannot be started or waited for.
pub fn run_until(
    command: &mut Command,
    limit: std::time::Duration,
) -> (Option<std::process::ExitStatus>, String, String) {
    use std::io::Read as _;
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the program starts");
    let mut out = child.stdout.take().expect("piped");
    let mut err = child.stderr.take().expect("piped");
    let stdout = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = out.read_to_string(&mut text);
        text
    });
    let stderr = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = err.read_to_string(&mut text);
        text
    });
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    (
        status,
        stdout.join().expect("reader"),
        stderr.join().expect("reader"),
    )
}
