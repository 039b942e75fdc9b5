use std::cell::RefCell;
use std::collections::BTreeMap;

use jiff::Timestamp;

use super::*;
use crate::config::WorkspaceConfig;
use crate::dag::DagError;
use crate::name::{OrderId, VoyageName};
use crate::order::OrderSpec;
use crate::ports::{Branches, PortError};
use crate::role::Role;
use crate::state::OrderState;
use crate::voyage::Order;

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
            .ends_with("is not initialised: it has no .mso/workspace.json"),
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

/// Voyage `v1` with orders `a` <- `b` <- `c`, `d` alone, and `ship` (a releaser), in `states`.
fn reshaped(states: [OrderState; 5]) -> (tempfile::TempDir, Store) {
    let (dir, store) = with_voyage("v1");
    let mut ship = spec("ship", &[]);
    ship.role = Role::Releaser;
    store
        .add_orders(
            &v("v1"),
            vec![
                spec("a", &[]),
                spec("b", &["a"]),
                spec("c", &["b"]),
                spec("d", &[]),
                ship,
            ],
            OrderState::Pending,
            Timestamp::UNIX_EPOCH,
        )
        .expect("added");
    for (id, state) in ["a", "b", "c", "d", "ship"].into_iter().zip(states) {
        store
            .update_order(&v("v1"), &id.parse().expect("id"), |o| {
                o.state = state;
                o.attempts = 2;
                o.failures = 2;
                o.conflicts = 1;
                o.feedback = Some(format!("why {id}"));
                o.commit = Some("c".repeat(40));
                Ok::<_, StoreError>(())
            })
            .expect("set");
    }
    (dir, store)
}

fn states_of(store: &Store) -> Vec<(String, OrderState)> {
    store
        .orders(&v("v1"))
        .expect("orders")
        .into_iter()
        .map(|o| (o.id().to_string(), o.state))
        .collect()
}

fn files(store: &Store) -> BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut dirs = vec![store.dir().to_owned()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("list") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                out.insert(path.clone(), std::fs::read(&path).expect("read"));
            }
        }
    }
    out
}

#[test]
fn a_retry_resets_the_budget_and_releases_what_the_order_blocked() {
    use OrderState::{Blocked, Failed, Merged, Pending};
    let (_dir, store) = reshaped([Failed, Blocked, Blocked, Merged, Blocked]);
    let held = store.hold_voyage(&v("v1")).expect("free");
    // A dispatcher (or another change) cannot take the voyage meanwhile.
    assert!(store.try_lock_run(&v("v1")).expect("lockable").is_none());
    let err = store.hold_voyage(&v("v1")).expect_err("busy").to_string();
    assert!(
        err.contains("voyage `v1` is held by a running dispatcher"),
        "{err}"
    );

    let done = store
        .retry_orders(
            &held,
            &["a".parse().expect("id")],
            false,
            Timestamp::UNIX_EPOCH,
        )
        .expect("retried");
    let retried: Vec<(&str, OrderState)> = done
        .retried
        .iter()
        .map(|r| (r.order.id().as_str(), r.from))
        .collect();
    assert_eq!(retried, [("a", Failed)]);
    let unblocked: Vec<&str> = done
        .unblocked
        .iter()
        .map(|r| r.order.id().as_str())
        .collect();
    assert_eq!(unblocked, ["b", "c", "ship"]);
    assert!(
        states_of(&store)
            .iter()
            .all(|(id, s)| *s == if id == "d" { Merged } else { Pending })
    );
    let a = store.order(&v("v1"), &"a".parse().expect("id")).expect("a");
    assert_eq!(
        (a.failures, a.conflicts, a.attempts),
        (0, 0, 2),
        "a fresh budget"
    );
    assert_eq!(a.commit, None);
    assert_eq!(
        a.feedback.as_deref(),
        Some("why a"),
        "the gates' word stays"
    );
    let b = store.order(&v("v1"), &"b".parse().expect("id")).expect("b");
    assert_eq!(b.feedback, None, "why it was blocked goes");
}

