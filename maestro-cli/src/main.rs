//! `maestro`: the command-line front of the maestro libraries.
//!
//! This crate only parses flags, builds library values and prints; the domain logic lives in
//! maestro-core and the maestro-git, -scan, -audit and -licence crates.

// The binary is where printing to the terminal belongs.
#![allow(clippy::print_stderr)]

mod cli;
mod commands;
mod output;
mod wiring;
mod workspace;

use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory as _, Parser as _};

use crate::cli::{
    AuditCommand, Cli, Command, HookCommand, LicenceCommand, McpCommand, OrderCommand,
    VoyageCommand, WorktreeCommand,
};
use crate::commands::Outcome;
use crate::output::{Output, one_line};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    init_tracing(cli.verbose);
    if let Some(dir) = &cli.directory
        && let Err(e) = std::env::set_current_dir(dir)
    {
        eprintln!("error: cannot change to directory {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    let out = Output {
        json: cli.json,
        quiet: cli.quiet,
    };
    match run(cli.command, out) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Problem) => ExitCode::from(1),
        Ok(Outcome::Blocked) => ExitCode::from(2),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {}", one_line(&error));
            ExitCode::from(2)
        }
    }
}

fn run(command: Command, out: Output) -> anyhow::Result<Outcome> {
    match command {
        Command::Init(args) => commands::init::run(out, args.force),
        Command::Schema(args) => commands::schema::run(args.which),
        Command::Voyage(VoyageCommand::New { name, base, title }) => {
            commands::voyage::new(out, &name, &base, title)
        }
        Command::Voyage(VoyageCommand::Import {
            name,
            file,
            replace,
        }) => commands::voyage::import(out, &name, &file, replace),
        Command::Voyage(VoyageCommand::List) => commands::voyage::list(out),
        Command::Voyage(VoyageCommand::Show { name }) => commands::voyage::show(out, &name),
        Command::Voyage(VoyageCommand::Remove { name, branch }) => {
            commands::voyage::remove(out, &name, branch)
        }
        Command::Order(OrderCommand::Add(args)) => commands::order::add(out, args),
        Command::Order(OrderCommand::List { voyage }) => commands::order::list(out, &voyage),
        Command::Order(OrderCommand::Retry(args)) => commands::order::retry(out, &args),
        Command::Order(OrderCommand::Edit(args)) => commands::order::edit(out, args),
        Command::Order(OrderCommand::Remove { voyage, order }) => {
            commands::order::remove(out, &voyage, &order)
        }
        Command::Run(args) => commands::run::run(out, &args),
        Command::Plan(args) => commands::plan::run(out, &args),
        Command::Status(args) => commands::status::run(out, &args),
        Command::Release(args) => commands::release::run(out, &args),
        Command::Worktree(WorktreeCommand::List) => commands::worktree::list(out),
        Command::Worktree(WorktreeCommand::Prune { dry_run, force }) => {
            commands::worktree::prune(out, dry_run, force)
        }
        Command::Scan(args) => commands::scan::run(out, &args),
        Command::Hook(HookCommand::PreToolUse) => Ok(commands::hook::pre_tool_use()),
        Command::Hook(HookCommand::PostToolUse) => Ok(commands::hook::post_tool_use()),
        Command::Hook(HookCommand::InstallGit { force }) => commands::hook::install_git(out, force),
        Command::Audit(AuditCommand::Verify { repair }) => commands::audit::verify(out, repair),
        Command::Audit(AuditCommand::Show { tail }) => commands::audit::show(out, tail),
        Command::Report(args) => commands::report::run(out, &args),
        Command::Mcp(McpCommand::List) => commands::mcp::list(out),
        Command::Mcp(McpCommand::Approve { name }) => {
            commands::mcp::decide(out, &name, maestro_core::mcp::Verdict::Approved)
        }
        Command::Mcp(McpCommand::Block { name }) => {
            commands::mcp::decide(out, &name, maestro_core::mcp::Verdict::Blocked)
        }
        Command::Licence(LicenceCommand::Status) => commands::licence::status(out),
        Command::Licence(LicenceCommand::Activate { token }) => {
            commands::licence::activate(out, &token)
        }
        Command::Licence(LicenceCommand::Refresh) => commands::licence::refresh(out),
        Command::Licence(LicenceCommand::Keygen { dir }) => commands::licence::keygen(out, &dir),
        Command::Licence(LicenceCommand::Issue(args)) => commands::licence::issue(&args),
        Command::Licence(LicenceCommand::Trust { key }) => commands::licence::trust(out, &key),
        Command::Doctor => commands::doctor::run(out),
        Command::Demo { keep } => commands::demo::run(out, keep.as_deref()),
    }
}

/// Help and version go to stdout with exit code 0; every other parse error is one line on
/// stderr with exit code 2, pointing at the help of the command concerned.
fn usage_error(error: &clap::Error) -> ExitCode {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = error.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
            ExitCode::from(2)
        }
        _ => {
            // clap renders "error: <message>", maybe continued on indented lines, then a blank
            // line and tips; fold the message into one line.
            let rendered = error.render().to_string();
            let message = rendered
                .lines()
                .take_while(|line| !line.trim().is_empty())
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ");
            let message = message.strip_prefix("error: ").unwrap_or(&message);
            eprintln!("error: {message} (see `{} --help`)", command_path());
            ExitCode::from(2)
        }
    }
}

/// The subcommand named on the command line, e.g. `maestro voyage new`, for pointing at its help.
fn command_path() -> String {
    let mut command = Cli::command();
    let mut path = vec![command.get_name().to_owned()];
    for arg in std::env::args().skip(1) {
        let Some(sub) = command.find_subcommand(&arg).cloned() else {
            continue;
        };
        path.push(sub.get_name().to_owned());
        command = sub;
    }
    path.join(" ")
}

fn init_tracing(verbose: u8) {
    let level = match verbose {
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("MAESTRO_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .without_time()
        .init();
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
