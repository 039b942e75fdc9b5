//! `maestro plan` with the real CLI as the planner.

use maestro_tests::model_fake::{ModelServer, Scenario, Turn};
use serde_json::{Value, json};

use super::{ClaudeWorkspace, claude_bin};

/// `maestro plan` turns the model's `StructuredOutput` answer into proposed orders, and refuses
/// an answer whose orders form a cycle, saving nothing.
#[test]
#[cfg_attr(
    not(maestro_claude),
    ignore = "needs the claude CLI: scripts/install-claude-code"
)]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn the_planner_proposes_orders_and_refuses_a_cycle() {
    let bin = claude_bin();
    let good = "scenario-plan-good-3c";
    let cyclic = "scenario-plan-cycle-9e";
    let plan = |orders: Value| Turn::tool("StructuredOutput", json!({"orders": orders}));
    let model = ModelServer::start(vec![
        Scenario::new(
            good,
            vec![
                plan(json!([
                    {"id": "api", "title": "Write the API", "role": "builder"},
                    {"id": "api-tests", "title": "Test the API", "role": "tester", "depends_on": ["api"]},
                ])),
                Turn::text("planned"),
            ],
        ),
        Scenario::new(
            cyclic,
            vec![
                plan(json!([
                    {"id": "a", "title": "A", "role": "builder", "depends_on": ["b"]},
                    {"id": "b", "title": "B", "role": "builder", "depends_on": ["a"]},
                ])),
                Turn::text("planned"),
            ],
        ),
    ])
    .expect("model starts");
    let ws = ClaudeWorkspace::new(&bin, &model.base_url(), false, |_| {}, "");
    ws.ok(&["plan", "v1", &format!("{good}: an API with tests")]);
    let state = |id: &str, state: &str| (id.to_owned(), state.to_owned());
    let proposed = [state("api", "proposed"), state("api-tests", "proposed")];
    assert_eq!(ws.states(), proposed);

    // A plan the model got wrong is a finding (exit 1), not bad input from the user.
    let (code, stdout, stderr) = ws.maestro(&["plan", "v1", &format!("{cyclic}: loop")]);
    assert_eq!(code, 1, "stdout: {stdout}\nstderr: {stderr}");
    assert!(
        stdout.contains("refused the Planner's orders") && stdout.contains("cycle"),
        "{stdout}"
    );
    assert_eq!(ws.states(), proposed, "the refused plan changed the voyage");
    ws.ok(&["plan", "v1", "--approve", "-q"]);
    assert_eq!(
        ws.states(),
        [state("api", "pending"), state("api-tests", "pending")]
    );
}
