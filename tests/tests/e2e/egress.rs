//! "One egress guard through which every HTTP request passes": maestro-core's `HttpClient` is the
//! only place that builds an HTTP client, and only maestro-core depends on an HTTP client crate.

use std::path::{Path, PathBuf};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate sits in the workspace")
        .to_owned()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_maestro_core_depends_on_an_http_client() {
    let root = workspace_root();
    for member in [
        "maestro-git",
        "maestro-scan",
        "maestro-audit",
        "maestro-licence",
        "maestro-cli",
    ] {
        let manifest =
            std::fs::read_to_string(root.join(member).join("Cargo.toml")).expect("manifest");
        for client in ["reqwest", "hyper", "ureq", "curl", "isahc", "surf"] {
            // maestro-cli serves the control channel remote crews dial in on: hyper's server
            // half only (checked below), never a client.
            let server = member == "maestro-cli" && client == "hyper";
            assert!(
                server || !manifest.lines().any(|l| l.trim_start().starts_with(client)),
                "{member} depends on {client}: HTTP goes through maestro-core's egress guard"
            );
        }
    }
    // The workspace's hyper and hyper-util have no client feature.
    let workspace = std::fs::read_to_string(root.join("Cargo.toml")).expect("manifest");
    for line in workspace.lines().filter(|l| l.starts_with("hyper")) {
        assert!(
            line.contains("default-features = false") && !line.contains("client"),
            "the workspace's hyper is a server only: {line}"
        );
    }
    let core = std::fs::read_to_string(root.join("maestro-core/Cargo.toml")).expect("manifest");
    assert!(
        core.contains("reqwest"),
        "maestro-core holds the one client"
    );
}

#[test]
fn only_the_egress_module_builds_a_client() {
    let root = workspace_root();
    let mut files = Vec::new();
    for member in [
        "maestro-core",
        "maestro-git",
        "maestro-scan",
        "maestro-audit",
        "maestro-licence",
        "maestro-cli",
    ] {
        rust_files(&root.join(member).join("src"), &mut files);
    }
    let allowed = root.join("maestro-core/src/egress/http.rs");
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| **f != allowed)
        .filter(|f| {
            let text = std::fs::read_to_string(f).expect("readable");
            text.contains("reqwest::") || text.contains("TcpStream::connect")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "HTTP or sockets outside the egress guard: {offenders:?}"
    );
}
