//! The post-tool scan's findings reaching a Claude crew's model.

use maestro_tests::model_fake::{ModelServer, Scenario};
use serde_json::json;

use super::{ClaudeWorkspace, claude_bin, last_message, write_then_fix};

/// The post-tool hook tells the model about `hashlib.md5(password)` (CWE-328): below the
/// default `scan.blockSeverity` (high) as added context, at or above it as a block.
#[test]
#[cfg_attr(
    not(maestro_claude),
    ignore = "needs the claude CLI: scripts/install-claude-code"
)]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_weak_hash_finding_reaches_the_model() {
    weak_hash_finding_reaches_the_model("scenario-md5-advise-1b", None);
    weak_hash_finding_reaches_the_model("scenario-md5-block-a41c", Some("medium"));
}

fn weak_hash_finding_reaches_the_model(key: &str, block_severity: Option<&str>) {
    let bin = claude_bin();
    let model = ModelServer::start(vec![]).expect("model starts");
    let ws = ClaudeWorkspace::new(
        &bin,
        &model.base_url(),
        false,
        |config| {
            if let Some(severity) = block_severity {
                config["scan"]["blockSeverity"] = json!(severity);
            }
        },
        &format!(
            r#"
[[orders]]
id = "auth"
title = "{key}: hash passwords"
role = "builder"
"#
        ),
    );
    let target = ws.in_worktree("auth", "src/auth.py");
    model.add(Scenario::new(
        key,
        write_then_fix(
            &target,
            "import hashlib\n\ndef digest(password):\n    return hashlib.md5(password).hexdigest()\n",
            "import hashlib\n\ndef digest(password, salt):\n    return hashlib.scrypt(password, salt=salt, n=16384, r=8, p=1).hex()\n",
            "switched to scrypt",
        ),
    ));
    let (code, stdout, stderr) = ws.maestro(&["run", "v1"]);
    assert_eq!(code, 0, "stdout: {stdout}\nstderr: {stderr}");
    let answered = model.requests_for(key);
    assert_eq!(answered.len(), 3, "{:?}", model.requests());
    let told = last_message(&answered[1]);
    assert!(
        told.contains("python-weak-hash") && told.contains("CWE-328"),
        "the finding did not reach the model: {told}"
    );
    let blocked = told.contains("insecure code in");
    assert_eq!(blocked, block_severity.is_some(), "{told}");
    let report = ws.report();
    let findings = report["orders"][0]["findings"]
        .as_array()
        .expect("findings");
    assert!(
        findings.iter().any(|f| f["rule_id"] == "python-weak-hash"),
        "{report}"
    );
    let merged = ws
        .repo
        .git(&["show", "maestro/v1:src/auth.py"])
        .expect("merged");
    assert!(merged.contains("scrypt"), "{merged}");
}