#[test]
fn a_retry_is_refused_for_the_wrong_state_or_a_blocker_left_failed() {
    use OrderState::{Blocked, Failed, Merged, Pending, Running};
    let (_dir, store) = reshaped([Failed, Blocked, Blocked, Merged, Pending]);
    let held = store.hold_voyage(&v("v1")).expect("free");
    let before = files(&store);
    let retry = |ids: &[&str]| {
        let ids: Vec<OrderId> = ids.iter().map(|i| i.parse().expect("id")).collect();
        store
            .retry_orders(&held, &ids, false, Timestamp::UNIX_EPOCH)
            .expect_err("refused")
            .to_string()
    };
    assert_eq!(
        retry(&["d"]),
        "cannot retry order `d` of voyage `v1`: it is merged (only failed, blocked or conflict orders can be retried)"
    );
    assert_eq!(
        retry(&["b"]),
        "cannot retry order `b` of voyage `v1`: it would be blocked again by `a` (failed) (retry it too)"
    );
    assert_eq!(retry(&["zz"]), "voyage `v1` has no order `zz`");
    assert_eq!(files(&store), before, "a refusal writes nothing");
    drop(held);

    let (_dir, store) = reshaped([Running, Pending, Pending, Pending, Pending]);
    let held = store.hold_voyage(&v("v1")).expect("free");
    let err = store
        .retry_orders(
            &held,
            &["a".parse().expect("id")],
            false,
            Timestamp::UNIX_EPOCH,
        )
        .expect_err("refused");
    assert!(err.to_string().contains("it is running"), "{err}");
    // `--failed` with nothing failed changes nothing.
    let none = store
        .retry_orders(&held, &[], true, Timestamp::UNIX_EPOCH)
        .expect("nothing to do");
    assert!(none.is_empty());
}

#[test]
fn an_edit_is_validated_with_the_whole_graph() {
    use OrderState::{Failed, Merged, Pending};
    let (_dir, store) = reshaped([Merged, Failed, Pending, Pending, Pending]);
    let held = store.hold_voyage(&v("v1")).expect("free");
    let before = files(&store);
    let id = |s: &str| -> OrderId { s.parse().expect("id") };
    let cycle = OrderEdit {
        depends_on: Some(vec![id("c")]),
        ..OrderEdit::default()
    };
    let err = store
        .edit_order(&held, &id("b"), &cycle, Timestamp::UNIX_EPOCH)
        .expect_err("a cycle");
    assert_eq!(
        err.to_string(),
        "voyage `v1`: dependency cycle: b -> c -> b"
    );
    let empty = OrderEdit {
        title: Some(" ".into()),
        ..OrderEdit::default()
    };
    let err = store
        .edit_order(&held, &id("b"), &empty, Timestamp::UNIX_EPOCH)
        .expect_err("an empty title");
    assert_eq!(
        err.to_string(),
        "order `b` of voyage `v1`: `title` must not be empty"
    );
    let err = store
        .edit_order(&held, &id("a"), &empty, Timestamp::UNIX_EPOCH)
        .expect_err("merged");
    assert!(err.to_string().contains("it is merged"), "{err}");
    assert_eq!(files(&store), before);

    let edit = OrderEdit {
        title: Some("B, better".into()),
        depends_on: Some(vec![id("d")]),
        scope: Some(None),
        ..OrderEdit::default()
    };
    assert_eq!(edit.fields(), ["title", "depends_on", "scope"]);
    let b = store
        .edit_order(&held, &id("b"), &edit, Timestamp::UNIX_EPOCH)
        .expect("edited");
    assert_eq!(b.state, Failed, "an edit keeps the state");
    assert_eq!(b.spec.title, "B, better");
    assert_eq!(b.spec.depends_on, [id("d")]);
}

