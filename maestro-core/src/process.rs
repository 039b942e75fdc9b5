//! Supervised child processes: each in its own process group, stopped with SIGTERM and then
//! SIGKILL after a grace period (on timeout or when asked), never leaving a descendant behind,
//! with stdout and stderr captured line by line.
//!
//! On Windows the child gets a new process group, and stopping it kills its process tree with
//! `taskkill /T` (first politely, then `/F` after the grace period).

use std::collections::VecDeque;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::Command;
use tokio::sync::{mpsc, watch};

/// How many output lines a [`Exit`] keeps.
const TAIL_LINES: usize = 40;

/// Removes secrets from text before it is kept: returns the redacted text, or `None` when there
/// is nothing to remove. Applied to every output line of a supervised process before it reaches
/// the log, the output tail (reports, retry feedback) or a line reader; a line that is JSON has
/// each of its strings redacted and stays valid JSON.
#[derive(Clone)]
pub struct Redactor(Arc<RedactFn>);

type RedactFn = dyn Fn(&str) -> Option<String> + Send + Sync;

impl Redactor {
    /// A redactor from a function.
    pub fn new(f: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Redactor {
        Redactor(Arc::new(f))
    }

    /// `line` with its secrets removed (unchanged when it holds none).
    #[must_use]
    pub fn line(&self, line: String) -> String {
        if line.trim_start().starts_with(['{', '['])
            && let Ok(mut value) = serde_json::from_str::<serde_json::Value>(&line)
        {
            return if self.value(&mut value) {
                value.to_string()
            } else {
                line
            };
        }
        (self.0)(&line).unwrap_or(line)
    }

    /// Redacts every string (and object key) inside `value`; whether anything changed.
    pub fn value(&self, value: &mut serde_json::Value) -> bool {
        use serde_json::Value;
        match value {
            Value::String(s) => match (self.0)(s) {
                Some(redacted) => {
                    *s = redacted;
                    true
                }
                None => false,
            },
            Value::Array(items) => items
                .iter_mut()
                .fold(false, |changed, item| self.value(item) | changed),
            Value::Object(map) => {
                let mut changed = false;
                let entries = std::mem::take(map);
                for (key, mut item) in entries {
                    changed |= self.value(&mut item);
                    let key = match (self.0)(&key) {
                        Some(redacted) => {
                            changed = true;
                            redacted
                        }
                        None => key,
                    };
                    map.insert(key, item);
                }
                changed
            }
            _ => false,
        }
    }
}

impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Redactor")
    }
}

/// A process to run under supervision.
#[derive(Debug, Clone)]
pub struct Supervised {
    /// The program.
    pub program: String,
    /// Its arguments.
    pub args: Vec<String>,
    /// Its working directory.
    pub cwd: PathBuf,
    /// Extra environment variables (the rest is inherited).
    pub env: Vec<(String, String)>,
    /// Bytes written to its stdin, which is then closed (`None`: stdin is empty).
    pub stdin: Option<Vec<u8>>,
    /// Time before it is stopped.
    pub timeout: Duration,
    /// Time between SIGTERM and SIGKILL.
    pub grace: Duration,
    /// File its output lines are appended to as JSON lines (`{"stream":…,"line":…}`), or, for
    /// stdout with [`Supervised::raw_stdout`], as they are.
    pub log: Option<PathBuf>,
    /// Write stdout lines to the log unwrapped (they are JSON already, e.g. stream-json).
    pub raw_stdout: bool,
    /// A file to write the process id (= its process group id) to while it runs, so a later
    /// dispatcher can stop a crew left behind by one that was killed ([`stop_leftover`]).
    pub pid_file: Option<PathBuf>,
    /// Removes secrets from every output line before it is logged, kept or passed on.
    pub redact: Option<Redactor>,
}

/// How a supervised process ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exit {
    /// Its exit code, if it exited (not killed by a signal).
    pub code: Option<i32>,
    /// Stopped because it ran past its timeout.
    pub timed_out: bool,
    /// Stopped because `stop` turned true.
    pub interrupted: bool,
    /// The last lines of its combined output.
    pub tail: String,
}

impl Exit {
    /// Exited by itself with code 0.
    #[must_use]
    pub fn success(&self) -> bool {
        self.code == Some(0) && !self.timed_out && !self.interrupted
    }
}

