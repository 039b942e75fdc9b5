use crate::snapshot;
use crate::support::Repo;

fn actions(repo: &Repo) -> Vec<String> {
    let run = repo.maestro(&["audit", "show", "--json"]);
    run.ok()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("an entry per line");
            format!(
                "{} {}",
                v["action"].as_str().expect("action"),
                v["subject"].as_str().expect("subject")
            )
        })
        .collect()
}

#[test]
fn privileged_cli_actions_are_audited_and_verify() {
    let repo = Repo::with_voyage();
    repo.write(
        ".mcp.json",
        r#"{"mcpServers": {"docs": {"command": "npx", "args": ["docs-mcp"]}}}"#,
    );
    repo.maestro(&["mcp", "approve", "docs"]).ok();
    assert_eq!(
        actions(&repo),
        [
            "config.change workspace.json",
            "voyage.create v1",
            "mcp.approve docs"
        ]
    );
    let verify = repo.maestro(&["audit", "verify"]);
    snapshot!("audit_verify_ok", repo, verify);
    verify.ok();
    snapshot!(
        "audit_show",
        repo,
        repo.maestro(&["audit", "show", "--tail", "2"])
    );

    // Tampering is caught, naming the line.
    let log = repo.read(".mso/audit.log");
    repo.write(
        ".mso/audit.log",
        &log.replacen("\"voyage.create\"", "\"voyage.delete\"", 1),
    );
    let tampered = repo.maestro(&["audit", "verify"]);
    snapshot!("audit_verify_tampered", repo, tampered);
    assert_eq!(tampered.code, 1);
    assert!(
        tampered
            .stdout
            .starts_with("FAILED: line 2: modified entry"),
        "{}",
        tampered.stdout
    );
}

#[test]
fn a_torn_tail_is_repaired_into_a_side_file() {
    let repo = Repo::with_voyage();
    let log = repo.read(".mso/audit.log");
    repo.write(".mso/audit.log", &format!("{log}{{\"action\":\"half"));
    let torn = repo.maestro(&["audit", "verify"]);
    assert_eq!(torn.code, 1);
    assert!(torn.stdout.contains("torn"), "{}", torn.stdout);
    let repaired = repo.maestro(&["audit", "verify", "--repair"]);
    assert!(repaired.ok().contains("ok: "), "{}", repaired.stdout);
    let side: Vec<_> = std::fs::read_dir(repo.path().join(".mso"))
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("audit.log.torn-")
        })
        .collect();
    assert_eq!(side.len(), 1, "the torn bytes are kept, not deleted");
}

#[test]
fn a_checkpoint_emptied_by_a_crash_is_rewritten() {
    let repo = Repo::with_voyage();
    repo.write(".mso/audit.head", "");
    let damaged = repo.maestro(&["audit", "verify"]);
    assert_eq!(damaged.code, 1, "{}", damaged.transcript());
    let repaired = repo.maestro(&["audit", "verify", "--repair"]);
    assert!(
        repaired.ok().contains("ok: 2 entries verified"),
        "{}",
        repaired.transcript()
    );
}

#[test]
fn a_signed_checkpoint_catches_a_rewritten_chain() {
    let repo = Repo::initialised();
    let key_dir = tempfile::tempdir().expect("tempdir");
    let key = key_dir.path().join("audit.key");
    std::fs::write(&key, format!("ed25519:{}\n", "42".repeat(32))).expect("key");
    let mut config: serde_json::Value =
        serde_json::from_str(&repo.read(".mso/workspace.json")).expect("JSON");
    config["audit"] = serde_json::json!({"keyFile": key.display().to_string()});
    repo.write(".mso/workspace.json", &config.to_string());
    repo.maestro(&["voyage", "new", "v1"]).ok();
    let verify = repo.maestro(&["audit", "verify"]);
    assert!(
        verify.ok().contains("checkpoint signature valid"),
        "{}",
        verify.stdout
    );
    // Someone without the key points the head at another hash (as after rewriting the chain).
    let head = repo.read(".mso/audit.head");
    let at = head.find("\"hash\":\"").expect("a hash") + 8;
    let flipped = if &head[at..=at] == "0" { "1" } else { "0" };
    repo.write(
        ".mso/audit.head",
        &format!("{}{flipped}{}", &head[..at], &head[at + 1..]),
    );
    let forged = repo.maestro(&["audit", "verify"]);
    assert_eq!(forged.code, 1, "{}", forged.transcript());

    config["audit"] =
        serde_json::json!({"keyFile": repo.path().join(".mso/k").display().to_string()});
    repo.write(".mso/workspace.json", &config.to_string());
    let refused = repo.maestro(&["audit", "verify"]);
    assert!(refused.usage_error().contains("is inside .mso/"));
}
