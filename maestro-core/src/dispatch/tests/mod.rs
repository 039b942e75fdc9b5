//! The dispatcher against in-memory ports: a small content-addressed model of git, a scripted
//! agent, a scanner that finds `SECRET_` markers, and an audit log in memory.

mod agents;
mod limits;
mod merge;
mod resume;
mod run;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use jiff::Timestamp;

use super::report::OrderReport;
use super::*;
use crate::order::OrderSpec;
use crate::ports::{
    ApiLimit, AuditEvent, Candidate, ChangedFile, Collected, CrewFuture, CrewOutcome, CrewProgress,
    CrewRequest, CrewWorktree, MergeOutcome, ScanFinding, ScanOutcome, ScanRequest, Verdict,
};
use crate::testing::MemoryAudit;
use crate::voyage::{Order, VoyageState};

type Snapshot = BTreeMap<String, String>;

#[derive(Default)]
struct Repo {
    commits: BTreeMap<String, (Snapshot, Vec<String>)>,
    /// Crew branches and the commit they point at.
    branches: BTreeMap<String, String>,
    /// Squash commits on the voyage and the change each brought.
    squashed: BTreeMap<String, String>,
    head: String,
    next: u32,
}

/// Commits are snapshots of files; worktrees are real directories under `root`.
struct FakeIsolation {
    root: PathBuf,
    repo: Mutex<Repo>,
    /// Worktrees handed from one order to the next: (old path, new order).
    recycled: Mutex<Vec<(PathBuf, String)>>,
}

impl FakeIsolation {
    fn new(root: &Path, files: &[(&str, &str)]) -> FakeIsolation {
        let snapshot: Snapshot = files
            .iter()
            .map(|(p, c)| ((*p).to_owned(), (*c).to_owned()))
            .collect();
        let mut repo = Repo::default();
        repo.commits.insert("c0".into(), (snapshot, vec![]));
        repo.head = "c0".into();
        repo.next = 1;
        FakeIsolation {
            root: root.to_owned(),
            repo: Mutex::new(repo),
            recycled: Mutex::new(Vec::new()),
        }
    }

    fn head_files(&self) -> Snapshot {
        let repo = self.repo.lock().expect("lock");
        repo.commits[&repo.head].0.clone()
    }
}

fn read_tree(dir: &Path, prefix: &str, out: &mut Snapshot) {
    for entry in std::fs::read_dir(dir).expect("readable") {
        let entry = entry.expect("entry");
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.file_type().expect("type").is_dir() {
            read_tree(&entry.path(), &format!("{name}/"), out);
        } else {
            out.insert(name, std::fs::read_to_string(entry.path()).expect("utf-8"));
        }
    }
}

fn ancestors(repo: &Repo, start: &str) -> Vec<String> {
    let mut out = vec![start.to_owned()];
    let mut i = 0;
    while i < out.len() {
        for parent in &repo.commits[&out[i]].1 {
            if !out.contains(parent) {
                out.push(parent.clone());
            }
        }
        i += 1;
    }
    out
}

impl Isolation for FakeIsolation {
    fn voyage_head(&self, _: &Voyage) -> Result<String, PortError> {
        Ok(self.repo.lock().expect("lock").head.clone())
    }

