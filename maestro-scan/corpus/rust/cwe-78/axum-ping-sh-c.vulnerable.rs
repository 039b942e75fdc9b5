use axum::extract::Query;
use serde::Deserialize;
use std::process::Command;

#[derive(Deserialize)]
pub struct Target {
    host: String,
}

pub async fn ping(Query(target): Query<Target>) -> String {
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("ping -c 3 {}", target.host))
        .output()
        .expect("failed to run ping");
    String::from_utf8_lossy(&output.stdout).into_owned()
}
