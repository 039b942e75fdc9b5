//! One module per command.

pub mod audit;
pub mod crew_exec;
pub mod demo;
pub mod doctor;
pub mod hook;
pub mod init;
pub mod licence;
pub mod mcp;
pub mod order;
pub mod plan;
pub mod release;
pub mod report;
pub mod run;
pub mod scan;
pub mod schema;
pub mod status;
pub mod voyage;
pub mod worktree;

use crate::cli::{
    AuditCommand, Command, HookCommand, LicenceCommand, McpCommand, OrderCommand, VoyageCommand,
    WorktreeCommand,
};
use crate::output::Output;
use maestro_cli::hook::Event;

/// How a command that ran ended: exit code 0 or 1 (errors are exit code 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Success, nothing to report: exit code 0.
    Clean,
    /// The command ran and found a problem: exit code 1.
    Problem,
    /// A hook blocks the tool call: exit code 2, the reason already on stderr.
    Blocked,
}

/// Runs one command, as parsed from the command line.
pub fn execute(command: Command, out: Output) -> anyhow::Result<Outcome> {
    match command {
        Command::Init(args) => self::init::run(out, args.force),
        Command::Schema(args) => self::schema::run(args.which),
        Command::Voyage(VoyageCommand::New { name, base, title }) => {
            self::voyage::new(out, &name, &base, title)
        }
        Command::Voyage(VoyageCommand::Import {
            name,
            file,
            replace,
        }) => self::voyage::import(out, &name, &file, replace),
        Command::Voyage(VoyageCommand::List) => self::voyage::list(out),
        Command::Voyage(VoyageCommand::Show { name }) => self::voyage::show(out, &name),
        Command::Voyage(VoyageCommand::Remove { name, branch }) => {
            self::voyage::remove(out, &name, branch)
        }
        Command::Order(OrderCommand::Add(args)) => self::order::add(out, args),
        Command::Order(OrderCommand::List { voyage }) => self::order::list(out, &voyage),
        Command::Order(OrderCommand::Retry(args)) => self::order::retry(out, &args),
        Command::Order(OrderCommand::Edit(args)) => self::order::edit(out, args),
        Command::Order(OrderCommand::Remove { voyage, order }) => {
            self::order::remove(out, &voyage, &order)
        }
        Command::Run(args) => self::run::run(out, &args),
        Command::CrewExec {
            channel,
            certificate,
            node,
        } => self::crew_exec::run(out, &channel, &certificate, node),
        Command::Plan(args) => self::plan::run(out, &args),
        Command::Status(args) => self::status::run(out, &args),
        Command::Release(args) => self::release::run(out, &args),
        Command::Worktree(WorktreeCommand::List) => self::worktree::list(out),
        Command::Worktree(WorktreeCommand::Prune { dry_run, force }) => {
            self::worktree::prune(out, dry_run, force)
        }
        Command::Scan(args) => self::scan::run(out, &args),
        Command::Hook(HookCommand::PreToolUse) => Ok(self::hook::answer(Event::PreToolUse)),
        Command::Hook(HookCommand::PostToolUse) => Ok(self::hook::answer(Event::PostToolUse)),
        Command::Hook(HookCommand::Serve { socket }) => self::hook::serve(&socket),
        Command::Hook(HookCommand::InstallGit { force }) => self::hook::install_git(out, force),
        Command::Audit(AuditCommand::Verify { repair }) => self::audit::verify(out, repair),
        Command::Audit(AuditCommand::Show { tail }) => self::audit::show(out, tail),
        Command::Report(args) => self::report::run(out, &args),
        Command::Mcp(McpCommand::List) => self::mcp::list(out),
        Command::Mcp(McpCommand::Approve { name }) => {
            self::mcp::decide(out, &name, maestro_core::mcp::Verdict::Approved)
        }
        Command::Mcp(McpCommand::Block { name }) => {
            self::mcp::decide(out, &name, maestro_core::mcp::Verdict::Blocked)
        }
        Command::Licence(LicenceCommand::Status) => self::licence::status(out),
        Command::Licence(LicenceCommand::Activate { token }) => {
            self::licence::activate(out, &token)
        }
        Command::Licence(LicenceCommand::Refresh) => self::licence::refresh(out),
        Command::Licence(LicenceCommand::Keygen { dir }) => self::licence::keygen(out, &dir),
        Command::Licence(LicenceCommand::Issue(args)) => self::licence::issue(&args),
        Command::Licence(LicenceCommand::Trust { key }) => self::licence::trust(out, &key),
        Command::Doctor { executor } => self::doctor::run(out, executor),
        Command::Demo { keep } => self::demo::run(out, keep.as_deref()),
    }
}
