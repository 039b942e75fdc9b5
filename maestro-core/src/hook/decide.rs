//! The hooks' decisions: whether a tool call goes ahead (pre-tool), and what a crew is told of
//! the code it wrote (post-tool). They reach the scanner, the audit log and the voyage base only
//! through ports, so they are tested as a library and run the same through the binary.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::input::{Replacement, ToolAction, ToolCall};
use super::path::PathPolicy;
use crate::config::Severity;
use crate::name::{OrderId, VoyageName};
use crate::ports::{
    AuditEvent, AuditSink, BaseFiles, PortError, ScanFinding, ScanKinds, ScanOutcome, ScanRequest,
    Scanner,
};
use crate::store::Store;

/// Who a hook runs for, and by which rules.
#[derive(Debug, Clone)]
pub struct HookContext {
    /// The session's working directory (paths in the call are relative to it).
    pub cwd: PathBuf,
    /// Where the crew may write and what it may not read.
    pub policy: PathPolicy,
    /// The crew's voyage and order, when the dispatcher started it.
    pub crew: Option<(VoyageName, OrderId)>,
    /// `scan.blockSecrets`.
    pub block_secrets: bool,
    /// `scan.blockSeverity`.
    pub block_severity: Severity,
    /// `scan.maxFileSize`: larger files on disk are not read (a write's own text is limited
    /// by the scanner, which refuses it).
    pub max_file_size: u64,
}

/// The ports a hook decides through.
pub struct HookPorts<'a> {
    /// The scanner, with the workspace's suppressions.
    pub scanner: &'a dyn Scanner,
    /// The audit log.
    pub audit: &'a dyn AuditSink,
    /// The voyage base the crew started from.
    pub base: &'a dyn BaseFiles,
    /// The state store, to add to the order's report (`None` outside a workspace).
    pub store: Option<&'a Store>,
}

impl std::fmt::Debug for HookPorts<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HookPorts").finish_non_exhaustive()
    }
}

/// The pre-tool hook's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The call goes ahead.
    Allow,
    /// The call is refused, for this one-line reason (shown to the crew).
    Block(String),
}

/// What the post-tool hook tells the crew.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Feedback {
    /// Nothing.
    Silent,
    /// Findings below `scan.blockSeverity`: added to the crew's context.
    Advise(String),
    /// Findings at or above it: fed back as a block the crew must answer.
    Block(String),
}

impl HookContext {
    fn subject(&self, fallback: &str) -> String {
        self.crew
            .as_ref()
            .map_or_else(|| fallback.to_owned(), |(v, o)| format!("{v}/{o}"))
    }

    fn actor(&self) -> String {
        self.crew
            .as_ref()
            .map_or_else(|| "hook".to_owned(), |(v, o)| format!("hook:{v}/{o}"))
    }
}

/// Records an action in the audit log.
fn audit(
    ctx: &HookContext,
    ports: &HookPorts<'_>,
    action: &str,
    subject: &str,
    details: Value,
) -> Result<(), PortError> {
    let details = match details {
        Value::Object(map) => map,
        other => std::iter::once(("value".to_owned(), other)).collect(),
    };
    ports.audit.record(AuditEvent {
        actor: ctx.actor(),
        action: action.to_owned(),
        subject: subject.to_owned(),
        details,
    })
}

/// Adds `entries` to the order report's `key` list (`blocks`, `findings`, `overrides`), when
/// the dispatcher made a report for this crew (a hook never creates one).
fn report(
    ctx: &HookContext,
    ports: &HookPorts<'_>,
    key: &str,
    entries: Vec<Value>,
) -> Result<(), PortError> {
    let (Some(store), Some((voyage, order))) = (ports.store, &ctx.crew) else {
        return Ok(());
    };
    if entries.is_empty() || store.report::<Value>(voyage, order)?.is_none() {
        return Ok(());
    }
    store.update_report(voyage, order, |current: Option<Value>| {
        let mut current = current.unwrap_or_else(|| json!({}));
        if let Some(object) = current.as_object_mut()
            && let Some(list) = object
                .entry(key)
                .or_insert_with(|| Value::Array(Vec::new()))
                .as_array_mut()
        {
            list.extend(entries);
        }
        Ok::<_, PortError>((current, ()))
    })
}

