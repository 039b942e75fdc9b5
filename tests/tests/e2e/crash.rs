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
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use maestro_tests::GitRepo;

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

#[test]
fn sigkilled_runs_leave_git_healthy_and_every_order_merged_exactly_once() {
    let seed = std::env::var("MAESTRO_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(fresh_seed);
    let kills_wanted = std::env::var("MAESTRO_CRASH_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(KILLS)
        .max(KILLS);
    let started = Instant::now();
    let marker = format!("maestro-e2e-crash-{}", std::process::id());
    let repo = workspace(&marker);
    let logs = tempfile::tempdir().expect("tempdir");
    let stderr_file = logs.path().join("run.stderr");
    let mut rng = Rng(seed);
    let mut failures = Failures::default();

    // The window after the first 200 ms: grows while the voyage lags behind an even spread of
    // its progress over the kills, shrinks while it runs ahead (a slow machine gets a wider
    // window, a fast one a narrower).
    let mut span = Duration::from_millis(400);
    let (mut kills, mut runs, mut finished_runs, mut early) = (0usize, 0usize, 0usize, 0usize);
    let mut kills_with_work_left = 0usize;
    while kills < kills_wanted {
        let delay = if rng.unit() < 0.5 {
            STARTUP.mul_f64(rng.unit())
        } else {
            STARTUP + span.mul_f64(rng.unit())
        };
        let work_left = merged(&repo) < ORDERS;
        let mut child = command(&repo, &["run", "v1"])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&stderr_file).expect("stderr file"))
            .spawn()
            .expect("maestro starts");
        runs += 1;
        let spawned = Instant::now();
        let mut exited = None;
        while spawned.elapsed() < delay {
            if let Some(status) = child.try_wait().expect("wait") {
                exited = Some(status);
                break;
            }
            std::thread::sleep(
                Duration::from_millis(2).min(delay.saturating_sub(spawned.elapsed())),
            );
        }
        match exited {
            None => {
                child.kill().expect("SIGKILL");
                child.wait().expect("reaped");
                kills += 1;
                if delay < STARTUP {
                    early += 1;
                }
                if work_left {
                    kills_with_work_left += 1;
                }
            }
            Some(status) => {
                finished_runs += 1;
                if !status.success() {
                    let stderr = std::fs::read_to_string(&stderr_file).unwrap_or_default();
                    failures.add("a run exited with an error", first_error(&stderr));
                }
            }
        }
        // Right after the crash, before any repair: git itself must work.
        let (ok, out) = git(&repo, &["worktree", "list", "--porcelain"]);
        if !ok {
            failures.add("`git worktree list` failed after a kill", out);
        }
        let (ok, out) = git(&repo, &["fsck", "--no-dangling", "--no-progress"]);
        if !ok {
            failures.add("`git fsck` failed after a kill", out);
        }
        // Spread the voyage's progress evenly over the kills, a few orders being left for the
        // final run.
        let expected = ORDERS * kills * 9 / (kills_wanted * 10);
        let done = merged(&repo);
        // Progress shows only after a kill, so the window grows slowly (a run that got far
        // finishes many orders at once) and shrinks fast.
        if done > expected + 1 {
            span = span.mul_f64(0.7).max(Duration::from_millis(50));
        } else if done < expected {
            span = (span + Duration::from_millis(40)).min(Duration::from_secs(3));
        }
    }
    let killing = started.elapsed();

    // The final run, to completion.
    let final_started = Instant::now();
    let stdout_file = logs.path().join("run.stdout");
    let mut child = command(&repo, &["run", "v1"])
        .stdout(std::fs::File::create(&stdout_file).expect("stdout file"))
        .stderr(std::fs::File::create(&stderr_file).expect("stderr file"))
        .spawn()
        .expect("maestro starts");
    match wait_with_deadline(&mut child, Duration::from_secs(120)) {
        Some(status) if status.success() => {}
        Some(_) => failures.add(
            "the final run failed",
            first_error(&std::fs::read_to_string(&stderr_file).unwrap_or_default()),
        ),
        None => failures.add("the final run hung", "killed after 120 s"),
    }
    let final_run = final_started.elapsed();
    // A run that finds every order merged (by a run killed after its last merge) stops before
    // dispatching, so the spare worktrees that killed run kept are `maestro worktree prune`'s
    // to remove; after a run that dispatched, prune finds nothing to do.
    let nothing_to_run = std::fs::read_to_string(&stdout_file)
        .unwrap_or_default()
        .contains("nothing to run");
    let (code, pruned, stderr) = maestro(&repo, &["worktree", "prune"]);
    if code != 0 {
        failures.add("`maestro worktree prune` failed", first_error(&stderr));
    } else if !nothing_to_run
        && pruned
            .lines()
            .any(|l| l.starts_with("removed") || l.starts_with("repaired"))
    {
        failures.add(
            "the final run left something `maestro worktree prune` had to remove",
            pruned.clone(),
        );
    }

    // Every order merged, exactly once according to the audit log.
    for (order, state) in states(&repo) {
        if state != "merged" {
            let report = std::fs::read_to_string(
                repo.path()
                    .join(format!(".mso/voyages/v1/orders/{order}.json")),
            )
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .and_then(|o| o["feedback"].as_str().map(first_error))
            .unwrap_or_default();
            failures.add(
                &format!("an order ended {state}"),
                format!("{order}: {report}"),
            );
        }
    }
    let audit = std::fs::read_to_string(repo.path().join(".mso/audit.log")).expect("audit log");
    let mut merges: BTreeMap<String, usize> = (0..ORDERS).map(|i| (id(i), 0)).collect();
    for line in audit.lines() {
        let Ok(entry) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if entry["action"] == "merge"
            && let Some(order) = entry["subject"]
                .as_str()
                .and_then(|s| s.strip_prefix("v1/"))
        {
            *merges.entry(order.to_owned()).or_default() += 1;
        }
    }
    for (order, count) in &merges {
        if *count != 1 {
            // What the log says of it, for the diagnosis.
            let subject = format!("v1/{order}");
            let actions: Vec<String> = audit
                .lines()
                .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
                .filter(|entry| entry["subject"] == subject.as_str())
                .map(|entry| entry["action"].as_str().unwrap_or("?").to_owned())
                .collect();
            failures.add(
                &format!("an order has {count} `merge` audit entries"),
                format!("{order}: {}", actions.join(", ")),
            );
        }
    }
    // The voyage branch holds every order's file, with its content.
    let (_, tree) = git(&repo, &["ls-tree", "-r", "--name-only", "maestro/v1"]);
    for i in 0..ORDERS {
        let file = format!("out/{}.txt", id(i));
        if !tree.lines().any(|l| l == file) {
            failures.add("the voyage branch lacks an order's file", file);
            continue;
        }
        let (_, content) = git(&repo, &["show", &format!("maestro/v1:{file}")]);
        if content != id(i) {
            failures.add("an order's file has the wrong content", file);
        }
    }
    // git is healthy and nothing is left behind.
    let (ok, out) = git(&repo, &["fsck", "--no-dangling", "--no-progress"]);
    if !ok || out.contains("error") || out.contains("missing") || out.contains("broken") {
        failures.add("`git fsck` is not clean at the end", out);
    }
    let (ok, list) = git(&repo, &["worktree", "list", "--porcelain"]);
    if !ok {
        failures.add("`git worktree list` failed at the end", list);
    } else if list.matches("worktree ").count() != 1 {
        failures.add("a worktree is still registered", list);
    }
    let admin = std::fs::read_dir(repo.path().join(".git/worktrees"))
        .map(|entries| entries.flatten().map(|e| e.path()).collect::<Vec<_>>())
        .unwrap_or_default();
    if !admin.is_empty() {
        failures.add(
            "an administrative entry is left in .git/worktrees",
            format!("{admin:?}"),
        );
    }
    let left = leftovers(&repo.path().join(".mso/worktrees"));
    if !left.is_empty() {
        failures.add(
            "something is left under .mso/worktrees",
            format!("{left:?}"),
        );
    }
    let (_, branches) = git(&repo, &["branch", "--list", "maestro-crew/*"]);
    if !branches.is_empty() {
        failures.add("a crew branch is left", branches);
    }
    let (ok, out) = git(&repo, &["gc", "--prune=now", "--quiet"]);
    if !ok {
        failures.add("`git gc --prune=now` failed at the end", out);
    }
    let (ok, out) = git(&repo, &["fsck", "--no-dangling", "--no-progress"]);
    if !ok {
        failures.add("`git fsck` failed after `git gc`", out);
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while !maestro_tests::survivors(&marker).is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    let leaked = maestro_tests::survivors(&marker);
    if !leaked.is_empty() {
        failures.add("a crew process is left", leaked.join("; "));
    }

    // What the runs found to repair, by kind.
    let mut repairs: BTreeMap<String, usize> = BTreeMap::new();
    for line in audit.lines() {
        let Ok(entry) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if entry["action"] == "worktree.repair" {
            // By kind: the path a lock reason names is left out.
            let found = entry["details"]["found"].as_str().unwrap_or("?");
            let mut kind = found.split(" /").next().unwrap_or(found).to_owned();
            if kind.len() < found.len() {
                kind.push_str(" …)");
            }
            *repairs.entry(kind).or_default() += 1;
        }
    }
    let repairs: Vec<String> = repairs
        .iter()
        .map(|(found, count)| format!("{count} × {found}"))
        .collect();
    let summary = format!(
        "seed {seed} (MAESTRO_CRASH_SEED={seed} replays it): {kills} kills ({early} in the first \
         200 ms, {kills_with_work_left} with orders left to merge) over {runs} runs \
         ({finished_runs} ended by themselves) in {:.1} s, final run {:.1} s{}, total {:.1} s\n\
         repairs: {}",
        killing.as_secs_f64(),
        final_run.as_secs_f64(),
        if nothing_to_run {
            " (nothing left to run)"
        } else {
            ""
        },
        started.elapsed().as_secs_f64(),
        if repairs.is_empty() {
            "none".to_owned()
        } else {
            repairs.join(", ")
        }
    );
    // The figures are worth seeing when it passes too (`--nocapture`).
    let _ = writeln!(std::io::stderr(), "{summary}");
    assert!(
        failures.kinds.is_empty(),
        "{summary}\nfailures by kind:\n{}",
        failures.report()
    );
}

/// A one-order voyage `v`, its order `a` pending.
fn one_order() -> GitRepo {
    let repo = GitRepo::with_commit().expect("fixture");
    assert_eq!(maestro(&repo, &["init", "-q"]).0, 0);
    let path = repo.path().join(".mso/workspace.json");
    let mut config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("config")).expect("JSON");
    config["crews"]["sandbox"] = "off".into();
    config["crews"]["retries"] = 0.into();
    std::fs::write(&path, config.to_string()).expect("write");
    assert_eq!(maestro(&repo, &["voyage", "new", "v", "-q"]).0, 0);
    repo.write(
        "orders.toml",
        "[[orders]]\nid = \"a\"\ntitle = \"A\"\nrole = \"builder\"\nagent = { command = [\"sh\", \"-c\", \"echo a > a.txt\"] }\n",
    )
    .expect("orders");
    let (code, _, stderr) = maestro(&repo, &["voyage", "import", "v", "orders.toml", "-q"]);
    assert_eq!(code, 0, "{stderr}");
    repo
}

