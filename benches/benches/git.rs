//! maestro-git: adding a crew worktree (against `git worktree add` on the same repository in
//! the same run), handing a merged crew's worktree to the next order (against `git worktree
//! move` + `git checkout -B` + `git clean -ffdx`), and merging a 100-file change into a voyage
//! branch.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use maestro_git::merge::MergeOptions;

fn git(home: &Path, dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "bench")
        .env("GIT_AUTHOR_EMAIL", "bench@example.com")
        .env("GIT_COMMITTER_NAME", "bench")
        .env("GIT_COMMITTER_EMAIL", "bench@example.com")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// A repository whose one commit holds `files` small source files in nested directories.
fn repository(files: usize) -> (tempfile::TempDir, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = tempfile::tempdir().expect("tempdir");
    git(
        home.path(),
        dir.path(),
        &["-c", "init.defaultBranch=main", "init", "-q"],
    );
    for i in 0..files {
        let path = dir
            .path()
            .join(format!("src/m{}/s{}/file{i}.rs", i % 50, i % 7));
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        let mut body = String::new();
        for l in 0..20 {
            writeln!(body, "// line {l} of file {i}").expect("writing to a String cannot fail");
        }
        std::fs::write(path, body).expect("write");
    }
    git(home.path(), dir.path(), &["add", "-A"]);
    git(home.path(), dir.path(), &["commit", "-q", "-m", "fixture"]);
    (dir, home)
}

/// Appends `line` to the first `count` files of [`repository`].
fn append_to_files(root: &Path, count: usize, line: &str) {
    for i in 0..count {
        let path = root.join(format!("src/m{}/s{}/file{i}.rs", i % 50, i % 7));
        let mut body = std::fs::read_to_string(&path).expect("read");
        body.push_str(line);
        std::fs::write(path, body).expect("write");
    }
}

/// One worktree added by maestro (`ours`) or by `git worktree add`, timed, then removed.
fn add_once(
    repo: &maestro_git::Repo,
    base: maestro_git::ObjectId,
    dir: &Path,
    home: &Path,
    ours: bool,
    n: usize,
) -> Duration {
    let worktrees = dir.join("wt");
    let path = worktrees.join(format!("v/{}{n}", if ours { "m" } else { "g" }));
    let path_str = path.to_str().expect("utf-8").to_owned();
    let start = Instant::now();
    if ours {
        repo.add_worktree(&worktrees, "v", &format!("m{n}"), base)
            .expect("added");
    } else {
        let branch = format!("maestro-crew/v/g{n}");
        git(
            home,
            dir,
            &["worktree", "add", "-q", "-b", &branch, &path_str, "HEAD"],
        );
    }
    let elapsed = start.elapsed();
    git(home, dir, &["worktree", "remove", "--force", &path_str]);
    elapsed
}

/// Both contenders run in every iteration, alternating which goes first, so load changes
/// on the shared machine and the disk's state after each removal hit them alike; only the
/// benchmark's own contender is timed.
fn worktree_add(c: &mut Criterion) {
    let mut group = c.benchmark_group("worktree_add");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    for files in [1_000, 20_000] {
        let (dir, home) = repository(files);
        let repo = maestro_git::Repo::discover(dir.path()).expect("repo");
        let base = repo.resolve_commit("HEAD").expect("HEAD");
        let mut n = 0_usize;
        for (name, ours) in [("maestro", true), ("git", false)] {
            group.bench_function(BenchmarkId::new(name, files), |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        n += 1;
                        let mine_first = n.is_multiple_of(2);
                        for mine in [mine_first, !mine_first] {
                            let contender = if mine { ours } else { !ours };
                            let elapsed =
                                add_once(&repo, base, dir.path(), home.path(), contender, n);
                            if mine {
                                total += elapsed;
                            }
                        }
                    }
                    total
                });
            });
        }
    }
    group.finish();
}

