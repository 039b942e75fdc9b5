use rand::Rng;

pub fn new_login_code() -> String {
    let mut rng = rand::thread_rng();
    format!("{:06}", rng.gen_range(0..1_000_000))
}

pub fn send_login_code(phone: &str) {
    let code = new_login_code();
    println!("sending code {code} to {phone}");
}
