//! `maestro-hook [--socket PATH] [--no-fallback] pre-tool-use|post-tool-use`: the program
//! Claude Code runs for every tool call of a crew. It hands the call to the run's hook service
//! and prints the answer, or runs `maestro hook` when the service cannot answer. See
//! `maestro_cli::hook::client`.

use std::path::PathBuf;
use std::process::ExitCode;

#[allow(clippy::print_stderr)]
fn main() -> ExitCode {
    // A panic's exit code 101 would let the tool call through: every failure blocks.
    std::panic::set_hook(Box::new(|_| {
        eprintln!(
            "maestro blocked this tool call: the maestro hook client failed unexpectedly (a bug in maestro; please report it)"
        );
        std::process::exit(2);
    }));
    let mut socket: Option<PathBuf> = None;
    let mut fallback = true;
    let mut event: Option<String> = None;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--socket") => socket = args.next().map(PathBuf::from),
            Some("--no-fallback") => fallback = false,
            Some(name) if event.is_none() => event = Some(name.to_owned()),
            _ => {
                eprintln!(
                    "maestro blocked this tool call: usage: maestro-hook [--socket PATH] [--no-fallback] pre-tool-use|post-tool-use"
                );
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::from(maestro_cli::hook::client::run(
        event.as_deref().unwrap_or(""),
        socket.as_deref(),
        fallback,
    ))
}
