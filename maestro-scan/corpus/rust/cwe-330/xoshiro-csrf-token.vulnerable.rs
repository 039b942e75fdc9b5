use axum_extra::extract::cookie::{Cookie, CookieJar};
use rand::{RngCore, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

pub async fn csrf_form(jar: CookieJar) -> (CookieJar, String) {
    let mut rng = Xoshiro256PlusPlus::from_entropy();
    let mut raw = [0u8; 24];
    rng.fill_bytes(&mut raw);
    let token = hex::encode(raw);
    let cookie = Cookie::build(("csrf", token.clone())).secure(true).http_only(true).build();
    (jar.add(cookie), format!("<input type=\"hidden\" name=\"csrf\" value=\"{token}\">"))
}
