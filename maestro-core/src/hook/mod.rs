//! What a crew's tool call would do, as Claude Code describes it to a hook, and the path policy
//! the `PreToolUse` hook enforces before any write happens.
//!
//! The hook entry points (`maestro hook pre-tool-use|post-tool-use`) read the call from stdin,
//! turn it into a [`ToolCall`] here, refuse writes that [`refused_path`] names, and scan the
//! text a call would write or run. Everything here is pure: no scanner, no audit log, no I/O
//! beyond resolving symlinks of the paths a call names.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use serde_json::Value;

/// Larger hook input is refused (and the call blocked) rather than read.
pub const MAX_INPUT: u64 = 64 * 1024 * 1024;

/// The hook input cannot be used; hooks fail closed on it (the call is blocked).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InputError(String);

/// What a tool call would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToolAction {
    /// Write `texts` into the file at `path` (`Write`, `Edit`, `MultiEdit`, `NotebookEdit`).
    Write {
        /// The path as the tool was given it (absolute or relative to the session's `cwd`).
        path: String,
        /// The new text: the whole content, or each edit's replacement.
        texts: Vec<String>,
    },
    /// Run a shell command (`Bash`).
    Command(String),
}

/// A tool call a hook is asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolCall {
    /// The tool's name, e.g. `Write`.
    pub tool: String,
    /// What it would do.
    pub action: ToolAction,
    /// The session's working directory, when the input names it.
    pub cwd: Option<PathBuf>,
}

/// Reads a hook's JSON input from `reader`, refusing more than [`MAX_INPUT`] bytes.
pub fn read_input(reader: impl Read) -> Result<Value, InputError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError(format!("cannot read the hook input: {e}")))?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(InputError(format!(
            "hook input larger than {MAX_INPUT} bytes"
        )));
    }
    serde_json::from_slice(&bytes)
        .map_err(|e| InputError(format!("the hook input is not valid JSON: {e}")))
}

fn field<'a>(value: &'a Value, key: &str) -> Result<&'a str, InputError> {
    value.get(key).and_then(Value::as_str).ok_or_else(|| {
        InputError(format!(
            "malformed hook input: `{key}` is missing or not a string"
        ))
    })
}

/// The tool call in a hook's input; `None` for tools that neither write files nor run
/// commands (`Read`, `Grep`, …).
pub fn parse(input: &Value) -> Result<Option<ToolCall>, InputError> {
    let tool = field(input, "tool_name")?.to_owned();
    let args = || {
        input
            .get("tool_input")
            .filter(|v| v.is_object())
            .ok_or_else(|| InputError("malformed hook input: `tool_input` is missing".to_owned()))
    };
    let action = match tool.as_str() {
        "Write" => {
            let a = args()?;
            ToolAction::Write {
                path: field(a, "file_path")?.to_owned(),
                texts: vec![field(a, "content")?.to_owned()],
            }
        }
        "Edit" => {
            let a = args()?;
            ToolAction::Write {
                path: field(a, "file_path")?.to_owned(),
                texts: vec![field(a, "new_string")?.to_owned()],
            }
        }
        "MultiEdit" => {
            let a = args()?;
            let edits = a
                .get("edits")
                .and_then(Value::as_array)
                .ok_or_else(|| InputError("malformed hook input: `edits` is missing".to_owned()))?;
            ToolAction::Write {
                path: field(a, "file_path")?.to_owned(),
                texts: edits
                    .iter()
                    .map(|e| field(e, "new_string").map(str::to_owned))
                    .collect::<Result<_, _>>()?,
            }
        }
        "NotebookEdit" => {
            let a = args()?;
            ToolAction::Write {
                path: field(a, "notebook_path")?.to_owned(),
                texts: vec![
                    a.get("new_source")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                ],
            }
        }
        "Bash" => ToolAction::Command(field(args()?, "command")?.to_owned()),
        _ => return Ok(None),
    };
    let cwd = input.get("cwd").and_then(Value::as_str).map(PathBuf::from);
    Ok(Some(ToolCall { tool, action, cwd }))
}

