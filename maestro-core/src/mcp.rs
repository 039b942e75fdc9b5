//! The MCP registry: every MCP server a crew could use is classified before it may, and a crew
//! only ever gets the approved ones.
//!
//! Servers come from the repository's `.mcp.json` (Claude Code's project file) and
//! `workspace.json` `mcp.servers` (which wins on a name clash). Each is classified from its
//! definition:
//!
//! - **blocked**: a remote server off loopback in air-gapped mode;
//! - **needs review**: a remote server, a package runner (`npx`, `uvx`, …) without a pinned
//!   version, or a literal secret in its environment or headers;
//! - **approved**: anything else (a local program or a pinned package, no inline secret).
//!
//! A user's decision (`maestro mcp approve|block`) overrides the classification, but only for the
//! exact definition it was made for: it is recorded with the SHA-256 of the definition, so a
//! changed definition falls back to its classification until decided again. Nothing blocked by
//! the air-gapped policy can be approved.

use std::collections::BTreeMap;
use std::fmt;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::McpServer;
use crate::egress::is_loopback;

/// The registry file in `.mso/`.
pub const REGISTRY_FILE: &str = "mcp-registry.json";

/// Where a server may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Crews get it.
    Approved,
    /// Crews do not get it until a user approves it.
    NeedsReview,
    /// Crews never get it.
    Blocked,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Approved => "approved",
            Verdict::NeedsReview => "needs-review",
            Verdict::Blocked => "blocked",
        })
    }
}

/// A user's recorded decision about one definition of a server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// `approved` or `blocked`.
    pub verdict: Verdict,
    /// SHA-256 (hex) of the definition decided on.
    pub definition_hash: String,
    /// When.
    pub decided_at: Timestamp,
}

/// `.mso/mcp-registry.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registry {
    /// Decisions by server name.
    pub servers: BTreeMap<String, Decision>,
}

/// A server as the registry sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classified {
    /// Its name.
    pub name: String,
    /// Where it was defined: `.mcp.json` or `workspace.json`.
    pub source: &'static str,
    /// Its definition.
    pub definition: McpServer,
    /// SHA-256 (hex) of the definition.
    pub hash: String,
    /// `local` or `remote`.
    pub transport: &'static str,
    /// What the classification found.
    pub reasons: Vec<String>,
    /// The verdict from the definition alone.
    pub classification: Verdict,
    /// The verdict in force (a matching user decision, else the classification).
    pub verdict: Verdict,
    /// Whether a user decision is in force.
    pub decided: bool,
}

/// Problems with MCP definitions or decisions.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum McpError {
    /// `.mcp.json` is not valid.
    #[error(".mcp.json: {0}")]
    McpJson(String),
    /// No server of that name is defined.
    #[error("no MCP server named `{0}` (defined in .mcp.json or workspace.json mcp.servers)")]
    Unknown(String),
    /// The air-gapped policy blocks the server; it cannot be approved.
    #[error("MCP server `{name}` cannot be approved: {reason}")]
    PolicyBlocked {
        /// The server.
        name: String,
        /// Why.
        reason: String,
    },
}

/// Claude Code's `.mcp.json`: `{"mcpServers": {name: definition}}`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct McpJson {
    #[serde(default)]
    mcp_servers: BTreeMap<String, McpServer>,
}

/// Parses the text of `.mcp.json`.
pub fn parse_mcp_json(text: &str) -> Result<BTreeMap<String, McpServer>, McpError> {
    serde_json::from_str::<McpJson>(text)
        .map(|f| f.mcp_servers)
        .map_err(|e| McpError::McpJson(e.to_string()))
}

