use std::env;
use std::process::Command;

const HOOKS: [&str; 3] = ["notify-slack", "rotate-logs", "warm-cache"];

fn main() {
    let hook = env::var("DEPLOY_HOOK").unwrap_or_else(|_| "notify-slack".into());
    if !HOOKS.contains(&hook.as_str()) {
        eprintln!("unknown hook {hook}");
        std::process::exit(2);
    }
    let line = format!("/opt/hooks/{} --env production", hook);
    let status = Command::new("sh").arg("-c").arg(&line).status().expect("hook failed to start");
    std::process::exit(status.code().unwrap_or(1));
}
