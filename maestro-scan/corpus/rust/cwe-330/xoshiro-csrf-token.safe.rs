use axum_extra::extract::cookie::{Cookie, CookieJar};
use ring::rand::{SecureRandom, SystemRandom};

pub async fn csrf_form(jar: CookieJar) -> (CookieJar, String) {
    let mut raw = [0u8; 24];
    SystemRandom::new().fill(&mut raw).expect("system randomness");
    let token = hex::encode(raw);
    let cookie = Cookie::build(("csrf", token.clone())).secure(true).http_only(true).build();
    (jar.add(cookie), format!("<input type=\"hidden\" name=\"csrf\" value=\"{token}\">"))
}
