//! The workspace itself: `init` and `schema`.

use clap::{Args, ValueEnum};

/// `maestro init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Replace an existing workspace.json that differs from the defaults (or is invalid).
    #[arg(long)]
    pub force: bool,
}

/// `maestro schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which schema to print.
    pub which: SchemaKind,
}

/// The schemas maestro can print.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SchemaKind {
    /// .mso/workspace.json
    Workspace,
    /// Orders files for `maestro voyage import`.
    Orders,
}
