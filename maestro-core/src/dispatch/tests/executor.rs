//! The executor port: where crews run. A remote executor's placement (job and node) is saved
//! on the order for `status`, and a crew it loses with its node is run again, merged once.

use super::super::report::AttemptResult;
use super::*;
use crate::ports::{CrewFuture, CrewOutcome, CrewProgress, CrewRequest, Placement, PortError};

/// Places every attempt as job `attempt` on `node-N`, and loses the first attempt of `lost`
/// (the node died: interrupted) before handing over to the agent on this machine.
struct FakeCluster {
    lost: &'static str,
    placements: Mutex<Vec<Placement>>,
    /// Jobs a dispatcher asked to cancel as left by an earlier run.
    abandoned: Mutex<Vec<Placement>>,
}

impl FakeCluster {
    fn new(lost: &'static str) -> Self {
        FakeCluster {
            lost,
            placements: Mutex::new(Vec::new()),
            abandoned: Mutex::new(Vec::new()),
        }
    }
}

impl Executor for FakeCluster {
    fn kind(&self) -> &'static str {
        "fake-cluster"
    }

    fn run(
        &self,
        agent: Arc<dyn Agent>,
        request: CrewRequest,
        stop: tokio::sync::watch::Receiver<bool>,
    ) -> CrewFuture {
        let placement = Placement {
            executor: self.kind().into(),
            job: format!("{}-{}", request.order, request.attempt),
            node: Some(format!("node-{}", request.attempt)),
        };
        self.placements
            .lock()
            .expect("lock")
            .push(placement.clone());
        if let Some(progress) = &request.progress {
            progress
                .send(CrewProgress::Placed(placement))
                .expect("the dispatcher follows the crew");
        }
        if request.order.as_str() == self.lost && request.attempt == 1 {
            return Box::pin(async {
                Ok(CrewOutcome {
                    lost: Some("node node-1 failed (NODE_FAIL)".into()),
                    ..CrewOutcome::default()
                })
            });
        }
        agent.run(request, stop)
    }

    fn abandon(&self, placement: &Placement) -> Result<(), PortError> {
        self.abandoned.lock().expect("lock").push(placement.clone());
        Ok(())
    }
}

#[tokio::test]
async fn a_remote_crew_s_placement_is_saved_and_a_lost_node_s_crew_runs_again_merged_once() {
    let agent = ScriptedAgent::default()
        .with("api", vec![writes(&[("src/api.rs", "fn api() {}\n")])])
        .with("docs", vec![writes(&[("README.md", "api\n")])]);
    let mut f = fixture(
        serde_json::json!([
            {"id": "api", "title": "A", "role": "builder"},
            {"id": "docs", "title": "D", "role": "builder", "depends_on": ["api"]}
        ]),
        agent,
    );
    let cluster = Arc::new(FakeCluster::new("api"));
    f.executor = Arc::clone(&cluster) as Arc<dyn Executor>;
    let summary = f.run(pro()).await;
    assert!(summary.all_merged(), "{summary:?}");
    // The lost attempt ran again (on another node) and the order merged once.
    let jobs: Vec<String> = cluster
        .placements
        .lock()
        .expect("lock")
        .iter()
        .map(|p| p.job.clone())
        .collect();
    assert_eq!(jobs, ["api-1", "api-2", "docs-1"]);
    let merges = f
        .audit
        .actions_and_subjects()
        .into_iter()
        .filter(|a| a == "merge v1/api")
        .count();
    assert_eq!(merges, 1);
    let report = f.report("api");
    assert_eq!(
        report.attempts[0].result,
        AttemptResult::Lost {
            reason: "node node-1 failed (NODE_FAIL)".into()
        }
    );
    assert_eq!(report.attempts[1].result, AttemptResult::Passed);
    assert!(
        f.audit
            .actions_and_subjects()
            .iter()
            .any(|a| a == "order.lost v1/api")
    );
    // Where the latest attempt ran stays on the order.
    let api = f
        .store
        .order(&f.voyage.name, &"api".parse().expect("id"))
        .expect("order");
    assert_eq!(
        api.placement,
        Some(Placement {
            executor: "fake-cluster".into(),
            job: "api-2".into(),
            node: Some("node-2".into()),
        })
    );
}

#[tokio::test]
async fn a_job_left_by_a_killed_dispatcher_is_cancelled_before_its_order_runs_again() {
    let agent = ScriptedAgent::default().with("api", vec![writes(&[("src/api.rs", "x\n")])]);
    let mut f = fixture(
        serde_json::json!([{"id": "api", "title": "A", "role": "builder"}]),
        agent,
    );
    let cluster = Arc::new(FakeCluster::new(""));
    f.executor = Arc::clone(&cluster) as Arc<dyn Executor>;
    let left = Placement {
        executor: "fake-cluster".into(),
        job: "old-7".into(),
        node: Some("node-9".into()),
    };
    let id: crate::OrderId = "api".parse().expect("id");
    f.store
        .update_order(&f.voyage.name, &id, |o| {
            o.state = OrderState::Running;
            o.attempts = 1;
            o.placement = Some(left.clone());
            Ok::<_, crate::store::StoreError>(())
        })
        .expect("saved");
    let summary = f.run(pro()).await;
    assert!(summary.all_merged(), "{summary:?}");
    assert_eq!(*cluster.abandoned.lock().expect("lock"), [left]);
    assert!(
        f.audit
            .actions_and_subjects()
            .iter()
            .any(|a| a == "job.cancel v1/api")
    );
}

#[tokio::test]
async fn an_order_that_lost_node_after_node_gets_its_tries_again_in_the_next_run() {
    let agent = ScriptedAgent::default().with("api", vec![writes(&[("src/api.rs", "x\n")])]);
    let mut f = fixture(
        serde_json::json!([{"id": "api", "title": "A", "role": "builder"}]),
        agent,
    );
    let cluster = Arc::new(FakeCluster::new("api"));
    f.executor = Arc::clone(&cluster) as Arc<dyn Executor>;
    // An earlier run lost it past the limit and left it interrupted.
    let id: crate::OrderId = "api".parse().expect("id");
    f.store
        .update_order(&f.voyage.name, &id, |o| {
            o.state = OrderState::Interrupted;
            o.lost = 4;
            Ok::<_, crate::store::StoreError>(())
        })
        .expect("saved");
    let summary = f.run(pro()).await;
    assert!(summary.all_merged(), "{summary:?}");
    let api = f.store.order(&f.voyage.name, &id).expect("order");
    assert_eq!(api.lost, 1, "counted afresh: one loss in this run");
}
