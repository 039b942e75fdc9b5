//! `cargo test` inside the sandbox.

use std::io::Write as _;
use std::process::Command;

use maestro_tests::model_fake::{ModelServer, Scenario, Turn};

use super::Fixture;
use super::claude_code::{bash, claude_session, crew_settings, tool_results};
use crate::claude::claude_bin;

/// A crew that runs `cargo test` on a small crate passes inside the sandbox: cargo builds into
/// the worktree's `target/` and only reads its own homes (a crate without dependencies needs
/// no writable cache and no network).
#[test]
#[cfg_attr(
    not(maestro_claude),
    ignore = "needs the claude CLI: scripts/install-claude-code"
)]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn cargo_test_passes_inside_the_sandbox() {
    let bin = claude_bin();
    if Command::new("cargo").arg("--version").output().is_err() {
        assert!(
            std::env::var("MAESTRO_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "MAESTRO_REQUIRE_TOOLS=1 but cargo is not on PATH"
        );
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED cargo_test_passes_inside_the_sandbox: no cargo"
        );
        return;
    }
    let key = "scenario-sandbox-cargo-d27f";
    let model = ModelServer::start(vec![]).expect("model starts");
    let f = Fixture::new(&model.base_url());
    std::fs::create_dir_all(f.worktree.join("tiny/src")).expect("mkdir");
    f.crew_writes(
        "tiny/Cargo.toml",
        "[package]\nname = \"tiny\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[workspace]\n",
    );
    f.crew_writes(
        "tiny/src/lib.rs",
        "pub fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn adds() {\n        assert_eq!(super::add(2, 2), 4);\n    }\n}\n",
    );
    model.add(Scenario::new(
        key,
        vec![
            bash("cargo test --manifest-path tiny/Cargo.toml 2>&1 | tail -n 20"),
            Turn::text("done"),
        ],
    ));
    let before = f.protected_state();
    let session = claude_session(
        &bin,
        &f,
        &model,
        &format!("{key}: run the tests"),
        &crew_settings(&f, None),
        &[],
        None,
    );
    assert_eq!(session.result()["subtype"], "success", "{}", session.stderr);
    let results = tool_results(&session);
    assert!(
        results
            .first()
            .is_some_and(|r| r.contains("test result: ok. 1 passed")),
        "{results:#?}"
    );
    assert!(f.worktree.join("tiny/target").is_dir());
    assert_eq!(f.protected_state(), before);
}
