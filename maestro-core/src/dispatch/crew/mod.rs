//! One attempt of a crew at an order: worktree, bootstrap, agent, commit, gates.

mod finish;
mod guard;
mod progress;
mod setup;

use std::sync::Arc;
use std::time::Instant;

use jiff::Timestamp;
use tokio::sync::{mpsc, watch};

use super::prompt;
use super::report::{AttemptReport, AttemptResult};
use super::shared::{Shared, blocking};
use crate::ports::{ApiLimit, CrewOutcome, CrewRequest, CrewWorktree, PortError};
use crate::voyage::{Order, ResumePoint};

/// How an attempt ended, for the dispatcher's next step.
#[derive(Debug)]
pub(super) enum End {
    /// The crew succeeded and every gate passed; `commit` is `None` when it changed nothing.
    Passed {
        worktree: CrewWorktree,
        commit: Option<String>,
    },
    /// The crew, its bootstrap or a gate failed; `feedback` goes into the next attempt's prompt.
    Failed { reason: String, feedback: String },
    /// Stopped by the user (or the dispatcher's own end).
    Interrupted,
    /// The executor lost the crew (its node, its job): the attempt is run again.
    Lost { reason: String },
    /// The model's API would not serve the crew for now: it is resumed when the limit passes.
    Limited(ApiLimit),
}

/// Runs attempt `number` of `order`. Saves the `gating` state (with the commit) before the gates
/// run, so a resumed dispatcher knows the work exists.
pub(super) async fn attempt(
    shared: Arc<Shared>,
    order: Order,
    number: u32,
    stop: watch::Receiver<bool>,
) -> (AttemptReport, End) {
    let started_at = Timestamp::now();
    let mut report = AttemptReport {
        number,
        started_at,
        ended_at: started_at,
        crew_secs: 0.0,
        result: AttemptResult::Running,
        exit_code: None,
        cost_usd: None,
        turns: None,
        tokens: None,
        denials: None,
        session_id: None,
        commit: None,
        changed_files: Vec::new(),
        gates: Vec::new(),
        setup_output: None,
        output_tail: String::new(),
    };
    let end = match attempt_inner(&shared, &order, number, stop, &mut report).await {
        Ok(end) => end,
        Err(e) => {
            let reason = format!("maestro could not run the attempt: {e}");
            End::Failed {
                feedback: reason.clone(),
                reason,
            }
        }
    };
    report.ended_at = Timestamp::now();
    report.result = match &end {
        End::Passed { .. } => AttemptResult::Passed,
        End::Interrupted => AttemptResult::Interrupted,
        End::Lost { reason } => AttemptResult::Lost {
            reason: reason.clone(),
        },
        End::Limited(limit) => AttemptResult::Paused {
            reason: limit.reason.clone(),
        },
        End::Failed { reason, .. } => AttemptResult::Failed {
            reason: reason.lines().next().unwrap_or("failed").to_owned(),
        },
    };
    (report, end)
}

