//! Git bundles: a commit's objects in one file, to carry a voyage head to a crew on another
//! machine and the crew's commit back, with no shared filesystem.
//!
//! gix can neither write nor read bundles yet, so this module is the one place maestro-git runs
//! the `git` program: with the system and user configuration ignored, hooks off, and every
//! received object checked (`transfer.fsckObjects`) — a bundle from a remote crew is as
//! untrusted as the crew.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A bundle could not be made or read.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// The `git` program could not be started.
    #[error("cannot run git for a bundle: {0}")]
    Spawn(#[source] std::io::Error),
    /// git refused; its first line of error output.
    #[error("git {action} failed in {dir}: {message}")]
    Git {
        /// What was being done.
        action: &'static str,
        /// The repository.
        dir: PathBuf,
        /// git's message.
        message: String,
    },
    /// A commit id that is not one (40 or 64 hex digits).
    #[error("`{0}` is not a commit id")]
    NotACommit(String),
    /// The bundle does not hold the commit it was said to hold.
    #[error("the bundle does not hold commit {0}")]
    Missing(String),
}

/// A temporary reference for a bundle's tip, its own for each call: the worktrees of one
/// repository share its references, and attempts bundle at the same time.
fn bundle_ref() -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("refs/maestro-bundle/{}-{n}-{nanos}", std::process::id())
}

fn git(dir: &Path, action: &'static str, args: &[&str]) -> Result<String, BundleError> {
    git_with_index(dir, action, args, None)
}

/// [`git`] with `GIT_INDEX_FILE` set to `index`, when given.
fn git_with_index(
    dir: &Path,
    action: &'static str,
    args: &[&str],
    index: Option<&Path>,
) -> Result<String, BundleError> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "core.hooksPath=/dev/null",
            "-c",
            "transfer.fsckObjects=true",
        ])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .envs(index.map(|i| ("GIT_INDEX_FILE", i)))
        .output()
        .map_err(BundleError::Spawn)?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(BundleError::Git {
            action,
            dir: dir.to_owned(),
            message: stderr
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("no message")
                .trim()
                .to_owned(),
        });
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn commit_id(id: &str) -> Result<&str, BundleError> {
    let ok = matches!(id.len(), 40 | 64) && id.bytes().all(|b| b.is_ascii_hexdigit());
    if ok {
        Ok(id)
    } else {
        Err(BundleError::NotACommit(id.to_owned()))
    }
}

/// Writes to `dest` a bundle of commit `tip` of the repository at `repo`, without the objects
/// `known` already has (a commit the receiver holds: the crew's base); all of them when
/// `known` is `None`.
pub fn create(repo: &Path, tip: &str, known: Option<&str>, dest: &Path) -> Result<(), BundleError> {
    let tip = commit_id(tip)?;
    let local = bundle_ref();
    git(repo, "update-ref", &["update-ref", &local, tip])?;
    let dest_text = dest.to_string_lossy();
    let mut args = vec!["bundle", "create", "-q", dest_text.as_ref(), local.as_str()];
    let exclude;
    if let Some(known) = known {
        exclude = format!("^{}", commit_id(known)?);
        args.push(&exclude);
    }
    let made = git(repo, "bundle create", &args);
    let removed = git(repo, "update-ref", &["update-ref", "-d", &local]);
    made?;
    removed.map(drop)
}

/// Reads the objects of `bundle` into the repository at `repo` (checked one by one) and makes
/// sure it now holds commit `tip`. Nothing else changes: no branch, no worktree file.
pub fn receive(repo: &Path, bundle: &Path, tip: &str) -> Result<(), BundleError> {
    let tip = commit_id(tip)?;
    let bundle_text = bundle.to_string_lossy();
    git(
        repo,
        "bundle verify",
        &["bundle", "verify", "-q", bundle_text.as_ref()],
    )?;
    // The bundle names its one tip by a reference: it must be the commit it is said to hold.
    let heads = git(
        repo,
        "bundle list-heads",
        &["bundle", "list-heads", bundle_text.as_ref()],
    )?;
    let Some(name) = heads.lines().find_map(|line| {
        let (id, name) = line.split_once(' ')?;
        (id == tip && name.starts_with("refs/")).then(|| name.to_owned())
    }) else {
        return Err(BundleError::Missing(tip.to_owned()));
    };
    let local = bundle_ref();
    git(
        repo,
        "fetch",
        &[
            "fetch",
            "-q",
            "--no-tags",
            "--no-write-fetch-head",
            bundle_text.as_ref(),
            &format!("+{name}:{local}"),
        ],
    )?;
    let holds = git(repo, "cat-file", &["cat-file", "-t", tip]).map(|t| t.trim() == "commit");
    git(repo, "update-ref", &["update-ref", "-d", &local])?;
    if holds.unwrap_or(false) {
        Ok(())
    } else {
        Err(BundleError::Missing(tip.to_owned()))
    }
}

