//! `licence`: the licence token and where it is validated.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `licence`: the licence token and where it is validated.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Licence {
    /// Validation endpoint; `null` means the one signed into the token, if any.
    pub endpoint: Option<String>,
    /// The licence token; `null` is the community tier.
    pub token: Option<String>,
    /// Extra trusted issuer public keys (base64 Ed25519) for self-hosted issuers.
    pub public_keys: Vec<String>,
}
