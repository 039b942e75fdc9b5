//! Running a voyage: dependency order, parallel crews, the licence, gates and retries, the
//! budget, one dispatcher per voyage, dry runs, and a configuration change mid-run.

use super::*;

#[tokio::test]
async fn dependencies_are_merged_in_order_and_seen_by_dependents() {
    let agent = ScriptedAgent::default()
        .with("api", vec![writes(&[("src/api.rs", "fn api() {}\n")])])
        .with(
            "tests",
            vec![writes(&[("tests/api.rs", "#[test] fn t() {}\n")])],
        );
    let f = fixture(
        serde_json::json!([
            {"id": "tests", "title": "T", "role": "tester", "depends_on": ["api"],
             "accept": [{"path_exists": "src/api.rs"}]},
            {"id": "api", "title": "A", "role": "builder", "scope": ["src/**"]}
        ]),
        agent,
    );
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["tests", "api"]);
    assert!(summary.all_merged());
    let files = f.isolation.head_files();
    assert!(files.contains_key("src/api.rs") && files.contains_key("tests/api.rs"));
    let order: Vec<String> = f.runs().iter().map(|r| r.order.clone()).collect();
    assert_eq!(order, ["api", "tests"]);
    let report = f.report("tests");
    assert_eq!(report.state, OrderState::Merged);
    assert_eq!(report.attempts.len(), 1);
    assert!(report.attempts[0].gates.iter().all(|g| g.passed));
    assert_eq!(report.attempts[0].changed_files[0].path, "tests/api.rs");
    let actions = f.audit.actions_and_subjects();
    for expected in [
        "order.dispatch v1/api",
        "order.finish v1/api",
        "gate.pass v1/api",
        "merge v1/api",
        "merge v1/tests",
    ] {
        assert!(
            actions.iter().any(|a| a == expected),
            "{expected} in {actions:?}"
        );
    }
    assert_eq!(
        f.store.voyage(&f.voyage.name).expect("voyage").state,
        VoyageState::Finished
    );
    // Merged worktrees are removed.
    assert!(!f.isolation.root.join("api").exists());
}

#[tokio::test]
async fn crews_run_in_parallel_up_to_the_licence_limit() {
    let slow = |file: &str| Step {
        delay_ms: 300,
        ..writes(&[(file, "x\n")])
    };
    let agent = ScriptedAgent::default()
        .with("a", vec![slow("a.txt")])
        .with("b", vec![slow("b.txt")]);
    let orders = serde_json::json!([
        {"id": "a", "title": "A", "role": "builder"},
        {"id": "b", "title": "B", "role": "builder"}
    ]);
    let overlap = |runs: &[Run]| runs[0].start < runs[1].end && runs[1].start < runs[0].end;

    let f = fixture(orders.clone(), agent);
    assert_eq!(f.dispatcher(pro()).concurrency(), 5);
    f.run(pro()).await;
    assert!(overlap(&f.runs()), "two builders in parallel under pro");

    let agent = ScriptedAgent::default()
        .with("a", vec![slow("a.txt")])
        .with("b", vec![slow("b.txt")]);
    let f = fixture(orders, agent);
    assert_eq!(f.dispatcher(community()).concurrency(), 1);
    let summary = f.run(community()).await;
    assert_eq!(summary.merged.len(), 2);
    assert!(!overlap(&f.runs()), "one crew at a time under community");
}

#[tokio::test]
async fn the_community_tier_refuses_a_scribe() {
    let f = fixture(
        serde_json::json!([{"id": "docs", "title": "D", "role": "scribe"}]),
        ScriptedAgent::default(),
    );
    let (_tx, stop) = watch::channel(false);
    let err = f
        .dispatcher(community())
        .run(stop)
        .await
        .expect_err("refused");
    assert_eq!(
        err.to_string(),
        "voyage `v1` cannot be dispatched: order `docs` needs the scribe role, which the community tier does not allow (it allows planner, builder, tester; 1 crew at once)"
    );
    assert!(f.runs().is_empty());
    assert_eq!(f.order("docs").state, OrderState::Pending);
}

