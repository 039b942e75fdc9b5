//! The MCP servers a workspace's crews may use: the project's `.mcp.json` and the configured
//! servers, classified, with the user's decisions in force.

use std::collections::BTreeMap;

use maestro_core::config::{McpServer, ResidencyMode};
use maestro_core::mcp::{Classified, REGISTRY_FILE, Registry, parse_mcp_json};

use crate::workspace::Workspace;

/// Every server with its classification and the decisions in force.
pub fn classified(ws: &Workspace) -> anyhow::Result<(Registry, Vec<Classified>)> {
    let path = ws.store.repo_root().join(".mcp.json");
    let project: BTreeMap<String, McpServer> = match std::fs::read_to_string(&path) {
        Ok(text) => parse_mcp_json(&text)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
        Err(e) => {
            return Err(anyhow::Error::new(e).context(format!("cannot read {}", path.display())));
        }
    };
    let registry: Registry = ws.store.read_state(REGISTRY_FILE)?.unwrap_or_default();
    let air_gapped = ws.config.data_residency.mode == ResidencyMode::AirGapped;
    let servers = registry.classify_all(&project, &ws.config.mcp.servers, air_gapped);
    Ok((registry, servers))
}
