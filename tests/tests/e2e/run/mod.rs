//! `maestro run` with command crews, in real git repositories with real processes.

use maestro_tests::GitRepo;

mod demo;
mod orders;
mod stops;
mod tiers;
mod worktrees;

fn run(repo: &GitRepo, args: &[&str]) -> (i32, String, String) {
    maestro_tests::outcome(&mut repo.maestro(args).expect("maestro is built"))
}

/// A workspace with voyage `v1` holding the orders of `orders_toml`.
fn workspace(orders_toml: &str, config: &serde_json::Value) -> GitRepo {
    let repo = GitRepo::with_commit().expect("fixture");
    assert_eq!(run(&repo, &["init", "-q"]).0, 0);
    if !config.is_null() {
        repo.write(".mso/workspace.json", &config.to_string())
            .expect("config");
    }
    assert_eq!(run(&repo, &["voyage", "new", "v1", "-q"]).0, 0);
    repo.write("orders.toml", orders_toml).expect("orders");
    let (code, _, stderr) = run(&repo, &["voyage", "import", "v1", "orders.toml", "-q"]);
    assert_eq!(code, 0, "{stderr}");
    repo
}

fn states(repo: &GitRepo) -> Vec<(String, String, u64)> {
    let (code, stdout, stderr) = run(repo, &["status", "v1", "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    value["orders"]
        .as_array()
        .expect("orders")
        .iter()
        .map(|o| {
            (
                o["id"].as_str().expect("id").to_owned(),
                o["state"].as_str().expect("state").to_owned(),
                o["attempts"].as_u64().expect("attempts"),
            )
        })
        .collect()
}

fn s(id: &str, state: &str, attempts: u64) -> (String, String, u64) {
    (id.to_owned(), state.to_owned(), attempts)
}

/// Activates a self-issued offline Pro licence (five crews, every role) in `repo`.
pub(crate) fn pro(repo: &GitRepo) {
    let keys = repo.path().join(".keys-outside-mso");
    assert_eq!(
        run(
            repo,
            &["licence", "keygen", keys.to_str().expect("utf-8"), "-q"]
        )
        .0,
        0
    );
    let (code, token, _) = run(
        repo,
        &[
            "licence",
            "issue",
            "--signing-key",
            keys.join("issuer.key").to_str().expect("utf-8"),
            "--tier",
            "pro",
            "--licensee",
            "e2e",
            "--days",
            "2",
        ],
    );
    assert_eq!(code, 0);
    let path = repo.path().join(".mso/workspace.json");
    let mut config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("config")).expect("JSON");
    config["licence"]["publicKeys"] =
        serde_json::json!([std::fs::read_to_string(keys.join("issuer.pub"))
            .expect("key")
            .trim()]);
    std::fs::write(&path, config.to_string()).expect("write");
    let (code, _, stderr) = run(repo, &["licence", "activate", token.trim(), "-q"]);
    assert_eq!(code, 0, "{stderr}");
}
