//! The control channel: how remote crews reach the coordinator.
//!
//! A crew that runs as a job of a distributed engine (a Slurm batch job running `maestro
//! crew-exec` on some node) shares no filesystem with `maestro run`. It talks back over one
//! authenticated HTTPS channel that the coordinator serves for the run:
//!
//! - **TLS with a pinned certificate** ([`tls`]): the coordinator generates a key and a
//!   self-signed certificate for its address at start; each job is given the certificate (public)
//!   and trusts nothing else, so no certificate authority — and no one who can talk to one — can
//!   stand in for the coordinator.
//! - **A bearer token per attempt** ([`server::ControlServer::register`]): 32 random bytes, known
//!   to the coordinator only by their SHA-256, accepted while the attempt is registered and
//!   before its deadline; the handle's drop ends it. A token opens only its own attempt's work.
//! - **What crosses it** ([`wire`]): the work order and the voyage head as a git bundle (job ←
//!   coordinator); the crew's events — heartbeats, progress, log lines, the privileged actions
//!   its hooks took, for the one audit chain — and its result, with its commit as a git bundle
//!   (job → coordinator); and the model API key, fetched into the job's memory so that it never
//!   sits in the engine's job script or environment (Slurm writes both to disk).
//!
//! [`client::ChannelClient`] is the job's side, built on maestro-core's egress-guarded HTTP
//! client: the coordinator's address is the only destination it may reach.

pub mod client;
pub mod job;
pub mod server;
pub mod tls;
pub mod wire;

#[cfg(test)]
mod tests;
