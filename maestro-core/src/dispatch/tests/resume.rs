//! Stopping and resuming: interrupted crews, resumed sessions, and what a killed dispatcher
//! left behind.

use super::*;

#[tokio::test]
async fn stop_interrupts_and_the_next_run_resumes() {
    let agent = ScriptedAgent::default()
        .with(
            "slow",
            vec![
                Step {
                    delay_ms: 30_000,
                    ..writes(&[("s.txt", "s\n")])
                },
                writes(&[("s.txt", "s\n")]),
            ],
        )
        .with("done", vec![writes(&[("d.txt", "d\n")])]);
    let f = fixture(
        serde_json::json!([
            {"id": "done", "title": "D", "role": "builder"},
            {"id": "slow", "title": "S", "role": "builder"}
        ]),
        agent,
    );
    let (tx, stop) = watch::channel(false);
    let dispatcher = f.dispatcher(pro());
    let handle = tokio::spawn(dispatcher.run(stop));
    tokio::time::sleep(Duration::from_millis(400)).await;
    tx.send(true).expect("dispatcher listening");
    let summary = handle.await.expect("joined").expect("run");
    assert!(summary.stopped);
    assert_eq!(ids(&summary.interrupted), ["slow"]);
    assert_eq!(ids(&summary.merged), ["done"]);
    assert_eq!(
        f.store.voyage(&f.voyage.name).expect("v").state,
        VoyageState::Open
    );

    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["done", "slow"]);
    let runs: Vec<(String, u32)> = f
        .runs()
        .iter()
        .map(|r| (r.order.clone(), r.attempt))
        .collect();
    assert_eq!(
        runs.iter().filter(|(o, _)| o == "done").count(),
        1,
        "merged work is not redone"
    );
    assert_eq!(
        f.order("slow").failures,
        0,
        "an interruption is not a failure"
    );
}

#[tokio::test]
async fn an_interrupted_crew_of_an_agent_that_keeps_sessions_resumes_where_it_stopped() {
    let agent = ScriptedAgent {
        resumes: true,
        ..ScriptedAgent::default()
    }
    .with(
        "slow",
        vec![
            Step {
                first: vec![("half.txt".into(), "half\n".into())],
                delay_ms: 30_000,
                ..writes(&[])
            },
            writes(&[("rest.txt", "rest\n")]),
        ],
    )
    .with("other", vec![writes(&[("o.txt", "o\n")])]);
    let f = fixture(
        serde_json::json!([
            {"id": "slow", "title": "S", "role": "builder"},
            {"id": "other", "title": "O", "role": "builder"}
        ]),
        agent,
    );
    let (tx, stop) = watch::channel(false);
    let handle = tokio::spawn(f.dispatcher(pro()).run(stop));
    tokio::time::sleep(Duration::from_millis(400)).await;
    let saved = f.order("slow");
    let point = saved
        .resume
        .clone()
        .expect("a resume point before the crew runs");
    assert_eq!(saved.session_id.as_deref(), Some(point.session_id.as_str()));
    tx.send(true).expect("dispatcher listening");
    let summary = handle.await.expect("joined").expect("run");
    assert_eq!(ids(&summary.interrupted), ["slow"]);
    // The head moved on meanwhile: the resumed crew still works on the base it started from.
    assert_ne!(f.isolation.repo.lock().expect("lock").head, point.base);

    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["slow", "other"]);
    let runs: Vec<Run> = f.runs().into_iter().filter(|r| r.order == "slow").collect();
    assert_eq!(runs.len(), 2);
    assert_eq!(
        runs[0].session_id.as_deref(),
        Some(point.session_id.as_str())
    );
    assert_eq!(runs[0].resume_session, None);
    assert_eq!(
        runs[1].resume_session.as_deref(),
        Some(point.session_id.as_str())
    );
    assert_eq!(runs[1].attempt, 1, "the interrupted attempt goes on");
    let order = f.order("slow");
    assert_eq!(order.attempts, 1);
    assert_eq!(order.failures, 0);
    assert!(
        order.resume.is_none(),
        "the crew ended: nothing left to resume"
    );
    // What the crew did before the interruption is part of the merged work.
    let head = f.isolation.head_files();
    assert_eq!(head.get("half.txt").map(String::as_str), Some("half\n"));
    assert_eq!(head.get("rest.txt").map(String::as_str), Some("rest\n"));
    assert_eq!(head.get("o.txt").map(String::as_str), Some("o\n"));
}

