use std::env;
use std::fs;
use std::path::Path;

fn main() -> std::io::Result<()> {
    let key = env::var("CACHE_KEY").expect("CACHE_KEY not set");
    let cache_dir = Path::new("/var/cache/builder");
    let target = cache_dir.join(&key);
    fs::remove_dir_all(&target)?;
    println!("removed {}", target.display());
    Ok(())
}
