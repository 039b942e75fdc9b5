use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::time::{SystemTime, UNIX_EPOCH};

pub fn new_login_code() -> String {
    let seed = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    let mut rng = StdRng::seed_from_u64(seed);
    format!("{:06}", rng.gen_range(0..1_000_000))
}

pub fn send_login_code(phone: &str) {
    let code = new_login_code();
    println!("sending code {code} to {phone}");
}