async fn attempt_inner(
    shared: &Shared,
    order: &Order,
    number: u32,
    stop: watch::Receiver<bool>,
    report: &mut AttemptReport,
) -> Result<End, PortError> {
    let spec = &order.spec;
    let isolation = Arc::clone(&shared.ports.isolation);
    let voyage = shared.voyage.clone();
    let agent = if spec.agent.is_some() {
        Arc::clone(&shared.command_agent)
    } else {
        Arc::clone(&shared.ports.agent)
    };
    // An interrupted crew of an agent that keeps sessions goes on in its own worktree.
    let resumed = match order.resume.clone().filter(|_| agent.resumes()) {
        Some(point) => {
            let isolation = Arc::clone(&isolation);
            let voyage = voyage.clone();
            let id = spec.id.clone();
            let base = point.base.clone();
            blocking(move || isolation.reopen(&voyage, &id, &base))
                .await?
                .map(|worktree| (worktree, point))
        }
        None => None,
    };
    let (worktree, resume_session, resume_note) = match resumed {
        Some((worktree, point)) => {
            let why = match point.after_limit {
                Some(reason) => prompt::Resumed::Limited { reason },
                None => prompt::Resumed::Interrupted,
            };
            (
                worktree,
                Some(point.session_id),
                Some(prompt::resume_note(&why)),
            )
        }
        None => (setup::fresh_worktree(shared, order).await?, None, None),
    };
    let session_id = if agent.resumes() {
        Some(match &resume_session {
            Some(session) => session.clone(),
            None => crate::agent::new_session_id()?,
        })
    } else {
        None
    };
    // Saved before the crew starts: a dispatcher killed while it runs resumes this session
    // in this worktree, as the same attempt.
    shared.store.update_order(&voyage.name, &spec.id, |o| {
        o.resume = session_id.as_ref().map(|session| ResumePoint {
            session_id: session.clone(),
            base: worktree.base.clone(),
            attempt: number,
            after_limit: None,
        });
        o.session_id.clone_from(&session_id);
        o.placement = None;
        Ok::<_, crate::store::StoreError>(())
    })?;
    let env = shared.crew_env(order, number, &worktree);
    let log = shared.store.log_path(&voyage.name, &spec.id)?;

    if let (None, Some(setup)) = (&resume_session, &shared.config.worktrees.setup)
        && let Some(end) =
            setup::run_setup(shared, setup, &worktree, &env, &log, &stop, report).await?
    {
        return Ok(end);
    }

    let (progress_tx, progress_rx) = mpsc::unbounded_channel();
    let request = CrewRequest {
        voyage: voyage.name.to_string(),
        order: spec.id.clone(),
        role: spec.role,
        attempt: number,
        worktree: worktree.path.clone(),
        prompt: prompt::compose(spec, order.feedback.as_deref()),
        command: spec.agent.as_ref().map(|a| a.command.clone()),
        env: env.clone(),
        timeout: shared.crew_timeout(),
        log,
        session_id: if resume_session.is_some() {
            None
        } else {
            session_id.clone()
        },
        resume_session,
        resume_note,
        progress: Some(progress_tx),
        pid_file: Some(shared.store.pid_path(&voyage.name, &spec.id)?),
        redact: Some(shared.redactor()),
    };
    let clock = Instant::now();
    // What the crew reports while it works is followed alongside: its turns for the live
    // progress, a limit it waits out for the shared back-off and `status`.
    let (outcome, followed) = tokio::join!(
        shared.ports.executor.run(agent, request, stop.clone()),
        progress::watch_crew(shared, order, progress_rx)
    );
    let outcome: CrewOutcome = outcome?;
    followed?;
    report.crew_secs = clock.elapsed().as_secs_f64();
    report.exit_code = outcome.exit_code;
    report.cost_usd = outcome.cost_usd;
    report.turns = outcome.turns;
    report.tokens = outcome.tokens;
    report.denials = outcome.denials;
    report.session_id.clone_from(&outcome.session_id);
    report.output_tail.clone_from(&outcome.output_tail);
    // A crew its executor lost starts over: its session and worktree went with its node.
    if let Some(reason) = outcome.lost.clone() {
        shared.store.update_order(&voyage.name, &spec.id, |o| {
            o.resume = None;
            Ok::<_, crate::store::StoreError>(())
        })?;
        return Ok(End::Lost { reason });
    }
    // An interrupted crew, or one the API refused, goes on later in the session it ran last
    // (a new one when its old one could not be resumed) and in this worktree, as the same
    // attempt.
    let end = if outcome.interrupted {
        Some(End::Interrupted)
    } else {
        outcome.limited.clone().map(End::Limited)
    };
    if let Some(end) = end {
        if let Some(session) = outcome.session_id.clone() {
            shared.store.update_order(&voyage.name, &spec.id, |o| {
                if let Some(point) = &mut o.resume {
                    point.session_id.clone_from(&session);
                }
                o.session_id = Some(session);
                Ok::<_, crate::store::StoreError>(())
            })?;
        }
        return Ok(end);
    }
    // The crew ended: a later attempt starts over.
    shared.store.update_order(&voyage.name, &spec.id, |o| {
        o.resume = None;
        Ok::<_, crate::store::StoreError>(())
    })?;
    shared.audit(
        "order.finish",
        &spec.id,
        serde_json::json!({
            "attempt": number,
            "success": outcome.success,
            "exit_code": outcome.exit_code,
            "timed_out": outcome.timed_out,
        }),
    )?;
    if !outcome.success {
        let reason = if outcome.timed_out {
            format!("timed out after {}s", shared.crew_timeout().as_secs())
        } else {
            format!("agent failed ({})", describe_exit(outcome.exit_code, false))
        };
        return Ok(End::Failed {
            feedback: format!(
                "Your previous attempt {reason}. Its last output:\n{}",
                outcome.output_tail
            ),
            reason,
        });
    }
    finish::gate_change(shared, order, worktree, &env, &outcome, stop, report).await
}

fn describe_exit(code: Option<i32>, timed_out: bool) -> String {
    match (code, timed_out) {
        (_, true) => "timed out".to_owned(),
        (Some(code), false) => format!("exit status {code}"),
        (None, false) => "killed by a signal".to_owned(),
    }
}
