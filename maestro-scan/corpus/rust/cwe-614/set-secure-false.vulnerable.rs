use actix_web::cookie::Cookie;
use actix_web::{get, HttpResponse};

#[get("/impersonate/{id}")]
async fn impersonate(id: actix_web::web::Path<u64>) -> HttpResponse {
    let mut cookie = Cookie::new("impersonating", id.to_string());
    cookie.set_path("/");
    cookie.set_secure(false);
    cookie.set_http_only(false);
    HttpResponse::Found().cookie(cookie).append_header(("Location", "/")).finish()
}
