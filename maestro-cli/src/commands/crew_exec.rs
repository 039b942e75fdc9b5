//! `maestro crew-exec`: one remote crew's attempt, run by an executor's job on a node.

use std::io::BufRead as _;
use std::path::Path;
use std::time::Duration;

use anyhow::Context as _;
use maestro_cli::control::client::ChannelClient;
use maestro_cli::control::job::{self, JobOptions};

use crate::commands::Outcome;
use crate::output::Output;

/// Reads the token from stdin, does the job, and prints how the crew ended.
pub fn run(
    out: Output,
    channel: &str,
    certificate: &Path,
    node: Option<String>,
) -> anyhow::Result<Outcome> {
    let pem = std::fs::read_to_string(certificate).with_context(|| {
        format!(
            "cannot read the channel's certificate {}",
            certificate.display()
        )
    })?;
    let mut token = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut token)
        .context("cannot read the attempt's token from standard input")?;
    let token = token.trim();
    anyhow::ensure!(
        !token.is_empty(),
        "no token on standard input (the job script passes it)"
    );
    // Every request, bundles included, within the timeout; the crew's own time is not a request.
    let client = ChannelClient::new(channel, &pem, token, Duration::from_secs(600))?;
    let node = node
        .or_else(|| std::env::var("SLURMD_NODENAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| {
            std::fs::read_to_string("/etc/hostname")
                .ok()
                .map(|h| h.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned());
    let scratch = tempfile::Builder::new()
        .prefix("maestro-crew-")
        .tempdir()
        .context("cannot make the job's scratch directory")?;
    let result = job::run(
        &client,
        &JobOptions {
            node,
            scratch: scratch.path().to_owned(),
            grace: Duration::from_secs(5),
        },
    )?;
    out.info(&format!(
        "crew {}{}",
        if result.success {
            "succeeded"
        } else {
            "failed"
        },
        result
            .commit
            .as_deref()
            .map(|c| format!(", commit {c}"))
            .unwrap_or_default()
    ))?;
    Ok(if result.success {
        Outcome::Clean
    } else {
        Outcome::Problem
    })
}