#[tokio::test]
async fn a_resume_point_whose_worktree_is_gone_starts_a_fresh_worktree() {
    let agent = ScriptedAgent {
        resumes: true,
        ..ScriptedAgent::default()
    }
    .with("a", vec![writes(&[("a.txt", "a\n")])]);
    let f = fixture(
        serde_json::json!([{"id": "a", "title": "A", "role": "builder"}]),
        agent,
    );
    let id: OrderId = "a".parse().expect("id");
    f.store
        .update_order(&f.voyage.name, &id, |o| {
            o.state = OrderState::Running;
            o.attempts = 1;
            o.resume = Some(crate::voyage::ResumePoint {
                session_id: "gone-session".into(),
                base: "c0".into(),
                attempt: 1,
                after_limit: None,
            });
            Ok::<_, StoreError>(())
        })
        .expect("saved");
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["a"]);
    let runs = f.runs();
    assert_eq!(runs[0].resume_session, None, "no worktree to resume in");
    assert_ne!(runs[0].session_id.as_deref(), Some("gone-session"));
}

/// Merges `a`'s change into the voyage branch and leaves the order gating, as a dispatcher
/// killed between the merge and marking the order merged does; returns the change.
fn merged_but_gating(f: &Fixture) -> String {
    let wt = f
        .isolation
        .prepare(&f.voyage, &"a".parse().expect("id"), None)
        .expect("prepare");
    std::fs::write(wt.path.join("a.txt"), "a\n").expect("write");
    let Collected::Committed { commit, .. } = f
        .isolation
        .collect(&wt, "x", "y", &mut |_| Verdict::Accept)
        .expect("collected")
    else {
        panic!("a change");
    };
    f.isolation.merge(&f.voyage, &commit, "m").expect("merged");
    let id: OrderId = "a".parse().expect("id");
    f.store
        .update_order(&f.voyage.name, &id, |o| {
            o.state = OrderState::Gating;
            o.attempts = 1;
            o.commit = Some(commit.clone());
            Ok::<_, StoreError>(())
        })
        .expect("saved");
    commit
}

fn merge_records(f: &Fixture) -> Vec<serde_json::Map<String, serde_json::Value>> {
    f.audit
        .events
        .lock()
        .expect("lock")
        .iter()
        .filter(|e| e.action == "merge")
        .map(|e| e.details.clone())
        .collect()
}

#[tokio::test]
async fn a_merge_a_killed_dispatcher_did_not_record_is_recorded_once_by_the_next() {
    let f = fixture(
        serde_json::json!([{"id": "a", "title": "A", "role": "builder"}]),
        ScriptedAgent::default(),
    );
    let commit = merged_but_gating(&f);
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["a"]);
    let records = merge_records(&f);
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["commit"], commit.as_str());
    assert_eq!(records[0]["recovered"], true);
}

#[tokio::test]
async fn a_merge_a_killed_dispatcher_recorded_is_not_recorded_again() {
    let f = fixture(
        serde_json::json!([{"id": "a", "title": "A", "role": "builder"}]),
        ScriptedAgent::default(),
    );
    let commit = merged_but_gating(&f);
    f.audit
        .record(AuditEvent {
            actor: "maestro".into(),
            action: "merge".into(),
            subject: "v1/a".into(),
            details: serde_json::json!({"commit": commit, "head": "h"})
                .as_object()
                .expect("object")
                .clone(),
        })
        .expect("recorded");
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["a"]);
    assert_eq!(merge_records(&f).len(), 1);
}

#[tokio::test]
async fn work_merged_before_a_crash_is_not_redone() {
    let f = fixture(
        serde_json::json!([{"id": "a", "title": "A", "role": "builder"}]),
        ScriptedAgent::default().with("a", vec![writes(&[("a.txt", "a\n")])]),
    );
    merged_but_gating(&f);
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["a"]);
    assert!(f.runs().is_empty(), "no crew ran again");
}

#[tokio::test]
async fn crews_left_running_by_a_killed_dispatcher_run_again() {
    let f = fixture(
        serde_json::json!([{"id": "a", "title": "A", "role": "builder"}]),
        ScriptedAgent::default().with("a", vec![writes(&[("a.txt", "a\n")])]),
    );
    let id: OrderId = "a".parse().expect("id");
    f.store
        .update_order(&f.voyage.name, &id, |o| {
            o.state = OrderState::Running;
            o.attempts = 1;
            Ok::<_, StoreError>(())
        })
        .expect("saved");
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["a"]);
    assert_eq!(f.order("a").attempts, 2);
}