#[test]
fn a_removal_names_the_dependents_and_takes_the_order_files() {
    use OrderState::{Failed, Merged, Pending};
    let (_dir, store) = reshaped([Failed, Pending, Pending, Merged, Pending]);
    let held = store.hold_voyage(&v("v1")).expect("free");
    let id = |s: &str| -> OrderId { s.parse().expect("id") };
    let never = |_: &Order| -> Result<(), StoreError> { panic!("nothing to clean up first") };
    let err = store.remove_order(&held, &id("a"), never).expect_err("b");
    assert_eq!(
        err.to_string(),
        "cannot remove order `a` of voyage `v1`: `b` depends on it (remove or edit it first)"
    );
    let err = store
        .remove_order(&held, &id("d"), never)
        .expect_err("merged");
    assert!(err.to_string().contains("it is merged"), "{err}");
    std::fs::write(store.log_path(&v("v1"), &id("c")).expect("log"), "{}\n").expect("log");
    let mut seen = None;
    let removed = store
        .remove_order(&held, &id("c"), |o| {
            seen = Some(o.id().clone());
            Ok::<_, StoreError>(())
        })
        .expect("removed");
    assert_eq!(removed.id(), &id("c"));
    assert_eq!(seen, Some(id("c")));
    assert!(!store.log_path(&v("v1"), &id("c")).expect("log").exists());
    let left: Vec<String> = states_of(&store).into_iter().map(|(id, _)| id).collect();
    assert_eq!(left, ["a", "b", "d", "ship"]);
}

#[test]
fn a_replacing_import_is_all_or_nothing() {
    use OrderState::{Blocked, Failed, Merged, Pending};
    let (_dir, store) = reshaped([Failed, Blocked, Blocked, Merged, Blocked]);
    let held = store.hold_voyage(&v("v1")).expect("free");
    let before = files(&store);
    let mut changed_d = spec("d", &[]);
    changed_d.title = "D again".into();
    let mut changed_a = spec("a", &[]);
    changed_a.prompt = "Do it right".into();
    let err = store
        .replace_orders(
            &held,
            vec![spec("e", &[]), changed_a.clone(), changed_d],
            Timestamp::UNIX_EPOCH,
        )
        .expect_err("d is merged");
    assert_eq!(
        err.to_string(),
        "cannot replace order `d` of voyage `v1`: it is merged (only proposed, pending, failed or blocked orders can be replaced)"
    );
    assert!(matches!(err, StoreError::NotReplaceable { index: 2, .. }));
    let err = store
        .replace_orders(
            &held,
            vec![spec("e", &["zz"]), changed_a.clone()],
            Timestamp::UNIX_EPOCH,
        )
        .expect_err("unknown dependency");
    assert!(
        matches!(
            &err,
            StoreError::Dag {
                error: DagError::UnknownDependency { index: 0, .. },
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(files(&store), before);

    // The merged `d` repeated unchanged is fine; `a` is replaced and its dependents released.
    let done = store
        .replace_orders(
            &held,
            vec![changed_a, spec("d", &[]), spec("e", &["a"])],
            Timestamp::UNIX_EPOCH,
        )
        .expect("imported");
    let names = |orders: Vec<&Order>| -> Vec<String> {
        orders.iter().map(|o| o.id().to_string()).collect()
    };
    assert_eq!(names(done.added.iter().collect()), ["e"]);
    assert_eq!(
        names(done.replaced.iter().map(|r| &r.order).collect()),
        ["a"]
    );
    assert_eq!(names(done.unchanged.iter().collect()), ["d"]);
    assert_eq!(
        names(done.unblocked.iter().map(|r| &r.order).collect()),
        ["b", "c", "ship"]
    );
    let a = store.order(&v("v1"), &"a".parse().expect("id")).expect("a");
    assert_eq!((a.state, a.failures, a.position), (Pending, 0, 0));
    assert_eq!(a.spec.prompt, "Do it right");
    assert_eq!(a.feedback, None);
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
