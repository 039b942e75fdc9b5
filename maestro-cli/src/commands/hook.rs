//! `maestro hook pre-tool-use|post-tool-use|install-git`.
//!
//! The Claude Code hooks run as a fresh process on every tool call of every crew, so they stay
//! lean: no git, the workspace found from `MAESTRO_WORKSPACE` or by walking up to `.mso/`. They
//! fail closed: input that cannot be read blocks.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use maestro_audit::{Details, FindingRef, Fingerprint, Redacted};
use maestro_core::config::Severity as ConfigSeverity;
use maestro_core::hook::{ToolAction, ToolCall, refused_path, resolve, shown_path};
use maestro_core::{OrderId, Store, VoyageName, WorkspaceConfig};
use maestro_scan::{BlockPolicy, Finding, Kinds, Report, Severity, output};
use serde_json::Value;

use crate::commands::Outcome;
use crate::commands::scan::{nearby_config, scanner};
use crate::output::Output;

/// The crew a hook runs for, from the dispatcher's environment.
struct Context {
    root: Option<PathBuf>,
    config: WorkspaceConfig,
    /// `voyage/order` when run by the dispatcher.
    crew: Option<(VoyageName, OrderId)>,
}

impl Context {
    fn load() -> anyhow::Result<Context> {
        let cwd = std::env::current_dir().context("cannot read the current directory")?;
        let (root, config) = nearby_config(&cwd)?;
        let crew = match (
            std::env::var("MAESTRO_VOYAGE"),
            std::env::var("MAESTRO_ORDER"),
        ) {
            (Ok(v), Ok(o)) => Some((v.parse()?, o.parse()?)),
            _ => None,
        };
        Ok(Context { root, config, crew })
    }

    fn subject(&self, fallback: &str) -> String {
        self.crew
            .as_ref()
            .map_or_else(|| fallback.to_owned(), |(v, o)| format!("{v}/{o}"))
    }

    /// Appends to the audit log of the workspace, if there is one.
    fn audit(&self, action: &str, subject: &str, details: Details) -> anyhow::Result<()> {
        let Some(root) = &self.root else {
            return Ok(());
        };
        let actor = self
            .crew
            .as_ref()
            .map_or_else(|| "hook".to_owned(), |(v, o)| format!("hook:{v}/{o}"));
        crate::commands::audit::append(
            &root.join(".mso"),
            &self.config,
            &actor,
            action,
            subject,
            details,
        )
    }

    /// Adds `entry` to the order report's `key` list (`blocks` or `findings`).
    fn report(&self, key: &str, entries: Vec<Value>) -> anyhow::Result<()> {
        let (Some(root), Some((voyage, order))) = (&self.root, &self.crew) else {
            return Ok(());
        };
        let store = Store::open(root)?;
        // The dispatcher writes the report before the crew starts; a hook never creates one.
        if store.report::<Value>(voyage, order)?.is_none() {
            return Ok(());
        }
        store.update_report(voyage, order, |report: Option<Value>| {
            let mut report = report.unwrap_or_else(|| serde_json::json!({}));
            if let Some(object) = report.as_object_mut() {
                let list = object
                    .entry(key)
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Some(list) = list.as_array_mut() {
                    list.extend(entries);
                }
            }
            Ok::<_, anyhow::Error>((report, ()))
        })
    }
}

fn finding_ref(f: &Finding) -> Option<FindingRef> {
    // The scanner shows at most four characters before its mask; keep only those.
    let visible: String = f
        .redacted
        .chars()
        .take_while(|c| *c != '…')
        .take(4)
        .collect();
    let redacted = Redacted::new(&format!("{visible}****")).ok()?;
    let fingerprint = Fingerprint::from_hex(&f.fingerprint).ok()?;
    FindingRef::new(
        &f.rule_id,
        redacted,
        fingerprint,
        f.path.clone(),
        u32::try_from(f.line).unwrap_or(u32::MAX),
    )
    .ok()
}

fn finding_json(f: &Finding, tool: &str) -> Value {
    serde_json::json!({
        "tool": tool,
        "rule_id": f.rule_id,
        "path": f.path,
        "line": f.line,
        "redacted": f.redacted,
        "fingerprint": f.fingerprint,
        "severity": f.severity.to_string(),
        "cwe": f.cwe,
        "at": jiff::Timestamp::now().to_string(),
    })
}

