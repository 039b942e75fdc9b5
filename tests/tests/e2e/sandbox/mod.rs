//! The operating system's sandbox (issue 12): what a crew runs cannot write outside its
//! worktree, read maestro's state, the audit key or the user's credentials, or reach the
//! network beyond what the workspace allows — under bubblewrap for command agents and gates, and
//! under Claude Code's own sandbox (real CLI) for Claude crews.
//!
//! These tests start real processes and the claude CLI, so they run inside a network namespace
//! with only loopback (as `scripts/test` runs the suite); by hand:
//! `unshare -n sh -c 'ip link set lo up && exec cargo test -p maestro-tests --test e2e sandbox'`.
//! Without `bwrap`/`socat` (scripts/install-sandbox) or the claude CLI they are reported as
//! ignored (see `tests/build.rs`); with `MAESTRO_REQUIRE_TOOLS=1` or `MAESTRO_REQUIRE_CLAUDE=1`
//! (CI) that is a build failure instead.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use maestro_core::WorkspaceConfig;
use maestro_core::sandbox::Sandbox;
use maestro_tests::GitRepo;
use serde_json::json;
use tokio::sync::watch;

mod bwrap;
mod cargo;
mod claude_code;
mod claude_settings;
mod hook_service;
mod processes;

/// What `.mso/workspace.json` holds; a crew must never see it.
const WORKSPACE_MARKER: &str = "workspace-config-marker-5e1f";
/// The fake audit signing key.
const AUDIT_KEY_MARKER: &str = "ed25519:fake-audit-key-marker-77aa";
/// The fake AWS credential in the fake home.
const AWS_MARKER: &str = "fake-aws-credential-marker-0c3d";

/// A repository with maestro's state and two crews' linked worktrees (`v1/a`, `v1/b`), a fake
/// home holding credentials and a tool cache, an audit key elsewhere, and the sandbox
/// `Sandbox::from_config` builds for them.
struct Fixture {
    repo: GitRepo,
    home: tempfile::TempDir,
    keys: tempfile::TempDir,
    worktree: PathBuf,
    sandbox: Sandbox,
}

