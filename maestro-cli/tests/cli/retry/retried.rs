//! A failed order retried, as it was or edited, until the voyage merges.

use super::*;

#[test]
fn a_failed_voyage_becomes_merged_once_the_cause_is_fixed_and_its_order_retried() {
    let repo = failed_voyage();

    // Running it again does nothing, and says so in one line.
    let before = repo.state();
    let again = repo.maestro(&["run", "v1"]);
    snapshot!(
        repo,
        again,
        @r"
        exit: 1
        --- stdout
        --- stderr
        error: nothing to run in voyage v1: api (failed), docs (blocked by api); `maestro order retry v1 --failed` puts the failed ones and what they block back to pending
        "
    );
    assert_eq!(again.code, 1);
    assert_eq!(again.stderr.lines().count(), 1, "{}", again.stderr);
    assert_eq!(
        repo.state(),
        before,
        "a run with nothing to run writes nothing"
    );
    // The dry run shows the same: no wave, and what puts the orders back.
    snapshot!(
        repo,
        repo.maestro(&["run", "v1", "--dry-run"]),
        @r"
        exit: 0
        --- stdout
        voyage v1: 0 orders in 0 wave(s), at most 1 crew at once (community tier)
        not run: api (failed), docs (blocked by api); `maestro order retry v1 --failed` puts the failed ones and what they block back to pending
        --- stderr
        "
    );
    let dry = repo.maestro(&["run", "v1", "--dry-run", "--json"]);
    let value: serde_json::Value = serde_json::from_str(dry.ok()).expect("JSON");
    assert_eq!(value["waves"], serde_json::json!([]));
    assert_eq!(value["held"][0]["id"], "api");
    assert_eq!(value["held"][1]["reason"], "blocked by api");

    // The fix: the file the gate wants, committed onto the voyage branch.
    repo.git(&["checkout", "-q", "maestro/v1"]);
    repo.write("fixed.txt", "fixed\n");
    repo.git(&["add", "fixed.txt"]);
    repo.git(&["commit", "-q", "-m", "the fix"]);
    repo.git(&["checkout", "-q", "main"]);

    let retry = repo.maestro(&["order", "retry", "v1", "api"]);
    snapshot!(
        repo,
        retry,
        @r"
        exit: 0
        --- stdout
        order api: failed -> pending, with a fresh attempt budget
        order docs: blocked -> pending, nothing blocks it any more
        `maestro run v1` dispatches them
        --- stderr
        "
    );
    retry.ok();
    assert_eq!(
        states(&repo),
        [s("api", "pending", 1), s("docs", "pending", 0)]
    );
    snapshot!(
        repo,
        repo.maestro(&["run", "v1", "--dry-run"]),
        @r"
        exit: 0
        --- stdout
        voyage v1: 2 orders in 2 wave(s), at most 1 crew at once (community tier)
          wave 1: api
          wave 2: docs
        --- stderr
        "
    );

    let run = repo.maestro(&["run", "v1"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(
        states(&repo),
        [s("api", "merged", 2), s("docs", "merged", 1)]
    );
    assert_eq!(repo.git(&["show", "maestro/v1:docs.txt"]), "api");
    assert_eq!(repo.git(&["show", "maestro/v1:fixed.txt"]), "fixed");
    assert_eq!(
        repo.git(&["log", "--format=%s", "maestro/v1"]),
        "docs: Document the API\napi: Write the API\nthe fix\nfirst"
    );
    assert_git_is_sound(&repo);

    // The report keeps both attempts of `api`; the audit log has the retry.
    let report = repo.maestro(&["report", "v1", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(report.ok()).expect("JSON");
    let attempts = value["orders"][0]["attempts_detail"]
        .as_array()
        .expect("attempts");
    assert_eq!(attempts.len(), 2, "{attempts:?}");
    assert!(
        attempts[0]["result"]
            .as_str()
            .is_some_and(|r| r.starts_with("gates failed")),
        "{attempts:?}"
    );
    assert_eq!(attempts[1]["result"], "passed");
    let audit = audited(&repo);
    assert!(audit.contains(&("order.retry".into(), "v1/api".into())));
    assert!(audit.contains(&("order.retry".into(), "v1/docs".into())));
    repo.maestro(&["audit", "verify"]).ok();
}

#[test]
fn an_edited_order_retried_with_failed_merges() {
    let repo = failed_voyage();
    let edit = repo.maestro(&["order", "edit", "v1", "api", "--accept", "test -f api.txt"]);
    snapshot!(
        repo,
        edit,
        @r"
        exit: 0
        --- stdout
        edited order api of voyage v1: accept (it stays failed: `maestro order retry v1 api` puts it back to pending)
        --- stderr
        "
    );
    edit.ok();
    assert_eq!(
        states(&repo),
        [s("api", "failed", 1), s("docs", "blocked", 0)],
        "an edit keeps the state"
    );
    let retry = repo.maestro(&["order", "retry", "v1", "--failed", "--json"]);
    snapshot!("order_retry_failed_json", repo, retry);
    retry.ok();
    let run = repo.maestro(&["run", "v1"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(
        states(&repo),
        [s("api", "merged", 2), s("docs", "merged", 1)]
    );
    assert_git_is_sound(&repo);
    // Nothing is left to run: a run says so and succeeds.
    let done = repo.maestro(&["run", "v1"]);
    assert_eq!(
        done.ok(),
        "v1: every order is merged already; nothing to run\n"
    );
    // With nothing failed, --failed has nothing to do.
    let none = repo.maestro(&["order", "retry", "v1", "--failed"]);
    assert_eq!(
        none.ok(),
        "no failed orders in voyage v1: nothing to retry\n"
    );
}
