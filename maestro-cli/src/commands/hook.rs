//! `maestro hook pre-tool-use|post-tool-use|install-git`.
//!
//! The Claude Code hooks run as a fresh process on every tool call of every crew, so they stay
//! lean: no git, the workspace found from `MAESTRO_WORKSPACE` or by walking up to `.mso/`. They
//! fail closed: input that cannot be read blocks.

use std::io::Read as _;
use std::path::{Component, Path, PathBuf};

use anyhow::Context as _;
use maestro_audit::{Details, Event, FindingRef, Fingerprint, Redacted};
use maestro_core::config::Severity as ConfigSeverity;
use maestro_core::{OrderId, Store, VoyageName, WorkspaceConfig};
use maestro_scan::{BlockPolicy, Finding, Kinds, Report, Severity, output};
use serde_json::Value;

use crate::commands::Outcome;
use crate::commands::scan::{nearby_config, scanner};
use crate::output::Output;

/// Larger hook input is refused (blocked) rather than read.
const MAX_INPUT: u64 = 64 * 1024 * 1024;

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
        let mut chain = crate::commands::audit::open_chain(&root.join(".mso"), &self.config)?;
        chain.append(&Event::new(actor, action, subject).with_details(details))?;
        Ok(())
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

fn read_input() -> Result<Value, String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(MAX_INPUT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the hook input: {e}"))?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(format!("hook input larger than {MAX_INPUT} bytes"));
    }
    serde_json::from_slice(&bytes).map_err(|e| format!("the hook input is not valid JSON: {e}"))
}

fn field<'a>(value: &'a Value, key: &str) -> Result<&'a str, String> {
    value
        .get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("`{key}` is missing or not a string"))
}

/// A write (path and text) or a command that a tool call would perform.
enum Action {
    Write { path: String, texts: Vec<String> },
    Command(String),
}

fn action(input: &Value) -> Result<Option<(String, Action)>, String> {
    let tool = field(input, "tool_name")?.to_owned();
    let args = || {
        input
            .get("tool_input")
            .filter(|v| v.is_object())
            .ok_or_else(|| "`tool_input` is missing".to_owned())
    };
    let action = match tool.as_str() {
        "Write" => {
            let a = args()?;
            Action::Write {
                path: field(a, "file_path")?.to_owned(),
                texts: vec![field(a, "content")?.to_owned()],
            }
        }
        "Edit" => {
            let a = args()?;
            Action::Write {
                path: field(a, "file_path")?.to_owned(),
                texts: vec![field(a, "new_string")?.to_owned()],
            }
        }
        "MultiEdit" => {
            let a = args()?;
            let edits = a
                .get("edits")
                .and_then(Value::as_array)
                .ok_or_else(|| "`edits` is missing".to_owned())?;
            Action::Write {
                path: field(a, "file_path")?.to_owned(),
                texts: edits
                    .iter()
                    .map(|e| field(e, "new_string").map(str::to_owned))
                    .collect::<Result<_, _>>()?,
            }
        }
        "NotebookEdit" => {
            let a = args()?;
            Action::Write {
                path: field(a, "notebook_path")?.to_owned(),
                texts: vec![
                    a.get("new_source")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                ],
            }
        }
        "Bash" => Action::Command(field(args()?, "command")?.to_owned()),
        _ => return Ok(None),
    };
    Ok(Some((tool, action)))
}

/// `path` made absolute against `cwd` and normalised without touching the file system; then
/// its longest existing ancestor is resolved, so a symlink cannot lead out unnoticed.
fn resolve(path: &str, cwd: &Path) -> PathBuf {
    let joined = cwd.join(path);
    let mut normal = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            other => normal.push(other),
        }
    }
    let mut existing = normal.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        let Some(name) = existing.file_name().map(ToOwned::to_owned) else {
            break;
        };
        if !existing.pop() {
            break;
        }
        rest.push(name);
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}

