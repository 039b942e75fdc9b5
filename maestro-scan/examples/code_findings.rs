//! Print the built-in code rules' findings of source files, each with its tainted flow.
//!
//! `cargo run -p maestro-scan --example code_findings -- FILE...`

#![allow(clippy::print_stdout)] // an example prints

use maestro_scan::{Kinds, RuleSet, ScanOptions, Scanner};

fn main() {
    let scanner = Scanner::new(
        RuleSet::builtin().clone(),
        ScanOptions {
            kinds: Kinds::Code,
            ..ScanOptions::default()
        },
    );
    for path in std::env::args().skip(1) {
        let text = std::fs::read(&path).unwrap_or_default();
        let report = scanner.scan_text(Some(&path), &text);
        for f in &report.findings {
            println!(
                "{path}:{}:{}: {} CWE-{} {}",
                f.line, f.column, f.rule_id, f.cwe, f.description
            );
            for step in &f.flow {
                println!("    {}:{} {}", step.line, step.column, step.message);
            }
        }
    }
}