#[allow(clippy::print_stderr)]
fn block(reason: &str) -> Outcome {
    eprintln!("maestro blocked this tool call: {reason}");
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

/// The input's tool call (`None` for tools that neither write nor run anything), or why the
/// hook cannot judge it.
fn tool_call() -> Result<Option<ToolCall>, String> {
    let input =
        maestro_core::hook::read_input(std::io::stdin().lock()).map_err(|e| e.to_string())?;
    maestro_core::hook::parse(&input).map_err(|e| e.to_string())
}

/// The session's working directory: from the input, else the hook's own.
fn session_dir(call: &ToolCall) -> PathBuf {
    call.cwd
        .clone()
        .unwrap_or_else(|| std::env::current_dir().unwrap_or_default())
}

/// `maestro hook pre-tool-use`: exit 2 with the reason on stderr to block; exit 0 silently to
/// allow.
pub fn pre_tool_use() -> Outcome {
    fail_closed_on_panic();
    let call = match tool_call() {
        Ok(Some(call)) => call,
        Ok(None) => return Outcome::Clean,
        Err(reason) => return block(&reason),
    };
    let context = match Context::load() {
        Ok(c) => c,
        Err(e) => {
            return block(&format!(
                "cannot load the workspace: {}",
                crate::output::one_line(&e)
            ));
        }
    };
    match pre_tool_decision(&call, &context) {
        Ok(None) => Outcome::Clean,
        Ok(Some(reason)) => block(&reason),
        Err(e) => block(&crate::output::one_line(&e)),
    }
}

fn pre_tool_decision(call: &ToolCall, context: &Context) -> anyhow::Result<Option<String>> {
    let tool = call.tool.as_str();
    let cwd = session_dir(call);
    let worktree = std::env::var_os("MAESTRO_WORKTREE").map_or_else(|| cwd.clone(), PathBuf::from);
    let (display_path, texts) = match &call.action {
        ToolAction::Write { path, texts } => {
            if let Some(reason) = refused_path(path, &cwd, &worktree) {
                let subject = context.subject(path);
                let details = Details::new()
                    .with("tool", tool)
                    .with("path", path.as_str())
                    .with("reason", reason.as_str());
                context.audit("path.block", &subject, details)?;
                context.report("blocks", vec![serde_json::json!({"tool": tool, "path": path, "reason": reason, "at": jiff::Timestamp::now().to_string()})])?;
                return Ok(Some(reason));
            }
            (Some(shown_path(path, &cwd, &worktree)), texts.as_slice())
        }
        ToolAction::Command(command) => (None, std::slice::from_ref(command)),
    };
    let scanner = scanner(&context.config, Kinds::Secrets)?;
    let mut report = Report::default();
    for text in texts {
        report.absorb(scanner.scan_text(display_path.as_deref(), text.as_bytes()));
    }
    report.finish();
    if report.findings.is_empty() {
        return Ok(None);
    }
    let policy = BlockPolicy {
        block_secrets: context.config.scan.block_secrets,
        block_severity: None,
    };
    let subject = context.subject(display_path.as_deref().unwrap_or("bash"));
    let refs: Vec<FindingRef> = report.findings.iter().filter_map(finding_ref).collect();
    let mut details = Details::new().with("tool", tool);
    if let Some(path) = &display_path {
        details = details.with("path", path.as_str());
    }
    details = details.with("findings", refs);
    let entries: Vec<Value> = report
        .findings
        .iter()
        .map(|f| finding_json(f, tool))
        .collect();
    if report.blocking(&policy).next().is_none() {
        // Lower-confidence secrets are recorded, not blocked.
        context.audit("secret.report", &subject, details)?;
        context.report("findings", entries)?;
        return Ok(None);
    }
    context.audit("secret.block", &subject, details)?;
    context.report("blocks", entries)?;
    report.findings.retain(|f| f.blocks(&policy));
    Ok(Some(format!(
        "the {tool} would write a credential; remove it (use an environment variable or a secret store instead):\n{}",
        output::text(&report, &output::TextOptions { color: false }).trim_end()
    )))
}

fn severity(s: ConfigSeverity) -> Severity {
    match s {
        ConfigSeverity::Low => Severity::Low,
        ConfigSeverity::Medium => Severity::Medium,
        ConfigSeverity::High => Severity::High,
        ConfigSeverity::Critical => Severity::Critical,
    }
}

/// What the post-tool hook tells the crew.
enum Feedback {
    /// Findings at or above `scan.blockSeverity`: `{"decision":"block","reason":…}`.
    Block(String),
    /// Findings below it: added to the crew's context, without blocking.
    Advise(String),
}

/// `maestro hook post-tool-use`: prints `{"decision":"block","reason":…}` when the written file
/// holds insecure code at or above `scan.blockSeverity`, so the crew sees it; findings below
/// that reach the crew as additional context (`hookSpecificOutput.additionalContext`).
pub fn post_tool_use() -> Outcome {
    fail_closed_on_panic();
    let feedback = tool_call()
        .and_then(|call| {
            // Only a file a tool wrote is checked; nothing else needs the workspace loaded.
            let Some((tool, path, file)) = call.as_ref().and_then(written_file) else {
                return Ok(None);
            };
            let context = Context::load().map_err(|e| crate::output::one_line(&e))?;
            post_tool_decision(tool, path, &file, &context).map_err(|e| crate::output::one_line(&e))
        })
        .unwrap_or_else(|reason| {
            Some(Feedback::Block(format!(
                "maestro could not check this change: {reason}"
            )))
        });
    let line = match feedback {
        Some(Feedback::Block(reason)) => serde_json::json!({"decision": "block", "reason": reason}),
        Some(Feedback::Advise(text)) => serde_json::json!({"hookSpecificOutput": {
            "hookEventName": "PostToolUse",
            "additionalContext": text,
        }}),
        None => return Outcome::Clean,
    };
    let _ = crate::output::data(&line.to_string());
    Outcome::Clean
}

fn describe(path: &str, f: &Finding) -> String {
    format!(
        "{}:{}: {} (CWE-{}, {}): {} Fix: {}",
        path, f.line, f.rule_id, f.cwe, f.severity, f.description, f.fix
    )
}

/// The tool, path as given and file on disk of a call that wrote a file the code rules apply
/// to (not a notebook); `None` for anything else.
fn written_file(call: &ToolCall) -> Option<(&str, &str, PathBuf)> {
    let ToolAction::Write { path, .. } = &call.action else {
        return None;
    };
    if call.tool == "NotebookEdit" {
        return None;
    }
    let file = resolve(path, &session_dir(call));
    file.is_file()
        .then_some((call.tool.as_str(), path.as_str(), file))
}

fn post_tool_decision(
    tool: &str,
    path: &str,
    file: &Path,
    context: &Context,
) -> anyhow::Result<Option<Feedback>> {
    let scanner = scanner(&context.config, Kinds::Code)?;
    let mut report = scanner.scan_file(file)?;
    for f in &mut report.findings {
        path.clone_into(&mut f.path);
    }
    if report.findings.is_empty() {
        return Ok(None);
    }
    let policy = BlockPolicy {
        block_secrets: false,
        block_severity: Some(severity(context.config.scan.block_severity)),
    };
    let entries: Vec<Value> = report
        .findings
        .iter()
        .map(|f| finding_json(f, tool))
        .collect();
    context.report("findings", entries)?;
    let blocking: Vec<&Finding> = report.blocking(&policy).collect();
    let summary: Vec<Value> = report
        .findings
        .iter()
        .map(|f| serde_json::json!(format!("{} CWE-{} line {}", f.rule_id, f.cwe, f.line)))
        .collect();
    let mut details = Details::new().with("path", path);
    details = details.with(
        "findings",
        maestro_audit::Value::try_from(Value::Array(summary))?,
    );
    context.audit("code.finding", &context.subject(path), details)?;
    if blocking.is_empty() {
        let lines: Vec<String> = report.findings.iter().map(|f| describe(path, f)).collect();
        return Ok(Some(Feedback::Advise(format!(
            "maestro found weaknesses in {path} (below the blocking severity; fix them if you can):\n{}",
            lines.join("\n")
        ))));
    }
    let lines: Vec<String> = blocking.iter().map(|f| describe(path, f)).collect();
    Ok(Some(Feedback::Block(format!(
        "insecure code in {path}; fix it before you finish:\n{}",
        lines.join("\n")
    ))))
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
