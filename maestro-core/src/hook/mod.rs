//! The Claude Code hooks' policy: what a crew's tool call would do ([`input`]), where its paths
//! really lead ([`path`]), and whether it goes ahead ([`pre_tool_use`]) or what the crew is told
//! of the code it wrote ([`post_tool_use`]).
//!
//! The hook entry points (`maestro hook pre-tool-use|post-tool-use`) only read stdin, build the
//! [`HookContext`] and [`HookPorts`] from the workspace, and print the answer; the decision is
//! made here, through the [`crate::ports::Scanner`], [`crate::ports::AuditSink`] and
//! [`crate::ports::BaseFiles`] ports.
//!
//! The rules, all failing closed:
//! - every tool is judged, the ones maestro does not know included: their string inputs are
//!   scanned for credentials and their path-like inputs must stay inside the worktree;
//! - a text the scanner cannot read whole (too large) is refused with the setting that raises
//!   the limit; binary and UTF-16 text is decoded or searched by the scanner;
//! - an `Edit` is judged by the file it produces, so a credential split across the old and new
//!   text, or built by `replace_all`, is seen whole; what the file already held is not counted
//!   against the call;
//! - an inline `maestro:allow` counts only on a line that exists in the voyage base, never one
//!   the crew adds, and every suppression that takes effect is recorded (`scan.override`);
//! - paths are resolved as the kernel resolves them, symbolic links first.

mod context;
mod decide;
pub mod input;
pub mod path;
mod record;
mod text;

pub use context::{Feedback, HookContext, HookPorts, Verdict};
pub use decide::{post_tool_use, pre_tool_use};
pub use input::{InputError, MAX_INPUT, Replacement, ToolAction, ToolCall, parse, read_input};
pub use path::{PathPolicy, ResolveError, resolve};
pub use text::written_file;

/// The environment variable through which the dispatcher tells a crew's hooks the SHA-256 of
/// `workspace.json` when the run started.
pub const CONFIG_HASH_ENV: &str = "MAESTRO_CONFIG_SHA256";

/// The SHA-256 of a `workspace.json`'s bytes, in hex.
#[must_use]
pub fn config_hash(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(bytes);
    digest.iter().fold(String::with_capacity(64), |mut hex, b| {
        use std::fmt::Write as _;
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

/// Why a hook refuses to judge with the `workspace.json` it read: it is not the one the run
/// started with (a crew may not change the rules that watch it).
#[must_use]
pub fn config_changed(bytes: &[u8], started_with: &str) -> Option<String> {
    (config_hash(bytes) != started_with).then(|| {
        "workspace.json changed since the run started; the run stops dispatching, and this call is refused".to_owned()
    })
}

#[cfg(test)]
mod tests;
