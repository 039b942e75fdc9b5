//! The dispatcher against in-memory ports: a small content-addressed model of git, a scripted
//! agent, a scanner that finds `SECRET_` markers, and an audit log in memory.

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

#[derive(Default)]
struct MemoryAudit {
    events: Mutex<Vec<AuditEvent>>,
}

impl AuditSink for MemoryAudit {
    fn record(&self, event: AuditEvent) -> Result<(), PortError> {
        self.events.lock().expect("lock").push(event);
        Ok(())
    }

    fn recorded(
        &self,
        action: &str,
        subject: &str,
        key: &str,
        value: &str,
    ) -> Result<bool, PortError> {
        Ok(self.events.lock().expect("lock").iter().any(|e| {
            e.action == action
                && e.subject == subject
                && e.details.get(key).and_then(|v| v.as_str()) == Some(value)
        }))
    }
}

impl MemoryAudit {
    fn actions(&self) -> Vec<String> {
        self.events
            .lock()
            .expect("lock")
            .iter()
            .map(|e| format!("{} {}", e.action, e.subject))
            .collect()
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

#[tokio::test]
async fn dependencies_are_merged_in_order_and_seen_by_dependents() {
    let agent = ScriptedAgent::default()
        .with("api", vec![writes(&[("src/api.rs", "fn api() {}\n")])])
        .with(
            "tests",
            vec![writes(&[("tests/api.rs", "#[test] fn t() {}\n")])],
        );
    let f = fixture(
        serde_json::json!([
            {"id": "tests", "title": "T", "role": "tester", "depends_on": ["api"],
             "accept": [{"path_exists": "src/api.rs"}]},
            {"id": "api", "title": "A", "role": "builder", "scope": ["src/**"]}
        ]),
        agent,
    );
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["tests", "api"]);
    assert!(summary.all_merged());
    let files = f.isolation.head_files();
    assert!(files.contains_key("src/api.rs") && files.contains_key("tests/api.rs"));
    let order: Vec<String> = f.runs().iter().map(|r| r.order.clone()).collect();
    assert_eq!(order, ["api", "tests"]);
    let report = f.report("tests");
    assert_eq!(report.state, OrderState::Merged);
    assert_eq!(report.attempts.len(), 1);
    assert!(report.attempts[0].gates.iter().all(|g| g.passed));
    assert_eq!(report.attempts[0].changed_files[0].path, "tests/api.rs");
    let actions = f.audit.actions();
    for expected in [
        "order.dispatch v1/api",
        "order.finish v1/api",
        "gate.pass v1/api",
        "merge v1/api",
        "merge v1/tests",
    ] {
        assert!(
            actions.iter().any(|a| a == expected),
            "{expected} in {actions:?}"
        );
    }
    assert_eq!(
        f.store.voyage(&f.voyage.name).expect("voyage").state,
        VoyageState::Finished
    );
    // Merged worktrees are removed.
    assert!(!f.isolation.root.join("api").exists());
}

#[tokio::test]
async fn crews_run_in_parallel_up_to_the_licence_limit() {
    let slow = |file: &str| Step {
        delay_ms: 300,
        ..writes(&[(file, "x\n")])
    };
    let agent = ScriptedAgent::default()
        .with("a", vec![slow("a.txt")])
        .with("b", vec![slow("b.txt")]);
    let orders = serde_json::json!([
        {"id": "a", "title": "A", "role": "builder"},
        {"id": "b", "title": "B", "role": "builder"}
    ]);
    let overlap = |runs: &[Run]| runs[0].start < runs[1].end && runs[1].start < runs[0].end;

    let f = fixture(orders.clone(), agent);
    assert_eq!(f.dispatcher(pro()).concurrency(), 5);
    f.run(pro()).await;
    assert!(overlap(&f.runs()), "two builders in parallel under pro");

    let agent = ScriptedAgent::default()
        .with("a", vec![slow("a.txt")])
        .with("b", vec![slow("b.txt")]);
    let f = fixture(orders, agent);
    assert_eq!(f.dispatcher(community()).concurrency(), 1);
    let summary = f.run(community()).await;
    assert_eq!(summary.merged.len(), 2);
    assert!(!overlap(&f.runs()), "one crew at a time under community");
}

#[tokio::test]
async fn the_community_tier_refuses_a_scribe() {
    let f = fixture(
        serde_json::json!([{"id": "docs", "title": "D", "role": "scribe"}]),
        ScriptedAgent::default(),
    );
    let (_tx, stop) = watch::channel(false);
    let err = f
        .dispatcher(community())
        .run(stop)
        .await
        .expect_err("refused");
    assert_eq!(
        err.to_string(),
        "voyage `v1` cannot be dispatched: order `docs` needs the scribe role, which the community tier does not allow (it allows planner, builder, tester; 1 crew at once)"
    );
    assert!(f.runs().is_empty());
    assert_eq!(f.order("docs").state, OrderState::Pending);
}

#[tokio::test]
async fn a_failed_gate_is_retried_with_its_output_and_can_pass() {
    let agent = ScriptedAgent::default().with(
        "a",
        vec![
            writes(&[("a.txt", "first\n")]),
            writes(&[("ok.txt", "yes\n")]),
        ],
    );
    let f = fixture(
        serde_json::json!([{"id": "a", "title": "A", "role": "builder",
            "accept": [{"run": "test -f ok.txt || { echo 'ok.txt is missing'; exit 1; }"}]}]),
        agent,
    );
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["a"]);
    let runs = f.runs();
    assert_eq!(runs.len(), 2);
    assert!(!runs[0].prompt.contains("Feedback"));
    assert!(
        runs[1]
            .prompt
            .contains("## Feedback from your previous attempt"),
        "{}",
        runs[1].prompt
    );
    assert!(
        runs[1].prompt.contains("ok.txt is missing"),
        "{}",
        runs[1].prompt
    );
    let report = f.report("a");
    let results: Vec<&str> = report.attempts.iter().map(|a| a.result.as_str()).collect();
    assert_eq!(
        results,
        [
            "gates failed: run: test -f ok.txt || { echo 'ok.txt is missing'; exit 1; }",
            "passed"
        ]
    );
    assert_eq!(f.order("a").attempts, 2);
    assert!(
        f.order("a").duration_secs.is_some(),
        "crew time is accounted"
    );
}

