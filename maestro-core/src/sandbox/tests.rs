use std::ffi::OsStr;
use std::process::Command;

use serde_json::{Value, json};

use super::bwrap::{ISOLATION, check_available_in};
use super::paths::path_string;
use super::testing::Layout;
use super::*;

/// A workspace whose root is a temporary directory: `.git`, `.mso/worktrees/v1/a`, a home
/// with `.aws/credentials` and `.netrc`, a cache directory and an audit key.
struct Fixture {
    _dir: tempfile::TempDir,
    base: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("tempdir");
        let base = dir.path().canonicalize().expect("canonical");
        for sub in [
            "repo/.git",
            "repo/.mso/worktrees/v1/a",
            "home/.aws",
            "home/.cargo/registry",
            "keys",
        ] {
            std::fs::create_dir_all(base.join(sub)).expect("mkdir");
        }
        for file in ["home/.aws/credentials", "home/.netrc", "keys/audit.key"] {
            std::fs::write(base.join(file), "secret").expect("write");
        }
        Fixture { _dir: dir, base }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.base.join(relative)
    }

    fn config(&self, edit: impl FnOnce(&mut Value)) -> WorkspaceConfig {
        let mut value = json!({
            "anthropic": {"baseUrl": "http://127.0.0.1:8080"},
            "dataResidency": {"allowHosts": ["registry.example.com", "*.pkg.example.org"]},
            "crews": {"writableDirs": ["~/.cargo/registry"]},
            "audit": {"keyFile": self.path("keys/audit.key")},
        });
        edit(&mut value);
        serde_json::from_value(value).expect("valid config")
    }

    fn sandbox(&self, config: &WorkspaceConfig) -> Result<Sandbox, SandboxError> {
        Sandbox::from_config(
            config,
            &self.path("repo"),
            &self.path("repo/.git"),
            Some(&self.path("home")),
        )
    }
}

#[test]
fn the_claude_settings_of_a_workspace() {
    let f = Fixture::new();
    let sandbox = f.sandbox(&f.config(|_| {})).expect("sandbox");
    let settings = sandbox.claude_settings();
    let p = |relative: &str| f.path(relative).to_str().expect("UTF-8").to_owned();
    assert_eq!(
        settings,
        json!({
            "enabled": true,
            "failIfUnavailable": true,
            "allowUnsandboxedCommands": false,
            "autoAllowBashIfSandboxed": true,
            "filesystem": {
                "allowWrite": [p("home/.cargo/registry")],
                "denyWrite": [p("repo/.git")],
                "denyRead": [
                    p("repo/.mso"),
                    p("home/.aws"),
                    p("home/.netrc"),
                    p("keys/audit.key"),
                ],
            },
            "network": {
                "allowedDomains": ["127.0.0.1:8080", "registry.example.com", "*.pkg.example.org"],
                "strictAllowlist": true,
            },
            "credentials": {
                "envVars": [
                    {"name": "ANTHROPIC_API_KEY", "mode": "deny"},
                    {"name": "ANTHROPIC_AUTH_TOKEN", "mode": "deny"},
                    {"name": "GITHUB_TOKEN", "mode": "deny"},
                ],
            },
        })
    );
    // Every withheld variable is unset in what bwrap runs too.
    let (_, args) = sandbox
        .withhold_env(["STRIPE_KEY"])
        .wrap(&f.path("repo"), "true", &[]);
    let unset: Vec<&str> = args
        .windows(2)
        .filter(|w| w[0] == "--unsetenv")
        .map(|w| w[1].as_str())
        .collect();
    assert_eq!(
        unset,
        [
            "ANTHROPIC_API_KEY",
            "ANTHROPIC_AUTH_TOKEN",
            "GITHUB_TOKEN",
            "STRIPE_KEY"
        ]
    );
}

#[test]
fn the_network_rule() {
    let f = Fixture::new();
    let standard = |base_url: Value| {
        Network::from_config(&f.config(|c| {
            c["anthropic"]["baseUrl"] = base_url;
            c["dataResidency"]["allowHosts"] = json!(["api.anthropic.com:443", "x.example"]);
        }))
    };
    // The public API when no proxy is set; a duplicate of the endpoint is listed once.
    assert_eq!(
        standard(Value::Null),
        Network::Hosts(vec!["api.anthropic.com:443".into(), "x.example".into()])
    );
    assert_eq!(
        standard(json!("https://proxy.internal/v1")),
        Network::Hosts(vec![
            "proxy.internal:443".into(),
            "api.anthropic.com:443".into(),
            "x.example".into()
        ])
    );
    let air_gapped = f.config(|c| c["dataResidency"]["mode"] = json!("air-gapped"));
    assert_eq!(Network::from_config(&air_gapped), Network::Loopback);
    let sandbox = f.sandbox(&air_gapped).expect("sandbox");
    assert_eq!(
        sandbox.claude_settings()["network"]["allowedDomains"],
        json!(["localhost", "127.0.0.1", "::1"])
    );
}

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

