//! `maestro run` with `crews.executor.kind = "slurm"` on the real two-node cluster: every
//! attempt a batch job running `maestro crew-exec` on a node, reached back over the control
//! channel, its change scanned, gated and merged on this machine.

use maestro_tests::GitRepo;
use maestro_tests::slurm::SlurmCluster;

pub(super) fn run(repo: &GitRepo, args: &[&str]) -> (i32, String, String) {
    maestro_tests::outcome(&mut repo.maestro(args).expect("maestro is built"))
}

/// Twelve orders: eight independent writers, a chain of two dependents, a gate that fails
/// once and passes on retry, and two orders writing the same file (a conflict, re-dispatched).
const ORDERS: &str = r#"
[[orders]]
id = "w1"
title = "W1"
role = "builder"
agent = { command = ["sh", "-c", "mkdir -p w && echo \"$SLURMD_NODENAME\" > w/1.txt"] }
[[orders]]
id = "clash"
title = "Clash"
role = "builder"
agent = { command = ["sh", "-c", "mkdir -p w; if grep -q conflicted; then echo clash >> w/1.txt; else sleep 3; echo clash > w/1.txt; fi"] }
[[orders]]
id = "w2"
title = "W2"
role = "builder"
agent = { command = ["sh", "-c", "mkdir -p w && echo \"$SLURMD_NODENAME\" > w/2.txt"] }
[[orders]]
id = "w3"
title = "W3"
role = "builder"
agent = { command = ["sh", "-c", "mkdir -p w && echo \"$SLURMD_NODENAME\" > w/3.txt; sleep 2"] }
[[orders]]
id = "w4"
title = "W4"
role = "builder"
agent = { command = ["sh", "-c", "mkdir -p w && echo \"$SLURMD_NODENAME\" > w/4.txt; sleep 2"] }
[[orders]]
id = "w5"
title = "W5"
role = "tester"
agent = { command = ["sh", "-c", "mkdir -p w && echo \"$SLURMD_NODENAME\" > w/5.txt; sleep 1"] }
[[orders]]
id = "w6"
title = "W6"
role = "tester"
agent = { command = ["sh", "-c", "mkdir -p w && echo \"$SLURMD_NODENAME\" > w/6.txt; sleep 1"] }
[[orders]]
id = "w7"
title = "W7"
role = "builder"
agent = { command = ["sh", "-c", "mkdir -p w && echo \"$SLURMD_NODENAME\" > w/7.txt"] }
[[orders]]
id = "w8"
title = "W8"
role = "builder"
agent = { command = ["sh", "-c", "mkdir -p w && echo \"$SLURMD_NODENAME\" > w/8.txt"] }
[[orders]]
id = "d1"
title = "D1"
role = "builder"
depends_on = ["w1", "w2"]
agent = { command = ["sh", "-c", "cat w/1.txt w/2.txt > d1.txt"] }
[[orders]]
id = "d2"
title = "D2"
role = "tester"
depends_on = ["d1"]
accept = [{ path_exists = "d1.txt" }]
agent = { command = ["sh", "-c", "wc -l < d1.txt > d2.txt"] }
[[orders]]
id = "retry"
title = "Retry"
role = "builder"
accept = [{ path_exists = "done.txt" }]
agent = { command = ["sh", "-c", "if grep -q 'Feedback from your previous attempt'; then echo ok > done.txt; else echo first > try.txt; fi"] }
"#;

