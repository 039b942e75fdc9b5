//! The sandbox's tests, by concern; the temporary workspace they share.

mod command_line;
mod confined;
mod settings;

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
