use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

pub async fn remember_device(jar: CookieJar) -> CookieJar {
    let token = crate::devices::new_trust_token();
    let cookie = Cookie::build(("trusted_device", token))
        .path("/")
        .secure(true)
        .http_only(true)
        .same_site(SameSite::Lax)
        .build();
    jar.add(cookie)
}
