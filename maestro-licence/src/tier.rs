//! Tiers and their entitlements.

use std::fmt;
use std::str::FromStr;

/// A licence tier.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// No token: one crew, roles planner, builder and tester; never any network call.
    #[default]
    Community,
    /// Paid: five crews, every role.
    Pro,
    /// Paid, for teams: five crews, every role.
    Team,
    /// Paid, for organisations: five crews, every role.
    Enterprise,
}

/// The roles of the community tier, by their lowercase names.
const COMMUNITY_ROLES: &[&str] = &["planner", "builder", "tester"];

/// Every role, by its lowercase name.
const ALL_ROLES: &[&str] = &[
    "planner", "builder", "tester", "scribe", "security", "releaser",
];

/// What a tier allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entitlements {
    /// The most crews that may run at once.
    pub max_crews: u32,
    /// The roles a crew may have, by their lowercase names.
    pub roles: &'static [&'static str],
}

impl Entitlements {
    /// Whether a crew may have the role named `role` (e.g. `scribe`).
    #[must_use]
    pub fn allows_role(&self, role: &str) -> bool {
        self.roles.contains(&role)
    }
}

impl Tier {
    /// Every tier, lowest first.
    pub const ALL: [Tier; 4] = [Tier::Community, Tier::Pro, Tier::Team, Tier::Enterprise];

    /// The lowercase name used in tokens and output.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Tier::Community => "community",
            Tier::Pro => "pro",
            Tier::Team => "team",
            Tier::Enterprise => "enterprise",
        }
    }

    /// What this tier allows.
    #[must_use]
    pub const fn entitlements(self) -> Entitlements {
        match self {
            Tier::Community => Entitlements {
                max_crews: 1,
                roles: COMMUNITY_ROLES,
            },
            Tier::Pro | Tier::Team | Tier::Enterprise => Entitlements {
                max_crews: 5,
                roles: ALL_ROLES,
            },
        }
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A tier name that is not one of `community`, `pro`, `team`, `enterprise`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown tier `{0}` (expected community, pro, team or enterprise)")]
pub struct UnknownTier(pub String);

impl serde::Serialize for Tier {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Tier {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

impl FromStr for Tier {
    type Err = UnknownTier;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Tier::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| UnknownTier(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_follow_the_spec() {
        let community = Tier::Community.entitlements();
        assert_eq!(community.max_crews, 1);
        assert_eq!(community.roles, ["planner", "builder", "tester"]);
        for tier in [Tier::Pro, Tier::Team, Tier::Enterprise] {
            let e = tier.entitlements();
            assert_eq!(e.max_crews, 5, "{tier}");
            assert_eq!(e.roles.len(), 6, "{tier}");
        }
        for tier in Tier::ALL {
            assert_eq!(tier.as_str().parse::<Tier>(), Ok(tier));
        }
        assert_eq!(
            "gold".parse::<Tier>().expect_err("unknown").to_string(),
            "unknown tier `gold` (expected community, pro, team or enterprise)"
        );
    }
}
