//! What a process killed in the middle of a worktree operation leaves, built by hand with real
//! git layouts, repaired by `Repo::repair_worktrees`; git must work afterwards and the order's
//! worktree must be addable again.

use std::path::{Path, PathBuf};
use std::time::Duration;

use maestro_git::worktree::{Action, Found, Repair, RepairOptions, Subject};

use crate::support::{Fixture, write_in};

/// Short enough for tests, long enough to be waited for visibly.
const GRACE: Duration = Duration::from_millis(300);

fn options() -> RepairOptions {
    RepairOptions {
        grace: GRACE,
        ..RepairOptions::default()
    }
}

/// A repository with voyage `v`'s branch and its worktrees directory.
fn voyage() -> (Fixture, maestro_git::Repo, maestro_git::ObjectId, PathBuf) {
    let fixture = Fixture::new();
    let (repo, head) = fixture.start_voyage("v");
    let dir = fixture.path(".mso/worktrees");
    (fixture, repo, head, dir)
}

/// `git worktree list`, `git fsck` and `git gc --prune=now` all succeed, and git lists exactly
/// `expected` linked worktrees.
fn assert_git_healthy(fixture: &Fixture, expected: usize) {
    let list = fixture.git(&["worktree", "list", "--porcelain"]);
    assert_eq!(list.matches("worktree ").count(), 1 + expected, "{list}");
    assert!(!list.contains("prunable"), "{list}");
    fixture.git(&["fsck", "--no-dangling", "--no-progress"]);
    fixture.git(&["gc", "--prune=now", "--quiet"]);
    fixture.git(&["fsck", "--no-dangling", "--no-progress"]);
    assert_eq!(fixture.git(&["worktree", "prune", "--dry-run", "-v"]), "");
}

/// The order's worktree can be added again, and it is a clean checkout.
fn assert_addable(fixture: &Fixture, repo: &maestro_git::Repo, dir: &Path, order: &str) {
    let head = fixture.rev("maestro/v");
    if let Some(old) = repo
        .branch_commit(&format!("maestro-crew/v/{order}"))
        .expect("read")
    {
        repo.delete_branch(&format!("maestro-crew/v/{order}"), old)
            .expect("the branch can be deleted: no stale lock on it");
    }
    let wt = repo
        .add_worktree(dir, "v", order, head)
        .expect("added again");
    assert_eq!(
        fixture.git_at(
            &wt.path,
            &["status", "--porcelain", "--untracked-files=all"]
        ),
        ""
    );
}

fn paths(repairs: &[Repair]) -> Vec<(PathBuf, Found, Action)> {
    repairs
        .iter()
        .map(|r| {
            let path = match &r.subject {
                Subject::Path(p) => p.clone(),
                other => PathBuf::from(other.to_string()),
            };
            (path, r.found.clone(), r.action)
        })
        .collect()
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_owned())
}

#[test]
fn the_issues_deterministic_start_is_repaired() {
    // `mkdir -p .mso/worktrees/v/a .git/worktrees/a; : >.mso/worktrees/v/a/.git;
    //  : >.git/worktrees/a/gitdir; echo initializing >.git/worktrees/a/locked`
    let (fixture, repo, _, dir) = voyage();
    let made = std::time::Instant::now();
    write_in(&dir, "v/a/.git", "");
    write_in(&fixture.path(".git/worktrees/a"), "gitdir", "");
    write_in(
        &fixture.path(".git/worktrees/a"),
        "locked",
        "initializing\n",
    );
    // git copes with this one; what it breaks is the order's next worktree.
    assert!(
        repo.add_worktree(&dir, "v", "a", fixture.rev("HEAD"))
            .is_err()
    );

    let repairs = repo
        .repair_worktrees(&dir, "v", &options())
        .expect("repaired");
    // An entry without `gitdir` locked `initializing` may be a `git worktree add` under way: it
    // was given the grace period first (file times are a clock tick coarse).
    let waited = made.elapsed();
    assert!(waited + Duration::from_millis(20) >= GRACE, "{waited:?}");
    let found = paths(&repairs);
    let admin = canonical(&fixture.path(".git")).join("worktrees/a");
    assert!(
        found.contains(&(
            admin,
            Found::InterruptedOperation {
                reason: "initializing".into()
            },
            Action::RemovedEntry
        )),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(p, f, a)| p.ends_with("v/a")
            && *f == Found::HalfCreatedDirectory
            && *a == Action::RemovedDirectory),
        "{found:?}"
    );
    assert!(!dir.join("v/a").exists());
    assert!(!fixture.path(".git/worktrees/a").exists());
    assert_git_healthy(&fixture, 0);
    assert_addable(&fixture, &repo, &dir, "a");
    assert!(
        repo.repair_worktrees(&dir, "v", &options())
            .expect("again")
            .is_empty(),
        "a healthy voyage needs no repair"
    );
}

