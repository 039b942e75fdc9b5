//! A real two-node Slurm cluster for a test, from `scripts/slurm-cluster`: started in a
//! temporary directory, stopped when the fixture is dropped (also when the test panics).
//!
//! It needs root and Slurm installed (`scripts/slurm-cluster install`); tests that use it are
//! marked `#[cfg_attr(not(maestro_slurm), ignore = "…")]`.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A running cluster: one controller and two compute nodes, each in its own network
/// namespace, reached through `SLURM_CONF`.
#[derive(Debug)]
pub struct SlurmCluster {
    dir: tempfile::TempDir,
    env: BTreeMap<String, String>,
}

impl SlurmCluster {
    /// `scripts/slurm-cluster start DIR` in a new temporary directory, and its `DIR/env`.
    pub fn start() -> io::Result<SlurmCluster> {
        let dir = tempfile::Builder::new()
            .prefix("maestro-slurm-")
            .tempdir()?;
        // Stopped by Drop from here on, also when start fails half-way.
        let mut cluster = SlurmCluster {
            dir,
            env: BTreeMap::new(),
        };
        cluster.script(&["start"])?;
        let text = std::fs::read_to_string(cluster.dir().join("env"))?;
        cluster.env = text
            .lines()
            .filter_map(|line| line.split_once('='))
            .map(|(key, value)| (key.to_owned(), value.to_owned()))
            .collect();
        for key in [
            "SLURM_CONF",
            "MAESTRO_SLURM_COORDINATOR_ADDR",
            "MAESTRO_SLURM_NODES",
        ] {
            if !cluster.env.contains_key(key) {
                return Err(io::Error::other(format!("{key} is not in DIR/env: {text}")));
            }
        }
        Ok(cluster)
    }

    /// The cluster's directory: its configuration, spools, state and logs.
    #[must_use]
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// What `start` printed: `SLURM_CONF`, `MAESTRO_SLURM_COORDINATOR_ADDR`,
    /// `MAESTRO_SLURM_NODES`, `MAESTRO_SLURM_PARTITION`, …
    #[must_use]
    pub fn env(&self) -> &BTreeMap<String, String> {
        &self.env
    }

    /// The configuration every Slurm command needs (`SLURM_CONF`).
    #[must_use]
    pub fn slurm_conf(&self) -> PathBuf {
        PathBuf::from(&self.env["SLURM_CONF"])
    }

    /// The caller's address on the cluster's bridge: where jobs reach the coordinator.
    #[must_use]
    pub fn coordinator_addr(&self) -> &str {
        &self.env["MAESTRO_SLURM_COORDINATOR_ADDR"]
    }

    /// The partition of both nodes.
    #[must_use]
    pub fn partition(&self) -> &str {
        self.env
            .get("MAESTRO_SLURM_PARTITION")
            .map_or("crew", String::as_str)
    }

    /// The compute nodes' names (`node1`, `node2`).
    #[must_use]
    pub fn nodes(&self) -> Vec<&str> {
        self.env["MAESTRO_SLURM_NODES"].split(',').collect()
    }

    /// Kills the node's slurmd and every process of its jobs at once: to Slurm it stops
    /// answering.
    pub fn kill_node(&self, name: &str) -> io::Result<()> {
        self.script(&["kill-node", name])
    }

    /// Starts the node's slurmd again; it comes back idle.
    pub fn start_node(&self, name: &str) -> io::Result<()> {
        self.script(&["start-node", name])
    }

    /// Runs `scripts/slurm-cluster VERB DIR ARGS…`; its stdout (the env lines) is dropped, its
    /// stderr is kept for the error.
    fn script(&self, args: &[&str]) -> io::Result<()> {
        let (verb, rest) = args.split_first().expect("a verb");
        let out = Command::new(script())
            .arg(verb)
            .arg(self.dir())
            .args(rest)
            .stdin(Stdio::null())
            .output()?;
        if out.status.success() {
            Ok(())
        } else {
            Err(io::Error::other(format!(
                "scripts/slurm-cluster {}: {}\n{}",
                args.join(" "),
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            )))
        }
    }
}

impl Drop for SlurmCluster {
    // Drop cannot fail: what is left running is named for whoever looks.
    #[allow(clippy::print_stderr)]
    fn drop(&mut self) {
        if let Err(error) = self.script(&["stop"]) {
            eprintln!("stopping the test's Slurm cluster: {error}");
        }
    }
}

/// `scripts/slurm-cluster` of this repository.
#[must_use]
pub fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/slurm-cluster")
}
