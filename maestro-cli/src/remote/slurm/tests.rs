//! The parsers on output captured from Slurm 22.05.8 (`scripts/slurm-cluster`, two nodes of
//! two CPUs), and the checks made before `sbatch` runs.

use std::path::PathBuf;

use super::parse::{cluster_info, job_info, sbatch_job_id, scontrol_pairs};
use super::*;

/// A job named `crew a b` (spaces) while it runs.
const RUNNING: &str = "JobId=1 JobName=crew a b UserId=root(0) GroupId=root(0) MCS_label=N/A Priority=4294901759 Nice=0 Account=(null) QOS=(null) JobState=RUNNING Reason=None Dependency=(null) Requeue=0 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=0:0 RunTime=00:00:01 TimeLimit=00:05:00 TimeMin=N/A SubmitTime=2026-12-01T05:20:59 EligibleTime=2026-12-01T05:20:59 AccrueTime=2026-12-01T05:20:59 StartTime=2026-12-01T05:20:59 EndTime=2026-12-01T05:25:59 Deadline=N/A SuspendTime=None SecsPreSuspend=0 LastSchedEval=2026-12-01T05:20:59 Scheduler=Main Partition=crew AllocNode:Sid=localhost:3557 ReqNodeList=(null) ExcNodeList=(null) NodeList=node1 BatchHost=node1 NumNodes=1 NumCPUs=2 NumTasks=1 CPUs/Task=2 ReqB:S:C:T=0:0:*:* TRES=cpu=2,node=1,billing=2 Socks/Node=* NtasksPerN:B:S:C=0:0:*:* CoreSpec=* MinCPUsNode=2 MinMemoryNode=100M MinTmpDiskNode=0 Features=(null) DelayBoot=00:00:00 OverSubscribe=OK Contiguous=0 Licenses=(null) Network=(null) Command=(null) WorkDir=/tmp/slc.77QQ StdErr=/tmp/slc.77QQ/out/1.err StdIn=/dev/null StdOut=/tmp/slc.77QQ/out/1.out Power= \n";

/// Waiting for a node's CPUs: no node yet.
const PENDING: &str = "JobId=4 JobName=b UserId=root(0) GroupId=root(0) MCS_label=N/A Priority=4294901756 Nice=0 Account=(null) QOS=(null) JobState=PENDING Reason=Resources Dependency=(null) Requeue=0 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=0:0 RunTime=00:00:00 TimeLimit=UNLIMITED TimeMin=N/A SubmitTime=2026-12-01T05:21:18 EligibleTime=2026-12-01T05:21:18 AccrueTime=2026-12-01T05:21:18 StartTime=Unknown EndTime=Unknown Deadline=N/A SuspendTime=None SecsPreSuspend=0 LastSchedEval=2026-12-01T05:21:18 Scheduler=Main Partition=crew AllocNode:Sid=localhost:3557 ReqNodeList=(null) ExcNodeList=(null) NodeList= NumNodes=1 NumCPUs=2 NumTasks=1 CPUs/Task=2 ReqB:S:C:T=0:0:*:* TRES=cpu=2,mem=4G,node=1,billing=2 Socks/Node=* NtasksPerN:B:S:C=0:0:*:* CoreSpec=* MinCPUsNode=2 MinMemoryNode=0 MinTmpDiskNode=0 Features=(null) DelayBoot=00:00:00 OverSubscribe=OK Contiguous=0 Licenses=(null) Network=(null) Command=(null) WorkDir=/tmp/slc.77QQ StdErr=/tmp/slc.77QQ/out/4.out StdIn=/dev/null StdOut=/tmp/slc.77QQ/out/4.out Power= \n";

