//! Redacting Claude Code's own session transcripts.
//!
//! Claude Code keeps every session's transcript — each message and tool call, a call a hook
//! refused included — in `<config dir>/projects/<project>/<session id>.jsonl` (and the
//! transcripts of its subagents under `<project>/<session id>/`), where the config dir is
//! `$CLAUDE_CONFIG_DIR` or `~/.claude`. When a crew ends, maestro passes those files through the
//! same redactor as the crew's log, so a secret the hooks kept out of the worktree is not kept
//! on disk in the transcript either.

use std::path::{Path, PathBuf};

use crate::process::Redactor;

/// Claude Code's configuration directory for a process started with `env` on top of this
/// process's environment.
fn config_dir(env: &[(String, String)]) -> Option<PathBuf> {
    let var = |name: &str| {
        env.iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .or_else(|| std::env::var(name).ok())
            .filter(|v| !v.is_empty())
    };
    var("CLAUDE_CONFIG_DIR")
        .map(PathBuf::from)
        .or_else(|| var("HOME").map(|home| Path::new(&home).join(".claude")))
}

/// A session id names files: only the characters of a UUID are accepted.
fn plain_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

/// The transcript files of session `id` under `config`: `projects/*/<id>.jsonl` and every
/// `.jsonl` file under `projects/*/<id>/`.
fn transcripts(config: &Path, id: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(projects) = std::fs::read_dir(config.join("projects")) else {
        return files;
    };
    for project in projects.flatten() {
        let dir = project.path();
        let main = dir.join(format!("{id}.jsonl"));
        if main.is_file() {
            files.push(main);
        }
        collect_jsonl(&dir.join(id), &mut files);
    }
    files
}

fn collect_jsonl(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            collect_jsonl(&path, out);
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "jsonl") {
            out.push(path);
        }
    }
}

/// Rewrites `path` with every line passed through `redactor`, atomically and with the file's
/// permissions; returns whether anything changed.
fn redact_file(path: &Path, redactor: &Redactor) -> std::io::Result<bool> {
    let bytes = std::fs::read(path)?;
    let text = String::from_utf8_lossy(&bytes);
    let mut changed = false;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let redacted = redactor.line(body.to_owned());
        changed |= redacted != body;
        out.push_str(&redacted);
        out.push_str(end);
    }
    if !changed {
        return Ok(false);
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let temp = tempfile::Builder::new()
        .prefix(".maestro-redact-")
        .tempfile_in(dir)?;
    std::fs::write(temp.path(), out)?;
    std::fs::set_permissions(temp.path(), std::fs::metadata(path)?.permissions())?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(true)
}

/// Redacts the transcripts of session `session_id` of a crew started with `env`; returns the
/// files that held a secret. Files that cannot be rewritten are reported as errors with their
/// path.
pub(crate) fn redact_session(
    env: &[(String, String)],
    session_id: &str,
    redactor: &Redactor,
) -> Result<Vec<PathBuf>, String> {
    if !plain_id(session_id) {
        return Err(format!("unexpected session id `{session_id}`"));
    }
    let Some(config) = config_dir(env) else {
        return Ok(Vec::new());
    };
    let mut redacted = Vec::new();
    for file in transcripts(&config, session_id) {
        match redact_file(&file, redactor) {
            Ok(true) => redacted.push(file),
            Ok(false) => {}
            Err(e) => return Err(format!("cannot redact {}: {e}", file.display())),
        }
    }
    Ok(redacted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redactor() -> Redactor {
        Redactor::new(|text| {
            text.contains("SECRET_1")
                .then(|| text.replace("SECRET_1", "[REDACTED:test]"))
        })
    }

    #[test]
    fn a_sessions_transcripts_lose_their_secrets_and_others_are_untouched() {
        let home = tempfile::tempdir().expect("tempdir");
        let id = "0b7c7a52-55a8-4f57-a1ad-3c0c6f0e0a11";
        let project = home.path().join(".claude/projects/-tmp-repo-wt-v1-a");
        std::fs::create_dir_all(project.join(id).join("subagents")).expect("mkdir");
        let line = r#"{"type":"assistant","message":{"content":[{"type":"tool_use","input":{"content":"key = SECRET_1"}}]}}"#;
        std::fs::write(
            project.join(format!("{id}.jsonl")),
            format!("{line}\n{line}\n"),
        )
        .expect("write");
        std::fs::write(project.join(id).join("subagents/agent-1.jsonl"), line).expect("write");
        let other = project.join("1111aaaa-0000-0000-0000-000000000000.jsonl");
        std::fs::write(&other, format!("{line}\n")).expect("write");
        let env = vec![("HOME".to_owned(), home.path().display().to_string())];

        let redacted = redact_session(&env, id, &redactor()).expect("redacted");
        assert_eq!(redacted.len(), 2, "{redacted:?}");
        let main = std::fs::read_to_string(project.join(format!("{id}.jsonl"))).expect("read");
        assert!(
            !main.contains("SECRET_1") && main.contains("[REDACTED:test]"),
            "{main}"
        );
        assert_eq!(main.lines().count(), 2);
        assert!(main.ends_with('\n'));
        for line in main.lines() {
            serde_json::from_str::<serde_json::Value>(line).expect("still JSON");
        }
        let sub =
            std::fs::read_to_string(project.join(id).join("subagents/agent-1.jsonl")).expect("r");
        assert!(!sub.contains("SECRET_1"), "{sub}");
        assert!(
            std::fs::read_to_string(&other)
                .expect("read")
                .contains("SECRET_1"),
            "another session's transcript is not touched"
        );
        // Nothing left to do the second time.
        assert!(
            redact_session(&env, id, &redactor())
                .expect("ok")
                .is_empty()
        );
    }

    #[test]
    fn claude_config_dir_wins_over_home_and_odd_session_ids_are_refused() {
        let env = vec![
            ("HOME".to_owned(), "/home/u".to_owned()),
            (
                "CLAUDE_CONFIG_DIR".to_owned(),
                "/etc/claude-crew".to_owned(),
            ),
        ];
        assert_eq!(config_dir(&env), Some(PathBuf::from("/etc/claude-crew")));
        assert_eq!(
            config_dir(&env[..1]).filter(|_| std::env::var_os("CLAUDE_CONFIG_DIR").is_none()),
            std::env::var_os("CLAUDE_CONFIG_DIR")
                .is_none()
                .then(|| PathBuf::from("/home/u/.claude"))
        );
        for bad in ["", "../../etc/passwd", "a/b", "x".repeat(65).as_str()] {
            assert!(redact_session(&env, bad, &redactor()).is_err(), "{bad}");
        }
    }
}
