//! Gates: the checks a crew's committed work must pass before it is merged.

use std::path::Path;
use std::time::Duration;

use globset::{Glob, GlobSetBuilder};
use serde::{Deserialize, Serialize};
use tokio::sync::watch;

use crate::config::Severity;
use crate::order::{AcceptanceCheck, OrderSpec};
use crate::ports::{ChangedFile, ScanFinding};
use crate::process::{Redactor, Supervised, run};
use crate::sandbox::Sandbox;

/// The result of one gate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateResult {
    /// What was checked, e.g. `scope`, `secrets`, `run: cargo test`.
    pub name: String,
    /// Whether it passed.
    pub passed: bool,
    /// What it found or printed (the tail of a command's output).
    pub output: String,
}

impl GateResult {
    fn pass(name: impl Into<String>, output: impl Into<String>) -> GateResult {
        GateResult {
            name: name.into(),
            passed: true,
            output: output.into(),
        }
    }

    fn fail(name: impl Into<String>, output: impl Into<String>) -> GateResult {
        GateResult {
            name: name.into(),
            passed: false,
            output: output.into(),
        }
    }
}

/// Changes outside the order's scope fail.
#[must_use]
pub fn scope(order: &OrderSpec, changed: &[ChangedFile]) -> GateResult {
    let Some(patterns) = &order.scope else {
        return GateResult::pass("scope", "no scope set: any path may change");
    };
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        match Glob::new(pattern) {
            Ok(glob) => {
                builder.add(glob);
            }
            Err(e) => return GateResult::fail("scope", format!("invalid scope `{pattern}`: {e}")),
        }
    }
    let set = match builder.build() {
        Ok(set) => set,
        Err(e) => return GateResult::fail("scope", format!("invalid scope: {e}")),
    };
    let outside: Vec<&str> = changed
        .iter()
        .map(|c| c.path.as_str())
        .filter(|path| !set.is_match(path))
        .collect();
    if outside.is_empty() {
        GateResult::pass(
            "scope",
            format!("{} changed path(s) within scope", changed.len()),
        )
    } else {
        GateResult::fail(
            "scope",
            format!(
                "changed outside the scope {}: {}",
                patterns.join(", "),
                outside.join(", ")
            ),
        )
    }
}

/// The secret scan every order's change passes, whatever its agent: a high-confidence secret
/// new in the change fails (the collection refuses such a change before writing it, so this
/// fails only for a change collected without that guard). `suppressed` findings were taken out
/// by the user's suppressions and are recorded elsewhere; the output says how many.
#[must_use]
pub fn secrets(findings: &[ScanFinding], suppressed: usize) -> GateResult {
    let blocking: Vec<String> = findings
        .iter()
        .filter(|f| f.secret && f.high_confidence)
        .map(describe)
        .collect();
    if blocking.is_empty() {
        let note = if suppressed == 0 {
            String::new()
        } else {
            format!(
                " ({suppressed} finding(s) suppressed by scan.allow or an inline allow on a base line, recorded as scan.override)"
            )
        };
        GateResult::pass("secrets", format!("no secret in the change{note}"))
    } else {
        GateResult::fail(
            "secrets",
            format!("secrets in the change:\n{}", blocking.join("\n")),
        )
    }
}

/// The secrets gate of a change the collection refused: nothing of it was committed; `refusals`
/// says what blocks (redacted), one line each.
#[must_use]
pub fn refused(refusals: &[String]) -> GateResult {
    let first = refusals.first().map_or("", String::as_str);
    let more = match refusals.len() {
        0 | 1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    GateResult::fail(
        "secrets",
        format!(
            "nothing was committed: {first}{more}\nThe change holds what must not reach the repository; remove it (a credential belongs in an environment variable or a secret store):\n{}",
            refusals.join("\n")
        ),
    )
}

/// `scan_clean = true`: no secret at all, and no code finding at or above `block`.
#[must_use]
pub fn scan_clean(findings: &[ScanFinding], block: Severity) -> GateResult {
    let name = AcceptanceCheck::ScanClean.describe();
    let bad: Vec<String> = findings
        .iter()
        .filter(|f| f.secret || f.severity.is_some_and(|s| s >= block))
        .map(describe)
        .collect();
    if bad.is_empty() {
        GateResult::pass(
            name,
            format!("{} finding(s) below {block:?}", findings.len()),
        )
    } else {
        GateResult::fail(name, bad.join("\n"))
    }
}

fn describe(finding: &ScanFinding) -> String {
    let cwe = finding.cwe.map(|c| format!(" CWE-{c}")).unwrap_or_default();
    format!(
        "{}:{}: {}{cwe}: {} ({})",
        finding.path, finding.line, finding.rule_id, finding.message, finding.redacted
    )
}

/// `path_exists`: the path exists in the worktree.
#[must_use]
pub fn path_exists(worktree: &Path, path: &str) -> GateResult {
    let name = AcceptanceCheck::PathExists(path.to_owned()).describe();
    if worktree.join(path).exists() {
        GateResult::pass(name, "")
    } else {
        GateResult::fail(name, format!("{path} does not exist"))
    }
}

/// `run`: the command exits 0 in the worktree within its timeout. It runs crew-written code, so
/// with a `sandbox` it runs under bubblewrap like a command agent ([`Sandbox::wrap`]: only the
/// worktree, `/tmp` and the writable caches writable, no network); `None` runs it with maestro's
/// own rights (`crews.sandbox: "off"`).
pub async fn run_command(
    worktree: &Path,
    command: &str,
    timeout: Duration,
    env: &[(String, String)],
    sandbox: Option<&Sandbox>,
    redact: Option<Redactor>,
    stop: watch::Receiver<bool>,
) -> GateResult {
    let name = format!("run: {command}");
    let shell = ["-c".to_owned(), command.to_owned()];
    let (program, args) = match sandbox {
        Some(sandbox) => sandbox.wrap(worktree, "sh", &shell),
        None => ("sh".to_owned(), shell.to_vec()),
    };
    let spec = Supervised {
        program,
        args,
        cwd: worktree.to_owned(),
        env: env.to_vec(),
        stdin: None,
        timeout,
        grace: Duration::from_secs(5),
        log: None,
        raw_stdout: false,
        redact,
        pid_file: None,
    };
    match run(spec, stop, None).await {
        Ok(exit) if exit.success() => GateResult::pass(name, exit.tail),
        Ok(exit) if exit.timed_out => GateResult::fail(
            name,
            format!("timed out after {}s\n{}", timeout.as_secs(), exit.tail),
        ),
        Ok(exit) if exit.interrupted => GateResult::fail(name, "interrupted"),
        Ok(exit) => GateResult::fail(
            name,
            format!(
                "exited with {}\n{}",
                exit.code
                    .map_or_else(|| "a signal".to_owned(), |c| format!("status {c}")),
                exit.tail
            ),
        ),
        Err(e) => GateResult::fail(name, format!("cannot run: {e}")),
    }
}

#[cfg(test)]
mod tests;