/// The same job after `kill-node` took its node.
const NODE_FAIL: &str = "JobId=4 JobName=b UserId=root(0) GroupId=root(0) MCS_label=N/A Priority=4294901756 Nice=0 Account=(null) QOS=(null) JobState=NODE_FAIL Reason=NodeDown Dependency=(null) Requeue=0 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=0:0 RunTime=00:00:17 TimeLimit=UNLIMITED TimeMin=N/A SubmitTime=2026-12-01T05:21:18 EligibleTime=2026-12-01T05:21:18 AccrueTime=2026-12-01T05:21:18 StartTime=2026-12-01T05:21:20 EndTime=2026-12-01T05:21:37 Deadline=N/A SuspendTime=None SecsPreSuspend=0 LastSchedEval=2026-12-01T05:21:20 Scheduler=Main Partition=crew AllocNode:Sid=localhost:3557 ReqNodeList=(null) ExcNodeList=(null) NodeList=node1 BatchHost=node1 NumNodes=1 NumCPUs=2 NumTasks=1 CPUs/Task=2 ReqB:S:C:T=0:0:*:* TRES=cpu=2,node=1,billing=2 Socks/Node=* NtasksPerN:B:S:C=0:0:*:* CoreSpec=* MinCPUsNode=2 MinMemoryNode=0 MinTmpDiskNode=0 Features=(null) DelayBoot=00:00:00 OverSubscribe=OK Contiguous=0 Licenses=(null) Network=(null) Command=(null) WorkDir=/tmp/slc.77QQ StdErr=/tmp/slc.77QQ/out/4.out StdIn=/dev/null StdOut=/tmp/slc.77QQ/out/4.out Power= \n";

/// `exit 3`.
const FAILED: &str = "JobId=2 JobName=fail UserId=root(0) GroupId=root(0) MCS_label=N/A Priority=4294901758 Nice=0 Account=(null) QOS=(null) JobState=FAILED Reason=NonZeroExitCode Dependency=(null) Requeue=0 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=3:0 RunTime=00:00:02 TimeLimit=UNLIMITED TimeMin=N/A SubmitTime=2026-12-01T05:21:18 EligibleTime=2026-12-01T05:21:18 AccrueTime=2026-12-01T05:21:18 StartTime=2026-12-01T05:21:18 EndTime=2026-12-01T05:21:20 Deadline=N/A SuspendTime=None SecsPreSuspend=0 LastSchedEval=2026-12-01T05:21:18 Scheduler=Main Partition=crew AllocNode:Sid=localhost:3557 ReqNodeList=(null) ExcNodeList=(null) NodeList=node1 BatchHost=node1 NumNodes=1 NumCPUs=1 NumTasks=1 CPUs/Task=1 ReqB:S:C:T=0:0:*:* TRES=cpu=1,node=1,billing=1 Socks/Node=* NtasksPerN:B:S:C=0:0:*:* CoreSpec=* MinCPUsNode=1 MinMemoryNode=0 MinTmpDiskNode=0 Features=(null) DelayBoot=00:00:00 OverSubscribe=OK Contiguous=0 Licenses=(null) Network=(null) Command=(null) WorkDir=/tmp/slc.77QQ StdErr=/tmp/slc.77QQ/out/2.out StdIn=/dev/null StdOut=/tmp/slc.77QQ/out/2.out Power= \n";

/// `scancel` while it ran: SIGTERM in the exit code.
const CANCELLED: &str = "JobId=3 JobName=a UserId=root(0) GroupId=root(0) MCS_label=N/A Priority=4294901757 Nice=0 Account=(null) QOS=(null) JobState=CANCELLED Reason=None Dependency=(null) Requeue=0 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=0:15 RunTime=00:00:02 TimeLimit=UNLIMITED TimeMin=N/A SubmitTime=2026-12-01T05:21:18 EligibleTime=2026-12-01T05:21:18 AccrueTime=2026-12-01T05:21:18 StartTime=2026-12-01T05:21:18 EndTime=2026-12-01T05:21:20 Deadline=N/A SuspendTime=None SecsPreSuspend=0 LastSchedEval=2026-12-01T05:21:18 Scheduler=Main Partition=crew AllocNode:Sid=localhost:3557 ReqNodeList=(null) ExcNodeList=(null) NodeList=node2 BatchHost=node2 NumNodes=1 NumCPUs=2 NumTasks=1 CPUs/Task=2 ReqB:S:C:T=0:0:*:* TRES=cpu=2,node=1,billing=2 Socks/Node=* NtasksPerN:B:S:C=0:0:*:* CoreSpec=* MinCPUsNode=2 MinMemoryNode=0 MinTmpDiskNode=0 Features=(null) DelayBoot=00:00:00 OverSubscribe=OK Contiguous=0 Licenses=(null) Network=(null) Command=(null) WorkDir=/tmp/slc.77QQ StdErr=/tmp/slc.77QQ/out/3.out StdIn=/dev/null StdOut=/tmp/slc.77QQ/out/3.out Power= \n";