#[tokio::test]
async fn a_failure_past_the_retries_blocks_the_dependents() {
    let broken = Step {
        success: false,
        ..writes(&[])
    };
    let agent = ScriptedAgent::default().with("a", vec![broken]);
    let f = fixture(
        serde_json::json!([
            {"id": "a", "title": "A", "role": "builder"},
            {"id": "b", "title": "B", "role": "tester", "depends_on": ["a"]},
            {"id": "c", "title": "C", "role": "builder", "depends_on": ["b"]},
            {"id": "free", "title": "F", "role": "builder"},
            {"id": "ship", "title": "S", "role": "releaser"}
        ]),
        agent,
    );
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.failed), ["a"]);
    assert_eq!(ids(&summary.blocked), ["b", "c", "ship"]);
    assert_eq!(ids(&summary.merged), ["free"]);
    assert_eq!(f.order("a").attempts, 2, "one retry");
    assert!(
        f.order("b")
            .feedback
            .expect("why")
            .contains("dependency `a` did not merge")
    );
    assert!(f.runs().iter().all(|r| r.order != "b" && r.order != "ship"));
    assert!(f.audit.actions().contains(&"order.blocked v1/c".to_owned()));
}

#[tokio::test]
async fn scope_and_secret_gates_fail_the_order() {
    let agent = ScriptedAgent::default()
        .with(
            "outside",
            vec![writes(&[("src/ok.rs", "1\n"), ("docs/x.md", "2\n")])],
        )
        .with(
            "leaky",
            vec![writes(&[("config.py", "KEY = 'SECRET_abc'\n")])],
        );
    let mut f = fixture(
        serde_json::json!([
            {"id": "outside", "title": "O", "role": "builder", "scope": ["src/**"]},
            {"id": "leaky", "title": "L", "role": "builder"}
        ]),
        agent,
    );
    f.config.crews.retries = 0;
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.failed), ["outside", "leaky"]);
    let scope = &f.report("outside").attempts[0].gates[0];
    assert_eq!((scope.name.as_str(), scope.passed), ("scope", false));
    assert!(scope.output.contains("docs/x.md"));
    // The secret is found before anything is committed: the only gate is the secrets gate.
    let leaky = f.report("leaky");
    let secrets = &leaky.attempts[0].gates[0];
    assert_eq!((secrets.name.as_str(), secrets.passed), ("secrets", false));
    assert!(
        secrets.output.contains("nothing was committed")
            && secrets.output.contains("config.py:1: test-secret"),
        "{}",
        secrets.output
    );
    assert_eq!(leaky.attempts[0].commit, None);
    assert!(
        !f.isolation
            .repo
            .lock()
            .expect("lock")
            .branches
            .keys()
            .any(|b| b.contains("leaky")),
        "no commit, no branch points at the secret"
    );
    assert!(
        !f.isolation.head_files().contains_key("config.py"),
        "never merged"
    );
    assert!(
        f.audit
            .actions()
            .contains(&"secret.block v1/leaky".to_owned()),
        "{:?}",
        f.audit.actions()
    );
}

