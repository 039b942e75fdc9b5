//! End-to-end tests across maestro's crates, with the real binary, real git and real processes.

mod claude;
mod crash;
mod egress;
mod github;
mod hostile;
mod release;
mod run;
mod sandbox;
mod slurm;
mod workspace;