    fn prepare(&self, _: &Voyage, order: &OrderId, base: &str) -> Result<CrewWorktree, PortError> {
        let path = self.root.join(order.as_str());
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path)?;
        let snapshot = self.repo.lock().expect("lock").commits[base].0.clone();
        for (file, content) in snapshot {
            let target = path.join(&file);
            std::fs::create_dir_all(target.parent().expect("parent"))?;
            std::fs::write(target, content)?;
        }
        Ok(CrewWorktree {
            path,
            branch: format!("crew/{order}"),
            base: base.to_owned(),
        })
    }

    fn collect(
        &self,
        worktree: &CrewWorktree,
        _: &str,
        _: &str,
        guard: &mut dyn FnMut(&Candidate<'_>) -> Verdict,
    ) -> Result<Collected, PortError> {
        let mut snapshot = Snapshot::new();
        read_tree(&worktree.path, "", &mut snapshot);
        let base = self.repo.lock().expect("lock").commits[&worktree.base]
            .0
            .clone();
        if base == snapshot {
            return Ok(Collected::Unchanged);
        }
        // Every new or changed file is judged before anything is stored.
        let mut refused = false;
        for (path, content) in &snapshot {
            if base.get(path) == Some(content) {
                continue;
            }
            let candidate = Candidate {
                path,
                bytes: content.as_bytes(),
                base: base.get(path).map(String::as_bytes),
                commit: None,
            };
            refused |= guard(&candidate) == Verdict::Refuse;
        }
        if refused {
            return Ok(Collected::Refused);
        }
        let mut repo = self.repo.lock().expect("lock");
        let id = format!("c{}", repo.next);
        repo.next += 1;
        repo.commits
            .insert(id.clone(), (snapshot.clone(), vec![worktree.base.clone()]));
        repo.branches.insert(worktree.branch.clone(), id.clone());
        let mut paths: Vec<&String> = base.keys().chain(snapshot.keys()).collect();
        paths.sort();
        paths.dedup();
        let changed = paths
            .into_iter()
            .filter(|p| base.get(*p) != snapshot.get(*p))
            .map(|p| ChangedFile {
                path: p.clone(),
                added: u64::from(snapshot.contains_key(p)),
                removed: u64::from(base.contains_key(p)),
                deleted: !snapshot.contains_key(p),
            })
            .collect();
        Ok(Collected::Committed {
            commit: id,
            changed,
        })
    }

    fn holds_change(&self, _: &Voyage, change: &str) -> Result<bool, PortError> {
        let repo = self.repo.lock().expect("lock");
        Ok(ancestors(&repo, &repo.head)
            .iter()
            .any(|c| c == change || repo.squashed.get(c).is_some_and(|s| s == change)))
    }

    fn merge(&self, _: &Voyage, change: &str, _: &str) -> Result<MergeOutcome, PortError> {
        let mut repo = self.repo.lock().expect("lock");
        let commit = change;
        if ancestors(&repo, &repo.head)
            .iter()
            .any(|c| c == commit || repo.squashed.get(c).is_some_and(|s| s == commit))
        {
            return Ok(MergeOutcome::AlreadyMerged);
        }
        let (theirs, parents) = repo.commits[commit].clone();
        let base = repo.commits[&parents[0]].0.clone();
        if parents[0] == repo.head {
            repo.head = commit.to_owned();
            return Ok(MergeOutcome::Merged {
                head: commit.to_owned(),
            });
        }
        let ours = repo.commits[&repo.head].0.clone();
        let mut merged = ours.clone();
        let mut conflicts = Vec::new();
        let mut paths: Vec<&String> = base.keys().chain(theirs.keys()).collect();
        paths.sort();
        paths.dedup();
        for path in paths {
            if theirs.get(path) == base.get(path) {
                continue;
            }
            if ours.get(path) != base.get(path) && ours.get(path) != theirs.get(path) {
                conflicts.push(path.clone());
                continue;
            }
            match theirs.get(path) {
                Some(content) => merged.insert(path.clone(), content.clone()),
                None => merged.remove(path),
            };
        }
        if !conflicts.is_empty() {
            return Ok(MergeOutcome::Conflict { paths: conflicts });
        }
        // A squash: one commit on the voyage head, its only parent.
        let id = format!("m{}", repo.next);
        repo.next += 1;
        let head = repo.head.clone();
        repo.commits.insert(id.clone(), (merged, vec![head]));
        repo.squashed.insert(id.clone(), commit.to_owned());
        repo.head = id.clone();
        Ok(MergeOutcome::Merged { head: id })
    }

    fn release(&self, worktree: &CrewWorktree) -> Result<(), PortError> {
        std::fs::remove_dir_all(&worktree.path)?;
        Ok(())
    }

    fn reopen(
        &self,
        _: &Voyage,
        order: &OrderId,
        base: &str,
    ) -> Result<Option<CrewWorktree>, PortError> {
        let path = self.root.join(order.as_str());
        Ok(path.is_dir().then(|| CrewWorktree {
            path,
            branch: format!("crew/{order}"),
            base: base.to_owned(),
        }))
    }

    fn recycle(
        &self,
        worktree: &CrewWorktree,
        voyage: &Voyage,
        order: &OrderId,
        base: &str,
    ) -> Result<CrewWorktree, PortError> {
        self.recycled
            .lock()
            .expect("lock")
            .push((worktree.path.clone(), order.to_string()));
        self.release(worktree)?;
        self.prepare(voyage, order, base)
    }
}

/// Finds `SECRET_` markers.
struct MarkerScanner;

