//! A real Claude crew on a node of the real cluster, against the scripted model listening on
//! the coordinator's test address: the hooks judge on the node exactly as locally — a secret
//! write is refused there and the refusal reaches the model — and what the hooks recorded
//! joins the coordinator's one audit chain, marked as the node's.

use maestro_tests::model_fake::{ModelServer, Scenario, Turn};
use maestro_tests::slurm::SlurmCluster;
use serde_json::{Value, json};

use super::voyage::{audit, files_holding, orders, run, workspace};

const AWS_KEY: &str = "AKIAQ7RPZ3MFXW2BKT5L";

#[test]
#[cfg_attr(
    not(maestro_slurm),
    ignore = "Slurm is not installed or not root (scripts/slurm-cluster install)"
)]
#[cfg_attr(
    not(maestro_claude),
    ignore = "needs the claude CLI: scripts/install-claude-code"
)]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_claude_crew_on_a_node_is_held_by_the_hooks_there_and_audited_here() {
    let cluster = SlurmCluster::start().expect("cluster");
    let coordinator = cluster.coordinator_addr().to_owned();
    let model = ModelServer::start_on(&coordinator, vec![]).expect("model");
    let key = "scenario-slurm-claude-7a2c";
    let orders_toml = format!(
        "[[orders]]\nid = \"storage\"\ntitle = \"{key}: store the AWS credentials\"\nrole = \"builder\"\n"
    );
    let repo = workspace(&cluster, &orders_toml);
    let path = repo.path().join(".mso/workspace.json");
    let mut config: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("config")).expect("JSON");
    config["agent"]["kind"] = json!("claude");
    config["agent"]["program"] = json!(crate::claude::claude_bin().to_str().expect("UTF-8"));
    config["anthropic"]["baseUrl"] = json!(model.base_url());
    config["dataResidency"]["allowHosts"] = json!([coordinator]);
    // The node runs the crew in the operating system's sandbox, as this machine would.
    config["crews"]["sandbox"] = json!("on");
    config["crews"]["retries"] = json!(0);
    config["crews"]["timeoutSecs"] = json!(180);
    std::fs::write(&path, config.to_string()).expect("config");
    // Through the shell, in the crew's worktree on the node: a key the hook refuses, then code
    // that reads it from the environment.
    let escape = format!("/var/tmp/maestro-node-escape-{}", std::process::id());
    model.add(Scenario::new(
        key,
        vec![
            // Outside its worktree: the sandbox on the node holds it.
            Turn::tool("Bash", json!({"command": format!("echo escaped > {escape}")})),
            Turn::tool(
                "Bash",
                json!({"command": format!("mkdir -p src && echo \"AWS_ACCESS_KEY_ID = '{AWS_KEY}'\" > src/storage.py")}),
            ),
            Turn::tool(
                "Bash",
                json!({"command": "mkdir -p src && printf 'import os\\nAWS_ACCESS_KEY_ID = os.environ[\"AWS_ACCESS_KEY_ID\"]\\n' > src/storage.py"}),
            ),
            Turn::text("Stored the key reference."),
        ],
    ));
    let api_key = format!("sk-ant-api03-{}AA", "nodeKeyMarker".repeat(6));
    let (code, out, stderr) = maestro_tests::outcome(
        repo.maestro(&["run", "v1"])
            .expect("maestro")
            .env("ANTHROPIC_API_KEY", &api_key),
    );
    assert_eq!(
        code,
        0,
        "{out}\n{stderr}\nrequests: {:#?}",
        model.requests().iter().map(|r| &r.path).collect::<Vec<_>>()
    );
    let order = &orders(&repo)[0];
    assert_eq!(order["state"], "merged", "{order}");
    let node = order["placement"]["node"]
        .as_str()
        .expect("node")
        .to_owned();
    let merged = repo
        .git(&["show", "maestro/v1:src/storage.py"])
        .expect("merged file");
    assert!(merged.contains("os.environ"), "{merged}");
    // The refusal reached the model from the node.
    let requests = model.requests_for(key);
    assert!(requests.len() >= 3, "{}", requests.len());
    assert!(
        !std::path::Path::new(&escape).exists(),
        "the crew wrote outside its worktree on the node"
    );
    let told = requests[2].tool_results().join("\n");
    assert!(told.contains("maestro blocked"), "{told}");
    assert!(
        !told.contains(AWS_KEY),
        "the refusal does not repeat the key: {told}"
    );
    // What the node's hooks recorded is in the coordinator's chain, marked as the node's.
    let entries = audit(&repo);
    let from_node: Vec<&Value> = entries
        .iter()
        .filter(|e| e["actor"].as_str().is_some_and(|a| a.starts_with("node:")))
        .collect();
    let block = from_node
        .iter()
        .find(|e| e["action"] == "secret.block")
        .unwrap_or_else(|| panic!("no secret.block from the node: {from_node:#?}"));
    assert_eq!(block["details"]["node"], node.as_str(), "{block}");
    assert_eq!(block["subject"], "v1/storage", "{block}");
    assert!(
        !block.to_string().contains(AWS_KEY),
        "the audit holds no key: {block}"
    );
    let (code, _, stderr) = run(&repo, &["audit", "verify"]);
    assert_eq!(code, 0, "{stderr}");
    // Neither the AWS key nor the model key is in Slurm's state or the voyage's history.
    let log = repo.git(&["log", "-p", "maestro/v1"]).expect("log");
    assert!(!log.contains(AWS_KEY));
    assert_eq!(
        files_holding(cluster.dir(), api_key.as_bytes()),
        Vec::<String>::new()
    );
    let job = order["placement"]["job"].as_str().expect("job");
    let shown = std::process::Command::new("scontrol")
        .args(["show", "job", "--details", job])
        .env("SLURM_CONF", cluster.slurm_conf())
        .output()
        .expect("scontrol");
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.contains(&format!("JobId={job}")), "{shown}");
    assert!(!shown.contains(&api_key), "{shown}");
}
