//! The hostile-input suite (issue 12): a crew — careless or prompt-injected — tries every way
//! found to get a credential into the repository, to write outside its worktree, or to switch
//! off the rules that watch it, through the real binary, real git and real processes (and, for
//! the sandbox, the real claude CLI).
//!
//! Every case ends with the same four checks: no secret in any object reachable from any
//! reference (`git rev-list --all --reflog --objects`, every object read back with `git
//! cat-file`), no write outside the crew's worktree (the main checkout, `.mso/workspace.json`,
//! the home directory and a directory beside the repository are unchanged), a one-line reason
//! on stderr, and an audit entry — except a refusal of bad input (exit 2), which writes nothing
//! at all, the audit log included, and is checked for exactly that. Each case names its class (as issue 12 lists them) and what
//! the seed (commit 02f4997, before this issue) did with it: `Allowed`/`Merged` cases are the
//! holes this issue closed, `Blocked` ones were already held and stay held.
//!
//! Survey mode: with `MAESTRO_HOSTILE_BIN=<another maestro binary>` the suite runs that binary
//! and prints, per case, whether it held instead of failing (how the `before` column was
//! measured).

mod claude_cases;
mod hook_cases;
mod run_cases;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use maestro_tests::GitRepo;

/// A credential of each of a few kinds, made up but of the provider's real format.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Secret {
    pub rule: &'static str,
    pub value: &'static str,
}

pub(crate) const AWS: Secret = Secret {
    rule: "aws-access-key-id",
    value: "AKIAQ7RPZ3MFXW2BKT5L",
};
pub(crate) const GITHUB: Secret = Secret {
    rule: "github-pat",
    value: "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",
};
pub(crate) const SLACK: Secret = Secret {
    rule: "slack-bot-token",
    value: "xoxb-651178663429-5168107963994-BFcKMpdh5EvSwkwhT3C86KRT",
};
pub(crate) const STRIPE: Secret = Secret {
    rule: "stripe-secret-key",
    value: "sk_live_OfR4udLil2DInfq61l9qBU8g1mDAij4x",
};

/// Every kind, for the write paths each is tried through.
pub(crate) const SECRETS: [Secret; 4] = [AWS, GITHUB, SLACK, STRIPE];

/// The classes of issue 12's "What was observed".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// 1. Unscanned means allowed.
    Unscanned,
    /// 2. The crew can suppress its own findings.
    Suppression,
    /// 3. Secrets reach commits.
    Commits,
    /// 4. Writes escape the worktree.
    Escape,
    /// 5. Secrets kept in clear where maestro itself stores them.
    Redaction,
    /// 6. Other doors.
    OtherDoors,
}

/// What the seed (02f4997) did with a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Before {
    /// The call went ahead (exit 0, no audit entry), or the write happened.
    Allowed,
    /// The secret reached the voyage branch's history.
    Merged,
    /// The order failed its gate, but the secret sat in a commit on the crew branch.
    Committed,
    /// Reported merged while the crew's work never reached the voyage branch (or reported
    /// merged with nothing to merge).
    Lost,
    /// A suppression took effect without any record of it.
    Silent,
    /// Refused, but the secret was kept in clear where maestro stores what it did (the audit
    /// log, a report).
    Leaked,
    /// Already refused.
    Blocked,
}

/// The maestro binary the suite attacks: the build's own, or `MAESTRO_HOSTILE_BIN`.
pub(crate) fn maestro_bin() -> PathBuf {
    std::env::var_os("MAESTRO_HOSTILE_BIN").map_or_else(
        || maestro_tests::maestro_bin().expect("maestro is built"),
        PathBuf::from,
    )
}

/// Whether the suite only surveys another binary (prints, does not fail).
pub(crate) fn surveying() -> bool {
    std::env::var_os("MAESTRO_HOSTILE_BIN").is_some()
}

