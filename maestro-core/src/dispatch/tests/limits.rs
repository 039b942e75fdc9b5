//! Limits of the model's API: crews that wait them out, and the back-off every crew shares.

use super::*;

fn limit_in(ms: i64, reason: &str) -> ApiLimit {
    ApiLimit {
        until: Some(Timestamp::now() + jiff::SignedDuration::from_millis(ms)),
        reason: reason.to_owned(),
    }
}

#[tokio::test]
async fn a_crew_the_api_refuses_waits_resumes_and_holds_every_other_crew_meanwhile() {
    let agent = ScriptedAgent {
        resumes: true,
        ..ScriptedAgent::default()
    }
    .with(
        "x",
        vec![
            Step {
                first: vec![("x1.txt".into(), "x1\n".into())],
                limited: Some(limit_in(600, "usage limit (five_hour)")),
                ..writes(&[])
            },
            Step {
                delay_ms: 300,
                ..writes(&[("x2.txt", "x2\n")])
            },
        ],
    )
    .with(
        "z",
        vec![Step {
            delay_ms: 50,
            ..writes(&[("z.txt", "z\n")])
        }],
    )
    .with("y", vec![writes(&[("y.txt", "y\n")])]);
    let f = fixture(
        serde_json::json!([
            {"id": "x", "title": "X", "role": "builder"},
            {"id": "z", "title": "Z", "role": "builder"},
            {"id": "y", "title": "Y", "role": "builder", "depends_on": ["z"]}
        ]),
        agent,
    );
    let started = Instant::now();
    let (_tx, stop) = watch::channel(false);
    let handle = tokio::spawn(f.dispatcher(pro()).run(stop));
    // Meanwhile the order shows `waiting`, with the time it goes on.
    let mut seen_waiting = None;
    let mut report = String::new();
    while !handle.is_finished() {
        let x = f.order("x");
        if x.state == OrderState::Waiting && x.wait.is_some() {
            seen_waiting = x.wait.clone();
            report = super::report::markdown(
                &f.voyage,
                &[x],
                &[None],
                crate::config::SandboxMode::On,
                None,
            );
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let summary = handle.await.expect("joined").expect("run");
    assert_eq!(ids(&summary.merged), ["x", "z", "y"]);
    let wait = seen_waiting.expect("x was seen waiting");
    assert!(
        report.contains("## Waiting\n\n- `x`: until ")
            && report.contains("(usage limit (five_hour)); resumed in its session then"),
        "{report}"
    );
    assert_eq!(wait.reason, "usage limit (five_hour)");
    assert!(!wait.in_crew, "the crew ended; the dispatcher resumes it");

    let runs = f.runs();
    let of =
        |order: &str| -> Vec<Run> { runs.iter().filter(|r| r.order == order).cloned().collect() };
    let (x, y) = (of("x"), of("y"));

    assert_eq!(x.len(), 2);
    assert_eq!(
        x[1].resume_session, x[0].session_id,
        "resumed in its session"
    );
    assert!(
        x[1].start.duration_since(started) >= Duration::from_millis(550),
        "{:?}",
        x[1].start.duration_since(started)
    );
    // z merged at ~50 ms and y was ready then, but no crew starts while the API refuses; after
    // the pause x goes first, and y only once the API served x.
    assert!(
        y[0].start.duration_since(x[1].start) >= Duration::from_millis(250),
        "y started {:?} after x resumed",
        y[0].start.duration_since(x[1].start)
    );
    let order = f.order("x");
    assert_eq!(
        (order.attempts, order.failures),
        (1, 0),
        "a limit is no failed attempt"
    );
    assert!(order.wait.is_none() && order.resume.is_none());
    assert!(x[1].prompt.is_empty() || !x[1].prompt.contains("interrupted"));
    let head = f.isolation.head_files();
    assert_eq!(
        head.get("x1.txt").map(String::as_str),
        Some("x1\n"),
        "the work before the pause is kept"
    );
    assert_eq!(head.get("x2.txt").map(String::as_str), Some("x2\n"));
    assert!(
        f.audit
            .actions_and_subjects()
            .contains(&"order.paused v1/x".to_owned()),
        "{:?}",
        f.audit.actions_and_subjects()
    );
}

#[tokio::test]
async fn a_crew_waiting_out_a_limit_by_itself_shows_waiting_then_running() {
    let agent = ScriptedAgent {
        resumes: true,
        ..ScriptedAgent::default()
    }
    .with(
        "a",
        vec![Step {
            waits: Some(limit_in(10_000, "API 429 rate_limit, retry 1 of 10")),
            delay_ms: 400,
            ..writes(&[("a.txt", "a\n")])
        }],
    );
    let f = fixture(
        serde_json::json!([{"id": "a", "title": "A", "role": "builder"}]),
        agent,
    );
    let (_tx, stop) = watch::channel(false);
    let handle = tokio::spawn(f.dispatcher(pro()).run(stop));
    let mut seen = None;
    while !handle.is_finished() {
        let a = f.order("a");
        if a.state == OrderState::Waiting {
            seen = a.wait.clone();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let summary = handle.await.expect("joined").expect("run");
    assert_eq!(ids(&summary.merged), ["a"]);
    let wait = seen.expect("seen waiting");
    assert!(wait.in_crew);
    assert_eq!(wait.reason, "API 429 rate_limit, retry 1 of 10");
    assert_eq!(f.runs().len(), 1, "the crew went on by itself");
    assert_eq!(f.order("a").attempts, 1);
}
