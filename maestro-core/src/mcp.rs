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
mod tests;
