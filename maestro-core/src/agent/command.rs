//! The `command` agent: any program, run in the worktree with the prompt on stdin and in
//! `MAESTRO_PROMPT`; its exit code is the crew's result. With a sandbox it runs under bubblewrap
//! ([`Sandbox::wrap`]): only its worktree, `/tmp` and the writable caches are writable, and it has
//! no network.

use std::time::Duration;

use tokio::sync::watch;

use crate::ports::{Agent, CrewFuture, CrewOutcome, CrewRequest};
use crate::process::{Supervised, run};
use crate::sandbox::Sandbox;

/// Runs a program as a crew.
#[derive(Debug, Clone)]
pub struct CommandAgent {
    command: Vec<String>,
    grace: Duration,
    sandbox: Option<Sandbox>,
}

impl CommandAgent {
    /// An agent running `command` (program and arguments) unless a request names its own;
    /// `grace` is the time between SIGTERM and SIGKILL when it must stop. It runs unsandboxed
    /// until [`CommandAgent::with_sandbox`] says otherwise.
    #[must_use]
    pub fn new(command: Vec<String>, grace: Duration) -> CommandAgent {
        CommandAgent {
            command,
            grace,
            sandbox: None,
        }
    }

    /// The same agent running its crews in `sandbox`; `None` runs them with maestro's own
    /// rights (`crews.sandbox: "off"`).
    #[must_use]
    pub fn with_sandbox(mut self, sandbox: Option<Sandbox>) -> CommandAgent {
        self.sandbox = sandbox;
        self
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
        let sandbox = self.sandbox.clone();
        Box::pin(async move {
            let Some((program, args)) = command.split_first() else {
                return Err("the command agent has no program to run".into());
            };
            let (program, args) = match &sandbox {
                Some(sandbox) => sandbox.wrap(&request.worktree, program, args),
                None => (program.clone(), args.to_vec()),
            };
            let mut env = request.env.clone();
            env.push(("MAESTRO_PROMPT".to_owned(), request.prompt.clone()));
            let exit = run(
                Supervised {
                    program,
                    args,
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
                limited: None,
                lost: None,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::name::OrderId;
    use crate::role::Role;
    use crate::sandbox::testing::{Layout, running};

    fn request(layout: &Layout, script: &str, timeout: Duration) -> CrewRequest {
        CrewRequest {
            voyage: "v1".into(),
            order: "a".parse::<OrderId>().expect("id"),
            role: Role::Builder,
            attempt: 1,
            worktree: layout.worktree.clone(),
            prompt: "the prompt".into(),
            command: Some(vec!["sh".into(), "-c".into(), script.into()]),
            env: vec![("MAESTRO_ORDER".into(), "a".into())],
            timeout,
            log: layout.at(".git/crew.jsonl"),
            resume_session: None,
            resume_note: None,
            progress: None,
            session_id: None,
            pid_file: None,
            redact: None,
        }
    }

    fn no_stop() -> watch::Receiver<bool> {
        let (tx, rx) = watch::channel(false);
        std::mem::forget(tx);
        rx
    }

    #[tokio::test]
    #[cfg_attr(
        not(maestro_sandbox),
        ignore = "needs bubblewrap and socat: scripts/install-sandbox"
    )]
    async fn a_sandboxed_crew_writes_only_its_worktree() {
        let layout = Layout::new();
        let agent = CommandAgent::new(Vec::new(), Duration::from_millis(200))
            .with_sandbox(Some(layout.sandbox.clone()));
        let script = "cat > prompt.txt; echo \"$MAESTRO_PROMPT\" >> prompt.txt; \
                      echo x > ../../../workspace.json; echo x > ../b/stolen; \
                      echo x > ../../../../README.md";
        let outcome = agent
            .run(request(&layout, script, Duration::from_secs(30)), no_stop())
            .await
            .expect("ran");
        assert!(!outcome.success, "{outcome:?}");
        assert_eq!(
            std::fs::read_to_string(layout.worktree.join("prompt.txt")).expect("written"),
            "the promptthe prompt\n"
        );
        assert_eq!(
            std::fs::read_to_string(layout.at(".mso/workspace.json")).expect("kept"),
            "{}"
        );
        assert!(!layout.at(".mso/worktrees/v1/b/stolen").exists());
        assert!(!layout.at("README.md").exists());
        assert!(
            outcome.output_tail.contains("Read-only file system"),
            "{}",
            outcome.output_tail
        );
    }

    /// Stopped (as by Ctrl-C) once its processes run: everything in the sandbox goes, even a
    /// child that left the crew's process group.
    #[tokio::test]
    #[cfg_attr(
        not(maestro_sandbox),
        ignore = "needs bubblewrap and socat: scripts/install-sandbox"
    )]
    async fn a_sandboxed_crew_is_stopped_with_its_children() {
        let layout = Layout::new();
        let agent = CommandAgent::new(Vec::new(), Duration::from_millis(200))
            .with_sandbox(Some(layout.sandbox.clone()));
        let script = "setsid sleep 1000.5151 & sleep 1000.5152";
        let (stop_tx, stop) = watch::channel(false);
        let watcher = async move {
            for _ in 0..3000 {
                if running("1000.5151") && running("1000.5152") {
                    let _ = stop_tx.send(true);
                    return true;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            let _ = stop_tx.send(true);
            false
        };
        // Without the sandbox the escaped child would keep the crew's output open, and the run
        // would not even end.
        let run = tokio::time::timeout(
            Duration::from_secs(60),
            agent.run(request(&layout, script, Duration::from_secs(120)), stop),
        );
        let (outcome, started) = tokio::join!(run, watcher);
        let outcome = outcome
            .expect("the crew's run ended: no process outlived it")
            .expect("ran");
        assert!(started, "the sleeps never ran: {}", outcome.output_tail);
        assert!(outcome.interrupted, "{outcome:?}");
        let mut left = true;
        for _ in 0..250 {
            left = running("1000.5151") || running("1000.5152");
            if !left {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(!left, "a sandboxed process outlived its crew");
    }
}