#[tokio::test]
async fn a_conflict_is_redispatched_once_on_the_new_head() {
    let slow_writer = |content: &str, delay_ms| Step {
        delay_ms,
        ..writes(&[("shared.txt", content)])
    };
    let agent = ScriptedAgent::default()
        .with("first", vec![slow_writer("first\n", 50)])
        .with(
            "second",
            vec![
                slow_writer("second\n", 300),
                slow_writer("first\nsecond\n", 0),
            ],
        );
    let f = fixture(
        serde_json::json!([
            {"id": "first", "title": "1", "role": "builder"},
            {"id": "second", "title": "2", "role": "builder"}
        ]),
        agent,
    );
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["first", "second"]);
    assert_eq!(f.isolation.head_files()["shared.txt"], "first\nsecond\n");
    let second = f.order("second");
    assert_eq!((second.conflicts, second.attempts), (1, 2));
    let runs = f.runs();
    let redo = runs
        .iter()
        .find(|r| r.order == "second" && r.attempt == 2)
        .expect("re-dispatched");
    assert!(
        redo.prompt
            .contains("conflicted with work merged meanwhile"),
        "{}",
        redo.prompt
    );
    assert!(redo.prompt.contains("shared.txt"));
    assert!(
        f.audit
            .actions()
            .contains(&"order.conflict v1/second".to_owned())
    );
    // The report tells the conflict and its re-dispatch.
    let report = f.report("second");
    assert_eq!(
        report.attempts[0].result,
        "conflict in shared.txt: re-dispatched on the new voyage head"
    );
    let orders = [f.order("first"), second];
    let text = super::report::markdown(
        &f.voyage,
        &orders,
        &[Some(f.report("first")), Some(report)],
        crate::config::SandboxMode::On,
        None,
    );
    assert!(
        text.contains(
            "- `second`: 1: conflict in shared.txt: re-dispatched on the new voyage head; 2: "
        ),
        "{text}"
    );
}

#[tokio::test]
async fn stop_interrupts_and_the_next_run_resumes() {
    let agent = ScriptedAgent::default()
        .with(
            "slow",
            vec![
                Step {
                    delay_ms: 30_000,
                    ..writes(&[("s.txt", "s\n")])
                },
                writes(&[("s.txt", "s\n")]),
            ],
        )
        .with("done", vec![writes(&[("d.txt", "d\n")])]);
    let f = fixture(
        serde_json::json!([
            {"id": "done", "title": "D", "role": "builder"},
            {"id": "slow", "title": "S", "role": "builder"}
        ]),
        agent,
    );
    let (tx, stop) = watch::channel(false);
    let dispatcher = f.dispatcher(pro());
    let handle = tokio::spawn(dispatcher.run(stop));
    tokio::time::sleep(Duration::from_millis(400)).await;
    tx.send(true).expect("dispatcher listening");
    let summary = handle.await.expect("joined").expect("run");
    assert!(summary.stopped);
    assert_eq!(ids(&summary.interrupted), ["slow"]);
    assert_eq!(ids(&summary.merged), ["done"]);
    assert_eq!(
        f.store.voyage(&f.voyage.name).expect("v").state,
        VoyageState::Open
    );

    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["done", "slow"]);
    let runs: Vec<(String, u32)> = f
        .runs()
        .iter()
        .map(|r| (r.order.clone(), r.attempt))
        .collect();
    assert_eq!(
        runs.iter().filter(|(o, _)| o == "done").count(),
        1,
        "merged work is not redone"
    );
    assert_eq!(
        f.order("slow").failures,
        0,
        "an interruption is not a failure"
    );
}

