//! Adds, recycles and removals killed part way are undone or finished.

use super::*;

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
