//! Integration tests of maestro-audit: one binary.
//!
//! The process tests spawn this same test binary as child appenders: the parent re-executes
//! `std::env::current_exe()` with `--ignored --exact processes::child_appender` and the
//! `MAESTRO_AUDIT_CHILD_*` environment variables; `child_appender` is `#[ignore]`d so it never
//! runs on its own, and panics if started without those variables.

mod api;
mod checkpoint;
mod common;
mod processes;
mod secrets;
mod tamper;
