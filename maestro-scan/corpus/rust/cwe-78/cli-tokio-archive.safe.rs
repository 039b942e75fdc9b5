use std::env;
use tokio::process::Command;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let project = env::args().nth(1).expect("usage: archive PROJECT");
    let archive = format!("/var/backups/{}.tar.gz", project);
    let status = Command::new("tar")
        .args(["-czf", archive.as_str(), "-C", "/srv/projects", "--", project.as_str()])
        .status()
        .await?;
    println!("archive finished: {status}");
    Ok(())
}