/// Runs `script` with `sh -c` through the wrapper in the layout's worktree; its exit code and
/// combined output.
fn sandboxed(layout: &Layout, script: &str) -> (Option<i32>, String) {
    let (program, args) =
        layout
            .sandbox
            .wrap(&layout.worktree, "sh", &["-c".into(), script.into()]);
    let out = Command::new(program)
        .args(args)
        .current_dir(&layout.worktree)
        .output()
        .expect("bwrap runs");
    (
        out.status.code(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn the_wrapper_confines_writes_and_hides_state() {
    let layout = Layout::new();
    // A name no other test uses, for the private /tmp.
    let scratch = format!(
        "/tmp/maestro-sandbox-{}",
        layout
            .root
            .parent()
            .and_then(Path::file_name)
            .and_then(OsStr::to_str)
            .expect("name")
    );
    let (code, output) = sandboxed(
        &layout,
        &format!(
            "echo ok > here.txt && echo ok > {scratch} && pwd && cat ../../../workspace.json; \
             ls ../b; echo x > ../../../../.git/refs/heads/evil; echo x > ../../../../evil; \
             echo x > ../../../workspace.json"
        ),
    );
    assert_eq!(code, Some(2), "{output}");
    assert!(
        output.starts_with(&format!("{}\n", layout.worktree.display())),
        "{output}"
    );
    assert_eq!(
        std::fs::read_to_string(layout.worktree.join("here.txt")).expect("written"),
        "ok\n"
    );
    assert!(!Path::new(&scratch).exists(), "the private /tmp leaked");
    assert!(output.contains("workspace.json: No such file"), "{output}");
    assert!(
        output.contains("../b") && output.contains("No such file"),
        "{output}"
    );
    assert_eq!(
        output.matches("Read-only file system").count(),
        3,
        "{output}"
    );
    assert!(!layout.at(".git/refs/heads/evil").exists());
    assert_eq!(
        std::fs::read_to_string(layout.at(".mso/workspace.json")).expect("kept"),
        "{}"
    );
    assert!(!layout.at("evil").exists());
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_sandboxed_process_has_no_capabilities_and_no_network() {
    let layout = Layout::new();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("listen");
    let port = listener.local_addr().expect("address").port();
    let (code, output) = sandboxed(
        &layout,
        &format!(
            "ls -A /run | wc -l; grep CapEff /proc/self/status; \
             mount -o remount,rw / 2>&1 || echo remount refused; \
             python3 -c 'import socket; socket.create_connection((\"127.0.0.1\", {port}), 3)' \
             2>&1 | tail -n 1"
        ),
    );
    assert_eq!(code, Some(0), "{output}");
    assert!(output.contains("CapEff:\t0000000000000000"), "{output}");
    assert!(output.contains("remount refused"), "{output}");
    // An empty /run, and the host's loopback out of reach.
    assert!(output.starts_with("0\n"), "{output}");
    let connect = output.lines().last().expect("a last line");
    assert!(
        connect.contains("ConnectionRefusedError") || connect.contains("Network is unreachable"),
        "{output}"
    );
}

#[test]
fn a_claude_agent_passes_the_sandbox_through_its_settings() {
    use crate::agent::{ClaudeAgent, ClaudeOptions};

    let f = Fixture::new();
    let sandbox = f.sandbox(&f.config(|_| {})).expect("sandbox");
    let settings = |options: ClaudeOptions| {
        ClaudeAgent::new(options)
            .expect("agent")
            .settings_json()
            .map(|s| serde_json::from_str::<Value>(&s).expect("JSON"))
    };
    let both = settings(ClaudeOptions {
        hook_command: Some("/usr/bin/maestro hook".into()),
        sandbox: Some(sandbox.clone()),
        ..ClaudeOptions::default()
    })
    .expect("settings");
    assert_eq!(both["sandbox"], sandbox.claude_settings());
    assert!(both["hooks"]["PreToolUse"].is_array(), "{both}");
    let only_sandbox = settings(ClaudeOptions {
        sandbox: Some(sandbox.clone()),
        ..ClaudeOptions::default()
    })
    .expect("settings");
    assert_eq!(only_sandbox, json!({"sandbox": sandbox.claude_settings()}));
    assert_eq!(settings(ClaudeOptions::default()), None);
}

/// The audit key `maestro init` makes lives in `~/.config/maestro`, itself hidden: bwrap hides
/// the directory once (nothing can be bound inside its read-only replacement) and still starts.
#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_hidden_file_inside_a_hidden_directory() {
    let f = Fixture::new();
    std::fs::create_dir_all(f.path("home/.config/maestro")).expect("mkdir");
    std::fs::write(f.path("home/.config/maestro/audit.key"), "secret").expect("key");
    let config = f.config(|c| {
        c["audit"]["keyFile"] = json!(f.path("home/.config/maestro/audit.key"));
    });
    let sandbox = f.sandbox(&config).expect("sandbox");
    assert!(
        sandbox
            .hidden()
            .contains(&f.path("home/.config/maestro/audit.key"))
    );
    let worktree = f.path("repo/.mso/worktrees/v1/a");
    let (program, args) = sandbox.wrap(
        &worktree,
        "cat",
        &[path_string(&f.path("home/.config/maestro/audit.key"))],
    );
    let joined = args.join(" ");
    assert!(
        joined.contains(&format!(
            "--tmpfs {dir} --remount-ro {dir}",
            dir = f.path("home/.config/maestro").display()
        )) && !joined.contains(&format!(
            "/dev/null {}",
            f.path("home/.config/maestro/audit.key").display()
        )),
        "{joined}"
    );
    let out = Command::new(program)
        .args(args)
        .output()
        .expect("bwrap runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && stderr.contains("No such file"),
        "{stderr}"
    );
}

#[test]
fn credential_variables_are_named_by_name_or_value() {
    let vars = [
        ("PATH", "/usr/bin"),
        ("GITHUB_TOKEN", "x"),
        ("db_password", "x"),
        ("OPENAI_API_KEY", "x"),
        ("HARMLESS", "AKIA-looking"),
        ("EDITOR", "vi"),
    ]
    .map(|(k, v)| (k.into(), v.into()));
    let names = credential_variables(vars, |value| value.starts_with("AKIA"));
    assert_eq!(
        names,
        ["GITHUB_TOKEN", "db_password", "OPENAI_API_KEY", "HARMLESS"]
    );
}