#[test]
fn an_empty_or_missing_commondir_that_breaks_git_is_rewritten_and_the_worktree_kept() {
    let (fixture, repo, head, dir) = voyage();
    let a = repo.add_worktree(&dir, "v", "a", head).expect("added");
    let b = repo.add_worktree(&dir, "v", "b", head).expect("added");
    write_in(&a.path, "work.txt", "the crew's work\n");
    std::fs::write(
        fixture.path(&format!(".git/worktrees/{}/commondir", a.id)),
        "",
    )
    .expect("emptied");
    std::fs::remove_file(fixture.path(&format!(".git/worktrees/{}/commondir", b.id)))
        .expect("removed");
    assert!(
        !fixture.try_git(&["worktree", "list"]).0,
        "git cannot run with an empty commondir"
    );

    let found = paths(
        &repo
            .repair_worktrees(&dir, "v", &options())
            .expect("repaired"),
    );
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|(p, f, a)| p.ends_with("commondir")
        && *f == Found::IncompleteEntry { file: "commondir" }
        && *a == Action::Rewrote));
    assert_eq!(
        std::fs::read_to_string(a.path.join("work.txt")).expect("kept"),
        "the crew's work\n"
    );
    assert_eq!(
        fixture.git_at(&a.path, &["status", "--porcelain"]),
        "?? work.txt"
    );
    std::fs::remove_file(a.path.join("work.txt")).expect("rm");
    assert_git_healthy(&fixture, 2);
}

#[test]
fn an_empty_or_missing_head_is_pointed_back_at_the_orders_branch() {
    let (fixture, repo, head, dir) = voyage();
    let a = repo.add_worktree(&dir, "v", "a", head).expect("added");
    let b = repo.add_worktree(&dir, "v", "b", head).expect("added");
    std::fs::write(fixture.path(&format!(".git/worktrees/{}/HEAD", a.id)), "").expect("emptied");
    std::fs::remove_file(fixture.path(&format!(".git/worktrees/{}/HEAD", b.id))).expect("rm");
    assert!(!fixture.try_git(&["fsck", "--no-dangling"]).0, "fsck fails");

    let found = paths(
        &repo
            .repair_worktrees(&dir, "v", &options())
            .expect("repaired"),
    );
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|(_, f, a)| *f
        == Found::IncompleteEntry { file: "HEAD" }
        && *a == Action::Rewrote));
    assert_eq!(
        fixture.git_at(&a.path, &["symbolic-ref", "HEAD"]),
        "refs/heads/maestro-crew/v/a"
    );
    assert_git_healthy(&fixture, 2);

    // Without the branch, there is nothing to point it at: the worktree goes.
    std::fs::write(fixture.path(&format!(".git/worktrees/{}/HEAD", a.id)), "").expect("emptied");
    fixture.git(&["update-ref", "-d", "refs/heads/maestro-crew/v/a"]);
    let found = paths(
        &repo
            .repair_worktrees(&dir, "v", &options())
            .expect("repaired"),
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].2, Action::RemovedWorktree);
    assert!(!a.path.exists());
    assert_git_healthy(&fixture, 1);
    assert_addable(&fixture, &repo, &dir, "a");
}

