use super::*;

fn check(json: &str) -> Result<AcceptanceCheck, String> {
    serde_json::from_str::<AcceptanceCheck>(json).map_err(|e| e.to_string())
}

#[test]
fn acceptance_checks_parse_and_round_trip() {
    let cases = [
        r#"{"run":"cargo test","timeout_secs":30}"#,
        r#"{"run":"true"}"#,
        r#"{"path_exists":"docs/health.md"}"#,
        r#"{"scan_clean":true}"#,
    ];
    for json in cases {
        let parsed = check(json).expect(json);
        assert_eq!(serde_json::to_string(&parsed).expect("serialises"), json);
    }
}

#[test]
fn malformed_acceptance_checks_are_refused() {
    let cases = [
        (r"{}", "exactly one of `run`, `path_exists` or `scan_clean`"),
        (
            r#"{"run":"a","path_exists":"b"}"#,
            "exactly one of `run`, `path_exists` or `scan_clean`",
        ),
        (
            r#"{"path_exists":"b","timeout_secs":3}"#,
            "`timeout_secs` only applies to a `run` check",
        ),
        (r#"{"run":"  "}"#, "`run` must not be empty"),
        (r#"{"run":"x","timeout_secs":0}"#, "at least 1"),
        (r#"{"scan_clean":false}"#, "`scan_clean` must be true"),
        (
            r#"{"path_exists":"../x"}"#,
            "must be a path inside the worktree",
        ),
        (
            r#"{"path_exists":"/etc"}"#,
            "must be a path inside the worktree",
        ),
        (r#"{"rn":"x"}"#, "unknown field `rn`"),
    ];
    for (json, expected) in cases {
        let err = check(json).expect_err(json);
        assert!(err.contains(expected), "{json}: {err}");
    }
}

#[test]
fn spec_validation_names_the_field() {
    let mut spec: OrderSpec =
        serde_json::from_str(r#"{"id":"a","title":"A","role":"builder"}"#).expect("valid");
    assert_eq!(validate_spec(&spec), Ok(()));
    spec.scope = Some(vec!["src/[".to_owned()]);
    let err = validate_spec(&spec).expect_err("bad glob");
    assert_eq!(err.field, "scope");
    spec.scope = None;
    spec.title = " ".to_owned();
    assert_eq!(
        validate_spec(&spec).expect_err("empty").to_string(),
        "`title` must not be empty"
    );
    spec.title = "A".to_owned();
    spec.agent = Some(AgentOverride { command: vec![] });
    assert_eq!(
        validate_spec(&spec).expect_err("no program").field,
        "agent.command"
    );
}
