//! Initialising and opening a workspace.

use super::*;
use crate::config::WorkspaceConfig;

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
