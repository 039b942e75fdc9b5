//! The fault injection itself: a voyage run to completion through hundreds of SIGKILLs.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::process::Stdio;
use std::time::{Duration, Instant};

use super::{
    Failures, KILLS, ORDERS, Rng, STARTUP, command, first_error, fresh_seed, git, id, leftovers,
    maestro, merged, states, wait_with_deadline, workspace,
};

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
