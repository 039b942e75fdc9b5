use std::path::Path;

use tokio::sync::watch;

use super::*;
use crate::name::OrderId;
use crate::ports::{Agent, ApiLimit, CrewProgress};

fn request(dir: &Path, role: Role) -> CrewRequest {
    CrewRequest {
        voyage: "v1".into(),
        order: "health".parse::<OrderId>().expect("id"),
        role,
        attempt: 1,
        worktree: dir.to_owned(),
        prompt: "# Order health".into(),
        command: None,
        env: vec![("MAESTRO_ORDER".into(), "health".into())],
        timeout: Duration::from_secs(20),
        log: dir.join("crew.jsonl"),
        resume_session: None,
        resume_note: None,
        progress: None,
        session_id: None,
        pid_file: None,
        redact: None,
    }
}

fn value_after<'a>(args: &'a [String], flag: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == flag)
        .map(|i| args[i + 1].as_str())
}

#[test]
fn the_command_line_follows_the_spec() {
    let dir = tempfile::tempdir().expect("tempdir");
    let agent = ClaudeAgent::new(ClaudeOptions {
        model: Some("claude-x".into()),
        max_budget_usd: Some(2.5),
        api_key: Some("sk-ant-secret-value".into()),
        hook_command: Some("/usr/local/bin/maestro hook".into()),
        mcp_config: Some(dir.path().join("mcp.json")),
        ..ClaudeOptions::default()
    })
    .expect("agent");
    let req = request(dir.path(), Role::Builder);
    let args = agent.arguments(
        &req,
        &Session::New("0f8fad5b-d9cb-469f-a165-70867728950e".into()),
    );
    assert_eq!(&args[..2], ["-p", "# Order health"]);
    assert_eq!(value_after(&args, "--output-format"), Some("stream-json"));
    assert!(args.contains(&"--verbose".to_owned()));
    assert_eq!(value_after(&args, "--permission-mode"), Some("acceptEdits"));
    assert!(
        value_after(&args, "--append-system-prompt")
            .expect("role prompt")
            .contains("Builder")
    );
    assert!(
        value_after(&args, "--allowedTools")
            .expect("tools")
            .contains("Write")
    );
    assert_eq!(
        value_after(&args, "--session-id"),
        Some("0f8fad5b-d9cb-469f-a165-70867728950e")
    );
    assert_eq!(value_after(&args, "--model"), Some("claude-x"));
    assert_eq!(value_after(&args, "--max-budget-usd"), Some("2.5"));
    assert!(args.contains(&"--strict-mcp-config".to_owned()));
    assert!(
        value_after(&args, "--mcp-config")
            .expect("file")
            .ends_with("mcp.json")
    );
    let settings: serde_json::Value =
        serde_json::from_str(value_after(&args, "--settings").expect("settings")).expect("JSON");
    assert_eq!(
        settings["hooks"]["PreToolUse"][0]["hooks"][0]["command"],
        "/usr/local/bin/maestro hook pre-tool-use"
    );
    assert_eq!(
        settings["hooks"]["PostToolUse"][0]["matcher"],
        "Write|Edit|MultiEdit"
    );
    // The key travels in the environment only.
    assert!(!args.iter().any(|a| a.contains("sk-ant-secret-value")));
    let env = agent.environment(&req.env);
    assert!(env.contains(&("ANTHROPIC_API_KEY".into(), "sk-ant-secret-value".into())));
    assert!(env.contains(&(
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC".into(),
        "1".into()
    )));

    let resumed = agent.arguments(&req, &Session::Resume("abc".into()));
    assert_eq!(value_after(&resumed, "--resume"), Some("abc"));
    assert!(!resumed.contains(&"--session-id".to_owned()));
}

#[test]
fn air_gapped_crews_need_a_loopback_model_proxy() {
    for base_url in [
        None,
        Some("https://api.anthropic.com"),
        Some("http://10.0.0.5:8080"),
    ] {
        let err = ClaudeAgent::new(ClaudeOptions {
            air_gapped: true,
            base_url: base_url.map(str::to_owned),
            ..ClaudeOptions::default()
        })
        .expect_err("refused");
        assert!(err.to_string().starts_with("air-gapped mode: Claude crews start only with anthropic.baseUrl set to a loopback model proxy"), "{err}");
    }
    let agent = ClaudeAgent::new(ClaudeOptions {
        air_gapped: true,
        base_url: Some("http://127.0.0.1:4000".into()),
        ..ClaudeOptions::default()
    })
    .expect("loopback proxy");
    let profile = agent.profile(Role::Builder);
    assert!(profile.disallowed_tools.contains(&"WebFetch".to_owned()));
    assert!(profile.disallowed_tools.contains(&"WebSearch".to_owned()));
}

