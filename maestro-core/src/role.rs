//! The roles a crew can have.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::Serialize;

/// The specialisation of a crew: it decides the crew's system prompt, tools, permission mode and
/// default gates, and which licence tiers may run it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Breaks a goal into orders; read-only.
    Planner,
    /// Writes code.
    Builder,
    /// Writes and runs tests.
    Tester,
    /// Writes documentation.
    Scribe,
    /// Reviews for security issues.
    Security,
    /// Prepares a release; runs last.
    Releaser,
}

impl Role {
    /// Every role, in pipeline order.
    pub const ALL: [Role; 6] = [
        Role::Planner,
        Role::Builder,
        Role::Tester,
        Role::Scribe,
        Role::Security,
        Role::Releaser,
    ];

    /// The lowercase name used in files and on the command line.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Planner => "planner",
            Role::Builder => "builder",
            Role::Tester => "tester",
            Role::Scribe => "scribe",
            Role::Security => "security",
            Role::Releaser => "releaser",
        }
    }
}

crate::json::deserialize_by_name!(Role);

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing a [`Role`] from a string.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown role `{0}` (expected one of planner, builder, tester, scribe, security, releaser)"
)]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
            assert_eq!(
                serde_json::to_string(&role).expect("serialises"),
                format!("\"{role}\"")
            );
        }
        assert_eq!(
            "Builder"
                .parse::<Role>()
                .expect_err("case matters")
                .to_string(),
            "unknown role `Builder` (expected one of planner, builder, tester, scribe, security, releaser)"
        );
    }
}
