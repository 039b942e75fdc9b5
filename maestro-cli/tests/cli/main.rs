//! End-to-end tests of the `maestro` binary: real processes in real git repositories, with
//! snapshots of what users see (paths, times and commit ids filtered).

mod support;

mod audit;
mod concurrency;
mod crew_exec;
mod demo;
mod doctor;
mod hook;
mod hook_service;
mod init;
mod licence;
mod malformed;
mod mcp;
mod order;
mod plan;
mod readme;
mod remote_executor;
mod report;
mod retry;
mod schema;
mod status;
mod usage;
mod voyage;
mod worktree;
