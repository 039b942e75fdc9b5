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
mod tests {
    use super::*;

    fn changed(paths: &[&str]) -> Vec<ChangedFile> {
        paths
            .iter()
            .map(|p| ChangedFile {
                path: (*p).to_owned(),
                added: 1,
                removed: 0,
                deleted: false,
            })
            .collect()
    }

    fn order(scope: Option<&[&str]>) -> OrderSpec {
        let mut value = serde_json::json!({"id": "a", "title": "A", "role": "builder"});
        if let Some(scope) = scope {
            value["scope"] = serde_json::json!(scope);
        }
        serde_json::from_value(value).expect("valid")
    }

    fn finding(secret: bool, high: bool, severity: Option<Severity>) -> ScanFinding {
        ScanFinding {
            rule_id: "r".into(),
            secret,
            high_confidence: high,
            severity,
            cwe: (!secret).then_some(328),
            path: "src/a.py".into(),
            line: 3,
            redacted: "AKIA…(20)".into(),
            fingerprint: "f".into(),
            message: "m".into(),
            inline_allow_refused: false,
        }
    }

    #[test]
    fn scope_gate() {
        assert!(scope(&order(None), &changed(&["anything"])).passed);
        let o = order(Some(&["src/**", "Cargo.toml"]));
        assert!(scope(&o, &changed(&["src/a/b.rs", "Cargo.toml"])).passed);
        let result = scope(&o, &changed(&["src/a.rs", "docs/x.md", ".github/ci.yml"]));
        assert!(!result.passed);
        assert!(
            result.output.ends_with("docs/x.md, .github/ci.yml"),
            "{}",
            result.output
        );
    }

    #[test]
    fn scan_gates() {
        assert!(
            secrets(&[finding(true, false, None)], 0).passed,
            "low confidence does not block"
        );
        assert!(!secrets(&[finding(true, true, None)], 0).passed);
        assert!(secrets(&[finding(false, false, Some(Severity::Critical))], 0).passed);
        assert!(secrets(&[], 2).output.contains("2 finding(s) suppressed"));
        let refused = refused(&["a.txt:1: aws-access-key-id AKIA…".to_owned()]);
        assert!(!refused.passed && refused.output.contains("nothing was committed"));
        assert!(
            scan_clean(
                &[finding(false, false, Some(Severity::Medium))],
                Severity::High
            )
            .passed
        );
        assert!(
            !scan_clean(
                &[finding(false, false, Some(Severity::High))],
                Severity::High
            )
            .passed
        );
        let low_secret = scan_clean(&[finding(true, false, None)], Severity::Critical);
        assert!(!low_secret.passed);
        assert!(
            low_secret.output.contains("src/a.py:3: r"),
            "{}",
            low_secret.output
        );
        assert!(
            !low_secret.output.contains("AKIAIOSFODNN7"),
            "redacted only"
        );
    }

    #[tokio::test]
    async fn command_and_path_gates() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("here.txt"), "x").expect("write");
        assert!(path_exists(dir.path(), "here.txt").passed);
        assert!(!path_exists(dir.path(), "missing.txt").passed);
        let (_tx, stop) = watch::channel(false);
        let ok = run_command(
            dir.path(),
            "test -f here.txt",
            Duration::from_secs(10),
            &[],
            None,
            None,
            stop.clone(),
        )
        .await;
        assert!(ok.passed, "{ok:?}");
        let failed = run_command(
            dir.path(),
            "echo nope; exit 4",
            Duration::from_secs(10),
            &[],
            None,
            Some(Redactor::new(|t: &str| {
                t.contains("nope").then(|| t.replace("nope", "[REDACTED]"))
            })),
            stop.clone(),
        )
        .await;
        assert!(!failed.passed);
        // What a gate prints reaches reports and feedback only through the redactor.
        assert_eq!(failed.output, "exited with status 4\n[REDACTED]");
        let slow = run_command(
            dir.path(),
            "sleep 30",
            Duration::from_millis(300),
            &[],
            None,
            None,
            stop,
        )
        .await;
        assert!(!slow.passed && slow.output.starts_with("timed out"));
    }

    /// A crew-written script that a `run` gate executes cannot write outside the worktree.
    #[tokio::test]
    #[cfg_attr(
        not(maestro_sandbox),
        ignore = "needs bubblewrap and socat: scripts/install-sandbox"
    )]
    async fn a_sandboxed_gate_runs_crew_code_confined() {
        use crate::sandbox::testing::Layout;
        let layout = Layout::new();
        std::fs::write(
            layout.worktree.join("t.sh"),
            "echo ok > result.txt\n\
             echo x > ../../../workspace.json\n\
             echo x > ../../../../.git/refs/heads/evil\n\
             cat ../../../workspace.json\n\
             exit 0\n",
        )
        .expect("script");
        let (_tx, stop) = watch::channel(false);
        let result = run_command(
            &layout.worktree,
            "sh t.sh",
            Duration::from_secs(30),
            &[],
            Some(&layout.sandbox),
            None,
            stop,
        )
        .await;
        assert!(result.passed, "{result:?}");
        assert_eq!(
            std::fs::read_to_string(layout.worktree.join("result.txt")).expect("written"),
            "ok\n"
        );
        assert_eq!(
            result.output.matches("Read-only file system").count(),
            2,
            "{}",
            result.output
        );
        assert!(result.output.contains("No such file"), "{}", result.output);
        assert_eq!(
            std::fs::read_to_string(layout.at(".mso/workspace.json")).expect("kept"),
            "{}"
        );
        assert!(!layout.at(".git/refs/heads/evil").exists());
    }

    /// A sandboxed gate past its timeout is stopped with everything it started, even a process
    /// that left its process group.
    #[tokio::test]
    #[cfg_attr(
        not(maestro_sandbox),
        ignore = "needs bubblewrap and socat: scripts/install-sandbox"
    )]
    async fn a_sandboxed_gate_is_stopped_without_orphans() {
        use crate::sandbox::testing::{Layout, running};
        let layout = Layout::new();
        let (_tx, stop) = watch::channel(false);
        let watcher = async {
            for _ in 0..500 {
                if running("1000.6161") && running("1000.6162") {
                    return true;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            false
        };
        // Without the sandbox the escaped child would keep the gate's output open, and the gate
        // would not even end.
        let gate = tokio::time::timeout(
            Duration::from_secs(60),
            run_command(
                &layout.worktree,
                "setsid sleep 1000.6161 & sleep 1000.6162",
                Duration::from_secs(5),
                &[],
                Some(&layout.sandbox),
                None,
                stop,
            ),
        );
        let (result, started) = tokio::join!(gate, watcher);
        let result = result.expect("the gate ended: no process outlived it");
        assert!(started, "the sleeps never ran: {result:?}");
        assert!(
            !result.passed && result.output.starts_with("timed out"),
            "{result:?}"
        );
        let mut left = true;
        for _ in 0..250 {
            left = running("1000.6161") || running("1000.6162");
            if !left {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(!left, "a process of the gate outlived it");
    }
}
