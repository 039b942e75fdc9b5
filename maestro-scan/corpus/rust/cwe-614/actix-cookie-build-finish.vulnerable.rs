use actix_web::cookie::Cookie;
use actix_web::{post, HttpResponse};

#[post("/login")]
async fn login() -> HttpResponse {
    let sid = crate::sessions::create();
    let cookie = Cookie::build("sid", sid).path("/").finish();
    HttpResponse::Ok().cookie(cookie).finish()
}
