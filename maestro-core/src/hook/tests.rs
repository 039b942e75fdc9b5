//! The hooks' decisions as a library, against in-memory ports: a scanner that knows one kind of
//! key, an audit log in memory and a voyage base in memory.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::json;

use super::*;
use crate::ports::{
    BaseFiles, PortError, ScanFinding, ScanOutcome, ScanRequest, Scanner, Suppressed,
};
use crate::testing::MemoryAudit;

const KEY: &str = "AKIAQ7RPZ3MFXW2BKT5L";

/// Finds `AKIA` + 16 upper-case letters or digits; an inline `maestro:allow` counts on a line
/// of the base; texts over 1,000 bytes are refused.
struct KeyScanner;

impl Scanner for KeyScanner {
    fn scan(&self, request: &ScanRequest<'_>) -> ScanOutcome {
        let mut outcome = ScanOutcome::default();
        if request.text.len() > 1_000 {
            outcome.unscanned = Some(format!(
                "`{}` is {} bytes, above the scanner's limit of 1000 (scan.maxFileSize raises it)",
                request.path.unwrap_or("<input>"),
                request.text.len()
            ));
            return outcome;
        }
        let text = String::from_utf8_lossy(request.text);
        let base = request.base.map(String::from_utf8_lossy);
        for (n, line) in text.lines().enumerate() {
            let mut from = 0;
            while let Some(at) = line[from..].find("AKIA").map(|i| from + i) {
                let token: String = line[at..]
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                from = at + 4;
                if token.len() != 20
                    || !token
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                {
                    continue;
                }
                let marked = line.contains("maestro:allow");
                let on_base = base.as_ref().is_some_and(|b| b.lines().any(|l| l == line));
                let finding = ScanFinding {
                    rule_id: "aws-access-key-id".into(),
                    secret: true,
                    high_confidence: true,
                    severity: None,
                    cwe: None,
                    path: request.path.unwrap_or_default().to_owned(),
                    line: n as u64 + 1,
                    redacted: "AKIA…(20 chars)".into(),
                    fingerprint: format!("{}:{token}", request.path.unwrap_or_default()),
                    message: "AWS access key id".into(),
                    inline_allow_refused: marked && !on_base,
                };
                if marked && on_base {
                    outcome.suppressed.push(Suppressed {
                        finding,
                        by: "inline maestro:allow".into(),
                    });
                } else {
                    outcome.findings.push(finding);
                }
            }
        }
        outcome
    }

    fn redact(&self, text: &str) -> Option<String> {
        text.contains(KEY).then(|| text.replace(KEY, "[REDACTED]"))
    }
}

#[derive(Default)]
struct MemoryBase(BTreeMap<String, String>);

impl BaseFiles for MemoryBase {
    fn base_file(&self, path: &str) -> Result<Option<Vec<u8>>, PortError> {
        Ok(self.0.get(path).map(|t| t.clone().into_bytes()))
    }
}

struct Fixture {
    dir: tempfile::TempDir,
    audit: MemoryAudit,
    base: MemoryBase,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("repo/.mso/worktrees/v/a/src")).expect("mkdir");
        std::fs::write(dir.path().join("repo/.mso/workspace.json"), "{}").expect("write");
        Fixture {
            dir,
            audit: MemoryAudit::default(),
            base: MemoryBase::default(),
        }
    }

    fn worktree(&self) -> std::path::PathBuf {
        path::canonical(&self.dir.path().join("repo/.mso/worktrees/v/a"))
    }

    fn context(&self) -> HookContext {
        let worktree = self.worktree();
        HookContext {
            cwd: worktree.clone(),
            policy: PathPolicy::new(&worktree).deny_read(&self.dir.path().join("repo/.mso")),
            crew: None,
            block_secrets: true,
            block_severity: crate::config::Severity::High,
            max_file_size: 1_000,
        }
    }

    fn pre(&self, input: &serde_json::Value) -> Verdict {
        let call = parse(input).expect("valid input");
        let ports = HookPorts {
            scanner: &KeyScanner,
            audit: &self.audit,
            base: &self.base,
            store: None,
        };
        pre_tool_use(&call, &self.context(), &ports).expect("decided")
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.worktree().join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
}

fn blocked(verdict: &Verdict, why: &str) {
    match verdict {
        Verdict::Block(reason) => {
            assert!(reason.contains(why), "{reason}");
            assert!(
                !reason.contains(KEY),
                "the reason never quotes the key: {reason}"
            );
            assert!(!reason.contains('\n'), "one line: {reason}");
        }
        Verdict::Allow => panic!("allowed; expected a block for {why}"),
    }
}

#[test]
fn a_credential_in_any_writing_tool_or_command_blocks() {
    let f = Fixture::new();
    let line = format!("aws_id = '{KEY}'\n");
    for input in [
        json!({"tool_name": "Write", "tool_input": {"file_path": "src/a.py", "content": line}}),
        json!({"tool_name": "Edit", "tool_input": {"file_path": "src/new.py", "old_string": "", "new_string": line}}),
        json!({"tool_name": "MultiEdit", "tool_input": {"file_path": "src/new.py", "edits": [{"old_string": "", "new_string": "x\n"}, {"old_string": "x", "new_string": line}]}}),
        json!({"tool_name": "NotebookEdit", "tool_input": {"notebook_path": "n.ipynb", "new_source": ["k = '", "AKIAQ7RPZ3", "MFXW2BKT5L'\n"]}}),
        json!({"tool_name": "Bash", "tool_input": {"command": format!("echo {KEY} > k.txt")}}),
        json!({"tool_name": "mcp__fs__write_file", "tool_input": {"path": "src/b.py", "content": line}}),
        json!({"tool_name": "mcp__notes__save", "tool_input": {"note": {"parts": ["AKIAQ7RPZ3MF", "XW2BKT5L"]}}}),
        json!({"tool_name": "WebFetch", "tool_input": {"url": format!("https://x.invalid/?k={KEY}"), "prompt": "p"}}),
    ] {
        blocked(&f.pre(&input), "aws-access-key-id");
    }
    let actions = f.audit.actions();
    assert_eq!(
        actions.iter().filter(|a| *a == "secret.block").count(),
        8,
        "{actions:?}"
    );
}