#[tokio::test]
async fn a_failed_gate_is_retried_with_its_output_and_can_pass() {
    let agent = ScriptedAgent::default().with(
        "a",
        vec![
            writes(&[("a.txt", "first\n")]),
            writes(&[("ok.txt", "yes\n")]),
        ],
    );
    let f = fixture(
        serde_json::json!([{"id": "a", "title": "A", "role": "builder",
            "accept": [{"run": "test -f ok.txt || { echo 'ok.txt is missing'; exit 1; }"}]}]),
        agent,
    );
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["a"]);
    let runs = f.runs();
    assert_eq!(runs.len(), 2);
    assert!(!runs[0].prompt.contains("Feedback"));
    assert!(
        runs[1]
            .prompt
            .contains("## Feedback from your previous attempt"),
        "{}",
        runs[1].prompt
    );
    assert!(
        runs[1].prompt.contains("ok.txt is missing"),
        "{}",
        runs[1].prompt
    );
    let report = f.report("a");
    let results: Vec<String> = report
        .attempts
        .iter()
        .map(|a| a.result.to_string())
        .collect();
    assert_eq!(
        results,
        [
            "gates failed: run: test -f ok.txt || { echo 'ok.txt is missing'; exit 1; }",
            "passed"
        ]
    );
    assert_eq!(f.order("a").attempts, 2);
    assert!(
        f.order("a").duration_secs.is_some(),
        "crew time is accounted"
    );
}

#[tokio::test]
async fn a_failure_past_the_retries_blocks_the_dependents() {
    let broken = Step {
        success: false,
        ..writes(&[])
    };
    let agent = ScriptedAgent::default().with("a", vec![broken]);
    let f = fixture(
        serde_json::json!([
            {"id": "a", "title": "A", "role": "builder"},
            {"id": "b", "title": "B", "role": "tester", "depends_on": ["a"]},
            {"id": "c", "title": "C", "role": "builder", "depends_on": ["b"]},
            {"id": "free", "title": "F", "role": "builder"},
            {"id": "ship", "title": "S", "role": "releaser"}
        ]),
        agent,
    );
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.failed), ["a"]);
    assert_eq!(ids(&summary.blocked), ["b", "c", "ship"]);
    assert_eq!(ids(&summary.merged), ["free"]);
    assert_eq!(f.order("a").attempts, 2, "one retry");
    assert!(
        f.order("b")
            .feedback
            .expect("why")
            .contains("dependency `a` did not merge")
    );
    assert!(f.runs().iter().all(|r| r.order != "b" && r.order != "ship"));
    assert!(
        f.audit
            .actions_and_subjects()
            .contains(&"order.blocked v1/c".to_owned())
    );
}

#[tokio::test]
async fn scope_and_secret_gates_fail_the_order() {
    let agent = ScriptedAgent::default()
        .with(
            "outside",
            vec![writes(&[("src/ok.rs", "1\n"), ("docs/x.md", "2\n")])],
        )
        .with(
            "leaky",
            vec![writes(&[("config.py", "KEY = 'SECRET_abc'\n")])],
        );
    let mut f = fixture(
        serde_json::json!([
            {"id": "outside", "title": "O", "role": "builder", "scope": ["src/**"]},
            {"id": "leaky", "title": "L", "role": "builder"}
        ]),
        agent,
    );
    f.config.crews.retries = 0;
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.failed), ["outside", "leaky"]);
    let scope = &f.report("outside").attempts[0].gates[0];
    assert_eq!((scope.name.as_str(), scope.passed), ("scope", false));
    assert!(scope.output.contains("docs/x.md"));
    // The secret is found before anything is committed: the only gate is the secrets gate.
    let leaky = f.report("leaky");
    let secrets = &leaky.attempts[0].gates[0];
    assert_eq!((secrets.name.as_str(), secrets.passed), ("secrets", false));
    assert!(
        secrets.output.contains("nothing was committed")
            && secrets.output.contains("config.py:1: test-secret"),
        "{}",
        secrets.output
    );
    assert_eq!(leaky.attempts[0].commit, None);
    assert!(
        !f.isolation
            .repo
            .lock()
            .expect("lock")
            .branches
            .keys()
            .any(|b| b.contains("leaky")),
        "no commit, no branch points at the secret"
    );
    assert!(
        !f.isolation.head_files().contains_key("config.py"),
        "never merged"
    );
    assert!(
        f.audit
            .actions_and_subjects()
            .contains(&"secret.block v1/leaky".to_owned()),
        "{:?}",
        f.audit.actions_and_subjects()
    );
}

