//! Tells the end-to-end tests which external programs this machine has, so a test that needs a
//! missing one is reported as ignored (with what to install), never as passed: `maestro_claude`
//! when the pinned claude CLI is installed, `maestro_sandbox` when bubblewrap and socat are on
//! `PATH`, `maestro_slurm` when Slurm's `slurmctld`, `slurmd` and `sbatch` are installed
//! (`scripts/slurm-cluster install`). With `MAESTRO_REQUIRE_CLAUDE=1` or
//! `MAESTRO_REQUIRE_TOOLS=1` (CI), a missing program fails the build instead.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rustc-check-cfg=cfg(maestro_claude)");
    println!("cargo::rustc-check-cfg=cfg(maestro_sandbox)");
    println!("cargo::rustc-check-cfg=cfg(maestro_slurm)");
    for var in [
        "MAESTRO_CLAUDE_BIN",
        "MAESTRO_REQUIRE_CLAUDE",
        "MAESTRO_REQUIRE_TOOLS",
        "PATH",
    ] {
        println!("cargo::rerun-if-env-changed={var}");
    }

    let claude = std::env::var_os("MAESTRO_CLAUDE_BIN").map_or_else(
        || {
            Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"))
                .join("../target/tools/claude-code/node_modules/.bin/claude")
        },
        PathBuf::from,
    );
    // Rerun when the CLI is installed or removed.
    println!("cargo::rerun-if-changed={}", claude.display());
    if claude.is_file() {
        println!("cargo::rustc-cfg=maestro_claude");
    } else {
        assert!(
            std::env::var("MAESTRO_REQUIRE_CLAUDE").as_deref() != Ok("1"),
            "MAESTRO_REQUIRE_CLAUDE=1 but the claude CLI is not at {} (run scripts/install-claude-code)",
            claude.display()
        );
        println!(
            "cargo::warning=the claude CLI is not installed: its tests are ignored (scripts/install-claude-code)"
        );
    }

    let found: Vec<Option<PathBuf>> = ["bwrap", "socat"].iter().map(|p| on_path(p)).collect();
    for path in found.iter().flatten() {
        println!("cargo::rerun-if-changed={}", path.display());
    }
    // Found is enough: a bubblewrap that is there but cannot run fails the tests, which is
    // what it should do.
    let sandbox = found.iter().all(Option::is_some);
    if sandbox {
        println!("cargo::rustc-cfg=maestro_sandbox");
    } else {
        assert!(
            std::env::var("MAESTRO_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "MAESTRO_REQUIRE_TOOLS=1 but bubblewrap or socat is not on PATH (run scripts/install-sandbox)"
        );
        println!(
            "cargo::warning=bubblewrap or socat is not on PATH: the sandboxed tests are ignored (scripts/install-sandbox)"
        );
        // Rerun when they are installed.
        println!("cargo::rerun-if-changed=/usr/bin/bwrap");
        println!("cargo::rerun-if-changed=/usr/bin/socat");
    }

    slurm();
}

/// Slurm's daemons live in `/usr/sbin`, which a user's `PATH` may lack. The test cluster
/// needs root as well (network namespaces, root daemons): without it the tests are ignored too.
fn slurm() {
    let dirs = ["/usr/sbin", "/usr/bin"];
    let found: Vec<Option<PathBuf>> = ["slurmctld", "slurmd", "sbatch"]
        .iter()
        .map(|program| {
            on_path(program).or_else(|| {
                dirs.iter()
                    .map(|dir| Path::new(dir).join(program))
                    .find(|candidate| candidate.is_file())
            })
        })
        .collect();
    for path in found.iter().flatten() {
        println!("cargo::rerun-if-changed={}", path.display());
    }
    let root = std::fs::read_to_string("/proc/self/status").is_ok_and(|status| {
        status
            .lines()
            .any(|line| line.split_whitespace().take(2).eq(["Uid:", "0"]))
    });
    if found.iter().all(Option::is_some) && root {
        println!("cargo::rustc-cfg=maestro_slurm");
    } else if found.iter().all(Option::is_some) {
        assert!(
            std::env::var("MAESTRO_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "MAESTRO_REQUIRE_TOOLS=1 but the Slurm test cluster needs root (scripts/slurm-cluster)"
        );
        println!(
            "cargo::warning=not root: the Slurm tests are ignored (scripts/slurm-cluster needs root)"
        );
    } else {
        assert!(
            std::env::var("MAESTRO_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "MAESTRO_REQUIRE_TOOLS=1 but Slurm (slurmctld, slurmd, sbatch) is not installed (run scripts/slurm-cluster install)"
        );
        println!(
            "cargo::warning=Slurm is not installed: the Slurm tests are ignored (scripts/slurm-cluster install)"
        );
        // Rerun when it is installed.
        for program in ["/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch"] {
            println!("cargo::rerun-if-changed={program}");
        }
    }
}

fn on_path(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}
