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
    snapshot!(
        repo,
        verify,
        @r"
        exit: 0
        --- stdout
        ok: 3 entries verified, checkpoint signature valid
        --- stderr
        "
    );
    verify.ok();
    snapshot!(
        repo,
        repo.maestro(&["audit", "show", "--tail", "2"]),
        @r#"
        exit: 0
        --- stdout
        #2 [TIME] cli voyage.create v1 {"base":"HEAD","base_commit":"[COMMIT]","branch":"maestro/v1"}
        #3 [TIME] cli mcp.approve docs {"classification":"needs-review","definition_hash":"[HASH]","source":".mcp.json"}
        --- stderr
        "#
    );

    // Tampering is caught, naming the line.
    let log = repo.read(".mso/audit.log");
    repo.write(
        ".mso/audit.log",
        &log.replacen("\"voyage.create\"", "\"voyage.delete\"", 1),
    );
    let tampered = repo.maestro(&["audit", "verify"]);
    snapshot!(
        repo,
        tampered,
        @r"
        exit: 1
        --- stdout
        FAILED: line 2: modified entry: the entry hashes to [HASH] but records [HASH]
        --- stderr
        "
    );
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
    // The library says what is wrong; the command says which command mends it.
    assert!(
        torn.stdout
            .contains("`maestro audit verify --repair` repairs it"),
        "{}",
        torn.transcript()
    );
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
    // A workspace made where `init` had nowhere to put a key: its checkpoints are unsigned.
    let repo = Repo::new();
    let init = repo
        .command(&["init"])
        .env("XDG_CONFIG_HOME", repo.path().join(".config"))
        .output()
        .expect("runs");
    assert!(init.status.success());
    assert!(repo.audit_keys().is_empty());
    // The user configures a key of their own.
    let key_dir = tempfile::tempdir().expect("tempdir");
    let key = key_dir.path().join("audit.key");
    std::fs::write(&key, format!("ed25519:{}\n", "42".repeat(32))).expect("key");
    let mut config: serde_json::Value =
        serde_json::from_str(&repo.read(".mso/workspace.json")).expect("JSON");
    config["audit"] = serde_json::json!({"keyFile": key.display().to_string()});
    repo.write(".mso/workspace.json", &config.to_string());
    repo.maestro(&["voyage", "new", "v1"]).ok();
    // maestro does not sign over a checkpoint it did not sign: the user vouches for the log.
    let unsigned = repo.maestro(&["audit", "verify"]);
    assert_eq!(unsigned.code, 1, "{}", unsigned.transcript());
    assert!(
        unsigned
            .stdout
            .contains("--repair` signs the log as it is now"),
        "{}",
        unsigned.stdout
    );
    let adopted = repo.maestro(&["audit", "verify", "--repair"]);
    assert!(
        adopted.ok().contains("checkpoint signature valid"),
        "{}",
        adopted.stdout
    );
    repo.maestro(&["voyage", "new", "v2"]).ok();
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

