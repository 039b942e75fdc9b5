//! The hook client (`maestro-hook`): the small program Claude Code starts on every tool call of a
//! crew. It hands the call to the run's hook service and prints its answer; when there is no
//! service, or it cannot answer, the client runs `maestro hook` (beside it) on the same input,
//! which decides the same way in its own process. Nothing here decides anything, and nothing
//! fails open: a client that can do neither blocks the call.

use std::io::Write as _;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use super::answer::{Answer, Event, HookEnv};
use super::wire::{self, Reply, Request};

/// How long the client waits for the service before it answers the call itself.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// Answers the hook `event` (its command-line name) for the input on stdin, through the
/// service at `socket` if given; `fallback: false` blocks the call instead of answering it in
/// a `maestro hook` process (for tests that must see the service's own answer). Prints the
/// answer and returns the exit code.
#[must_use]
pub fn run(event: &str, socket: Option<&Path>, fallback: bool) -> u8 {
    let Some(event) = Event::named(event) else {
        return Answer::block_plain(&format!(
            "unknown hook event `{event}` (pre-tool-use or post-tool-use)"
        ))
        .emit();
    };
    let input = match super::answer::read_stdin() {
        Ok(input) => input,
        Err(e) => {
            return Answer::block_plain(&format!("cannot read the hook input: {e}")).emit();
        }
    };
    let why = match socket {
        Some(socket) => match ask(socket, event, &input) {
            Ok(Reply::Answer(answer)) => return answer.emit(),
            Ok(Reply::Refused(why)) => why,
            Err(e) => format!(
                "the hook service at {} did not answer: {e}",
                socket.display()
            ),
        },
        None => "no hook service".to_owned(),
    };
    if !fallback {
        return Answer::block_plain(&why).emit();
    }
    in_process(event, &input)
}

/// The service's reply to this call.
fn ask(socket: &Path, event: Event, input: &[u8]) -> std::io::Result<Reply> {
    let mut stream = UnixStream::connect(socket)?;
    stream.set_read_timeout(Some(PATIENCE))?;
    stream.set_write_timeout(Some(PATIENCE))?;
    let request = Request {
        event,
        cwd: std::env::current_dir()?,
        env: HookEnv::process_variables(),
        input: input.to_vec(),
    };
    // A service that refuses this caller answers before reading the request and closes: the
    // write may then fail, and the refusal is still there to read.
    let written = wire::write_request(&mut stream, &request);
    match (wire::read_reply(&mut stream), written) {
        (Ok(reply), _) => Ok(reply),
        (Err(_), Err(e)) | (Err(e), Ok(())) => Err(e),
    }
}

/// Runs `maestro hook <event>` beside this program on `input`, passing its output through.
fn in_process(event: Event, input: &[u8]) -> u8 {
    let maestro = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("maestro")));
    let Some(maestro) = maestro else {
        return Answer::block_plain("cannot locate the maestro program").emit();
    };
    let child = Command::new(&maestro)
        .args(["hook", event.name()])
        .stdin(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => {
            return Answer::block_plain(&format!("cannot run {}: {e}", maestro.display())).emit();
        }
    };
    // A hook that stops reading early has answered already; its exit code says how.
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(input);
    }
    match child.wait() {
        Ok(status) => status
            .code()
            .and_then(|code| u8::try_from(code).ok())
            // Killed by a signal, or an exit code Claude Code would not read as a block.
            .filter(|code| *code == 0 || *code == 2)
            .unwrap_or_else(|| Answer::block_plain("the maestro hook did not finish").emit()),
        Err(e) => Answer::block_plain(&format!("cannot wait for the maestro hook: {e}")).emit(),
    }
}