/// `sinfo --noheader --Node --format=%N|%P|%a|%T|%c|%m|%E` with node1 killed.
const SINFO_NODE_DOWN: &str =
    "node1|crew*|up|down*|2|4096|Not responding\nnode2|crew*|up|idle|2|4096|none\n";

#[test]
fn a_running_job_has_its_node_and_a_name_with_spaces() {
    let info = job_info(JobId(1), RUNNING).unwrap();
    assert_eq!(
        info,
        JobInfo {
            id: JobId(1),
            name: "crew a b".into(),
            state: JobState::Running,
            reason: None,
            node: Some("node1".into()),
            exit_code: Some(ExitCode {
                status: 0,
                signal: 0
            }),
        }
    );
    assert_eq!(info.lost_reason(false), None);
    assert!(!info.state.is_finished());
}

#[test]
fn every_pair_of_a_line_is_read_with_keys_holding_colons_and_slashes() {
    let pairs = scontrol_pairs(RUNNING);
    let get = |key: &str| pairs.iter().find(|p| p.0 == key).map(|p| p.1);
    assert_eq!(
        pairs.len(),
        RUNNING.matches('=').count() - 3,
        "TRES holds 3 more"
    );
    assert_eq!(get("AllocNode:Sid"), Some("localhost:3557"));
    assert_eq!(get("CPUs/Task"), Some("2"));
    assert_eq!(get("TRES"), Some("cpu=2,node=1,billing=2"));
    assert_eq!(get("StdOut"), Some("/tmp/slc.77QQ/out/1.out"));
    assert_eq!(get("Power"), Some(""));
    assert_eq!(pairs.last().map(|p| p.0), Some("Power"));
}

#[test]
fn free_text_values_run_on_to_the_next_known_key() {
    // A reason with a space, a path with one and with `=`: only a known key ends them.
    let line = "JobId=7 JobName=x JobState=PENDING Reason=ReqNodeNotAvail, UnavailableNodes:node1 Dependency=(null) WorkDir=/srv/a b/c=d StdErr=/srv/e Power=";
    let pairs = scontrol_pairs(line);
    let get = |key: &str| pairs.iter().find(|p| p.0 == key).map(|p| p.1);
    assert_eq!(
        get("Reason"),
        Some("ReqNodeNotAvail, UnavailableNodes:node1")
    );
    assert_eq!(get("WorkDir"), Some("/srv/a b/c=d"));
    assert_eq!(get("StdErr"), Some("/srv/e"));
    let info = job_info(JobId(7), line).unwrap();
    assert_eq!(info.node, None);
    assert_eq!(info.exit_code, None);
}

#[test]
fn a_pending_job_has_a_reason_and_no_node() {
    let info = job_info(JobId(4), PENDING).unwrap();
    assert_eq!(info.state, JobState::Pending);
    assert_eq!(info.reason.as_deref(), Some("Resources"));
    assert_eq!(info.node, None);
}

#[test]
fn a_failed_node_loses_the_job_naming_the_node() {
    let info = job_info(JobId(4), NODE_FAIL).unwrap();
    assert_eq!(info.state, JobState::NodeFail);
    assert_eq!(info.reason.as_deref(), Some("NodeDown"));
    assert_eq!(info.node.as_deref(), Some("node1"));
    assert!(info.state.is_finished());
    assert_eq!(
        info.lost_reason(false).as_deref(),
        Some("node node1 failed (NODE_FAIL)")
    );
}

#[test]
fn a_failed_script_is_a_failure_not_a_loss() {
    let info = job_info(JobId(2), FAILED).unwrap();
    assert_eq!(info.state, JobState::Failed);
    assert_eq!(
        info.exit_code,
        Some(ExitCode {
            status: 3,
            signal: 0
        })
    );
    assert_eq!(info.lost_reason(false), None);
}

