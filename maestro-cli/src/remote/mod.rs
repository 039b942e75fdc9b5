//!
//! Each client talks to its engine through the engine's supported interface; what a job runs,
//! and how the crew's work comes back, is the executor's. Only [`slurm`](crate::remote::slurm) so far.
//!
//! Nothing here passes the caller's environment on: an engine stores what it is given (Slurm
//! writes a job's script and environment to its spool), so a value the caller marks secret is
//! refused before anything reaches the engine.

pub mod slurm;
