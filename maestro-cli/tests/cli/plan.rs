//! `maestro plan` with a stand-in `claude` that answers like Claude Code's `--output-format json`
//! with `structured_output` (the real CLI is exercised by the end-to-end suite).

use crate::snapshot;
use crate::support::Repo;

/// Points agent.program at a script printing `result` as the session's JSON result and saving
/// its arguments to args.txt.
fn planner(repo: &Repo, structured: &serde_json::Value) {
    let result = serde_json::json!({
        "type": "result", "subtype": "success", "is_error": false, "num_turns": 2,
        "total_cost_usd": 0.01, "session_id": "s", "structured_output": structured,
    });
    let script = repo.write(
        ".fake-bin/claude",
        &format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/args.txt\"\ncat <<'JSON'\n{result}\nJSON\n"
        ),
    );
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("chmod");
    let mut config: serde_json::Value =
        serde_json::from_str(&repo.read(".mso/workspace.json")).expect("JSON");
    config["agent"]["program"] = script.display().to_string().into();
    repo.write(".mso/workspace.json", &config.to_string());
}

#[test]
fn a_plan_becomes_proposed_orders_and_approval_makes_them_pending() {
    let repo = Repo::with_voyage();
    planner(
        &repo,
        &serde_json::json!({"orders": [
            {"id": "api", "title": "Add /health", "role": "builder", "prompt": "Add GET /health.",
             "accept": [{"run": "cargo test health"}]},
            {"id": "api-tests", "title": "Test /health", "role": "tester", "depends_on": ["api"]}
        ]}),
    );
    let run = repo.maestro(&["plan", "v1", "Add a health endpoint"]);
    snapshot!(
        repo,
        run,
        @r"
        exit: 0
        --- stdout
        ID         ROLE     STATE     ATTEMPTS  COST  TIME  DEPENDS ON  TITLE
        api        builder  proposed  0         -     -     -           Add /health
        api-tests  tester   proposed  0         -     -     api         Test /health
        2 proposed; review them, then `maestro plan v1 --approve`
        --- stderr
        "
    );
    run.ok();
    let args = repo.read(".fake-bin/args.txt");
    assert!(
        args.contains("--json-schema") && args.contains("\"orders\""),
        "{args}"
    );
    assert!(
        args.contains("--permission-mode\nplan"),
        "read-only: {args}"
    );
    let states = |repo: &Repo| {
        let list: serde_json::Value =
            serde_json::from_str(repo.maestro(&["order", "list", "v1", "--json"]).ok())
                .expect("JSON");
        list["orders"]
            .as_array()
            .expect("orders")
            .iter()
            .map(|o| o["state"].as_str().expect("state").to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(states(&repo), ["proposed", "proposed"]);
    // Proposed orders are not dispatched: a pending order depending on one is refused.
    repo.maestro(&["plan", "v1", "--approve"]).ok();
    assert_eq!(states(&repo), ["pending", "pending"]);
    assert!(
        repo.read(".mso/audit.log")
            .contains("\"action\":\"plan.approve\"")
    );
}

#[test]
fn an_invalid_plan_is_refused() {
    let cases = [
        (
            serde_json::json!({"orders": [
                {"id": "a", "title": "A", "role": "builder", "depends_on": ["b"]},
                {"id": "b", "title": "B", "role": "builder", "depends_on": ["a"]}
            ]}),
            "dependency cycle: a -> b -> a",
        ),
        (
            serde_json::json!({"orders": [{"id": "A!", "title": "A", "role": "builder"}]}),
            "do not match the orders schema",
        ),
        (
            serde_json::json!({"orders": [{"id": "d", "title": "D", "role": "scribe"}]}),
            "the community tier does not allow",
        ),
        (
            serde_json::json!({"orders": []}),
            "the plan holds no orders",
        ),
    ];
    for (plan, reason) in cases {
        let repo = Repo::with_voyage();
        planner(&repo, &plan);
        let run = repo.maestro(&["plan", "v1", "Do it"]);
        assert_eq!(run.code, 1, "{plan}: {}", run.transcript());
        assert!(run.stdout.contains(reason), "{plan}: {}", run.stdout);
        let list = repo.maestro(&["order", "list", "v1", "--json"]);
        assert!(
            list.ok().contains("\"orders\": []"),
            "nothing stored: {}",
            list.stdout
        );
    }
}
