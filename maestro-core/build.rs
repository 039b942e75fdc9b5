//! Tells this crate's own tests whether bubblewrap and socat are on `PATH` (cfg
//! `maestro_sandbox`), so a test that runs real processes in the sandbox is reported as
//! ignored without them, never as passed; `MAESTRO_REQUIRE_TOOLS=1` (CI) makes their absence a
//! build failure. Nothing in the library itself depends on it.

use std::path::PathBuf;

fn on_path(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

fn main() {
    println!("cargo::rustc-check-cfg=cfg(maestro_sandbox)");
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rerun-if-env-changed=MAESTRO_REQUIRE_TOOLS");
    let found: Vec<Option<PathBuf>> = ["bwrap", "socat"].into_iter().map(on_path).collect();
    if found.iter().all(Option::is_some) {
        println!("cargo::rustc-cfg=maestro_sandbox");
        return;
    }
    assert!(
        std::env::var("MAESTRO_REQUIRE_TOOLS").as_deref() != Ok("1"),
        "MAESTRO_REQUIRE_TOOLS=1 but bubblewrap or socat is not on PATH (run scripts/install-sandbox)"
    );
    // Rerun once they are installed.
    println!("cargo::rerun-if-changed=/usr/bin/bwrap");
    println!("cargo::rerun-if-changed=/usr/bin/socat");
}
