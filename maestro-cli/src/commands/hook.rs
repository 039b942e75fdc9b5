//! `maestro hook pre-tool-use|post-tool-use|serve|install-git`.
//!
//! The Claude Code hooks answer in this process when there is no hook service (a crew's hook
//! client falls back to them): the answer is `maestro_cli::hook`'s, the same the service gives;
//! this module reads stdin and prints it. Everything fails closed, a crash included.

use anyhow::Context as _;
use maestro_cli::hook::{Event, HookEnv};

use crate::commands::Outcome;
use crate::output::Output;

/// Makes a panic in a hook block the tool call. Claude Code blocks only on exit code 2; a
/// panic's exit code 101 would let the call through, so a bug in maestro would fail open.
/// The payload is not shown: stderr reaches the model, and a panic message could quote input.
#[allow(clippy::print_stderr)]
fn fail_closed_on_panic() {
    std::panic::set_hook(Box::new(|_| {
        eprintln!(
            "maestro blocked this tool call: the maestro hook failed unexpectedly (a bug in maestro; please report it)"
        );
        std::process::exit(2);
    }));
    // Debug builds only: lets the tests prove the above with a real panic.
    assert!(
        !(cfg!(debug_assertions) && std::env::var_os("MAESTRO_TEST_HOOK_PANIC").is_some()),
        "test panic quoting input: panic-payload-marker"
    );
}

/// `maestro hook pre-tool-use` (exit 2 with the reason on stderr to block; exit 0 silently to
/// allow) and `maestro hook post-tool-use` (a `{"decision":"block",…}` line when the written file
/// holds insecure code at or above `scan.blockSeverity`, context below it).
pub fn answer(event: Event) -> Outcome {
    fail_closed_on_panic();
    let answer = match (maestro_cli::hook::read_stdin(), std::env::current_dir()) {
        (Ok(input), Ok(here)) => maestro_cli::hook::answer(
            event,
            &input,
            &HookEnv::from_process(),
            &here,
            &maestro_cli::hook::BuiltPerCall,
        ),
        (Err(e), _) => {
            maestro_cli::hook::Answer::block_plain(&format!("cannot read the hook input: {e}"))
        }
        (_, Err(e)) => maestro_cli::hook::Answer::block_plain(&format!(
            "cannot read the current directory: {e}"
        )),
    };
    if answer.emit() == 2 {
        Outcome::Blocked
    } else {
        Outcome::Clean
    }
}

/// `maestro hook serve --socket PATH`: the hook service of the run that started it.
pub fn serve(socket: &std::path::Path) -> anyhow::Result<Outcome> {
    maestro_cli::hook::server::serve(socket)?;
    Ok(Outcome::Clean)
}

/// `maestro hook install-git`: a pre-commit hook running `maestro scan --staged`.
pub fn install_git(out: Output, force: bool) -> anyhow::Result<Outcome> {
    let cwd = std::env::current_dir()?;
    let repo = maestro_git::Repo::discover(&cwd)?;
    let hooks = repo.common_dir().join("hooks");
    let path = hooks.join("pre-commit");
    let exe = std::env::current_exe().context("cannot locate the maestro binary")?;
    let script = format!(
        "#!/bin/sh\n# Installed by `maestro hook install-git`: refuse commits that add secrets or insecure code.\nexec '{}' scan --staged\n",
        exe.display().to_string().replace('\'', "'\\''")
    );
    match std::fs::read_to_string(&path) {
        Ok(existing) if existing == script => {
            out.info(&format!("{} is already installed", path.display()))?;
            return Ok(Outcome::Clean);
        }
        Ok(_) if !force => anyhow::bail!(
            "{} exists and is not maestro's; --force replaces it",
            path.display()
        ),
        _ => {}
    }
    std::fs::create_dir_all(&hooks)
        .with_context(|| format!("cannot create {}", hooks.display()))?;
    std::fs::write(&path, script).with_context(|| format!("cannot write {}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))?;
    }
    out.info(&format!(
        "installed {}: commits now run `maestro scan --staged`",
        path.display()
    ))?;
    Ok(Outcome::Clean)
}
