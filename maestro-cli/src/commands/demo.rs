//! `maestro demo [--keep DIR]`: a complete voyage with scripted crews, no network, no API key.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context as _;
use jiff::{SignedDuration, Timestamp};
use maestro_licence::{Claims, Issuer, IssuerKey, Tier, public_key_text};

use clap::Parser as _;

use crate::cli::Cli;
use crate::commands::Outcome;
use crate::output::{self, Output};

/// The demo's orders: scripted `command` crews (POSIX `sh`).
const ORDERS: &str = r#"
[[orders]]
id = "api"
title = "Add the /health handler"
role = "builder"
scope = ["src/**"]
agent = { command = ["sh", "-c", "mkdir -p src && printf 'def health():\n    return 200, {\"ok\": True}\n' > src/api.py"] }

[[orders]]
id = "ui"
title = "Show the service status"
role = "builder"
scope = ["src/**"]
agent = { command = ["sh", "-c", "sleep 1; mkdir -p src && printf 'def status_badge(ok):\n    return \"up\" if ok else \"down\"\n' > src/ui.py"] }

[[orders]]
id = "config"
title = "Configure the storage client"
role = "builder"
# The first attempt writes a credential into the code; the secret gate stops it and the
# feedback sends the crew to the environment instead.
agent = { command = ["sh", "-c", "mkdir -p src && if [ \"$MAESTRO_ATTEMPT\" = 1 ]; then echo \"AWS_ACCESS_KEY_ID = 'AKIAQ7RPZ3MFXW2BKT5L'\" > src/storage.py; else echo \"import os\nAWS_ACCESS_KEY_ID = os.environ['AWS_ACCESS_KEY_ID']\" > src/storage.py; fi"] }

[[orders]]
id = "tests"
title = "Test the handler"
role = "tester"
depends_on = ["api", "ui"]
# The first attempt forgets the assertion; the gate's output comes back as feedback.
agent = { command = ["sh", "-c", "mkdir -p tests && if grep -q 'Feedback from your previous attempt'; then printf 'from src.api import health\n\ndef test_health():\n    assert health()[0] == 200\n' > tests/test_api.py; else printf 'def test_health():\n    pass\n' > tests/test_api.py; fi"] }
[[orders.accept]]
run = "grep -q 'assert health()' tests/test_api.py || { echo 'tests/test_api.py asserts nothing about health()'; exit 1; }"

[[orders]]
id = "docs"
title = "Document /health"
role = "scribe"
depends_on = ["api"]
agent = { command = ["sh", "-c", "mkdir -p docs && printf '# /health\n\nReturns 200 and {\"ok\": true}.\n' > docs/health.md"] }
[[orders.accept]]
path_exists = "docs/health.md"

[[orders]]
id = "changelog"
title = "Write the changelog"
role = "releaser"
agent = { command = ["sh", "-c", "printf '# Changelog\n\n- /health endpoint, tested and documented\n' > CHANGELOG.md"] }
[[orders.accept]]
scan_clean = true
"#;

fn git(dir: &Path, args: &[&str]) -> anyhow::Result<()> {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=maestro demo",
            "-c",
            "user.email=demo@maestro.invalid",
        ])
        .args(args)
        .current_dir(dir)
        .status()
        .context("the demo needs git on PATH")?;
    anyhow::ensure!(
        status.success(),
        "git {} failed in {}",
        args.join(" "),
        dir.display()
    );
    Ok(())
}

fn say(out: Output, line: &str) -> anyhow::Result<()> {
    out.info(&format!("\n== {line}"))?;
    Ok(())
}

