//! One attempt of a crew at an order: worktree, bootstrap, agent, commit, gates.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use tokio::sync::{mpsc, watch};

use super::Shared;
use super::gate::{self, GateResult};
use super::prompt;
use super::report::{AttemptReport, ChangedFileReport};
use crate::order::AcceptanceCheck;
use crate::ports::{
    ApiLimit, Candidate, ChangedFile, Collected, CrewOutcome, CrewProgress, CrewRequest,
    CrewWorktree, PortError, ScanFinding, ScanKinds, ScanRequest, Scanner, Suppressed, Verdict,
};
use crate::process::{Supervised, run};
use crate::state::OrderState;
use crate::voyage::{Order, ResumePoint, Wait};

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
        result: String::new(),
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
        End::Passed { .. } => "passed".to_owned(),
        End::Interrupted => "interrupted".to_owned(),
        End::Limited(limit) => format!("paused: {}", limit.reason),
        End::Failed { reason, .. } => reason.lines().next().unwrap_or("failed").to_owned(),
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
        None => (fresh_worktree(shared, order).await?, None, None),
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
        Ok::<_, crate::store::StoreError>(())
    })?;
    let env = shared.crew_env(order, number, &worktree);
    let log = shared.store.log_path(&voyage.name, &spec.id)?;

    if let (None, Some(setup)) = (&resume_session, &shared.config.worktrees.setup) {
        // The setup command runs in the crew's worktree, on files the crew's base holds: under
        // the same sandbox as the crew.
        let shell = ["-c".to_owned(), setup.clone()];
        let (program, args) = match &shared.options.sandbox {
            Some(sandbox) => sandbox.wrap(&worktree.path, "sh", &shell),
            None => ("sh".to_owned(), shell.to_vec()),
        };
        let exit = run(
            Supervised {
                program,
                args,
                cwd: worktree.path.clone(),
                env: env.clone(),
                stdin: None,
                timeout: shared.crew_timeout(),
                grace: shared.options.grace,
                log: Some(log.clone()),
                raw_stdout: false,
                pid_file: None,
                redact: Some(shared.redactor()),
            },
            stop.clone(),
            None,
        )
        .await?;
        report.setup_output = Some(exit.tail.clone());
        if exit.interrupted {
            return Ok(End::Interrupted);
        }
        if !exit.success() {
            let reason = format!(
                "setup failed: `{setup}` {}",
                describe_exit(exit.code, exit.timed_out)
            );
            return Ok(End::Failed {
                feedback: format!("{reason}\n{}", exit.tail),
                reason,
            });
        }
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
        agent.run(request, stop.clone()),
        watch_crew(shared, order, progress_rx)
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

    let author = format!("maestro {}", spec.role);
    // The message goes into the repository: it passes the redactor like everything stored.
    let message = shared.redactor().line(format!(
        "{}: {}\n\nmaestro order {}/{} attempt {number}",
        spec.id, spec.title, voyage.name, spec.id
    ));
    let (collected, log) = collect(shared, &worktree, author, message).await?;
    shared.record_overrides(&spec.id, &log.suppressed)?;
    let (commit, changed) = match collected {
        Collected::Refused => {
            let gate = gate::refused(&log.refusals);
            shared.audit(
                "secret.block",
                &spec.id,
                serde_json::json!({
                    "attempt": number,
                    "findings": log.blocking().map(finding_detail).collect::<Vec<_>>(),
                    "unscanned": log.unscanned,
                }),
            )?;
            shared.audit(
                "gate.fail",
                &spec.id,
                serde_json::json!({
                    "attempt": number,
                    "gates": [{"name": gate.name, "passed": false}],
                }),
            )?;
            let reason = "gates failed: secrets".to_owned();
            let feedback = format!("Gate `{}` failed:\n{}", gate.name, gate.output);
            report.gates = vec![gate];
            report.changed_files = log
                .paths
                .iter()
                .map(|path| ChangedFileReport {
                    path: path.clone(),
                    added: 0,
                    removed: 0,
                    deleted: false,
                })
                .collect();
            return Ok(End::Failed { reason, feedback });
        }
        Collected::Unchanged => (None, Vec::new()),
        Collected::Committed { commit, changed } => (Some(commit), changed),
    };
    report.commit.clone_from(&commit);
    shared.transition(&spec.id, OrderState::Gating, |o| {
        o.commit.clone_from(&commit);
        o.session_id.clone_from(&outcome.session_id);
    })?;
    report.changed_files = changed.iter().map(ChangedFileReport::from).collect();
    let gates = run_gates(shared, order, &worktree, &changed, &log, &env, stop.clone()).await?;
    if stop.has_changed().is_ok() && *stop.borrow() {
        report.gates = gates;
        return Ok(End::Interrupted);
    }
    let failed: Vec<&GateResult> = gates.iter().filter(|g| !g.passed).collect();
    let verdict = if failed.is_empty() {
        End::Passed { worktree, commit }
    } else {
        let names: Vec<&str> = failed.iter().map(|g| g.name.as_str()).collect();
        let feedback = failed
            .iter()
            .map(|g| format!("Gate `{}` failed:\n{}", g.name, g.output))
            .collect::<Vec<_>>()
            .join("\n\n");
        End::Failed {
            reason: format!("gates failed: {}", names.join(", ")),
            feedback,
        }
    };
    shared.audit(
        if failed.is_empty() { "gate.pass" } else { "gate.fail" },
        &spec.id,
        serde_json::json!({
            "attempt": number,
            "gates": gates.iter().map(|g| serde_json::json!({"name": g.name, "passed": g.passed})).collect::<Vec<_>>(),
        }),
    )?;
    report.gates = gates;
    Ok(verdict)
}

