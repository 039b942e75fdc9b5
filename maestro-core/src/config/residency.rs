//! `dataResidency`: where maestro may send network traffic.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `dataResidency`: the egress policy.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct DataResidency {
    /// `standard` or `air-gapped` (loopback only).
    pub mode: ResidencyMode,
    /// Further hosts allowed in `standard` mode (`host` or `*.domain`).
    pub allow_hosts: Vec<String>,
}

/// The egress mode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ResidencyMode {
    /// The Anthropic, GitHub and licence hosts, loopback and `allowHosts`.
    #[default]
    Standard,
    /// Loopback only.
    AirGapped,
}

crate::json::deserialize_by_name!(ResidencyMode);

impl ResidencyMode {
    /// Every value.
    pub const ALL: [ResidencyMode; 2] = [ResidencyMode::Standard, ResidencyMode::AirGapped];

    /// The name used in `workspace.json`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ResidencyMode::Standard => "standard",
            ResidencyMode::AirGapped => "air-gapped",
        }
    }
}
