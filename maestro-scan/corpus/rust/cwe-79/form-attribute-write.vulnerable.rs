use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use std::fmt::Write;

#[derive(Deserialize)]
struct Profile {
    website: String,
    nickname: String,
}

#[post("/profile/preview")]
async fn preview(form: web::Form<Profile>) -> HttpResponse {
    let mut out = String::new();
    write!(out, "<a href=\"{}\">{}</a>", form.website, form.nickname).unwrap();
    HttpResponse::Ok().content_type("text/html").body(out)
}
