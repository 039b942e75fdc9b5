//! The README's Quick start runs as written on the community tier, and its licence lines turn
//! the workspace into a Pro one.

use std::process::Command;

use crate::support::{Repo, hermetic, maestro_bin};

/// The `sh` blocks of the README's Quick start section, in order.
fn quick_start_blocks() -> Vec<String> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
        .expect("README.md");
    let start = readme
        .find("\n## Quick start\n")
        .expect("a Quick start section");
    let section = &readme[start + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |e| e + 3)];
    let mut blocks = Vec::new();
    let mut rest = section;
    while let Some(open) = rest.find("```sh\n") {
        let body = &rest[open + 6..];
        let close = body.find("\n```").expect("a closed block");
        blocks.push(body[..=close].to_owned());
        rest = &body[close + 4..];
    }
    blocks
}

/// Runs `script` with `sh -e` in `repo`, with the built `maestro` first on `PATH`.
#[track_caller]
fn sh(repo: &Repo, script: &str) -> String {
    let bin = std::path::Path::new(maestro_bin())
        .parent()
        .expect("a directory");
    let mut paths = vec![bin.to_owned()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let mut command = Command::new("sh");
    hermetic(&mut command, repo.path());
    let out = command
        .env("PATH", std::env::join_paths(paths).expect("joinable"))
        .env("XDG_CONFIG_HOME", repo.config_home())
        .env("USER", "readme")
        .args(["-e", "-x", "-c", script])
        .current_dir(repo.path())
        .output()
        .expect("sh runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the README's lines failed:\n{stderr}");
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn the_quick_start_runs_as_written_on_the_community_tier() {
    let blocks = quick_start_blocks();
    assert_eq!(blocks.len(), 3, "quick start, fix and rerun, licence");
    // Every line but those that need what this machine lacks: the claude CLI with an API key
    // (`run`), a GitHub repository (`release`); `cd` is to the repository the test made.
    let runnable: String = blocks[0]
        .lines()
        .filter(|line| {
            !line.starts_with("cd ")
                && !line.starts_with("maestro release ")
                && (!line.starts_with("maestro run ") || line.contains("--dry-run"))
        })
        .fold(String::new(), |mut script, line| {
            script.push_str(line);
            script.push('\n');
            script
        });
    assert!(
        runnable.contains("maestro run health --dry-run"),
        "{runnable}"
    );
    let repo = Repo::new();
    let stdout = sh(&repo, &runnable);
    assert!(stdout.contains("Voyage health (open)"), "{stdout}");
    assert!(
        stdout.contains(
            "voyage health: 3 orders in 2 wave(s), at most 1 crew at once (community tier)"
        ),
        "{stdout}"
    );

    // The fix-and-rerun lines are all commands maestro knows.
    for line in blocks[1].lines() {
        let words: Vec<&str> = line
            .split('#')
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .take(3)
            .collect();
        let help: Vec<&str> = words[1..].iter().copied().chain(["--help"]).collect();
        let run = repo.maestro(&help);
        assert_eq!(run.code, 0, "{line}: {}", run.transcript());
    }

    // The licence lines make it a Pro workspace, where the scribe role is allowed.
    sh(&repo, &blocks[2]);
    let status = repo.maestro(&["licence", "status", "--json"]);
    let value: serde_json::Value = serde_json::from_str(status.ok()).expect("JSON");
    assert_eq!(value["tier"], "pro");
    assert_eq!(value["licensee"], "readme");
    repo.maestro(&[
        "order", "add", "health", "--id", "notes", "--title", "Notes", "--role", "scribe",
    ])
    .ok();
    repo.maestro(&["run", "health", "--dry-run"]).ok();
}