#[test]
fn session_ids_are_uuids() {
    let id = new_session_id().expect("random");
    assert_eq!(id.len(), 36);
    assert_eq!(&id[14..15], "4");
    assert_ne!(id, new_session_id().expect("random"));
}

/// A stand-in `claude` that prints a stream-json transcript; on its first call it can report an
/// overloaded API. It records its arguments, one call per line.
fn fake_claude(dir: &Path, overloaded_first: bool) -> String {
    let script = dir.join("claude");
    let first = if overloaded_first {
        r#"echo '{"type":"result","subtype":"error_during_execution","is_error":true,"num_turns":1,"total_cost_usd":0.001,"result":"API Error: 529 {\"type\":\"overloaded_error\"}","session_id":"s-1"}'; exit 1"#
    } else {
        ":"
    };
    std::fs::write(
        &script,
        format!(
            r#"#!/bin/sh
echo "$*" | tr '\n' ' ' >> "{calls}"; echo >> "{calls}"
echo x >> "{calls}.count"
n=$(wc -l < "{calls}.count")
echo '{{"type":"system","subtype":"init","session_id":"s-1","tools":["Write"],"model":"m"}}'
echo 'not json'
if [ "$n" = 1 ]; then {first}; fi
echo '{{"type":"assistant","message":{{"content":[{{"type":"text","text":"done"}}]}}}}'
echo '{{"type":"result","subtype":"success","is_error":false,"num_turns":2,"total_cost_usd":0.25,"usage":{{"input_tokens":10,"output_tokens":5}},"result":"All done.","session_id":"s-1"}}'
"#,
            calls = dir.join("calls.txt").display()
        ),
    )
    .expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    script.display().to_string()
}

