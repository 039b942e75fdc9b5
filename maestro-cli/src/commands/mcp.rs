//! `maestro mcp list|approve|block`.

use anyhow::Context as _;
use maestro_core::mcp::{REGISTRY_FILE, Verdict};
use serde::Serialize;

use crate::commands::Outcome;
use crate::output::{self, Output, Table};
use maestro_cli::mcp::classified;
use maestro_cli::workspace::Workspace;

#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    source: &'a str,
    transport: &'a str,
    verdict: String,
    classification: String,
    decided: bool,
    reasons: &'a [String],
    definition_hash: &'a str,
}

/// `maestro mcp list`.
pub fn list(out: Output) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let (_, servers) = classified(&ws)?;
    if out.json {
        let rows: Vec<Row> = servers
            .iter()
            .map(|s| Row {
                name: &s.name,
                source: s.source,
                transport: s.transport,
                verdict: s.verdict.to_string(),
                classification: s.classification.to_string(),
                decided: s.decided,
                reasons: &s.reasons,
                definition_hash: &s.hash,
            })
            .collect();
        output::json(&serde_json::json!({ "servers": rows }))?;
        return Ok(Outcome::Clean);
    }
    if servers.is_empty() {
        out.info("no MCP servers (none in .mcp.json or workspace.json mcp.servers)")?;
        return Ok(Outcome::Clean);
    }
    let mut table = Table::new(&["NAME", "VERDICT", "TRANSPORT", "SOURCE", "WHY"]);
    for s in &servers {
        let verdict = if s.decided {
            format!("{} (decided)", s.verdict)
        } else {
            s.verdict.to_string()
        };
        table.row(vec![
            s.name.clone(),
            verdict,
            s.transport.to_owned(),
            s.source.to_owned(),
            s.reasons.join("; "),
        ]);
    }
    output::data(&table.render())?;
    Ok(Outcome::Clean)
}

/// `maestro mcp approve|block <name>`.
pub fn decide(out: Output, name: &str, verdict: Verdict) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let (mut registry, servers) = classified(&ws)?;
    let server = registry
        .decide(&servers, name, verdict, jiff::Timestamp::now())
        .context("not recorded")?
        .clone();
    ws.store.write_state(REGISTRY_FILE, &registry)?;
    maestro_cli::audit::record(
        &ws,
        if verdict == Verdict::Approved {
            "mcp.approve"
        } else {
            "mcp.block"
        },
        &server.name,
        maestro_audit::Details::new()
            .with("definition_hash", server.hash.as_str())
            .with("classification", server.classification.to_string())
            .with("source", server.source),
    )?;
    out.info(&format!(
        "{} MCP server {} (definition {})",
        if verdict == Verdict::Approved {
            "approved"
        } else {
            "blocked"
        },
        server.name,
        &server.hash[..12]
    ))?;
    Ok(Outcome::Clean)
}