impl Scanner for MarkerScanner {
    fn scan(&self, request: &ScanRequest<'_>) -> ScanOutcome {
        let text = String::from_utf8_lossy(request.text);
        let mut outcome = ScanOutcome::default();
        for (n, line) in text.lines().enumerate() {
            if let Some(at) = line.find("SECRET_") {
                let token: String = line[at..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                outcome.findings.push(ScanFinding {
                    rule_id: "test-secret".into(),
                    secret: true,
                    high_confidence: true,
                    severity: None,
                    cwe: None,
                    path: request.path.unwrap_or_default().to_owned(),
                    line: n as u64 + 1,
                    redacted: "SECR…".into(),
                    fingerprint: format!("{}:{token}", request.path.unwrap_or_default()),
                    message: "a test secret".into(),
                    inline_allow_refused: false,
                });
            }
        }
        outcome
    }

    fn redact(&self, text: &str) -> Option<String> {
        let at = text.find("SECRET_")?;
        let end = text[at..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(text.len(), |n| at + n);
        let rest = self
            .redact(&text[end..])
            .unwrap_or_else(|| text[end..].to_owned());
        Some(format!("{}[REDACTED:test-secret]{rest}", &text[..at]))
    }
}

/// What a scripted crew does: write files (relative path, content) and succeed or fail,
/// optionally after a delay. Keyed by order id and attempt (the last entry repeats).
#[derive(Clone)]
struct Step {
    /// Written before the delay: what an interrupted crew leaves behind.
    first: Vec<(String, String)>,
    writes: Vec<(String, String)>,
    success: bool,
    delay_ms: u64,
    /// A limit of the API the crew reports at its start and waits out itself (the delay).
    waits: Option<ApiLimit>,
    /// The API stops the crew after the delay with this limit (nothing written).
    limited: Option<ApiLimit>,
    /// What the crew spent.
    cost_usd: Option<f64>,
}

fn writes(files: &[(&str, &str)]) -> Step {
    Step {
        writes: files
            .iter()
            .map(|(p, c)| ((*p).to_owned(), (*c).to_owned()))
            .collect(),
        first: Vec::new(),
        success: true,
        delay_ms: 0,
        waits: None,
        limited: None,
        cost_usd: None,
    }
}

/// One run of the scripted agent: order, attempt, prompt, start and end.
#[derive(Debug, Clone)]
struct Run {
    order: String,
    attempt: u32,
    prompt: String,
    /// The session it was asked to resume, and the one it was asked to start.
    resume_session: Option<String>,
    session_id: Option<String>,
    start: Instant,
    end: Instant,
}

#[derive(Default)]
struct ScriptedAgent {
    script: BTreeMap<String, Vec<Step>>,
    runs: Arc<Mutex<Vec<Run>>>,
    /// Keeps sessions: an interrupted crew is resumed, and its steps go by run, not attempt.
    resumes: bool,
}

impl ScriptedAgent {
    fn with(mut self, order: &str, steps: Vec<Step>) -> Self {
        self.script.insert(order.to_owned(), steps);
        self
    }
}

impl Agent for ScriptedAgent {
    fn resumes(&self) -> bool {
        self.resumes
    }

    fn run(&self, request: CrewRequest, mut stop: watch::Receiver<bool>) -> CrewFuture {
        let steps = self
            .script
            .get(request.order.as_str())
            .cloned()
            .unwrap_or_default();
        let index = if self.resumes {
            let runs = self.runs.lock().expect("lock");
            runs.iter()
                .filter(|r| r.order == request.order.as_str())
                .count()
        } else {
            request.attempt as usize - 1
        };
        let step = steps
            .get(index)
            .or(steps.last())
            .cloned()
            .unwrap_or_else(|| writes(&[]));
        let runs = Arc::clone(&self.runs);
        Box::pin(async move {
            let start = Instant::now();
            for (path, content) in &step.first {
                std::fs::write(request.worktree.join(path), content)?;
            }
            let report = |event| {
                if let Some(progress) = &request.progress {
                    let _ = progress.send(event);
                }
            };
            if let Some(limit) = &step.waits {
                report(CrewProgress::Waiting(limit.clone()));
            }
            let interrupted = tokio::select! {
                () = tokio::time::sleep(Duration::from_millis(step.delay_ms)) => false,
                _ = stop.wait_for(|s| *s) => true,
            };
            let limited = step.limited.clone().filter(|_| !interrupted);
            if !interrupted && limited.is_none() {
                report(CrewProgress::Work {
                    turns: 1,
                    tokens: crate::ports::Tokens::default(),
                    cost_usd: step.cost_usd,
                });
                for (path, content) in &step.writes {
                    let target = request.worktree.join(path);
                    std::fs::create_dir_all(target.parent().expect("parent"))?;
                    std::fs::write(target, content)?;
                }
            }
            runs.lock().expect("lock").push(Run {
                order: request.order.to_string(),
                attempt: request.attempt,
                prompt: request.prompt.clone(),
                resume_session: request.resume_session.clone(),
                session_id: request.session_id.clone(),
                start,
                end: Instant::now(),
            });
            Ok(CrewOutcome {
                success: step.success && !interrupted && limited.is_none(),
                exit_code: Some(i32::from(!step.success)),
                interrupted,
                limited,
                cost_usd: step.cost_usd,
                session_id: request
                    .resume_session
                    .clone()
                    .or(request.session_id.clone()),
                output_tail: if step.success {
                    "done".into()
                } else {
                    "it broke".into()
                },
                ..CrewOutcome::default()
            })
        })
    }
}

/// A workspace with one voyage and the given orders, plus in-memory ports.
struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    voyage: Voyage,
    isolation: Arc<FakeIsolation>,
    audit: Arc<MemoryAudit>,
    runs: Arc<Mutex<Vec<Run>>>,
    agent: Arc<ScriptedAgent>,
    config: WorkspaceConfig,
}

struct NoBranches;

impl crate::ports::Branches for NoBranches {
    fn resolve_commit(&self, _: &str) -> Result<String, PortError> {
        Ok("c0".into())
    }
    fn create_branch(&self, _: &str, _: &str) -> Result<(), PortError> {
        Ok(())
    }
    fn delete_branch(&self, _: &str, _: &str) -> Result<(), PortError> {
        Ok(())
    }
}

fn fixture(orders: serde_json::Value, agent: ScriptedAgent) -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, _) = Store::init(dir.path(), false).expect("init");
    let name: crate::VoyageName = "v1".parse().expect("name");
    let voyage = store
        .create_voyage(&name, None, "HEAD", &NoBranches, Timestamp::now())
        .expect("voyage");
    let specs: Vec<OrderSpec> = serde_json::from_value(orders).expect("orders");
    store
        .add_orders(&name, specs, OrderState::Pending, Timestamp::now())
        .expect("added");
    let worktrees = dir.path().join("worktrees");
    std::fs::create_dir_all(&worktrees).expect("mkdir");
    let mut config = WorkspaceConfig::default();
    config.crews.retries = 1;
    let runs = Arc::clone(&agent.runs);
    Fixture {
        isolation: Arc::new(FakeIsolation::new(&worktrees, &[("README.md", "hello\n")])),
        audit: Arc::new(MemoryAudit::default()),
        runs,
        agent: Arc::new(agent),
        store,
        voyage,
        config,
        _dir: dir,
    }
}

