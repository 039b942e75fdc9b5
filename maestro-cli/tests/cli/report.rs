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
