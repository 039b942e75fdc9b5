use crate::snapshot;
use crate::support::Repo;

#[test]
fn status_shows_states_as_stored_and_the_graph() {
    let repo = Repo::with_voyage();
    repo.write(
        "orders.toml",
        "[[orders]]\nid = \"db\"\ntitle = \"Schema\"\nrole = \"builder\"\n\n\
         [[orders]]\nid = \"api\"\ntitle = \"API\"\nrole = \"builder\"\ndepends_on = [\"db\"]\n\n\
         [[orders]]\nid = \"docs\"\ntitle = \"Docs\"\nrole = \"scribe\"\ndepends_on = [\"api\", \"db\"]\n",
    );
    repo.maestro(&["voyage", "import", "v1", "orders.toml"])
        .ok();
    // Simulate progress as a dispatcher would store it.
    let path = ".mso/voyages/v1/orders/db.json";
    let mut order: serde_json::Value = serde_json::from_str(&repo.read(path)).expect("JSON");
    order["state"] = "merged".into();
    order["attempts"] = 2.into();
    order["cost_usd"] = 0.4231.into();
    order["duration_secs"] = 95.0.into();
    repo.write(path, &serde_json::to_string_pretty(&order).expect("JSON"));

    snapshot!("status_text", repo, repo.maestro(&["status"]));
    snapshot!(
        "status_voyage_json",
        repo,
        repo.maestro(&["status", "v1", "--json"])
    );
    repo.maestro(&["voyage", "new", "v2"]).ok();
    snapshot!("status_all_json", repo, repo.maestro(&["status", "--json"]));
    let unknown = repo.maestro(&["status", "nope"]);
    snapshot!(
        repo,
        unknown,
        @r"
        exit: 2
        --- stdout
        --- stderr
        error: no voyage named `nope`
        "
    );
    unknown.usage_error();
}

#[test]
fn status_with_no_voyages() {
    let repo = Repo::initialised();
    snapshot!(
        repo,
        repo.maestro(&["status"]),
        @r"
        exit: 0
        --- stdout
        no voyages yet
        --- stderr
        "
    );
}

#[test]
fn a_hand_broken_order_file_names_the_file_and_path() {
    let repo = Repo::with_voyage();
    repo.maestro(&[
        "order", "add", "v1", "--id", "a", "--title", "A", "--role", "builder",
    ])
    .ok();
    let path = ".mso/voyages/v1/orders/a.json";
    let text = repo.read(path).replace("\"builder\"", "\"bilder\"");
    repo.write(path, &text);
    let run = repo.maestro(&["status"]);
    snapshot!(
        repo,
        run,
        @r"
        exit: 2
        --- stdout
        --- stderr
        error: [REPO]/.mso/voyages/v1/orders/a.json: at `spec.role` (line 5, column 20): unknown variant `bilder`, expected one of `planner`, `builder`, `tester`, `scribe`, `security`, `releaser`
        "
    );
    let line = run.usage_error();
    assert!(
        line.contains(".mso/voyages/v1/orders/a.json: at `spec.role`"),
        "{line}"
    );
}
