//! `maestro hook pre-tool-use|post-tool-use|install-git`.
//!
//! The Claude Code hooks run as a fresh process on every tool call of every crew, so they stay
//! lean: the workspace found from `MAESTRO_WORKSPACE` or by walking up to `.mso/`, git opened
//! only when an inline allow needs the voyage base. The decision is `maestro_core::hook`'s;
//! this module reads stdin, builds its context and ports, and prints. Everything fails closed:
//! input that cannot be read, a workspace that cannot be loaded, a `workspace.json` that is not
//! the one the run started with, or a crash blocks the call.

use std::path::PathBuf;

use anyhow::Context as _;
use maestro_core::hook::{
    CONFIG_HASH_ENV, Feedback, HookContext, HookPorts, PathPolicy, ToolCall, Verdict,
    config_changed,
};
use maestro_core::{Store, WorkspaceConfig};

use crate::commands::Outcome;
use crate::output::Output;
use maestro_cli::wiring::{AuditPort, GitBase, ScanPort};

/// The workspace and crew a hook runs for.
struct Context {
    root: Option<PathBuf>,
    config: WorkspaceConfig,
    hook: HookContext,
}

impl Context {
    fn load(call: &ToolCall) -> anyhow::Result<Context> {
        let here = std::env::current_dir().context("cannot read the current directory")?;
        let (root, config, bytes) = maestro_cli::workspace::nearby(&here)?;
        let crew = match (
            std::env::var("MAESTRO_VOYAGE"),
            std::env::var("MAESTRO_ORDER"),
        ) {
            (Ok(v), Ok(o)) => Some((v.parse()?, o.parse()?)),
            _ => None,
        };
        if let Ok(started_with) = std::env::var(CONFIG_HASH_ENV) {
            let Some(bytes) = &bytes else {
                anyhow::bail!(
                    "the workspace this crew was started in has no workspace.json any more"
                );
            };
            if let Some(why) = config_changed(bytes, &started_with) {
                anyhow::bail!(why);
            }
        } else if crew.is_some() && root.is_none() {
            anyhow::bail!("the workspace this crew was started in cannot be found");
        }
        let cwd = call.cwd.clone().unwrap_or_else(|| here.clone());
        let worktree =
            std::env::var_os("MAESTRO_WORKTREE").map_or_else(|| cwd.clone(), PathBuf::from);
        let mut policy = PathPolicy::new(&worktree);
        if let Some(root) = &root {
            policy = policy.deny_read(&root.join(maestro_core::store::STATE_DIR));
        }
        for denied in maestro_cli::wiring::unreadable_by_crews(&config) {
            policy = policy.deny_read(&denied);
        }
        let hook = HookContext {
            cwd,
            policy,
            crew,
            block_secrets: config.scan.block_secrets,
            block_severity: config.scan.block_severity,
            max_file_size: config.scan.max_file_size,
        };
        Ok(Context { root, config, hook })
    }
}

/// The input's tool call, or why the hook cannot judge it.
fn tool_call() -> Result<ToolCall, String> {
    let input =
        maestro_core::hook::read_input(std::io::stdin().lock()).map_err(|e| e.to_string())?;
    maestro_core::hook::parse(&input).map_err(|e| e.to_string())
}

#[allow(clippy::print_stderr)]
fn block(reason: &str) -> Outcome {
    eprintln!(
        "maestro blocked this tool call: {}",
        crate::output::redacted(reason)
    );
    Outcome::Blocked
}

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