/// A new repository at `dest` checked out (detached) at commit `tip` of `bundle`.
pub fn clone(bundle: &Path, tip: &str, dest: &Path) -> Result<(), BundleError> {
    std::fs::create_dir_all(dest).map_err(BundleError::Spawn)?;
    git(dest, "init", &["init", "-q"])?;
    receive(dest, bundle, tip)?;
    git(dest, "checkout", &["checkout", "-q", "--detach", tip]).map(drop)
}

/// Writes the change of `commit` (one commit on `base`, in `bundle`) into the files of the
/// worktree at `worktree`, which holds `base` and nothing else; commits nothing.
///
/// The bundle's objects go into a quarantine repository that borrows the objects of
/// `common_dir` (the repository's shared git directory), never into the repository itself:
/// what a remote crew sent is only written there by the dispatcher's own collection, after it
/// was scanned, exactly as a local crew's files are. The commit must have `base` as its only
/// parent.
pub fn materialize(
    common_dir: &Path,
    bundle: &Path,
    base: &str,
    commit: &str,
    worktree: &Path,
) -> Result<(), BundleError> {
    let base = commit_id(base)?;
    let commit = commit_id(commit)?;
    let quarantine = tempfile::Builder::new()
        .prefix("maestro-quarantine-")
        .tempdir()
        .map_err(BundleError::Spawn)?;
    let q = quarantine.path();
    git(q, "init", &["init", "-q", "--bare"])?;
    let objects = std::path::absolute(common_dir.join("objects")).map_err(BundleError::Spawn)?;
    std::fs::write(
        q.join("objects/info/alternates"),
        format!("{}\n", objects.display()),
    )
    .map_err(BundleError::Spawn)?;
    receive(q, bundle, commit)?;
    let parents = git(q, "rev-list", &["rev-list", "--parents", "-n", "1", commit])?;
    let parents: Vec<&str> = parents.split_whitespace().skip(1).collect();
    if parents != [base] {
        return Err(BundleError::Git {
            action: "check the crew's commit",
            dir: q.to_owned(),
            message: format!("commit {commit} is not one commit on {base}"),
        });
    }
    let index = q.join("materialize.index");
    let in_worktree = |action: &'static str, args: &[&str]| -> Result<String, BundleError> {
        let q_text = q.to_string_lossy();
        let wt_text = worktree.to_string_lossy();
        let mut all = vec![
            "--git-dir",
            q_text.as_ref(),
            "--work-tree",
            wt_text.as_ref(),
        ];
        all.extend_from_slice(args);
        git_with_index(worktree, action, &all, Some(&index))
    };
    in_worktree("read-tree", &["read-tree", base])?;
    // The fresh index knows no file's stat data: refreshed, the worktree's files that match
    // the base count as up to date, and any that does not makes the two-tree read refuse.
    let _ = in_worktree("update-index", &["update-index", "-q", "--refresh"]);
    in_worktree("read-tree -m -u", &["read-tree", "-m", "-u", base, commit]).map(drop)
}

/// Commits everything the worktree at `dir` holds beyond commit `base` — the crew's own
/// commits and what it left uncommitted — as one commit on `base` (as `author`, with
/// `message`); the new commit, or `None` when its files are `base`'s.
pub fn commit_all_on(
    dir: &Path,
    base: &str,
    author: &str,
    message: &str,
) -> Result<Option<String>, BundleError> {
    let base = commit_id(base)?;
    git(dir, "reset", &["reset", "-q", "--soft", base])?;
    commit_all(dir, author, message)
}