/// Which stream a line came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

/// Runs `spec` to its end, or stops it on timeout or when `stop` turns true. Every stdout line
/// is also sent to `stdout_lines` when given (e.g. for parsing an event stream).
pub async fn run(
    spec: Supervised,
    mut stop: watch::Receiver<bool>,
    stdout_lines: Option<mpsc::UnboundedSender<String>>,
) -> std::io::Result<Exit> {
    let mut command = Command::new(&spec.program);
    command
        .args(&spec.args)
        .current_dir(&spec.cwd)
        .envs(spec.env.iter().map(|(k, v)| (k, v)))
        .stdin(if spec.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    #[cfg(unix)]
    command.process_group(0);
    #[cfg(windows)]
    command.creation_flags(0x0000_0200); // CREATE_NEW_PROCESS_GROUP
    let mut child = command.spawn().map_err(|e| {
        std::io::Error::new(e.kind(), format!("cannot start {}: {e}", spec.program))
    })?;
    let pid = child.id();
    if let (Some(file), Some(pid)) = (&spec.pid_file, pid) {
        let cwd = spec.cwd.display();
        tokio::fs::write(file, format!("{pid}\n{cwd}\n")).await?;
    }

    if let Some(input) = spec.stdin.clone()
        && let Some(mut stdin) = child.stdin.take()
    {
        // A crew that does not read its stdin must not block us: write in the background.
        tokio::spawn(async move {
            let _ = stdin.write_all(&input).await;
            let _ = stdin.shutdown().await;
        });
    }

    let (line_tx, mut line_rx) = mpsc::unbounded_channel::<(Stream, String)>();
    let readers = [
        child
            .stdout
            .take()
            .map(|s| spawn_reader(s, Stream::Stdout, line_tx.clone())),
        child
            .stderr
            .take()
            .map(|s| spawn_reader(s, Stream::Stderr, line_tx.clone())),
    ];
    drop(line_tx);
    let log_path = spec.log.clone();
    let raw_stdout = spec.raw_stdout;
    let redact = spec.redact.clone();
    let collector = tokio::spawn(async move {
        let mut log = match &log_path {
            Some(path) => Some(
                tokio::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .await?,
            ),
            None => None,
        };
        let mut tail: VecDeque<String> = VecDeque::with_capacity(TAIL_LINES);
        while let Some((stream, line)) = line_rx.recv().await {
            let line = match &redact {
                Some(redact) => redact.line(line),
                None => line,
            };
            if let Some(log) = log.as_mut() {
                let entry = if raw_stdout && stream == Stream::Stdout {
                    line.clone()
                } else {
                    serde_json::json!({
                        "stream": if stream == Stream::Stdout { "stdout" } else { "stderr" },
                        "line": line,
                    })
                    .to_string()
                };
                log.write_all(entry.as_bytes()).await?;
                log.write_all(b"\n").await?;
            }
            if stream == Stream::Stdout
                && let Some(tx) = &stdout_lines
            {
                let _ = tx.send(line.clone());
            }
            if tail.len() == TAIL_LINES {
                tail.pop_front();
            }
            tail.push_back(line);
        }
        if let Some(log) = log.as_mut() {
            log.flush().await?;
        }
        Ok::<_, std::io::Error>(tail.into_iter().collect::<Vec<_>>().join("\n"))
    });

    let mut timed_out = false;
    let mut interrupted = false;
    let status = tokio::select! {
        status = child.wait() => Some(status?),
        () = tokio::time::sleep(spec.timeout) => { timed_out = true; None }
        _ = stop.wait_for(|stop| *stop) => { interrupted = true; None }
    };
    let status = match status {
        Some(status) => status,
        None => terminate(&mut child, pid, spec.grace).await?,
    };
    // Whatever the crew started in the background goes with it.
    kill_group(pid, Signal::Kill);
    for reader in readers.into_iter().flatten() {
        let _ = reader.await;
    }
    let tail = collector
        .await
        .map_err(|e| std::io::Error::other(format!("output collector failed: {e}")))??;
    if let Some(file) = &spec.pid_file {
        let _ = tokio::fs::remove_file(file).await;
    }
    Ok(Exit {
        code: status.code(),
        timed_out,
        interrupted,
        tail,
    })
}

fn spawn_reader<R>(
    reader: R,
    stream: Stream,
    tx: mpsc::UnboundedSender<(Stream, String)>,
) -> tokio::task::JoinHandle<()>
where
    R: tokio::io::AsyncRead + Unpin + Send + 'static,
{
    tokio::spawn(async move {
        let mut lines = BufReader::new(reader).lines();
        // Non-UTF-8 output or a closed pipe ends the capture, not the crew.
        while let Ok(Some(line)) = lines.next_line().await {
            if tx.send((stream, line)).is_err() {
                break;
            }
        }
    })
}

#[derive(Debug, Clone, Copy)]
enum Signal {
    Term,
    Kill,
}

/// SIGTERM to the group, then SIGKILL if it is still there after `grace`.
async fn terminate(
    child: &mut tokio::process::Child,
    pid: Option<u32>,
    grace: Duration,
) -> std::io::Result<std::process::ExitStatus> {
    kill_group(pid, Signal::Term);
    if let Ok(status) = tokio::time::timeout(grace, child.wait()).await {
        return status;
    }
    kill_group(pid, Signal::Kill);
    child.wait().await
}

/// Stops the process group recorded in `pid_file` by a crew whose dispatcher died, if it still
/// runs in the directory recorded with it (so a reused process id is never signalled), then
/// removes the file. Returns whether a crew was stopped.
pub async fn stop_leftover(pid_file: &std::path::Path, grace: Duration) -> bool {
    let Ok(text) = tokio::fs::read_to_string(pid_file).await else {
        return false;
    };
    let _ = tokio::fs::remove_file(pid_file).await;
    let mut lines = text.lines();
    let (Some(pid), Some(cwd)) = (
        lines.next().and_then(|p| p.parse::<u32>().ok()),
        lines.next(),
    ) else {
        return false;
    };
    if !runs_in(pid, std::path::Path::new(cwd)) {
        return false;
    }
    kill_group(Some(pid), Signal::Term);
    let deadline = tokio::time::Instant::now() + grace;
    while tokio::time::Instant::now() < deadline && runs_in(pid, std::path::Path::new(cwd)) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    kill_group(Some(pid), Signal::Kill);
    true
}

/// Whether process `pid` exists and works in `cwd` (Linux: `/proc/<pid>/cwd`).
#[cfg(target_os = "linux")]
fn runs_in(pid: u32, cwd: &std::path::Path) -> bool {
    std::fs::read_link(format!("/proc/{pid}/cwd"))
        .is_ok_and(|actual| actual == cwd || std::fs::canonicalize(cwd).is_ok_and(|c| c == actual))
}

/// Elsewhere the working directory cannot be checked cheaply, so no leftover is signalled.
#[cfg(not(target_os = "linux"))]
fn runs_in(_pid: u32, _cwd: &std::path::Path) -> bool {
    false
}

#[cfg(unix)]
fn kill_group(pid: Option<u32>, signal: Signal) {
    let Some(pid) = pid
        .and_then(|p| i32::try_from(p).ok())
        .and_then(rustix::process::Pid::from_raw)
    else {
        return;
    };
    let signal = match signal {
        Signal::Term => rustix::process::Signal::TERM,
        Signal::Kill => rustix::process::Signal::KILL,
    };
    // The group may be gone already; that is the goal.
    let _ = rustix::process::kill_process_group(pid, signal);
}

#[cfg(windows)]
fn kill_group(pid: Option<u32>, signal: Signal) {
    let Some(pid) = pid else { return };
    let mut command = std::process::Command::new("taskkill");
    command.args(["/T", "/PID", &pid.to_string()]);
    if matches!(signal, Signal::Kill) {
        command.arg("/F");
    }
    let _ = command.stdout(Stdio::null()).stderr(Stdio::null()).status();
}

#[cfg(test)]
mod tests;

/// The program `program` names: itself when it is a path (holds a separator), else the first
/// executable file of that name in a directory of `PATH`.
#[must_use]
pub fn find_program(program: &std::path::Path) -> Option<PathBuf> {
    if program.components().count() > 1 {
        return program.is_file().then(|| program.to_owned());
    }
    crate::sandbox::find_on_path(program.to_str()?, std::env::var_os("PATH").as_deref())
}
