use super::*;

#[test]
fn the_documented_events_parse() {
    let init = parse_line(
        r#"{"type":"system","subtype":"init","session_id":"s-1","tools":["Bash","Write"],"model":"m","mcp_servers":[{"name":"docs","status":"connected"}],"cwd":"/x","future":1}"#,
    );
    let StreamEvent::Init(init) = &init[0] else {
        panic!("{init:?}")
    };
    assert_eq!((init.session_id.as_str(), init.tools.len()), ("s-1", 2));
    assert_eq!(init.mcp_servers[0].name, "docs");

    let assistant = parse_line(
        r#"{"type":"assistant","message":{"content":[{"type":"text","text":"Writing."},{"type":"tool_use","id":"toolu_1","name":"Write","input":{"file_path":"/w/a.txt","content":"x"}}]}}"#,
    );
    assert_eq!(assistant.len(), 2);
    assert_eq!(assistant[0], StreamEvent::Text("Writing.".into()));
    assert!(matches!(&assistant[1], StreamEvent::ToolUse { name, .. } if name == "Write"));

    let user = parse_line(
        r#"{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"toolu_1","is_error":true,"content":[{"type":"text","text":"PreToolUse:Write hook error: blocked"}]}]}}"#,
    );
    assert_eq!(
        user,
        vec![StreamEvent::ToolResult {
            tool_use_id: "toolu_1".into(),
            is_error: true,
            content: "PreToolUse:Write hook error: blocked".into()
        }]
    );

    let result = parse_line(
        r#"{"type":"result","subtype":"success","is_error":false,"num_turns":3,"total_cost_usd":0.0123,"usage":{"input_tokens":100,"output_tokens":20,"server_tool_use":{}},"result":"done","session_id":"s-1","permission_denials":[{"tool_name":"Write"}],"duration_ms":1500}"#,
    );
    let StreamEvent::Result(result) = &result[0] else {
        panic!("{result:?}")
    };
    assert_eq!((result.num_turns, result.usage.input_tokens), (3, 100));
    assert!((result.total_cost_usd - 0.0123).abs() < 1e-9);
    assert_eq!(result.permission_denials.len(), 1);
}

/// As the pinned CLI prints them against the scripted model (API key: 429s it retries;
/// subscription: a usage limit with its reset).
#[test]
fn api_refusals_parse_with_their_reset() {
    let retry = parse_line(
        r#"{"type":"system","subtype":"api_retry","attempt":2,"max_retries":10,"retry_delay_ms":1199,"error_status":429,"error":"rate_limit","session_id":"s","uuid":"u"}"#,
    );
    assert_eq!(
        retry,
        vec![StreamEvent::ApiRetry(ApiRetry {
            attempt: 2,
            max_retries: 10,
            retry_delay_ms: 1199,
            error_status: Some(429),
            error: Some("rate_limit".into()),
        })]
    );
    let event = parse_line(
        r#"{"type":"rate_limit_event","rate_limit_info":{"status":"rejected","resetsAt":1796068117,"rateLimitType":"five_hour","isUsingOverage":false},"uuid":"u","session_id":"s"}"#,
    );
    let StreamEvent::RateLimit(info) = &event[0] else {
        panic!("{event:?}")
    };
    assert!(info.rejected());
    assert_eq!(info.resets_at, Some(1_796_068_117));
    assert!(!matches!(
        &parse_line(r#"{"type":"rate_limit_event","rate_limit_info":{"status":"allowed"}}"#)[0],
        StreamEvent::RateLimit(i) if i.rejected()
    ));

    let usage = parse_line(
        r#"{"type":"result","subtype":"success","is_error":true,"num_turns":1,"total_cost_usd":0,"api_error_status":429,"api_error_type":"rate_limit_error","api_error":"usage_limit_reached","api_error_params":{"rate_limit_info":{"status":"rejected","resetsAt":1796068117,"rateLimitType":"five_hour"}},"result":"You've hit your 5-hour limit · resets 7:48pm (UTC)","session_id":"s"}"#,
    );
    let StreamEvent::Result(usage) = &usage[0] else {
        panic!("{usage:?}")
    };
    assert_eq!(
        usage.refusal(),
        Some(Refusal {
            resets_at: Some(1_796_068_117),
            reason: "usage limit (five_hour)".into()
        })
    );
    let rate = parse_line(
        r#"{"type":"result","subtype":"success","is_error":true,"api_error_status":429,"result":"API Error: Request rejected (429) · limit","session_id":"s"}"#,
    );
    let StreamEvent::Result(rate) = &rate[0] else {
        panic!("{rate:?}")
    };
    assert_eq!(
        rate.refusal().map(|r| (r.resets_at, r.reason)),
        Some((None, "429 rate limit".into()))
    );
    let overloaded = parse_line(
        r#"{"type":"result","subtype":"error_during_execution","is_error":true,"result":"API Error: 529 {\"type\":\"overloaded_error\"}"}"#,
    );
    let StreamEvent::Result(overloaded) = &overloaded[0] else {
        panic!()
    };
    assert!(overloaded.refusal().is_some());
    // A session whose work failed is the crew's failure, not a refusal.
    let failed = parse_line(
        r#"{"type":"result","subtype":"error_max_turns","is_error":true,"result":"Reached max turns"}"#,
    );
    let StreamEvent::Result(failed) = &failed[0] else {
        panic!()
    };
    assert_eq!(failed.refusal(), None);
    let bad_request = parse_line(
        r#"{"type":"result","is_error":true,"api_error_status":400,"result":"API Error: 400 scenario x has no turn 3"}"#,
    );
    let StreamEvent::Result(bad_request) = &bad_request[0] else {
        panic!()
    };
    assert_eq!(bad_request.refusal(), None);
}

#[test]
fn unknown_and_broken_lines_are_tolerated() {
    assert_eq!(
        parse_line(r#"{"type":"stream_event","event":{}}"#),
        vec![StreamEvent::Other]
    );
    assert_eq!(parse_line(r#"{"no_type":true}"#), vec![StreamEvent::Other]);
    assert!(parse_line("not json at all").is_empty());
    assert!(parse_line("").is_empty());
    assert_eq!(
        parse_line(r#"{"type":"result","num_turns":"many"}"#),
        vec![StreamEvent::Other]
    );
}
