//! The Slurm client (issue 17) against a real two-node Slurm cluster (`scripts/slurm-cluster`,
//! one cluster a test): jobs placed on both nodes and seen through to their end, a cancelled
//! job, a node killed under its job, and what reaches Slurm of the caller's environment and
//! secrets.
//!
//! The cluster needs root and Slurm (`scripts/slurm-cluster install`); without them the tests
//! are reported as ignored (see `tests/build.rs`). They pass in the host's network namespace
//! and in `scripts/test`'s loopback-only one:
//! `unshare -n sh -c 'ip link set lo up && exec cargo test -p maestro-tests --test e2e slurm'`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use maestro_cli::remote::slurm::{
    JobId, JobInfo, JobSpec, JobState, NodeInfo, SlurmClient, SlurmError, SlurmSettings,
};
use maestro_tests::slurm::SlurmCluster;

/// How long a killed node's job may take to be `NODE_FAIL`: measured 12–14 s with the
/// cluster's SlurmdTimeout=6 and MessageTimeout=3 (docs/slurm-cluster.md), with room for a
/// loaded machine.
const NODE_FAIL_WITHIN: Duration = Duration::from_secs(25);

fn client(cluster: &SlurmCluster) -> SlurmClient {
    SlurmClient::new(SlurmSettings {
        conf: Some(cluster.slurm_conf()),
        partition: Some(cluster.partition().to_owned()),
        ..SlurmSettings::default()
    })
}

/// A job running `body` in bash, its output in `DIR/jobs/NAME.out`.
fn job(cluster: &SlurmCluster, name: &str, body: &str) -> JobSpec {
    let jobs = cluster.dir().join("jobs");
    std::fs::create_dir_all(&jobs).expect("jobs directory");
    JobSpec::new(
        name,
        format!("#!/bin/bash\n{body}\n"),
        &jobs,
        jobs.join(format!("{name}.out")),
    )
}

/// Polls the job until `done` holds, for at most `limit`. A command that fails on the way (a
/// controller slow to answer on a loaded machine) is asked again; only the limit fails the
/// test.
fn wait_for(
    client: &SlurmClient,
    id: JobId,
    limit: Duration,
    what: &str,
    done: impl Fn(&JobInfo) -> bool,
) -> JobInfo {
    let started = Instant::now();
    loop {
        let last = match client.job(&id) {
            Ok(info) if done(&info) => return info,
            Ok(info) => format!("{info:?}"),
            Err(error) => error.to_string(),
        };
        assert!(
            started.elapsed() < limit,
            "job {id} not {what} after {limit:?}: {last}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
#[cfg_attr(
    not(maestro_slurm),
    ignore = "Slurm is not installed (scripts/slurm-cluster install) or not root"
)]
fn two_jobs_of_a_whole_node_each_run_on_both_nodes_to_completion() {
    let cluster = SlurmCluster::start().expect("the cluster starts");
    let client = client(&cluster);
    let info = client.ping().expect("sinfo");
    assert_eq!(info.partitions.len(), 1, "{info:?}");
    let partition = &info.partitions[0];
    assert!(partition.default && partition.up, "{info:?}");
    assert_eq!(partition.nodes, cluster.nodes());
    assert!(info.nodes.iter().all(NodeInfo::is_usable), "{info:?}");
    let cpus = info.nodes[0].cpus;

    // Each job holds its node until the test creates `release` (or 20 s pass).
    let body = "echo \"$SLURMD_NODENAME\"\nfor _ in $(seq 200); do [ -e release ] && break; sleep 0.1; done";
    let whole_node = |name: &str| {
        let mut spec = job(&cluster, name, body);
        spec.cpus = Some(cpus);
        spec.memory_mb = Some(100);
        spec.time_minutes = Some(2);
        client.submit(&spec, &[]).expect("sbatch")
    };
    let ids = [whole_node("whole-a"), whole_node("whole-b")];
    let running: Vec<JobInfo> = ids
        .iter()
        .map(|id| {
            wait_for(&client, *id, Duration::from_secs(15), "running", |info| {
                info.state == JobState::Running
            })
        })
        .collect();
    let mut nodes: Vec<&str> = running
        .iter()
        .map(|info| info.node.as_deref().expect("a running job has its node"))
        .collect();
    nodes.sort_unstable();
    assert_eq!(nodes, cluster.nodes(), "one whole node each: {running:?}");
    // A third finds no node free: it waits for resources, then runs after the others.
    let third = whole_node("whole-c");
    let waiting = wait_for(&client, third, Duration::from_secs(5), "pending", |info| {
        info.state == JobState::Pending && info.reason.is_some()
    });
    assert_eq!(waiting.reason.as_deref(), Some("Resources"), "{waiting:?}");
    assert_eq!(waiting.node, None);
    std::fs::write(cluster.dir().join("jobs/release"), "").expect("release");
    let ids = [ids[0], ids[1], third];

    for (index, id) in ids.iter().enumerate() {
        let done = wait_for(&client, *id, Duration::from_secs(20), "completed", |info| {
            info.state.is_finished()
        });
        assert_eq!(done.state, JobState::Completed, "{done:?}");
        if let Some(ran) = running.get(index) {
            assert_eq!(done.node, ran.node, "the node stays reported");
        }
        assert_eq!(done.exit_code.map(|code| code.status), Some(0));
        assert_eq!(done.lost_reason(false), None);
        let out = cluster.dir().join(format!("jobs/{}.out", done.name));
        let said = std::fs::read_to_string(&out).expect("the job's output");
        assert_eq!(Some(said.trim()), done.node.as_deref(), "$SLURMD_NODENAME");
    }
}

#[test]
#[cfg_attr(
    not(maestro_slurm),
    ignore = "Slurm is not installed (scripts/slurm-cluster install) or not root"
)]
fn a_cancelled_job_is_cancelled_and_not_lost_when_we_cancelled_it() {
    let cluster = SlurmCluster::start().expect("the cluster starts");
    let client = client(&cluster);
    let id = client
        .submit(&job(&cluster, "to-cancel", "sleep 60"), &[])
        .expect("sbatch");
    wait_for(&client, id, Duration::from_secs(15), "running", |info| {
        info.state == JobState::Running
    });
    client.cancel(&id).expect("scancel");
    let info = wait_for(&client, id, Duration::from_secs(5), "cancelled", |info| {
        info.state.is_finished()
    });
    assert_eq!(info.state, JobState::Cancelled, "{info:?}");
    assert_eq!(info.lost_reason(true), None, "a stop of ours");
    let node = info.node.clone().expect("it ran somewhere");
    assert_eq!(
        info.lost_reason(false),
        Some(format!(
            "job cancelled by Slurm or an administrator on node {node} (CANCELLED)"
        ))
    );
    // Cancelling again, or a job Slurm never had, is no error; asking for the latter is.
    client.cancel(&id).expect("scancel of an ended job");
    client.cancel(&JobId(4_000_000)).expect("scancel of no job");
    assert!(matches!(
        client.job(&JobId(4_000_000)),
        Err(SlurmError::UnknownJob(JobId(4_000_000)))
    ));
}

