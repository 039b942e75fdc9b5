//! The `command` agent: any program, run in the worktree with the prompt on stdin and in
//! `MAESTRO_PROMPT`; its exit code is the crew's result.

use std::time::Duration;

use tokio::sync::watch;

use crate::ports::{Agent, CrewFuture, CrewOutcome, CrewRequest};
use crate::process::{Supervised, run};

/// Runs a program as a crew.
#[derive(Debug, Clone)]
pub struct CommandAgent {
    command: Vec<String>,
    grace: Duration,
}

impl CommandAgent {
    /// An agent running `command` (program and arguments) unless a request names its own;
    /// `grace` is the time between SIGTERM and SIGKILL when it must stop.
    #[must_use]
    pub fn new(command: Vec<String>, grace: Duration) -> CommandAgent {
        CommandAgent { command, grace }
    }

    /// The workspace's configured program and arguments (`agent.program`, `agent.extraArgs`).
    #[must_use]
    pub fn from_config(agent: &crate::config::Agent, grace: Duration) -> CommandAgent {
        let mut command = vec![agent.program.clone()];
        command.extend(agent.extra_args.iter().cloned());
        CommandAgent::new(command, grace)
    }
}

impl Agent for CommandAgent {
    fn run(&self, request: CrewRequest, stop: watch::Receiver<bool>) -> CrewFuture {
        let command = request
            .command
            .clone()
            .unwrap_or_else(|| self.command.clone());
        let grace = self.grace;
        Box::pin(async move {
            let Some((program, args)) = command.split_first() else {
                return Err("the command agent has no program to run".into());
            };
            let mut env = request.env.clone();
            env.push(("MAESTRO_PROMPT".to_owned(), request.prompt.clone()));
            let exit = run(
                Supervised {
                    program: program.clone(),
                    args: args.to_vec(),
                    cwd: request.worktree.clone(),
                    env,
                    stdin: Some(request.prompt.clone().into_bytes()),
                    timeout: request.timeout,
                    grace,
                    log: Some(request.log.clone()),
                    raw_stdout: false,
                    pid_file: request.pid_file.clone(),
                    redact: request.redact.clone(),
                },
                stop,
                None,
            )
            .await?;
            Ok(CrewOutcome {
                success: exit.success(),
                exit_code: exit.code,
                timed_out: exit.timed_out,
                interrupted: exit.interrupted,
                output_tail: exit.tail,
                cost_usd: None,
                turns: None,
                tokens: None,
                denials: None,
                session_id: None,
            })
        })
    }
}
