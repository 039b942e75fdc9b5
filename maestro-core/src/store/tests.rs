use std::cell::RefCell;
use std::collections::BTreeMap;

use super::*;
use crate::role::Role;

/// Branches kept in memory; `fail_create` makes creation fail.
#[derive(Default)]
struct MemoryBranches {
    branches: RefCell<BTreeMap<String, String>>,
    fail_create: bool,
}

impl Branches for MemoryBranches {
    fn resolve_commit(&self, revision: &str) -> Result<String, PortError> {
        match revision {
            "HEAD" => Ok("a".repeat(40)),
            other => Err(format!("unknown revision {other}").into()),
        }
    }

    fn create_branch(&self, name: &str, commit: &str) -> Result<(), PortError> {
        if self.fail_create {
            return Err("refused".into());
        }
        self.branches
            .borrow_mut()
            .insert(name.to_owned(), commit.to_owned());
        Ok(())
    }

    fn delete_branch(&self, name: &str, _commit: &str) -> Result<(), PortError> {
        self.branches.borrow_mut().remove(name);
        Ok(())
    }
}

fn spec(id: &str, deps: &[&str]) -> OrderSpec {
    OrderSpec {
        id: id.parse().expect("valid id"),
        title: format!("Order {id}"),
        role: Role::Builder,
        prompt: String::new(),
        depends_on: deps.iter().map(|d| d.parse().expect("valid id")).collect(),
        scope: None,
        agent: None,
        accept: Vec::new(),
    }
}

fn v(name: &str) -> VoyageName {
    name.parse().expect("valid name")
}

fn workspace() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, outcome) = Store::init(dir.path(), false).expect("init");
    assert_eq!(outcome, InitOutcome::Created);
    (dir, store)
}

fn with_voyage(name: &str) -> (tempfile::TempDir, Store) {
    let (dir, store) = workspace();
    store
        .create_voyage(
            &v(name),
            None,
            "HEAD",
            &MemoryBranches::default(),
            Timestamp::UNIX_EPOCH,
        )
        .expect("created");
    (dir, store)
}