/// Runs `decide` with the ports of the workspace the hook runs in.
fn with_ports<T>(
    context: &Context,
    decide: impl FnOnce(&HookPorts<'_>) -> Result<T, maestro_core::ports::PortError>,
) -> anyhow::Result<T> {
    let scanner = ScanPort::new(&context.config)?;
    let audit = AuditPort::lazy(context.root.as_deref(), &context.config);
    let base = GitBase::from_env(context.root.as_deref());
    let store = context
        .root
        .as_deref()
        .map(|root| Store::open(root).map(|s| s.with_redactor(crate::output::redactor())))
        .transpose()?;
    decide(&HookPorts {
        scanner: &scanner,
        audit: &audit,
        base: &base,
        store: store.as_ref(),
    })
    .map_err(|e| anyhow::anyhow!("{}", crate::output::error_chain(e.as_ref())))
}

/// `maestro hook pre-tool-use`: exit 2 with the reason on stderr to block; exit 0 silently to
/// allow.
pub fn pre_tool_use() -> Outcome {
    fail_closed_on_panic();
    let call = match tool_call() {
        Ok(call) => call,
        Err(reason) => {
            record_refusal(None, &reason);
            return block(&reason);
        }
    };
    let verdict = Context::load(&call).and_then(|context| {
        with_ports(&context, |ports| {
            maestro_core::hook::pre_tool_use(&call, &context.hook, ports)
        })
    });
    match verdict {
        Ok(Verdict::Allow) => Outcome::Clean,
        Ok(Verdict::Block(reason)) => block(&reason),
        Err(e) => {
            let reason = crate::output::one_line(&e);
            record_refusal(Some(&call.tool), &reason);
            block(&reason)
        }
    }
}

/// Records a call the hook refused without judging it (input it cannot read, a workspace it
/// cannot load, a changed `workspace.json`) as `hook.refuse`, when the audit log can be
/// reached; the call is blocked either way.
fn record_refusal(tool: Option<&str>, reason: &str) {
    let Ok(here) = std::env::current_dir() else {
        return;
    };
    let root = std::env::var_os("MAESTRO_WORKSPACE")
        .map(PathBuf::from)
        .or_else(|| {
            maestro_cli::workspace::nearby(&here)
                .ok()
                .and_then(|(root, ..)| root)
        });
    let Some(root) = root else { return };
    // The configuration may be what is wrong: the log is opened with the defaults' signer
    // rules only when the file cannot be read.
    let config = maestro_cli::workspace::nearby(&root)
        .map(|(_, config, _)| config)
        .unwrap_or_default();
    let crew = std::env::var("MAESTRO_VOYAGE")
        .ok()
        .zip(std::env::var("MAESTRO_ORDER").ok());
    let (actor, subject) = crew.map_or_else(
        || ("hook".to_owned(), tool.unwrap_or("hook").to_owned()),
        |(v, o)| (format!("hook:{v}/{o}"), format!("{v}/{o}")),
    );
    let mut details = serde_json::Map::new();
    details.insert("reason".into(), reason.into());
    if let Some(tool) = tool {
        details.insert("tool".into(), tool.into());
    }
    let audit = AuditPort::lazy(Some(&root), &config);
    if let Err(e) = maestro_core::ports::AuditSink::record(
        &audit,
        maestro_core::ports::AuditEvent {
            actor,
            action: "hook.refuse".into(),
            subject,
            details,
        },
    ) {
        tracing::warn!("cannot record the refusal in the audit log: {e}");
    }
}

/// `maestro hook post-tool-use`: prints `{"decision":"block","reason":…}` when the written file
/// holds insecure code at or above `scan.blockSeverity`, so the crew sees it; findings below
/// that reach the crew as additional context (`hookSpecificOutput.additionalContext`).
pub fn post_tool_use() -> Outcome {
    fail_closed_on_panic();
    let feedback = tool_call()
        .and_then(|call| {
            // Only a file a tool wrote is checked; nothing else needs the workspace loaded.
            if !matches!(call.tool.as_str(), "Write" | "Edit" | "MultiEdit") {
                return Ok(Feedback::Silent);
            }
            Context::load(&call)
                .and_then(|context| {
                    with_ports(&context, |ports| {
                        maestro_core::hook::post_tool_use(&call, &context.hook, ports)
                    })
                })
                .map_err(|e| crate::output::one_line(&e))
        })
        .unwrap_or_else(|reason| {
            Feedback::Block(format!("maestro could not check this change: {reason}"))
        });
    let line = match feedback {
        Feedback::Block(reason) => serde_json::json!({
            "decision": "block",
            "reason": crate::output::redacted(&reason),
        }),
        Feedback::Advise(text) => serde_json::json!({"hookSpecificOutput": {
            "hookEventName": "PostToolUse",
            "additionalContext": crate::output::redacted(&text),
        }}),
        Feedback::Silent => return Outcome::Clean,
    };
    let _ = crate::output::data(&line.to_string());
    Outcome::Clean
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
