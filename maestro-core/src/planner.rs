//! The Planner: a crew that breaks a goal into orders. What it is asked ([`prompt`]), the shape
//! its answer must have ([`answer_schema`]), and the review of that answer ([`review`]) before
//! any order is stored: typed parsing, each order checked, its role allowed by the licence.
//! Its dependencies are checked with the voyage's other orders when they are added (as
//! `proposed`, until the user approves them).

use crate::order::{OrderSpec, OrdersFile, validate_spec};
use crate::ports::Entitlements;

/// What the Planner crew is asked, for `goal` in a voyage that already holds `existing`.
#[must_use]
pub fn prompt(goal: &str, existing: &[String]) -> String {
    let mut text = format!(
        "Break this goal into orders for maestro crews, each a focused unit of work for one role \
         (builder, tester, scribe, security, releaser), with the dependencies between them and \
         acceptance checks a machine can run.\n\nGoal: {goal}\n"
    );
    if !existing.is_empty() {
        text.push_str(&format!(
            "\nThe voyage already has the orders {}: do not repeat them; new orders may depend on them.\n",
            existing.join(", ")
        ));
    }
    text.push_str("\nAnswer with the orders object only.");
    text
}

/// The JSON schema the Planner's answer must follow: an orders file.
///
/// Claude Code validates its `--json-schema` with a draft-07 validator that refuses the 2020-12
/// meta-schema URI; the schema uses nothing draft-07 lacks besides `$defs`, which it accepts, so
/// the URI is left out. The answer is checked again by [`review`] whatever the CLI did.
#[must_use]
pub fn answer_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(OrdersFile))
        .unwrap_or_else(|_| serde_json::Value::Object(serde_json::Map::new()));
    if let Some(object) = schema.as_object_mut() {
        object.remove("$schema");
    }
    schema
}

/// Why the Planner's answer was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The answer is not an orders object.
    #[error("they do not match the orders schema: {0}")]
    Schema(String),
    /// The answer holds no order.
    #[error("the plan holds no orders")]
    Empty,
    /// An order is not valid on its own.
    #[error("order `{order}`: {reason}")]
    Invalid {
        /// The order's id.
        order: String,
        /// What is wrong with it.
        reason: String,
    },
    /// An order needs a role the licence does not allow.
    #[error("order `{order}` needs the {role} role, which the {tier} tier does not allow")]
    Role {
        /// The order's id.
        order: String,
        /// The role it needs.
        role: crate::Role,
        /// The licence tier in force.
        tier: String,
    },
}

/// The orders of the Planner's `answer`, each valid on its own and of a role `entitlements`
/// allow; or why they are refused.
pub fn review(
    answer: serde_json::Value,
    entitlements: &Entitlements,
) -> Result<Vec<OrderSpec>, Refusal> {
    let plan: OrdersFile =
        serde_json::from_value(answer).map_err(|e| Refusal::Schema(e.to_string()))?;
    if plan.orders.is_empty() {
        return Err(Refusal::Empty);
    }
    for spec in &plan.orders {
        validate_spec(spec).map_err(|e| Refusal::Invalid {
            order: spec.id.to_string(),
            reason: e.to_string(),
        })?;
        if !entitlements.allows(spec.role) {
            return Err(Refusal::Role {
                order: spec.id.to_string(),
                role: spec.role,
                tier: entitlements.tier.clone(),
            });
        }
    }
    Ok(plan.orders)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Role;

    fn community() -> Entitlements {
        Entitlements {
            tier: "community".into(),
            max_crews: 1,
            roles: vec![Role::Planner, Role::Builder, Role::Tester],
        }
    }

    #[test]
    fn the_prompt_names_the_goal_and_the_orders_already_there() {
        let text = prompt("Add /health", &["api".into(), "docs".into()]);
        assert!(text.contains("Goal: Add /health"));
        assert!(text.contains("already has the orders api, docs"));
        assert!(!prompt("x", &[]).contains("already has"));
    }

    #[test]
    fn the_schema_has_no_meta_schema_uri_and_describes_orders() {
        let schema = answer_schema();
        assert!(schema.get("$schema").is_none());
        assert!(schema.to_string().contains("orders"));
    }

    #[test]
    fn answers_are_reviewed_before_any_order_is_kept() {
        let ok = serde_json::json!({"orders": [{"id": "a", "title": "A", "role": "builder"}]});
        assert_eq!(review(ok, &community()).expect("valid").len(), 1);
        let cases = [
            (
                serde_json::json!({"nope": 1}),
                "do not match the orders schema",
            ),
            (
                serde_json::json!({"orders": []}),
                "the plan holds no orders",
            ),
            (
                serde_json::json!({"orders": [{"id": "a", "title": " ", "role": "builder"}]}),
                "order `a`: ",
            ),
            (
                serde_json::json!({"orders": [{"id": "s", "title": "S", "role": "scribe"}]}),
                "order `s` needs the scribe role, which the community tier does not allow",
            ),
        ];
        for (answer, expected) in cases {
            let refused = review(answer, &community()).expect_err("refused");
            assert!(refused.to_string().contains(expected), "{refused}");
        }
    }
}
