use crate::snapshot;
use crate::support::Repo;

const ORDERS_TOML: &str = r#"
[[orders]]
id = "api"
title = "Add the API"
role = "builder"
prompt = "Add GET /health returning 200."
scope = ["src/**"]

[[orders.accept]]
run = "cargo test health"
timeout_secs = 600

[[orders]]
id = "tests"
title = "Test the API"
role = "tester"
depends_on = ["api"]

[[orders.accept]]
scan_clean = true
"#;

#[test]
fn voyage_new_creates_the_branch_with_git() {
    let repo = Repo::initialised();
    let run = repo.maestro(&["voyage", "new", "v1", "--title", "First voyage"]);
    snapshot!("voyage_new", repo, run);
    assert_eq!(
        repo.git(&["rev-parse", "refs/heads/maestro/v1"]),
        repo.git(&["rev-parse", "HEAD"])
    );
    // The user's checkout is untouched.
    assert_eq!(repo.git(&["symbolic-ref", "HEAD"]), "refs/heads/main");
    repo.git(&["fsck", "--no-progress"]);
    let stored: serde_json::Value =
        serde_json::from_str(&repo.read(".mso/voyages/v1/voyage.json")).expect("JSON");
    assert_eq!(stored["branch"], "maestro/v1");
    assert_eq!(stored["title"], "First voyage");
}

#[test]
fn voyage_new_from_another_base() {
    let repo = Repo::initialised();
    let first = repo.git(&["rev-parse", "HEAD"]);
    repo.write("b.txt", "b\n");
    repo.git(&["add", "b.txt"]);
    repo.git(&["commit", "-q", "-m", "second"]);
    repo.maestro(&["voyage", "new", "old", "--base", "HEAD~1"])
        .ok();
    assert_eq!(repo.git(&["rev-parse", "maestro/old"]), first);
    let run = repo.maestro(&["voyage", "new", "v2", "--json"]);
    let voyage: serde_json::Value = serde_json::from_str(run.ok()).expect("JSON");
    assert_eq!(
        voyage["base_commit"].as_str(),
        Some(repo.git(&["rev-parse", "HEAD"]).as_str())
    );
}

#[test]
fn voyage_new_errors() {
    let repo = Repo::with_voyage();
    let exists = repo.maestro(&["voyage", "new", "v1"]);
    snapshot!("voyage_new_exists", repo, exists);
    exists.usage_error();

    let bad_base = repo.maestro(&["voyage", "new", "v2", "--base", "no-such-ref"]);
    snapshot!("voyage_new_bad_base", repo, bad_base);
    bad_base.usage_error();
    assert!(
        !repo.path().join(".mso/voyages/v2").exists(),
        "no partial state"
    );

    // A branch of that name made outside maestro is not taken over.
    repo.git(&["branch", "maestro/v3"]);
    let branch_exists = repo.maestro(&["voyage", "new", "v3"]);
    snapshot!("voyage_new_branch_exists", repo, branch_exists);
    branch_exists.usage_error();
    assert!(
        !repo.path().join(".mso/voyages/v3").exists(),
        "no partial state"
    );

    let bad_name = repo.maestro(&["voyage", "new", "Bad_Name"]);
    snapshot!("voyage_new_bad_name", repo, bad_name);
    bad_name.usage_error();
}

#[test]
fn commands_need_an_initialised_workspace() {
    let repo = Repo::new();
    let run = repo.maestro(&["voyage", "new", "v1"]);
    snapshot!("voyage_new_uninitialised", repo, run);
    run.usage_error();
    assert_eq!(repo.git(&["branch", "--list", "maestro/*"]), "");
}

