//! Merging: conflicts, worktrees handed on between crews, and crews that change nothing.

use super::*;

#[tokio::test]
async fn a_conflict_is_redispatched_once_on_the_new_head() {
    let slow_writer = |content: &str, delay_ms| Step {
        delay_ms,
        ..writes(&[("shared.txt", content)])
    };
    let agent = ScriptedAgent::default()
        .with("first", vec![slow_writer("first\n", 50)])
        .with(
            "second",
            vec![
                slow_writer("second\n", 300),
                slow_writer("first\nsecond\n", 0),
            ],
        );
    let f = fixture(
        serde_json::json!([
            {"id": "first", "title": "1", "role": "builder"},
            {"id": "second", "title": "2", "role": "builder"}
        ]),
        agent,
    );
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["first", "second"]);
    assert_eq!(f.isolation.head_files()["shared.txt"], "first\nsecond\n");
    let second = f.order("second");
    assert_eq!((second.conflicts, second.attempts), (1, 2));
    let runs = f.runs();
    let redo = runs
        .iter()
        .find(|r| r.order == "second" && r.attempt == 2)
        .expect("re-dispatched");
    assert!(
        redo.prompt
            .contains("conflicted with work merged meanwhile"),
        "{}",
        redo.prompt
    );
    assert!(redo.prompt.contains("shared.txt"));
    assert!(
        f.audit
            .actions_and_subjects()
            .contains(&"order.conflict v1/second".to_owned())
    );
    // The report tells the conflict and its re-dispatch.
    let report = f.report("second");
    assert_eq!(
        report.attempts[0].result,
        super::report::AttemptResult::Conflict {
            paths: vec!["shared.txt".into()],
            redispatched: true
        }
    );
    assert_eq!(
        report.attempts[0].result.to_string(),
        "conflict in shared.txt: re-dispatched on the new voyage head"
    );
    let orders = [f.order("first"), second];
    let text = super::report::markdown(
        &f.voyage,
        &orders,
        &[Some(f.report("first")), Some(report)],
        crate::config::SandboxMode::On,
        None,
    );
    assert!(
        text.contains(
            "- `second`: 1: conflict in shared.txt: re-dispatched on the new voyage head; 2: "
        ),
        "{text}"
    );
}

#[tokio::test]
async fn merged_crews_hand_their_worktrees_on_and_none_is_left_at_the_end() {
    let agent = ScriptedAgent::default();
    let orders: Vec<serde_json::Value> = (1..=6)
        .map(|i| serde_json::json!({"id": format!("o{i}"), "title": "t", "role": "builder"}))
        .collect();
    let fx = fixture(serde_json::Value::Array(orders), agent);
    let summary = fx.run(pro()).await;
    assert_eq!(summary.merged.len(), 6);
    // Six orders, at most five crews at once: at least one worktree was handed on, only
    // from orders that had merged, and each to an order that had not started.
    let recycled = fx.isolation.recycled.lock().expect("lock").clone();
    assert!(!recycled.is_empty());
    for (from, to) in &recycled {
        let from_order = from
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert_eq!(fx.order(&from_order).state, OrderState::Merged);
        assert_ne!(&from_order, to);
    }
    // The spare worktrees were released when the run ended.
    let left: Vec<_> = std::fs::read_dir(&fx.isolation.root)
        .expect("readable")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[tokio::test]
async fn a_crew_that_changes_nothing_is_reported_as_such_not_as_merged_work() {
    let f = fixture(
        serde_json::json!([
            {"id": "idle", "title": "I", "role": "tester"},
            {"id": "next", "title": "N", "role": "builder", "depends_on": ["idle"]}
        ]),
        ScriptedAgent::default().with("next", vec![writes(&[("n.txt", "n\n")])]),
    );
    let summary = f.run(pro()).await;
    assert!(summary.all_merged(), "{summary:?}");
    assert_eq!(ids(&summary.unchanged), ["idle"]);
    // Its dependent still ran: an order with nothing to merge is settled.
    assert_eq!(ids(&summary.merged), ["idle", "next"]);
    let idle = f.report("idle");
    assert!(idle.nothing_to_merge && idle.merged_head.is_none());
    assert!(!f.report("next").nothing_to_merge);
    let actions = f.audit.actions_and_subjects();
    assert!(
        actions.contains(&"order.unchanged v1/idle".to_owned()),
        "{actions:?}"
    );
    assert!(actions.contains(&"merge v1/next".to_owned()), "{actions:?}");
}

#[test]
fn attempt_results_read_back_from_their_line() {
    use super::report::AttemptResult;
    let results = [
        AttemptResult::Passed,
        AttemptResult::Interrupted,
        AttemptResult::Paused {
            reason: "usage limit (five_hour)".into(),
        },
        AttemptResult::Conflict {
            paths: vec!["a.txt".into(), "b/c.txt".into()],
            redispatched: true,
        },
        AttemptResult::Conflict {
            paths: vec!["a.txt".into()],
            redispatched: false,
        },
        AttemptResult::Failed {
            reason: "gates failed: secrets".into(),
        },
    ];
    for result in results {
        let json = serde_json::to_value(&result).expect("serialises");
        assert!(json.is_string(), "{json}");
        let back: AttemptResult = serde_json::from_value(json).expect("reads back");
        assert_eq!(back, result);
    }
    // A line written before the type existed reads as what it says.
    let old: AttemptResult = serde_json::from_str("\"timed out after 1s\"").expect("reads");
    assert_eq!(
        old,
        AttemptResult::Failed {
            reason: "timed out after 1s".into()
        }
    );
}
