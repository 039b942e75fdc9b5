//! The bwrap command line: what it binds, hides and refuses, and a missing program.

use super::*;

#[test]
fn the_bwrap_command_line() {
    let f = Fixture::new();
    let sandbox = f.sandbox(&f.config(|_| {})).expect("sandbox");
    let worktree = f.path("repo/.mso/worktrees/v1/a");
    let (program, args) = sandbox.wrap(&worktree, "python3", &["t.py".into()]);
    assert_eq!(program, "bwrap");
    let p = |relative: &str| f.path(relative).to_str().expect("UTF-8").to_owned();
    let mut expected: Vec<String> = ISOLATION.iter().map(|a| (*a).to_owned()).collect();
    for group in [
        vec![
            "--bind".into(),
            p("home/.cargo/registry"),
            p("home/.cargo/registry"),
        ],
        vec!["--ro-bind".into(), p("repo"), p("repo")],
        vec!["--ro-bind".into(), p("repo/.git"), p("repo/.git")],
        vec!["--tmpfs".into(), p("repo/.mso")],
        vec![
            "--bind".into(),
            p("repo/.mso/worktrees/v1/a"),
            p("repo/.mso/worktrees/v1/a"),
        ],
        vec!["--remount-ro".into(), p("repo/.mso")],
        vec![
            "--tmpfs".into(),
            p("home/.aws"),
            "--remount-ro".into(),
            p("home/.aws"),
        ],
        vec!["--ro-bind".into(), "/dev/null".into(), p("home/.netrc")],
        vec!["--ro-bind".into(), "/dev/null".into(), p("keys/audit.key")],
        vec!["--chdir".into(), p("repo/.mso/worktrees/v1/a")],
        vec![
            "--unsetenv".into(),
            "ANTHROPIC_API_KEY".into(),
            "--unsetenv".into(),
            "ANTHROPIC_AUTH_TOKEN".into(),
            "--unsetenv".into(),
            "GITHUB_TOKEN".into(),
        ],
        vec![
            "--setenv".into(),
            "TMPDIR".into(),
            "/tmp".into(),
            "--".into(),
        ],
        vec!["python3".into(), "t.py".into()],
    ] {
        expected.extend(group);
    }
    assert_eq!(args, expected);
    for flag in [
        "--unshare-net",
        "--unshare-pid",
        "--die-with-parent",
        "--new-session",
    ] {
        assert!(args.iter().any(|a| a == flag), "{flag} missing");
    }
    // Worktrees kept outside `.mso/` are hidden too.
    let outside = Sandbox::new(
        &f.path("repo"),
        &f.path("repo/.git"),
        &f.path("repo/.mso"),
        &f.path("repo/wt"),
    )
    .expect("sandbox");
    let (_, args) = outside.wrap(&f.path("repo/wt/v1/a"), "true", &[]);
    let joined = args.join(" ");
    assert!(
        joined.contains(&format!("--tmpfs {} --bind", p("repo/wt")))
            && joined.contains(&format!("--remount-ro {}", p("repo/wt"))),
        "{joined}"
    );
    assert_eq!(
        outside.claude_settings()["filesystem"]["denyRead"],
        json!([p("repo/.mso"), p("repo/wt")])
    );
}

#[test]
fn writable_dirs_that_would_open_protected_paths_are_refused() {
    let f = Fixture::new();
    let refused = |dir: &str| {
        let config = f.config(|c| c["crews"]["writableDirs"] = json!([dir]));
        f.sandbox(&config).expect_err(dir).to_string()
    };
    for (dir, what) in [
        ("~", "the home directory"),
        ("/", "the home directory"),
        (f.path("repo").to_str().expect("UTF-8"), "the repository"),
        (
            f.path("repo/.git").to_str().expect("UTF-8"),
            "the repository",
        ),
        (
            f.path("repo/.mso/worktrees").to_str().expect("UTF-8"),
            "the repository",
        ),
        ("~/.aws", "a credential file"),
    ] {
        let message = refused(dir);
        assert!(
            message.starts_with("crews.writableDirs[0]: ") && message.contains(what),
            "{dir}: {message}"
        );
    }
    let missing = refused("~/.cache/pip");
    assert!(
        missing.contains("does not exist; create it first"),
        "{missing}"
    );
    let no_home = Sandbox::from_config(
        &f.config(|_| {}),
        &f.path("repo"),
        &f.path("repo/.git"),
        None,
    )
    .expect_err("`~` without a home");
    assert!(
        no_home
            .to_string()
            .contains("crews.writableDirs[0]: `~/.cargo/registry` needs the home directory"),
        "{no_home}"
    );
}

#[test]
fn only_existing_credential_files_are_hidden_and_links_are_followed() {
    let f = Fixture::new();
    assert_eq!(
        credential_files(&f.path("home")),
        [f.path("home/.aws"), f.path("home/.netrc")]
    );
    // A link is hidden at its target, where bwrap and Claude Code see the file.
    std::fs::create_dir_all(f.path("elsewhere")).expect("mkdir");
    std::fs::write(f.path("elsewhere/kubeconfig"), "secret").expect("write");
    std::fs::create_dir_all(f.path("home/.kube")).expect("mkdir");
    #[cfg(unix)]
    std::os::unix::fs::symlink(f.path("elsewhere/kubeconfig"), f.path("home/.kube/config"))
        .expect("link");
    let sandbox = f
        .sandbox(&f.config(|_| {}))
        .expect("sandbox")
        .hide(&f.path("home/.kube/config"))
        .expect("hide")
        .hide(&f.path("home/does-not-exist"))
        .expect("nothing to hide");
    assert!(sandbox.hidden().contains(&f.path("elsewhere/kubeconfig")));
    assert!(
        !sandbox
            .hidden()
            .iter()
            .any(|p| p.ends_with("does-not-exist"))
    );
}

#[test]
fn a_missing_program_is_named() {
    let empty = tempfile::tempdir().expect("tempdir");
    assert_eq!(
        check_available_in(Some(empty.path().as_os_str())),
        Err(Unavailable::Missing("bwrap"))
    );
    assert_eq!(check_available_in(None), Err(Unavailable::Missing("bwrap")));
    // bwrap alone is not enough: Claude Code's proxy needs socat.
    if let Some(bwrap) = find_on_path("bwrap", std::env::var_os("PATH").as_deref()) {
        let dir = tempfile::tempdir().expect("tempdir");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&bwrap, dir.path().join("bwrap")).expect("link");
        assert_eq!(
            check_available_in(Some(dir.path().as_os_str())),
            Err(Unavailable::Missing("socat"))
        );
    }
    let message = Unavailable::Missing("socat").to_string();
    assert!(
        message.contains("`socat`") && !message.contains('\n'),
        "{message}"
    );
    assert!(check_available_in(Some(OsStr::new(""))).is_err());
}