#[test]
fn voyage_import_toml_and_json() {
    let repo = Repo::with_voyage();
    let file = repo.write("orders.toml", ORDERS_TOML);
    let run = repo.maestro(&["voyage", "import", "v1", file.to_str().expect("utf-8")]);
    snapshot!("voyage_import", repo, run);
    let stored: serde_json::Value =
        serde_json::from_str(&repo.read(".mso/voyages/v1/orders/api.json")).expect("JSON");
    assert_eq!(stored["state"], "pending");
    assert_eq!(stored["spec"]["accept"][0]["timeout_secs"], 600);

    repo.write(
        "more.json",
        r#"{"orders": [{"id": "docs", "title": "Docs", "role": "scribe", "depends_on": ["api"]}]}"#,
    );
    let run = repo.maestro(&["voyage", "import", "v1", "more.json", "--json"]);
    snapshot!("voyage_import_json", repo, run);
    run.ok();
    let show = repo.maestro(&["voyage", "show", "v1"]);
    snapshot!("voyage_show", repo, show);
}

#[test]
fn voyage_import_errors() {
    let repo = Repo::with_voyage();
    repo.write(
        "cycle.toml",
        "[[orders]]\nid = \"a\"\ntitle = \"A\"\nrole = \"builder\"\ndepends_on = [\"c\"]\n\n\
         [[orders]]\nid = \"b\"\ntitle = \"B\"\nrole = \"builder\"\ndepends_on = [\"a\"]\n\n\
         [[orders]]\nid = \"c\"\ntitle = \"C\"\nrole = \"tester\"\ndepends_on = [\"b\"]\n",
    );
    let cycle = repo.maestro(&["voyage", "import", "v1", "cycle.toml"]);
    snapshot!("voyage_import_cycle", repo, cycle);
    assert!(cycle.usage_error().contains("a -> c -> b -> a"));

    repo.write("orders.toml", ORDERS_TOML);
    repo.maestro(&["voyage", "import", "v1", "orders.toml"])
        .ok();
    let duplicate = repo.maestro(&["voyage", "import", "v1", "orders.toml"]);
    snapshot!("voyage_import_duplicate", repo, duplicate);
    duplicate.usage_error();

    let unknown_voyage = repo.maestro(&["voyage", "import", "nope", "orders.toml"]);
    snapshot!("voyage_import_unknown_voyage", repo, unknown_voyage);
    unknown_voyage.usage_error();

    let missing = repo.maestro(&["voyage", "import", "v1", "missing.toml"]);
    snapshot!("voyage_import_missing_file", repo, missing);
    missing.usage_error();

    // Nothing of the refused files was stored.
    let list = repo.maestro(&["order", "list", "v1", "--json"]);
    let orders: serde_json::Value = serde_json::from_str(list.ok()).expect("JSON");
    let ids: Vec<&str> = orders["orders"]
        .as_array()
        .expect("array")
        .iter()
        .map(|o| o["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["api", "tests"]);
}

#[test]
fn voyage_list_and_show() {
    let repo = Repo::initialised();
    snapshot!("voyage_list_empty", repo, repo.maestro(&["voyage", "list"]));
    repo.maestro(&["voyage", "new", "v1", "--title", "First"])
        .ok();
    repo.maestro(&["voyage", "new", "v2"]).ok();
    repo.maestro(&[
        "order", "add", "v2", "--id", "a", "--title", "A", "--role", "builder",
    ])
    .ok();
    snapshot!("voyage_list", repo, repo.maestro(&["voyage", "list"]));
    snapshot!(
        "voyage_list_json",
        repo,
        repo.maestro(&["voyage", "list", "--json"])
    );
    snapshot!(
        "voyage_show_json",
        repo,
        repo.maestro(&["voyage", "show", "v2", "--json"])
    );
    let unknown = repo.maestro(&["voyage", "show", "v9"]);
    snapshot!("voyage_show_unknown", repo, unknown);
    unknown.usage_error();
}

#[test]
fn the_plain_persona_changes_words_only() {
    let repo = Repo::initialised();
    repo.write(".mso/workspace.json", "{\"persona\": \"plain\"}\n");
    let run = repo.maestro(&["voyage", "new", "s1"]);
    snapshot!("voyage_new_plain", repo, run);
    assert_eq!(
        repo.git(&["rev-parse", "maestro/s1"]),
        repo.git(&["rev-parse", "HEAD"])
    );
    repo.maestro(&[
        "order", "add", "s1", "--id", "a", "--title", "A", "--role", "builder",
    ])
    .ok();
    snapshot!("status_plain", repo, repo.maestro(&["status"]));
}
