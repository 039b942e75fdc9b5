//! The dispatcher against in-memory ports: a small content-addressed model of git, a scripted
//! agent, a scanner that finds `SECRET_` markers, and an audit log in memory.

mod agents;
mod executor;
mod fakes;
mod limits;
mod merge;
mod resume;
mod run;

use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use jiff::Timestamp;

use self::fakes::*;
use super::report::OrderReport;
use super::*;
use crate::order::OrderSpec;
use crate::ports::{ApiLimit, AuditEvent, Collected, Verdict};
use crate::testing::MemoryAudit;
use crate::voyage::{Order, VoyageState};

/// A workspace with one voyage and the given orders, plus in-memory ports.
struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    voyage: Voyage,
    isolation: Arc<FakeIsolation>,
    audit: Arc<MemoryAudit>,
    runs: Arc<Mutex<Vec<Run>>>,
    agent: Arc<ScriptedAgent>,
    /// Where crews run: on this machine unless a test places them elsewhere.
    executor: Arc<dyn Executor>,
    config: WorkspaceConfig,
}

struct NoBranches;

impl crate::ports::Branches for NoBranches {
    fn resolve_commit(&self, _: &str) -> Result<String, PortError> {
        Ok("c0".into())
    }
    fn create_branch(&self, _: &str, _: &str) -> Result<(), PortError> {
        Ok(())
    }
    fn delete_branch(&self, _: &str, _: &str) -> Result<(), PortError> {
        Ok(())
    }
}

fn fixture(orders: serde_json::Value, agent: ScriptedAgent) -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, _) = Store::init(dir.path(), false).expect("init");
    let name: crate::VoyageName = "v1".parse().expect("name");
    let voyage = store
        .create_voyage(&name, None, "HEAD", &NoBranches, Timestamp::now())
        .expect("voyage");
    let specs: Vec<OrderSpec> = serde_json::from_value(orders).expect("orders");
    store
        .add_orders(&name, specs, OrderState::Pending, Timestamp::now())
        .expect("added");
    let worktrees = dir.path().join("worktrees");
    std::fs::create_dir_all(&worktrees).expect("mkdir");
    let mut config = WorkspaceConfig::default();
    config.crews.retries = 1;
    let runs = Arc::clone(&agent.runs);
    Fixture {
        isolation: Arc::new(FakeIsolation::new(&worktrees, &[("README.md", "hello\n")])),
        audit: Arc::new(MemoryAudit::default()),
        runs,
        agent: Arc::new(agent),
        executor: Arc::new(crate::executor::LocalExecutor),
        store,
        voyage,
        config,
        _dir: dir,
    }
}

fn pro() -> Entitlements {
    Entitlements {
        tier: "pro".into(),
        max_crews: 5,
        roles: Role::ALL.to_vec(),
    }
}

fn community() -> Entitlements {
    Entitlements {
        tier: "community".into(),
        max_crews: 1,
        roles: vec![Role::Planner, Role::Builder, Role::Tester],
    }
}

impl Fixture {
    fn dispatcher(&self, entitlements: Entitlements) -> Dispatcher {
        // The run reads workspace.json itself: it holds what the test configured.
        std::fs::write(self.store.config_path(), self.config.to_pretty_json()).expect("config");
        Dispatcher::new(
            self.store.clone(),
            self.voyage.clone(),
            self.config.clone(),
            Ports {
                isolation: Arc::clone(&self.isolation) as Arc<dyn Isolation>,
                agent: Arc::clone(&self.agent) as Arc<dyn Agent>,
                executor: Arc::clone(&self.executor),
                scanner: Arc::new(MarkerScanner),
                audit: Arc::clone(&self.audit) as Arc<dyn AuditSink>,
            },
            entitlements,
            RunOptions {
                max_crews: None,
                grace: Duration::from_millis(200),
                sandbox: None,
                backoff: Duration::from_millis(100),
            },
            None,
        )
    }

    async fn run(&self, entitlements: Entitlements) -> Summary {
        let (_tx, stop) = watch::channel(false);
        self.dispatcher(entitlements).run(stop).await.expect("run")
    }

    fn order(&self, id: &str) -> Order {
        self.store
            .order(&self.voyage.name, &id.parse().expect("id"))
            .expect("order")
    }

    fn report(&self, id: &str) -> OrderReport {
        self.store
            .report(&self.voyage.name, &id.parse().expect("id"))
            .expect("readable")
            .expect("a report")
    }

    fn runs(&self) -> Vec<Run> {
        self.runs.lock().expect("lock").clone()
    }
}

fn ids(list: &[OrderId]) -> Vec<&str> {
    list.iter().map(OrderId::as_str).collect()
}
