//! Reading what `sbatch --parsable`, `scontrol show job -o` and `sinfo` print.

use std::fmt;

use super::JobId;

/// `sinfo --Node --format`: one line a node and partition, the free-text reason last.
pub(super) const SINFO_FORMAT: &str = "%N|%P|%a|%T|%c|%m|%E";

/// A job's state, as `scontrol` names it (`JobState=`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobState {
    /// `PENDING`: waiting for resources or its turn.
    Pending,
    /// `RUNNING`.
    Running,
    /// `COMPLETING`: ended, its processes being cleaned up on the node.
    Completing,
    /// `COMPLETED`: the script exited 0.
    Completed,
    /// `FAILED`: the script exited non-zero (or could not start).
    Failed,
    /// `CANCELLED`: by `scancel` — the client's own [`super::SlurmClient::cancel`], a user's
    /// or an administrator's.
    Cancelled,
    /// `TIMEOUT`: its time limit passed.
    Timeout,
    /// `NODE_FAIL`: its node stopped answering.
    NodeFail,
    /// `PREEMPTED`: a job of a higher priority took its resources.
    Preempted,
    /// `OUT_OF_MEMORY`: it exceeded its memory.
    OutOfMemory,
    /// Any other state (`SUSPENDED`, `BOOT_FAIL`, `DEADLINE`, `REQUEUED`, …), as Slurm names
    /// it.
    Other(String),
}

impl JobState {
    /// The state `scontrol` names `name`.
    #[must_use]
    pub fn from_slurm(name: &str) -> JobState {
        match name {
            "PENDING" => JobState::Pending,
            "RUNNING" => JobState::Running,
            "COMPLETING" => JobState::Completing,
            "COMPLETED" => JobState::Completed,
            "FAILED" => JobState::Failed,
            "CANCELLED" => JobState::Cancelled,
            "TIMEOUT" => JobState::Timeout,
            "NODE_FAIL" => JobState::NodeFail,
            "PREEMPTED" => JobState::Preempted,
            "OUT_OF_MEMORY" => JobState::OutOfMemory,
            other => JobState::Other(other.to_owned()),
        }
    }

    /// The name `scontrol` gives the state.
    #[must_use]
    pub fn as_slurm(&self) -> &str {
        match self {
            JobState::Pending => "PENDING",
            JobState::Running => "RUNNING",
            JobState::Completing => "COMPLETING",
            JobState::Completed => "COMPLETED",
            JobState::Failed => "FAILED",
            JobState::Cancelled => "CANCELLED",
            JobState::Timeout => "TIMEOUT",
            JobState::NodeFail => "NODE_FAIL",
            JobState::Preempted => "PREEMPTED",
            JobState::OutOfMemory => "OUT_OF_MEMORY",
            JobState::Other(name) => name,
        }
    }

    /// Whether the job has ended for good: it will not run (again) by itself.
    #[must_use]
    pub fn is_finished(&self) -> bool {
        match self {
            JobState::Pending | JobState::Running | JobState::Completing => false,
            JobState::Completed
            | JobState::Failed
            | JobState::Cancelled
            | JobState::Timeout
            | JobState::NodeFail
            | JobState::Preempted
            | JobState::OutOfMemory => true,
            JobState::Other(name) => matches!(name.as_str(), "BOOT_FAIL" | "DEADLINE" | "REVOKED"),
        }
    }