/// The half-added worktree of issue 13: `.git` files empty, the entry locked `initializing`.
fn half_added(repo: &GitRepo) {
    repo.write(".mso/worktrees/v/a/.git", "").expect("write");
    repo.write(".git/worktrees/a/gitdir", "").expect("write");
    repo.write(".git/worktrees/a/locked", "initializing\n")
        .expect("write");
}

fn assert_healthy(repo: &GitRepo) {
    repo.git(&["fsck", "--no-dangling", "--no-progress"])
        .expect("fsck");
    let list = repo
        .git(&["worktree", "list", "--porcelain"])
        .expect("list");
    assert_eq!(list.matches("worktree ").count(), 1, "{list}");
    repo.git(&["gc", "--prune=now", "--quiet"]).expect("gc");
    assert!(!repo.path().join(".git/worktrees/a").exists());
    assert!(!repo.path().join(".mso/worktrees/v/a").exists());
}

#[test]
fn the_issues_half_added_worktree_is_repaired_by_the_next_run() {
    let repo = one_order();
    half_added(&repo);
    let (code, stdout, stderr) = maestro(&repo, &["run", "v"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert_eq!(repo.git(&["show", "maestro/v:a.txt"]).expect("merged"), "a");
    assert_healthy(&repo);
    let audit = std::fs::read_to_string(repo.path().join(".mso/audit.log")).expect("audit");
    let repairs: Vec<serde_json::Value> = audit
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|e| e["action"] == "worktree.repair")
        .collect();
    let details: Vec<(String, String)> = repairs
        .iter()
        .map(|e| {
            (
                e["details"]["subject"].as_str().unwrap_or("").to_owned(),
                e["details"]["action"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert!(
        details.contains(&(".git/worktrees/a".into(), "removed the entry".into())),
        "{details:?}"
    );
    assert!(
        details.contains(&(".mso/worktrees/v/a".into(), "removed the directory".into())),
        "{details:?}"
    );
    assert!(repairs.iter().all(|e| e["subject"] == "v"));
}

#[test]
fn worktree_prune_repairs_the_same_without_a_run() {
    let repo = one_order();
    half_added(&repo);
    let (code, stdout, stderr) = maestro(&repo, &["worktree", "prune"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(
        stdout.contains("repaired .git/worktrees/a: an interrupted operation (locked: initializing); removed the entry"),
        "{stdout}"
    );
    assert!(
        stdout.contains("repaired .mso/worktrees/v/a: a half-created worktree (its .git is missing or empty); removed the directory"),
        "{stdout}"
    );
    assert_healthy(&repo);
    let (code, stdout, _) = maestro(&repo, &["worktree", "prune"]);
    assert_eq!(code, 0);
    assert!(
        !stdout.contains("repaired"),
        "nothing left to repair: {stdout}"
    );
}
