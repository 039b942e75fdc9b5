//! Fault injection: `maestro run` killed (SIGKILL) at random instants of its life, over and over, in a
//! real git repository with command crews, then run to completion. Every order must end merged
//! exactly once, git must work right after every kill (`git worktree list`, `git fsck`), and at
//! the end git must be healthy (`git gc --prune=now` too) with nothing left behind: no worktree,
//! no administrative entry, no crew branch, no crew process.
//!
//! The instants come from a seeded random generator, a new seed each run so that every CI run
//! tries other instants (`MAESTRO_CRASH_SEED` replays a seed; every failure message names it). Half of the kills land in the first 200 ms of a run: startup,
//! the repair of what the previous kill left, recovery, the first worktrees being added. The
//! other half land in a window after that which stretches or shrinks so that the voyage's
//! progress is spread over all the kills (about a tenth of the orders is left for the final
//! run): crews start, work, are collected, merged, and their worktrees handed to the next
//! orders or removed, and each of those gets killed somewhere along the way. Crews work 150 to
//! 350 ms, so no run merges within its first 200 ms and merges within a run are spread out.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use maestro_tests::GitRepo;

mod kills;
mod repro;

/// How many orders the voyage has.
const ORDERS: usize = 30;
/// How many SIGKILLs of a live `maestro run` at least (`MAESTRO_CRASH_KILLS` raises it).
const KILLS: usize = 200;
/// A new seed, when `MAESTRO_CRASH_SEED` does not name one.
fn fresh_seed() -> u64 {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    // Mixed with the process id so that parallel runs differ.
    (since.as_secs() << 30)
        ^ u64::from(since.subsec_nanos())
        ^ (u64::from(std::process::id()) << 40)
}
/// The first part of a run, which half of the kills land in.
const STARTUP: Duration = Duration::from_millis(200);

/// `SplitMix64`: small, seedable, good enough to pick instants.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        // 53 random bits: exactly representable.
        #[expect(clippy::cast_precision_loss, reason = "53 bits fit an f64 exactly")]
        let bits = (self.next() >> 11) as f64;
        bits / 9_007_199_254_740_992.0 // 2^53
    }
}

/// The id of order `i`.
fn id(i: usize) -> String {
    format!("o{i:02}")
}

/// The dependencies of order `i`: five chains of four (`o00`–`o19`), fan-ins over their ends
/// and middles, and a second root with a chain that joins everything at `o29`.
fn dependencies(i: usize) -> Vec<usize> {
    match i {
        0..20 if !i.is_multiple_of(4) => vec![i - 1],
        20 => vec![3, 7, 11],
        21 => vec![15, 19],
        22 => vec![20, 21],
        23 => vec![1, 5],
        24 => vec![9, 13, 17],
        25 => vec![22, 24],
        27 => vec![26],
        28 => vec![27, 25],
        29 => vec![28, 23, 2],
        _ => Vec::new(),
    }
}

/// The orders file: each crew writes its own file `out/<id>.txt` after working 150 to 350 ms
/// (so a run's merges and hand-overs are spread out, and no merge happens within a run's first
/// 200 ms), with `marker` in its command line so that leftover crews can be found.
fn orders_toml(marker: &str) -> String {
    let mut text = String::new();
    for i in 0..ORDERS {
        let deps: Vec<String> = dependencies(i)
            .into_iter()
            .map(|d| format!("\"{}\"", id(d)))
            .collect();
        text.push_str(&format!(
            "[[orders]]\nid = \"{id}\"\ntitle = \"Order {i}\"\nrole = \"builder\"\ndepends_on = [{deps}]\n\
             agent = {{ command = [\"sh\", \"-c\", \": {marker}; sleep 0.{pause}; mkdir -p out && echo {id} > out/{id}.txt\"] }}\n\n",
            id = id(i),
            deps = deps.join(", "),
            pause = 15 + 5 * (i % 5),
        ));
    }
    text
}