#[tokio::test]
async fn an_interrupted_crew_of_an_agent_that_keeps_sessions_resumes_where_it_stopped() {
    let agent = ScriptedAgent {
        resumes: true,
        ..ScriptedAgent::default()
    }
    .with(
        "slow",
        vec![
            Step {
                first: vec![("half.txt".into(), "half\n".into())],
                delay_ms: 30_000,
                ..writes(&[])
            },
            writes(&[("rest.txt", "rest\n")]),
        ],
    )
    .with("other", vec![writes(&[("o.txt", "o\n")])]);
    let f = fixture(
        serde_json::json!([
            {"id": "slow", "title": "S", "role": "builder"},
            {"id": "other", "title": "O", "role": "builder"}
        ]),
        agent,
    );
    let (tx, stop) = watch::channel(false);
    let handle = tokio::spawn(f.dispatcher(pro()).run(stop));
    tokio::time::sleep(Duration::from_millis(400)).await;
    let saved = f.order("slow");
    let point = saved
        .resume
        .clone()
        .expect("a resume point before the crew runs");
    assert_eq!(saved.session_id.as_deref(), Some(point.session_id.as_str()));
    tx.send(true).expect("dispatcher listening");
    let summary = handle.await.expect("joined").expect("run");
    assert_eq!(ids(&summary.interrupted), ["slow"]);
    // The head moved on meanwhile: the resumed crew still works on the base it started from.
    assert_ne!(f.isolation.repo.lock().expect("lock").head, point.base);

    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["slow", "other"]);
    let runs: Vec<Run> = f.runs().into_iter().filter(|r| r.order == "slow").collect();
    assert_eq!(runs.len(), 2);
    assert_eq!(
        runs[0].session_id.as_deref(),
        Some(point.session_id.as_str())
    );
    assert_eq!(runs[0].resume_session, None);
    assert_eq!(
        runs[1].resume_session.as_deref(),
        Some(point.session_id.as_str())
    );
    assert_eq!(runs[1].attempt, 1, "the interrupted attempt goes on");
    let order = f.order("slow");
    assert_eq!(order.attempts, 1);
    assert_eq!(order.failures, 0);
    assert!(
        order.resume.is_none(),
        "the crew ended: nothing left to resume"
    );
    // What the crew did before the interruption is part of the merged work.
    let head = f.isolation.head_files();
    assert_eq!(head.get("half.txt").map(String::as_str), Some("half\n"));
    assert_eq!(head.get("rest.txt").map(String::as_str), Some("rest\n"));
    assert_eq!(head.get("o.txt").map(String::as_str), Some("o\n"));
}

#[tokio::test]
async fn a_resume_point_whose_worktree_is_gone_starts_a_fresh_worktree() {
    let agent = ScriptedAgent {
        resumes: true,
        ..ScriptedAgent::default()
    }
    .with("a", vec![writes(&[("a.txt", "a\n")])]);
    let f = fixture(
        serde_json::json!([{"id": "a", "title": "A", "role": "builder"}]),
        agent,
    );
    let id: OrderId = "a".parse().expect("id");
    f.store
        .update_order(&f.voyage.name, &id, |o| {
            o.state = OrderState::Running;
            o.attempts = 1;
            o.resume = Some(crate::voyage::ResumePoint {
                session_id: "gone-session".into(),
                base: "c0".into(),
                attempt: 1,
                after_limit: None,
            });
            Ok::<_, StoreError>(())
        })
        .expect("saved");
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["a"]);
    let runs = f.runs();
    assert_eq!(runs[0].resume_session, None, "no worktree to resume in");
    assert_ne!(runs[0].session_id.as_deref(), Some("gone-session"));
}

fn limit_in(ms: i64, reason: &str) -> ApiLimit {
    ApiLimit {
        until: Some(Timestamp::now() + jiff::SignedDuration::from_millis(ms)),
        reason: reason.to_owned(),
    }
}