/// `path` made absolute against `cwd` and normalised without touching the file system; then
/// its longest existing ancestor is resolved, so a symlink cannot lead out unnoticed.
#[must_use]
pub fn resolve(path: &str, cwd: &Path) -> PathBuf {
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

/// `dir` with its symlinks resolved, or as given when it cannot be.
fn canonical(dir: &Path) -> PathBuf {
    dir.canonicalize().unwrap_or_else(|_| dir.to_owned())
}

/// `path` relative to `worktree` when it lies inside it (for messages and findings), else as
/// given.
#[must_use]
pub fn shown_path(path: &str, cwd: &Path, worktree: &Path) -> String {
    resolve(path, cwd)
        .strip_prefix(canonical(worktree))
        .map_or_else(|_| path.to_owned(), |p| p.display().to_string())
}

/// Why a write to `path` is refused, if it is: outside the crew's worktree, into `.git`, `.mso`
/// or Claude Code's settings.
#[must_use]
pub fn refused_path(path: &str, cwd: &Path, worktree: &Path) -> Option<String> {
    let target = resolve(path, cwd);
    let root = canonical(worktree);
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writing_tools_and_bash_are_parsed_and_other_tools_ignored() {
        let call = parse(
            &json!({"tool_name": "MultiEdit", "cwd": "/w", "tool_input": {
            "file_path": "a.rs", "edits": [{"new_string": "x"}, {"new_string": "y"}]}}),
        )
        .expect("valid")
        .expect("a write");
        assert_eq!(call.tool, "MultiEdit");
        assert_eq!(
            call.action,
            ToolAction::Write {
                path: "a.rs".into(),
                texts: vec!["x".into(), "y".into()]
            }
        );
        assert_eq!(call.cwd.as_deref(), Some(Path::new("/w")));
        let bash = parse(&json!({"tool_name": "Bash", "tool_input": {"command": "ls"}}))
            .expect("valid")
            .expect("a command");
        assert_eq!(bash.action, ToolAction::Command("ls".into()));
        assert_eq!(bash.cwd, None);
        assert_eq!(
            parse(&json!({"tool_name": "Read", "tool_input": {"file_path": "a"}})),
            Ok(None)
        );
    }

    #[test]
    fn malformed_input_names_what_is_wrong() {
        for (input, wrong) in [
            (json!({}), "`tool_name`"),
            (json!({"tool_name": "Write"}), "`tool_input`"),
            (
                json!({"tool_name": "Write", "tool_input": {"file_path": "a"}}),
                "`content`",
            ),
            (
                json!({"tool_name": "Edit", "tool_input": {"file_path": 3}}),
                "`file_path`",
            ),
            (
                json!({"tool_name": "MultiEdit", "tool_input": {"file_path": "a"}}),
                "`edits`",
            ),
            (
                json!({"tool_name": "Bash", "tool_input": "ls"}),
                "`tool_input`",
            ),
        ] {
            let error = parse(&input).expect_err("malformed").to_string();
            assert!(error.contains(wrong), "{input}: {error}");
        }
        assert!(read_input(&b"{not json"[..]).is_err());
        assert_eq!(read_input(&b"{}"[..]), Ok(json!({})));
    }

    #[cfg(unix)]
    #[test]
    fn writes_outside_the_worktree_or_into_git_mso_and_settings_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let worktree = dir.path().join("wt");
        std::fs::create_dir_all(worktree.join("src")).expect("mkdir");
        std::os::unix::fs::symlink(dir.path(), worktree.join("escape")).expect("symlink");
        for ok in ["src/new.rs", "./src/../README.md", ".claude/agents/x.md"] {
            assert_eq!(refused_path(ok, &worktree, &worktree), None, "{ok}");
        }
        for (bad, why) in [
            ("../outside.txt", "outside"),
            ("/etc/passwd", "outside"),
            ("escape/x", "outside"),
            (".git/hooks/pre-commit", ".git"),
            ("sub/.mso/state.json", ".mso"),
            (".claude/settings.local.json", "settings"),
        ] {
            let reason = refused_path(bad, &worktree, &worktree).expect(bad);
            assert!(reason.contains(why), "{bad}: {reason}");
        }
        assert_eq!(shown_path("src/new.rs", &worktree, &worktree), "src/new.rs");
        assert_eq!(
            shown_path("/etc/passwd", &worktree, &worktree),
            "/etc/passwd"
        );
    }
}