/// A `maestro` command in `repo`: the binary of this build, or the one `MAESTRO_CRASH_BIN`
/// names (to measure another build with the same kills).
fn command(repo: &GitRepo, args: &[&str]) -> Command {
    match std::env::var_os("MAESTRO_CRASH_BIN") {
        Some(bin) => {
            let mut command = Command::new(bin);
            maestro_tests::hermetic(&mut command, repo.path())
                .args(args)
                .current_dir(repo.path());
            command
        }
        None => repo.maestro(args).expect("maestro is built"),
    }
}

fn maestro(repo: &GitRepo, args: &[&str]) -> (i32, String, String) {
    maestro_tests::outcome(&mut command(repo, args))
}

/// A workspace with voyage `v1` of [`ORDERS`] orders, five crews at once, no sandbox (the kills
/// are about maestro's git state, and the sandbox's startup would eat the time budget), and no
/// retries: any failed attempt shows as a failed order.
fn workspace(marker: &str) -> GitRepo {
    let repo = GitRepo::with_commit().expect("fixture");
    assert_eq!(maestro(&repo, &["init", "-q"]).0, 0);
    let path = repo.path().join(".mso/workspace.json");
    let mut config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("config")).expect("JSON");
    config["crews"]["sandbox"] = "off".into();
    config["crews"]["maxConcurrent"] = 5.into();
    config["crews"]["retries"] = 0.into();
    config["crews"]["timeoutSecs"] = 120.into();
    std::fs::write(&path, config.to_string()).expect("write");
    crate::run::pro(&repo);
    assert_eq!(maestro(&repo, &["voyage", "new", "v1", "-q"]).0, 0);
    repo.write("orders.toml", &orders_toml(marker))
        .expect("orders");
    let (code, _, stderr) = maestro(&repo, &["voyage", "import", "v1", "orders.toml", "-q"]);
    assert_eq!(code, 0, "{stderr}");
    repo
}

/// The states of the orders, read from the state files (cheaper than `maestro status`).
fn states(repo: &GitRepo) -> BTreeMap<String, String> {
    let dir = repo.path().join(".mso/voyages/v1/orders");
    let mut states = BTreeMap::new();
    for i in 0..ORDERS {
        let file = dir.join(format!("{}.json", id(i)));
        let state = std::fs::read_to_string(&file)
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
            .and_then(|order| order["state"].as_str().map(str::to_owned))
            .unwrap_or_else(|| "unreadable".to_owned());
        states.insert(id(i), state);
    }
    states
}

fn merged(repo: &GitRepo) -> usize {
    states(repo).values().filter(|s| *s == "merged").count()
}

/// What went wrong, by kind, with one example each.
#[derive(Default)]
struct Failures {
    kinds: BTreeMap<String, (usize, String)>,
}

impl Failures {
    fn add(&mut self, kind: &str, example: impl Into<String>) {
        let entry = self
            .kinds
            .entry(kind.to_owned())
            .or_insert_with(|| (0, example.into()));
        entry.0 += 1;
    }

    fn report(&self) -> String {
        self.kinds
            .iter()
            .map(|(kind, (count, example))| {
                format!("  {count:>4} × {kind}\n         e.g. {example}")
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The first line of stderr that says something, for a failure's example.
fn first_error(stderr: &str) -> String {
    stderr
        .lines()
        .find(|l| l.contains("error") || l.contains("fatal"))
        .or_else(|| stderr.lines().next())
        .unwrap_or("")
        .to_owned()
}

/// Waits for `child` up to `timeout`; kills it past that.
fn wait_with_deadline(child: &mut Child, timeout: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return Some(status);
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Runs git and returns (success, stdout + stderr).
fn git(repo: &GitRepo, args: &[&str]) -> (bool, String) {
    match repo.git(args) {
        Ok(out) => (true, out),
        Err(e) => (false, e.to_string()),
    }
}

/// The directories left under `dir` two levels down (`<voyage>/<order>`), and any other entry
/// of a voyage directory (removal leftovers).
fn leftovers(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for voyage in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if !voyage.path().is_dir() {
            found.push(voyage.path());
            continue;
        }
        found.extend(
            std::fs::read_dir(voyage.path())
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path()),
        );
    }
    found.sort();
    found
}