#[tokio::test]
async fn a_crew_the_api_refuses_waits_resumes_and_holds_every_other_crew_meanwhile() {
    let agent = ScriptedAgent {
        resumes: true,
        ..ScriptedAgent::default()
    }
    .with(
        "x",
        vec![
            Step {
                first: vec![("x1.txt".into(), "x1\n".into())],
                limited: Some(limit_in(600, "usage limit (five_hour)")),
                ..writes(&[])
            },
            Step {
                delay_ms: 300,
                ..writes(&[("x2.txt", "x2\n")])
            },
        ],
    )
    .with(
        "z",
        vec![Step {
            delay_ms: 50,
            ..writes(&[("z.txt", "z\n")])
        }],
    )
    .with("y", vec![writes(&[("y.txt", "y\n")])]);
    let f = fixture(
        serde_json::json!([
            {"id": "x", "title": "X", "role": "builder"},
            {"id": "z", "title": "Z", "role": "builder"},
            {"id": "y", "title": "Y", "role": "builder", "depends_on": ["z"]}
        ]),
        agent,
    );
    let started = Instant::now();
    let (_tx, stop) = watch::channel(false);
    let handle = tokio::spawn(f.dispatcher(pro()).run(stop));
    // Meanwhile the order shows `waiting`, with the time it goes on.
    let mut seen_waiting = None;
    let mut report = String::new();
    while !handle.is_finished() {
        let x = f.order("x");
        if x.state == OrderState::Waiting && x.wait.is_some() {
            seen_waiting = x.wait.clone();
            report = super::report::markdown(
                &f.voyage,
                &[x],
                &[None],
                crate::config::SandboxMode::On,
                None,
            );
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let summary = handle.await.expect("joined").expect("run");
    assert_eq!(ids(&summary.merged), ["x", "z", "y"]);
    let wait = seen_waiting.expect("x was seen waiting");
    assert!(
        report.contains("## Waiting\n\n- `x`: until ")
            && report.contains("(usage limit (five_hour)); resumed in its session then"),
        "{report}"
    );
    assert_eq!(wait.reason, "usage limit (five_hour)");
    assert!(!wait.in_crew, "the crew ended; the dispatcher resumes it");

    let runs = f.runs();
    let of =
        |order: &str| -> Vec<Run> { runs.iter().filter(|r| r.order == order).cloned().collect() };
    let (x, y) = (of("x"), of("y"));

    assert_eq!(x.len(), 2);
    assert_eq!(
        x[1].resume_session, x[0].session_id,
        "resumed in its session"
    );
    assert!(
        x[1].start.duration_since(started) >= Duration::from_millis(550),
        "{:?}",
        x[1].start.duration_since(started)
    );
    // z merged at ~50 ms and y was ready then, but no crew starts while the API refuses; after
    // the pause x goes first, and y only once the API served x.
    assert!(
        y[0].start.duration_since(x[1].start) >= Duration::from_millis(250),
        "y started {:?} after x resumed",
        y[0].start.duration_since(x[1].start)
    );
    let order = f.order("x");
    assert_eq!(
        (order.attempts, order.failures),
        (1, 0),
        "a limit is no failed attempt"
    );
    assert!(order.wait.is_none() && order.resume.is_none());
    assert!(x[1].prompt.is_empty() || !x[1].prompt.contains("interrupted"));
    let head = f.isolation.head_files();
    assert_eq!(
        head.get("x1.txt").map(String::as_str),
        Some("x1\n"),
        "the work before the pause is kept"
    );
    assert_eq!(head.get("x2.txt").map(String::as_str), Some("x2\n"));
    assert!(
        f.audit.actions().contains(&"order.paused v1/x".to_owned()),
        "{:?}",
        f.audit.actions()
    );
}

#[tokio::test]
async fn a_crew_waiting_out_a_limit_by_itself_shows_waiting_then_running() {
    let agent = ScriptedAgent {
        resumes: true,
        ..ScriptedAgent::default()
    }
    .with(
        "a",
        vec![Step {
            waits: Some(limit_in(10_000, "API 429 rate_limit, retry 1 of 10")),
            delay_ms: 400,
            ..writes(&[("a.txt", "a\n")])
        }],
    );
    let f = fixture(
        serde_json::json!([{"id": "a", "title": "A", "role": "builder"}]),
        agent,
    );
    let (_tx, stop) = watch::channel(false);
    let handle = tokio::spawn(f.dispatcher(pro()).run(stop));
    let mut seen = None;
    while !handle.is_finished() {
        let a = f.order("a");
        if a.state == OrderState::Waiting {
            seen = a.wait.clone();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let summary = handle.await.expect("joined").expect("run");
    assert_eq!(ids(&summary.merged), ["a"]);
    let wait = seen.expect("seen waiting");
    assert!(wait.in_crew);
    assert_eq!(wait.reason, "API 429 rate_limit, retry 1 of 10");
    assert_eq!(f.runs().len(), 1, "the crew went on by itself");
    assert_eq!(f.order("a").attempts, 1);
}

#[tokio::test]
async fn a_spent_voyage_budget_starts_no_new_crew() {
    let step = |file: &str| Step {
        cost_usd: Some(0.6),
        ..writes(&[(file, "x\n")])
    };
    let agent = ScriptedAgent::default()
        .with("a", vec![step("a.txt")])
        .with("b", vec![step("b.txt")])
        .with("c", vec![step("c.txt")]);
    let mut f = fixture(
        serde_json::json!([
            {"id": "a", "title": "A", "role": "builder"},
            {"id": "b", "title": "B", "role": "builder", "depends_on": ["a"]},
            {"id": "c", "title": "C", "role": "builder", "depends_on": ["b"]}
        ]),
        agent,
    );
    f.config.crews.voyage_budget_usd = Some(1.0);
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["a", "b"]);
    assert_eq!(ids(&summary.waiting), ["c"]);
    let spent = summary.budget_spent.expect("the budget stopped the run");
    assert!((spent.spent_usd - 1.2).abs() < 1e-9 && (spent.budget_usd - 1.0).abs() < 1e-9);
    assert!(!summary.all_merged());
    assert_eq!(f.order("c").state, OrderState::Pending);
    assert!(f.runs().iter().all(|r| r.order != "c"));
    assert!(
        f.audit
            .actions()
            .iter()
            .any(|a| a.starts_with("voyage.budget"))
    );
    // The report says why the voyage stopped.
    let orders = [f.order("a"), f.order("b"), f.order("c")];
    let text = super::report::markdown(
        &f.voyage,
        &orders,
        &[Some(f.report("a")), Some(f.report("b")), None],
        crate::config::SandboxMode::On,
        Some(1.0),
    );
    assert!(
        text.contains(
            "**Budget spent**: $1.20 of $1.00 (`crews.voyageBudgetUsd`): no new crew starts."
        ),
        "{text}"
    );
}

/// Merges `a`'s change into the voyage branch and leaves the order gating, as a dispatcher
/// killed between the merge and marking the order merged does; returns the change.
fn merged_but_gating(f: &Fixture) -> String {
    let wt = f
        .isolation
        .prepare(&f.voyage, &"a".parse().expect("id"), "c0")
        .expect("prepare");
    std::fs::write(wt.path.join("a.txt"), "a\n").expect("write");
    let Collected::Committed { commit, .. } = f
        .isolation
        .collect(&wt, "x", "y", &mut |_| Verdict::Accept)
        .expect("collected")
    else {
        panic!("a change");
    };
    f.isolation.merge(&f.voyage, &commit, "m").expect("merged");
    let id: OrderId = "a".parse().expect("id");
    f.store
        .update_order(&f.voyage.name, &id, |o| {
            o.state = OrderState::Gating;
            o.attempts = 1;
            o.commit = Some(commit.clone());
            Ok::<_, StoreError>(())
        })
        .expect("saved");
    commit
}

fn merge_records(f: &Fixture) -> Vec<serde_json::Map<String, serde_json::Value>> {
    f.audit
        .events
        .lock()
        .expect("lock")
        .iter()
        .filter(|e| e.action == "merge")
        .map(|e| e.details.clone())
        .collect()
}

#[tokio::test]
async fn a_merge_a_killed_dispatcher_did_not_record_is_recorded_once_by_the_next() {
    let f = fixture(
        serde_json::json!([{"id": "a", "title": "A", "role": "builder"}]),
        ScriptedAgent::default(),
    );
    let commit = merged_but_gating(&f);
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["a"]);
    let records = merge_records(&f);
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["commit"], commit.as_str());
    assert_eq!(records[0]["recovered"], true);
}

#[tokio::test]
async fn a_merge_a_killed_dispatcher_recorded_is_not_recorded_again() {
    let f = fixture(
        serde_json::json!([{"id": "a", "title": "A", "role": "builder"}]),
        ScriptedAgent::default(),
    );
    let commit = merged_but_gating(&f);
    f.audit
        .record(AuditEvent {
            actor: "maestro".into(),
            action: "merge".into(),
            subject: "v1/a".into(),
            details: serde_json::json!({"commit": commit, "head": "h"})
                .as_object()
                .expect("object")
                .clone(),
        })
        .expect("recorded");
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["a"]);
    assert_eq!(merge_records(&f).len(), 1);
}

