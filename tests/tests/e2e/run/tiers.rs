//! What the Community and Pro tiers allow: roles and parallel crews.

use maestro_tests::GitRepo;

use super::{pro, run, s, states, workspace};

#[test]
fn the_community_tier_refuses_a_scribe_before_anything_runs() {
    let orders = "[[orders]]\nid = \"docs\"\ntitle = \"Docs\"\nrole = \"scribe\"\nagent = { command = [\"true\"] }\n";
    let repo = workspace(orders, &serde_json::Value::Null);
    let (code, _, stderr) = run(&repo, &["run", "v1"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr.trim(),
        "error: voyage `v1` cannot be dispatched: order `docs` needs the scribe role, which the community tier does not allow (it allows planner, builder, tester; 1 crew at once)"
    );
    assert_eq!(states(&repo), [s("docs", "pending", 0)]);
}

fn interval(repo: &GitRepo, order: &str) -> (f64, f64) {
    let read = |what: &str| -> f64 {
        repo.git(&["show", &format!("maestro/v1:{order}-{what}")])
            .expect("merged")
            .parse()
            .expect("a time")
    };
    (read("start"), read("end"))
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn builders_run_in_parallel_under_pro_and_one_at_a_time_under_community() {
    let orders = "[[orders]]\nid = \"a\"\ntitle = \"A\"\nrole = \"builder\"\nagent = { command = [\"sh\", \"-c\", \"date +%s.%N > a-start; sleep 1; date +%s.%N > a-end\"] }\n\n\
                  [[orders]]\nid = \"b\"\ntitle = \"B\"\nrole = \"builder\"\nagent = { command = [\"sh\", \"-c\", \"date +%s.%N > b-start; sleep 1; date +%s.%N > b-end\"] }\n";
    for (paid, overlap) in [(true, true), (false, false)] {
        let repo = workspace(orders, &serde_json::Value::Null);
        if paid {
            pro(&repo);
        }
        let (code, stdout, stderr) = run(&repo, &["run", "v1"]);
        assert_eq!(code, 0, "{stdout}\n{stderr}");
        let (a, b) = (interval(&repo, "a"), interval(&repo, "b"));
        assert_eq!(a.0 < b.1 && b.0 < a.1, overlap, "pro: {paid}: {a:?} {b:?}");
    }
}
