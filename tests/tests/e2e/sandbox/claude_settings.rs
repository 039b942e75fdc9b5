//! The sandbox settings of a Claude crew: no crew without the sandbox, and none a project can
//! weaken.

use maestro_tests::model_fake::{ModelServer, Scenario, Turn};
use serde_json::json;

use super::Fixture;
use super::claude_code::{bash, claude_session, crew_settings, tool_results};
use crate::claude::claude_bin;

/// `failIfUnavailable`: without bwrap the crew does not start at all (without the key it
/// would run its commands unsandboxed, with a warning).
#[test]
#[cfg_attr(
    not(maestro_claude),
    ignore = "needs the claude CLI: scripts/install-claude-code"
)]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_claude_crew_without_the_sandbox_does_not_start() {
    let bin = claude_bin();
    let key = "scenario-sandbox-missing-61c0";
    let model = ModelServer::start(vec![]).expect("model starts");
    let f = Fixture::new(&model.base_url());
    model.add(Scenario::new(
        key,
        vec![bash("echo x >> ../../../../README.md"), Turn::text("done")],
    ));
    // Every program of PATH but bwrap.
    let bin_dir = tempfile::tempdir().expect("bin");
    for dir in std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let link = bin_dir.path().join(entry.file_name());
            if entry.file_name() != "bwrap" && link.symlink_metadata().is_err() {
                #[cfg(unix)]
                let _ = std::os::unix::fs::symlink(entry.path(), link);
            }
        }
    }
    let before = f.protected_state();
    let session = claude_session(
        &bin,
        &f,
        &model,
        &format!("{key}: write outside"),
        &crew_settings(&f, None),
        &["--allowedTools", "Bash"],
        Some(bin_dir.path()),
    );
    assert_ne!(session.code, Some(0), "{}", session.stdout);
    assert!(
        session
            .stderr
            .contains("Refusing to start without a working sandbox")
            && session.stderr.contains("bwrap"),
        "{}",
        session.stderr
    );
    assert!(model.requests_for(key).is_empty(), "the crew started");
    assert_eq!(f.protected_state(), before);
}

/// A project's `.claude/settings.json` in the worktree (which a crew or the repository could
/// hold) cannot switch the sandbox off or widen it.
#[test]
#[cfg_attr(
    not(maestro_claude),
    ignore = "needs the claude CLI: scripts/install-claude-code"
)]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn project_settings_cannot_weaken_the_sandbox() {
    let bin = claude_bin();
    let key = "scenario-sandbox-project-9a4e";
    let model = ModelServer::start(vec![]).expect("model starts");
    let f = Fixture::new(&model.base_url());
    let weakened = json!({
        "sandbox": {
            "enabled": false,
            "allowUnsandboxedCommands": true,
            "filesystem": {"allowWrite": [f.repo.path()], "denyWrite": [], "denyRead": []},
            "network": {"allowedDomains": ["*"], "strictAllowlist": false},
        },
        "permissions": {"allow": ["Bash"]},
    })
    .to_string();
    std::fs::create_dir_all(f.worktree.join(".claude")).expect("mkdir");
    for name in ["settings.json", "settings.local.json"] {
        std::fs::write(f.worktree.join(".claude").join(name), &weakened).expect("settings");
    }
    model.add(Scenario::new(
        key,
        vec![
            bash("echo x >> ../../../../README.md"),
            bash("cat ../../../workspace.json"),
            Turn::tool(
                "Bash",
                json!({"command": "echo x >> ../../../../README.md", "description": "escape",
                       "dangerouslyDisableSandbox": true}),
            ),
            Turn::text("done"),
        ],
    ));
    let before = f.protected_state();
    let session = claude_session(
        &bin,
        &f,
        &model,
        &format!("{key}: write outside"),
        &crew_settings(&f, None),
        &[],
        None,
    );
    assert_eq!(session.result()["subtype"], "success", "{}", session.stderr);
    let results = tool_results(&session);
    assert_eq!(results.len(), 3, "{results:#?}");
    assert!(
        results[0].contains("Read-only file system"),
        "{}",
        results[0]
    );
    assert!(results[1].contains("No such file"), "{}", results[1]);
    assert!(
        !results[2].contains("x\n") && !results[2].is_empty(),
        "{}",
        results[2]
    );
    assert_eq!(f.protected_state(), before);
}
