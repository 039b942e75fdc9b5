//! One hook call answered whole: the input read, the workspace and crew found from the hook's
//! environment, the decision taken through maestro-core's hook policy, and what Claude Code is
//! to see (exit code, stdout, stderr). The same function answers in the `maestro hook` process
//! and in the hook service, so both decide alike; only where the scanner comes from differs.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use maestro_core::hook::{
    CONFIG_HASH_ENV, Feedback, HookContext, HookPorts, PathPolicy, ToolCall, Verdict,
    config_changed,
};
use maestro_core::ports::{AuditEvent, AuditSink as _, Scanner};
use maestro_core::{Store, WorkspaceConfig};

use crate::redaction::{error_chain, one_line, redacted, redactor};
use crate::wiring::{AuditPort, GitBase, ScanPort};

/// Which of Claude Code's hooks is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// Before a tool call: it goes ahead or is blocked.
    PreToolUse,
    /// After a `Write`, `Edit` or `MultiEdit`: the crew is told of insecure code it wrote.
    PostToolUse,
}

impl Event {
    /// The name on the command line (`pre-tool-use`, `post-tool-use`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Event::PreToolUse => "pre-tool-use",
            Event::PostToolUse => "post-tool-use",
        }
    }

    /// The event named `name` on the command line.
    #[must_use]
    pub fn named(name: &str) -> Option<Event> {
        match name {
            "pre-tool-use" => Some(Event::PreToolUse),
            "post-tool-use" => Some(Event::PostToolUse),
            _ => None,
        }
    }
}

/// The environment a hook decides by: what the dispatcher set for the crew. The hook service
/// receives it from each caller instead of reading its own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HookEnv {
    /// `MAESTRO_WORKSPACE`: the workspace the crew was started in.
    pub workspace: Option<PathBuf>,
    /// `MAESTRO_VOYAGE` and `MAESTRO_ORDER`: the crew.
    pub voyage: Option<String>,
    /// See `voyage`.
    pub order: Option<String>,
    /// `MAESTRO_CONFIG_SHA256`: the `workspace.json` the run started with.
    pub config_hash: Option<String>,
    /// `MAESTRO_WORKTREE`: where the crew may write.
    pub worktree: Option<PathBuf>,
    /// `MAESTRO_BASE`: the voyage base (inline allows count only on its lines).
    pub base: Option<String>,
    /// `HOME`: whose credential files crews may not read.
    pub home: Option<PathBuf>,
}

impl HookEnv {
    /// The variables a hook reads.
    pub const NAMES: [&str; 7] = [
        "MAESTRO_WORKSPACE",
        "MAESTRO_VOYAGE",
        "MAESTRO_ORDER",
        CONFIG_HASH_ENV,
        "MAESTRO_WORKTREE",
        "MAESTRO_BASE",
        "HOME",
    ];

    /// This process's.
    #[must_use]
    pub fn from_process() -> HookEnv {
        HookEnv::from_pairs(HookEnv::process_variables())
    }

    /// The variables of [`HookEnv::NAMES`] set in this process's environment, as
    /// `(name, value)` pairs (what the hook client sends the service).
    #[must_use]
    pub fn process_variables() -> Vec<(String, OsString)> {
        HookEnv::NAMES
            .iter()
            .filter_map(|name| std::env::var_os(name).map(|v| ((*name).to_owned(), v)))
            .collect()
    }

    /// From `(name, value)` pairs; names a hook does not read are ignored, and a value that is
    /// not UTF-8 where text is expected counts as unset.
    #[must_use]
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, OsString)>) -> HookEnv {
        let mut env = HookEnv::default();
        for (name, value) in pairs {
            let text = || value.to_str().map(str::to_owned);
            match name.as_str() {
                "MAESTRO_WORKSPACE" => env.workspace = Some(PathBuf::from(&value)),
                "MAESTRO_VOYAGE" => env.voyage = text(),
                "MAESTRO_ORDER" => env.order = text(),
                CONFIG_HASH_ENV => env.config_hash = text(),
                "MAESTRO_WORKTREE" => env.worktree = Some(PathBuf::from(&value)),
                "MAESTRO_BASE" => env.base = text(),
                "HOME" => env.home = Some(PathBuf::from(&value)),
                _ => {}
            }
        }
        env
    }
}

/// What Claude Code is to see of a hook: its exit code (2 blocks), stdout and stderr.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answer {
    /// 0, or 2 to block the call.
    pub exit_code: u8,
    /// The post-tool hook's JSON line, if any.
    pub stdout: String,
    /// Why the call is blocked, if it is.
    pub stderr: String,
}

impl Answer {
    /// A blocked call, for `reason` (redacted: it reaches the model).
    #[must_use]
    pub fn block(reason: &str) -> Answer {
        Answer {
            exit_code: 2,
            stdout: String::new(),
            stderr: format!("maestro blocked this tool call: {}\n", redacted(reason)),
        }
    }

