//! Several `maestro` processes changing one voyage at once lose nothing.

use std::process::Stdio;

use crate::support::Repo;

/// 8 processes each add 3 orders to one voyage at the same moment; every order is there
/// afterwards. Repeated 20 times, each on a fresh voyage.
#[test]
fn eight_processes_adding_orders_lose_nothing() {
    let repo = Repo::initialised();
    for round in 0..20 {
        let voyage = format!("v{round}");
        repo.maestro(&["voyage", "new", &voyage]).ok();
        let children: Vec<_> = (0..8)
            .map(|process| {
                // Each process adds its orders with one shell running three `maestro` in a row,
                // so the eight shells overlap.
                let adds: Vec<String> = (0..3)
                    .map(|n| {
                        format!(
                            "{bin} order add {voyage} --id p{process}-o{n} --title 'order {n}' --role builder{dep} || exit 1",
                            bin = crate::support::maestro_bin(),
                            dep = if n > 0 { format!(" --depends-on p{process}-o{}", n - 1) } else { String::new() },
                        )
                    })
                    .collect();
                let mut command = std::process::Command::new("sh");
                crate::support::hermetic(&mut command, repo.path());
                command
                    .arg("-c")
                    .arg(adds.join("\n"))
                    .current_dir(repo.path())
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawned")
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().expect("finished");
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let run = repo.maestro(&["order", "list", &voyage, "--json"]);
        let listed: serde_json::Value = serde_json::from_str(run.ok()).expect("JSON");
        let mut ids: Vec<String> = listed["orders"]
            .as_array()
            .expect("orders")
            .iter()
            .map(|o| o["id"].as_str().expect("id").to_owned())
            .collect();
        ids.sort();
        let mut expected: Vec<String> = (0..8)
            .flat_map(|p| (0..3).map(move |n| format!("p{p}-o{n}")))
            .collect();
        expected.sort();
        assert_eq!(ids, expected, "round {round}");
        // Positions are unique: no two writers took the same slot.
        let mut positions: Vec<u64> = (0..8)
            .flat_map(|p| (0..3).map(move |n| format!("p{p}-o{n}")))
            .map(|id| {
                let text = repo.read(&format!(".mso/voyages/{voyage}/orders/{id}.json"));
                let order: serde_json::Value = serde_json::from_str(&text).expect("JSON");
                order["position"].as_u64().expect("position")
            })
            .collect();
        positions.sort_unstable();
        positions.dedup();
        assert_eq!(positions.len(), 24, "round {round}: duplicate positions");
    }
}