#[test]
fn a_cancelled_job_is_lost_only_when_someone_else_cancelled_it() {
    let info = job_info(JobId(3), CANCELLED).unwrap();
    assert_eq!(info.state, JobState::Cancelled);
    assert_eq!(info.exit_code.map(|code| code.signal), Some(15));
    assert_eq!(info.lost_reason(true), None);
    assert_eq!(
        info.lost_reason(false).as_deref(),
        Some("job cancelled by Slurm or an administrator on node node2 (CANCELLED)")
    );
}

#[test]
fn lost_reasons_name_the_state_as_slurm_does() {
    let cases = [
        (
            JobState::Timeout,
            "job reached its time limit on node node2 (TIMEOUT)",
        ),
        (
            JobState::Preempted,
            "job preempted on node node2 (PREEMPTED)",
        ),
        (
            JobState::Other("BOOT_FAIL".into()),
            "node node2 failed to boot (BOOT_FAIL)",
        ),
    ];
    for (state, reason) in cases {
        assert_eq!(
            state.lost_reason(Some("node2"), false).as_deref(),
            Some(reason)
        );
    }
    assert_eq!(
        JobState::NodeFail.lost_reason(None, false).as_deref(),
        Some("its node failed (NODE_FAIL)")
    );
    for state in [
        JobState::Pending,
        JobState::Running,
        JobState::Completed,
        JobState::Failed,
        JobState::OutOfMemory,
    ] {
        assert_eq!(state.lost_reason(Some("node2"), false), None, "{state}");
    }
    for name in ["OUT_OF_MEMORY", "NODE_FAIL", "SUSPENDED"] {
        assert_eq!(JobState::from_slurm(name).as_slurm(), name);
    }
}

#[test]
fn the_line_of_the_asked_job_is_read_and_another_is_an_error() {
    let two = format!("{FAILED}{CANCELLED}");
    assert_eq!(job_info(JobId(3), &two).unwrap().state, JobState::Cancelled);
    assert!(job_info(JobId(9), &two).unwrap_err().contains("no JobId=9"));
}

#[test]
fn sinfo_gives_partitions_and_nodes_with_their_states() {
    let info = cluster_info(SINFO_NODE_DOWN).unwrap();
    assert_eq!(
        info.partitions,
        vec![PartitionInfo {
            name: "crew".into(),
            default: true,
            up: true,
            nodes: vec!["node1".into(), "node2".into()],
        }]
    );
    assert_eq!(
        info.nodes[0],
        NodeInfo {
            name: "node1".into(),
            state: "down*".into(),
            cpus: 2,
            memory_mb: 4096,
            reason: Some("Not responding".into()),
        }
    );
    assert!(!info.nodes[0].is_usable());
    assert!(info.nodes[1].is_usable());
    assert_eq!(info.nodes[1].reason, None);
    assert!(cluster_info("node1|crew*|up\n").is_err());
}

#[test]
fn sbatch_parsable_output_is_an_id_and_maybe_a_cluster() {
    assert_eq!(sbatch_job_id("6\n"), Some(JobId(6)));
    assert_eq!(sbatch_job_id("42;cluster\n"), Some(JobId(42)));
    assert_eq!(sbatch_job_id("Submitted batch job 6\n"), None);
}

fn spec() -> JobSpec {
    let mut spec = JobSpec::new("crew-1", "#!/bin/bash\ntrue\n", "/srv/v", "/srv/v/out");
    spec.env = vec![("MAESTRO_RUN".into(), "run-7".into())];
    spec
}