    /// Why the crew was lost rather than failed, for [`maestro_core::ports::CrewOutcome::lost`]:
    /// its node failed (or failed to boot), Slurm or an administrator cancelled, preempted or
    /// timed out its job. `node` is where the job ran; `cancelled_by_us`: the executor
    /// cancelled the job itself (a stop, not a loss). `None` for every other state.
    ///
    /// ```
    /// use maestro_cli::remote::slurm::JobState;
    /// assert_eq!(
    ///     JobState::NodeFail.lost_reason(Some("node1"), false).as_deref(),
    ///     Some("node node1 failed (NODE_FAIL)")
    /// );
    /// assert_eq!(JobState::Cancelled.lost_reason(Some("node1"), true), None);
    /// ```
    #[must_use]
    pub fn lost_reason(&self, node: Option<&str>, cancelled_by_us: bool) -> Option<String> {
        let on = node.map_or_else(String::new, |node| format!(" on node {node}"));
        let why = match self {
            JobState::NodeFail => match node {
                Some(node) => format!("node {node} failed"),
                None => "its node failed".to_owned(),
            },
            JobState::Cancelled if !cancelled_by_us => {
                format!("job cancelled by Slurm or an administrator{on}")
            }
            JobState::Preempted => format!("job preempted{on}"),
            JobState::Timeout => format!("job reached its time limit{on}"),
            JobState::Other(name) if name == "BOOT_FAIL" => match node {
                Some(node) => format!("node {node} failed to boot"),
                None => "its node failed to boot".to_owned(),
            },
            _ => return None,
        };
        Some(format!("{why} ({})", self.as_slurm()))
    }
}

impl fmt::Display for JobState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_slurm())
    }
}

/// How a job's script ended (`ExitCode=STATUS:SIGNAL`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExitCode {
    /// Its exit status; 0 while it runs.
    pub status: i32,
    /// The signal that ended it; 0 for none.
    pub signal: i32,
}

/// A job as `scontrol show job` tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobInfo {
    /// The job.
    pub id: JobId,
    /// Its name (`JobName=`).
    pub name: String,
    /// Its state.
    pub state: JobState,
    /// Why it is in that state (`Reason=`), e.g. `Resources`, `NodeDown`, `TimeLimit`;
    /// `None` when Slurm says `None`.
    pub reason: Option<String>,
    /// The node it runs or ran on (`BatchHost=`, else `NodeList=`); `None` before Slurm placed
    /// it.
    pub node: Option<String>,
    /// How its script ended, when Slurm says.
    pub exit_code: Option<ExitCode>,
}

impl JobInfo {
    /// [`JobState::lost_reason`] with the job's node.
    #[must_use]
    pub fn lost_reason(&self, cancelled_by_us: bool) -> Option<String> {
        self.state
            .lost_reason(self.node.as_deref(), cancelled_by_us)
    }
}

/// The cluster as `sinfo` describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterInfo {
    /// Its partitions, in `sinfo`'s order.
    pub partitions: Vec<PartitionInfo>,
    /// Its nodes, each once, in `sinfo`'s order.
    pub nodes: Vec<NodeInfo>,
}

/// A partition of the cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionInfo {
    /// Its name.
    pub name: String,
    /// Whether jobs that name no partition go here.
    pub default: bool,
    /// Whether it is `up` (accepts and runs jobs).
    pub up: bool,
    /// Its nodes.
    pub nodes: Vec<String>,
}

/// A node of the cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeInfo {
    /// Its name.
    pub name: String,
    /// Its state as `sinfo` names it: `idle`, `mixed`, `allocated`, `down*`, `drained`, …
    /// (`*`: not responding).
    pub state: String,
    /// Its CPUs.
    pub cpus: u32,
    /// Its memory, in MiB.
    pub memory_mb: u64,
    /// Why it is down or drained, when it is (`Not responding`).
    pub reason: Option<String>,
}

impl NodeInfo {
    /// Whether the node answers and takes jobs: `idle`, `mixed`, `allocated` or `completing`.
    #[must_use]
    pub fn is_usable(&self) -> bool {
        matches!(
            self.state.as_str(),
            "idle" | "mixed" | "allocated" | "completing"
        )
    }
}

/// The job id `sbatch --parsable` printed: `ID` or `ID;CLUSTER`.
pub(super) fn sbatch_job_id(out: &str) -> Option<JobId> {
    let line = out.lines().map(str::trim).rfind(|line| !line.is_empty())?;
    let id = line.split(';').next()?;
    id.parse().ok()
}

