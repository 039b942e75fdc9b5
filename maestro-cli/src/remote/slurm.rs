//! Slurm through its supported command interface: `sbatch` submits, `scontrol show job` tells
//! a job's state and node, `scancel` cancels and `sinfo` describes the cluster.
//!
//! Every command gets an argument vector (no shell), a cleared environment (`PATH`, `LC_ALL=C`,
//! `SLURM_CONF`, and for `sbatch` the job's own variables), and a time limit. A batch script
//! goes on `sbatch`'s stdin. Jobs are submitted with `--no-requeue` (maestro runs a lost
//! attempt again itself) and an explicit `--export` (never the caller's environment: Slurm
//! writes a job's environment to disk), and a job spec holding a value the caller marks secret
//! is refused before `sbatch` runs.
//!
//! The client blocks while a command runs (a few milliseconds on a healthy cluster, at most
//! [`SlurmSettings::timeout`]); async callers run it on a blocking thread.
//!
//! ```no_run
//! use maestro_cli::remote::slurm::{JobSpec, SlurmClient, SlurmSettings};
//!
//! # fn main() -> Result<(), maestro_cli::remote::slurm::SlurmError> {
//! let client = SlurmClient::new(SlurmSettings {
//!     conf: Some("/etc/slurm/slurm.conf".into()),
//!     partition: Some("crew".into()),
//!     ..SlurmSettings::default()
//! });
//! let mut spec = JobSpec::new("crew-1", "#!/bin/bash\necho hello\n", "/shared/voyage", "/shared/voyage/crew-1.out");
//! spec.cpus = Some(2);
//! let job = client.submit(&spec, &["the API key"])?;
//! let info = client.job(&job)?;
//! println!("{job}: {:?} on {:?}", info.state, info.node);
//! # Ok(())
//! # }
//! ```

mod parse;
mod run;
#[cfg(test)]
mod tests;

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use parse::{ClusterInfo, ExitCode, JobInfo, JobState, NodeInfo, PartitionInfo};

/// Where the Slurm commands are and which cluster they talk to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlurmSettings {
    /// `SLURM_CONF` for every command; `None`: the caller's `SLURM_CONF`, else Slurm's default
    /// (`/etc/slurm/slurm.conf`).
    pub conf: Option<PathBuf>,
    /// The directory of `sbatch`, `scontrol`, `scancel` and `sinfo`; `None`: found on `PATH`.
    pub bin_dir: Option<PathBuf>,
    /// The partition jobs are submitted to; `None`: the cluster's default partition.
    pub partition: Option<String>,
    /// How long one command may run before it is killed and reported as
    /// [`SlurmError::Timeout`]; Slurm's own commands retry an unreachable controller for a
    /// minute or more.
    pub timeout: Duration,
}

impl Default for SlurmSettings {
    fn default() -> SlurmSettings {
        SlurmSettings {
            conf: None,
            bin_dir: None,
            partition: None,
            timeout: Duration::from_secs(30),
        }
    }
}

/// A Slurm job id, as `sbatch --parsable` prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JobId(pub u32);

impl fmt::Display for JobId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::str::FromStr for JobId {
    type Err = std::num::ParseIntError;
    fn from_str(text: &str) -> Result<JobId, Self::Err> {
        text.parse().map(JobId)
    }
}