    /// A blocked call, for a `reason` maestro wrote itself (no input quoted in it), so it
    /// needs no redaction: the hook client blocks this way without loading the secret rules.
    #[must_use]
    pub fn block_plain(reason: &str) -> Answer {
        Answer {
            exit_code: 2,
            stdout: String::new(),
            stderr: format!("maestro blocked this tool call: {reason}\n"),
        }
    }

    /// Prints this answer (stdout, then stderr) and returns its exit code.
    #[must_use]
    #[allow(clippy::print_stderr)]
    pub fn emit(&self) -> u8 {
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(self.stdout.as_bytes());
        let _ = out.flush();
        eprint!("{}", self.stderr);
        self.exit_code
    }
}

/// Where a hook's scanner comes from: built for the call (the `maestro hook` process), or kept
/// between calls (the hook service).
pub trait Scanners {
    /// The scanner of the workspace configured by `config` (read from `config_bytes`).
    fn scanner(
        &self,
        config: &WorkspaceConfig,
        config_bytes: Option<&[u8]>,
    ) -> anyhow::Result<Arc<dyn Scanner>>;

    /// `call` was allowed: when it is a `Write` or `Edit`, the post-tool hook will scan the file
    /// it leaves for insecure code, so a kept scanner may start now. Nothing by default (a
    /// scanner built per call keeps nothing, so the file is not even worked out).
    fn will_write(&self, scanner: &Arc<dyn Scanner>, call: &ToolCall, ctx: &HookContext) {
        let _ = (scanner, call, ctx);
    }
}

/// A scanner built for each call.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuiltPerCall;

impl Scanners for BuiltPerCall {
    fn scanner(
        &self,
        config: &WorkspaceConfig,
        _: Option<&[u8]>,
    ) -> anyhow::Result<Arc<dyn Scanner>> {
        Ok(Arc::new(ScanPort::new(config)?))
    }
}

/// Answers one hook call: `input` is what Claude Code wrote to the hook's stdin, `env` and
/// `here` the hook process's environment and working directory. Everything fails closed: input
/// that cannot be read, a workspace that cannot be loaded, or a `workspace.json` that is not the
/// one the run started with blocks the call (a post-tool hook's block is a JSON line).
#[must_use]
pub fn answer(
    event: Event,
    input: &[u8],
    env: &HookEnv,
    here: &Path,
    scanners: &dyn Scanners,
) -> Answer {
    match event {
        Event::PreToolUse => pre_tool_use(input, env, here, scanners),
        Event::PostToolUse => post_tool_use(input, env, here, scanners),
    }
}

/// The workspace and crew a hook runs for.
struct Context {
    root: Option<PathBuf>,
    config: WorkspaceConfig,
    bytes: Option<Vec<u8>>,
    hook: HookContext,
}