fn now() -> String {
    jiff::Timestamp::now().to_string()
}

fn finding_entry(f: &ScanFinding, tool: &str) -> Value {
    json!({
        "tool": tool,
        "rule_id": f.rule_id,
        "path": f.path,
        "line": f.line,
        "redacted": f.redacted,
        "fingerprint": f.fingerprint,
        "severity": f.severity.map(Severity::as_str),
        "cwe": f.cwe,
        "at": now(),
    })
}

fn finding_detail(f: &ScanFinding) -> Value {
    json!({
        "rule_id": f.rule_id,
        "path": f.path,
        "line": f.line,
        "redacted": f.redacted,
        "fingerprint": f.fingerprint,
    })
}

/// One text a call would write or run, and what the file held before (to tell what the call
/// adds from what was there).
struct Text {
    /// The path shown in findings (relative to the worktree when inside it).
    path: Option<String>,
    /// The path relative to the repository root, for the voyage base (inline allows).
    base_path: Option<String>,
    /// The text.
    bytes: Vec<u8>,
    /// The file as it is now, when the call changes an existing file.
    before: Option<Vec<u8>>,
}

/// The current content of a regular file at `path` (symbolic links followed by the policy's
/// resolution first), if it exists and is not larger than `limit`.
fn current(path: &Path, limit: u64) -> Option<Vec<u8>> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > limit {
        return None;
    }
    std::fs::read(path).ok()
}

/// `text` with `edits` applied in order, as Claude Code applies them; `None` when one cannot be
/// applied (its `old` text is absent: the tool will fail).
fn apply(text: &str, edits: &[Replacement]) -> Option<String> {
    let mut out = text.to_owned();
    for edit in edits {
        if edit.old.is_empty() {
            if !out.is_empty() {
                return None;
            }
            out.clone_from(&edit.new);
        } else if !out.contains(&edit.old) {
            return None;
        } else if edit.all {
            out = out.replace(&edit.old, &edit.new);
        } else {
            out = out.replacen(&edit.old, &edit.new, 1);
        }
    }
    Some(out)
}

/// The texts a call would write or run, with where they go. A written file's own path is one
/// of them: a credential in a file name would reach a tree object, the audit log and reports.
fn texts(call: &ToolCall, ctx: &HookContext) -> Vec<Text> {
    let mut out = contents(call, ctx);
    if let Some(path) = call.written_path() {
        out.push(Text {
            path: None,
            base_path: None,
            bytes: path.as_bytes().to_vec(),
            before: None,
        });
    }
    out
}

/// The texts a call would write or run.
fn contents(call: &ToolCall, ctx: &HookContext) -> Vec<Text> {
    let file = |path: &str| {
        let resolved = super::path::resolve(path, &ctx.cwd).ok();
        let shown = ctx.policy.shown(path, &ctx.cwd);
        (resolved, shown)
    };
    match &call.action {
        ToolAction::Write { path, content } => {
            let (resolved, shown) = file(path);
            vec![Text {
                base_path: Some(shown.clone()),
                path: Some(shown),
                bytes: content.clone().into_bytes(),
                before: resolved.and_then(|p| current(&p, ctx.max_file_size)),
            }]
        }
        ToolAction::Edit { path, edits } => {
            let (resolved, shown) = file(path);
            let before = resolved.and_then(|p| current(&p, ctx.max_file_size));
            let old = before
                .as_deref()
                .map(String::from_utf8_lossy)
                .unwrap_or_default();
            match apply(&old, edits) {
                Some(after) => vec![Text {
                    base_path: Some(shown.clone()),
                    path: Some(shown),
                    bytes: after.into_bytes(),
                    before,
                }],
                // The edit will fail; still, nothing it carries goes through unseen.
                None => vec![Text {
                    base_path: None,
                    path: Some(shown),
                    bytes: edits
                        .iter()
                        .map(|e| e.new.as_str())
                        .collect::<Vec<_>>()
                        .join("\n")
                        .into_bytes(),
                    before: None,
                }],
            }
        }
        ToolAction::Notebook { path, source } => vec![Text {
            path: Some(ctx.policy.shown(path, &ctx.cwd)),
            base_path: None,
            bytes: source.clone().into_bytes(),
            before: None,
        }],
        ToolAction::Command(command) => vec![Text {
            path: None,
            base_path: None,
            bytes: command.clone().into_bytes(),
            before: None,
        }],
        ToolAction::Read { texts, .. } | ToolAction::Other { texts, .. } => texts
            .iter()
            .map(|t| Text {
                path: None,
                base_path: None,
                bytes: t.clone().into_bytes(),
                before: None,
            })
            .collect(),
    }
}