/// What the guard of a collection saw.
#[derive(Debug, Default)]
pub(super) struct GuardLog {
    /// Findings that stand, new in the change (not already in the base), with the crew's own
    /// commit each came from.
    pub findings: Vec<(ScanFinding, Option<String>)>,
    /// Findings a suppression took out.
    pub suppressed: Vec<Suppressed>,
    /// Content that could not be scanned (too large), with why.
    pub unscanned: Vec<String>,
    /// One line per refused candidate: what in it blocks.
    pub refusals: Vec<String>,
    /// Every path the guard was shown.
    pub paths: Vec<String>,
}

impl GuardLog {
    /// The findings that refuse a change: high-confidence secrets.
    fn blocking(&self) -> impl Iterator<Item = &ScanFinding> {
        self.findings
            .iter()
            .map(|(f, _)| f)
            .filter(|f| f.secret && f.high_confidence)
    }

    /// Judges one candidate: a high-confidence secret new in the change, or content that cannot
    /// be scanned, refuses it.
    fn check(&mut self, scanner: &dyn Scanner, candidate: &Candidate<'_>) -> Verdict {
        if !self.paths.iter().any(|p| p == candidate.path) {
            self.paths.push(candidate.path.to_owned());
        }
        let whence = candidate
            .commit
            .map(|c| format!(" (in the crew's own commit {})", &c[..c.len().min(12)]))
            .unwrap_or_default();
        // A credential in a file name would reach a tree object: the path is scanned too.
        let named = scanner.scan(&ScanRequest {
            kinds: ScanKinds::Secrets,
            path: None,
            text: candidate.path.as_bytes(),
            base: None,
        });
        let mut verdict = Verdict::Accept;
        for finding in named
            .findings
            .iter()
            .filter(|f| f.secret && f.high_confidence)
        {
            self.refusals.push(format!(
                "a file name{whence}: {} {}",
                finding.rule_id, finding.redacted
            ));
            verdict = Verdict::Refuse;
        }
        self.findings.extend(
            named
                .findings
                .into_iter()
                .map(|f| (f, candidate.commit.map(str::to_owned))),
        );
        let request = ScanRequest {
            kinds: ScanKinds::All,
            path: Some(candidate.path),
            text: candidate.bytes,
            base: candidate.base,
        };
        let outcome = scanner.scan(&request);
        if let Some(why) = outcome.unscanned {
            self.refusals.push(format!(
                "{}{whence}: cannot be scanned: {why}",
                candidate.path
            ));
            self.unscanned.push(why);
            return Verdict::Refuse;
        }
        let mut findings = outcome.findings;
        if let Some(base) = candidate.base
            && !findings.is_empty()
        {
            // What the base already held is not the crew's.
            let earlier = scanner.scan(&ScanRequest {
                text: base,
                base: Some(base),
                ..request
            });
            let known: Vec<String> = earlier
                .findings
                .into_iter()
                .chain(earlier.suppressed.into_iter().map(|s| s.finding))
                .map(|f| f.fingerprint)
                .collect();
            findings.retain(|f| !known.contains(&f.fingerprint));
        }
        self.suppressed.extend(outcome.suppressed);
        for finding in findings {
            if finding.secret && finding.high_confidence {
                self.refusals.push(format!(
                    "{}:{}{whence}: {} {}",
                    finding.path, finding.line, finding.rule_id, finding.redacted
                ));
                verdict = Verdict::Refuse;
            }
            self.findings
                .push((finding, candidate.commit.map(str::to_owned)));
        }
        verdict
    }
}

