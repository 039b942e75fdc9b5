//! Changing the orders of a held voyage: retry, edit, removal and a replacing import.

use super::*;
use crate::voyage::Order;

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