/// Keys of `scontrol show job -o` (Slurm 22.05 and neighbours). Within a value that may hold
/// spaces, only one of these followed by `=` starts the next pair.
const JOB_KEYS: &[&str] = &[
    "JobId",
    "ArrayJobId",
    "ArrayTaskId",
    "ArrayTaskThrottle",
    "HetJobId",
    "HetJobOffset",
    "HetJobIdSet",
    "JobName",
    "UserId",
    "GroupId",
    "MCS_label",
    "Priority",
    "Nice",
    "Account",
    "QOS",
    "WCKey",
    "JobState",
    "Reason",
    "Dependency",
    "Requeue",
    "Restarts",
    "BatchFlag",
    "Reboot",
    "ExitCode",
    "DerivedExitCode",
    "RunTime",
    "TimeLimit",
    "TimeMin",
    "SubmitTime",
    "EligibleTime",
    "AccrueTime",
    "StartTime",
    "EndTime",
    "Deadline",
    "PreemptEligibleTime",
    "PreemptTime",
    "SuspendTime",
    "SecsPreSuspend",
    "LastSchedEval",
    "ResizeTime",
    "Scheduler",
    "Partition",
    "AllocNode:Sid",
    "ReqNodeList",
    "ExcNodeList",
    "NodeList",
    "SchedNodeList",
    "BatchHost",
    "NumNodes",
    "NumCPUs",
    "NumTasks",
    "CPUs/Task",
    "ReqB:S:C:T",
    "TRES",
    "Socks/Node",
    "NtasksPerN:B:S:C",
    "CoreSpec",
    "MinCPUsNode",
    "MinMemoryNode",
    "MinMemoryCPU",
    "MinTmpDiskNode",
    "Features",
    "Prefer",
    "DelayBoot",
    "OverSubscribe",
    "Contiguous",
    "Licenses",
    "Network",
    "Reservation",
    "Command",
    "WorkDir",
    "AdminComment",
    "SystemComment",
    "Comment",
    "StdErr",
    "StdIn",
    "StdOut",
    "Power",
    "MailUser",
    "MailType",
    "TresPerNode",
    "TresPerTask",
    "CpusPerTres",
    "MemPerTres",
    "Extra",
    "Container",
];

/// Keys whose values may hold spaces: a job name, a reason (`ReqNodeNotAvail,
/// UnavailableNodes:node1`), comments, paths.
const FREE_TEXT_KEYS: &[&str] = &[
    "JobName",
    "Reason",
    "Dependency",
    "Command",
    "WorkDir",
    "AdminComment",
    "SystemComment",
    "Comment",
    "StdErr",
    "StdIn",
    "StdOut",
    "Features",
    "Prefer",
    "Extra",
    "Container",
];

/// The `KEY=VALUE` pairs of one `scontrol … -o` line, in order. A space separates pairs; a
/// value of a [`FREE_TEXT_KEYS`] key runs on until a known key (`JOB_KEYS`) and `=`; any
/// other value ends at the next `WORD=`, where `WORD` looks like a key.
pub(super) fn scontrol_pairs(line: &str) -> Vec<(&str, &str)> {
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    // Byte offsets: the current key, and where its value starts.
    let mut current: Option<(&str, usize)> = None;
    let mut offset = 0;
    let line = line.trim_end_matches(['\n', '\r']);
    for token in line.split(' ') {
        let start = offset;
        offset += token.len() + 1;
        let key = token
            .split_once('=')
            .map(|(key, _)| key)
            .filter(|key| looks_like_key(key));
        let starts_pair = match (key, current) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(key), Some((current_key, _))) => {
                !FREE_TEXT_KEYS.contains(&current_key) || JOB_KEYS.contains(&key)
            }
        };
        if starts_pair {
            if let Some((current_key, value_start)) = current {
                pairs.push((current_key, value_of(line, value_start, start)));
            }
            let key = key.expect("a pair starts at a key");
            current = Some((key, start + key.len() + 1));
        }
    }
    if let Some((current_key, value_start)) = current {
        pairs.push((current_key, value_of(line, value_start, line.len() + 1)));
    }
    pairs
}