/// A Pro workspace whose crews run on `cluster`, with voyage `v1` holding `orders`.
pub(super) fn workspace(cluster: &SlurmCluster, orders: &str) -> GitRepo {
    let coordinator = cluster.coordinator_addr().to_owned();
    let repo = GitRepo::with_commit().expect("repo");
    assert_eq!(run(&repo, &["init", "-q"]).0, 0);
    crate::run::pro(&repo);
    let path = repo.path().join(".mso/workspace.json");
    let mut config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("config")).expect("JSON");
    config["crews"]["maxConcurrent"] = 5.into();
    config["crews"]["retries"] = 1.into();
    config["crews"]["sandbox"] = "off".into();
    config["crews"]["executor"] = serde_json::json!({
        "kind": "slurm",
        "slurmConf": cluster.slurm_conf(),
        "partition": cluster.partition(),
        "listen": format!("{coordinator}:0"),
        "advertise": coordinator,
        "resources": {"default": {"cpus": 1, "memoryMib": 256}},
        "heartbeatSecs": 2,
    });
    std::fs::write(&path, config.to_string()).expect("write");
    assert_eq!(run(&repo, &["voyage", "new", "v1", "-q"]).0, 0);
    repo.write("orders.toml", orders).expect("orders");
    let (code, _, stderr) = run(&repo, &["voyage", "import", "v1", "orders.toml", "-q"]);
    assert_eq!(code, 0, "{stderr}");
    repo
}

/// The files under `dir` whose bytes hold `needle`.
pub(super) fn files_holding(dir: &std::path::Path, needle: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(at) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&at) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() && !path.is_symlink() {
                stack.push(path);
            } else if std::fs::read(&path)
                .is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle))
            {
                found.push(path.display().to_string());
            }
        }
    }
    found
}

