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
    snapshot!(
        repo,
        run,
        @r"
        exit: 0
        --- stdout
        created voyage v1 on branch maestro/v1 at [SHORT] (HEAD)
        --- stderr
        "
    );
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
    snapshot!(
        repo,
        exists,
        @r"
        exit: 2
        --- stdout
        --- stderr
        error: voyage `v1` already exists
        "
    );
    exists.usage_error();

    let bad_base = repo.maestro(&["voyage", "new", "v2", "--base", "no-such-ref"]);
    snapshot!(
        repo,
        bad_base,
        @r"
        exit: 2
        --- stdout
        --- stderr
        error: voyage `v2`: cannot resolve its base `no-such-ref`: no commit named `no-such-ref` in this repository
        "
    );
    bad_base.usage_error();
    assert!(
        !repo.path().join(".mso/voyages/v2").exists(),
        "no partial state"
    );

    // A branch of that name made outside maestro is not taken over.
    repo.git(&["branch", "maestro/v3"]);
    let branch_exists = repo.maestro(&["voyage", "new", "v3"]);
    snapshot!(
        repo,
        branch_exists,
        @r"
        exit: 2
        --- stdout
        --- stderr
        error: voyage `v3`: cannot create branch maestro/v3: branch `maestro/v3` already exists
        "
    );
    branch_exists.usage_error();
    assert!(
        !repo.path().join(".mso/voyages/v3").exists(),
        "no partial state"
    );

    let bad_name = repo.maestro(&["voyage", "new", "Bad_Name"]);
    snapshot!(
        repo,
        bad_name,
        @r"
        exit: 2
        --- stdout
        --- stderr
        error: invalid value 'Bad_Name' for '<NAME>': voyage name `Bad_Name` must match [a-z0-9][a-z0-9-]* (lowercase letters, digits and '-') (see `maestro voyage new --help`)
        "
    );
    bad_name.usage_error();
}

#[test]
fn commands_need_an_initialised_workspace() {
    let repo = Repo::new();
    let run = repo.maestro(&["voyage", "new", "v1"]);
    snapshot!(
        repo,
        run,
        @r"
        exit: 2
        --- stdout
        --- stderr
        error: [REPO] is not initialised: it has no .mso/workspace.json; run `maestro init` first
        "
    );
    run.usage_error();
    assert_eq!(repo.git(&["branch", "--list", "maestro/*"]), "");
}

#[test]
fn voyage_import_toml_and_json() {
    let repo = Repo::with_voyage();
    let file = repo.write("orders.toml", ORDERS_TOML);
    let run = repo.maestro(&["voyage", "import", "v1", file.to_str().expect("utf-8")]);
    snapshot!(
        repo,
        run,
        @r"
        exit: 0
        --- stdout
        imported 2 orders into voyage v1: api, tests
        --- stderr
        "
    );
    let stored: serde_json::Value =
        serde_json::from_str(&repo.read(".mso/voyages/v1/orders/api.json")).expect("JSON");
    assert_eq!(stored["state"], "pending");
    assert_eq!(stored["spec"]["accept"][0]["timeout_secs"], 600);

    repo.write(
        "more.json",
        r#"{"orders": [{"id": "docs", "title": "Docs", "role": "scribe", "depends_on": ["api"]}]}"#,
    );
    let run = repo.maestro(&["voyage", "import", "v1", "more.json", "--json"]);
    snapshot!(
        repo,
        run,
        @r#"
        exit: 0
        --- stdout
        {
          "added": [
            "docs"
          ],
          "voyage": "v1"
        }
        --- stderr
        "#
    );
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
    snapshot!(
        repo,
        cycle,
        @r"
        exit: 2
        --- stdout
        --- stderr
        error: cycle.toml: line 2, column 6: dependency cycle: a -> c -> b -> a
        "
    );
    assert!(cycle.usage_error().contains("a -> c -> b -> a"));

    repo.write("orders.toml", ORDERS_TOML);
    repo.maestro(&["voyage", "import", "v1", "orders.toml"])
        .ok();
    let duplicate = repo.maestro(&["voyage", "import", "v1", "orders.toml"]);
    snapshot!(
        repo,
        duplicate,
        @r"
        exit: 2
        --- stdout
        --- stderr
        error: orders.toml: line 3, column 6: order `api` already exists in voyage `v1`
        "
    );
    duplicate.usage_error();

    let unknown_voyage = repo.maestro(&["voyage", "import", "nope", "orders.toml"]);
    snapshot!(
        repo,
        unknown_voyage,
        @r"
        exit: 2
        --- stdout
        --- stderr
        error: no voyage named `nope`
        "
    );
    unknown_voyage.usage_error();

    let missing = repo.maestro(&["voyage", "import", "v1", "missing.toml"]);
    snapshot!(
        repo,
        missing,
        @r"
        exit: 2
        --- stdout
        --- stderr
        error: missing.toml: cannot read: No such file or directory (os error 2)
        "
    );
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
    snapshot!(
        repo,
        repo.maestro(&["voyage", "list"]),
        @r"
        exit: 0
        --- stdout
        no voyages yet (create one with `maestro voyage new <name>`)
        --- stderr
        "
    );
    repo.maestro(&["voyage", "new", "v1", "--title", "First"])
        .ok();
    repo.maestro(&["voyage", "new", "v2"]).ok();
    repo.maestro(&[
        "order", "add", "v2", "--id", "a", "--title", "A", "--role", "builder",
    ])
    .ok();
    snapshot!(
        repo,
        repo.maestro(&["voyage", "list"]),
        @r"
        exit: 0
        --- stdout
        NAME  STATE  ORDERS  BRANCH      TITLE
        v1    open   0       maestro/v1  First
        v2    open   1       maestro/v2  v2
        --- stderr
        "
    );
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
    snapshot!(
        repo,
        unknown,
        @r"
        exit: 2
        --- stdout
        --- stderr
        error: no voyage named `v9`
        "
    );
    unknown.usage_error();
}

#[test]
fn the_plain_persona_changes_words_only() {
    let repo = Repo::initialised();
    repo.write(".mso/workspace.json", "{\"persona\": \"plain\"}\n");
    let run = repo.maestro(&["voyage", "new", "s1"]);
    snapshot!(
        repo,
        run,
        @r"
        exit: 0
        --- stdout
        created sprint s1 on branch maestro/s1 at [SHORT] (HEAD)
        --- stderr
        "
    );
    assert_eq!(
        repo.git(&["rev-parse", "maestro/s1"]),
        repo.git(&["rev-parse", "HEAD"])
    );
    repo.maestro(&[
        "order", "add", "s1", "--id", "a", "--title", "A", "--role", "builder",
    ])
    .ok();
    snapshot!(
        repo,
        repo.maestro(&["status"]),
        @r"
        exit: 0
        --- stdout
        Sprint s1 (open) on maestro/s1: 1 task: 1 pending
        ID  ROLE     STATE    ATTEMPTS  COST  TIME  DEPENDS ON  TITLE
        a   builder  pending  0         -     -     -           A
        --- stderr
        "
    );
}