#[test]
fn an_add_killed_at_each_step_is_undone() {
    let (fixture, repo, head, dir) = voyage();
    // Killed right after reserving the entry (not even locked yet): an empty entry.
    std::fs::create_dir_all(fixture.path(".git/worktrees/a")).expect("mkdir");
    // Killed after locking it and writing commondir and HEAD, before gitdir; the directory
    // made, empty.
    let b_admin = fixture.path(".git/worktrees/b");
    write_in(&b_admin, "locked", "maestro: adding /somewhere/v/b\n");
    write_in(&b_admin, "commondir", "../..\n");
    write_in(&b_admin, "HEAD", "ref: refs/heads/maestro-crew/v/b\n");
    std::fs::create_dir_all(dir.join("v/b")).expect("mkdir");
    // Killed during checkout: a whole entry, locked, and part of the files.
    let c = repo.add_worktree(&dir, "v", "c", head).expect("added");
    write_in(
        &fixture.path(&format!(".git/worktrees/{}", c.id)),
        "locked",
        &format!("maestro: adding {}\n", c.path.display()),
    );
    std::fs::remove_file(c.path.join("a.txt")).expect("rm");
    std::fs::remove_file(fixture.path(&format!(".git/worktrees/{}/index", c.id))).expect("rm");
    write_in(
        &fixture.path(&format!(".git/worktrees/{}", c.id)),
        "index.lock",
        "",
    );
    // Killed after the entry but before the worktree's `.git` (left as its temporary file).
    let d = repo.add_worktree(&dir, "v", "d", head).expect("added");
    write_in(
        &fixture.path(&format!(".git/worktrees/{}", d.id)),
        "locked",
        &format!("maestro: adding {}\n", d.path.display()),
    );
    std::fs::rename(d.path.join(".git"), d.path.join(".git.maestro-tmp")).expect("mv");
    for path in ["a.txt", "dir", ".gitignore"] {
        let path = d.path.join(path);
        if path.is_dir() {
            std::fs::remove_dir_all(path).expect("rm");
        } else {
            std::fs::remove_file(path).expect("rm");
        }
    }

    let found = paths(
        &repo
            .repair_worktrees(&dir, "v", &options())
            .expect("repaired"),
    );
    let admin = canonical(&fixture.path(".git")).join("worktrees");
    assert!(
        found.contains(&(
            admin.join("a"),
            Found::MissingWorktree,
            Action::RemovedEntry
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            admin.join("b"),
            Found::InterruptedOperation {
                reason: "maestro: adding /somewhere/v/b".into()
            },
            Action::RemovedEntry
        )),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(p, _, a)| *p == admin.join(&c.id) && *a == Action::RemovedWorktree),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(p, _, a)| *p == admin.join(&d.id) && *a == Action::RemovedWorktree),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(p, f, _)| p.ends_with("v/b") && *f == Found::HalfCreatedDirectory),
        "{found:?}"
    );
    for order in ["b", "c", "d"] {
        assert!(!dir.join("v").join(order).exists(), "{order}");
    }
    assert_git_healthy(&fixture, 0);
    for order in ["a", "b", "c", "d"] {
        assert_addable(&fixture, &repo, &dir, order);
    }
    assert_git_healthy(&fixture, 4);
}

