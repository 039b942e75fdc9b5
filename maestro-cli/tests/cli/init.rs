use crate::snapshot;
use crate::support::Repo;

#[test]
fn init_writes_the_spec_defaults_and_is_idempotent() {
    let repo = Repo::new();
    let first = repo.maestro(&["init"]);
    snapshot!(
        repo,
        first,
        @r"
        exit: 0
        --- stdout
        initialised maestro: wrote .mso/workspace.json with the defaults
        created the audit signing key [CONFIG]/maestro/audit-keys/[ID].key (mode 0600, outside the repository)
        added /.mso/ to .git/info/exclude
        --- stderr
        "
    );
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
    snapshot!(
        repo,
        again,
        @r"
        exit: 0
        --- stdout
        already initialised: .mso/workspace.json is unchanged
        --- stderr
        "
    );
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
    let initial = repo.read(".mso/workspace.json");
    repo.write(".mso/workspace.json", "{\"persona\": \"plain\"}\n");
    let kept = repo.maestro(&["init"]);
    snapshot!(
        repo,
        kept,
        @r"
        exit: 0
        --- stdout
        already initialised: kept .mso/workspace.json, which differs from the defaults (--force resets it)
        --- stderr
        "
    );
    assert_eq!(
        repo.read(".mso/workspace.json"),
        "{\"persona\": \"plain\"}\n"
    );

    repo.write(".mso/workspace.json", "{\"persona\": ");
    let invalid = repo.maestro(&["init"]);
    snapshot!(
        repo,
        invalid,
        @r"
        exit: 2
        --- stdout
        --- stderr
        error: [REPO]/.mso/workspace.json: at `persona` (line 1, column 12): EOF while parsing a value
        "
    );
    assert_eq!(
        repo.read(".mso/workspace.json"),
        "{\"persona\": ",
        "not overwritten"
    );

    let forced = repo.maestro(&["init", "--force"]);
    snapshot!(
        repo,
        forced,
        @r"
        exit: 0
        --- stdout
        reset .mso/workspace.json to the defaults
        reused the audit signing key [CONFIG]/maestro/audit-keys/[ID].key
        --- stderr
        "
    );
    assert_eq!(repo.read(".mso/workspace.json"), initial);
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
    snapshot!(
        dir,
        run,
        @r"
        exit: 2
        --- stdout
        --- stderr
        error: not in a git repository (or any parent directory): [REPO]
        "
    );
    assert!(!dir.path().join(".mso").exists());
}

#[test]
fn init_json() {
    let repo = Repo::new();
    let run = repo.maestro(&["init", "--json"]);
    snapshot!("init_json", repo, run);
}

/// The audit key file `init` named in `workspace.json`.
fn configured_key(repo: &Repo) -> std::path::PathBuf {
    let config: serde_json::Value =
        serde_json::from_str(&repo.read(".mso/workspace.json")).expect("JSON");
    config["audit"]["keyFile"]
        .as_str()
        .expect("audit.keyFile is set")
        .into()
}