#[test]
#[cfg_attr(
    not(maestro_slurm),
    ignore = "Slurm is not installed (scripts/slurm-cluster install) or not root"
)]
fn a_killed_node_fails_its_job_which_is_lost_naming_the_node() {
    let cluster = SlurmCluster::start().expect("the cluster starts");
    let client = client(&cluster);
    let id = client
        .submit(&job(&cluster, "on-a-dying-node", "sleep 120"), &[])
        .expect("sbatch");
    let running = wait_for(&client, id, Duration::from_secs(15), "running", |info| {
        info.state == JobState::Running
    });
    let node = running.node.expect("a running job has its node");

    cluster.kill_node(&node).expect("kill-node");
    let killed = Instant::now();
    let info = wait_for(&client, id, NODE_FAIL_WITHIN, "NODE_FAIL", |info| {
        info.state.is_finished()
    });
    let took = killed.elapsed();
    assert_eq!(info.state, JobState::NodeFail, "{info:?}");
    assert_eq!(info.node.as_deref(), Some(node.as_str()));
    assert_eq!(
        info.lost_reason(false),
        Some(format!("node {node} failed (NODE_FAIL)"))
    );
    let down = client.ping().expect("sinfo");
    let down = down
        .nodes
        .iter()
        .find(|n| n.name == node)
        .expect("the node");
    assert!(!down.is_usable(), "{down:?}");
    assert_eq!(down.reason.as_deref(), Some("Not responding"));

    cluster.start_node(&node).expect("start-node");
    let started = Instant::now();
    while !client
        .ping()
        .expect("sinfo")
        .nodes
        .iter()
        .any(|n| n.name == node && n.is_usable())
    {
        assert!(started.elapsed() < Duration::from_secs(10), "{node} back");
        std::thread::sleep(Duration::from_millis(100));
    }
    // Shown with --nocapture: the timing the executor's lost-crew detection waits for.
    #[allow(clippy::print_stderr)]
    {
        eprintln!("NODE_FAIL {took:?} after kill-node");
    }
}

/// The variable the child's environment holds and the job must not.
const CALLER_MARKER: &str = "MAESTRO_SLURM_CALLER_MARKER";