/// One line per credential a gate refused, from the audit log's `secret.block` entries:
/// order, attempt, file, line and rule, the value redacted.
fn refused_secrets(repo: &Path) -> anyhow::Result<Vec<String>> {
    let log = maestro_cli::audit::log_path(&repo.join(maestro_core::store::STATE_DIR));
    let mut lines = Vec::new();
    for entry in maestro_audit::entries(&log)? {
        let Ok(entry) = entry else { continue };
        if entry.action != "secret.block" {
            continue;
        }
        let findings = entry.details["findings"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for finding in findings {
            lines.push(format!(
                "{} attempt {}: {}:{} {} {}",
                entry.subject,
                entry.details["attempt"],
                finding["path"].as_str().unwrap_or("?"),
                finding["line"],
                finding["rule_id"].as_str().unwrap_or("?"),
                finding["redacted"].as_str().unwrap_or("[REDACTED]"),
            ));
        }
    }
    if lines.is_empty() {
        lines.push("nothing was refused".to_owned());
    }
    Ok(lines)
}

/// The audit key `maestro init` created in the user's configuration directory for the demo's
/// temporary repository; removed when the demo ends, as the repository is.
struct DemoKey(Option<PathBuf>);

impl Drop for DemoKey {
    fn drop(&mut self) {
        if let Some(path) = &self.0 {
            // Best effort: a leftover key of a deleted repository signs nothing.
            let _ = std::fs::remove_file(path);
            let _ = std::fs::remove_file(path.with_extension("witness"));
        }
    }
}

/// Runs the demo voyage and prints what happened.
pub fn run(out: Output, keep: Option<&Path>) -> anyhow::Result<Outcome> {
    let temp;
    let base: PathBuf = if let Some(dir) = keep {
        anyhow::ensure!(
            !dir.exists(),
            "{} exists; --keep needs a new directory",
            dir.display()
        );
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        dir.canonicalize()?
    } else {
        temp = tempfile::tempdir().context("cannot create a temporary directory")?;
        temp.path().to_owned()
    };
    let repo = base.join("repo");
    let keys = base.join("issuer-keys");
    std::fs::create_dir_all(&repo)?;
    std::fs::write(repo.join("README.md"), "# health-service\n")?;
    git(&repo, &["init", "-q", "-b", "main"])?;
    git(&repo, &["add", "README.md"])?;
    git(&repo, &["commit", "-q", "-m", "Start the service"])?;
    std::env::set_current_dir(&repo)?;

    out.info(
        "voyage: a set of orders that becomes one branch and one pull request; order: one unit of \
         work; crew: the agent working on an order in its own worktree; gate: a check its work \
         must pass before it is merged (secret scan, scope, tests)",
    )?;
    say(
        out,
        &format!("a repository at {}, and `maestro init`", repo.display()),
    )?;
    maestro(out, &["init"])?;
    // A throwaway repository's audit key goes with it.
    let _key = DemoKey(
        keep.is_none()
            .then(|| maestro_core::store::audit_key::audit_key_path(&repo).ok())
            .flatten(),
    );

    say(
        out,
        "a self-issued Pro licence (the community tier runs one crew at a time)",
    )?;
    let key = IssuerKey::generate()?;
    key.write_pair(&keys)?;
    let now = Timestamp::now().round(jiff::Unit::Second)?;
    let public_key = public_key_text(&key.public_key());
    let token = Issuer::new(key).issue(&Claims {
        id: maestro_licence::new_licence_id()?,
        licensee: "maestro demo".into(),
        tier: Tier::Pro,
        issued: now,
        expires: now + SignedDuration::from_hours(24),
        endpoint: None,
    });
    // The demo shows the sandbox where this machine has one; it never runs crews unsandboxed
    // without saying so.
    let sandboxed = match maestro_core::sandbox::check_available() {
        Ok(()) => true,
        Err(e) => {
            say(
                out,
                &format!("no sandbox here, so crews.sandbox is \"off\" for this demo: {e}"),
            )?;
            false
        }
    };
    maestro_core::Store::open(&repo)?.update_config(|config| {
        if !sandboxed {
            config.crews.sandbox = maestro_core::config::SandboxMode::Off;
        }
        config.licence.public_keys = vec![public_key];
        config.agent.kind = maestro_core::config::AgentKind::Command;
        config.agent.program = "true".into();
        config.crews.timeout_secs = 60;
    })?;
    maestro(out, &["licence", "activate", &token])?;

    say(out, "a voyage of six orders")?;
    maestro(
        out,
        &["voyage", "new", "health", "--title", "Health endpoint"],
    )?;
    let orders = base.join("orders.toml");
    std::fs::write(&orders, ORDERS)?;
    let orders = orders
        .to_str()
        .context("the demo's directory is not UTF-8")?;
    maestro(out, &["voyage", "import", "health", orders])?;
    maestro(out, &["status", "health"])?;

    say(
        out,
        "maestro run health: two builders in parallel, gates, retries, merges",
    )?;
    let outcome = maestro(out, &["run", "health"])?;

    say(
        out,
        "what the secret gate refused (redacted; nothing of it was committed)",
    )?;
    for line in refused_secrets(&repo)? {
        output::data(&line)?;
    }

    say(out, "the voyage branch, as git sees it")?;
    let log = Command::new("git")
        .args(["log", "--graph", "--format=%h %an: %s", "maestro/health"])
        .current_dir(&repo)
        .output()?;
    output::data(&String::from_utf8_lossy(&log.stdout))?;

    say(out, "maestro audit verify")?;
    maestro(out, &["audit", "verify"])?;

    say(out, "maestro report health")?;
    maestro(out, &["report", "health"])?;
    if keep.is_some() {
        out.info(&format!(
            "\nthe demo repository is kept at {}",
            repo.display()
        ))?;
    }
    // The credential's crew is stopped by the gate and fixed on its retry, so every order merges.
    Ok(outcome)
}

/// Runs `maestro ARGS…` in this process, as a user would type it (with this run's output
/// flags).
fn maestro(out: Output, args: &[&str]) -> anyhow::Result<Outcome> {
    let cli = Cli::try_parse_from(std::iter::once("maestro").chain(args.iter().copied()))?;
    super::execute(cli.command, out)
}
