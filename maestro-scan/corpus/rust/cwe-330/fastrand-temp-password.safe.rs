use rand::Rng;
use std::env;

fn main() {
    let user = env::args().nth(1).expect("usage: reset-password USER");
    let password: String = rand::thread_rng()
        .sample_iter(&rand::distributions::Alphanumeric)
        .take(16)
        .map(char::from)
        .collect();
    println!("temporary password for {user}: {password}");
}