#[tokio::test]
async fn a_spent_voyage_budget_starts_no_new_crew() {
    let step = |file: &str| Step {
        cost_usd: Some(0.6),
        ..writes(&[(file, "x\n")])
    };
    let agent = ScriptedAgent::default()
        .with("a", vec![step("a.txt")])
        .with("b", vec![step("b.txt")])
        .with("c", vec![step("c.txt")]);
    let mut f = fixture(
        serde_json::json!([
            {"id": "a", "title": "A", "role": "builder"},
            {"id": "b", "title": "B", "role": "builder", "depends_on": ["a"]},
            {"id": "c", "title": "C", "role": "builder", "depends_on": ["b"]}
        ]),
        agent,
    );
    f.config.crews.voyage_budget_usd = Some(1.0);
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["a", "b"]);
    assert_eq!(ids(&summary.waiting), ["c"]);
    let spent = summary.budget_spent.expect("the budget stopped the run");
    assert!((spent.spent_usd - 1.2).abs() < 1e-9 && (spent.budget_usd - 1.0).abs() < 1e-9);
    assert!(!summary.all_merged());
    assert_eq!(f.order("c").state, OrderState::Pending);
    assert!(f.runs().iter().all(|r| r.order != "c"));
    assert!(
        f.audit
            .actions_and_subjects()
            .iter()
            .any(|a| a.starts_with("voyage.budget"))
    );
    // The report says why the voyage stopped.
    let orders = [f.order("a"), f.order("b"), f.order("c")];
    let text = super::report::markdown(
        &f.voyage,
        &orders,
        &[Some(f.report("a")), Some(f.report("b")), None],
        crate::config::SandboxMode::On,
        Some(1.0),
    );
    assert!(
        text.contains(
            "**Budget spent**: $1.20 of $1.00 (`crews.voyageBudgetUsd`): no new crew starts."
        ),
        "{text}"
    );
}

#[tokio::test]
async fn one_dispatcher_per_voyage() {
    let f = fixture(
        serde_json::json!([{"id": "a", "title": "A", "role": "builder"}]),
        ScriptedAgent::default(),
    );
    let _held = f
        .store
        .try_lock_run(&f.voyage.name)
        .expect("lock")
        .expect("free");
    let (_tx, stop) = watch::channel(false);
    let err = f.dispatcher(pro()).run(stop).await.expect_err("busy");
    assert!(matches!(err, DispatchError::Busy { .. }), "{err}");
}

#[test]
fn waves_for_a_dry_run() {
    let specs: Vec<OrderSpec> = serde_json::from_value(serde_json::json!([
        {"id": "ship", "title": "S", "role": "releaser"},
        {"id": "db", "title": "D", "role": "builder"},
        {"id": "api", "title": "A", "role": "builder", "depends_on": ["db"]},
        {"id": "ui", "title": "U", "role": "builder"},
        {"id": "docs", "title": "Do", "role": "scribe", "depends_on": ["api"]}
    ]))
    .expect("valid");
    let orders: Vec<Order> = specs
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            Order::new(
                s,
                OrderState::Pending,
                u32::try_from(i).expect("small"),
                Timestamp::UNIX_EPOCH,
            )
        })
        .collect();
    let dag = validate("v1", &orders, &pro()).expect("valid");
    let planned = waves(&orders, &dag);
    let names: Vec<Vec<&str>> = planned.iter().map(|w| ids(w)).collect();
    assert_eq!(
        names,
        vec![vec!["db", "ui"], vec!["api"], vec!["docs"], vec!["ship"]]
    );
}

#[tokio::test]
async fn a_change_of_workspace_json_while_crews_run_stops_the_run() {
    let f = fixture(
        serde_json::json!([
            {"id": "slow", "title": "S", "role": "builder"},
            {"id": "later", "title": "L", "role": "builder", "depends_on": ["slow"]}
        ]),
        ScriptedAgent::default().with(
            "slow",
            vec![Step {
                delay_ms: 5_000,
                ..writes(&[("s.txt", "s\n")])
            }],
        ),
    );
    let config_path = f.store.config_path();
    let mut changed = f.config.clone();
    changed.scan.allow = vec!["**".into()];
    let run = f.run(pro());
    let edit = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        std::fs::write(&config_path, changed.to_pretty_json()).expect("edit");
    };
    let (summary, ()) = tokio::join!(run, edit);
    assert!(summary.stopped, "{summary:?}");
    assert_eq!(summary.config_changed, Some(vec!["scan.allow".to_owned()]));
    assert_eq!(ids(&summary.interrupted), ["slow"]);
    assert_eq!(ids(&summary.waiting), ["later"]);
    let actions = f.audit.actions_and_subjects();
    assert!(actions.contains(&"run.start v1".to_owned()), "{actions:?}");
    assert!(
        actions.contains(&"config.change v1".to_owned()),
        "{actions:?}"
    );
    let start = f.audit.events.lock().expect("lock")[0].clone();
    assert_eq!(start.action, "run.start");
    assert_eq!(
        start.details["config_sha256"].as_str().map(str::len),
        Some(64),
        "{start:?}"
    );
}