/// Commits everything in the worktree at `dir` (new, changed and deleted files) on its `HEAD`
/// as `author` (`Name <email>`), with `message`; the new commit, or `None` when nothing changed.
pub fn commit_all(dir: &Path, author: &str, message: &str) -> Result<Option<String>, BundleError> {
    git(dir, "add", &["add", "-A"])?;
    let status = git(dir, "status", &["status", "--porcelain"])?;
    if status.trim().is_empty() {
        return Ok(None);
    }
    let (name, email) = author
        .split_once(" <")
        .map_or((author, "maestro@localhost"), |(n, e)| {
            (n, e.trim_end_matches('>'))
        });
    git(
        dir,
        "commit",
        &[
            "-c",
            &format!("user.name={name}"),
            "-c",
            &format!("user.email={email}"),
            "commit",
            "-q",
            "--no-verify",
            "-m",
            message,
        ],
    )?;
    Ok(Some(
        git(dir, "rev-parse", &["rev-parse", "HEAD"])?
            .trim()
            .to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_git::git as run;

    #[test]
    fn a_commit_travels_there_and_back_in_bundles() {
        let home = tempfile::tempdir().expect("home");
        let origin = tempfile::tempdir().expect("origin");
        run(origin.path(), &["init", "-q"]);
        std::fs::write(origin.path().join("README"), "hello\n").expect("write");
        run(origin.path(), &["add", "README"]);
        run(origin.path(), &["commit", "-q", "-m", "base"]);
        let base = run(origin.path(), &["rev-parse", "HEAD"]).trim().to_owned();
        let down = home.path().join("base.bundle");
        create(origin.path(), &base, None, &down).expect("bundle");
        // The temporary reference is gone again.
        assert!(
            run(origin.path(), &["for-each-ref"])
                .lines()
                .all(|l| !l.contains("maestro-bundle"))
        );

        let node = home.path().join("node");
        clone(&down, &base, &node).expect("clone");
        assert_eq!(
            std::fs::read_to_string(node.join("README")).expect("read"),
            "hello\n"
        );
        std::fs::write(node.join("NEW"), "crew\n").expect("write");
        std::fs::write(node.join("README"), "hello, crew\n").expect("write");
        let crew = commit_all(&node, "maestro builder <maestro@localhost>", "crew work")
            .expect("commit")
            .expect("a change");
        assert_eq!(commit_all(&node, "x <y>", "nothing").expect("commit"), None);
        // A crew's own commits and what it left uncommitted become one commit on the base.
        let own = home.path().join("own");
        clone(&down, &base, &own).expect("clone");
        std::fs::write(own.join("A"), "a\n").expect("write");
        run(&own, &["add", "A"]);
        run(&own, &["commit", "-qm", "the crew's own"]);
        std::fs::write(own.join("B"), "b\n").expect("write");
        let one = commit_all_on(&own, &base, "m <m@x>", "all")
            .expect("commit")
            .expect("a change");
        assert_eq!(run(&own, &["rev-parse", &format!("{one}^")]), base);
        assert_eq!(
            run(&own, &["show", "--name-only", "--format=", &one]),
            "A\nB"
        );
        let up = home.path().join("crew.bundle");
        create(&node, &crew, Some(&base), &up).expect("bundle back");

        receive(origin.path(), &up, &crew).expect("received");
        assert_eq!(
            run(origin.path(), &["show", &format!("{crew}:NEW")]),
            "crew"
        );
        assert_eq!(
            run(origin.path(), &["rev-parse", &format!("{crew}^")]).trim(),
            base
        );
        // The receiver's branches and files did not move.
        assert_eq!(run(origin.path(), &["rev-parse", "HEAD"]).trim(), base);
        assert!(!origin.path().join("NEW").exists());
        // The change lands in a worktree's files only: the repository receives no object.
        let wt = home.path().join("wt");
        run(
            origin.path(),
            &[
                "worktree",
                "add",
                "-q",
                "--detach",
                wt.to_str().expect("utf-8"),
                &base,
            ],
        );
        std::fs::remove_file(node.join("README")).expect("rm");
        let second = commit_all(&node, "m <m@x>", "rm")
            .expect("commit")
            .expect("a change");
        let twice = home.path().join("twice.bundle");
        create(&node, &second, Some(&base), &twice).expect("bundle");
        let common = origin.path().join(".git");
        assert!(
            matches!(
                materialize(&common, &twice, &base, &second, &wt),
                Err(BundleError::Git { .. })
            ),
            "two commits on the base are refused"
        );
        materialize(&common, &up, &base, &crew, &wt).expect("materialized");
        assert_eq!(
            std::fs::read_to_string(wt.join("NEW")).expect("read"),
            "crew\n"
        );
        assert_eq!(
            std::fs::read_to_string(wt.join("README")).expect("read"),
            "hello, crew\n"
        );
        assert_eq!(run(&wt, &["status", "--porcelain"]), "M README\n?? NEW");
        // A worktree whose files are not the base's refuses the change.
        let dirty = home.path().join("wt2");
        run(
            origin.path(),
            &[
                "worktree",
                "add",
                "-q",
                "--detach",
                dirty.to_str().expect("utf-8"),
                &base,
            ],
        );
        std::fs::write(dirty.join("README"), "edited here\n").expect("write");
        assert!(matches!(
            materialize(&common, &up, &base, &crew, &dirty),
            Err(BundleError::Git { .. })
        ));
        assert_eq!(
            std::fs::read_to_string(dirty.join("README")).expect("read"),
            "edited here\n"
        );
        // A bundle said to hold a commit it does not hold is refused.
        let other = "0".repeat(40);
        assert!(matches!(
            receive(origin.path(), &up, &other),
            Err(BundleError::Missing(_))
        ));
        assert!(matches!(
            create(origin.path(), "HEAD", None, &up),
            Err(BundleError::NotACommit(_))
        ));
        // A file that is not a bundle is refused by git's own check.
        std::fs::write(&up, "not a bundle").expect("write");
        assert!(matches!(
            receive(origin.path(), &up, &crew),
            Err(BundleError::Git { .. })
        ));
    }
}
