//! The half-added worktree of issue 13, reproduced and repaired.

use maestro_tests::GitRepo;

use super::maestro;

/// A one-order voyage `v`, its order `a` pending.
fn one_order() -> GitRepo {
    let repo = GitRepo::with_commit().expect("fixture");
    assert_eq!(maestro(&repo, &["init", "-q"]).0, 0);
    let path = repo.path().join(".mso/workspace.json");
    let mut config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("config")).expect("JSON");
    config["crews"]["sandbox"] = "off".into();
    config["crews"]["retries"] = 0.into();
    std::fs::write(&path, config.to_string()).expect("write");
    assert_eq!(maestro(&repo, &["voyage", "new", "v", "-q"]).0, 0);
    repo.write(
        "orders.toml",
        "[[orders]]\nid = \"a\"\ntitle = \"A\"\nrole = \"builder\"\nagent = { command = [\"sh\", \"-c\", \"echo a > a.txt\"] }\n",
    )
    .expect("orders");
    let (code, _, stderr) = maestro(&repo, &["voyage", "import", "v", "orders.toml", "-q"]);
    assert_eq!(code, 0, "{stderr}");
    repo
}

/// The half-added worktree of issue 13: `.git` files empty, the entry locked `initializing`.
fn half_added(repo: &GitRepo) {
    repo.write(".mso/worktrees/v/a/.git", "").expect("write");
    repo.write(".git/worktrees/a/gitdir", "").expect("write");
    repo.write(".git/worktrees/a/locked", "initializing\n")
        .expect("write");
}

fn assert_healthy(repo: &GitRepo) {
    repo.git(&["fsck", "--no-dangling", "--no-progress"])
        .expect("fsck");
    let list = repo
        .git(&["worktree", "list", "--porcelain"])
        .expect("list");
    assert_eq!(list.matches("worktree ").count(), 1, "{list}");
    repo.git(&["gc", "--prune=now", "--quiet"]).expect("gc");
    assert!(!repo.path().join(".git/worktrees/a").exists());
    assert!(!repo.path().join(".mso/worktrees/v/a").exists());
}

#[test]
fn the_issues_half_added_worktree_is_repaired_by_the_next_run() {
    let repo = one_order();
    half_added(&repo);
    let (code, stdout, stderr) = maestro(&repo, &["run", "v"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert_eq!(repo.git(&["show", "maestro/v:a.txt"]).expect("merged"), "a");
    assert_healthy(&repo);
    let audit = std::fs::read_to_string(repo.path().join(".mso/audit.log")).expect("audit");
    let repairs: Vec<serde_json::Value> = audit
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|e| e["action"] == "worktree.repair")
        .collect();
    let details: Vec<(String, String)> = repairs
        .iter()
        .map(|e| {
            (
                e["details"]["subject"].as_str().unwrap_or("").to_owned(),
                e["details"]["action"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert!(
        details.contains(&(".git/worktrees/a".into(), "removed the entry".into())),
        "{details:?}"
    );
    assert!(
        details.contains(&(".mso/worktrees/v/a".into(), "removed the directory".into())),
        "{details:?}"
    );
    assert!(repairs.iter().all(|e| e["subject"] == "v"));
}

#[test]
fn worktree_prune_repairs_the_same_without_a_run() {
    let repo = one_order();
    half_added(&repo);
    let (code, stdout, stderr) = maestro(&repo, &["worktree", "prune"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(
        stdout.contains("repaired .git/worktrees/a: an interrupted operation (locked: initializing); removed the entry"),
        "{stdout}"
    );
    assert!(
        stdout.contains("repaired .mso/worktrees/v/a: a half-created worktree (its .git is missing or empty); removed the directory"),
        "{stdout}"
    );
    assert_healthy(&repo);
    let (code, stdout, _) = maestro(&repo, &["worktree", "prune"]);
    assert_eq!(code, 0);
    assert!(
        !stdout.contains("repaired"),
        "nothing left to repair: {stdout}"
    );
}
