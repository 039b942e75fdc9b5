//! `maestro schema workspace|orders`.

use maestro_core::{OrdersFile, WorkspaceConfig};

use crate::cli::SchemaKind;
use crate::commands::Outcome;
use crate::output;

/// Prints the JSON Schema (draft 2020-12) generated from the Rust types. The schema is JSON
/// whether or not `--json` is given.
pub fn run(which: SchemaKind) -> anyhow::Result<Outcome> {
    let schema = match which {
        SchemaKind::Workspace => schemars::schema_for!(WorkspaceConfig),
        SchemaKind::Orders => schemars::schema_for!(OrdersFile),
    };
    output::json(&schema)?;
    Ok(Outcome::Clean)
}