#[test]
#[cfg_attr(
    not(maestro_slurm),
    ignore = "Slurm is not installed (scripts/slurm-cluster install) or not root"
)]
fn secrets_and_the_callers_environment_never_reach_slurm() {
    let cluster = SlurmCluster::start().expect("the cluster starts");
    let client = client(&cluster);
    let nonce = format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_nanos()
    );
    let secret = format!("sk-ant-api03-secret-{nonce}");
    let caller_only = format!("caller-only-{nonce}");
    let visible = format!("visible-{nonce}");

    // A secret in the job's environment: refused, and nothing reached Slurm (the next
    // job is the cluster's first).
    let mut spec = job(&cluster, "with-secret", "sleep 1");
    spec.env
        .push(("ANTHROPIC_API_KEY".to_owned(), secret.clone()));
    match client.submit(&spec, &[&secret]) {
        Err(error @ SlurmError::Secret { .. }) => {
            assert!(
                error.to_string().contains("env ANTHROPIC_API_KEY"),
                "{error}"
            );
        }
        other => panic!("submitted with a secret: {other:?}"),
    }

    // The submission from a process whose own environment holds the marker.
    let out = Command::new(std::env::current_exe().expect("the test binary"))
        .args([
            "--exact",
            "slurm::submit_from_an_environment_holding_a_marker",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CALLER_MARKER, &caller_only)
        .env("MAESTRO_SLURM_TEST_DIR", cluster.dir())
        .env("MAESTRO_SLURM_TEST_CONF", cluster.slurm_conf())
        .env("MAESTRO_SLURM_TEST_VISIBLE", &visible)
        .output()
        .expect("the child test runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id: JobId = stdout
        .lines()
        // The test harness's own `... ` may precede it on the line.
        .find_map(|line| line.split_once("JOB=").map(|(_, id)| id.trim()))
        .unwrap_or_else(|| panic!("the child printed no job: {stdout}"))
        .parse()
        .expect("a job id");
    assert_eq!(id, JobId(1), "the refused job never reached Slurm");

    // While it runs Slurm holds its script and environment on disk.
    let env_file = cluster.dir().join("jobs/job-env");
    wait_for(&client, id, Duration::from_secs(15), "running", |info| {
        info.state == JobState::Running && env_file.is_file()
    });
    let started = Instant::now();
    let job_env = loop {
        let text = std::fs::read_to_string(&env_file).unwrap_or_default();
        if text.contains("END-OF-ENV") {
            break text;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "{text}");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(
        job_env.contains(&format!("MAESTRO_VISIBLE={visible}")),
        "{job_env}"
    );
    assert!(!job_env.contains(CALLER_MARKER), "{job_env}");
    assert!(!job_env.contains(&caller_only), "{job_env}");

    let mut stored = Vec::new();
    files_under(cluster.dir(), &mut stored);
    let holding = |value: &str| -> Vec<PathBuf> {
        stored
            .iter()
            .filter(|path| {
                std::fs::read(path).is_ok_and(|bytes| {
                    bytes
                        .windows(value.len())
                        .any(|window| window == value.as_bytes())
                })
            })
            .cloned()
            .collect()
    };
    // The check itself: the job's own variable is in Slurm's spool and state.
    let spooled = holding(&visible);
    assert!(
        spooled
            .iter()
            .any(|path| path.starts_with(cluster.dir().join("ctl"))
                || path.starts_with(cluster.dir().join("nodes"))),
        "the job's environment is stored by Slurm: {spooled:?}"
    );
    assert_eq!(holding(&caller_only), Vec::<PathBuf>::new());
    assert_eq!(holding(&secret), Vec::<PathBuf>::new());
    let shown = Command::new("scontrol")
        .args(["show", "job", "--details", "-o", &id.to_string()])
        .env("SLURM_CONF", cluster.slurm_conf())
        .output()
        .expect("scontrol");
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.contains("JobState=RUNNING"), "{shown}");
    assert!(!shown.contains(&caller_only), "{shown}");
    client.cancel(&id).expect("scancel");
}

/// Run by [`secrets_and_the_callers_environment_never_reach_slurm`] in a process of its own,
/// whose environment holds [`CALLER_MARKER`]: submits a job exporting one variable of its own,
/// which writes its environment to `DIR/jobs/job-env`, and prints `JOB=ID`.
#[test]
#[ignore = "a helper: run by slurm::secrets_and_the_callers_environment_never_reach_slurm"]
#[allow(clippy::print_stdout)]
fn submit_from_an_environment_holding_a_marker() {
    let var = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("{name} is set"));
    assert!(std::env::var_os(CALLER_MARKER).is_some());
    let dir = PathBuf::from(var("MAESTRO_SLURM_TEST_DIR"));
    let client = SlurmClient::new(SlurmSettings {
        conf: Some(PathBuf::from(var("MAESTRO_SLURM_TEST_CONF"))),
        ..SlurmSettings::default()
    });
    let jobs = dir.join("jobs");
    std::fs::create_dir_all(&jobs).expect("jobs directory");
    let mut spec = JobSpec::new(
        "environment",
        "#!/bin/bash\n{ env; echo END-OF-ENV; } > job-env\nsleep 60\n",
        &jobs,
        jobs.join("environment.out"),
    );
    spec.env.push((
        "MAESTRO_VISIBLE".to_owned(),
        var("MAESTRO_SLURM_TEST_VISIBLE"),
    ));
    let id = client.submit(&spec, &[]).expect("sbatch");
    println!("JOB={id}");
}

/// Every regular file below `dir`.
fn files_under(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            files_under(&entry.path(), found);
        } else if kind.is_file() {
            found.push(entry.path());
        }
    }
}

mod claude;
mod voyage;