#[tokio::test]
async fn a_session_is_parsed_into_the_outcome() {
    let dir = tempfile::tempdir().expect("tempdir");
    let agent = ClaudeAgent::new(ClaudeOptions {
        program: fake_claude(dir.path(), false),
        ..ClaudeOptions::default()
    })
    .expect("agent");
    let (_tx, stop) = watch::channel(false);
    let outcome = agent
        .run(request(dir.path(), Role::Tester), stop)
        .await
        .expect("ran");
    assert!(outcome.success, "{outcome:?}");
    assert_eq!(outcome.turns, Some(2));
    assert_eq!(outcome.session_id.as_deref(), Some("s-1"));
    assert_eq!(outcome.output_tail, "All done.");
    assert!((outcome.cost_usd.expect("cost") - 0.25).abs() < 1e-9);
    let log = std::fs::read_to_string(dir.path().join("crew.jsonl")).expect("log");
    assert!(
        log.lines().any(|l| l.starts_with(r#"{"type":"result""#)),
        "raw events logged"
    );
}

#[tokio::test]
async fn an_overloaded_api_ends_the_crew_as_limited_not_failed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let agent = ClaudeAgent::new(ClaudeOptions {
        program: fake_claude(dir.path(), true),
        ..ClaudeOptions::default()
    })
    .expect("agent");
    let (_tx, stop) = watch::channel(false);
    let outcome = agent
        .run(request(dir.path(), Role::Builder), stop)
        .await
        .expect("ran");
    assert!(!outcome.success);
    let limit = outcome.limited.expect("a limit, not a failure");
    assert_eq!((limit.until, limit.reason.as_str()), (None, "overloaded"));
    assert_eq!(outcome.session_id.as_deref(), Some("s-1"), "to resume");
    // The agent does not retry by itself: the dispatcher's back-off decides when.
    let calls = std::fs::read_to_string(dir.path().join("calls.txt")).expect("calls");
    assert_eq!(calls.lines().count(), 1);
}

/// A stand-in `claude` that answers once, hits the API's usage limit (as claude 2.1.328 reports
/// it for a subscription: the reset only in the `rate_limit_event`, not in the result), and ends.
fn usage_limited_claude(dir: &Path, resets_at: i64) -> String {
    let script = dir.join("claude");
    std::fs::write(
        &script,
        format!(
            r#"#!/bin/sh
echo '{{"type":"system","subtype":"init","session_id":"s-2","tools":[],"model":"m"}}'
echo '{{"type":"assistant","message":{{"content":[{{"type":"text","text":"working"}}]}}}}'
echo '{{"type":"system","subtype":"api_retry","attempt":1,"max_retries":10,"retry_delay_ms":1000,"error_status":429,"error":"rate_limit"}}'
echo '{{"type":"rate_limit_event","rate_limit_info":{{"status":"rejected","resetsAt":{resets_at},"rateLimitType":"five_hour"}}}}'
echo '{{"type":"result","subtype":"success","is_error":true,"num_turns":1,"total_cost_usd":0.5,"api_error_status":429,"api_error":"usage_limit_reached","result":"You have hit your limit","session_id":"s-2"}}'
exit 1
"#
        ),
    )
    .expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    script.display().to_string()
}

#[tokio::test]
async fn a_usage_limit_is_reported_while_it_happens_and_ends_the_crew_with_its_reset() {
    let dir = tempfile::tempdir().expect("tempdir");
    let agent = ClaudeAgent::new(ClaudeOptions {
        program: usage_limited_claude(dir.path(), 1_796_068_117),
        ..ClaudeOptions::default()
    })
    .expect("agent");
    let (progress_tx, mut progress_rx) = tokio::sync::mpsc::unbounded_channel();
    let mut request = request(dir.path(), Role::Builder);
    request.progress = Some(progress_tx);
    let (_tx, stop) = watch::channel(false);
    let outcome = agent.run(request, stop).await.expect("ran");
    let reset = jiff::Timestamp::from_second(1_796_068_117).expect("time");
    assert_eq!(
        outcome.limited,
        Some(ApiLimit {
            until: Some(reset),
            reason: "usage limit (five_hour)".into()
        })
    );
    assert!((outcome.cost_usd.expect("cost") - 0.5).abs() < 1e-9);
    let mut events = Vec::new();
    while let Ok(event) = progress_rx.try_recv() {
        events.push(event);
    }
    assert_eq!(events.len(), 3, "{events:?}");
    assert!(matches!(events[0], CrewProgress::Work { turns: 1, .. }));
    let CrewProgress::Waiting(retry) = &events[1] else {
        panic!("{events:?}")
    };
    assert_eq!(retry.reason, "API 429 rate_limit, retry 1 of 10");
    assert!(retry.until.is_some_and(|t| t > jiff::Timestamp::now()));
    assert_eq!(
        events[2],
        CrewProgress::Waiting(ApiLimit {
            until: Some(reset),
            reason: "usage limit (five_hour)".into()
        })
    );
}

#[tokio::test]
async fn a_session_that_cannot_be_resumed_is_continued_by_a_new_one_told_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let script = dir.path().join("claude");
    // Refuses every `--resume` before a session starts, as the CLI does when the transcript
    // is gone; a new session succeeds.
    std::fs::write(
        &script,
        format!(
            r#"#!/bin/sh
printf '%s\0' "$@" >> "{calls}"; printf '\036' >> "{calls}"
case " $* " in *" --resume "*) echo 'No conversation found with session ID: s-old' >&2; exit 1;; esac
echo '{{"type":"system","subtype":"init","session_id":"s-new","tools":[],"model":"m"}}'
echo '{{"type":"result","subtype":"success","is_error":false,"num_turns":1,"result":"ok","session_id":"s-new"}}'
"#,
            calls = dir.path().join("calls").display()
        ),
    )
    .expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let agent = ClaudeAgent::new(ClaudeOptions {
        program: script.display().to_string(),
        ..ClaudeOptions::default()
    })
    .expect("agent");
    let mut request = request(dir.path(), Role::Builder);
    request.resume_session = Some("s-old".into());
    let (_tx, stop) = watch::channel(false);
    let outcome = agent.run(request, stop).await.expect("ran");
    assert!(outcome.success, "{outcome:?}");
    assert_eq!(outcome.session_id.as_deref(), Some("s-new"));
    let calls = std::fs::read_to_string(dir.path().join("calls")).expect("calls");
    let calls: Vec<Vec<&str>> = calls
        .split('\u{1e}')
        .filter(|c| !c.is_empty())
        .map(|l| l.split('\0').filter(|a| !a.is_empty()).collect())
        .collect();
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert_eq!(value_after_str(&calls[0], "--resume"), Some("s-old"));
    assert_eq!(value_after_str(&calls[0], "-p"), Some(RESUME_NOTE));
    assert!(value_after_str(&calls[1], "--resume").is_none());
    assert!(value_after_str(&calls[1], "--session-id").is_some());
    let prompt = value_after_str(&calls[1], "-p").expect("a prompt");
    assert!(prompt.ends_with(NOT_RESUMED_NOTE), "{prompt}");
}

fn value_after_str<'a>(args: &[&'a str], flag: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| *a == flag)
        .and_then(|i| args.get(i + 1).copied())
}
