use crate::snapshot;
use crate::support::Repo;

#[test]
fn order_add_and_list() {
    let repo = Repo::with_voyage();
    let run = repo.maestro(&[
        "order",
        "add",
        "v1",
        "--id",
        "health",
        "--title",
        "Add a /health endpoint",
        "--role",
        "builder",
        "--prompt",
        "Add GET /health.",
        "--accept",
        "cargo test health",
        "--scope",
        "src/**",
    ]);
    snapshot!(
        repo,
        run,
        @r"
        exit: 0
        --- stdout
        added order health (builder) to voyage v1
        --- stderr
        "
    );
    let run = repo.maestro(&[
        "order",
        "add",
        "v1",
        "--id",
        "health-tests",
        "--title",
        "Test it",
        "--role",
        "tester",
        "--depends-on",
        "health",
        "--json",
    ]);
    snapshot!("order_add_json", repo, run);
    snapshot!(
        repo,
        repo.maestro(&["order", "list", "v1"]),
        @r"
        exit: 0
        --- stdout
        ID            ROLE     STATE    ATTEMPTS  COST  TIME  DEPENDS ON  TITLE
        health        builder  pending  0         -     -     -           Add a /health endpoint
        health-tests  tester   pending  0         -     -     health      Test it
        --- stderr
        "
    );
    snapshot!(
        "order_list_json",
        repo,
        repo.maestro(&["order", "list", "v1", "--json"])
    );

    let stored: serde_json::Value =
        serde_json::from_str(&repo.read(".mso/voyages/v1/orders/health.json")).expect("JSON");
    assert_eq!(stored["spec"]["accept"][0]["run"], "cargo test health");
    assert_eq!(stored["spec"]["scope"][0], "src/**");
}

#[test]
fn order_add_errors() {
    let repo = Repo::with_voyage();
    let add = |args: &[&str]| {
        let mut all = vec!["order", "add", "v1"];
        all.extend_from_slice(args);
        repo.maestro(&all)
    };
    add(&["--id", "a", "--title", "A", "--role", "builder"]).ok();
    let cases = [
        (
            "order_add_duplicate",
            vec!["--id", "a", "--title", "A", "--role", "builder"],
        ),
        (
            "order_add_unknown_dependency",
            vec![
                "--id",
                "b",
                "--title",
                "B",
                "--role",
                "tester",
                "--depends-on",
                "zz",
            ],
        ),
        (
            "order_add_bad_role",
            vec!["--id", "b", "--title", "B", "--role", "pilot"],
        ),
        (
            "order_add_bad_id",
            vec!["--id", "B!", "--title", "B", "--role", "builder"],
        ),
        (
            "order_add_empty_title",
            vec!["--id", "b", "--title", " ", "--role", "builder"],
        ),
        (
            "order_add_bad_scope",
            vec![
                "--id", "b", "--title", "B", "--role", "builder", "--scope", "src/[",
            ],
        ),
        (
            "order_add_self_dependency",
            vec![
                "--id",
                "b",
                "--title",
                "B",
                "--role",
                "builder",
                "--depends-on",
                "b",
            ],
        ),
        ("order_add_missing_role", vec!["--id", "b", "--title", "B"]),
    ];
    for (name, args) in cases {
        let run = add(&args);
        snapshot!(name, repo, run);
        run.usage_error();
    }
    let unknown = repo.maestro(&[
        "order", "add", "v9", "--id", "a", "--title", "A", "--role", "builder",
    ]);
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
    // Only the first order exists.
    let files: Vec<_> = std::fs::read_dir(repo.path().join(".mso/voyages/v1/orders"))
        .expect("dir")
        .map(|e| e.expect("entry").file_name().into_string().expect("utf-8"))
        .filter(|n| !n.starts_with('.'))
        .collect();
    assert_eq!(files, ["a.json"]);
}
