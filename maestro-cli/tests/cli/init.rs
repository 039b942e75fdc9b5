use crate::snapshot;
use crate::support::Repo;

#[test]
fn init_writes_the_spec_defaults_and_is_idempotent() {
    let repo = Repo::new();
    let first = repo.maestro(&["init"]);
    snapshot!("init_fresh", repo, first);
    let written = repo.read(".mso/workspace.json");
    let value: serde_json::Value = serde_json::from_str(&written).expect("JSON");
    assert_eq!(value["crews"]["maxConcurrent"], 5);
    assert_eq!(value["dataResidency"]["mode"], "standard");
    assert!(
        repo.read(".git/info/exclude")
            .lines()
            .any(|l| l == "/.mso/")
    );
    // git does not see maestro's state.
    assert_eq!(repo.git(&["status", "--porcelain"]), "");

    let again = repo.maestro(&["init"]);
    snapshot!("init_again", repo, again);
    assert_eq!(repo.read(".mso/workspace.json"), written, "nothing changed");
    let exclude = repo.read(".git/info/exclude");
    assert_eq!(
        exclude.matches("/.mso/").count(),
        1,
        "exclude line added once"
    );
}

#[test]
fn a_changed_config_is_kept_unless_forced() {
    let repo = Repo::initialised();
    repo.write(".mso/workspace.json", "{\"persona\": \"plain\"}\n");
    let kept = repo.maestro(&["init"]);
    snapshot!("init_kept", repo, kept);
    assert_eq!(
        repo.read(".mso/workspace.json"),
        "{\"persona\": \"plain\"}\n"
    );

    repo.write(".mso/workspace.json", "{\"persona\": ");
    let invalid = repo.maestro(&["init"]);
    snapshot!("init_invalid", repo, invalid);
    assert_eq!(
        repo.read(".mso/workspace.json"),
        "{\"persona\": ",
        "not overwritten"
    );

    let forced = repo.maestro(&["init", "--force"]);
    snapshot!("init_force", repo, forced);
    assert_eq!(
        repo.read(".mso/workspace.json"),
        Repo::initialised().read(".mso/workspace.json")
    );
}

#[test]
fn init_from_a_subdirectory_uses_the_repository_root() {
    let repo = Repo::new();
    std::fs::create_dir_all(repo.path().join("src/deep")).expect("mkdir");
    repo.maestro(&["-C", "src/deep", "init"]).ok();
    assert!(repo.path().join(".mso/workspace.json").is_file());
    assert!(!repo.path().join("src/deep/.mso").exists());
}

#[test]
fn init_outside_a_repository_fails() {
    let dir = Repo::empty_dir();
    let run = dir.maestro(&["init"]);
    snapshot!("init_no_repo", dir, run);
    assert!(!dir.path().join(".mso").exists());
}

#[test]
fn init_json() {
    let repo = Repo::new();
    let run = repo.maestro(&["init", "--json"]);
    snapshot!("init_json", repo, run);
}