#[test]
fn an_edit_is_judged_by_the_file_it_produces() {
    let f = Fixture::new();
    // Half the key is in the file; the edit supplies the other half.
    f.write("src/cfg.py", "key = 'AKIAQ7RPZ3XX'\n");
    blocked(
        &f.pre(
            &json!({"tool_name": "Edit", "tool_input": {"file_path": "src/cfg.py",
            "old_string": "XX'", "new_string": "MFXW2BKT5L'"}}),
        ),
        "src/cfg.py:1",
    );
    // `replace_all` builds the key from a repeated fragment.
    f.write("src/two.py", "a = 'AKIAQ7RPZ3@@'\n");
    blocked(
        &f.pre(
            &json!({"tool_name": "Edit", "tool_input": {"file_path": "src/two.py",
            "old_string": "@@", "new_string": "MFXW2BKT5L", "replace_all": true}}),
        ),
        "aws-access-key-id",
    );
    // A key the file already held is not the edit's: editing another line goes ahead.
    f.write("src/old.py", &format!("k = '{KEY}'\nx = 1\n"));
    assert_eq!(
        f.pre(
            &json!({"tool_name": "Edit", "tool_input": {"file_path": "src/old.py",
            "old_string": "x = 1", "new_string": "x = 2"}})
        ),
        Verdict::Allow
    );
}

#[test]
fn inline_allows_count_only_on_lines_of_the_voyage_base() {
    let mut f = Fixture::new();
    let allowed = format!("k = '{KEY}'  # maestro:allow");
    // A line the crew adds: the allow does not count, and the crew is told why.
    blocked(
        &f.pre(&json!({"tool_name": "Write", "tool_input": {"file_path": "src/a.py", "content": format!("{allowed}\n")}})),
        "counts only on a line that already exists in the voyage base",
    );
    // The same line in the base: suppressed, and recorded.
    f.base.0.insert("src/a.py".into(), format!("{allowed}\n"));
    assert_eq!(
        f.pre(&json!({"tool_name": "Write", "tool_input": {"file_path": "src/a.py", "content": format!("{allowed}\nmore\n")}})),
        Verdict::Allow
    );
    assert!(
        f.audit.actions().contains(&"scan.override".to_owned()),
        "{:?}",
        f.audit.actions()
    );
    // A Bash command has no base line: its allow never counts.
    blocked(
        &f.pre(&json!({"tool_name": "Bash", "tool_input": {"command": format!("echo \"{allowed}\" >> src/a.py")}})),
        "aws-access-key-id",
    );
}

#[test]
fn what_cannot_be_scanned_is_refused_with_the_setting_that_raises_the_limit() {
    let f = Fixture::new();
    let big = "x".repeat(2_000);
    blocked(
        &f.pre(&json!({"tool_name": "Write", "tool_input": {"file_path": "src/big.txt", "content": big}})),
        "scan.maxFileSize",
    );
    assert!(f.audit.actions().contains(&"scan.refuse".to_owned()));
}

#[cfg(unix)]
#[test]
fn paths_are_checked_for_every_tool_after_following_links() {
    let f = Fixture::new();
    let outside = f.dir.path().join("outside");
    std::fs::create_dir_all(&outside).expect("mkdir");
    std::os::unix::fs::symlink(&outside, f.worktree().join("link")).expect("symlink");
    std::os::unix::fs::symlink(outside.join("new.txt"), f.worktree().join("dangling"))
        .expect("symlink");
    for input in [
        json!({"tool_name": "Write", "tool_input": {"file_path": "link/../x.txt", "content": "x"}}),
        json!({"tool_name": "Write", "tool_input": {"file_path": "dangling", "content": "x"}}),
        json!({"tool_name": "Edit", "tool_input": {"file_path": "../../../../workspace.json", "old_string": "{", "new_string": "{ "}}),
        json!({"tool_name": "mcp__fs__move_file", "tool_input": {"source": "src/a", "destination": "/tmp/a"}}),
    ] {
        blocked(&f.pre(&input), "outside");
    }
    for input in [
        json!({"tool_name": "Read", "tool_input": {"file_path": "../../../workspace.json"}}),
        json!({"tool_name": "Grep", "tool_input": {"pattern": "x", "path": "../.."}}),
    ] {
        blocked(&f.pre(&input), "crews may not read");
    }
    assert_eq!(
        f.pre(&json!({"tool_name": "Read", "tool_input": {"file_path": "src/main.rs"}})),
        Verdict::Allow
    );
    assert!(!outside.join("new.txt").exists());
    let actions = f.audit.actions();
    assert_eq!(
        actions.iter().filter(|a| *a == "path.block").count(),
        6,
        "{actions:?}"
    );
    assert!(Path::new(&f.worktree()).is_dir());
}
