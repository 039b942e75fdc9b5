//! The hook service answers only callers outside any sandbox: a sandboxed command that reaches
//! its socket would otherwise have the service read files for it that its sandbox hides. Under
//! bubblewrap (another user or mount namespace) the service refuses the caller; under the
//! crews' own sandbox the socket is not even reached. Either way the call is not answered by
//! the service, and a client told not to fall back blocks.

use std::path::{Path, PathBuf};
use std::process::Command;

use maestro_tests::hook_service::HookService;

use super::Fixture;

fn client() -> PathBuf {
    maestro_tests::maestro_bin()
        .expect("maestro")
        .with_file_name("maestro-hook")
}

/// Runs `program args` with `input` on stdin: exit code and stderr.
fn run(program: &Path, args: &[String], input: &str, cwd: &Path) -> (i32, String) {
    let (code, _, stderr) = maestro_tests::outcome_with_input(
        Command::new(program).args(args).current_dir(cwd),
        input.as_bytes(),
    );
    (code, stderr)
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_sandboxed_caller_is_not_answered_by_the_hook_service() {
    let f = Fixture::new("http://127.0.0.1:9");
    let mut maestro = Command::new(maestro_tests::maestro_bin().expect("maestro"));
    maestro.current_dir(f.repo.path());
    let service = HookService::start(maestro);
    // A directory outside any workspace: the service's answer there is the defaults' (the
    // fixture's own workspace.json is a marker, not a configuration).
    let plain = tempfile::tempdir().expect("tempdir");
    let input = serde_json::json!({
        "tool_name": "Write", "cwd": plain.path(),
        "tool_input": {"file_path": "ok.py", "content": "print(1)\n"}
    })
    .to_string();
    let socket = service.socket().display().to_string();
    let client_args = |event: &str| {
        vec![
            "--socket".to_owned(),
            socket.clone(),
            "--no-fallback".to_owned(),
            event.to_owned(),
        ]
    };
    // Outside any sandbox the service answers (the call is allowed).
    let (code, stderr) = run(
        &client(),
        &client_args("pre-tool-use"),
        &input,
        plain.path(),
    );
    assert_eq!(code, 0, "{stderr}");

    // The whole file system visible, the socket reachable, in other namespaces: refused.
    for unshare in [
        &["--unshare-user"][..],
        &["--unshare-user", "--unshare-pid"],
    ] {
        let mut args: Vec<String> = ["--dev-bind", "/", "/"].map(String::from).to_vec();
        args.extend(unshare.iter().map(|s| (*s).to_owned()));
        args.push(client().display().to_string());
        args.extend(client_args("pre-tool-use"));
        let (code, stderr) = run(Path::new("bwrap"), &args, &input, plain.path());
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains("runs in another user namespace (a sandbox)"),
            "{unshare:?}: {stderr}"
        );
    }

    // Under the crews' sandbox: not answered by the service either (not reached, or refused).
    // The client is copied into the worktree: the sandbox may hide where the build put it.
    let inside = f.worktree.join("maestro-hook-copy");
    std::fs::copy(client(), &inside).expect("copy the client");
    let script = format!(
        "printf '%s' '{}' | '{}' --socket '{socket}' --no-fallback post-tool-use",
        input.replace('\'', "'\\''"),
        inside.display()
    );
    let (program, args) = f.sandbox.wrap(&f.worktree, "sh", &["-c".into(), script]);
    let (code, stderr) = run(Path::new(&program), &args, "", &f.worktree);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("did not answer") || stderr.contains("another user namespace"),
        "{stderr}"
    );
}
