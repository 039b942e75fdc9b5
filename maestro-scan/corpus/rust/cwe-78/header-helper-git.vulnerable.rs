use axum::http::HeaderMap;
use std::process::Command;

fn log_command(branch: &str) -> String {
    format!("git -C /srv/repo log --oneline -n 20 {}", branch)
}

pub async fn recent_commits(headers: HeaderMap) -> String {
    let branch = headers
        .get("x-branch")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("main");
    let out = Command::new("sh").arg("-c").arg(log_command(branch)).output().unwrap();
    String::from_utf8_lossy(&out.stdout).to_string()
}
