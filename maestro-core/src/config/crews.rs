//! `crews` and `worktrees`: limits for crews, their sandbox, and where they work.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `crews`: limits for crews.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Crews {
    /// Most crews at once (the licence tier may allow fewer).
    #[schemars(range(min = 1))]
    pub max_concurrent: u32,
    /// Seconds before a crew is stopped.
    #[schemars(range(min = 1))]
    pub timeout_secs: u64,
    /// Spending limit per crew in US dollars; `null` is no limit.
    pub max_budget_usd: Option<f64>,
    /// Spending limit of a whole voyage in US dollars, over every crew and attempt: once it is
    /// spent no new crew starts (running ones finish); `null` is no limit.
    pub voyage_budget_usd: Option<f64>,
    /// How often a failed gate is retried with its output fed back.
    pub retries: u32,
    /// Whether crews, gate commands and setup commands run in the operating system's sandbox
    /// (`on`, the default: bubblewrap on Linux). `off` runs them with maestro's own rights; it
    /// is audited and shown by `status` and `report`.
    pub sandbox: SandboxMode,
    /// Directories sandboxed crews may write besides their worktree and the temporary
    /// directory: tool caches such as `~/.cargo/registry` or `~/.cache/pip` (`~` is the home
    /// directory). Each must exist.
    pub writable_dirs: Vec<String>,
    /// Where crews run: on this machine (`{"kind": "local"}`, the default) or as jobs of a
    /// Slurm cluster (`{"kind": "slurm", …}`).
    #[serde(skip_serializing_if = "ExecutorConfig::is_default")]
    pub executor: ExecutorConfig,
}

/// `crews.executor`: where crews run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct ExecutorConfig {
    /// `local` (this machine) or `slurm` (one batch job per attempt).
    pub kind: ExecutorKind,
    /// The Slurm partition jobs go to; `null`: the cluster's default.
    pub partition: Option<String>,
    /// `SLURM_CONF` for maestro's Slurm commands; `null`: Slurm's own default.
    pub slurm_conf: Option<String>,
    /// The directory of `sbatch`, `scontrol`, `scancel` and `sinfo`; `null`: found on `PATH`.
    pub slurm_bin_dir: Option<String>,
    /// The `maestro` program on the nodes; `null`: the same path as on this machine.
    pub maestro: Option<String>,
    /// The address the control channel listens on, `ip:port` (port 0: any free port).
    /// Default: `0.0.0.0:0`.
    pub listen: Option<String>,
    /// The host (IP address or name) the nodes dial to reach this machine; the channel's
    /// certificate names it. Required with `slurm`.
    pub advertise: Option<String>,
    /// Resources of each job, per role: `{"default": {"cpus": 2, "memoryMib": 2048}, "tester":
    /// {"cpus": 4}}`; a role's entry overrides the default's fields it names. Time: the
    /// crew's timeout (`crews.timeoutSecs`) and 10 minutes for the transfers.
    pub resources: std::collections::BTreeMap<String, JobResources>,
    /// Seconds between a job's heartbeats; a job silent for four of them is lost. Default: 10.
    pub heartbeat_secs: Option<u64>,
}

/// CPUs and memory of a job.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct JobResources {
    /// CPUs (`--cpus-per-task`).
    pub cpus: Option<u32>,
    /// Memory in MiB (`--mem`).
    pub memory_mib: Option<u64>,
    /// The job's time limit in minutes (`--time`); default: the crew's timeout
    /// (`crews.timeoutSecs`) and 10 minutes for the transfers.
    pub time_minutes: Option<u64>,
}

impl ExecutorConfig {
    /// Whether this is the default (crews on this machine, nothing set).
    #[must_use]
    pub fn is_default(&self) -> bool {
        *self == ExecutorConfig::default()
    }

    /// The resources of a job of `role`: its entry over the `default` entry, then 1 CPU and
    /// 1024 MiB; the time limit when one is set.
    #[must_use]
    pub fn resources_of(&self, role: &str) -> (u32, u64, Option<u64>) {
        let default = self.resources.get("default").copied().unwrap_or_default();
        let own = self.resources.get(role).copied().unwrap_or_default();
        (
            own.cpus.or(default.cpus).unwrap_or(1),
            own.memory_mib.or(default.memory_mib).unwrap_or(1024),
            own.time_minutes.or(default.time_minutes),
        )
    }
}

/// `crews.executor.kind`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExecutorKind {
    /// Crews run on this machine.
    #[default]
    Local,
    /// Each attempt is a Slurm batch job running `maestro crew-exec`.
    Slurm,
}

crate::json::deserialize_by_name!(ExecutorKind);

impl ExecutorKind {
    /// Every value.
    pub const ALL: [ExecutorKind; 2] = [ExecutorKind::Local, ExecutorKind::Slurm];

    /// The name used in `workspace.json`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ExecutorKind::Local => "local",
            ExecutorKind::Slurm => "slurm",
        }
    }
}

impl Default for Crews {
    fn default() -> Self {
        Crews {
            max_concurrent: 5,
            timeout_secs: 3600,
            max_budget_usd: None,
            voyage_budget_usd: None,
            retries: 1,
            sandbox: SandboxMode::On,
            writable_dirs: Vec::new(),
            executor: ExecutorConfig::default(),
        }
    }
}

/// `crews.sandbox`: whether crews run in the operating system's sandbox.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SandboxMode {
    /// Crews, gates and setup commands run sandboxed; `run` refuses when the sandbox cannot
    /// be had.
    #[default]
    On,
    /// No sandbox: crews run with maestro's own rights (audited, and shown by `status` and
    /// `report`).
    Off,
}

crate::json::deserialize_by_name!(SandboxMode);

impl SandboxMode {
    /// Every value.
    pub const ALL: [SandboxMode; 2] = [SandboxMode::On, SandboxMode::Off];

    /// The name used in `workspace.json`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            SandboxMode::On => "on",
            SandboxMode::Off => "off",
        }
    }
}

/// `worktrees`: where crews work and how their worktrees are prepared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Worktrees {
    /// Directory of crew worktrees, relative to the repository root.
    pub dir: String,
    /// Shell command run in each new worktree before its crew starts.
    pub setup: Option<String>,
    /// Untracked files of the main checkout copied into each new worktree.
    pub copy: Vec<String>,
}

impl Default for Worktrees {
    fn default() -> Self {
        Worktrees {
            dir: ".mso/worktrees".to_owned(),
            setup: None,
            copy: Vec::new(),
        }
    }
}
