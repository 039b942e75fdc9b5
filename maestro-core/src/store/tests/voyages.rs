//! Creating, reading and removing voyages.

use super::*;

#[test]
fn a_voyage_whose_branch_or_name_was_edited_is_refused() {
    let (_dir, store) = with_voyage("v1");
    let path = store.voyage_dir(&v("v1")).join("voyage.json");
    let good = std::fs::read_to_string(&path).expect("read");
    std::fs::write(
        &path,
        good.replace("\"branch\": \"maestro/v1\"", "\"branch\": \"main\""),
    )
    .expect("edit");
    for err in [
        store.voyage(&v("v1")).expect_err("refused"),
        store.voyages().expect_err("refused in listings"),
        store
            .update_voyage(&v("v1"), |_| Ok::<_, StoreError>(()))
            .expect_err("refused before any write"),
    ] {
        let message = err.to_string();
        assert!(
            message.contains("voyage.json: at `branch`: the branch `main`")
                && message.contains("`maestro/v1`"),
            "{message}"
        );
    }
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .contains("\"main\""),
        "nothing rewritten"
    );
    std::fs::write(&path, good.replace("\"name\": \"v1\"", "\"name\": \"v2\"")).expect("edit");
    let message = store.voyage(&v("v1")).expect_err("refused").to_string();
    assert!(message.contains("at `name`: the name `v2`"), "{message}");
}

#[test]
fn voyages_are_created_with_their_branch() {
    let (_dir, store) = workspace();
    let branches = MemoryBranches::default();
    let voyage = store
        .create_voyage(
            &v("v1"),
            Some("First".into()),
            "HEAD",
            &branches,
            Timestamp::UNIX_EPOCH,
        )
        .expect("created");
    assert_eq!(voyage.branch, "maestro/v1");
    assert_eq!(voyage.base_commit, "a".repeat(40));
    assert_eq!(
        branches.branches.borrow().get("maestro/v1"),
        Some(&"a".repeat(40))
    );
    assert_eq!(store.voyage(&v("v1")).expect("stored"), voyage);
    assert_eq!(store.voyages().expect("listed"), vec![voyage]);

    let err = store
        .create_voyage(&v("v1"), None, "HEAD", &branches, Timestamp::UNIX_EPOCH)
        .expect_err("exists");
    assert_eq!(err.to_string(), "voyage `v1` already exists");
    let err = store
        .create_voyage(&v("v2"), None, "nope", &branches, Timestamp::UNIX_EPOCH)
        .expect_err("bad base");
    assert!(matches!(err, StoreError::Branch { .. }));
    assert!(!store.voyage_dir(&v("v2")).exists(), "nothing left behind");
}

#[test]
fn a_failed_voyage_creation_leaves_nothing_behind() {
    let (_dir, store) = workspace();
    let failing = MemoryBranches {
        fail_create: true,
        ..MemoryBranches::default()
    };
    let err = store
        .create_voyage(&v("v1"), None, "HEAD", &failing, Timestamp::UNIX_EPOCH)
        .expect_err("branch refused");
    assert_eq!(
        err.to_string(),
        "voyage `v1`: cannot create branch maestro/v1"
    );
    assert!(!store.voyage_dir(&v("v1")).exists());

    // The voyage directory cannot be made (a file is in the way): the branch is deleted again.
    let branches = MemoryBranches::default();
    std::fs::write(store.voyage_dir(&v("v3")), "in the way").expect("write");
    store
        .create_voyage(&v("v3"), None, "HEAD", &branches, Timestamp::UNIX_EPOCH)
        .expect_err("cannot write");
    assert!(branches.branches.borrow().is_empty(), "branch undone");
}

#[test]
fn a_removed_voyage_is_gone_at_once() {
    let (_dir, store) = reshaped([OrderState::Pending; 5]);
    let held = store.hold_voyage(&v("v1")).expect("free");
    store.remove_voyage(held).expect("removed");
    assert!(store.voyages().expect("listed").is_empty());
    assert!(matches!(
        store.voyage(&v("v1")),
        Err(StoreError::UnknownVoyage { .. })
    ));
    let left: Vec<_> = std::fs::read_dir(store.dir().join("voyages"))
        .expect("list")
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // The name is free again.
    store
        .create_voyage(
            &v("v1"),
            None,
            "HEAD",
            &MemoryBranches::default(),
            Timestamp::UNIX_EPOCH,
        )
        .expect("created again");
}
