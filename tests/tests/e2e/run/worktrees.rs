//! Crews' worktrees: pruned, bootstrapped, and reused between orders.

use maestro_tests::GitRepo;

use super::{run, workspace};

/// Commits `.gitignore` with `patterns` on `main` and moves the voyage branch there, so crews
/// start from it too.
fn ignore_on_voyage(repo: &GitRepo, patterns: &str) {
    repo.write(".gitignore", patterns).expect("write");
    repo.git(&["add", ".gitignore"]).expect("add");
    repo.git(&["commit", "-q", "-m", "ignore"]).expect("commit");
    repo.git(&["branch", "-f", "maestro/v1", "HEAD"])
        .expect("branch");
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn prune_keeps_unmerged_worktrees_unless_forced_and_never_their_branches() {
    let orders = "[[orders]]\nid = \"bad\"\ntitle = \"Fails\"\nrole = \"builder\"\nagent = { command = [\"sh\", \"-c\", \"echo work > w.txt\"] }\n[[orders.accept]]\nrun = \"false\"\n";
    let repo = workspace(orders, &serde_json::json!({"crews": {"retries": 0}}));
    assert_eq!(run(&repo, &["run", "v1"]).0, 1);
    let (_, listed, _) = run(&repo, &["worktree", "list", "--json"]);
    let listed: serde_json::Value = serde_json::from_str(&listed).expect("JSON");
    assert_eq!(listed["worktrees"][0]["order"], "bad");
    assert_eq!(listed["worktrees"][0]["merged"], false);
    // The failed crew's work is kept for inspection: prune refuses it.
    let (code, stdout, _) = run(&repo, &["worktree", "prune"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("kept .mso/worktrees/v1/bad: not merged"),
        "{stdout}"
    );
    assert!(repo.path().join(".mso/worktrees/v1/bad/w.txt").exists());
    // Dirty too: still refused without --force.
    std::fs::write(repo.path().join(".mso/worktrees/v1/bad/extra.txt"), "x").expect("write");
    run(&repo, &["worktree", "prune"]);
    assert!(repo.path().join(".mso/worktrees/v1/bad").exists());
    let (code, _, _) = run(&repo, &["worktree", "prune", "--force"]);
    assert_eq!(code, 0);
    assert!(!repo.path().join(".mso/worktrees/v1/bad").exists());
    assert!(
        !repo
            .git(&["rev-parse", "maestro-crew/v1/bad"])
            .expect("the unmerged branch stays")
            .is_empty()
    );
    assert_eq!(
        repo.git(&["worktree", "list", "--porcelain"])
            .expect("list")
            .matches("worktree ")
            .count(),
        1
    );
    repo.git(&["fsck", "--no-progress"]).expect("fsck clean");
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn worktrees_are_bootstrapped_with_setup_and_copied_files() {
    let orders = "[[orders]]\nid = \"a\"\ntitle = \"A\"\nrole = \"builder\"\nagent = { command = [\"sh\", \"-c\", \"test -f .deps/installed && cat .env.local > seen.txt\"] }\n";
    let config = serde_json::json!({"worktrees": {"setup": "mkdir -p .deps && touch .deps/installed", "copy": [".env.local"]}});
    let repo = workspace(orders, &config);
    ignore_on_voyage(
        &repo,
        ".deps/\n.env.local\norders.toml\n.keys-outside-mso/\nresume\nfirst-runs\n",
    );
    repo.write(".env.local", "API_URL=http://localhost:8080\n")
        .expect("write");
    let (code, stdout, stderr) = run(&repo, &["run", "v1"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert_eq!(
        repo.git(&["show", "maestro/v1:seen.txt"]).expect("merged"),
        "API_URL=http://localhost:8080"
    );
    assert!(
        repo.git(&["show", "maestro/v1:.deps/installed"]).is_err(),
        "generated files stay out"
    );

    // A failing setup is the order's failure, with its output in the report.
    let orders = "[[orders]]\nid = \"b\"\ntitle = \"B\"\nrole = \"builder\"\nagent = { command = [\"true\"] }\n";
    let config = serde_json::json!({"worktrees": {"setup": "echo npm ERR! missing lockfile; exit 3"}, "crews": {"retries": 0}});
    let repo = workspace(orders, &config);
    assert_eq!(run(&repo, &["run", "v1"]).0, 1);
    let report = std::fs::read_to_string(repo.path().join(".mso/voyages/v1/reports/b.json"))
        .expect("report");
    assert!(
        report.contains("setup failed") && report.contains("npm ERR! missing lockfile"),
        "{report}"
    );
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_merged_crews_worktree_is_reused_for_the_next_order_and_starts_clean() {
    // Under the community tier the crews run one after the other, so `b` gets `a`'s worktree.
    let orders = r#"
[[orders]]
id = "a"
title = "A"
role = "builder"
agent = { command = ["sh", "-c", "echo a > a.txt && mkdir -p build && echo cached > build/cache.bin && echo log > run.log"] }
[[orders.accept]]
run = "echo 'changed by a gate' >> a.txt"

[[orders]]
id = "b"
title = "B"
role = "builder"
depends_on = ["a"]
agent = { command = ["sh", "-c", "{ test -e build && echo build left; test -e run.log && echo log left; cat a.txt; cat .git; } > seen.txt"] }
"#;
    let repo = workspace(orders, &serde_json::Value::Null);
    ignore_on_voyage(&repo, "build/\n*.log\norders.toml\n");
    let (code, stdout, stderr) = run(&repo, &["run", "v1"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    let seen = repo.git(&["show", "maestro/v1:seen.txt"]).expect("merged");
    let lines: Vec<&str> = seen.lines().collect();
    assert_eq!(
        lines[0], "a",
        "b saw a's merged work, not its ignored files or the gate's uncommitted change: {seen}"
    );
    assert!(
        lines[1].starts_with("gitdir: ") && lines[1].ends_with("/worktrees/a"),
        "b worked in a's recycled worktree: {seen}"
    );
    assert_eq!(lines.len(), 2, "{seen}");
    // Nothing is left behind, and git finds everything consistent.
    let worktrees = repo
        .git(&["worktree", "list", "--porcelain"])
        .expect("list");
    assert_eq!(worktrees.matches("worktree ").count(), 1, "{worktrees}");
    assert!(!repo.path().join(".mso/worktrees/v1/a").exists());
    assert!(!repo.path().join(".mso/worktrees/v1/b").exists());
    assert_eq!(
        repo.git(&["branch", "--list", "maestro-crew/*"])
            .expect("branches"),
        "",
        "merged crew branches are deleted, the recycled one's too"
    );
    repo.git(&["fsck", "--no-progress"]).expect("fsck clean");
}
