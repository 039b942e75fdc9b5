use crate::snapshot;
use crate::support::Repo;

#[test]
fn the_report_of_a_voyage_before_any_run() {
    let repo = Repo::with_voyage();
    repo.write(
        "orders.toml",
        "[[orders]]\nid = \"api\"\ntitle = \"API | v2\"\nrole = \"builder\"\n\n[[orders]]\nid = \"docs\"\ntitle = \"Docs\"\nrole = \"scribe\"\ndepends_on = [\"api\"]\n",
    );
    repo.maestro(&["voyage", "import", "v1", "orders.toml"])
        .ok();
    snapshot!("report_md", repo, repo.maestro(&["report", "v1"]));
    let run = repo.maestro(&["report", "v1", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(run.ok()).expect("JSON");
    assert_eq!(value["voyage"], "v1");
    assert_eq!(value["orders"][0]["id"], "api");
    assert_eq!(value["orders"][1]["depends_on"][0], "api");
    for key in [
        "turns",
        "changed_files",
        "gates",
        "findings",
        "attempts",
        "cost_usd",
        "duration_secs",
    ] {
        assert!(value["orders"][0].get(key).is_some(), "{key}");
    }
    for key in ["cost_usd", "duration_secs", "turns"] {
        assert!(value["totals"].get(key).is_some(), "totals.{key}");
    }
    let unknown = repo.maestro(&["report", "v9"]);
    unknown.usage_error();
}

/// The global `--json` means JSON for every command that prints data, `report` included.
#[test]
fn the_global_json_flag_gives_json_everywhere() {
    let repo = crate::retry::voyage_of(
        "[[orders]]\nid = \"a\"\ntitle = \"A\"\nrole = \"builder\"\nagent = { command = [\"sh\", \"-c\", \"echo a > a.txt\"] }\n",
    );
    repo.maestro(&["run", "v1"]).ok();
    let commands: [&[&str]; 15] = [
        &["--json", "report", "v1"],
        &["report", "v1", "--json"],
        &["--json", "status"],
        &["--json", "status", "v1"],
        &["--json", "status", "v1", "--watch"],
        &["--json", "voyage", "list"],
        &["--json", "voyage", "show", "v1"],
        &["--json", "order", "list", "v1"],
        &["--json", "run", "v1"],
        &["--json", "run", "v1", "--dry-run"],
        &["--json", "worktree", "list"],
        &["--json", "licence", "status"],
        &["--json", "mcp", "list"],
        &["--json", "doctor"],
        &["--json", "scan", "README.md"],
    ];
    for args in commands {
        let run = repo.maestro(args);
        assert!(
            run.code == 0 || run.code == 1,
            "{args:?}: {}",
            run.transcript()
        );
        let value: serde_json::Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("{args:?} printed no JSON ({e}):\n{}", run.stdout));
        assert!(value.is_object(), "{args:?}");
    }
    let report = repo.maestro(&["--json", "report", "v1"]);
    let value: serde_json::Value = serde_json::from_str(report.ok()).expect("JSON");
    assert_eq!(value["orders"][0]["state"], "merged");
    assert!(value["totals"].is_object());
}