#[tokio::test]
async fn work_merged_before_a_crash_is_not_redone() {
    let f = fixture(
        serde_json::json!([{"id": "a", "title": "A", "role": "builder"}]),
        ScriptedAgent::default().with("a", vec![writes(&[("a.txt", "a\n")])]),
    );
    merged_but_gating(&f);
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["a"]);
    assert!(f.runs().is_empty(), "no crew ran again");
}

#[tokio::test]
async fn crews_left_running_by_a_killed_dispatcher_run_again() {
    let f = fixture(
        serde_json::json!([{"id": "a", "title": "A", "role": "builder"}]),
        ScriptedAgent::default().with("a", vec![writes(&[("a.txt", "a\n")])]),
    );
    let id: OrderId = "a".parse().expect("id");
    f.store
        .update_order(&f.voyage.name, &id, |o| {
            o.state = OrderState::Running;
            o.attempts = 1;
            Ok::<_, StoreError>(())
        })
        .expect("saved");
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["a"]);
    assert_eq!(f.order("a").attempts, 2);
}

#[tokio::test]
async fn one_dispatcher_per_voyage() {
    let f = fixture(
        serde_json::json!([{"id": "a", "title": "A", "role": "builder"}]),
        ScriptedAgent::default(),
    );
    let _held = f
        .store
        .try_lock_run(&f.voyage.name)
        .expect("lock")
        .expect("free");
    let (_tx, stop) = watch::channel(false);
    let err = f.dispatcher(pro()).run(stop).await.expect_err("busy");
    assert!(matches!(err, DispatchError::Busy { .. }), "{err}");
}

