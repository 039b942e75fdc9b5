//! The prompt a crew receives: its order, the acceptance criteria, and feedback.

use crate::order::{AcceptanceCheck, OrderSpec};

/// Composes the prompt of `order`, with `feedback` from the previous attempt if any.
#[must_use]
pub fn compose(order: &OrderSpec, feedback: Option<&str>) -> String {
    let mut text = format!(
        "# Order {}: {}\n\nYour role: {}.\n\n",
        order.id, order.title, order.role
    );
    if order.prompt.trim().is_empty() {
        text.push_str(&order.title);
    } else {
        text.push_str(order.prompt.trim_end());
    }
    text.push_str(
        "\n\n## Acceptance criteria\n\nYour work is committed when you finish, then checked:\n",
    );
    for check in &order.accept {
        let line = match check {
            AcceptanceCheck::Run { command, .. } => {
                format!("- `{command}` must exit with status 0 in the repository root")
            }
            AcceptanceCheck::PathExists(path) => format!("- `{path}` must exist"),
            AcceptanceCheck::ScanClean => {
                "- the change must hold no secret and no insecure code finding".to_owned()
            }
        };
        text.push_str(&line);
        text.push('\n');
    }
    text.push_str("- the change must hold no credential or secret\n");
    if let Some(scope) = &order.scope {
        text.push_str(&format!(
            "- change only paths matching: {}\n",
            scope
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if let Some(feedback) = feedback.filter(|f| !f.trim().is_empty()) {
        text.push_str("\n## Feedback from your previous attempt\n\n");
        text.push_str(feedback.trim_end());
        text.push('\n');
    }
    text
}

/// Why a crew's session is resumed rather than started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resumed {
    /// Its dispatcher was stopped or killed while it worked.
    Interrupted,
    /// The model's API refused it for a while (`reason`), and the limit has passed.
    Limited {
        /// What the API said.
        reason: String,
    },
}

/// What a resumed crew is told instead of its prompt: its session holds the order and what
/// it did so far.
#[must_use]
pub fn resume_note(why: &Resumed) -> String {
    match why {
        Resumed::Interrupted => "maestro: your previous run of this session was interrupted (maestro was stopped or restarted). Your worktree is as you left it. Continue the order from where you stopped.".to_owned(),
        Resumed::Limited { reason } => format!(
            "maestro: the model's API paused your session ({reason}); the limit has passed. Your worktree is as you left it. Continue the order from where you stopped."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prompt_names_the_criteria_and_the_feedback() {
        let order: OrderSpec = serde_json::from_value(serde_json::json!({
            "id": "health", "title": "Add /health", "role": "builder",
            "prompt": "Add GET /health.", "scope": ["src/**"],
            "accept": [{"run": "cargo test"}, {"path_exists": "docs/health.md"}, {"scan_clean": true}]
        }))
        .expect("valid");
        let text = compose(
            &order,
            Some("gate `run: cargo test` failed:\nassertion failed"),
        );
        assert!(text.starts_with(
            "# Order health: Add /health\n\nYour role: builder.\n\nAdd GET /health.\n"
        ));
        for expected in [
            "- `cargo test` must exit with status 0",
            "- `docs/health.md` must exist",
            "- change only paths matching: `src/**`",
            "## Feedback from your previous attempt\n\ngate `run: cargo test` failed:\nassertion failed\n",
        ] {
            assert!(text.contains(expected), "{expected}\n---\n{text}");
        }
        assert!(!compose(&order, None).contains("Feedback"));
    }
}