/// One batch job to submit: one task on one node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobSpec {
    /// `--job-name`: letters, digits, `-`, `_`, `.` (so that `scontrol`'s output reads back
    /// unambiguously).
    pub name: String,
    /// The batch script, starting with `#!`, given to `sbatch` on stdin. No `#SBATCH` lines:
    /// the job's options are this spec's.
    pub script: String,
    /// The job's variables, exported by name (`--export=NAME,…`, the values set in `sbatch`'s
    /// environment, not on its command line); empty: `--export=NONE`. Either way the job also
    /// gets Slurm's `SLURM_*` variables and, on the node, the submitting user's login
    /// environment (Slurm sets `SLURM_GET_USER_ENV`), never the caller's. Names `SLURM_*` and
    /// `SBATCH_*` are refused: `sbatch` reads those as its own settings.
    pub env: Vec<(String, String)>,
    /// `--cpus-per-task`.
    pub cpus: Option<u32>,
    /// `--mem`, in MiB.
    pub memory_mb: Option<u64>,
    /// `--time`, in minutes.
    pub time_minutes: Option<u32>,
    /// `--chdir`: the job's working directory, on the node.
    pub workdir: PathBuf,
    /// `--output` (`%j` is the job id): a path the nodes can write.
    pub stdout: PathBuf,
    /// `--error`; `None`: with stdout.
    pub stderr: Option<PathBuf>,
}

impl JobSpec {
    /// A spec with no environment, resources or time limit of its own (the partition's
    /// defaults).
    pub fn new(
        name: impl Into<String>,
        script: impl Into<String>,
        workdir: impl Into<PathBuf>,
        stdout: impl Into<PathBuf>,
    ) -> JobSpec {
        JobSpec {
            name: name.into(),
            script: script.into(),
            env: Vec::new(),
            cpus: None,
            memory_mb: None,
            time_minutes: None,
            workdir: workdir.into(),
            stdout: stdout.into(),
            stderr: None,
        }
    }
}

