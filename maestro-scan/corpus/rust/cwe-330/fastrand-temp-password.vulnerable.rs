use std::env;

fn main() {
    let user = env::args().nth(1).expect("usage: reset-password USER");
    let password: String = std::iter::repeat_with(fastrand::alphanumeric).take(16).collect();
    println!("temporary password for {user}: {password}");
}
