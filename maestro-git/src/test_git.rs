//! The `git` program for unit tests: runs it in the tests' hermetic environment and returns
//! its output.

use std::path::Path;
use std::process::Command;

/// Runs `git args…` in `dir` and returns its trimmed stdout; fails the test if git fails.
pub(crate) fn git(dir: &Path, args: &[&str]) -> String {
    let mut command = Command::new("git");
    let out = maestro_tests::hermetic(&mut command, dir)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim()
        .to_owned()
}