fn pro() -> Entitlements {
    Entitlements {
        tier: "pro".into(),
        max_crews: 5,
        roles: Role::ALL.to_vec(),
    }
}

fn community() -> Entitlements {
    Entitlements {
        tier: "community".into(),
        max_crews: 1,
        roles: vec![Role::Planner, Role::Builder, Role::Tester],
    }
}

impl Fixture {
    fn dispatcher(&self, entitlements: Entitlements) -> Dispatcher {
        // The run reads workspace.json itself: it holds what the test configured.
        std::fs::write(self.store.config_path(), self.config.to_pretty_json()).expect("config");
        Dispatcher::new(
            self.store.clone(),
            self.voyage.clone(),
            self.config.clone(),
            Ports {
                isolation: Arc::clone(&self.isolation) as Arc<dyn Isolation>,
                agent: Arc::clone(&self.agent) as Arc<dyn Agent>,
                scanner: Arc::new(MarkerScanner),
                audit: Arc::clone(&self.audit) as Arc<dyn AuditSink>,
            },
            entitlements,
            RunOptions {
                max_crews: None,
                grace: Duration::from_millis(200),
                sandbox: None,
                backoff: Duration::from_millis(100),
            },
            None,
        )
    }

    async fn run(&self, entitlements: Entitlements) -> Summary {
        let (_tx, stop) = watch::channel(false);
        self.dispatcher(entitlements).run(stop).await.expect("run")
    }

    fn order(&self, id: &str) -> Order {
        self.store
            .order(&self.voyage.name, &id.parse().expect("id"))
            .expect("order")
    }

    fn report(&self, id: &str) -> OrderReport {
        self.store
            .report(&self.voyage.name, &id.parse().expect("id"))
            .expect("readable")
            .expect("a report")
    }

    fn runs(&self) -> Vec<Run> {
        self.runs.lock().expect("lock").clone()
    }
}

fn ids(list: &[OrderId]) -> Vec<&str> {
    list.iter().map(OrderId::as_str).collect()
}
