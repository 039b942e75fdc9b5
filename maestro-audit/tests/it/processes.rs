//! Real concurrent processes and real SIGKILLs.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use maestro_audit::{
    Chain, CheckpointPolicy, Details, Durability, Event, FailureKind, Options, entries, verify,
};

use crate::common::head;

const LOG_VAR: &str = "MAESTRO_AUDIT_CHILD_LOG";
const ID_VAR: &str = "MAESTRO_AUDIT_CHILD_ID";
const COUNT_VAR: &str = "MAESTRO_AUDIT_CHILD_COUNT";
const MODE_VAR: &str = "MAESTRO_AUDIT_CHILD_MODE";

/// The child's write mode: 0 syncs and checkpoints every append, 1 syncs every append and
/// checkpoints every 16 entries, 2 groups syncs by 16 entries or 5 ms.
fn options(mode: u32) -> Options {
    let grouped = Durability::Grouped {
        max_entries: 16,
        max_delay: Duration::from_millis(5),
    };
    match mode {
        0 => Options::default(),
        1 => Options {
            checkpoint: CheckpointPolicy {
                every_entries: 16,
                max_delay: Duration::from_millis(50),
                ..CheckpointPolicy::default()
            },
            ..Options::default()
        },
        _ => Options {
            durability: grouped,
            ..Options::default()
        },
    }
}

/// Child entry point (see the binary's documentation): appends `COUNT` entries (0 = forever)
/// to `LOG` as actor `child-ID`, written as [`options`]`(MODE)` says. Every fourth
/// call of the forever mode is a batch of 8 entries of 16 KiB (one 128 KiB write), so that a
/// kill can also land in the middle of a multi-page write.
#[test]
#[ignore = "child process entry point, started by the other tests in this module"]
fn child_appender() {
    let log =
        std::env::var(LOG_VAR).expect("started by a parent test with MAESTRO_AUDIT_CHILD_LOG");
    let id: u32 = std::env::var(ID_VAR)
        .expect("id")
        .parse()
        .expect("numeric id");
    let count: u64 = std::env::var(COUNT_VAR)
        .expect("count")
        .parse()
        .expect("numeric count");
    let mode: u32 = std::env::var(MODE_VAR)
        .expect("mode")
        .parse()
        .expect("numeric mode");
    let mut chain = Chain::open(&log, options(mode)).expect("open");
    let actor = format!("child-{id}");
    let mut i = 0u64;
    while count == 0 || i < count {
        if count == 0 && i % 4 == 3 {
            let big = "x".repeat(16 * 1024);
            let batch: Vec<Event> = (0..8)
                .map(|j| {
                    Event::new(actor.as_str(), "test.batch", format!("{i}.{j}"))
                        .with_details(Details::new().with("pad", big.as_str()))
                })
                .collect();
            chain.append_batch(&batch).expect("append batch");
        } else {
            chain
                .append(
                    &Event::new(actor.as_str(), "test.append", i.to_string())
                        .with_details(Details::new().with("i", i)),
                )
                .expect("append");
        }
        i += 1;
    }
}

fn spawn_child(log: &Path, id: u32, count: u64, mode: u32) -> Child {
    Command::new(std::env::current_exe().expect("test binary path"))
        .args([
            "--ignored",
            "--exact",
            "processes::child_appender",
            "--test-threads=1",
            "--quiet",
        ])
        .env(LOG_VAR, log)
        .env(ID_VAR, id.to_string())
        .env(COUNT_VAR, count.to_string())
        .env(MODE_VAR, mode.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn child test process")
}

#[test]
fn eight_processes_append_a_thousand_entries_each() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("audit.log");
    let children: Vec<Child> = (0..8)
        .map(|id| spawn_child(&log, id, 1000, id.min(2)))
        .collect();
    for mut child in children {
        assert!(
            child.wait().expect("wait").success(),
            "a child appender failed"
        );
    }
    let report = verify(&log, &head(&log), None).expect("verify");
    assert!(report.is_ok(), "{:?}", report.failure);
    assert_eq!(report.entries_checked, 8000);
    // No process's entries were lost or reordered among themselves.
    let mut next: HashMap<String, u64> = HashMap::new();
    for entry in entries(&log).expect("open") {
        let entry = entry.expect("entry");
        let expected = next.entry(entry.actor.clone()).or_insert(0);
        assert_eq!(entry.subject, expected.to_string(), "{}", entry.actor);
        *expected += 1;
    }
    assert_eq!(next.len(), 8);
    assert!(next.values().all(|&n| n == 1000));
}

/// xorshift64: enough randomness for kill timings without a dependency.
fn next_random(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn sigkill_at_random_points_leaves_a_log_that_verifies_or_has_only_a_torn_tail() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("audit.log");
    let mut seed = u64::from(std::process::id()) ^ 0x9e37_79b9_7f4a_7c15;
    for run in 0..50u32 {
        let before = std::fs::metadata(&log).map_or(0, |m| m.len());
        let mut child = spawn_child(&log, run, 0, run % 3);
        let started = Instant::now();
        // Wait until the child is appending, then let it run a random 2–25 ms more.
        while std::fs::metadata(&log).map_or(0, |m| m.len()) == before
            && started.elapsed() < Duration::from_secs(10)
        {
            std::thread::sleep(Duration::from_micros(200));
        }
        std::thread::sleep(Duration::from_micros(
            2_000 + next_random(&mut seed) % 23_000,
        ));
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");

        let report = verify(&log, &head(&log), None).expect("verify");
        if let Some(failure) = &report.failure {
            assert_eq!(failure.kind, FailureKind::TornTail, "run {run}: {failure}");
            // Every other torn tail is left for the next child's append to move aside.
            if run % 2 == 0 {
                let repair = Chain::open(&log, Options::default())
                    .expect("open")
                    .repair_tail()
                    .expect("repair");
                let repair = repair.expect("a torn tail to repair");
                assert!(
                    std::fs::metadata(&repair.side_file)
                        .expect("side file kept")
                        .len()
                        > 0
                );
                let again = verify(&log, &head(&log), None).expect("verify");
                assert!(again.is_ok(), "run {run} after repair: {:?}", again.failure);
            }
        }
    }
    let report = verify(&log, &head(&log), None).expect("verify");
    let final_ok = report.is_ok()
        || report
            .failure
            .as_ref()
            .is_some_and(|f| f.kind == FailureKind::TornTail);
    assert!(final_ok, "{:?}", report.failure);
    assert!(report.entries_checked > 50, "children appended");
}