impl Fixture {
    fn new(model_url: &str) -> Fixture {
        let repo = GitRepo::with_commit().expect("fixture");
        repo.write(
            ".mso/workspace.json",
            &json!({"marker": WORKSPACE_MARKER}).to_string(),
        )
        .expect("workspace.json");
        repo.write(".mso/audit.log", "").expect("audit.log");
        for order in ["a", "b"] {
            repo.git(&[
                "worktree",
                "add",
                "-q",
                "-b",
                &format!("maestro-crew/v1/{order}"),
                &format!(".mso/worktrees/v1/{order}"),
            ])
            .expect("worktree");
        }
        // Not under /tmp, which sandboxed commands see as an empty directory of their own.
        let outside_tmp = |prefix: &str| {
            tempfile::Builder::new()
                .prefix(prefix)
                .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
                .expect("temporary directory")
        };
        let home = outside_tmp("sandbox-home");
        for (file, text) in [
            (
                ".aws/credentials",
                format!("aws_secret_access_key = {AWS_MARKER}\n"),
            ),
            (".ssh/id_ed25519", "fake ssh key\n".to_owned()),
            (".cache/tool/.keep", String::new()),
        ] {
            let path = home.path().join(file);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        let keys = outside_tmp("sandbox-keys");
        std::fs::write(keys.path().join("audit.key"), AUDIT_KEY_MARKER).expect("key");
        let config: WorkspaceConfig = serde_json::from_value(json!({
            "anthropic": {"baseUrl": model_url},
            "crews": {"writableDirs": ["~/.cache/tool"]},
            "audit": {"keyFile": keys.path().join("audit.key")},
        }))
        .expect("config");
        let sandbox = Sandbox::from_config(
            &config,
            repo.path(),
            &repo.path().join(".git"),
            Some(home.path()),
        )
        .expect("sandbox");
        Fixture {
            worktree: repo.path().join(".mso/worktrees/v1/a"),
            repo,
            home,
            keys,
            sandbox,
        }
    }

    fn root(&self, relative: &str) -> PathBuf {
        self.repo.path().join(relative)
    }

    /// Whether the fake home lies under `/tmp`, which a command under bwrap sees as a private,
    /// empty, writable directory: a write there "succeeds" without reaching the disk.
    fn home_in_private_tmp(&self) -> bool {
        self.home.path().starts_with("/tmp")
    }

    fn audit_key(&self) -> PathBuf {
        self.keys.path().join("audit.key")
    }

    fn cache(&self) -> PathBuf {
        self.home.path().join(".cache/tool")
    }

    /// Writes `text` to `name` in the crew's worktree (as a crew would).
    fn crew_writes(&self, name: &str, text: &str) {
        std::fs::write(self.worktree.join(name), text).expect("crew file");
    }

    /// What must not change whatever a crew does: the shared repository's files and refs,
    /// maestro's state, the other worktree, the home directory.
    fn protected_state(&self) -> Vec<(String, String)> {
        let mut state: Vec<(String, String)> = [
            "README.md",
            ".mso/workspace.json",
            ".git/config",
            ".git/HEAD",
            ".mso/worktrees/v1/b/README.md",
        ]
        .iter()
        .map(|file| {
            (
                (*file).to_owned(),
                std::fs::read_to_string(self.root(file)).unwrap_or_else(|e| format!("{e}")),
            )
        })
        .collect();
        state.push((
            "refs".into(),
            self.repo
                .git(&["for-each-ref", "--format=%(refname) %(objectname)"])
                .expect("refs"),
        ));
        state.push((
            "objects".into(),
            self.repo.git(&["count-objects", "-v"]).expect("objects"),
        ));
        for dir in [".git/hooks", ".git/objects", ".mso/worktrees"] {
            state.push((format!("ls {dir}"), listing(&self.root(dir))));
        }
        // Claude Code itself (outside its sandbox) leaves an empty `.claude/.cc-writes` staging
        // directory in the main checkout as in the worktree; anything else there is a change.
        let staging = self.root(".claude");
        let only_staging =
            listing(&staging) == ".cc-writes" && listing(&staging.join(".cc-writes")).is_empty();
        let root = listing(self.repo.path());
        state.push((
            "ls".into(),
            if only_staging {
                root.replace(".claude ", "")
            } else {
                root
            },
        ));
        for file in [".bashrc", ".profile", ".aws/credentials"] {
            state.push((
                format!("~/{file}"),
                std::fs::read_to_string(self.home.path().join(file))
                    .unwrap_or_else(|e| format!("{e}")),
            ));
        }
        state
    }
}

fn listing(dir: &Path) -> String {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names.join(" ")
}

/// A shell script that tries each write and read and prints one line per attempt:
/// `WROTE <label>` / `DENIED <label>: <error>`, `READ <label>: <text>` /
/// `UNREADABLE <label>: <error>`. `tmp_file` is the file it writes in the temporary directory.
fn probe_script(f: &Fixture, tmp_file: &str) -> String {
    let root = f.repo.path().display();
    let home = f.home.path().display();
    let mut script = String::from(
        "w() { if (printf 'x\\n' >> \"$2\") 2>\"$TMPDIR/err\"; then echo \"WROTE $1\"; \
         else echo \"DENIED $1: $(cat \"$TMPDIR/err\")\"; fi; }\n\
         r() { if out=$(cat \"$2\" 2>&1); then echo \"READ $1: $out\"; \
         else echo \"UNREADABLE $1: $out\"; fi; }\n",
    );
    // Reads first: a write into a hidden directory may land in a scratch copy of it.
    for (label, path) in [
        ("read-workspace.json", "../../../workspace.json".to_owned()),
        ("read-audit-key", f.audit_key().display().to_string()),
        ("read-aws", format!("{home}/.aws/credentials")),
        ("read-other-worktree", "../b/README.md".to_owned()),
        ("read-own-file", "README.md".to_owned()),
    ] {
        script.push_str(&format!("r {label} \"{path}\"\n"));
    }
    for (label, path) in [
        ("worktree-dotdot", "../../workspace.json".to_owned()),
        ("workspace.json", "../../../workspace.json".to_owned()),
        ("main-checkout", format!("{root}/README.md")),
        ("main-checkout-new", format!("{root}/new.txt")),
        ("git-ref", format!("{root}/.git/refs/heads/evil")),
        ("git-object", format!("{root}/.git/objects/evil")),
        ("git-config", format!("{root}/.git/config")),
        ("git-hook", format!("{root}/.git/hooks/pre-commit")),
        ("git-own-admin", format!("{root}/.git/worktrees/a/HEAD")),
        ("other-worktree", "../b/stolen.txt".to_owned()),
        ("home", format!("{home}/.bashrc")),
        ("inside", "inside.txt".to_owned()),
        ("tmp", tmp_file.to_owned()),
        ("cache", format!("{}/inside.txt", f.cache().display())),
    ] {
        script.push_str(&format!("w {label} \"{path}\"\n"));
    }
    script
}

/// The line of `output` about `label` (`WROTE label`, `DENIED label: …`, …).
fn line_about<'a>(output: &'a str, label: &str) -> &'a str {
    output
        .lines()
        .find(|l| l.split_whitespace().nth(1).map(|w| w.trim_end_matches(':')) == Some(label))
        .unwrap_or_else(|| panic!("no line about {label} in:\n{output}"))
}