fn finding_detail(f: &ScanFinding) -> serde_json::Value {
    serde_json::json!({
        "rule_id": f.rule_id,
        "path": f.path,
        "line": f.line,
        "redacted": f.redacted,
        "fingerprint": f.fingerprint,
    })
}

/// Collects the crew's change through the isolation port, every blob judged by the guard
/// before anything is written.
async fn collect(
    shared: &Shared,
    worktree: &CrewWorktree,
    author: String,
    message: String,
) -> Result<(Collected, GuardLog), PortError> {
    let isolation = Arc::clone(&shared.ports.isolation);
    let scanner = Arc::clone(&shared.ports.scanner);
    let worktree = worktree.clone();
    blocking(move || {
        let mut log = GuardLog::default();
        let collected = isolation.collect(&worktree, &author, &message, &mut |candidate| {
            log.check(scanner.as_ref(), candidate)
        })?;
        Ok((collected, log))
    })
    .await
}

/// The gates of a crew's change: scope, the secret scan every order gets (its findings come from
/// the collection, which scanned every blob before writing it), then the order's own acceptance
/// checks in their order.
async fn run_gates(
    shared: &Shared,
    order: &Order,
    worktree: &CrewWorktree,
    changed: &[ChangedFile],
    log: &GuardLog,
    env: &[(String, String)],
    stop: watch::Receiver<bool>,
) -> Result<Vec<GateResult>, PortError> {
    let spec = &order.spec;
    let mut gates = vec![gate::scope(spec, changed)];
    let findings: Vec<ScanFinding> = log.findings.iter().map(|(f, _)| f.clone()).collect();
    gates.push(gate::secrets(&findings, log.suppressed.len()));
    for check in &spec.accept {
        let result = match check {
            AcceptanceCheck::Run {
                command,
                timeout_secs,
            } => {
                let timeout = Duration::from_secs(
                    timeout_secs.unwrap_or(AcceptanceCheck::DEFAULT_TIMEOUT_SECS),
                );
                gate::run_command(
                    &worktree.path,
                    command,
                    timeout,
                    env,
                    // A gate runs code the crew wrote: never with maestro's own rights.
                    shared.options.sandbox.as_ref(),
                    Some(shared.redactor()),
                    stop.clone(),
                )
                .await
            }
            AcceptanceCheck::PathExists(path) => gate::path_exists(&worktree.path, path),
            AcceptanceCheck::ScanClean => {
                gate::scan_clean(&findings, shared.config.scan.block_severity)
            }
        };
        gates.push(result);
    }
    Ok(gates)
}

