//! The hook service: one process per run (`maestro hook serve`), started by the process that
//! runs crews, answering their hook calls through a Unix socket in a directory only its user
//! can enter. It answers exactly as `maestro hook` does (the same [`super::answer`]), with its
//! scanners kept between calls (`hook::kept`): the rules are loaded once, and a written
//! file's code scan starts at the pre-tool hook. It lives as long as its parent: it exits when
//! the pipe on its stdin closes, which a parent killed with `SIGKILL` closes too.
//!
//! Only callers in the service's own user, user namespace and mount namespace are answered: a
//! crew's sandboxed command (another mount namespace) that found the socket would otherwise
//! have files read for it outside its sandbox. A refused caller is told so and answers itself.

use std::io::{BufRead as _, BufReader, Read as _};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use anyhow::Context as _;

use super::answer::{Answer, HookEnv, answer};
use super::kept::KeptScanners;
use super::wire::{self, Reply};

/// How long a caller may take to send its request.
const REQUEST_TIME: Duration = Duration::from_secs(10);
/// The line the service prints once it listens.
const READY: &str = "maestro hook service ready";

/// Serves hook calls on `socket` until stdin closes. Prints one line once it listens.
pub fn serve(socket: &Path) -> anyhow::Result<()> {
    let listener = UnixListener::bind(socket)
        .with_context(|| format!("cannot listen on {}", socket.display()))?;
    // The payload of a panic could quote a crew's input; the caller is told only that it failed.
    std::panic::set_hook(Box::new(|_| {}));
    let parent_gone = socket.to_owned();
    std::thread::Builder::new()
        .name("hook-parent".into())
        .spawn(move || {
            let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
            let _ = std::fs::remove_file(&parent_gone);
            if let Some(dir) = parent_gone.parent() {
                let _ = std::fs::remove_dir(dir);
            }
            std::process::exit(0);
        })?;
    {
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        writeln!(out, "{READY}")?;
        out.flush()?;
    }
    let scanners = Arc::new(KeptScanners::default());
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let scanners = scanners.clone();
        let spawned = std::thread::Builder::new()
            .name("hook-call".into())
            .spawn(move || call(stream, &scanners));
        if let Err(e) = spawned {
            tracing::warn!("cannot answer a hook call: {e}");
        }
    }
    Ok(())
}

/// Answers one connection.
fn call(mut stream: UnixStream, scanners: &KeptScanners) {
    let reply = if let Some(why) = caller_refused(&stream) {
        Reply::Refused(why)
    } else {
        let _ = stream.set_read_timeout(Some(REQUEST_TIME));
        match wire::read_request(&mut stream) {
            Ok(request) => Reply::Answer(answered(&request, scanners)),
            Err(e) => Reply::Refused(format!("unreadable request: {e}")),
        }
    };
    let _ = wire::write_reply(&mut stream, &reply);
}

/// The answer to `request`; a panic blocks the call.
fn answered(request: &wire::Request, scanners: &KeptScanners) -> Answer {
    let env = HookEnv::from_pairs(request.env.iter().cloned());
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        answer(request.event, &request.input, &env, &request.cwd, scanners)
    }))
    .unwrap_or_else(|_| {
        Answer::block_plain(
            "the maestro hook failed unexpectedly (a bug in maestro; please report it)",
        )
    })
}

/// Why the peer of `stream` is not answered, if it is not: another user, or another user or
/// mount namespace than the service's (a sandbox), or a peer that cannot be identified.
fn caller_refused(stream: &UnixStream) -> Option<String> {
    let cred = match rustix::net::sockopt::socket_peercred(stream) {
        Ok(cred) => cred,
        Err(e) => return Some(format!("cannot identify the caller: {e}")),
    };
    if cred.uid != rustix::process::getuid() {
        return Some("the caller is another user".to_owned());
    }
    let pid = cred.pid.as_raw_nonzero();
    for ns in ["user", "mnt"] {
        let ours = std::fs::read_link(format!("/proc/self/ns/{ns}"));
        let theirs = std::fs::read_link(format!("/proc/{pid}/ns/{ns}"));
        match (ours, theirs) {
            (Ok(ours), Ok(theirs)) if ours == theirs => {}
            (Ok(_), Ok(_)) => {
                return Some(format!(
                    "the caller runs in another {} namespace (a sandbox); it answers itself",
                    if ns == "mnt" { "mount" } else { ns }
                ));
            }
            _ => return Some(format!("cannot read the caller's {ns} namespace")),
        }
    }
    None
}

/// The hook service this process started, if it started one.
struct Running {
    socket: PathBuf,
    /// Its stdin: the service exits when this closes (with this process, however it ends).
    _child: Child,
}

static SERVICE: OnceLock<Option<Running>> = OnceLock::new();

/// The command Claude Code runs for a crew's hooks (`pre-tool-use` or `post-tool-use` is
/// appended): the hook client beside `maestro` with this process's hook service, started on
/// first use; `maestro hook` itself when either cannot be had (the hooks then decide in their
/// own process, as surely, only slower).
#[must_use]
pub fn command(maestro: &Path) -> String {
    let in_process = format!("{} hook", quoted(maestro));
    let client = maestro.with_file_name("maestro-hook");
    if !client.is_file() {
        return in_process;
    }
    let service = SERVICE.get_or_init(|| match start(maestro) {
        Ok(running) => Some(running),
        Err(e) => {
            tracing::warn!(
                "no hook service ({e:#}); crews' hooks run in their own process, more slowly"
            );
            None
        }
    });
    match service {
        Some(running) => format!("{} --socket {}", quoted(&client), quoted(&running.socket)),
        None => in_process,
    }
}

/// Starts `maestro hook serve` on a socket in a new private directory, and waits until it
/// listens.
fn start(maestro: &Path) -> anyhow::Result<Running> {
    let dir = tempfile::Builder::new()
        .prefix("maestro-hook-")
        .tempdir()
        .context("cannot create the hook service's directory")?
        // The service removes it when it exits.
        .keep();
    let socket = dir.join("socket");
    let mut command = Command::new(maestro);
    command
        .args(["hook", "serve", "--socket"])
        .arg(&socket)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    // Its own process group: a Ctrl-C meant for the run does not end it while crews finish;
    // the run's exit does (its stdin closes).
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&dir);
            return Err(e)
                .with_context(|| format!("cannot start {} hook serve", maestro.display()));
        }
    };
    let mut line = String::new();
    if let Some(out) = child.stdout.take() {
        let _ = BufReader::new(out.take(256)).read_line(&mut line);
    }
    if line.trim_end() != READY {
        let _ = child.kill();
        let _ = child.wait();
        let _ = std::fs::remove_dir_all(&dir);
        anyhow::bail!("the hook service did not start");
    }
    Ok(Running {
        socket,
        _child: child,
    })
}

/// `path` quoted for the shell Claude Code runs hook commands with.
fn quoted(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', "'\\''"))
}
