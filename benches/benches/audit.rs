//! maestro-audit: appends per second (fsync every append with the default checkpoint policy —
//! advanced in place every append, fsynced every 64 — or fsynced every append; grouped; grouped
//! batches of 100) and
//! verify throughput in MB/s. Entries are of realistic size (about 300 bytes per line).

use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use maestro_audit::{
    Chain, CheckpointPolicy, Details, Durability, Event, Options, head_path_for, verify,
};

fn event(i: u64) -> Event {
    Event::new(
        "crew-2/builder",
        "order.dispatch",
        format!("v1/health-check-{}", i % 100),
    )
    .with_details(
        Details::new()
            .with("crew", 2)
            .with("order", format!("o-{i}"))
            .with("branch", "maestro/v1/crew-2")
            .with("attempt", 1),
    )
}

fn grouped() -> Options {
    Options {
        durability: Durability::Grouped {
            max_entries: 1000,
            max_delay: Duration::from_secs(1),
        },
        ..Options::default()
    }
}

/// Times `calls` appends of `batch` entries each (one `append` call when `batch` is 1) to a
/// fresh log in a temporary directory under the target directory (the workspace's file system),
/// including the final sync.
fn time_appends(options: &Options, batch: u64, calls: u64) -> Duration {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("tempdir");
    let mut chain = Chain::open(dir.path().join("audit.log"), options.clone()).expect("open");
    let events: Vec<Event> = (0..batch).map(event).collect();
    let start = Instant::now();
    for _ in 0..calls {
        if batch == 1 {
            chain.append(&events[0]).expect("append");
        } else {
            chain.append_batch(&events).expect("append");
        }
    }
    chain.sync().expect("sync");
    start.elapsed()
}

fn appends(c: &mut Criterion) {
    let mut group = c.benchmark_group("audit_append");
    group.throughput(Throughput::Elements(1));
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("fsync_each", |b| {
        b.iter_custom(|iters| time_appends(&Options::default(), 1, iters));
    });
    // The strictest setting: the checkpoint is fsynced (replaced durably) at every append.
    let durable_checkpoint = Options {
        checkpoint: CheckpointPolicy {
            sync_every_entries: 1,
            ..CheckpointPolicy::default()
        },
        ..Options::default()
    };
    group.bench_function("fsync_each_checkpoint_durable_each", |b| {
        b.iter_custom(|iters| time_appends(&durable_checkpoint, 1, iters));
    });
    group.bench_function("grouped", |b| {
        b.iter_custom(|iters| time_appends(&grouped(), 1, iters));
    });
    group.throughput(Throughput::Elements(100));
    group.bench_function("grouped_batch100", |b| {
        b.iter_custom(|iters| time_appends(&grouped(), 100, iters));
    });
    group.finish();
}

fn verification(c: &mut Criterion) {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("tempdir");
    let log = dir.path().join("audit.log");
    let mut chain = Chain::open(&log, grouped()).expect("open");
    let events: Vec<Event> = (0..1000).map(event).collect();
    for _ in 0..200 {
        chain.append_batch(&events).expect("append");
    }
    drop(chain);
    let len = std::fs::metadata(&log).expect("log").len();
    let head = head_path_for(&log);
    let mut group = c.benchmark_group("audit_verify");
    group.throughput(Throughput::Bytes(len));
    group.sample_size(20);
    group.bench_function("200k_entries", |b| {
        b.iter(|| {
            let report = verify(&log, &head, None).expect("verify");
            assert!(report.is_ok());
            report.entries_checked
        });
    });
    group.finish();
}

criterion_group!(benches, appends, verification);
criterion_main!(benches);
