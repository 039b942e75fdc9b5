//! Score the built-in code rules on a labelled corpus and print one row per (language, CWE):
//! pairs, TPR, FPR and TPR − FPR; `-v` also lists the files scored wrongly.
//!
//! `cargo run -p maestro-scan --example corpus_score -- [-v] DIR...` where each DIR holds
//! `<language>/cwe-<N>/<slug>.{vulnerable,safe}.<ext>`.

#![allow(clippy::print_stdout)] // an example prints

#[path = "score/mod.rs"]
mod score;

fn main() {
    let mut verbose = false;
    let mut roots = Vec::new();
    for arg in std::env::args().skip(1) {
        if arg == "-v" {
            verbose = true;
        } else {
            roots.push(std::path::PathBuf::from(arg));
        }
    }
    if roots.is_empty() {
        roots.push(std::path::PathBuf::from("maestro-scan/corpus"));
    }
    println!(
        "{:<11} {:>5} {:>6} {:>6} {:>6} {:>6}",
        "language", "CWE", "pairs", "TPR", "FPR", "score"
    );
    for root in &roots {
        for ((language, cwe), s) in score::score(root) {
            println!(
                "{language:<11} {cwe:>5} {:>6} {:>6.2} {:>6.2} {:>6.2}{}",
                s.pairs,
                s.tpr(),
                s.fpr(),
                s.score(),
                if s.score() < 0.6 { "  <" } else { "" }
            );
            if verbose {
                for (path, what) in &s.misses {
                    println!("    {}: {what}", path.display());
                }
            }
        }
    }
}
