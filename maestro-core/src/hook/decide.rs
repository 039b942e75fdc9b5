//! The hooks' decisions: whether a tool call goes ahead (pre-tool), and what a crew is told of
//! the code it wrote (post-tool). They reach the scanner, the audit log and the voyage base only
//! through ports, so they are tested as a library and run the same through the binary.

use serde_json::json;

use super::context::{Feedback, HookContext, HookPorts, Verdict};
use super::input::{ToolAction, ToolCall};
use super::record::{audit, finding_detail, now, one_line, record_overrides, report};
use super::text::{scan, texts};
use crate::config::Severity;
use crate::dispatch::report::{HookBlock, HookFinding};
use crate::ports::{PortError, ScanFinding, ScanKinds};

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
        report(ctx, ports, |report| {
            report.blocks.push(HookBlock::Refused {
                tool: tool.to_owned(),
                path: Some(path.clone()),
                reason: reason.clone(),
                at: now(),
            });
        })?;
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
            report(ctx, ports, |report| {
                report.blocks.push(HookBlock::Refused {
                    tool: tool.to_owned(),
                    path: text.path.clone(),
                    reason: why.clone(),
                    at: now(),
                });
            })?;
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
        report(ctx, ports, |report| {
            report
                .findings
                .extend(reported.iter().map(|f| HookFinding::of(f, tool)));
        })?;
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
    report(ctx, ports, |report| {
        report.blocks.extend(
            blocking
                .iter()
                .map(|f| HookBlock::Finding(HookFinding::of(f, tool))),
        );
    })?;
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
    report(ctx, ports, |report| {
        report
            .findings
            .extend(findings.iter().map(|f| HookFinding::of(f, tool)));
    })?;
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
