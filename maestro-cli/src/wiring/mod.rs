//! The dispatcher's ports, implemented with maestro-git, maestro-scan and maestro-audit.

mod audit;
mod base;
mod git;
mod scan;

pub use audit::AuditPort;
pub use base::{GitBase, unreadable_by_crews};
pub use git::{GitBranches, GitIsolation};
pub use scan::ScanPort;
