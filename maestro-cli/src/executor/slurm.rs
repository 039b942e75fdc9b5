//! [`SlurmEngine`]: the [`JobEngine`] of a Slurm cluster, through its commands
//! ([`crate::remote::slurm::SlurmClient`]).

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use maestro_core::ports::PortError;

use super::{JobEngine, JobPhase, JobRequest, JobStatus};
use crate::remote::slurm::{JobId, JobSpec, JobState, SlurmClient, SlurmError};

/// Submits each crew as one `--no-requeue` batch job; what Slurm ends without the crew's own
/// doing (a failed node, a cancel by someone else, preemption, the time limit) is lost.
#[derive(Debug)]
pub struct SlurmEngine {
    client: SlurmClient,
    /// Where each job's own output goes, on its node (`%j` is the job id).
    output: PathBuf,
    /// Jobs maestro cancelled itself: their `CANCELLED` is no loss.
    cancelled: Mutex<HashSet<JobId>>,
}

impl SlurmEngine {
    /// An engine submitting with `client`; each job's output is written in its node's `/tmp`.
    #[must_use]
    pub fn new(client: SlurmClient) -> SlurmEngine {
        SlurmEngine {
            client,
            output: PathBuf::from("/tmp/maestro-job-%x-%j.out"),
            cancelled: Mutex::new(HashSet::new()),
        }
    }
}

fn port(e: SlurmError) -> PortError {
    Box::new(e)
}

fn job_id(id: &str) -> Result<JobId, PortError> {
    id.parse()
        .map_err(|e| format!("`{id}` is not a Slurm job id: {e}").into())
}

impl JobEngine for SlurmEngine {
    fn kind(&self) -> &'static str {
        "slurm"
    }

    fn submit(&self, job: &JobRequest) -> Result<String, PortError> {
        let mut spec = JobSpec::new(&job.name, &job.script, "/tmp", &self.output);
        spec.cpus = Some(job.cpus);
        spec.memory_mb = Some(job.memory_mib);
        spec.time_minutes = Some(u32::try_from(job.minutes).unwrap_or(u32::MAX));
        let secrets: Vec<&str> = job.secrets.iter().map(String::as_str).collect();
        self.client
            .submit(&spec, &secrets)
            .map(|id| id.to_string())
            .map_err(port)
    }

    fn status(&self, id: &str) -> Result<JobStatus, PortError> {
        let id = job_id(id)?;
        let info = match self.client.job(&id) {
            Ok(info) => info,
            Err(SlurmError::UnknownJob(_)) => {
                return Ok(JobStatus {
                    phase: JobPhase::Lost(format!("Slurm no longer knows job {id}")),
                    node: None,
                });
            }
            Err(e) => return Err(port(e)),
        };
        let ours = self
            .cancelled
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(&id);
        let phase = match info.state {
            JobState::Pending => JobPhase::Pending,
            JobState::Running => JobPhase::Running,
            _ => match info.lost_reason(ours) {
                Some(why) => JobPhase::Lost(why),
                None => JobPhase::Finished,
            },
        };
        Ok(JobStatus {
            phase,
            node: info.node,
        })
    }

    fn cancel(&self, id: &str) -> Result<(), PortError> {
        let id = job_id(id)?;
        self.cancelled
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(id);
        self.client.cancel(&id).map_err(port)
    }
}