#[test]
fn init_creates_a_private_audit_key_outside_the_repository_and_reuses_it() {
    let repo = Repo::new();
    let first = repo.maestro(&["init"]);
    assert!(
        first.ok().contains("created the audit signing key"),
        "{}",
        first.stdout
    );
    let keys = repo.audit_keys();
    assert_eq!(keys.len(), 1, "one key per repository");
    let key = &keys[0];
    assert_eq!(&configured_key(&repo), key);
    assert!(key.starts_with(repo.config_home().join("maestro/audit-keys")));
    assert!(!key.starts_with(repo.path()), "outside the repository");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = |p: &std::path::Path| {
            std::fs::metadata(p).expect("exists").permissions().mode() & 0o777
        };
        assert_eq!(mode(key), 0o600);
        assert_eq!(mode(key.parent().expect("dir")), 0o700);
    }
    let key_text = std::fs::read_to_string(key).expect("key");
    assert!(key_text.contains("ed25519:"), "a signing key");
    // Checkpoints are signed from the first entry.
    assert!(repo.read(".mso/audit.head").contains("\"sig\""));
    let verify = repo.maestro(&["audit", "verify"]);
    assert!(
        verify.ok().contains("checkpoint signature valid"),
        "{}",
        verify.stdout
    );
    assert_eq!(repo.git(&["status", "--porcelain"]), "", "nothing for git");

    // Again: nothing changes, the key is reused.
    let config = repo.read(".mso/workspace.json");
    let log = repo.read(".mso/audit.log");
    let again = repo.maestro(&["init"]);
    assert!(again.ok().contains("is unchanged"), "{}", again.stdout);
    assert_eq!(repo.read(".mso/workspace.json"), config);
    assert_eq!(repo.read(".mso/audit.log"), log, "nothing audited");
    assert_eq!(std::fs::read_to_string(key).expect("key"), key_text);

    // A changed configuration is kept without --force, and the key is not touched.
    repo.write(".mso/workspace.json", "{\"persona\": \"plain\"}\n");
    assert!(repo.maestro(&["init"]).ok().contains("kept"));
    assert_eq!(
        repo.read(".mso/workspace.json"),
        "{\"persona\": \"plain\"}\n"
    );
    // --force resets it, with the same key: never overwritten.
    let forced = repo.maestro(&["init", "--force"]);
    assert!(
        forced.ok().contains("reused the audit signing key"),
        "{}",
        forced.stdout
    );
    assert_eq!(repo.read(".mso/workspace.json"), config);
    assert_eq!(std::fs::read_to_string(key).expect("key"), key_text);
    assert_eq!(repo.audit_keys().len(), 1);
    repo.maestro(&["audit", "verify"]).ok();

    // A key that is gone is made again, and the owner's `init` signs the log with it.
    std::fs::remove_file(key).expect("remove");
    let again = repo.maestro(&["init"]);
    let said = again.ok();
    assert!(
        said.contains("created the audit signing key")
            && said.contains("signed the audit log's checkpoint"),
        "{said}"
    );
    assert_ne!(std::fs::read_to_string(key).expect("key"), key_text);
    assert_eq!(repo.read(".mso/workspace.json"), config);
    let verify = repo.maestro(&["audit", "verify"]);
    assert!(
        verify.ok().contains("checkpoint signature valid"),
        "{}",
        verify.stdout
    );
}

#[test]
fn init_of_a_workspace_without_a_key_adds_one_and_signs_its_log() {
    let repo = Repo::new();
    // With the configuration directory inside the repository there is nowhere to put a key:
    // the workspace is created without one (as by an older `init`).
    let inside = repo
        .command(&["init"])
        .env("XDG_CONFIG_HOME", repo.path().join(".config"))
        .output()
        .expect("runs");
    assert!(inside.status.success());
    let said = String::from_utf8_lossy(&inside.stdout);
    assert!(
        said.contains("audit checkpoints are not signed") && said.contains("inside the repository"),
        "{said}"
    );
    assert!(
        !repo.path().join(".config").exists(),
        "no key in the work tree"
    );
    assert!(!repo.read(".mso/workspace.json").contains("audit"));
    repo.maestro(&["voyage", "new", "v1"]).ok();
    assert!(!repo.read(".mso/audit.head").contains("\"sig\""));

    // `init` where a key can live adds it and signs the existing log's checkpoint.
    let run = repo.maestro(&["init"]);
    let out = run.ok();
    assert!(out.contains("added audit.keyFile"), "{out}");
    assert!(out.contains("signed the audit log's checkpoint"), "{out}");
    assert_eq!(configured_key(&repo), repo.audit_keys()[0]);
    let verify = repo.maestro(&["audit", "verify"]);
    assert!(
        verify
            .ok()
            .contains("3 entries verified, checkpoint signature valid"),
        "{}",
        verify.stdout
    );
    assert!(repo.maestro(&["init"]).ok().contains("is unchanged"));
}
