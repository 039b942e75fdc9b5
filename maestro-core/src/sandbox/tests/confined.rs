//! Processes actually run through the wrapper (these need bubblewrap and socat).

use super::*;

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