/// `status v1 --json`'s orders.
pub(super) fn orders(repo: &GitRepo) -> Vec<serde_json::Value> {
    let (code, status, stderr) = run(repo, &["status", "v1", "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let status: serde_json::Value = serde_json::from_str(&status).expect("JSON");
    status["orders"].as_array().expect("orders").clone()
}

/// The audit log's entries.
pub(super) fn audit(repo: &GitRepo) -> Vec<serde_json::Value> {
    let (code, log, _) = run(repo, &["--json", "audit", "show"]);
    assert_eq!(code, 0);
    log.lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

#[test]
#[cfg_attr(
    not(maestro_slurm),
    ignore = "Slurm is not installed or not root (scripts/slurm-cluster install)"
)]
fn a_voyage_of_twelve_orders_runs_on_both_nodes_and_merges_each_order_once() {
    let cluster = SlurmCluster::start().expect("cluster");
    let repo = workspace(&cluster, ORDERS);

    // The run holds a model API key in its environment: none of it may reach Slurm.
    let key = format!("sk-ant-api03-{}AAAA", "slurmKeyMarker".repeat(6));
    let (code, ran, stderr) = maestro_tests::outcome(
        repo.maestro(&["run", "v1"])
            .expect("maestro")
            .env("ANTHROPIC_API_KEY", &key),
    );
    assert_eq!(code, 0, "run:\n{ran}\n{stderr}");
    assert_eq!(
        files_holding(cluster.dir(), key.as_bytes()),
        Vec::<String>::new()
    );

    let orders = orders(&repo);
    assert_eq!(orders.len(), 12);
    let mut nodes = std::collections::BTreeSet::new();
    for order in &orders {
        assert_eq!(order["state"], "merged", "{order}");
        let placement = &order["placement"];
        assert_eq!(placement["executor"], "slurm", "{order}");
        assert!(
            placement["job"]
                .as_str()
                .is_some_and(|j| j.parse::<u32>().is_ok()),
            "{order}"
        );
        nodes.insert(placement["node"].as_str().expect("node").to_owned());
    }
    assert_eq!(
        nodes.into_iter().collect::<Vec<_>>(),
        ["node1", "node2"],
        "orders ran on both nodes"
    );
    let attempts = |id: &str| {
        orders
            .iter()
            .find(|o| o["id"] == id)
            .and_then(|o| o["attempts"].as_u64())
    };
    assert_eq!(attempts("retry"), Some(2), "the failed gate was retried");

    // Every order merged once, per the audit log, which verifies.
    let entries = audit(&repo);
    for order in &orders {
        let subject = format!("v1/{}", order["id"].as_str().expect("id"));
        let merges = entries
            .iter()
            .filter(|e| e["action"] == "merge" && e["subject"] == subject.as_str())
            .count();
        assert_eq!(merges, 1, "{subject} merged once");
        assert!(
            entries
                .iter()
                .any(|e| e["action"] == "job.submit" && e["subject"] == subject.as_str()),
            "{subject}'s job is audited"
        );
    }
    assert!(
        entries
            .iter()
            .any(|e| e["action"] == "order.conflict" && e["subject"] == "v1/clash"),
        "the clash conflicted and was re-dispatched:\n{ran}"
    );
    let (code, _, stderr) = run(&repo, &["audit", "verify"]);
    assert_eq!(code, 0, "{stderr}");
    // The nodes' files came back: each writer's file names the node it ran on.
    let (_, w1, _) = run(&repo, &["status", "v1"]);
    assert!(w1.contains("merged"), "{w1}");
    let tree = repo
        .git(&["ls-tree", "-r", "--name-only", "maestro/v1"])
        .expect("ls-tree");
    for n in 1..=8 {
        assert!(tree.contains(&format!("w/{n}.txt")), "{tree}");
    }
}

#[test]
#[cfg_attr(
    not(maestro_slurm),
    ignore = "Slurm is not installed or not root (scripts/slurm-cluster install)"
)]
fn a_crew_whose_node_is_killed_is_run_again_on_the_other_node_and_merged_once() {
    let cluster = SlurmCluster::start().expect("cluster");
    let marker = format!("node-loss-crew-{}", std::process::id());
    let toml = format!(
        "[[orders]]\nid = \"long\"\ntitle = \"Long\"\nrole = \"builder\"\n\
         agent = {{ command = [\"sh\", \"-c\", \"sleep 8; echo \\\"$SLURMD_NODENAME\\\" > long.txt # {marker}\"] }}\n"
    );
    let repo = workspace(&cluster, &toml);
    let dispatcher = repo
        .maestro(&["run", "v1", "-q"])
        .expect("maestro")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run");
    // Wait until the crew runs on a node, then kill that node (its slurmd and the job's
    // processes: to Slurm it stops answering).
    let started = std::time::Instant::now();
    let first = loop {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "the crew never ran"
        );
        let node = orders(&repo)[0]["placement"]["node"]
            .as_str()
            .map(str::to_owned);
        if let Some(node) = node {
            break node;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    std::thread::sleep(std::time::Duration::from_secs(1));
    cluster.kill_node(&first).expect("kill the node");
    let out = dispatcher.wait_with_output().expect("run ends");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let order = &orders(&repo)[0];
    assert_eq!(order["state"], "merged", "{order}");
    assert_eq!(order["attempts"], 2, "{order}");
    let second = order["placement"]["node"].as_str().expect("node");
    assert_ne!(second, first, "run again on the other node");
    let content = repo
        .git(&["show", "maestro/v1:long.txt"])
        .expect("merged file");
    assert_eq!(content.trim(), second);
    let entries = audit(&repo);
    let count = |action: &str| {
        entries
            .iter()
            .filter(|e| e["action"] == action && e["subject"] == "v1/long")
            .count()
    };
    assert_eq!(count("merge"), 1);
    assert_eq!(count("order.lost"), 1);
    assert_eq!(count("job.submit"), 2);
    let lost = entries
        .iter()
        .find(|e| e["action"] == "order.lost")
        .expect("lost");
    assert!(lost.to_string().contains(&first), "{lost}");
    // Nothing of the lost crew runs on, and no worktree is left.
    assert_eq!(maestro_tests::survivors(&marker), Vec::<String>::new());
    let worktrees = repo.git(&["worktree", "list"]).expect("worktrees");
    assert_eq!(worktrees.lines().count(), 1, "{worktrees}");
}

#[test]
#[cfg_attr(
    not(maestro_slurm),
    ignore = "Slurm is not installed or not root (scripts/slurm-cluster install)"
)]
fn doctor_checks_the_cluster_and_sends_a_job_there_and_back() {
    let cluster = SlurmCluster::start().expect("cluster");
    let repo = workspace(
        &cluster,
        "[[orders]]\nid = \"a\"\ntitle = \"A\"\nrole = \"builder\"\nagent = { command = [\"true\"] }\n",
    );
    let (_, out, stderr) = run(&repo, &["--json", "doctor", "--executor"]);
    let report: serde_json::Value = serde_json::from_str(&out).expect(&stderr);
    let find = |name: &str| {
        report["checks"]
            .as_array()
            .expect("checks")
            .iter()
            .find(|c| c["check"] == name)
            .cloned()
            .expect(name)
    };
    let executor = find("executor");
    assert_eq!(executor["status"], "ok", "{executor}");
    assert!(
        executor["detail"]
            .as_str()
            .expect("detail")
            .contains("2 usable node(s): node1, node2"),
        "{executor}"
    );
    let trip = find("executor round trip");
    assert_eq!(trip["status"], "ok", "{trip}");
    let detail = trip["detail"].as_str().expect("detail");
    assert!(detail.starts_with("slurm job "), "{detail}");
    assert!(
        detail.contains(" on node1") || detail.contains(" on node2"),
        "{detail}"
    );
}

