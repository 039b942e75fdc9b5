//! The in-memory ports the dispatcher runs against: a small content-addressed model of git
//! (commits are snapshots of files, worktrees real directories), a scanner that finds
//! `SECRET_` markers, and a scripted agent.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use crate::dispatch::*;
use crate::ports::{
    ApiLimit, Candidate, ChangedFile, Collected, CrewFuture, CrewOutcome, CrewProgress,
    CrewRequest, CrewWorktree, MergeOutcome, ScanFinding, ScanOutcome, ScanRequest, Verdict,
};

pub(super) type Snapshot = BTreeMap<String, String>;

#[derive(Default)]
pub(super) struct Repo {
    pub(super) commits: BTreeMap<String, (Snapshot, Vec<String>)>,
    /// Crew branches and the commit they point at.
    pub(super) branches: BTreeMap<String, String>,
    /// Squash commits on the voyage and the change each brought.
    pub(super) squashed: BTreeMap<String, String>,
    pub(super) head: String,
    pub(super) next: u32,
}

/// Commits are snapshots of files; worktrees are real directories under `root`.
pub(super) struct FakeIsolation {
    pub(super) root: PathBuf,
    pub(super) repo: Mutex<Repo>,
    /// Worktrees handed from one order to the next: (old path, new order).
    pub(super) recycled: Mutex<Vec<(PathBuf, String)>>,
}

impl FakeIsolation {
    pub(super) fn new(root: &Path, files: &[(&str, &str)]) -> FakeIsolation {
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

    pub(super) fn head_files(&self) -> Snapshot {
        let repo = self.repo.lock().expect("lock");
        repo.commits[&repo.head].0.clone()
    }
}

pub(super) fn read_tree(dir: &Path, prefix: &str, out: &mut Snapshot) {
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

pub(super) fn ancestors(repo: &Repo, start: &str) -> Vec<String> {
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
    fn prepare(
        &self,
        _: &Voyage,
        order: &OrderId,
        spare: Option<CrewWorktree>,
    ) -> Result<CrewWorktree, PortError> {
        if let Some(spare) = spare {
            self.recycled
                .lock()
                .expect("lock")
                .push((spare.path.clone(), order.to_string()));
            self.release(&spare)?;
        }
        let base = self.repo.lock().expect("lock").head.clone();
        let base = base.as_str();
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
}

/// Finds `SECRET_` markers.
pub(super) struct MarkerScanner;

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
pub(super) struct Step {
    /// Written before the delay: what an interrupted crew leaves behind.
    pub(super) first: Vec<(String, String)>,
    pub(super) writes: Vec<(String, String)>,
    pub(super) success: bool,
    pub(super) delay_ms: u64,
    /// A limit of the API the crew reports at its start and waits out itself (the delay).
    pub(super) waits: Option<ApiLimit>,
    /// The API stops the crew after the delay with this limit (nothing written).
    pub(super) limited: Option<ApiLimit>,
    /// What the crew spent.
    pub(super) cost_usd: Option<f64>,
}

pub(super) fn writes(files: &[(&str, &str)]) -> Step {
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
pub(super) struct Run {
    pub(super) order: String,
    pub(super) attempt: u32,
    pub(super) prompt: String,
    /// The session it was asked to resume, and the one it was asked to start.
    pub(super) resume_session: Option<String>,
    pub(super) session_id: Option<String>,
    pub(super) start: Instant,
    pub(super) end: Instant,
}

#[derive(Default)]
pub(super) struct ScriptedAgent {
    pub(super) script: BTreeMap<String, Vec<Step>>,
    pub(super) runs: Arc<Mutex<Vec<Run>>>,
    /// Keeps sessions: an interrupted crew is resumed, and its steps go by run, not attempt.
    pub(super) resumes: bool,
}

impl ScriptedAgent {
    pub(super) fn with(mut self, order: &str, steps: Vec<Step>) -> Self {
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