/// SHA-256 (hex) of a definition's canonical JSON (keys sorted, no whitespace).
#[must_use]
pub fn definition_hash(definition: &McpServer) -> String {
    // serde_json's maps keep keys sorted, so going through a Value gives a canonical text.
    let value = serde_json::to_value(definition).expect("definitions always serialise");
    let digest = Sha256::digest(value.to_string().as_bytes());
    digest.iter().fold(String::with_capacity(64), |mut hex, b| {
        use std::fmt::Write as _;
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

/// Package runners whose package argument must carry a version to count as pinned.
const RUNNERS: [&str; 6] = ["npx", "uvx", "bunx", "pnpx", "pipx", "dlx"];

fn is_secret_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    [
        "KEY",
        "TOKEN",
        "SECRET",
        "PASSWORD",
        "PASSWD",
        "CREDENTIAL",
        "AUTH",
    ]
    .iter()
    .any(|w| upper.contains(w))
}

/// A value is a reference, not a secret, when it only names an environment variable.
fn is_reference(value: &str) -> bool {
    let v = value.trim();
    v.is_empty() || (v.starts_with("${") && v.ends_with('}')) || v.starts_with('$')
}

/// The first argument of a runner invocation that is the package (skipping flags).
fn runner_package(args: &[String]) -> Option<&str> {
    let mut skip_value = false;
    for arg in args {
        if skip_value {
            skip_value = false;
            continue;
        }
        if arg == "run" || arg == "dlx" {
            continue;
        }
        if matches!(arg.as_str(), "-p" | "--package" | "--from" | "--with") {
            skip_value = true;
            continue;
        }
        if arg.starts_with('-') {
            continue;
        }
        return Some(arg);
    }
    None
}

fn is_pinned(package: &str) -> bool {
    // npm: name@1.2.3 or @scope/name@1.2.3; Python: name==1.2.3 or name@1.2.3.
    if package.contains("==") {
        return true;
    }
    let version = match package.strip_prefix('@') {
        Some(rest) => rest.split_once('@').map(|(_, v)| v),
        None => package.split_once('@').map(|(_, v)| v),
    };
    version.is_some_and(|v| {
        v.chars().next().is_some_and(|c| c.is_ascii_digit()) && !v.contains(['^', '~', '*', 'x'])
    })
}

/// Classifies a definition. Returns the transport, the reasons and the verdict.
#[must_use]
pub fn classify(definition: &McpServer, air_gapped: bool) -> (&'static str, Vec<String>, Verdict) {
    let mut reasons = Vec::new();
    let mut verdict = Verdict::Approved;
    let remote =
        definition.url.is_some() || matches!(definition.kind.as_deref(), Some("http" | "sse"));
    if remote {
        let url = definition.url.as_deref().unwrap_or_default();
        let loopback = url::Url::parse(url).is_ok_and(|u| is_loopback(&u));
        if loopback {
            reasons.push("remote server on loopback".into());
        } else if air_gapped {
            reasons.push(format!(
                "remote server {url} is off loopback (air-gapped mode)"
            ));
            verdict = Verdict::Blocked;
        } else {
            reasons.push(format!("remote server {url}: data leaves this machine"));
            verdict = Verdict::NeedsReview;
        }
    } else if let Some(command) = &definition.command {
        let program = std::path::Path::new(command)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(command);
        if RUNNERS.contains(&program)
            || (program == "docker" && definition.args.first().is_some_and(|a| a == "run"))
        {
            let package = if program == "docker" {
                definition
                    .args
                    .iter()
                    .skip(1)
                    .find(|a| !a.starts_with('-'))
                    .map(String::as_str)
            } else {
                runner_package(&definition.args)
            };
            match package {
                Some(p) if program == "docker" && p.contains("@sha256:") => {
                    reasons.push(format!("container image pinned by digest: {p}"));
                }
                Some(p) if program != "docker" && is_pinned(p) => {
                    reasons.push(format!("package pinned: {p}"));
                }
                Some(p) => {
                    reasons.push(format!("{program} runs `{p}` without a pinned version"));
                    verdict = Verdict::NeedsReview;
                }
                None => {
                    reasons.push(format!("{program} without a package"));
                    verdict = Verdict::NeedsReview;
                }
            }
        } else {
            reasons.push(format!("local program {command}"));
        }
    } else {
        reasons.push("neither a command nor a URL".into());
        verdict = Verdict::NeedsReview;
    }
    let inline: Vec<&String> = definition
        .env
        .iter()
        .chain(definition.headers.iter())
        .filter(|(name, value)| {
            (is_secret_name(name) || name.eq_ignore_ascii_case("authorization"))
                && !is_reference(value)
        })
        .map(|(name, _)| name)
        .collect();
    if !inline.is_empty() {
        reasons.push(format!(
            "secret written inline in {} (reference an environment variable instead)",
            inline
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
        if verdict == Verdict::Approved {
            verdict = Verdict::NeedsReview;
        }
    }
    let transport = if remote { "remote" } else { "local" };
    (transport, reasons, verdict)
}

impl Registry {
    /// Every server of `.mcp.json` (`project`) and `workspace.json` (`workspace`, winning on a
    /// clash), classified, with this registry's decisions applied.
    #[must_use]
    pub fn classify_all(
        &self,
        project: &BTreeMap<String, McpServer>,
        workspace: &BTreeMap<String, McpServer>,
        air_gapped: bool,
    ) -> Vec<Classified> {
        let mut all: BTreeMap<&String, (&'static str, &McpServer)> = BTreeMap::new();
        for (name, def) in project {
            all.insert(name, (".mcp.json", def));
        }
        for (name, def) in workspace {
            all.insert(name, ("workspace.json", def));
        }
        all.into_iter()
            .map(|(name, (source, definition))| {
                let hash = definition_hash(definition);
                let (transport, reasons, classification) = classify(definition, air_gapped);
                let decision = self.servers.get(name).filter(|d| d.definition_hash == hash);
                let verdict = match (classification, decision) {
                    // Policy blocks cannot be overridden.
                    (Verdict::Blocked, _) => Verdict::Blocked,
                    (_, Some(d)) => d.verdict,
                    (c, None) => c,
                };
                Classified {
                    name: name.clone(),
                    source,
                    definition: definition.clone(),
                    hash,
                    transport,
                    reasons,
                    classification,
                    verdict,
                    decided: decision.is_some() && classification != Verdict::Blocked,
                }
            })
            .collect()
    }

    /// Records a user's decision on the current definition of `name`.
    pub fn decide<'a>(
        &mut self,
        servers: &'a [Classified],
        name: &str,
        verdict: Verdict,
        now: Timestamp,
    ) -> Result<&'a Classified, McpError> {
        let server = servers
            .iter()
            .find(|s| s.name == name)
            .ok_or_else(|| McpError::Unknown(name.to_owned()))?;
        if verdict == Verdict::Approved && server.classification == Verdict::Blocked {
            return Err(McpError::PolicyBlocked {
                name: name.to_owned(),
                reason: server.reasons.join("; "),
            });
        }
        self.servers.insert(
            name.to_owned(),
            Decision {
                verdict,
                definition_hash: server.hash.clone(),
                decided_at: now,
            },
        );
        Ok(server)
    }
}

/// The `--mcp-config` JSON given to crews: only the approved servers.
#[must_use]
pub fn crew_config(servers: &[Classified]) -> serde_json::Value {
    let approved: serde_json::Map<String, serde_json::Value> = servers
        .iter()
        .filter(|s| s.verdict == Verdict::Approved)
        .map(|s| {
            (
                s.name.clone(),
                serde_json::to_value(&s.definition).expect("definitions always serialise"),
            )
        })
        .collect();
    serde_json::json!({ "mcpServers": approved })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(json: serde_json::Value) -> McpServer {
        serde_json::from_value(json).expect("a definition")
    }

    #[test]
    fn classification_table() {
        let cases = [
            (
                serde_json::json!({"command": "/usr/local/bin/docs-server"}),
                false,
                Verdict::Approved,
            ),
            (
                serde_json::json!({"command": "npx", "args": ["-y", "@acme/mcp@1.4.2"]}),
                false,
                Verdict::Approved,
            ),
            (
                serde_json::json!({"command": "npx", "args": ["-y", "@acme/mcp"]}),
                false,
                Verdict::NeedsReview,
            ),
            (
                serde_json::json!({"command": "npx", "args": ["@acme/mcp@latest"]}),
                false,
                Verdict::NeedsReview,
            ),
            (
                serde_json::json!({"command": "npx", "args": ["some-mcp@^1.2"]}),
                false,
                Verdict::NeedsReview,
            ),
            (
                serde_json::json!({"command": "uvx", "args": ["mcp-server-git==0.6.2"]}),
                false,
                Verdict::Approved,
            ),
            (
                serde_json::json!({"command": "uvx", "args": ["--from", "x", "mcp-server-git"]}),
                false,
                Verdict::NeedsReview,
            ),
            (
                serde_json::json!({"command": "docker", "args": ["run", "-i", "ghcr.io/a/b:latest"]}),
                false,
                Verdict::NeedsReview,
            ),
            (
                serde_json::json!({"command": "docker", "args": ["run", "-i", "ghcr.io/a/b@sha256:abcd"]}),
                false,
                Verdict::Approved,
            ),
            (
                serde_json::json!({"command": "srv", "env": {"API_TOKEN": "ghp_literal"}}),
                false,
                Verdict::NeedsReview,
            ),
            (
                serde_json::json!({"command": "srv", "env": {"API_TOKEN": "${API_TOKEN}", "MODE": "fast"}}),
                false,
                Verdict::Approved,
            ),
            (
                serde_json::json!({"type": "http", "url": "https://mcp.example.com/x"}),
                false,
                Verdict::NeedsReview,
            ),
            (
                serde_json::json!({"type": "http", "url": "https://mcp.example.com/x"}),
                true,
                Verdict::Blocked,
            ),
            (
                serde_json::json!({"type": "sse", "url": "http://127.0.0.1:9000/sse"}),
                true,
                Verdict::Approved,
            ),
            (
                serde_json::json!({"type": "http", "url": "http://localhost:1/", "headers": {"Authorization": "Bearer abc"}}),
                true,
                Verdict::NeedsReview,
            ),
        ];
        for (json, air_gapped, expected) in cases {
            let (_, reasons, verdict) = classify(&def(json.clone()), air_gapped);
            assert_eq!(
                verdict, expected,
                "{json} (air-gapped {air_gapped}): {reasons:?}"
            );
        }
    }

    #[test]
    fn decisions_hold_for_the_definition_they_were_made_for() {
        let mut project = BTreeMap::new();
        project.insert(
            "docs".to_owned(),
            def(serde_json::json!({"command": "npx", "args": ["docs-mcp"]})),
        );
        project.insert(
            "local".to_owned(),
            def(serde_json::json!({"command": "./bin/mcp"})),
        );
        let workspace = BTreeMap::new();
        let mut registry = Registry::default();
        let servers = registry.classify_all(&project, &workspace, false);
        let verdicts: Vec<(&str, Verdict)> = servers
            .iter()
            .map(|s| (s.name.as_str(), s.verdict))
            .collect();
        assert_eq!(
            verdicts,
            [("docs", Verdict::NeedsReview), ("local", Verdict::Approved)]
        );
        assert_eq!(
            crew_config(&servers)["mcpServers"]
                .as_object()
                .expect("map")
                .len(),
            1
        );

        registry
            .decide(&servers, "docs", Verdict::Approved, Timestamp::UNIX_EPOCH)
            .expect("approved");
        registry
            .decide(&servers, "local", Verdict::Blocked, Timestamp::UNIX_EPOCH)
            .expect("blocked");
        let servers = registry.classify_all(&project, &workspace, false);
        let config = crew_config(&servers);
        assert!(config["mcpServers"].get("docs").is_some());
        assert!(config["mcpServers"].get("local").is_none());

        // A changed definition needs a new decision.
        project.insert(
            "docs".to_owned(),
            def(serde_json::json!({"command": "npx", "args": ["docs-mcp", "--evil"]})),
        );
        let servers = registry.classify_all(&project, &workspace, false);
        assert_eq!(servers[0].verdict, Verdict::NeedsReview);
        assert!(!servers[0].decided);

        assert_eq!(
            registry
                .decide(&servers, "ghost", Verdict::Approved, Timestamp::UNIX_EPOCH)
                .expect_err("unknown"),
            McpError::Unknown("ghost".into())
        );
    }

    #[test]
    fn the_air_gapped_policy_cannot_be_overridden() {
        let mut project = BTreeMap::new();
        project.insert(
            "cloud".to_owned(),
            def(serde_json::json!({"type": "http", "url": "https://mcp.example.com"})),
        );
        let mut registry = Registry::default();
        let servers = registry.classify_all(&project, &BTreeMap::new(), false);
        registry
            .decide(&servers, "cloud", Verdict::Approved, Timestamp::UNIX_EPOCH)
            .expect("approved in standard mode");
        let air = registry.classify_all(&project, &BTreeMap::new(), true);
        assert_eq!(air[0].verdict, Verdict::Blocked);
        let err = registry
            .decide(&air, "cloud", Verdict::Approved, Timestamp::UNIX_EPOCH)
            .expect_err("policy");
        assert!(err.to_string().contains("air-gapped"), "{err}");
    }

    #[test]
    fn the_workspace_definition_wins_and_mcp_json_is_parsed() {
        let project =
            parse_mcp_json(r#"{"mcpServers": {"a": {"command": "x"}, "b": {"command": "y"}}}"#)
                .expect("valid");
        let mut workspace = BTreeMap::new();
        workspace.insert("b".to_owned(), def(serde_json::json!({"command": "z"})));
        let servers = Registry::default().classify_all(&project, &workspace, false);
        assert_eq!(servers[1].source, "workspace.json");
        assert_eq!(servers[1].definition.command.as_deref(), Some("z"));
        assert!(parse_mcp_json("{").is_err());
        assert!(
            parse_mcp_json(r#"{"mcpServers": {"a": {"comand": "x"}}}"#).is_err(),
            "unknown keys refused"
        );
    }
}