#[tokio::test]
async fn a_command_agent_that_times_out_fails() {
    let mut f = fixture(
        serde_json::json!([{"id": "a", "title": "A", "role": "builder",
            "agent": {"command": ["sh", "-c", "echo started; sleep 30"]}}]),
        ScriptedAgent::default(),
    );
    f.config.crews.timeout_secs = 1;
    f.config.crews.retries = 0;
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.failed), ["a"]);
    let attempt = &f.report("a").attempts[0];
    assert_eq!(attempt.result, "timed out after 1s");
    assert_eq!(attempt.output_tail, "started");
}

#[tokio::test]
async fn secrets_a_crew_prints_are_kept_nowhere() {
    let mut f = fixture(
        serde_json::json!([{"id": "a", "title": "A", "role": "builder",
            "agent": {"command": ["sh", "-c",
                // `\137` is `_`: the order itself does not hold the marker, only the output.
                "printf 'token SECRET\\137ABC123 here\\n{\"k\":\"SECRET\\137XYZ\"}\\n'; exit 1"]}}]),
        ScriptedAgent::default(),
    );
    f.config.crews.retries = 0;
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.failed), ["a"]);
    let tail = &f.report("a").attempts[0].output_tail;
    assert!(tail.contains("token [REDACTED:test-secret] here"), "{tail}");
    let log_path = f
        .store
        .log_path(&"v1".parse().expect("name"), &"a".parse().expect("id"));
    let log = std::fs::read_to_string(log_path.expect("log path")).expect("log");
    assert!(!log.contains("SECRET_"), "{log}");
    assert!(log.contains("[REDACTED:test-secret]"), "{log}");
    let everything = walk_text(f.store.dir());
    assert!(
        !everything.contains("SECRET_"),
        "a secret was kept under .mso/"
    );
}

fn walk_text(dir: &Path) -> String {
    let mut out = String::new();
    for entry in std::fs::read_dir(dir).expect("readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.push_str(&walk_text(&path));
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            out.push_str(&text);
        }
    }
    out
}

#[tokio::test]
async fn a_command_agent_gets_the_prompt_and_environment() {
    let f = fixture(
        serde_json::json!([{"id": "a", "title": "Say hi", "role": "builder",
            "agent": {"command": ["sh", "-c", "cat > prompt.txt; env | grep ^MAESTRO_ | grep -v PROMPT | sort > env.txt"]}}]),
        ScriptedAgent::default(),
    );
    let summary = f.run(pro()).await;
    assert_eq!(ids(&summary.merged), ["a"]);
    let files = f.isolation.head_files();
    assert!(files["prompt.txt"].starts_with("# Order a: Say hi"));
    let env = &files["env.txt"];
    for expected in [
        "MAESTRO_ITER_MANAGED=1",
        "MAESTRO_ORDER=a",
        "MAESTRO_VOYAGE=v1",
        "MAESTRO_ATTEMPT=1",
    ] {
        assert!(env.contains(expected), "{expected} in {env}");
    }
}