/// What went wrong talking to Slurm.
#[derive(Debug, thiserror::Error)]
pub enum SlurmError {
    /// The program could not be started (not installed, not at [`SlurmSettings::bin_dir`]).
    #[error("cannot run {program}: {source}")]
    Spawn {
        /// The program.
        program: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The program ran longer than [`SlurmSettings::timeout`] and was killed (typically: the
    /// controller does not answer).
    #[error("{program} did not finish within {timeout:?} (killed): {stderr}")]
    Timeout {
        /// The program.
        program: String,
        /// The limit.
        timeout: Duration,
        /// What it had written to stderr.
        stderr: String,
    },
    /// The program failed.
    #[error("{program} failed ({status}): {stderr}")]
    Failed {
        /// The program.
        program: String,
        /// Its exit status.
        status: String,
        /// Its stderr, trimmed.
        stderr: String,
    },
    /// The job spec holds a value the caller marked secret: nothing was submitted.
    #[error("the job's {field} holds a value marked secret: not submitted to Slurm")]
    Secret {
        /// Where: `script`, `name`, `workdir`, `stdout`, `stderr`, or `env NAME`.
        field: String,
    },
    /// The job spec cannot be submitted as it is.
    #[error("invalid job spec: {0}")]
    InvalidSpec(String),
    /// Slurm does not know the job: it never existed, or it ended longer ago than the
    /// cluster's `MinJobAge` (300 s by default).
    #[error("Slurm does not know job {0}")]
    UnknownJob(JobId),
    /// The program's output is not what this client reads.
    #[error("unexpected output from {program}: {detail}")]
    Parse {
        /// The program.
        program: String,
        /// What did not fit.
        detail: String,
    },
}

/// A Slurm cluster, reached through its commands.
#[derive(Debug, Clone)]
pub struct SlurmClient {
    settings: SlurmSettings,
}

impl SlurmClient {
    /// A client with these settings; nothing is run until a call.
    #[must_use]
    pub fn new(settings: SlurmSettings) -> SlurmClient {
        SlurmClient { settings }
    }

    /// The client's settings.
    #[must_use]
    pub fn settings(&self) -> &SlurmSettings {
        &self.settings
    }

    /// Submits `spec` as a batch job and returns its id. `secrets` are values that must never
    /// reach Slurm (an API key): a spec holding one anywhere — script, environment, name,
    /// paths — is refused with [`SlurmError::Secret`] before `sbatch` runs.
    pub fn submit(&self, spec: &JobSpec, secrets: &[&str]) -> Result<JobId, SlurmError> {
        check_secrets(spec, secrets)?;
        check_spec(spec)?;
        let mut args: Vec<OsString> = vec![
            "--parsable".into(),
            "--no-requeue".into(),
            "--nodes=1".into(),
            "--ntasks=1".into(),
            format!("--job-name={}", spec.name).into(),
        ];
        if spec.env.is_empty() {
            args.push("--export=NONE".into());
        } else {
            let names: Vec<&str> = spec.env.iter().map(|(name, _)| name.as_str()).collect();
            args.push(format!("--export={}", names.join(",")).into());
        }
        if let Some(partition) = &self.settings.partition {
            args.push(format!("--partition={partition}").into());
        }
        if let Some(cpus) = spec.cpus {
            args.push(format!("--cpus-per-task={cpus}").into());
        }
        if let Some(memory) = spec.memory_mb {
            args.push(format!("--mem={memory}M").into());
        }
        if let Some(minutes) = spec.time_minutes {
            args.push(format!("--time={minutes}").into());
        }
        args.push(flag_path("--chdir=", &spec.workdir));
        args.push(flag_path("--output=", &spec.stdout));
        if let Some(stderr) = &spec.stderr {
            args.push(flag_path("--error=", stderr));
        }
        let out = self.run(
            "sbatch",
            &args,
            &spec.env,
            Some(spec.script.as_bytes().to_vec()),
        )?;
        parse::sbatch_job_id(&out).ok_or_else(|| SlurmError::Parse {
            program: "sbatch".into(),
            detail: format!("no job id in {:?}", out.trim()),
        })
    }

    /// The job's state, node, reason and exit code, from `scontrol show job -o ID`.
    pub fn job(&self, id: &JobId) -> Result<JobInfo, SlurmError> {
        let args: Vec<OsString> = vec![
            "show".into(),
            "job".into(),
            "-o".into(),
            id.to_string().into(),
        ];
        match self.run("scontrol", &args, &[], None) {
            Ok(out) => parse::job_info(*id, &out).map_err(|detail| SlurmError::Parse {
                program: "scontrol".into(),
                detail,
            }),
            Err(SlurmError::Failed { stderr, .. }) if stderr.contains("Invalid job id") => {
                Err(SlurmError::UnknownJob(*id))
            }
            Err(error) => Err(error),
        }
    }

    /// Cancels the job (`scancel ID`); a job that has already ended, or that Slurm no longer
    /// knows, is left as it is.
    pub fn cancel(&self, id: &JobId) -> Result<(), SlurmError> {
        match self.run("scancel", &[id.to_string().into()], &[], None) {
            Ok(_) => Ok(()),
            Err(SlurmError::Failed { stderr, .. })
                if stderr.contains("Invalid job id") || stderr.contains("already completed") =>
            {
                Ok(())
            }
            Err(error) => Err(error),
        }
    }

    /// The cluster's partitions and nodes with their states (`sinfo`): whether the controller
    /// answers, and what it can run.
    pub fn ping(&self) -> Result<ClusterInfo, SlurmError> {
        let args: Vec<OsString> = vec![
            "--noheader".into(),
            "--Node".into(),
            format!("--format={}", parse::SINFO_FORMAT).into(),
        ];
        let out = self.run("sinfo", &args, &[], None)?;
        parse::cluster_info(&out).map_err(|detail| SlurmError::Parse {
            program: "sinfo".into(),
            detail,
        })
    }

    fn run(
        &self,
        program: &str,
        args: &[OsString],
        env: &[(String, String)],
        stdin: Option<Vec<u8>>,
    ) -> Result<String, SlurmError> {
        let path = self.program(program);
        let mut command = std::process::Command::new(&path);
        command.args(args).env_clear().env("LC_ALL", "C");
        let mut search_path: Vec<PathBuf> = self.settings.bin_dir.iter().cloned().collect();
        search_path.extend(["/usr/local/bin", "/usr/bin", "/bin"].map(PathBuf::from));
        command.env(
            "PATH",
            std::env::join_paths(search_path).unwrap_or_else(|_| "/usr/bin:/bin".into()),
        );
        if let Some(conf) = self
            .settings
            .conf
            .clone()
            .map(OsString::from)
            .or_else(|| std::env::var_os("SLURM_CONF"))
        {
            command.env("SLURM_CONF", conf);
        }
        // The job's own variables last: `--export=NAME` takes each value from here.
        command.envs(env.iter().map(|(name, value)| (name, value)));
        run::output(program, &mut command, stdin, self.settings.timeout)
    }

    /// `bin_dir/program`, else the program found on the caller's `PATH`, else the bare name.
    fn program(&self, program: &str) -> PathBuf {
        if let Some(dir) = &self.settings.bin_dir {
            return dir.join(program);
        }
        std::env::var_os("PATH")
            .and_then(|path| {
                std::env::split_paths(&path)
                    .map(|dir| dir.join(program))
                    .find(|candidate| candidate.is_file())
            })
            .unwrap_or_else(|| PathBuf::from(program))
    }
}

fn flag_path(flag: &str, path: &Path) -> OsString {
    let mut arg = OsString::from(flag);
    arg.push(path);
    arg
}

/// Refuses a spec holding any of `secrets` (empty ones aside), naming the field, never the
/// value.
fn check_secrets(spec: &JobSpec, secrets: &[&str]) -> Result<(), SlurmError> {
    let secrets: Vec<&str> = secrets.iter().copied().filter(|s| !s.is_empty()).collect();
    let holds = |text: &str| secrets.iter().any(|secret| text.contains(secret));
    let refuse = |field: &str| {
        Err(SlurmError::Secret {
            field: field.to_owned(),
        })
    };
    if holds(&spec.script) {
        return refuse("script");
    }
    for (name, value) in &spec.env {
        if holds(name) || holds(value) {
            return refuse(&format!("env {name}"));
        }
    }
    if holds(&spec.name) {
        return refuse("name");
    }
    let paths = [
        ("workdir", Some(&spec.workdir)),
        ("stdout", Some(&spec.stdout)),
        ("stderr", spec.stderr.as_ref()),
    ];
    for (field, path) in paths {
        if path.is_some_and(|path| holds(&path.to_string_lossy())) {
            return refuse(field);
        }
    }
    Ok(())
}

fn check_spec(spec: &JobSpec) -> Result<(), SlurmError> {
    let invalid = |why: String| Err(SlurmError::InvalidSpec(why));
    if spec.name.is_empty()
        || !spec
            .name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return invalid(format!(
            "job name {:?}: letters, digits, '-', '_' and '.' only",
            spec.name
        ));
    }
    if !spec.script.starts_with("#!") {
        return invalid("the script must start with #! (sbatch refuses others)".into());
    }
    if spec
        .script
        .lines()
        .any(|line| line.trim_start().starts_with("#SBATCH"))
    {
        return invalid("the script has #SBATCH lines; the spec's fields set the options".into());
    }
    for (name, _) in &spec.env {
        let mut chars = name.chars();
        let valid = chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            return invalid(format!("environment variable name {name:?}"));
        }
        // sbatch reads these as its own options (SBATCH_PARTITION, SLURM_CONF, …).
        if name.starts_with("SLURM_") || name.starts_with("SBATCH_") {
            return invalid(format!(
                "{name}: SLURM_* and SBATCH_* variables are Slurm's settings, not the job's"
            ));
        }
    }
    for (field, path) in [("workdir", &spec.workdir), ("stdout", &spec.stdout)] {
        if path.as_os_str().is_empty() {
            return invalid(format!("{field} is empty"));
        }
    }
    Ok(())
}
