//! maestro-git against real git: every operation is checked with git itself.

mod collect;
mod commit;
mod merge;
mod repair;
mod squash;
mod support;
mod worktree;