/// The value from `start` up to the space before `next` (the next pair's first byte, or the
/// line's length plus one), without trailing spaces.
fn value_of(line: &str, start: usize, next: usize) -> &str {
    let end = next.saturating_sub(1).max(start).min(line.len());
    line.get(start..end).unwrap_or("").trim_end_matches(' ')
}

fn looks_like_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_uppercase())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '/'))
}

/// The job `id` from `scontrol show job -o ID`'s output (one line a job).
pub(super) fn job_info(id: JobId, out: &str) -> Result<JobInfo, String> {
    let wanted = id.to_string();
    let pairs = out
        .lines()
        .map(scontrol_pairs)
        .find(|pairs| {
            pairs
                .iter()
                .any(|&(key, value)| key == "JobId" && value == wanted)
        })
        .ok_or_else(|| format!("no JobId={id} line in {:?}", clip(out)))?;
    let get = |wanted: &str| {
        pairs
            .iter()
            .find(|&&(key, _)| key == wanted)
            .map(|&(_, value)| value)
    };
    let state = get("JobState").ok_or_else(|| format!("no JobState for job {id}"))?;
    let meaningful = |value: &&str| !value.is_empty() && *value != "(null)" && *value != "None";
    let node = get("BatchHost")
        .filter(meaningful)
        .or_else(|| get("NodeList").filter(meaningful));
    Ok(JobInfo {
        id,
        name: get("JobName").unwrap_or_default().to_owned(),
        state: JobState::from_slurm(state),
        reason: get("Reason").filter(meaningful).map(str::to_owned),
        node: node.map(str::to_owned),
        exit_code: get("ExitCode").and_then(|code| {
            let (status, signal) = code.split_once(':')?;
            Some(ExitCode {
                status: status.parse().ok()?,
                signal: signal.parse().ok()?,
            })
        }),
    })
}

/// The cluster from `sinfo --noheader --Node --format=`[`SINFO_FORMAT`].
pub(super) fn cluster_info(out: &str) -> Result<ClusterInfo, String> {
    let mut info = ClusterInfo {
        partitions: Vec::new(),
        nodes: Vec::new(),
    };
    for line in out.lines().filter(|line| !line.trim().is_empty()) {
        let fields: Vec<&str> = line.splitn(7, '|').collect();
        let [name, partition, available, state, cpus, memory, reason] = fields[..] else {
            return Err(format!("not 7 fields: {line:?}"));
        };
        let number = |what: &str, text: &str| {
            text.trim()
                .parse::<u64>()
                .map_err(|_| format!("{what} {text:?} in {line:?}"))
        };
        let default = partition.ends_with('*');
        let partition = partition.trim_end_matches('*');
        match info.partitions.iter_mut().find(|p| p.name == partition) {
            Some(known) => known.nodes.push(name.to_owned()),
            None => info.partitions.push(PartitionInfo {
                name: partition.to_owned(),
                default,
                up: available == "up",
                nodes: vec![name.to_owned()],
            }),
        }
        if info.nodes.iter().all(|node| node.name != name) {
            let reason = reason.trim();
            info.nodes.push(NodeInfo {
                name: name.to_owned(),
                state: state.to_owned(),
                cpus: u32::try_from(number("CPUs", cpus)?).map_err(|_| format!("CPUs {cpus:?}"))?,
                memory_mb: number("memory", memory)?,
                reason: (!reason.is_empty() && reason != "none").then(|| reason.to_owned()),
            });
        }
    }
    Ok(info)
}

fn clip(text: &str) -> String {
    text.chars().take(300).collect()
}