#[test]
fn init_with_a_key_completes_an_older_default_config_and_writes_nothing_it_refuses() {
    let (dir, store) = workspace();
    let mut defaults = WorkspaceConfig::default();
    defaults.audit.key_file = Some("/elsewhere/audit.key".into());
    assert_eq!(
        Store::init_outcome(dir.path(), false, &defaults).expect("judged"),
        InitOutcome::Completed
    );
    assert_eq!(
        Store::init_with(dir.path(), false, &defaults)
            .expect("completed")
            .1,
        InitOutcome::Completed
    );
    assert_eq!(store.config().expect("valid"), defaults);
    assert_eq!(
        Store::init_with(dir.path(), false, &defaults)
            .expect("again")
            .1,
        InitOutcome::Unchanged
    );

    // An invalid configuration is refused before anything is created.
    let fresh = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(fresh.path().join(STATE_DIR)).expect("mkdir");
    std::fs::write(fresh.path().join(STATE_DIR).join("workspace.json"), "{").expect("write");
    Store::init_with(fresh.path(), false, &defaults).expect_err("invalid");
    let names: Vec<_> = std::fs::read_dir(fresh.path().join(STATE_DIR))
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["workspace.json"], "no lock, no voyages directory");
}

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
fn init_is_idempotent_and_keeps_changed_configs() {
    let (dir, store) = workspace();
    let written = std::fs::read_to_string(store.config_path()).expect("written");
    assert_eq!(written, WorkspaceConfig::default().to_pretty_json());
    assert_eq!(
        Store::init(dir.path(), false).expect("again").1,
        InitOutcome::Unchanged
    );

    std::fs::write(store.config_path(), r#"{"persona": "plain"}"#).expect("edit");
    assert_eq!(
        Store::init(dir.path(), false).expect("kept").1,
        InitOutcome::KeptChanged
    );
    assert_eq!(
        std::fs::read_to_string(store.config_path()).expect("read"),
        r#"{"persona": "plain"}"#
    );
    assert_eq!(
        Store::init(dir.path(), true).expect("reset").1,
        InitOutcome::Reset
    );
    assert_eq!(store.config().expect("valid"), WorkspaceConfig::default());

    std::fs::write(store.config_path(), "{").expect("break");
    let err = Store::init(dir.path(), false).expect_err("invalid config is not silently kept");
    assert!(err.to_string().contains("EOF while parsing"), "{err}");
    assert_eq!(
        std::fs::read_to_string(store.config_path()).expect("read"),
        "{"
    );
}

#[test]
fn open_needs_an_initialised_workspace() {
    let dir = tempfile::tempdir().expect("tempdir");
    let err = Store::open(dir.path()).expect_err("not initialised");
    assert!(
        err.to_string()
            .ends_with("is not initialised (run `maestro init`)"),
        "{err}"
    );
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
fn orders_are_validated_against_the_voyage() {
    let (_dir, store) = with_voyage("v1");
    let t = Timestamp::UNIX_EPOCH;
    store
        .add_orders(
            &v("v1"),
            vec![spec("a", &[]), spec("b", &["a"])],
            OrderState::Pending,
            t,
        )
        .expect("added");
    let err = store
        .add_orders(
            &v("v1"),
            vec![spec("c", &[]), spec("a", &[])],
            OrderState::Pending,
            t,
        )
        .expect_err("duplicate");
    assert!(
        matches!(err, StoreError::OrderExists { index: 1, .. }),
        "{err}"
    );
    assert_eq!(err.to_string(), "order `a` already exists in voyage `v1`");
    let err = store
        .add_orders(
            &v("v1"),
            vec![spec("c", &["b"]), spec("d", &["zz"])],
            OrderState::Pending,
            t,
        )
        .expect_err("unknown dependency");
    assert!(
        matches!(
            &err,
            StoreError::Dag {
                error: DagError::UnknownDependency { index: 1, .. },
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "voyage `v1`: order `d` depends on unknown order `zz`"
    );
    // Nothing of a refused batch was written.
    let ids: Vec<String> = store
        .orders(&v("v1"))
        .expect("listed")
        .iter()
        .map(|o| o.id().to_string())
        .collect();
    assert_eq!(ids, ["a", "b"]);
    let added = store
        .add_orders(&v("v1"), vec![spec("c", &["b"])], OrderState::Proposed, t)
        .expect("added");
    assert_eq!(added[0].position, 2);
    assert_eq!(added[0].state, OrderState::Proposed);
}

#[test]
fn updates_are_not_lost_between_concurrent_writers() {
    let (_dir, store) = with_voyage("v1");
    store
        .add_orders(
            &v("v1"),
            vec![spec("a", &[])],
            OrderState::Pending,
            Timestamp::UNIX_EPOCH,
        )
        .expect("added");
    let threads: Vec<_> = (0..8)
        .map(|_| {
            // Each writer has its own store handle, so each takes the file lock on its own file
            // descriptor, as separate processes would.
            let store = store.clone();
            std::thread::spawn(move || {
                for _ in 0..25 {
                    store
                        .update_order(&v("v1"), &"a".parse().expect("id"), |order| {
                            order.attempts += 1;
                            Ok::<_, StoreError>(())
                        })
                        .expect("updated");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("writer finished");
    }
    let order = store
        .order(&v("v1"), &"a".parse().expect("id"))
        .expect("read");
    assert_eq!(order.attempts, 200);
}

#[test]
fn a_refused_update_writes_nothing() {
    #[derive(Debug)]
    enum E {
        Store,
        Transition,
    }
    impl From<StoreError> for E {
        fn from(_: StoreError) -> E {
            E::Store
        }
    }
    let (_dir, store) = with_voyage("v1");
    let id: OrderId = "a".parse().expect("id");
    store
        .add_orders(
            &v("v1"),
            vec![spec("a", &[])],
            OrderState::Pending,
            Timestamp::UNIX_EPOCH,
        )
        .expect("added");
    let result = store.update_order(&v("v1"), &id, |order| {
        order.attempts = 9;
        order
            .transition(OrderState::Merged, Timestamp::UNIX_EPOCH)
            .map_err(|_| E::Transition)
    });
    assert!(matches!(result, Err(E::Transition)));
    assert_eq!(store.order(&v("v1"), &id).expect("read").attempts, 0);
    assert!(matches!(
        store.update_order(&v("v1"), &"zz".parse().expect("id"), |_| Ok::<_, E>(())),
        Err(E::Store)
    ));
}

#[test]
fn corrupt_files_name_the_file_and_json_path() {
    let (_dir, store) = with_voyage("v1");
    store
        .add_orders(
            &v("v1"),
            vec![spec("a", &[])],
            OrderState::Pending,
            Timestamp::UNIX_EPOCH,
        )
        .expect("added");
    let path = store.voyage_dir(&v("v1")).join("orders").join("a.json");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replace("\"pending\"", "\"runing\"")).expect("break");
    let err = store.orders(&v("v1")).expect_err("corrupt").to_string();
    assert!(
        err.starts_with(&format!("{}: at `state` (line ", path.display())),
        "{err}"
    );
    assert!(err.contains("unknown variant `runing`"), "{err}");

    std::fs::write(&path, text.replace("\"id\": \"a\"", "\"id\": \"b\"")).expect("rename id");
    let err = store.orders(&v("v1")).expect_err("mismatch").to_string();
    assert!(
        err.contains("at `spec.id`: the order id `b` does not match the file name"),
        "{err}"
    );

    std::fs::write(
        store.voyage_dir(&v("v1")).join("voyage.json"),
        "{\"name\": 3}",
    )
    .expect("break");
    let err = store.voyage(&v("v1")).expect_err("corrupt").to_string();
    assert!(
        err.contains("voyage.json: at `name` (line 1, column 10): invalid type: integer `3`"),
        "{err}"
    );
}