#[test]
fn a_recycle_killed_mid_move_and_removals_killed_mid_way_are_finished() {
    let (fixture, repo, head, dir) = voyage();
    let admin_root = canonical(&fixture.path(".git")).join("worktrees");
    // Recycling `a` into `b`, killed after the rename and before `gitdir` was rewritten.
    let a = repo.add_worktree(&dir, "v", "a", head).expect("added");
    let a_admin = admin_root.join(&a.id);
    write_in(
        &a_admin,
        "locked",
        &format!(
            "maestro: recycling {} for {}\n",
            a.path.display(),
            dir.join("v/b").display()
        ),
    );
    std::fs::rename(&a.path, dir.join("v/b")).expect("mv");
    // Removing `c`, killed after its directory was set aside.
    let c = repo.add_worktree(&dir, "v", "c", head).expect("added");
    write_in(
        &admin_root.join(&c.id),
        "locked",
        &format!("maestro: removing {}\n", c.path.display()),
    );
    std::fs::rename(&c.path, dir.join("v/.maestro-trash-c-1-0")).expect("mv");
    // Removing `d`, killed after its entry was set aside too.
    let d = repo.add_worktree(&dir, "v", "d", head).expect("added");
    std::fs::rename(&d.path, dir.join("v/.maestro-trash-d-1-1")).expect("mv");
    std::fs::create_dir_all(fixture.path(".git/maestro-trash")).expect("mkdir");
    std::fs::rename(
        admin_root.join(&d.id),
        fixture.path(".git/maestro-trash/.maestro-trash-d-1-2"),
    )
    .expect("mv");

    let found = paths(
        &repo
            .repair_worktrees(&dir, "v", &options())
            .expect("repaired"),
    );
    assert!(
        found.iter().any(|(p, f, a)| *p == a_admin
            && matches!(f, Found::InterruptedOperation { .. })
            && *a == Action::RemovedEntry),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(p, f, _)| p.ends_with("v/b") && *f == Found::UnregisteredDirectory),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(p, f, _)| *p == admin_root.join(&c.id)
            && matches!(f, Found::InterruptedOperation { .. })),
        "{found:?}"
    );
    assert_eq!(
        found
            .iter()
            .filter(|(_, f, _)| *f == Found::Leftover)
            .count(),
        3,
        "{found:?}"
    );
    assert_eq!(
        std::fs::read_dir(dir.join("v")).expect("list").count(),
        0,
        "nothing is left of the voyage's worktrees"
    );
    assert!(
        std::fs::read_dir(fixture.path(".git/maestro-trash"))
            .expect("list")
            .next()
            .is_none()
    );
    assert_git_healthy(&fixture, 0);
    for order in ["a", "b", "c", "d"] {
        assert_addable(&fixture, &repo, &dir, order);
    }
}

#[test]
fn stale_lock_files_in_the_voyages_references_and_worktrees_go_after_the_grace() {
    let (fixture, repo, head, dir) = voyage();
    let a = repo.add_worktree(&dir, "v", "a", head).expect("added");
    fixture.git(&["pack-refs", "--all"]);
    let locks = [
        fixture.path(".git/refs/heads/maestro/v.lock"),
        fixture.path(".git/refs/heads/maestro-crew/v/a.lock"),
        fixture.path(".git/refs/heads/maestro-crew/v/b.lock"),
        fixture.path(".git/logs/refs/heads/maestro-crew/v/a.lock"),
        fixture.path(".git/packed-refs.lock"),
        fixture.path(&format!(".git/worktrees/{}/index.lock", a.id)),
        fixture.path(&format!(".git/worktrees/{}/HEAD.lock", a.id)),
    ];
    for lock in &locks {
        write_in(
            lock.parent().expect("parent"),
            &lock.file_name().expect("name").to_string_lossy(),
            "",
        );
    }
    // Another voyage's branch lock is not this repair's.
    let other = fixture.path(".git/refs/heads/maestro-crew/w/x.lock");
    write_in(other.parent().expect("parent"), "x.lock", "");
    // The user's lock of the main worktree's index neither.
    write_in(&fixture.path(".git"), "index.lock", "");
    assert!(!fixture.try_git(&["branch", "-D", "maestro-crew/v/a"]).0);

    let found = paths(
        &repo
            .repair_worktrees(&dir, "v", &options())
            .expect("repaired"),
    );
    assert_eq!(
        found
            .iter()
            .filter(|(_, f, _)| *f == Found::StaleLock)
            .count(),
        locks.len(),
        "{found:?}"
    );
    for lock in &locks {
        assert!(!lock.exists(), "{}", lock.display());
    }
    assert!(other.exists());
    assert!(fixture.path(".git/index.lock").exists());
    std::fs::remove_file(other).expect("rm");
    std::fs::remove_file(fixture.path(".git/index.lock")).expect("rm");
    assert_git_healthy(&fixture, 1);
    // The branches move again.
    repo.merge_branch(
        "maestro/v",
        &a.branch,
        &maestro_git::merge::MergeOptions::default(),
    )
    .expect("the voyage branch moves");
}