/// Scans `text` for `kinds`: inline allows count only on lines of the voyage base, and findings
/// the file already held before the call are not the call's.
fn scan(
    ports: &HookPorts<'_>,
    kinds: ScanKinds,
    path: Option<&str>,
    base_path: Option<&str>,
    bytes: &[u8],
    before: Option<&[u8]>,
) -> Result<ScanOutcome, PortError> {
    let request = ScanRequest {
        kinds,
        path,
        text: bytes,
        base: None,
    };
    let mut outcome = ports.scanner.scan(&request);
    if outcome.findings.iter().any(|f| f.inline_allow_refused)
        && let Some(base_path) = base_path
        && let Some(base) = ports.base.base_file(base_path)?
    {
        outcome = ports.scanner.scan(&ScanRequest {
            base: Some(&base),
            ..request
        });
    }
    if let Some(before) = before
        && !outcome.findings.is_empty()
    {
        let earlier = ports.scanner.scan(&ScanRequest {
            kinds,
            path,
            text: before,
            base: None,
        });
        let known: Vec<&str> = earlier
            .findings
            .iter()
            .chain(earlier.suppressed.iter().map(|s| &s.finding))
            .map(|f| f.fingerprint.as_str())
            .collect();
        outcome
            .findings
            .retain(|f| !known.contains(&f.fingerprint.as_str()));
    }
    Ok(outcome)
}

/// Records every suppression that took effect (never silent).
fn record_overrides(
    ctx: &HookContext,
    ports: &HookPorts<'_>,
    tool: &str,
    outcome: &ScanOutcome,
) -> Result<(), PortError> {
    for s in &outcome.suppressed {
        audit(
            ctx,
            ports,
            "scan.override",
            &ctx.subject(&s.finding.path),
            json!({"tool": tool, "by": s.by, "finding": finding_detail(&s.finding)}),
        )?;
    }
    report(
        ctx,
        ports,
        "overrides",
        outcome
            .suppressed
            .iter()
            .map(|s| {
                let mut entry = finding_entry(&s.finding, tool);
                entry["by"] = json!(s.by);
                entry
            })
            .collect(),
    )
}

