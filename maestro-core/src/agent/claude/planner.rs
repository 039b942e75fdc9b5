//! A Planner session whose answer is a JSON object matching a schema (`--json-schema`).

use std::time::Duration;

use tokio::sync::{mpsc, watch};

use super::{ClaudeAgent, push_tool_lists};
use crate::ports::PortError;
use crate::process::{Supervised, run};
use crate::role::Role;

impl ClaudeAgent {
    /// Runs a read-only Planner session in `cwd` that must answer with an object matching
    /// `schema` (`--json-schema`), and returns that object (`structured_output`).
    pub async fn structured(
        &self,
        prompt: &str,
        schema: &serde_json::Value,
        cwd: &std::path::Path,
        env: Vec<(String, String)>,
        timeout: Duration,
        stop: watch::Receiver<bool>,
    ) -> Result<serde_json::Value, PortError> {
        let profile = self.profile(Role::Planner);
        let mut args: Vec<String> = vec![
            "-p".into(),
            prompt.to_owned(),
            "--output-format".into(),
            "json".into(),
            "--json-schema".into(),
            schema.to_string(),
            "--append-system-prompt".into(),
            profile.prompt.clone(),
            "--permission-mode".into(),
            profile.permission_mode.clone(),
            "--strict-mcp-config".into(),
        ];
        push_tool_lists(&profile, &mut args);
        // The Planner only reads, but what it reads goes to the model: its tool calls pass the
        // pre-tool hook too (no reads of maestro's state, the audit key, credential files).
        if let Some(hooks) = self.hooks_json() {
            args.push("--settings".into());
            args.push(hooks.to_string());
        }
        if let Some(model) = profile.model.as_ref().or(self.options.model.as_ref()) {
            args.push("--model".into());
            args.push(model.clone());
        }
        args.extend(self.options.extra_args.iter().cloned());
        let (lines_tx, mut lines_rx) = mpsc::unbounded_channel::<String>();
        let exit = run(
            Supervised {
                program: self.options.program.clone(),
                args,
                cwd: cwd.to_owned(),
                env: self.environment(&env),
                stdin: None,
                timeout,
                grace: self.options.grace,
                log: None,
                raw_stdout: true,
                pid_file: None,
                redact: None,
            },
            stop,
            Some(lines_tx),
        )
        .await?;
        let mut output = String::new();
        while let Ok(line) = lines_rx.try_recv() {
            output.push_str(&line);
            output.push('\n');
        }
        if exit.timed_out || exit.interrupted {
            return Err("the Planner did not finish".into());
        }
        // `--output-format json` prints one object; take the last line that parses.
        let result = output
            .lines()
            .rev()
            .find_map(|l| serde_json::from_str::<serde_json::Value>(l.trim()).ok())
            .ok_or_else(|| format!("the Planner printed no JSON result: {}", exit.tail))?;
        if result.get("is_error").and_then(serde_json::Value::as_bool) == Some(true) {
            let message = result
                .get("result")
                .and_then(serde_json::Value::as_str)
                .unwrap_or("error");
            return Err(format!("the Planner session failed: {message}").into());
        }
        result
            .get("structured_output")
            .cloned()
            .ok_or_else(|| "the Planner's result has no structured_output".into())
    }
}
