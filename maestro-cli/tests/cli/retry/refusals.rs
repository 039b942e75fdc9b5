//! What retry, edit and remove refuse, and that a refusal changes nothing.

use super::*;

/// Every refusal is one line, exit code 2, and changes nothing (the audit log included).
#[test]
fn retry_edit_and_remove_refuse_with_one_line_and_change_nothing() {
    let repo = failed_voyage();
    repo.maestro(&[
        "order", "add", "v1", "--id", "extra", "--title", "Extra", "--role", "builder",
    ])
    .ok();
    let cases: Vec<(&str, Vec<&str>)> = vec![
        (
            "order_retry_blocked_by_failed",
            vec!["order", "retry", "v1", "docs"],
        ),
        ("order_retry_pending", vec!["order", "retry", "v1", "extra"]),
        ("order_retry_unknown", vec!["order", "retry", "v1", "ghost"]),
        ("order_retry_nothing_named", vec!["order", "retry", "v1"]),
        (
            "order_edit_cycle",
            vec!["order", "edit", "v1", "api", "--depends-on", "docs"],
        ),
        (
            "order_edit_unknown_dependency",
            vec!["order", "edit", "v1", "api", "--depends-on", "ghost"],
        ),
        (
            "order_edit_empty_title",
            vec!["order", "edit", "v1", "api", "--title", " "],
        ),
        ("order_edit_nothing", vec!["order", "edit", "v1", "api"]),
        (
            "order_edit_conflicting_flags",
            vec![
                "order",
                "edit",
                "v1",
                "api",
                "--scope",
                "src/**",
                "--no-scope",
            ],
        ),
        (
            "order_remove_depended_on",
            vec!["order", "remove", "v1", "api"],
        ),
        (
            "order_remove_unknown",
            vec!["order", "remove", "v1", "ghost"],
        ),
        (
            "order_retry_unknown_voyage",
            vec!["order", "retry", "v9", "api"],
        ),
    ];
    for (name, args) in cases {
        let before = repo.state();
        let run = repo.maestro(&args);
        snapshot!(name, repo, run);
        run.usage_error();
        assert_eq!(repo.state(), before, "{args:?} changed something");
    }
}

#[test]
fn merged_orders_are_never_retried_edited_removed_or_replaced() {
    let repo = voyage_of(
        "[[orders]]\nid = \"a\"\ntitle = \"A\"\nrole = \"builder\"\nagent = { command = [\"sh\", \"-c\", \"echo a > a.txt\"] }\n",
    );
    repo.maestro(&["run", "v1"]).ok();
    repo.write(
        "changed.toml",
        "[[orders]]\nid = \"a\"\ntitle = \"A, again\"\nrole = \"builder\"\n",
    );
    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("order_retry_merged", vec!["order", "retry", "v1", "a"]),
        (
            "order_edit_merged",
            vec!["order", "edit", "v1", "a", "--title", "B"],
        ),
        ("order_remove_merged", vec!["order", "remove", "v1", "a"]),
        (
            "voyage_import_replace_merged",
            vec!["voyage", "import", "v1", "changed.toml", "--replace"],
        ),
    ];
    for (name, args) in cases {
        let before = repo.state();
        let run = repo.maestro(&args);
        snapshot!(name, repo, run);
        run.usage_error();
        assert_eq!(repo.state(), before, "{args:?} changed something");
    }
    // The same file without a change to `a` is fine: `a` is left as it is.
    repo.write(
        "same.toml",
        "[[orders]]\nid = \"a\"\ntitle = \"A\"\nrole = \"builder\"\nagent = { command = [\"sh\", \"-c\", \"echo a > a.txt\"] }\n\n[[orders]]\nid = \"b\"\ntitle = \"B\"\nrole = \"builder\"\n",
    );
    let same = repo.maestro(&["voyage", "import", "v1", "same.toml", "--replace", "--json"]);
    let value: serde_json::Value = serde_json::from_str(same.ok()).expect("JSON");
    assert_eq!(value["unchanged"], serde_json::json!(["a"]));
    assert_eq!(value["added"], serde_json::json!(["b"]));
}

/// While a `maestro run` holds the voyage, nothing may reshape it.
#[test]
fn a_voyage_a_run_holds_is_left_alone() {
    let repo = failed_voyage();
    let store = maestro_core::Store::open(repo.path()).expect("initialised");
    let run_lock = store
        .try_lock_run(&"v1".parse().expect("name"))
        .expect("lockable")
        .expect("free");
    let commands: [&[&str]; 6] = [
        &["order", "retry", "v1", "api"],
        &["order", "retry", "v1", "--failed"],
        &["order", "edit", "v1", "api", "--title", "T"],
        &["order", "remove", "v1", "docs"],
        &["voyage", "import", "v1", "orders.toml", "--replace"],
        &["voyage", "remove", "v1"],
    ];
    for args in commands {
        let before = repo.state();
        let run = repo.maestro(args);
        assert_eq!(
            run.usage_error(),
            "error: voyage `v1` is held by a running dispatcher or another change to it; try again once it ends",
            "{args:?}"
        );
        assert_eq!(repo.state(), before, "{args:?} changed something");
    }
    drop(run_lock);
    repo.maestro(&["order", "retry", "v1", "api"]).ok();
}
