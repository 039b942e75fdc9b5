//! `anthropic` and `github`: the remote services maestro reaches.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `anthropic`: how crews reach a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Anthropic {
    /// Base URL of the Messages API (a local proxy in air-gapped mode); `null` is the CLI's default.
    pub base_url: Option<String>,
    /// The environment variable that holds the API key (never the key itself).
    pub api_key_env: String,
    /// Model name passed to the claude CLI; `null` is the CLI's default.
    pub model: Option<String>,
}

impl Default for Anthropic {
    fn default() -> Self {
        Anthropic {
            base_url: None,
            api_key_env: "ANTHROPIC_API_KEY".to_owned(),
            model: None,
        }
    }
}

/// The public Anthropic API, contacted (by the claude CLI) when `anthropic.baseUrl` is null.
pub const DEFAULT_ANTHROPIC_URL: &str = "https://api.anthropic.com";

/// `github`: the REST API for pushes and pull requests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Github {
    /// API base URL (GitHub Enterprise: `https://host/api/v3`).
    pub api_url: String,
    /// The environment variable that holds the token.
    pub token_env: String,
    /// `owner/name`; `null` means derived from the `origin` remote.
    pub repository: Option<String>,
    /// How branches are pushed.
    pub push: PushMode,
}

impl Default for Github {
    fn default() -> Self {
        Github {
            api_url: "https://api.github.com".to_owned(),
            token_env: "GITHUB_TOKEN".to_owned(),
            repository: None,
            push: PushMode::Api,
        }
    }
}

/// How `maestro release` pushes a branch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PushMode {
    /// Through the REST API's Git Data endpoints; needs nothing but the API.
    #[default]
    Api,
}

crate::json::deserialize_by_name!(PushMode);

impl PushMode {
    /// Every value.
    pub const ALL: [PushMode; 1] = [PushMode::Api];

    /// The name used in `workspace.json`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            PushMode::Api => "api",
        }
    }
}