/// A worktree for `order` at the voyage head: a merged crew's spare one handed on (only the
/// files that differ from the new base rewritten) or a new one, with `worktrees.copy` copied
/// in.
async fn fresh_worktree(shared: &Shared, order: &Order) -> Result<CrewWorktree, PortError> {
    let isolation = Arc::clone(&shared.ports.isolation);
    let voyage = shared.voyage.clone();
    let base = blocking({
        let isolation = Arc::clone(&isolation);
        let voyage = voyage.clone();
        move || isolation.voyage_head(&voyage)
    })
    .await?;
    let spare = shared.take_spare();
    let id = order.spec.id.clone();
    let worktree = blocking(move || match spare {
        Some(spare) => isolation.recycle(&spare, &voyage, &id, &base),
        None => isolation.prepare(&voyage, &id, &base),
    })
    .await?;
    copy_untracked(
        &shared.repo_root,
        &worktree.path,
        &shared.config.worktrees.copy,
    )?;
    Ok(worktree)
}

/// Copies the untracked files listed in `worktrees.copy` from the main checkout. Paths are
/// relative to the repository root; a missing file is skipped.
fn copy_untracked(
    root: &std::path::Path,
    worktree: &std::path::Path,
    files: &[String],
) -> Result<(), PortError> {
    for file in files {
        let relative = PathBuf::from(file);
        if !crate::stays_inside(&relative) {
            return Err(
                format!("worktrees.copy: `{file}` is not a path inside the repository").into(),
            );
        }
        let from = root.join(&relative);
        if !from.is_file() {
            continue;
        }
        let to = worktree.join(&relative);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(&from, &to)
            .map_err(|e| format!("cannot copy {file} into the worktree: {e}"))?;
    }
    Ok(())
}

fn describe_exit(code: Option<i32>, timed_out: bool) -> String {
    match (code, timed_out) {
        (_, true) => "timed out".to_owned(),
        (Some(code), false) => format!("exit status {code}"),
        (None, false) => "killed by a signal".to_owned(),
    }
}

/// Runs a blocking port call (git, scanning) off the async threads.
pub(super) async fn blocking<T, F>(f: F) -> Result<T, PortError>
where
    F: FnOnce() -> Result<T, PortError> + Send + 'static,
    T: Send + 'static,
{
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| -> PortError { format!("a worker thread failed: {e}").into() })?
}

/// Follows what a crew reports while it works: each model answer goes to the live progress
/// (and tells the shared back-off the API serves again); a limit the crew waits out itself
/// makes its order `waiting` until then and holds back every other crew meanwhile.
async fn watch_crew(
    shared: &Shared,
    order: &Order,
    mut progress: mpsc::UnboundedReceiver<CrewProgress>,
) -> Result<(), PortError> {
    let id = order.id();
    let mut waiting = false;
    while let Some(event) = progress.recv().await {
        match event {
            CrewProgress::Work {
                turns, cost_usd, ..
            } => {
                shared.backoff().served(Timestamp::now());
                if waiting {
                    waiting = false;
                    shared.transition(id, OrderState::Running, |o| o.wait = None)?;
                }
                let now = shared.store.order(&shared.voyage.name, id)?;
                shared.work(&now, turns, cost_usd);
            }
            CrewProgress::Waiting(limit) => {
                let until =
                    shared
                        .backoff()
                        .refused(limit.until, Timestamp::now(), shared.options.backoff);
                let wait = Wait {
                    until,
                    reason: limit.reason,
                    in_crew: true,
                };
                if waiting {
                    let order = shared.store.update_order(&shared.voyage.name, id, |o| {
                        o.wait = Some(wait.clone());
                        Ok::<_, crate::store::StoreError>(o.clone())
                    })?;
                    shared.note(&order, String::new());
                } else {
                    waiting = true;
                    shared.transition(id, OrderState::Waiting, |o| o.wait = Some(wait))?;
                }
            }
        }
    }
    // The crew ended: what follows is decided from how it ended, so the order is not shown
    // running in between.
    if waiting {
        shared.store.update_order(&shared.voyage.name, id, |o| {
            o.transition(OrderState::Running, Timestamp::now())?;
            o.wait = None;
            Ok::<_, super::DispatchError>(())
        })?;
    }
    Ok(())
}
