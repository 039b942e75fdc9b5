//! The store's tests, by concern; the in-memory branches and the voyage fixtures they share.

mod amend;
mod init;
mod orders;
mod voyages;

use std::cell::RefCell;
use std::collections::BTreeMap;

use jiff::Timestamp;

use super::*;
use crate::dag::DagError;
use crate::name::{OrderId, VoyageName};
use crate::order::OrderSpec;
use crate::ports::{Branches, PortError};
use crate::role::Role;
use crate::state::OrderState;

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