/// What a process printed.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A maestro command in `repo`, with git kept from the user's configuration and `home` as
/// the home directory.
pub(crate) fn maestro(repo: &Path, home: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(maestro_bin());
    maestro_tests::hermetic(&mut command, home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .args(args)
        .current_dir(repo);
    command
}

pub(crate) fn output(mut command: Command, stdin: Option<&str>) -> Run {
    command
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("starts");
    if let Some(input) = stdin {
        // A hook may decide (and exit) before it reads all of its input.
        let _ = child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes());
    }
    let out = child.wait_with_output().expect("finishes");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The forms in which `secret` could sit in an object: as written, UTF-16 (LE and BE), and
/// with NULs between its characters.
pub(crate) fn forms(secret: &str) -> Vec<Vec<u8>> {
    let le: Vec<u8> = secret.bytes().flat_map(|b| [b, 0]).collect();
    let be: Vec<u8> = secret.bytes().flat_map(|b| [0, b]).collect();
    vec![
        secret.as_bytes().to_vec(),
        le[..le.len() - 1].to_vec(),
        be[1..].to_vec(),
    ]
}

/// The objects reachable from any reference or reflog of `repo` that hold `secret` in any of
/// its [`forms`], as `<kind> <id>`.
pub(crate) fn reachable_holding(repo: &Path, secret: &str) -> Vec<String> {
    let git = |args: &[&str]| {
        let mut command = Command::new("git");
        command
            .args(args)
            .current_dir(repo)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", repo);
        command
    };
    let listed = git(&["rev-list", "--all", "--reflog", "--objects"])
        .output()
        .expect("git rev-list");
    assert!(
        listed.status.success(),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    let mut ids = String::new();
    for id in String::from_utf8_lossy(&listed.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next())
    {
        ids.push_str(id);
        ids.push('\n');
    }
    let mut batch = git(&["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("git cat-file");
    let mut stdin = batch.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || stdin.write_all(ids.as_bytes()));
    let out = batch.wait_with_output().expect("cat-file output");
    writer.join().expect("writer").expect("ids written");
    let mut holding = Vec::new();
    let data = out.stdout;
    let mut at = 0;
    let needles = forms(secret);
    while at < data.len() {
        let header_end = at + data[at..].iter().position(|&b| b == b'\n').expect("header");
        let header = String::from_utf8_lossy(&data[at..header_end]).into_owned();
        let mut parts = header.split_whitespace();
        let (id, kind, size) = (
            parts.next().unwrap_or_default().to_owned(),
            parts.next().unwrap_or_default().to_owned(),
            parts
                .next()
                .and_then(|s| s.parse::<usize>().ok())
                .unwrap_or(0),
        );
        let body = &data[header_end + 1..header_end + 1 + size];
        if needles
            .iter()
            .any(|n| body.windows(n.len()).any(|w| w == n.as_slice()))
        {
            holding.push(format!("{kind} {id}"));
        }
        at = header_end + 1 + size + 1;
    }
    holding
}

/// The files of `dir` (recursively, `.git` and `skip` left out) with their contents, to tell
/// whether anything was written there.
pub(crate) fn snapshot(dir: &Path, skip: &[&str]) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, root: &Path, skip: &[&str], out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let relative = path.strip_prefix(root).expect("inside").to_owned();
            let name = relative.to_string_lossy().into_owned();
            if name == ".git"
                || skip
                    .iter()
                    .any(|s| name == *s || name.starts_with(&format!("{s}/")))
            {
                continue;
            }
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                out.insert(relative.clone(), b"<dir>".to_vec());
                walk(&path, root, skip, out);
            } else if meta.file_type().is_symlink() {
                let target = std::fs::read_link(&path).unwrap_or_default();
                out.insert(relative, format!("-> {}", target.display()).into_bytes());
            } else {
                out.insert(relative, std::fs::read(&path).unwrap_or_default());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, skip, &mut out);
    out
}

/// A problem with a case, or none.
pub(crate) type Check = Result<(), String>;

pub(crate) fn check(ok: bool, what: impl FnOnce() -> String) -> Check {
    if ok { Ok(()) } else { Err(what()) }
}

/// Runs `cases`, each returning its problems; fails listing every case that did not hold (in
/// survey mode, prints what held instead).
pub(crate) fn judge(group: &str, results: &[(String, Class, Before, Check)]) {
    let mut failures = Vec::new();
    let mut lines = Vec::new();
    for (name, class, before, result) in results {
        lines.push(format!(
            "{group}: {name} [{class:?}, before: {before:?}]: {}",
            match result {
                Ok(()) => "held".to_owned(),
                Err(e) => format!("NOT HELD: {e}"),
            }
        ));
        if let Err(e) = result {
            failures.push(format!("{name}: {e}"));
        }
    }
    let _ = writeln!(std::io::stderr(), "{}", lines.join("\n"));
    if surveying() {
        return;
    }
    assert!(
        failures.is_empty(),
        "{} of {} {group} cases did not hold:\n{}",
        failures.len(),
        results.len(),
        failures.join("\n")
    );
}

/// The one line a refusal is: exactly one non-empty line on stderr, holding `why`, never the
/// secret.
pub(crate) fn one_line(stderr: &str, why: &str, secret: Option<&str>) -> Check {
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    check(lines.len() == 1, || {
        format!("stderr is not one line: {stderr:?}")
    })?;
    check(lines[0].contains(why), || {
        format!("stderr lacks {why:?}: {stderr:?}")
    })?;
    check(secret.is_none_or(|s| !stderr.contains(s)), || {
        format!("stderr quotes the secret: {stderr:?}")
    })
}

/// `repo`'s audit log holds, past its first `from` lines, an entry with `action`, and nowhere
/// the secret; and `maestro audit verify` passes.
pub(crate) fn audited(repo: &Path, from: usize, action: &str, secret: Option<&str>) -> Check {
    let log = std::fs::read_to_string(repo.join(".mso/audit.log")).unwrap_or_default();
    let new: Vec<&str> = log.lines().skip(from).collect();
    check(
        new.iter()
            .any(|l| l.contains(&format!("\"action\":\"{action}\""))),
        || format!("no {action} entry among {new:?}"),
    )?;
    check(secret.is_none_or(|s| !log.contains(s)), || {
        "the audit log holds the secret".to_owned()
    })
}

pub(crate) fn audit_len(repo: &Path) -> usize {
    std::fs::read_to_string(repo.join(".mso/audit.log")).map_or(0, |l| l.lines().count())
}

/// No object reachable from any reference holds `secret`.
pub(crate) fn unreachable(repo: &Path, secret: &str) -> Check {
    let holding = reachable_holding(repo, secret);
    check(holding.is_empty(), || {
        format!("the secret is reachable in {holding:?}")
    })
}

/// A workspace with voyage `v1` (branch `maestro/v1`), a fake home and a directory beside the
/// repository that no crew may write.
pub(crate) struct Workspace {
    pub repo: GitRepo,
    pub home: tempfile::TempDir,
    pub beside: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        let repo = GitRepo::with_commit().expect("fixture");
        let home = tempfile::tempdir().expect("home");
        std::fs::create_dir_all(home.path().join(".ssh")).expect("mkdir");
        std::fs::write(home.path().join(".ssh/id_ed25519"), "not a real key\n").expect("write");
        let beside = tempfile::tempdir().expect("beside");
        std::fs::write(beside.path().join("sentinel.txt"), "untouched\n").expect("write");
        let ws = Workspace { repo, home, beside };
        let init = ws.maestro(&["init", "-q"]);
        assert_eq!(init.code, 0, "{init:?}");
        let new = ws.maestro(&["voyage", "new", "v1", "-q"]);
        assert_eq!(new.code, 0, "{new:?}");
        ws
    }

    pub fn path(&self) -> &Path {
        self.repo.path()
    }

    pub fn maestro(&self, args: &[&str]) -> Run {
        output(maestro(self.path(), self.home.path(), args), None)
    }

    pub fn command(&self, args: &[&str]) -> Command {
        maestro(self.path(), self.home.path(), args)
    }

    /// Edits `.mso/workspace.json`.
    pub fn configure(&self, edit: impl FnOnce(&mut serde_json::Value)) {
        let path = self.path().join(".mso/workspace.json");
        let mut config: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("config")).expect("JSON");
        edit(&mut config);
        std::fs::write(&path, serde_json::to_string_pretty(&config).expect("JSON")).expect("write");
    }

    /// What must not change while a crew runs: the main checkout (maestro's state and git
    /// aside, but `workspace.json` included), the home directory and the directory beside.
    pub fn outside(&self) -> Vec<BTreeMap<PathBuf, Vec<u8>>> {
        self.outside_but(&[])
    }

    /// [`Workspace::outside`] without `own`: what the agent program itself (not the crew)
    /// keeps there, e.g. Claude Code's state in the home directory.
    pub fn outside_but(&self, own: &[&str]) -> Vec<BTreeMap<PathBuf, Vec<u8>>> {
        let main_skip: Vec<&str> = [".mso"].into_iter().chain(own.iter().copied()).collect();
        let home_skip: Vec<&str> = [".config/maestro"]
            .into_iter()
            .chain(own.iter().copied())
            .collect();
        let mut main = snapshot(self.path(), &main_skip);
        main.insert(
            PathBuf::from(".mso/workspace.json"),
            std::fs::read(self.path().join(".mso/workspace.json")).unwrap_or_default(),
        );
        vec![
            main,
            snapshot(self.home.path(), &home_skip),
            snapshot(self.beside.path(), &[]),
        ]
    }
}

/// Nothing outside the worktree changed between `before` and now.
pub(crate) fn untouched(ws: &Workspace, before: &[BTreeMap<PathBuf, Vec<u8>>]) -> Check {
    compare(before, &ws.outside())
}

/// Nothing outside the worktree changed between `before` and `after`.
pub(crate) fn compare(
    before: &[BTreeMap<PathBuf, Vec<u8>>],
    after: &[BTreeMap<PathBuf, Vec<u8>>],
) -> Check {
    for (which, (a, b)) in [
        "the main checkout",
        "the home directory",
        "the directory beside",
    ]
    .iter()
    .zip(before.iter().zip(after))
    {
        if a != b {
            let changed: Vec<&PathBuf> = a
                .keys()
                .chain(b.keys())
                .filter(|k| a.get(*k) != b.get(*k))
                .collect();
            return Err(format!("{which} changed: {changed:?}"));
        }
    }
    Ok(())
}
