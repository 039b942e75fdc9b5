//! maestro-scan: throughput (bytes/s) scanning a real source tree, the cost of one hook
//! invocation (load the built-in rules, build the scanner, scan a 10 KB file), and the code
//! rules on a file edited between scans, parsed afresh or from the tree kept for it.
//!
//! The tree is `MAESTRO_BENCH_TREE` (paths separated by `:`), by default the Python 3.11 standard
//! library plus the crate sources under `~/.cargo/registry/src`; missing paths are skipped with a
//! message. Files are read from the page cache after the first iteration.

#![allow(clippy::print_stderr)] // a skipped benchmark says why

use std::{path::PathBuf, time::Duration};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use maestro_scan::{Kinds, RuleSet, ScanOptions, Scanner};

fn tree() -> Vec<PathBuf> {
    let default = format!(
        "/root/.pyenv/versions/3.11.7/lib/python3.11:{}/.cargo/registry/src",
        std::env::var("HOME").unwrap_or_else(|_| "/root".to_owned())
    );
    let spec = std::env::var("MAESTRO_BENCH_TREE").unwrap_or(default);
    std::env::split_paths(&spec)
        .filter(|p| {
            let exists = p.exists();
            if !exists {
                eprintln!("scan bench: skipping missing tree path {}", p.display());
            }
            exists
        })
        .collect()
}

fn throughput(c: &mut Criterion) {
    let paths = tree();
    if paths.is_empty() {
        eprintln!("scan bench: no tree to scan (set MAESTRO_BENCH_TREE); throughput skipped");
        return;
    }
    let scanner = Scanner::new(RuleSet::builtin().clone(), ScanOptions::default());
    // Warm the page cache and learn the size.
    let bytes = scanner
        .scan_paths(&paths)
        .expect("tree paths exist")
        .summary
        .bytes;
    let mut group = c.benchmark_group("scan");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.throughput(Throughput::Bytes(bytes));
    for (name, kinds) in [("tree_all", Kinds::All), ("tree_secrets", Kinds::Secrets)] {
        let scanner = Scanner::new(
            RuleSet::builtin().clone(),
            ScanOptions {
                kinds,
                ..ScanOptions::default()
            },
        );
        group.bench_function(name, |b| {
            b.iter(|| {
                scanner
                    .scan_paths(&paths)
                    .expect("tree paths exist")
                    .summary
                    .findings
            });
        });
    }
    group.finish();
}

/// About 10 KB of ordinary Python (a Write payload), with one secret-like keyword and one code
/// pattern, so keyword hits compile a few regexes as in a real hook call.
fn payload() -> Vec<u8> {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 10_000 {
        text.push_str(&format!(
            "def handler_{i}(request, session):\n    \"\"\"Handle request {i}.\"\"\"\n    \
             user = session.get('user')\n    if user is None:\n        return None\n    \
             items = [x * 2 for x in range({i})]\n    return {{'user': user, 'items': items}}\n\n"
        ));
        i += 1;
    }
    text.push_str("token = get_token(request)\nsubprocess.run(cmd, shell=True)\n");
    text.into_bytes()
}

fn hook(c: &mut Criterion) {
    let text = payload();
    let mut group = c.benchmark_group("hook");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("load_builtin_rules_and_scan_10k", |b| {
        b.iter(|| {
            let scanner = Scanner::new(RuleSet::load_builtin(), ScanOptions::default());
            scanner
                .scan_text(Some("app/handlers.py"), &text)
                .findings
                .len()
        });
    });
    group.bench_function("load_builtin_rules", |b| {
        b.iter(|| RuleSet::load_builtin().len());
    });
    let scanner = Scanner::new(RuleSet::builtin().clone(), ScanOptions::default());
    group.bench_function("scan_10k_warm", |b| {
        b.iter(|| {
            scanner
                .scan_text(Some("app/handlers.py"), &text)
                .findings
                .len()
        });
    });
    group.finish();
}

/// The code rules on a 10 KB file edited on one line between scans (two versions in turn), as
/// the hook service sees a crew's edits: parsed afresh every time, or from the tree kept for
/// the path (`Scanner::keeping_trees`), which re-parses only around the edit.
fn edits(c: &mut Criterion) {
    let text = payload();
    let mut other = text.clone();
    // The same length, one line changed: `handler_0` becomes `handler_X`.
    let at = text
        .windows(9)
        .position(|w| w == b"handler_0")
        .expect("the payload names handler_0");
    other[at + 8] = b'X';
    let options = || ScanOptions {
        kinds: Kinds::Code,
        ..ScanOptions::default()
    };
    let mut group = c.benchmark_group("edits");
    group.throughput(Throughput::Bytes(text.len() as u64));
    for (name, scanner) in [
        (
            "code_10k_parsed_afresh",
            Scanner::new(RuleSet::builtin().clone(), options()),
        ),
        (
            "code_10k_from_kept_tree",
            Scanner::new(RuleSet::builtin().clone(), options()).keeping_trees(8),
        ),
    ] {
        let mut turn = false;
        group.bench_function(name, |b| {
            b.iter(|| {
                turn = !turn;
                let version = if turn { &text } else { &other };
                scanner
                    .scan_text(Some("app/handlers.py"), version)
                    .findings
                    .len()
            });
        });
    }
    group.finish();
}

criterion_group!(benches, hook, edits, throughput);
criterion_main!(benches);