#[test]
fn other_voyages_worktrees_are_left_alone_unless_their_directory_is_gone() {
    let (fixture, repo, head, dir) = voyage();
    repo.create_branch("maestro/w", head, "test")
        .expect("voyage w");
    // w's crews may be working: a live worktree, one being added (locked by maestro), and a
    // half-created directory are all w's own run's business.
    let live = repo.add_worktree(&dir, "w", "live", head).expect("added");
    write_in(&live.path, "work.txt", "w's crew at work\n");
    let adding = repo.add_worktree(&dir, "w", "adding", head).expect("added");
    write_in(
        &fixture.path(&format!(".git/worktrees/{}", adding.id)),
        "locked",
        &format!("maestro: adding {}\n", adding.path.display()),
    );
    write_in(&dir, "w/half/.git", "");
    let index_lock = fixture.path(&format!(".git/worktrees/{}/index.lock", live.id));
    write_in(index_lock.parent().expect("parent"), "index.lock", "");
    // But an entry of w whose directory is gone altogether goes, as `git worktree prune` would.
    let gone = repo.add_worktree(&dir, "w", "gone", head).expect("added");
    std::fs::remove_dir_all(&gone.path).expect("rm");
    // And a worktree the user locked keeps its lock and its entry, gone or not.
    let usb = repo.add_worktree(&dir, "v", "usb", head).expect("added");
    fixture.lock_worktree(&usb.path, Some("on a usb disk"));
    std::fs::remove_dir_all(&usb.path).expect("unplugged");

    let found = paths(
        &repo
            .repair_worktrees(&dir, "v", &options())
            .expect("repaired"),
    );
    let admin_root = canonical(&fixture.path(".git")).join("worktrees");
    assert_eq!(
        found,
        [(
            admin_root.join(&gone.id),
            Found::MissingWorktree,
            Action::RemovedEntry
        )]
    );
    assert_eq!(
        std::fs::read_to_string(live.path.join("work.txt")).expect("kept"),
        "w's crew at work\n"
    );
    assert!(index_lock.exists());
    assert!(adding.path.join(".git").exists());
    assert!(dir.join("w/half/.git").exists());
    assert!(admin_root.join(&usb.id).join("locked").exists());

    // w's own repair takes its half-states.
    std::fs::remove_file(live.path.join("work.txt")).expect("rm");
    let found = paths(
        &repo
            .repair_worktrees(&dir, "w", &options())
            .expect("repaired"),
    );
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(!adding.path.exists());
    assert!(!dir.join("w/half").exists());
    assert!(!index_lock.exists());
    assert!(live.path.join(".git").exists());
    fixture.git(&["worktree", "unlock", usb.path.to_str().expect("utf-8")]);
    fixture.git(&["worktree", "prune"]);
    assert_git_healthy(&fixture, 1);
}

#[test]
fn merged_crew_branches_without_a_worktree_are_deleted_and_unmerged_ones_kept() {
    let (fixture, repo, head, dir) = voyage();
    let merged = repo.add_worktree(&dir, "v", "merged", head).expect("added");
    let unmerged = repo
        .add_worktree(&dir, "v", "unmerged", head)
        .expect("added");
    let busy = repo.add_worktree(&dir, "v", "busy", head).expect("added");
    write_in(&unmerged.path, "u.txt", "u\n");
    fixture.commit_all_at(&unmerged.path, "unmerged work");
    for wt in [&merged, &unmerged] {
        repo.remove_worktree(
            &wt.path,
            "maestro/v",
            maestro_git::worktree::RemoveOptions {
                force: true,
                delete_branch: false,
            },
        )
        .expect("removed, branch kept");
    }
    let found = repo
        .repair_worktrees(
            &dir,
            "v",
            &RepairOptions {
                merged_into: Some("maestro/v".into()),
                ..options()
            },
        )
        .expect("repaired");
    assert_eq!(
        found
            .iter()
            .map(|r| (r.subject.clone(), r.found.clone(), r.action))
            .collect::<Vec<_>>(),
        [(
            Subject::Branch(merged.branch.clone()),
            Found::MergedBranch,
            Action::DeletedBranch
        )]
    );
    assert!(
        fixture
            .try_git(&["rev-parse", "--verify", "-q", &unmerged.branch])
            .0
    );
    assert!(
        fixture
            .try_git(&["rev-parse", "--verify", "-q", &busy.branch])
            .0
    );
    assert_git_healthy(&fixture, 1);
}