#[test]
fn a_secret_anywhere_in_the_spec_is_refused_naming_the_field_not_the_value() {
    let secret = "sk-ant-api03-secretvalue";
    let client = SlurmClient::new(SlurmSettings {
        bin_dir: Some(PathBuf::from("/nonexistent")),
        ..SlurmSettings::default()
    });
    let mut cases: Vec<(JobSpec, &str)> = Vec::new();
    let mut with = spec();
    with.script = format!("#!/bin/bash\nexport KEY={secret}\n");
    cases.push((with, "script"));
    let mut with = spec();
    with.env.push(("ANTHROPIC_API_KEY".into(), secret.into()));
    cases.push((with, "env ANTHROPIC_API_KEY"));
    let mut with = spec();
    with.stderr = Some(PathBuf::from(format!("/srv/{secret}")));
    cases.push((with, "stderr"));
    for (spec, field) in cases {
        // Refused before sbatch is looked for: bin_dir does not exist.
        match client.submit(&spec, &["", secret]) {
            Err(error @ SlurmError::Secret { .. }) => {
                assert!(error.to_string().contains(field), "{error}");
                assert!(!error.to_string().contains(secret));
            }
            other => panic!("{field}: {other:?}"),
        }
    }
    // An empty secret is no secret; without any the spec goes on (and sbatch is missing).
    assert!(matches!(
        client.submit(&spec(), &[""]),
        Err(SlurmError::Spawn { .. })
    ));
}

#[test]
fn specs_sbatch_would_read_otherwise_are_refused() {
    let client = SlurmClient::new(SlurmSettings {
        bin_dir: Some(PathBuf::from("/nonexistent")),
        ..SlurmSettings::default()
    });
    let mut cases: Vec<JobSpec> = Vec::new();
    let mut with = spec();
    with.name = "a b".into();
    cases.push(with);
    let mut with = spec();
    with.script = "echo no interpreter\n".into();
    cases.push(with);
    let mut with = spec();
    with.script = "#!/bin/bash\n#SBATCH --export=ALL\ntrue\n".into();
    cases.push(with);
    let mut with = spec();
    with.env.push(("SBATCH_PARTITION".into(), "other".into()));
    cases.push(with);
    let mut with = spec();
    with.env.push(("A,B".into(), "x".into()));
    cases.push(with);
    for spec in cases {
        assert!(
            matches!(client.submit(&spec, &[]), Err(SlurmError::InvalidSpec(_))),
            "{spec:?}"
        );
    }
}

#[test]
fn a_command_that_does_not_finish_is_killed_at_the_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let sinfo = dir.path().join("sinfo");
    std::fs::write(&sinfo, "#!/bin/sh\necho retrying >&2\nexec sleep 30\n").unwrap();
    let mut permissions = std::fs::metadata(&sinfo).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&sinfo, permissions).unwrap();
    let client = SlurmClient::new(SlurmSettings {
        bin_dir: Some(dir.path().to_owned()),
        timeout: std::time::Duration::from_millis(300),
        ..SlurmSettings::default()
    });
    let started = std::time::Instant::now();
    match client.ping() {
        Err(SlurmError::Timeout { stderr, .. }) => assert_eq!(stderr, "retrying"),
        other => panic!("{other:?}"),
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn commands_get_only_the_clients_environment() {
    // A fake sbatch that prints its environment to stderr and fails.
    let dir = tempfile::tempdir().unwrap();
    let sbatch = dir.path().join("sbatch");
    std::fs::write(&sbatch, "#!/bin/sh\nenv | sort >&2\ncat >&2\nexit 1\n").unwrap();
    let mut permissions = std::fs::metadata(&sbatch).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&sbatch, permissions).unwrap();
    let client = SlurmClient::new(SlurmSettings {
        bin_dir: Some(dir.path().to_owned()),
        conf: Some(PathBuf::from("/srv/slurm.conf")),
        ..SlurmSettings::default()
    });
    let Err(SlurmError::Failed { stderr, .. }) = client.submit(&spec(), &[]) else {
        panic!("the fake sbatch fails");
    };
    let names: Vec<&str> = stderr
        .lines()
        .filter_map(|line| line.split_once('=').map(|(name, _)| name))
        .filter(|name| name.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
        // What the shell of the fake sets itself.
        .filter(|name| !["PWD", "SHLVL", "_"].contains(name))
        .collect();
    assert_eq!(
        names,
        ["LC_ALL", "MAESTRO_RUN", "PATH", "SLURM_CONF"],
        "{stderr}"
    );
    assert!(stderr.contains("SLURM_CONF=/srv/slurm.conf"));
    assert!(
        stderr.contains("#!/bin/bash\ntrue"),
        "the script on stdin: {stderr}"
    );
}
