//! A crew's Claude Code session as the `Agent` port runs it: the invocation, its stream followed,
//! resumed after an interruption or a limit of the model's API, and its transcripts redacted.

use tokio::sync::{mpsc, watch};

use super::{ClaudeAgent, NOT_RESUMED_NOTE, Session, new_session_id, transcript};
use crate::agent::stream::{Refusal, SessionResult, StreamEvent, parse_line};
use crate::ports::{
    Agent, ApiLimit, CrewFuture, CrewOutcome, CrewProgress, CrewRequest, PortError,
};
use crate::process::{Supervised, run};

impl Agent for ClaudeAgent {
    fn resumes(&self) -> bool {
        true
    }

    fn run(&self, request: CrewRequest, stop: watch::Receiver<bool>) -> CrewFuture {
        let agent = self.clone();
        Box::pin(async move {
            let mut request = request;
            let mut session = match (&request.resume_session, &request.session_id) {
                (Some(id), _) => Session::Resume(id.clone()),
                (None, Some(id)) => Session::New(id.clone()),
                (None, None) => Session::New(new_session_id()?),
            };
            let mut spent = Spent::default();
            loop {
                let (lines_tx, lines_rx) = mpsc::unbounded_channel::<String>();
                let collector = tokio::spawn(follow(lines_rx, request.progress.clone(), spent));
                let exit = run(
                    Supervised {
                        program: agent.options.program.clone(),
                        args: agent.arguments(&request, &session),
                        cwd: request.worktree.clone(),
                        env: agent.environment(&request.env),
                        stdin: None,
                        timeout: request.timeout,
                        grace: agent.options.grace,
                        log: Some(request.log.clone()),
                        raw_stdout: true,
                        pid_file: request.pid_file.clone(),
                        redact: request.redact.clone(),
                    },
                    stop.clone(),
                    Some(lines_tx),
                )
                .await?;
                let followed = collector
                    .await
                    .map_err(|e| format!("stream reader failed: {e}"))?;
                let result = followed.result;
                let session_id = result
                    .as_ref()
                    .and_then(|r| r.session_id.clone())
                    .or(followed.init_session.clone())
                    .or_else(|| match &session {
                        Session::New(id) | Session::Resume(id) => Some(id.clone()),
                    });
                if let Some(r) = &result {
                    spent.add(r);
                }
                let success = exit.success()
                    && result
                        .as_ref()
                        .is_some_and(|r| !r.is_error && r.subtype == "success");
                // The API, not the crew, ended the session: a limit to wait out, not a failure.
                let limited = if success || exit.interrupted || exit.timed_out {
                    None
                } else {
                    // The CLI puts the reset of a usage limit in the stream's
                    // `rate_limit_event`, not in the result that ends the session.
                    match (
                        result.as_deref().and_then(SessionResult::refusal),
                        followed.rejected,
                    ) {
                        (Some(ended), Some(seen)) if ended.resets_at.is_none() => Some(seen),
                        (ended, seen) => ended.or(seen),
                    }
                    .map(|refusal| ApiLimit {
                        until: refusal
                            .resets_at
                            .and_then(|at| jiff::Timestamp::from_second(at).ok()),
                        reason: refusal.reason,
                    })
                };
                // A session that cannot be resumed (its transcript is gone, the CLI refuses)
                // never starts: a new one continues from the worktree instead.
                if matches!(session, Session::Resume(_))
                    && !success
                    && !exit.interrupted
                    && limited.is_none()
                    && followed.init_session.is_none()
                {
                    tracing::warn!(
                        "order {}: the interrupted session could not be resumed; starting a new one",
                        request.order
                    );
                    request.prompt = format!("{}\n\n{NOT_RESUMED_NOTE}", request.prompt);
                    session = Session::New(new_session_id()?);
                    continue;
                }
                let outcome = CrewOutcome {
                    success,
                    exit_code: exit.code,
                    timed_out: exit.timed_out,
                    interrupted: exit.interrupted,
                    output_tail: result
                        .as_ref()
                        .and_then(|r| r.result.clone())
                        .unwrap_or(exit.tail),
                    cost_usd: Some(spent.cost),
                    turns: Some(spent.turns),
                    tokens: Some(spent.tokens),
                    denials: Some(spent.denials),
                    session_id,
                    limited,
                    lost: None,
                };
                break finish(&agent, &request, outcome).await;
            }
        })
    }
}

