use std::path::PathBuf;

use crate::snapshot;
use crate::support::Repo;

/// A directory of fake programs (name, shell script body), so the checks do not depend on
/// what this machine has installed.
fn fake_bin(repo: &Repo, programs: &[(&str, &str)]) -> PathBuf {
    let bin = repo.path().join(".fake-bin");
    std::fs::create_dir_all(&bin).expect("mkdir");
    for (name, body) in programs {
        let script = bin.join(name);
        std::fs::write(&script, format!("#!/bin/sh\n{body}\n")).expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
                .expect("chmod");
        }
    }
    bin
}

/// A fake `claude` that prints a version like the real one, and a bubblewrap and socat that
/// work.
fn fake_claude(repo: &Repo) -> PathBuf {
    fake_bin(
        repo,
        &[
            ("claude", "echo '2.1.328 (Claude Code)'"),
            ("bwrap", "exit 0"),
            ("socat", "exit 0"),
        ],
    )
}

#[test]
fn doctor_passes_when_everything_is_there() {
    let mut repo = Repo::initialised();
    repo.path_prefix.push(fake_claude(&repo));
    repo.env
        .push(("ANTHROPIC_API_KEY".into(), "sk-ant-do-not-print-me".into()));
    let run = repo.maestro(&["doctor"]);
    snapshot!("doctor_ok", repo, run);
    run.ok();
    assert!(
        !run.stdout.contains("do-not-print-me"),
        "the key is never printed"
    );
    let json = repo.maestro(&["doctor", "--json"]);
    let value: serde_json::Value = serde_json::from_str(json.ok()).expect("JSON");
    assert_eq!(value["ok"], true);
    assert!(!json.stdout.contains("do-not-print-me"));
}

#[test]
fn doctor_reports_problems_with_exit_code_1() {
    let mut repo = Repo::initialised();
    // A bubblewrap that cannot create its namespaces (as where user namespaces are off).
    repo.path_prefix.push(fake_bin(
        &repo,
        &[
            (
                "bwrap",
                "echo 'bwrap: setting up uid map: Permission denied' >&2; exit 1",
            ),
            ("socat", "exit 0"),
        ],
    ));
    // No claude on PATH: point the agent program at a path that does not exist.
    repo.write(
        ".mso/workspace.json",
        "{\"agent\": {\"program\": \"/nonexistent/claude\"}, \"dataResidency\": {\"mode\": \"air-gapped\"}}",
    );
    let run = repo.maestro(&["doctor"]);
    snapshot!("doctor_problems", repo, run);
    assert_eq!(run.code, 1, "{}", run.transcript());
}

#[test]
fn doctor_outside_a_workspace() {
    let dir = Repo::empty_dir();
    let run = dir.maestro(&["doctor", "--json"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(value["ok"], false);
    let repository = value["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .find(|c| c["check"] == "repository")
        .expect("a repository check");
    assert_eq!(repository["status"], "fail");
}

#[test]
fn doctor_reports_an_invalid_config() {
    let repo = Repo::initialised();
    repo.write(".mso/workspace.json", "{\"crews\": {\"maxConcurrent\": 0}}");
    let run = repo.maestro(&["doctor", "--json"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("workspace.json: at `crews.maxConcurrent`: must be at least 1"),
        "{}",
        run.stdout
    );
}

/// A command agent's program may be anything (a script that does its work whatever its
/// arguments): doctor looks it up, never runs it. It checks the licence too.
#[test]
fn doctor_never_runs_a_command_agent() {
    let mut repo = Repo::initialised();
    let marker = repo.path().join("ran.txt");
    repo.path_prefix.push(fake_bin(
        &repo,
        &[
            ("crew", &format!("echo \"$@\" > '{}'", marker.display())),
            ("bwrap", "exit 0"),
            ("socat", "exit 0"),
        ],
    ));
    repo.write(
        ".mso/workspace.json",
        "{\"agent\": {\"kind\": \"command\", \"program\": \"crew\"}}",
    );
    let run = repo.maestro(&["doctor"]);
    snapshot!("doctor_command_agent", repo, run);
    run.ok();
    assert!(!marker.exists(), "doctor ran the command agent");
    let json = repo.maestro(&["doctor", "--json"]);
    let value: serde_json::Value = serde_json::from_str(json.ok()).expect("JSON");
    let checks = value["checks"].as_array().expect("checks");
    let licence = checks
        .iter()
        .find(|c| c["check"] == "licence")
        .expect("a licence check");
    assert_eq!(licence["status"], "ok");
    assert!(
        licence["detail"]
            .as_str()
            .is_some_and(|d| d.starts_with("community tier")),
        "{licence}"
    );
    assert!(!marker.exists());

    // A program that is not there fails the check, naming it.
    repo.write(
        ".mso/workspace.json",
        "{\"agent\": {\"kind\": \"command\", \"program\": \"/nonexistent/crew\"}}",
    );
    let missing = repo.maestro(&["doctor"]);
    assert_eq!(missing.code, 1, "{}", missing.transcript());
    assert!(
        missing
            .stdout
            .contains("FAIL  agent       command agent /nonexistent/crew not found"),
        "{}",
        missing.stdout
    );
}

#[test]
fn doctor_fails_a_licence_token_that_does_not_verify() {
    let mut repo = Repo::initialised();
    repo.path_prefix.push(fake_claude(&repo));
    repo.write(
        ".mso/workspace.json",
        "{\"licence\": {\"token\": \"not-a-token\"}}",
    );
    let run = repo.maestro(&["doctor", "--json"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let licence = value["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .find(|c| c["check"] == "licence")
        .expect("a licence check")
        .clone();
    assert_eq!(licence["status"], "fail", "{licence}");
    assert!(
        licence["detail"]
            .as_str()
            .is_some_and(|d| d.starts_with("licence.token in .mso/workspace.json")),
        "{licence}"
    );
}
