//! `maestro scan [PATH...] [--staged] [--format text|json|sarif] [--rules secrets|code|all]`.

use std::io::IsTerminal as _;

use anyhow::Context as _;
use maestro_scan::{Kinds, output};

use crate::cli::{ScanArgs, ScanFormat, ScanRules};
use crate::commands::Outcome;
use crate::output::{self as out_mod, Output};

/// Scans and prints; exit code 1 when something was found.
pub fn run(out: Output, args: &ScanArgs) -> anyhow::Result<Outcome> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let (_, config, _) = maestro_cli::workspace::nearby(&cwd)?;
    let kinds = match args.rules {
        ScanRules::Secrets => Kinds::Secrets,
        ScanRules::Code => Kinds::Code,
        ScanRules::All => Kinds::All,
    };
    let scanner = maestro_cli::wiring::ScanPort::new(&config)?.for_user(kinds);
    let mut report = if args.staged {
        let repo = maestro_git::Repo::discover(&cwd)?;
        let staged = repo
            .staged_added_lines()
            .context("cannot read the staged change")?;
        let added: Vec<maestro_scan::AddedLines> = staged
            .into_iter()
            .map(|f| maestro_scan::AddedLines {
                path: f.path,
                lines: f.lines,
            })
            .collect();
        scanner.scan_added_lines(&added)
    } else if args.paths.is_empty() {
        scanner.scan_tree(&cwd)
    } else {
        scanner.scan_paths(&args.paths)?
    };
    // Paths as the user would type them: relative to where maestro was started.
    let prefix = format!("{}/", cwd.display());
    for finding in &mut report.findings {
        if let Some(relative) = finding
            .path
            .strip_prefix(&prefix)
            .or_else(|| finding.path.strip_prefix("./"))
        {
            finding.path = relative.to_owned();
        }
    }
    let format = if out.json {
        ScanFormat::Json
    } else {
        args.format
    };
    match format {
        ScanFormat::Text => {
            let color = std::io::stdout().is_terminal();
            let text = output::text(&report, &output::TextOptions { color });
            if !text.is_empty() {
                out_mod::data(&text)?;
            }
            if !out.quiet {
                print_summary(&output::summary_line(&report.summary));
            }
        }
        ScanFormat::Json => out_mod::data(&output::json(&report))?,
        ScanFormat::Sarif => out_mod::data(&output::sarif(&report, scanner.rules()))?,
    }
    // What could not be scanned is not clean: it is named, and the scan fails.
    for unscanned in &report.unscanned {
        print_summary(&format!("not scanned: {unscanned}"));
    }
    Ok(if report.is_clean() && report.is_complete() {
        Outcome::Clean
    } else {
        Outcome::Problem
    })
}

#[allow(clippy::print_stderr)]
fn print_summary(line: &str) {
    eprintln!("{}", crate::output::redacted(line));
}
