use std::path::Path;

use super::*;
use crate::name::OrderId;

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
async fn an_overloaded_api_is_retried_by_resuming_the_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let agent = ClaudeAgent::new(ClaudeOptions {
        program: fake_claude(dir.path(), true),
        api_backoff: Duration::from_millis(10),
        ..ClaudeOptions::default()
    })
    .expect("agent");
    let (_tx, stop) = watch::channel(false);
    let outcome = agent
        .run(request(dir.path(), Role::Builder), stop)
        .await
        .expect("ran");
    assert!(outcome.success, "{outcome:?}");
    assert!(
        (outcome.cost_usd.expect("cost") - 0.251).abs() < 1e-9,
        "both calls' cost: {outcome:?}"
    );
    let calls = std::fs::read_to_string(dir.path().join("calls.txt")).expect("calls");
    let calls: Vec<&str> = calls.lines().collect();
    assert_eq!(calls.len(), 2);
    assert!(calls[0].contains("--session-id"));
    assert!(calls[1].contains("--resume s-1"), "{}", calls[1]);
}
