//! Command agents: their timeout, prompt and environment, and secrets they print.

use super::*;

#[tokio::test]
async fn a_command_agent_that_times_out_fails() {
    let mut f = fixture(
        serde_json::json!([{"id": "a", "title": "A", "role": "builder",
            "agent": {"command": ["sh", "-c", "echo started; sleep 30"]}}]),
        ScriptedAgent::default(),
    );
    f.config.crews.timeout_secs = 1;
    f.config.crews.retries = 0;
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.failed), ["a"]);
    let attempt = &f.report("a").attempts[0];
    assert_eq!(attempt.result.to_string(), "timed out after 1s");
    assert_eq!(attempt.output_tail, "started");
}

#[tokio::test]
async fn secrets_a_crew_prints_are_kept_nowhere() {
    let mut f = fixture(
        serde_json::json!([{"id": "a", "title": "A", "role": "builder",
            "agent": {"command": ["sh", "-c",
                // `\137` is `_`: the order itself does not hold the marker, only the output.
                "printf 'token SECRET\\137ABC123 here\\n{\"k\":\"SECRET\\137XYZ\"}\\n'; exit 1"]}}]),
        ScriptedAgent::default(),
    );
    f.config.crews.retries = 0;
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.failed), ["a"]);
    let tail = &f.report("a").attempts[0].output_tail;
    assert!(tail.contains("token [REDACTED:test-secret] here"), "{tail}");
    let log_path = f
        .store
        .log_path(&"v1".parse().expect("name"), &"a".parse().expect("id"));
    let log = std::fs::read_to_string(log_path.expect("log path")).expect("log");
    assert!(!log.contains("SECRET_"), "{log}");
    assert!(log.contains("[REDACTED:test-secret]"), "{log}");
    let everything = walk_text(f.store.dir());
    assert!(
        !everything.contains("SECRET_"),
        "a secret was kept under .mso/"
    );
}

fn walk_text(dir: &Path) -> String {
    let mut out = String::new();
    for entry in std::fs::read_dir(dir).expect("readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.push_str(&walk_text(&path));
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            out.push_str(&text);
        }
    }
    out
}

#[tokio::test]
async fn a_command_agent_gets_the_prompt_and_environment() {
    let f = fixture(
        serde_json::json!([{"id": "a", "title": "Say hi", "role": "builder",
            "agent": {"command": ["sh", "-c", "cat > prompt.txt; env | grep ^MAESTRO_ | grep -v PROMPT | sort > env.txt"]}}]),
        ScriptedAgent::default(),
    );
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["a"]);
    let files = f.isolation.head_files();
    assert!(files["prompt.txt"].starts_with("# Order a: Say hi"));
    let env = &files["env.txt"];
    for expected in [
        "MAESTRO_ITER_MANAGED=1",
        "MAESTRO_ORDER=a",
        "MAESTRO_VOYAGE=v1",
        "MAESTRO_ATTEMPT=1",
    ] {
        assert!(env.contains(expected), "{expected} in {env}");
    }
}