/// How the file system refuses a sandboxed write: read-only, or a directory that is not there
/// (a hidden one).
const REFUSALS: [&str; 3] = [
    "Read-only file system",
    "Directory nonexistent",
    "No such file or directory",
];

/// Checks a probe's output: only the worktree, the temporary directory and the cache were
/// written (and the `scratch` paths, which the sandbox shows as an empty directory of its own,
/// thrown away when the command ends); only the crew's own files were read.
fn assert_probe_contained(output: &str, scratch: &[&str]) {
    for label in [
        "worktree-dotdot",
        "workspace.json",
        "main-checkout",
        "main-checkout-new",
        "git-ref",
        "git-object",
        "git-config",
        "git-hook",
        "git-own-admin",
        "other-worktree",
        "home",
    ] {
        let line = line_about(output, label);
        if scratch.contains(&label) && line.starts_with("WROTE") {
            continue;
        }
        assert!(
            line.starts_with("DENIED") && REFUSALS.iter().any(|reason| line.contains(reason)),
            "a write to {label} was not refused by the sandbox: {line}\n{output}"
        );
    }
    for label in ["inside", "tmp", "cache"] {
        let line = line_about(output, label);
        assert!(line.starts_with("WROTE"), "{line}\n{output}");
    }
    for label in [
        "read-workspace.json",
        "read-audit-key",
        "read-aws",
        "read-other-worktree",
    ] {
        let line = line_about(output, label);
        assert!(line.starts_with("UNREADABLE"), "{label}: {line}\n{output}");
    }
    assert!(line_about(output, "read-own-file").starts_with("READ read-own-file: # test"));
    for marker in [WORKSPACE_MARKER, AUDIT_KEY_MARKER, AWS_MARKER] {
        assert!(!output.contains(marker), "{marker} leaked:\n{output}");
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// A stop signal that never fires.
fn no_stop() -> watch::Receiver<bool> {
    let (tx, rx) = watch::channel(false);
    std::mem::forget(tx);
    rx
}

/// Whether a live process runs `sleep <duration>`: its arguments exactly, not a shell whose
/// script mentions them.
fn running(duration: &str) -> bool {
    let wanted = format!("sleep\0{duration}\0");
    std::fs::read_dir("/proc").is_ok_and(|entries| {
        entries.flatten().any(|entry| {
            let dir = entry.path();
            let zombie = std::fs::read_to_string(dir.join("stat"))
                .is_ok_and(|s| s.split_whitespace().nth(2) == Some("Z"));
            !zombie && std::fs::read(dir.join("cmdline")).is_ok_and(|b| b == wanted.as_bytes())
        })
    })
}

/// Waits up to `limit` for `condition`.
fn eventually(limit: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let started = Instant::now();
    while started.elapsed() < limit {
        if condition() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    condition()
}
