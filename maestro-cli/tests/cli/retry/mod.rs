//! Fix and rerun: `maestro order retry|edit|remove`, `voyage import --replace`, `voyage remove`,
//! and what `run` (and `run --dry-run`) does with failed and blocked orders. Real crews (command
//! agents, unsandboxed: these tests do not need bubblewrap), real git.

mod refusals;
mod removal;
mod replace;
mod retried;

use crate::snapshot;
use crate::support::Repo;

/// `api` writes api.txt but its gate wants fixed.txt, which nothing writes; `docs` needs `api`.
const FAILING: &str = r#"
[[orders]]
id = "api"
title = "Write the API"
role = "builder"
agent = { command = ["sh", "-c", "echo api > api.txt"] }
[[orders.accept]]
run = "test -f fixed.txt"

[[orders]]
id = "docs"
title = "Document the API"
role = "tester"
depends_on = ["api"]
agent = { command = ["sh", "-c", "cat api.txt > docs.txt"] }
"#;

/// A workspace whose crews run unsandboxed with one attempt per order, and voyage `v1` holding
/// `orders`.
pub fn voyage_of(orders: &str) -> Repo {
    let repo = Repo::initialised();
    let mut config: serde_json::Value =
        serde_json::from_str(&repo.read(".mso/workspace.json")).expect("JSON");
    config["crews"]["sandbox"] = "off".into();
    config["crews"]["retries"] = 0.into();
    config["agent"]["kind"] = "command".into();
    config["agent"]["program"] = "true".into();
    repo.write(
        ".mso/workspace.json",
        &serde_json::to_string_pretty(&config).expect("JSON"),
    );
    repo.maestro(&["voyage", "new", "v1"]).ok();
    repo.write("orders.toml", orders);
    repo.maestro(&["voyage", "import", "v1", "orders.toml"])
        .ok();
    repo
}

/// Each order's id, state and attempts, from `status --json`.
pub fn states(repo: &Repo) -> Vec<(String, String, u64)> {
    let run = repo.maestro(&["status", "v1", "--json"]);
    let value: serde_json::Value = serde_json::from_str(run.ok()).expect("JSON");
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

pub fn s(id: &str, state: &str, attempts: u64) -> (String, String, u64) {
    (id.to_owned(), state.to_owned(), attempts)
}

/// `v1` run once: `api` failed, `docs` blocked.
fn failed_voyage() -> Repo {
    let repo = voyage_of(FAILING);
    let run = repo.maestro(&["run", "v1"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert_eq!(
        states(&repo),
        [s("api", "failed", 1), s("docs", "blocked", 0)]
    );
    repo
}

/// The audit log's actions with their subjects.
fn audited(repo: &Repo) -> Vec<(String, String)> {
    repo.read(".mso/audit.log")
        .lines()
        .map(|line| {
            let entry: serde_json::Value = serde_json::from_str(line).expect("JSON");
            (
                entry["action"].as_str().expect("action").to_owned(),
                entry["subject"].as_str().expect("subject").to_owned(),
            )
        })
        .collect()
}

fn assert_git_is_sound(repo: &Repo) {
    repo.git(&["fsck", "--no-progress", "--strict"]);
    repo.git(&["worktree", "list"]);
    repo.git(&["gc", "--prune=now", "--quiet"]);
}