impl Context {
    fn load(call: &ToolCall, env: &HookEnv, here: &Path) -> anyhow::Result<Context> {
        let (root, config, bytes) = crate::workspace::nearby_from(here, env.workspace.as_deref())?;
        let crew = match (&env.voyage, &env.order) {
            (Some(v), Some(o)) => Some((v.parse()?, o.parse()?)),
            _ => None,
        };
        if let Some(started_with) = &env.config_hash {
            let Some(bytes) = &bytes else {
                anyhow::bail!(
                    "the workspace this crew was started in has no workspace.json any more"
                );
            };
            if let Some(why) = config_changed(bytes, started_with) {
                anyhow::bail!(why);
            }
        } else if crew.is_some() && root.is_none() {
            anyhow::bail!("the workspace this crew was started in cannot be found");
        }
        let cwd = call.cwd.clone().unwrap_or_else(|| here.to_owned());
        let worktree = env.worktree.clone().unwrap_or_else(|| cwd.clone());
        let mut policy = PathPolicy::new(&worktree);
        if let Some(root) = &root {
            policy = policy.deny_read(&root.join(maestro_core::store::STATE_DIR));
        }
        for denied in crate::wiring::unreadable_by_crews(&config, env.home.as_deref()) {
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
        Ok(Context {
            root,
            config,
            bytes,
            hook,
        })
    }

    /// Runs `decide` with the ports of the workspace, the scanner from `scanners`.
    fn decide<T>(
        &self,
        env: &HookEnv,
        scanner: &Arc<dyn Scanner>,
        decide: impl FnOnce(&HookPorts<'_>) -> Result<T, maestro_core::ports::PortError>,
    ) -> anyhow::Result<T> {
        let audit = AuditPort::lazy(self.root.as_deref(), &self.config);
        let base = GitBase::new(self.root.as_deref(), env.base.clone());
        let store = self
            .root
            .as_deref()
            .map(|root| Store::open(root).map(|s| s.with_redactor(redactor())))
            .transpose()?;
        decide(&HookPorts {
            scanner: scanner.as_ref(),
            audit: &audit,
            base: &base,
            store: store.as_ref(),
        })
        .map_err(|e| anyhow::anyhow!("{}", error_chain(e.as_ref())))
    }

    fn scanner(&self, scanners: &dyn Scanners) -> anyhow::Result<Arc<dyn Scanner>> {
        scanners.scanner(&self.config, self.bytes.as_deref())
    }
}

/// The input's tool call, or why the hook cannot judge it.
fn tool_call(input: &[u8]) -> Result<ToolCall, String> {
    let input = maestro_core::hook::read_input(input).map_err(|e| e.to_string())?;
    maestro_core::hook::parse(&input).map_err(|e| e.to_string())
}

fn pre_tool_use(input: &[u8], env: &HookEnv, here: &Path, scanners: &dyn Scanners) -> Answer {
    let call = match tool_call(input) {
        Ok(call) => call,
        Err(reason) => {
            record_refusal(None, &reason, env, here);
            return Answer::block(&reason);
        }
    };
    let verdict = Context::load(&call, env, here).and_then(|context| {
        let scanner = context.scanner(scanners)?;
        let verdict = context.decide(env, &scanner, |ports| {
            maestro_core::hook::pre_tool_use(&call, &context.hook, ports)
        })?;
        if verdict == Verdict::Allow {
            scanners.will_write(&scanner, &call, &context.hook);
        }
        Ok(verdict)
    });
    match verdict {
        Ok(Verdict::Allow) => Answer::default(),
        Ok(Verdict::Block(reason)) => Answer::block(&reason),
        Err(e) => {
            let reason = one_line(&e);
            record_refusal(Some(&call.tool), &reason, env, here);
            Answer::block(&reason)
        }
    }
}

/// Records a call the hook refused without judging it (input it cannot read, a workspace it
/// cannot load, a changed `workspace.json`) as `hook.refuse`, when the audit log can be
/// reached; the call is blocked either way.
fn record_refusal(tool: Option<&str>, reason: &str, env: &HookEnv, here: &Path) {
    let root = env.workspace.clone().or_else(|| {
        crate::workspace::nearby_from(here, None)
            .ok()
            .and_then(|(root, ..)| root)
    });
    let Some(root) = root else { return };
    // The configuration may be what is wrong: the log is opened with the defaults' signer
    // rules only when the file cannot be read.
    let config = crate::workspace::nearby_from(&root, env.workspace.as_deref())
        .map(|(_, config, _)| config)
        .unwrap_or_default();
    let (actor, subject) = match (&env.voyage, &env.order) {
        (Some(v), Some(o)) => (format!("hook:{v}/{o}"), format!("{v}/{o}")),
        _ => ("hook".to_owned(), tool.unwrap_or("hook").to_owned()),
    };
    let mut details = serde_json::Map::new();
    details.insert("reason".into(), reason.into());
    if let Some(tool) = tool {
        details.insert("tool".into(), tool.into());
    }
    let audit = AuditPort::lazy(Some(&root), &config);
    if let Err(e) = audit.record(AuditEvent {
        actor,
        action: "hook.refuse".into(),
        subject,
        details,
    }) {
        tracing::warn!("cannot record the refusal in the audit log: {e}");
    }
}

/// The post-tool hook: a `{"decision":"block","reason":…}` line when the written file holds
/// insecure code at or above `scan.blockSeverity`, so the crew sees it; findings below that
/// reach the crew as additional context (`hookSpecificOutput.additionalContext`).
fn post_tool_use(input: &[u8], env: &HookEnv, here: &Path, scanners: &dyn Scanners) -> Answer {
    let feedback = tool_call(input)
        .and_then(|call| {
            // Only a file a tool wrote is checked; nothing else needs the workspace loaded.
            if !matches!(call.tool.as_str(), "Write" | "Edit" | "MultiEdit") {
                return Ok(Feedback::Silent);
            }
            Context::load(&call, env, here)
                .and_then(|context| {
                    let scanner = context.scanner(scanners)?;
                    context.decide(env, &scanner, |ports| {
                        maestro_core::hook::post_tool_use(&call, &context.hook, ports)
                    })
                })
                .map_err(|e| one_line(&e))
        })
        .unwrap_or_else(|reason| {
            Feedback::Block(format!("maestro could not check this change: {reason}"))
        });
    let line = match feedback {
        Feedback::Block(reason) => serde_json::json!({
            "decision": "block",
            "reason": redacted(&reason),
        }),
        Feedback::Advise(text) => serde_json::json!({"hookSpecificOutput": {
            "hookEventName": "PostToolUse",
            "additionalContext": redacted(&text),
        }}),
        Feedback::Silent => return Answer::default(),
    };
    Answer {
        exit_code: 0,
        stdout: format!("{}\n", redacted(&line.to_string())),
        stderr: String::new(),
    }
}

/// Reads a hook's stdin whole, up to one byte more than maestro reads (so that too much input
/// is refused as such, not cut).
pub fn read_stdin() -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut input = Vec::new();
    std::io::stdin()
        .lock()
        .take(maestro_core::hook::MAX_INPUT + 1)
        .read_to_end(&mut input)?;
    Ok(input)
}
