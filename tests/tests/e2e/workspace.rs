//! The workspace foundation as a user meets it: init, a voyage, orders, status.

use maestro_tests::GitRepo;

fn run(repo: &GitRepo, args: &[&str]) -> (i32, String, String) {
    maestro_tests::outcome(&mut repo.maestro(args).expect("maestro is built"))
}

#[test]
fn a_voyage_from_init_to_status() {
    let repo = GitRepo::with_commit().expect("fixture");
    assert_eq!(run(&repo, &["init"]).0, 0);
    assert_eq!(
        run(&repo, &["voyage", "new", "v1", "--title", "Health"]).0,
        0
    );
    repo.write(
        "orders.toml",
        "[[orders]]\nid = \"api\"\ntitle = \"API\"\nrole = \"builder\"\n\n\
         [[orders]]\nid = \"tests\"\ntitle = \"Tests\"\nrole = \"tester\"\ndepends_on = [\"api\"]\n",
    )
    .expect("write");
    let (code, _, stderr) = run(&repo, &["voyage", "import", "v1", "orders.toml"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = run(&repo, &["status", "v1", "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let status: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(status["voyage"], "v1");
    let order_states: Vec<&str> = status["orders"]
        .as_array()
        .expect("orders")
        .iter()
        .map(|o| o["state"].as_str().expect("state"))
        .collect();
    assert_eq!(order_states, ["pending", "pending"]);
    // git agrees: the voyage branch exists at HEAD, the repository is consistent, and
    // maestro's state is invisible to git.
    assert_eq!(
        repo.git(&["rev-parse", "maestro/v1"]).expect("branch"),
        repo.git(&["rev-parse", "HEAD"]).expect("head")
    );
    repo.git(&["fsck", "--no-progress"]).expect("fsck clean");
    assert_eq!(
        repo.git(&["status", "--porcelain"]).expect("status"),
        "?? orders.toml"
    );
}

#[test]
fn the_binary_reports_its_version() {
    let repo = GitRepo::new().expect("fixture");
    let (code, stdout, _) = run(&repo, &["--version"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout.trim(),
        format!("maestro {}", env!("CARGO_PKG_VERSION"))
    );
}