/// Findings on one line: `path:line: rule (redacted)`, joined with `; `.
fn one_line(findings: &[&ScanFinding]) -> String {
    findings
        .iter()
        .map(|f| {
            let at = if f.path.is_empty() {
                format!("line {}", f.line)
            } else {
                format!("{}:{}", f.path, f.line)
            };
            format!("{at}: {} {}", f.rule_id, f.redacted)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// `maestro hook pre-tool-use`: whether `call` goes ahead. A path outside the worktree (or into
/// `.git`, `.mso`, Claude Code's settings), a read of a place crews may not read, a credential
/// in anything the call writes or runs, or a text too large to scan blocks, with an audit
/// entry; so does anything the hook cannot judge (the caller turns errors into blocks).
pub fn pre_tool_use(
    call: &ToolCall,
    ctx: &HookContext,
    ports: &HookPorts<'_>,
) -> Result<Verdict, PortError> {
    let tool = call.tool.as_str();
    if let Some((path, reason)) = refused_path(call, ctx) {
        audit(
            ctx,
            ports,
            "path.block",
            &ctx.subject(&path),
            json!({"tool": tool, "path": path, "reason": reason}),
        )?;
        report(
            ctx,
            ports,
            "blocks",
            vec![json!({"tool": tool, "path": path, "reason": reason, "at": now()})],
        )?;
        return Ok(Verdict::Block(reason));
    }
    let mut blocking: Vec<ScanFinding> = Vec::new();
    let mut reported: Vec<ScanFinding> = Vec::new();
    let mut inline_refused = false;
    for text in texts(call, ctx) {
        let outcome = scan(
            ports,
            ScanKinds::Secrets,
            text.path.as_deref(),
            text.base_path.as_deref(),
            &text.bytes,
            text.before.as_deref(),
        )?;
        record_overrides(ctx, ports, tool, &outcome)?;
        if let Some(why) = &outcome.unscanned {
            let subject = ctx.subject(text.path.as_deref().unwrap_or(tool));
            audit(
                ctx,
                ports,
                "scan.refuse",
                &subject,
                json!({"tool": tool, "path": text.path, "reason": why}),
            )?;
            report(
                ctx,
                ports,
                "blocks",
                vec![json!({"tool": tool, "path": text.path, "reason": why, "at": now()})],
            )?;
            return Ok(Verdict::Block(format!(
                "the {tool} call cannot be checked for credentials: {why}"
            )));
        }
        for finding in outcome.findings {
            inline_refused |= finding.inline_allow_refused;
            if finding.secret && finding.high_confidence {
                blocking.push(finding);
            } else {
                reported.push(finding);
            }
        }
    }
    if !blocking.is_empty() && !ctx.block_secrets {
        // The user switched blocking off: the findings are still recorded, as an override.
        for f in &blocking {
            audit(
                ctx,
                ports,
                "scan.override",
                &ctx.subject(&f.path),
                json!({"tool": tool, "by": "scan.blockSecrets is false", "finding": finding_detail(f)}),
            )?;
        }
        reported.append(&mut blocking);
    }
    let subject = ctx.subject(call.written_path().unwrap_or(tool));
    if !reported.is_empty() {
        audit(
            ctx,
            ports,
            "secret.report",
            &subject,
            json!({"tool": tool, "path": call.written_path(), "findings": reported.iter().map(finding_detail).collect::<Vec<_>>()}),
        )?;
        report(
            ctx,
            ports,
            "findings",
            reported.iter().map(|f| finding_entry(f, tool)).collect(),
        )?;
    }
    if blocking.is_empty() {
        return Ok(Verdict::Allow);
    }
    audit(
        ctx,
        ports,
        "secret.block",
        &subject,
        json!({"tool": tool, "path": call.written_path(), "findings": blocking.iter().map(finding_detail).collect::<Vec<_>>()}),
    )?;
    report(
        ctx,
        ports,
        "blocks",
        blocking.iter().map(|f| finding_entry(f, tool)).collect(),
    )?;
    let refs: Vec<&ScanFinding> = blocking.iter().collect();
    let what = match &call.action {
        ToolAction::Command(_) => "command would run with",
        ToolAction::Write { .. } | ToolAction::Edit { .. } | ToolAction::Notebook { .. } => {
            "change would write"
        }
        ToolAction::Read { .. } | ToolAction::Other { .. } => "call would send",
    };
    Ok(Verdict::Block(format!(
        "the {tool} {what} a credential ({}); remove it and use an environment variable or a secret store instead{}",
        one_line(&refs),
        if inline_refused {
            " (an inline maestro:allow counts only on a line that already exists in the voyage base)"
        } else {
            ""
        }
    )))
}

/// The first path the call may not use, with why.
fn refused_path(call: &ToolCall, ctx: &HookContext) -> Option<(String, String)> {
    let policy = &ctx.policy;
    let cwd = &ctx.cwd;
    match &call.action {
        ToolAction::Write { path, .. }
        | ToolAction::Edit { path, .. }
        | ToolAction::Notebook { path, .. } => policy
            .refuse_write(path, cwd)
            .map(|why| (path.clone(), why)),
        ToolAction::Other { paths, .. } => paths
            .iter()
            .find_map(|p| policy.refuse_write(p, cwd).map(|why| (p.clone(), why))),
        ToolAction::Read { paths, .. } => {
            let recursive = matches!(call.tool.as_str(), "Grep" | "Glob");
            let mut paths: Vec<&str> = paths.iter().map(String::as_str).collect();
            if recursive && paths.is_empty() {
                paths.push(".");
            }
            paths.into_iter().find_map(|p| {
                policy
                    .refuse_read(p, cwd, recursive)
                    .map(|why| (p.to_owned(), why))
            })
        }
        ToolAction::Command(_) => None,
    }
}

/// `maestro hook post-tool-use`: the insecure code in the file a `Write`, `Edit` or
/// `MultiEdit` produced. Findings at or above `scan.blockSeverity` are fed back as a block,
/// those below as context; a file too large to scan is said to be so.
pub fn post_tool_use(
    call: &ToolCall,
    ctx: &HookContext,
    ports: &HookPorts<'_>,
) -> Result<Feedback, PortError> {
    let (ToolAction::Write { path, .. } | ToolAction::Edit { path, .. }) = &call.action else {
        return Ok(Feedback::Silent);
    };
    let Ok(file) = super::path::resolve(path, &ctx.cwd) else {
        return Ok(Feedback::Silent);
    };
    let Ok(meta) = std::fs::metadata(&file) else {
        return Ok(Feedback::Silent);
    };
    if !meta.is_file() {
        return Ok(Feedback::Silent);
    }
    let shown = ctx.policy.shown(path, &ctx.cwd);
    let tool = call.tool.as_str();
    if meta.len() > ctx.max_file_size {
        return Ok(Feedback::Block(format!(
            "maestro could not check {shown} for insecure code: it is {} bytes, above the scanner's limit of {} (scan.maxFileSize raises it)",
            meta.len(),
            ctx.max_file_size
        )));
    }
    let bytes = std::fs::read(&file)?;
    let outcome = scan(
        ports,
        ScanKinds::Code,
        Some(&shown),
        Some(&shown),
        &bytes,
        None,
    )?;
    record_overrides(ctx, ports, tool, &outcome)?;
    let findings: Vec<&ScanFinding> = outcome.findings.iter().filter(|f| !f.secret).collect();
    if findings.is_empty() {
        return Ok(Feedback::Silent);
    }
    report(
        ctx,
        ports,
        "findings",
        findings.iter().map(|f| finding_entry(f, tool)).collect(),
    )?;
    audit(
        ctx,
        ports,
        "code.finding",
        &ctx.subject(&shown),
        json!({"path": shown, "findings": findings.iter().map(|f| format!("{} CWE-{} line {}", f.rule_id, f.cwe.unwrap_or(0), f.line)).collect::<Vec<_>>()}),
    )?;
    let describe = |f: &&ScanFinding| {
        format!(
            "{}:{}: {} (CWE-{}, {}): {}",
            shown,
            f.line,
            f.rule_id,
            f.cwe.unwrap_or(0),
            f.severity.map_or("unknown", Severity::as_str),
            f.message
        )
    };
    let blocking: Vec<String> = findings
        .iter()
        .filter(|f| f.severity.is_some_and(|s| s >= ctx.block_severity))
        .map(describe)
        .collect();
    if blocking.is_empty() {
        let lines: Vec<String> = findings.iter().map(describe).collect();
        return Ok(Feedback::Advise(format!(
            "maestro found weaknesses in {shown} (below the blocking severity; fix them if you can):\n{}",
            lines.join("\n")
        )));
    }
    Ok(Feedback::Block(format!(
        "insecure code in {shown}; fix it before you finish:\n{}",
        blocking.join("\n")
    )))
}
