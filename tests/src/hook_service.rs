//! A running `maestro hook serve` for tests: started on a socket in a new directory, waited for
//! until it listens, ended when dropped (or by closing its stdin, as its parent's exit does).

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The hook service a test started.
#[derive(Debug)]
pub struct HookService {
    child: Child,
    socket: PathBuf,
    _dir: tempfile::TempDir,
}

impl HookService {
    /// Starts `maestro` (a command with the test's environment, no arguments yet) as
    /// `maestro hook serve --socket <new socket>` and waits for its ready line.
    #[must_use]
    pub fn start(mut maestro: Command) -> HookService {
        let dir = tempfile::tempdir().expect("tempdir");
        let socket = dir.path().join("socket");
        let mut child = maestro
            .args(["hook", "serve", "--socket"])
            .arg(&socket)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the hook service starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("its ready line");
        assert_eq!(line.trim_end(), "maestro hook service ready");
        HookService {
            child,
            socket,
            _dir: dir,
        }
    }

    /// The socket it listens on.
    #[must_use]
    pub fn socket(&self) -> &Path {
        &self.socket
    }

    /// Closes its stdin, as its parent's exit does, and checks that it ends cleanly and takes
    /// its socket with it.
    pub fn stop(mut self) {
        drop(self.child.stdin.take());
        let status = self.child.wait().expect("wait");
        assert!(status.success(), "{status}");
        assert!(!self.socket.exists(), "the socket was left behind");
    }
}

impl Drop for HookService {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