/// Has the pre-tool hook block a credential written into the repository: a `secret.block`
/// entry.
fn block_a_secret(repo: &Repo) {
    use std::io::Write as _;
    let input = serde_json::json!({
        "session_id": "s", "hook_event_name": "PreToolUse", "cwd": repo.path(),
        "tool_name": "Write",
        "tool_input": {
            "file_path": repo.path().join("settings.py"),
            "content": "KEY = 'AKIAQ7RPZ3MFXW2BKT5L'\n"
        }
    });
    let mut child = repo
        .command(&["hook", "pre-tool-use"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("maestro runs");
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.to_string().as_bytes());
    assert_eq!(child.wait().expect("ends").code(), Some(2), "blocked");
}

/// What someone who can edit `.mso/` but has no key can do: write `.mso/audit.log` again
/// without its `secret.block` entries, every `seq`, `prev` and `hash` recomputed (with the
/// library itself), and a matching `audit.head`, unsigned or signed with `forger`'s key.
fn rewrite_without_secret_blocks(repo: &Repo, forger: Option<maestro_audit::Signer>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let forged = dir.path().join("audit.log");
    let mut chain = maestro_audit::Chain::open(
        &forged,
        maestro_audit::Options {
            signer: forger,
            ..maestro_audit::Options::default()
        },
    )
    .expect("open");
    let mut dropped = 0;
    for line in repo.read(".mso/audit.log").lines() {
        let entry: serde_json::Value = serde_json::from_str(line).expect("an entry");
        if entry["action"] == "secret.block" {
            dropped += 1;
            continue;
        }
        let details = match entry["details"].clone() {
            serde_json::Value::Object(map) => maestro_audit::Details::try_from(map).expect("ok"),
            _ => maestro_audit::Details::new(),
        };
        let ts: jiff::Timestamp = entry["ts"].as_str().expect("ts").parse().expect("time");
        chain
            .append(
                &maestro_audit::Event::new(
                    entry["actor"].as_str().expect("actor"),
                    entry["action"].as_str().expect("action"),
                    entry["subject"].as_str().expect("subject"),
                )
                .with_details(details)
                .at(ts),
            )
            .expect("append");
    }
    drop(chain);
    assert!(dropped > 0, "there was a secret.block entry to hide");
    for file in ["audit.log", "audit.head"] {
        std::fs::copy(dir.path().join(file), repo.path().join(".mso").join(file)).expect("copy");
    }
}

fn attacker_key() -> maestro_audit::Signer {
    maestro_audit::Signer::from_key_text(&format!("ed25519:{}", "66".repeat(32))).expect("key")
}

#[test]
fn a_rewrite_of_the_chain_without_the_key_is_detected() {
    let repo = Repo::with_voyage();
    block_a_secret(&repo);
    repo.maestro(&["voyage", "new", "v2"]).ok();
    let verify = repo.maestro(&["audit", "verify"]);
    assert!(
        verify
            .ok()
            .contains("4 entries verified, checkpoint signature valid"),
        "{}",
        verify.stdout
    );
    let (log, head, config) = (
        repo.read(".mso/audit.log"),
        repo.read(".mso/audit.head"),
        repo.read(".mso/workspace.json"),
    );
    let restore = || {
        repo.write(".mso/audit.log", &log);
        repo.write(".mso/audit.head", &head);
        repo.write(".mso/workspace.json", &config);
    };

    for (name, forger, problem) in [
        ("unsigned", None, "the checkpoint is not signed"),
        (
            "signed with another key",
            Some(attacker_key()),
            "signature does not verify",
        ),
    ] {
        restore();
        rewrite_without_secret_blocks(&repo, forger);
        assert!(!repo.read(".mso/audit.log").contains("secret.block"));
        let run = repo.maestro(&["audit", "verify"]);
        assert_eq!(run.code, 1, "{name}: {}", run.transcript());
        assert!(
            run.stdout
                .starts_with("FAILED: line 3: checkpoint signature invalid: ")
                && run.stdout.contains(problem),
            "{name}: {}",
            run.stdout
        );
        // maestro's next audited action does not sign over the rewrite.
        repo.maestro(&["voyage", "new", &format!("after-{}", name.len())])
            .ok();
        let again = repo.maestro(&["audit", "verify"]);
        assert_eq!(again.code, 1, "{name}, later: {}", again.transcript());
    }

    // Dropping audit.keyFile from workspace.json does not switch signing off: the repository's
    // key in the user's configuration directory is still used.
    restore();
    let mut edited: serde_json::Value = serde_json::from_str(&config).expect("JSON");
    edited.as_object_mut().expect("object").remove("audit");
    repo.write(".mso/workspace.json", &edited.to_string());
    rewrite_without_secret_blocks(&repo, None);
    let run = repo.maestro(&["audit", "verify"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains("the checkpoint is not signed"),
        "{}",
        run.stdout
    );

    // Nor does pointing it at the forger's own key.
    restore();
    let forger_dir = tempfile::tempdir().expect("tempdir");
    let forger_key = forger_dir.path().join("forged.key");
    std::fs::write(&forger_key, attacker_key().to_key_text()).expect("write");
    edited["audit"] = serde_json::json!({"keyFile": forger_key.display().to_string()});
    repo.write(".mso/workspace.json", &edited.to_string());
    rewrite_without_secret_blocks(&repo, Some(attacker_key()));
    let run = repo.maestro(&["audit", "verify"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.starts_with("FAILED: audit.keyFile ")
            && run.stdout.contains("is not this repository's audit key"),
        "{}",
        run.stdout
    );

    // With a key, a missing or unsigned checkpoint is a failure, not a pass.
    restore();
    std::fs::remove_file(repo.path().join(".mso/audit.head")).expect("remove");
    let run = repo.maestro(&["audit", "verify"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(run.stdout.contains("checkpoint missing"), "{}", run.stdout);
    restore();
    let at = head.find(",\"sig\"").expect("signed");
    let end = head.find("},").expect("sig object") + 1;
    repo.write(
        ".mso/audit.head",
        &format!("{}{}", &head[..at], &head[end..]),
    );
    let run = repo.maestro(&["audit", "verify"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains("the checkpoint is not signed"),
        "{}",
        run.stdout
    );
    std::fs::remove_file(repo.path().join(".mso/audit.log")).expect("remove");
    let run = repo.maestro(&["audit", "verify"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains("audit.log does not exist"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_older_signed_checkpoint_put_back_over_a_rewrite_is_detected() {
    let repo = Repo::with_voyage();
    repo.maestro(&["voyage", "new", "v2"]).ok();
    // The attacker saves the signed checkpoint as it is now…
    let old_head = std::fs::read(repo.path().join(".mso/audit.head")).expect("head");
    let kept = repo.read(".mso/audit.log").lines().count();
    block_a_secret(&repo);
    repo.maestro(&["voyage", "new", "v3"]).ok();
    assert_eq!(repo.maestro(&["audit", "verify"]).code, 0);
    // …rewrites everything after it without the secret.block entry (rechained with the
    // library, unsigned) and puts the old checkpoint back.
    let dir = tempfile::tempdir().expect("tempdir");
    let forged = dir.path().join("audit.log");
    let lines: Vec<String> = repo
        .read(".mso/audit.log")
        .lines()
        .map(str::to_owned)
        .collect();
    std::fs::write(&forged, format!("{}\n", lines[..kept].join("\n"))).expect("prefix");
    let mut chain =
        maestro_audit::Chain::open(&forged, maestro_audit::Options::default()).expect("open");
    for line in &lines[kept..] {
        let entry: serde_json::Value = serde_json::from_str(line).expect("an entry");
        if entry["action"] == "secret.block" {
            continue;
        }
        let details = match entry["details"].clone() {
            serde_json::Value::Object(map) => maestro_audit::Details::try_from(map).expect("ok"),
            _ => maestro_audit::Details::new(),
        };
        chain
            .append(
                &maestro_audit::Event::new(
                    entry["actor"].as_str().expect("actor"),
                    entry["action"].as_str().expect("action"),
                    entry["subject"].as_str().expect("subject"),
                )
                .with_details(details),
            )
            .expect("append");
    }
    drop(chain);
    std::fs::copy(&forged, repo.path().join(".mso/audit.log")).expect("copy");
    std::fs::write(repo.path().join(".mso/audit.head"), &old_head).expect("head put back");
    let verify = repo.maestro(&["audit", "verify"]);
    assert_eq!(verify.code, 1, "{}", verify.transcript());
    assert!(
        verify.stdout.contains("the last checkpoint maestro signed"),
        "{}",
        verify.transcript()
    );
    // Another audited command does not bless the rewrite.
    repo.maestro(&["voyage", "new", "v4"]).ok();
    assert_eq!(repo.maestro(&["audit", "verify"]).code, 1);
}
