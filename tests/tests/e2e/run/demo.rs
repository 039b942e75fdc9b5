//! The demo voyage, offline.

use maestro_tests::GitRepo;

#[test]
fn the_demo_runs_a_whole_voyage_offline() {
    let dir = tempfile::tempdir().expect("tempdir");
    let keep = dir.path().join("demo");
    let repo = GitRepo::new().expect("fixture");
    let out = repo
        .maestro(&["demo", "--keep", keep.to_str().expect("utf-8")])
        .expect("built")
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("health: 6 merged"), "{stdout}");
    assert!(
        stdout.contains("config           gates failed: secrets; retrying"),
        "{stdout}"
    );
    assert!(stdout.contains("ok: "), "audit verified: {stdout}");
    assert!(
        stdout.contains("- `config`: 1: gates failed: secrets; 2: passed"),
        "{stdout}"
    );
    let demo = keep.join("repo");
    let show = |rev: &str| {
        std::process::Command::new("git")
            .args(["show", rev])
            .current_dir(&demo)
            .output()
            .expect("git")
    };
    let storage = show("maestro/health:src/storage.py");
    assert!(
        String::from_utf8_lossy(&storage.stdout).contains("os.environ"),
        "the fixed attempt merged"
    );
    assert!(!String::from_utf8_lossy(&storage.stdout).contains("AKIA"));
    assert!(show("maestro/health:CHANGELOG.md").status.success());
}
