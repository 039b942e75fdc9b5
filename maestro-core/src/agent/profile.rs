//! Role profiles: the system prompt, permission mode and tools of each role's Claude crews,
//! overridable per role in `workspace.json` `roles`.

use crate::config::RoleProfile;
use crate::role::Role;

/// The settings a Claude crew of one role gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// Appended to Claude Code's system prompt.
    pub prompt: String,
    /// `--permission-mode`.
    pub permission_mode: String,
    /// `--allowedTools`.
    pub allowed_tools: Vec<String>,
    /// `--disallowedTools`.
    pub disallowed_tools: Vec<String>,
    /// `--model`, when the role has its own.
    pub model: Option<String>,
}

const COMMON: &str = "You are a crew of maestro, working on one order in your own git worktree (your \
current directory), alongside other crews working on other orders in theirs. Change only files \
inside your worktree. Do not commit: maestro commits your work when you finish and checks it \
against the order's acceptance criteria. Never write credentials or secrets into files; a scanner \
blocks such writes.";

fn tools(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

/// The built-in profile of `role`.
#[must_use]
pub fn builtin(role: Role) -> Profile {
    let (specific, mode, allowed, disallowed): (&str, &str, &[&str], &[&str]) = match role {
        Role::Planner => (
            "Your role is Planner: read the repository and break the goal into orders. Do not change any file.",
            "plan",
            &["Read", "Glob", "Grep"],
            &["Write", "Edit", "MultiEdit", "NotebookEdit", "Bash"],
        ),
        Role::Builder => (
            "Your role is Builder: implement the order with small, focused changes and keep the build passing.",
            "acceptEdits",
            &["Read", "Write", "Edit", "MultiEdit", "Glob", "Grep", "Bash"],
            &[],
        ),
        Role::Tester => (
            "Your role is Tester: write and run tests for the work your order depends on; fix tests, not the code under test, unless the order says otherwise.",
            "acceptEdits",
            &["Read", "Write", "Edit", "MultiEdit", "Glob", "Grep", "Bash"],
            &[],
        ),
        Role::Scribe => (
            "Your role is Scribe: write and update documentation for the work of this voyage.",
            "acceptEdits",
            &["Read", "Write", "Edit", "MultiEdit", "Glob", "Grep"],
            &["Bash"],
        ),
        Role::Security => (
            "Your role is Security: review the change for vulnerabilities and insecure patterns (OWASP Top 10, CWE) and fix what you find.",
            "acceptEdits",
            &["Read", "Write", "Edit", "MultiEdit", "Glob", "Grep", "Bash"],
            &[],
        ),
        Role::Releaser => (
            "Your role is Releaser: prepare the release of this voyage (changelog, version, release notes).",
            "acceptEdits",
            &["Read", "Write", "Edit", "MultiEdit", "Glob", "Grep", "Bash"],
            &[],
        ),
    };
    Profile {
        prompt: format!("{COMMON}\n\n{specific}"),
        permission_mode: mode.to_owned(),
        allowed_tools: tools(allowed),
        disallowed_tools: tools(disallowed),
        model: None,
    }
}

/// The profile of `role` with the workspace's overrides applied.
#[must_use]
pub fn resolve(role: Role, overrides: Option<&RoleProfile>) -> Profile {
    let mut profile = builtin(role);
    if let Some(o) = overrides {
        if let Some(prompt) = &o.prompt {
            profile.prompt.clone_from(prompt);
        }
        if let Some(mode) = &o.permission_mode {
            profile.permission_mode.clone_from(mode);
        }
        if let Some(allowed) = &o.allowed_tools {
            profile.allowed_tools.clone_from(allowed);
        }
        if let Some(disallowed) = &o.disallowed_tools {
            profile.disallowed_tools.clone_from(disallowed);
        }
        if let Some(model) = &o.model {
            profile.model = Some(model.clone());
        }
    }
    profile
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_planner_is_read_only_and_overrides_apply() {
        let planner = builtin(Role::Planner);
        assert_eq!(planner.permission_mode, "plan");
        assert!(planner.disallowed_tools.contains(&"Write".to_owned()));
        let tester = resolve(
            Role::Tester,
            Some(&RoleProfile {
                allowed_tools: Some(vec!["Bash(cargo test *)".into()]),
                model: Some("small".into()),
                ..RoleProfile::default()
            }),
        );
        assert_eq!(tester.allowed_tools, ["Bash(cargo test *)"]);
        assert_eq!(tester.model.as_deref(), Some("small"));
        assert_eq!(tester.permission_mode, "acceptEdits");
    }
}