/// A merged crew's worktree, left at the old voyage head with a build directory of 20 ignored
/// files, is handed to the next order at the new voyage head (10 files changed since).
/// Only the hand-over is timed; contenders alternate, each on a fresh worktree.
fn worktree_recycle(c: &mut Criterion) {
    let (dir, home) = repository(1_000);
    let root = dir.path();
    std::fs::write(root.join(".git/info/exclude"), "/wt/\ntarget/\n").expect("exclude");
    let repo = maestro_git::Repo::discover(root).expect("repo");
    let old = repo.resolve_commit("HEAD").expect("HEAD");
    append_to_files(root, 10, "// merged by another crew\n");
    git(home.path(), root, &["commit", "-q", "-am", "other crews"]);
    let new = repo.resolve_commit("HEAD").expect("HEAD");
    git(home.path(), root, &["branch", "maestro/v", "HEAD"]);
    let worktrees = root.join("wt");
    let mut n = 0_usize;
    let fresh = |n: usize| {
        let wt = repo
            .add_worktree(&worktrees, "v", &format!("o{n}"), old)
            .expect("added");
        for f in 0..20 {
            let path = wt.path.join(format!("target/debug/obj{f}.o"));
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, "object\n").expect("write");
        }
        wt.path
    };
    let hand_over = |from: &Path, ours: bool, n: usize| -> (Duration, std::path::PathBuf) {
        let start = Instant::now();
        let path = if ours {
            repo.recycle_worktree(from, "maestro/v", &worktrees, "v", &format!("r{n}"), new)
                .expect("recycled")
                .path
        } else {
            let to = worktrees.join(format!("v/g{n}"));
            let to_str = to.to_str().expect("utf-8");
            git(
                home.path(),
                root,
                &["worktree", "move", from.to_str().expect("utf-8"), to_str],
            );
            let branch = format!("maestro-crew/v/g{n}");
            git(
                home.path(),
                &to,
                &["checkout", "-q", "-B", &branch, &new.to_string()],
            );
            git(home.path(), &to, &["clean", "-q", "-ffdx"]);
            to
        };
        (start.elapsed(), path)
    };
    let mut group = c.benchmark_group("worktree_recycle");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for (name, ours) in [("maestro", true), ("git", false)] {
        group.bench_function(BenchmarkId::new(name, 1_000), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    n += 1;
                    let mine_first = n.is_multiple_of(2);
                    for mine in [mine_first, !mine_first] {
                        let contender = if mine { ours } else { !ours };
                        let from = fresh(n * 2 + usize::from(contender));
                        let (elapsed, path) = hand_over(&from, contender, n);
                        if mine {
                            total += elapsed;
                        }
                        let path = path.to_str().expect("utf-8").to_owned();
                        git(home.path(), root, &["worktree", "remove", "--force", &path]);
                    }
                }
                total
            });
        });
    }
    group.finish();
}

/// A voyage branch and an order branch that diverged: the order changed 100 files, the voyage
/// one other file, so the merge writes a merge commit.
fn merge_100_files(c: &mut Criterion) {
    let (dir, home) = repository(1_000);
    let root = dir.path();
    git(home.path(), root, &["branch", "maestro/v"]);
    git(
        home.path(),
        root,
        &["checkout", "-q", "-b", "maestro-crew/v/o"],
    );
    append_to_files(root, 100, "// changed by the order\n");
    git(home.path(), root, &["commit", "-q", "-am", "order"]);
    git(home.path(), root, &["checkout", "-q", "maestro/v"]);
    std::fs::write(root.join("VOYAGE"), "voyage\n").expect("write");
    git(home.path(), root, &["add", "VOYAGE"]);
    git(home.path(), root, &["commit", "-q", "-m", "voyage"]);
    git(home.path(), root, &["checkout", "-q", "main"]);
    let repo = maestro_git::Repo::discover(root).expect("repo");
    let voyage = repo.resolve_commit("maestro/v").expect("voyage");
    let mut group = c.benchmark_group("merge");
    group.bench_function("100_files", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                let report = repo
                    .merge_branch("maestro/v", "maestro-crew/v/o", &MergeOptions::default())
                    .expect("merged");
                total += start.elapsed();
                repo.delete_branch("maestro/v", report.new).expect("reset");
                repo.create_branch("maestro/v", voyage, "bench reset")
                    .expect("reset");
            }
            total
        });
    });
    group.finish();
}

criterion_group!(benches, worktree_add, worktree_recycle, merge_100_files);
criterion_main!(benches);