/// Why a write to `path` is refused, if it is: outside the crew's worktree, into `.git`, `.mso`
/// or Claude Code's settings.
fn refused_path(path: &str, cwd: &Path, worktree: &Path) -> Option<String> {
    let target = resolve(path, cwd);
    let root = worktree
        .canonicalize()
        .unwrap_or_else(|_| worktree.to_owned());
    let Ok(inside) = target.strip_prefix(&root) else {
        return Some(format!(
            "{} is outside the crew's worktree {}",
            target.display(),
            root.display()
        ));
    };
    let parts: Vec<String> = inside
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.iter().any(|p| p == ".git" || p == ".mso") {
        return Some(format!(
            "{} is inside {}",
            path,
            if parts.iter().any(|p| p == ".git") {
                ".git"
            } else {
                ".mso"
            }
        ));
    }
    if parts.len() == 2
        && parts[0] == ".claude"
        && parts[1].starts_with("settings")
        && Path::new(&parts[1])
            .extension()
            .is_some_and(|e| e == "json")
    {
        return Some(format!(
            "{path} is Claude Code's settings, which crews may not change"
        ));
    }
    None
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

/// `maestro hook pre-tool-use`: exit 2 with the reason on stderr to block; exit 0 silently to
/// allow.
pub fn pre_tool_use() -> Outcome {
    let input = match read_input() {
        Ok(input) => input,
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
    match pre_tool_decision(&input, &context) {
        Ok(None) => Outcome::Clean,
        Ok(Some(reason)) => block(&reason),
        Err(e) => block(&crate::output::one_line(&e)),
    }
}

fn pre_tool_decision(input: &Value, context: &Context) -> anyhow::Result<Option<String>> {
    let Some((tool, action)) =
        action(input).map_err(|e| anyhow::anyhow!("malformed hook input: {e}"))?
    else {
        return Ok(None);
    };
    let cwd = input.get("cwd").and_then(Value::as_str).map_or_else(
        || std::env::current_dir().unwrap_or_default(),
        PathBuf::from,
    );
    let worktree = std::env::var_os("MAESTRO_WORKTREE").map_or_else(|| cwd.clone(), PathBuf::from);
    let (display_path, texts) = match &action {
        Action::Write { path, texts } => {
            if let Some(reason) = refused_path(path, &cwd, &worktree) {
                let subject = context.subject(path);
                let details = Details::new()
                    .with("tool", tool.as_str())
                    .with("path", path.as_str())
                    .with("reason", reason.as_str());
                context.audit("path.block", &subject, details)?;
                context.report("blocks", vec![serde_json::json!({"tool": tool, "path": path, "reason": reason, "at": jiff::Timestamp::now().to_string()})])?;
                return Ok(Some(reason));
            }
            let shown = resolve(path, &cwd)
                .strip_prefix(worktree.canonicalize().unwrap_or_else(|_| worktree.clone()))
                .map_or_else(|_| path.clone(), |p| p.display().to_string());
            (Some(shown), texts.clone())
        }
        Action::Command(command) => (None, vec![command.clone()]),
    };
    let scanner = scanner(&context.config, Kinds::Secrets)?;
    let mut report = Report::default();
    for text in &texts {
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
    let blocking: Vec<&Finding> = report.blocking(&policy).collect();
    let subject = context.subject(display_path.as_deref().unwrap_or("bash"));
    let refs: Vec<FindingRef> = report.findings.iter().filter_map(finding_ref).collect();
    let mut details = Details::new().with("tool", tool.as_str());
    if let Some(path) = &display_path {
        details = details.with("path", path.as_str());
    }
    let mut list = maestro_audit::Value::List(Vec::new());
    if let maestro_audit::Value::List(items) = &mut list {
        items.extend(refs.into_iter().map(Into::into));
    }
    details = details.with("findings", list);
    let entries: Vec<Value> = report
        .findings
        .iter()
        .map(|f| finding_json(f, &tool))
        .collect();
    if blocking.is_empty() {
        // Lower-confidence secrets are recorded, not blocked.
        context.audit("secret.report", &subject, details)?;
        context.report("findings", entries)?;
        return Ok(None);
    }
    context.audit("secret.block", &subject, details)?;
    context.report("blocks", entries)?;
    let mut shown = report.clone();
    shown.findings.retain(|f| f.blocks(&policy));
    Ok(Some(format!(
        "the {tool} would write a credential; remove it (use an environment variable or a secret store instead):\n{}",
        output::text(&shown, &output::TextOptions { color: false }).trim_end()
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
    let feedback = read_input()
        .and_then(|input| {
            let context = Context::load().map_err(|e| crate::output::one_line(&e))?;
            post_tool_decision(&input, &context).map_err(|e| crate::output::one_line(&e))
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

fn post_tool_decision(input: &Value, context: &Context) -> anyhow::Result<Option<Feedback>> {
    let Some((tool, Action::Write { path, .. })) =
        action(input).map_err(|e| anyhow::anyhow!("malformed hook input: {e}"))?
    else {
        return Ok(None);
    };
    if tool == "NotebookEdit" {
        return Ok(None);
    }
    let cwd = input.get("cwd").and_then(Value::as_str).map_or_else(
        || std::env::current_dir().unwrap_or_default(),
        PathBuf::from,
    );
    let file = resolve(&path, &cwd);
    if !file.is_file() {
        return Ok(None);
    }
    let scanner = scanner(&context.config, Kinds::Code)?;
    let mut report = scanner.scan_file(&file)?;
    for f in &mut report.findings {
        f.path.clone_from(&path);
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
        .map(|f| finding_json(f, &tool))
        .collect();
    context.report("findings", entries)?;
    let blocking: Vec<&Finding> = report.blocking(&policy).collect();
    let summary: Vec<Value> = report
        .findings
        .iter()
        .map(|f| serde_json::json!(format!("{} CWE-{} line {}", f.rule_id, f.cwe, f.line)))
        .collect();
    let mut details = Details::new().with("path", path.as_str());
    details = details.with(
        "findings",
        maestro_audit::Value::try_from(Value::Array(summary))?,
    );
    context.audit("code.finding", &context.subject(&path), details)?;
    if blocking.is_empty() {
        let lines: Vec<String> = report.findings.iter().map(|f| describe(&path, f)).collect();
        return Ok(Some(Feedback::Advise(format!(
            "maestro found weaknesses in {path} (below the blocking severity; fix them if you can):\n{}",
            lines.join("\n")
        ))));
    }
    let lines: Vec<String> = blocking.iter().map(|f| describe(&path, f)).collect();
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
