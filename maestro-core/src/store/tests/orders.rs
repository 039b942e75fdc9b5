//! Adding, updating and reading orders.

use super::*;

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
