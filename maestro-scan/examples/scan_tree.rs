//! Measurement driver: scan paths with the built-in rules and print throughput and counts.
//!
//! `cargo run --release -p maestro-scan --example scan_tree -- [--secrets|--code] [--list] PATH...`
//! prints one summary line, then the blocking findings with `--list` (every finding, with its
//! confidence and description, with `--list-all`).
//! `--startup FILE` instead times, in this fresh process, loading the built-in rules, building
//! the scanner and scanning FILE once (the work of one hook invocation).

#![allow(clippy::print_stdout, clippy::print_stderr)] // a command-line driver prints

use std::{collections::BTreeMap, path::PathBuf, time::Instant};

use maestro_scan::{BlockPolicy, Kinds, RuleSet, ScanOptions, Scanner};

fn main() {
    let mut kinds = Kinds::All;
    let mut list = false;
    let mut list_all = false;
    let mut startup = None;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--secrets" => kinds = Kinds::Secrets,
            "--code" => kinds = Kinds::Code,
            "--list" => list = true,
            "--list-all" => list_all = true,
            "--startup" => startup = args.next().map(PathBuf::from),
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    if let Some(file) = startup {
        let text = std::fs::read(&file).expect("readable file");
        let t0 = Instant::now();
        let rules = RuleSet::builtin().clone();
        let t1 = Instant::now();
        let scanner = Scanner::new(
            rules,
            ScanOptions {
                kinds,
                ..ScanOptions::default()
            },
        );
        let t2 = Instant::now();
        let report = scanner.scan_text(Some(&file.to_string_lossy()), &text);
        let t3 = Instant::now();
        println!(
            "load {:?} build {:?} scan {:?} total {:?} findings {}",
            t1 - t0,
            t2 - t1,
            t3 - t2,
            t3 - t0,
            report.findings.len()
        );
        return;
    }
    let scanner = Scanner::new(
        RuleSet::builtin().clone(),
        ScanOptions {
            kinds,
            ..ScanOptions::default()
        },
    );
    let start = Instant::now();
    let report = scanner.scan_paths(&paths).expect("paths exist");
    let elapsed = start.elapsed();
    let policy = BlockPolicy::default();
    let blocking: Vec<_> = report.blocking(&policy).collect();
    #[allow(clippy::cast_precision_loss)]
    let mbps = report.summary.bytes as f64 / elapsed.as_secs_f64() / 1e6;
    println!(
        "files {} bytes {} skipped {} elapsed {:.3}s throughput {mbps:.1} MB/s findings {} blocking {}",
        report.summary.files,
        report.summary.bytes,
        report.summary.skipped,
        elapsed.as_secs_f64(),
        report.summary.findings,
        blocking.len()
    );
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &report.findings {
        *by_rule.entry(f.rule_id.as_str()).or_default() += 1;
    }
    for (rule, n) in &by_rule {
        eprintln!("  {n:6} {rule}");
    }
    if list_all {
        for f in &report.findings {
            println!(
                "{}:{}:{}: {} {:?} {} | {}",
                f.path, f.line, f.column, f.rule_id, f.confidence, f.redacted, f.description
            );
        }
    } else if list {
        for f in blocking {
            println!(
                "{}:{}:{}: {} {}",
                f.path, f.line, f.column, f.rule_id, f.redacted
            );
        }
    }
}
