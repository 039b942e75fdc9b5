//! Fixtures built with the git CLI, isolated from the user's configuration, and the crews and
//! commits the tests share.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

mod crew;

pub use crew::{KEY, collect, commit_on, crew, move_voyage, options as collect_options};

/// A temporary repository with an isolated `HOME`; `git fsck` must pass when it is dropped.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub home: tempfile::TempDir,
}

impl Fixture {
    /// A repository on `main` with one commit holding `a.txt` and `dir/b.txt`.
    pub fn new() -> Fixture {
        let fixture = Fixture::empty();
        fixture.write("a.txt", "one\ntwo\nthree\n");
        fixture.write("dir/b.txt", "b\n");
        fixture.write(".gitignore", "*.log\n/target/\n");
        fixture.git(&["add", "-A"]);
        fixture.git(&["commit", "-q", "-m", "initial"]);
        fixture
    }

    /// An initialised repository without commits.
    pub fn empty() -> Fixture {
        let dir = tempfile::tempdir().expect("tempdir");
        let home = tempfile::tempdir().expect("tempdir");
        let fixture = Fixture { dir, home };
        fixture.git(&["-c", "init.defaultBranch=main", "init", "-q"]);
        fixture
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        write_in(self.root(), rel, text);
    }

    pub fn repo(&self) -> maestro_git::Repo {
        maestro_git::Repo::discover(self.root()).expect("discovered")
    }

    /// Runs git in the repository root; panics unless it succeeds.
    pub fn git(&self, args: &[&str]) -> String {
        git_in(self.home.path(), self.root(), args)
    }

    /// Runs git in `dir`; panics unless it succeeds.
    pub fn git_at(&self, dir: &Path, args: &[&str]) -> String {
        git_in(self.home.path(), dir, args)
    }

    /// Runs git in the root and returns (success, stdout).
    pub fn try_git(&self, args: &[&str]) -> (bool, String) {
        let out = command(self.home.path(), self.root(), args)
            .output()
            .expect("git runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    }

    /// Stages everything in `dir` (`git add -A`) and commits it with `message`.
    pub fn commit_all_at(&self, dir: &Path, message: &str) {
        self.git_at(dir, &["add", "-A"]);
        self.git_at(dir, &["commit", "-q", "-m", message]);
    }

    /// Locks the worktree at `path` as `git worktree lock` does, with `reason` if given.
    pub fn lock_worktree(&self, path: &Path, reason: Option<&str>) {
        let path = path.to_str().expect("utf-8");
        match reason {
            Some(reason) => self.git(&["worktree", "lock", "--reason", reason, path]),
            None => self.git(&["worktree", "lock", path]),
        };
    }

    /// The repository with the branch `maestro/<voyage>` made at `HEAD`, and that commit.
    pub fn start_voyage(&self, voyage: &str) -> (maestro_git::Repo, maestro_git::ObjectId) {
        let repo = self.repo();
        let head = self.rev("HEAD");
        repo.create_branch(&format!("maestro/{voyage}"), head, "test")
            .expect("voyage");
        (repo, head)
    }

    pub fn rev(&self, revision: &str) -> maestro_git::ObjectId {
        self.git(&["rev-parse", revision])
            .parse()
            .expect("an object id")
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        let out = command(
            self.home.path(),
            self.root(),
            &["fsck", "--full", "--no-progress", "--strict"],
        )
        .output()
        .expect("git runs");
        assert!(
            out.status.success(),
            "git fsck failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Writes files `.gitignore` ignores (`build.log`, `target/debug/x`) into `dir` and makes
/// its `tool.sh` executable.
pub fn ignored_files_and_an_executable(dir: &Path) {
    write_in(dir, "build.log", "ignored\n");
    write_in(dir, "target/debug/x", "ignored\n");
    std::fs::set_permissions(dir.join("tool.sh"), std::fs::Permissions::from_mode(0o755))
        .expect("chmod");
}

pub fn write_in(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// git in `dir` with the tests' hermetic environment (`HOME` isolated, fixed identity and dates).
fn command(home: &Path, dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new("git");
    maestro_tests::hermetic(&mut cmd, home)
        .args(args)
        .current_dir(dir);
    cmd
}

fn git_in(home: &Path, dir: &Path, args: &[&str]) -> String {
    let out = command(home, dir, args).output().expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} in {}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim_end()
        .to_owned()
}

/// Every file under `.git/objects` (loose objects and packs), to tell whether anything was written.
pub fn object_files(fixture: &Fixture) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&fixture.path(".git/objects"), &mut out);
    out.sort();
    out
}

/// The blobs reachable from any reference or reflog (of any worktree) whose content holds
/// `needle`, as git finds them.
pub fn reachable_blobs_holding(fixture: &Fixture, needle: &str) -> Vec<String> {
    let objects = fixture.git(&["rev-list", "--all", "--reflog", "--objects"]);
    let mut found = Vec::new();
    for line in objects.lines() {
        let id = line.split(' ').next().expect("an id");
        if fixture.git(&["cat-file", "-t", id]) != "blob" {
            continue;
        }
        let out = command(
            fixture.home.path(),
            fixture.root(),
            &["cat-file", "blob", id],
        )
        .output()
        .expect("git runs");
        if String::from_utf8_lossy(&out.stdout).contains(needle) {
            found.push(id.to_owned());
        }
    }
    found
}