#[test]
fn waves_for_a_dry_run() {
    let specs: Vec<OrderSpec> = serde_json::from_value(serde_json::json!([
        {"id": "ship", "title": "S", "role": "releaser"},
        {"id": "db", "title": "D", "role": "builder"},
        {"id": "api", "title": "A", "role": "builder", "depends_on": ["db"]},
        {"id": "ui", "title": "U", "role": "builder"},
        {"id": "docs", "title": "Do", "role": "scribe", "depends_on": ["api"]}
    ]))
    .expect("valid");
    let orders: Vec<Order> = specs
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            Order::new(
                s,
                OrderState::Pending,
                u32::try_from(i).expect("small"),
                Timestamp::UNIX_EPOCH,
            )
        })
        .collect();
    let dag = validate("v1", &orders, &pro()).expect("valid");
    let planned = waves(&orders, &dag);
    let names: Vec<Vec<&str>> = planned.iter().map(|w| ids(w)).collect();
    assert_eq!(
        names,
        vec![vec!["db", "ui"], vec!["api"], vec!["docs"], vec!["ship"]]
    );
}

#[tokio::test]
async fn merged_crews_hand_their_worktrees_on_and_none_is_left_at_the_end() {
    let agent = ScriptedAgent::default();
    let orders: Vec<serde_json::Value> = (1..=6)
        .map(|i| serde_json::json!({"id": format!("o{i}"), "title": "t", "role": "builder"}))
        .collect();
    let fx = fixture(serde_json::Value::Array(orders), agent);
    let summary = fx.run(pro()).await;
    assert_eq!(summary.merged.len(), 6);
    // Six orders, at most five crews at once: at least one worktree was handed on, only
    // from orders that had merged, and each to an order that had not started.
    let recycled = fx.isolation.recycled.lock().expect("lock").clone();
    assert!(!recycled.is_empty());
    for (from, to) in &recycled {
        let from_order = from
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert_eq!(fx.order(&from_order).state, OrderState::Merged);
        assert_ne!(&from_order, to);
    }
    // The spare worktrees were released when the run ended.
    let left: Vec<_> = std::fs::read_dir(&fx.isolation.root)
        .expect("readable")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[tokio::test]
async fn a_crew_that_changes_nothing_is_reported_as_such_not_as_merged_work() {
    let f = fixture(
        serde_json::json!([
            {"id": "idle", "title": "I", "role": "tester"},
            {"id": "next", "title": "N", "role": "builder", "depends_on": ["idle"]}
        ]),
        ScriptedAgent::default().with("next", vec![writes(&[("n.txt", "n\n")])]),
    );
    let summary = f.run(pro()).await;
    assert!(summary.all_merged(), "{summary:?}");
    assert_eq!(ids(&summary.unchanged), ["idle"]);
    // Its dependent still ran: an order with nothing to merge is settled.
    assert_eq!(ids(&summary.merged), ["idle", "next"]);
    let idle = f.report("idle");
    assert!(idle.nothing_to_merge && idle.merged_head.is_none());
    assert!(!f.report("next").nothing_to_merge);
    let actions = f.audit.actions();
    assert!(
        actions.contains(&"order.unchanged v1/idle".to_owned()),
        "{actions:?}"
    );
    assert!(actions.contains(&"merge v1/next".to_owned()), "{actions:?}");
}

#[tokio::test]
async fn a_change_of_workspace_json_while_crews_run_stops_the_run() {
    let f = fixture(
        serde_json::json!([
            {"id": "slow", "title": "S", "role": "builder"},
            {"id": "later", "title": "L", "role": "builder", "depends_on": ["slow"]}
        ]),
        ScriptedAgent::default().with(
            "slow",
            vec![Step {
                delay_ms: 5_000,
                ..writes(&[("s.txt", "s\n")])
            }],
        ),
    );
    let config_path = f.store.config_path();
    let mut changed = f.config.clone();
    changed.scan.allow = vec!["**".into()];
    let run = f.run(pro());
    let edit = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        std::fs::write(&config_path, changed.to_pretty_json()).expect("edit");
    };
    let (summary, ()) = tokio::join!(run, edit);
    assert!(summary.stopped, "{summary:?}");
    assert_eq!(summary.config_changed, Some(vec!["scan.allow".to_owned()]));
    assert_eq!(ids(&summary.interrupted), ["slow"]);
    assert_eq!(ids(&summary.waiting), ["later"]);
    let actions = f.audit.actions();
    assert!(actions.contains(&"run.start v1".to_owned()), "{actions:?}");
    assert!(
        actions.contains(&"config.change v1".to_owned()),
        "{actions:?}"
    );
    let start = f.audit.events.lock().expect("lock")[0].clone();
    assert_eq!(start.action, "run.start");
    assert_eq!(
        start.details["config_sha256"].as_str().map(str::len),
        Some(64),
        "{start:?}"
    );
}