/// What the sessions of one crew spent, summed over the sessions it took.
#[derive(Debug, Clone, Copy, Default)]
struct Spent {
    cost: f64,
    turns: u32,
    tokens: crate::ports::Tokens,
    denials: u32,
}

impl Spent {
    fn add(&mut self, r: &SessionResult) {
        self.cost += r.total_cost_usd;
        self.turns += r.num_turns;
        self.tokens.input += r.usage.input_tokens
            + r.usage.cache_creation_input_tokens
            + r.usage.cache_read_input_tokens;
        self.tokens.output += r.usage.output_tokens;
        self.denials += u32::try_from(r.permission_denials.len()).unwrap_or(u32::MAX);
    }
}

/// What one session's stream said.
#[derive(Debug, Default)]
struct Followed {
    init_session: Option<String>,
    result: Option<Box<SessionResult>>,
    /// The last `rate_limit_event` that refused the session.
    rejected: Option<Refusal>,
}

/// Reads a session's stream: reports its progress (each model answer; each limit the CLI
/// waits out) and keeps what the end of the crew needs. `before` is what earlier sessions of
/// this crew spent.
async fn follow(
    mut lines: mpsc::UnboundedReceiver<String>,
    progress: Option<mpsc::UnboundedSender<CrewProgress>>,
    before: Spent,
) -> Followed {
    let report = |event: CrewProgress| {
        if let Some(progress) = &progress {
            // A dropped receiver only means nobody is watching.
            let _ = progress.send(event);
        }
    };
    let mut followed = Followed::default();
    let mut turns = before.turns;
    while let Some(line) = lines.recv().await {
        let events = parse_line(&line);
        if events
            .iter()
            .any(|e| matches!(e, StreamEvent::Text(_) | StreamEvent::ToolUse { .. }))
        {
            turns += 1;
            report(CrewProgress::Work {
                turns,
                tokens: before.tokens,
                cost_usd: (before.cost > 0.0).then_some(before.cost),
            });
        }
        for event in events {
            match event {
                StreamEvent::Init(init) => followed.init_session = Some(init.session_id),
                StreamEvent::ApiRetry(retry) => report(CrewProgress::Waiting(ApiLimit {
                    until: jiff::Timestamp::now()
                        .checked_add(jiff::SignedDuration::from_millis(
                            i64::try_from(retry.retry_delay_ms).unwrap_or(i64::MAX),
                        ))
                        .ok(),
                    reason: format!(
                        "API {} {}, retry {} of {}",
                        retry
                            .error_status
                            .map_or_else(String::new, |s| s.to_string()),
                        retry.error.as_deref().unwrap_or("error"),
                        retry.attempt,
                        retry.max_retries
                    )
                    .replace("API  ", "API "),
                })),
                StreamEvent::RateLimit(info) if info.rejected() => {
                    let refusal = Refusal {
                        resets_at: info.resets_at,
                        reason: info.rate_limit_type.as_deref().map_or_else(
                            || "usage limit".to_owned(),
                            |kind| format!("usage limit ({kind})"),
                        ),
                    };
                    report(CrewProgress::Waiting(ApiLimit {
                        until: refusal
                            .resets_at
                            .and_then(|at| jiff::Timestamp::from_second(at).ok()),
                        reason: refusal.reason.clone(),
                    }));
                    followed.rejected = Some(refusal);
                }
                StreamEvent::Result(r) => followed.result = Some(r),
                _ => {}
            }
        }
    }
    followed
}

/// Ends a crew: secrets are taken out of the transcripts Claude Code kept of its session.
async fn finish(
    agent: &ClaudeAgent,
    request: &CrewRequest,
    outcome: CrewOutcome,
) -> Result<CrewOutcome, PortError> {
    if let (Some(redactor), Some(id)) = (request.redact.clone(), outcome.session_id.clone()) {
        let env = agent.environment(&request.env);
        let order = request.order.clone();
        let done =
            tokio::task::spawn_blocking(move || transcript::redact_session(&env, &id, &redactor))
                .await
                .map_err(|e| format!("transcript redaction failed: {e}"))?;
        match done {
            Ok(files) => {
                for file in files {
                    tracing::info!(
                        "order {order}: redacted secrets in Claude Code's transcript {}",
                        file.display()
                    );
                }
            }
            // The crew's work is unaffected; the user must know a secret may be kept.
            Err(e) => tracing::warn!(
                "order {order}: Claude Code's transcript may still hold a secret: {e}"
            ),
        }
    }
    Ok(outcome)
}
