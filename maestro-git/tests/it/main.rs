//! maestro-git against real git: every operation is checked with git itself.

mod commit;
mod merge;
mod support;
mod worktree;