#[test]
#[cfg_attr(
    not(maestro_slurm),
    ignore = "Slurm is not installed or not root (scripts/slurm-cluster install)"
)]
fn a_job_left_by_a_killed_coordinator_is_cancelled_by_the_next_run() {
    use maestro_cli::remote::slurm::{JobState, SlurmClient, SlurmSettings};
    let cluster = SlurmCluster::start().expect("cluster");
    let repo = workspace(
        &cluster,
        "[[orders]]\nid = \"long\"\ntitle = \"Long\"\nrole = \"builder\"\n\
         agent = { command = [\"sh\", \"-c\", \"if [ $MAESTRO_ATTEMPT = 1 ]; then sleep 60; fi; echo done > long.txt\"] }\n",
    );
    let mut first = repo
        .maestro(&["run", "v1", "-q"])
        .expect("maestro")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run");
    let started = std::time::Instant::now();
    let job = loop {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "never placed"
        );
        let placement = &orders(&repo)[0]["placement"];
        if placement["node"].is_string() {
            break placement["job"].as_str().expect("job").to_owned();
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    // The coordinator dies; its job goes on running on its node.
    first.kill().expect("SIGKILL");
    first.wait().expect("reaped");
    let client = SlurmClient::new(SlurmSettings {
        conf: Some(cluster.slurm_conf()),
        ..SlurmSettings::default()
    });
    let id = job.parse().expect("job id");
    assert_eq!(client.job(&id).expect("job").state, JobState::Running);
    // Its worktree here is empty until the crew comes back: `worktree list` says where it works.
    let (code, list, stderr) = run(&repo, &["--json", "worktree", "list"]);
    assert_eq!(code, 0, "{stderr}");
    let list: serde_json::Value = serde_json::from_str(&list).expect("JSON");
    let remote = &list["worktrees"][0]["remote"];
    assert_eq!(remote["executor"], "slurm", "{list}");
    assert_eq!(remote["job"].as_str(), Some(job.as_str()), "{list}");
    let (_, text, _) = run(&repo, &["worktree", "list"]);
    assert!(
        text.contains(&format!("v1/long: its crew works as slurm job {job} on ")),
        "{text}"
    );

    let (code, out, stderr) = run(&repo, &["run", "v1"]);
    assert_eq!(code, 0, "{out}\n{stderr}");
    let info = client.job(&id).expect("job");
    assert_eq!(info.state, JobState::Cancelled, "{info:?}");
    let order = &orders(&repo)[0];
    assert_eq!(order["state"], "merged", "{order}");
    assert_ne!(order["placement"]["job"].as_str(), Some(job.as_str()));
    let entries = audit(&repo);
    let count = |action: &str| {
        entries
            .iter()
            .filter(|e| e["action"] == action && e["subject"] == "v1/long")
            .count()
    };
    assert_eq!((count("job.cancel"), count("merge")), (1, 1));
}
