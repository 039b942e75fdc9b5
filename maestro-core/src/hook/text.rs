//! The texts a tool call would write or run, and their scan: what the call adds, not what the
//! file held already.

use std::path::Path;

use super::context::{HookContext, HookPorts};
use super::input::{Replacement, ToolAction, ToolCall};
use crate::ports::{PortError, ScanKinds, ScanOutcome, ScanRequest};

/// One text a call would write or run, and what the file held before (to tell what the call
/// adds from what was there).
pub(super) struct Text {
    /// The path shown in findings (relative to the worktree when inside it).
    pub(super) path: Option<String>,
    /// The path relative to the repository root, for the voyage base (inline allows).
    pub(super) base_path: Option<String>,
    /// The text.
    pub(super) bytes: Vec<u8>,
    /// The file as it is now, when the call changes an existing file.
    pub(super) before: Option<Vec<u8>>,
}

/// The current content of a regular file at `path` (symbolic links followed by the policy's
/// resolution first), if it exists and is not larger than `limit`.
pub(super) fn current(path: &Path, limit: u64) -> Option<Vec<u8>> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > limit {
        return None;
    }
    std::fs::read(path).ok()
}

/// `text` with `edits` applied in order, as Claude Code applies them; `None` when one cannot be
/// applied (its `old` text is absent: the tool will fail).
pub(super) fn apply(text: &str, edits: &[Replacement]) -> Option<String> {
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
pub(super) fn texts(call: &ToolCall, ctx: &HookContext) -> Vec<Text> {
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

/// The file a `Write` or an `Edit` that applies would leave at its path: the path as findings
/// show it, and the bytes. `None` for other calls and for an edit that cannot apply.
#[must_use]
pub fn written_file(call: &ToolCall, ctx: &HookContext) -> Option<(String, Vec<u8>)> {
    if !matches!(
        call.action,
        ToolAction::Write { .. } | ToolAction::Edit { .. }
    ) {
        return None;
    }
    let text = contents(call, ctx).into_iter().next()?;
    // An edit that cannot apply is scanned as its new strings only: no file comes of it.
    text.base_path?;
    Some((text.path?, text.bytes))
}

/// The texts a call would write or run.
pub(super) fn contents(call: &ToolCall, ctx: &HookContext) -> Vec<Text> {
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
pub(super) fn scan(
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
