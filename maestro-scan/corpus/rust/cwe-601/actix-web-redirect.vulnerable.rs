use actix_web::{get, web, Responder};
use serde::Deserialize;

#[derive(Deserialize)]
struct Continue {
    target: String,
}

const FOLLOW_CLIENT_TARGET: bool = true;

#[get("/continue")]
async fn continue_to(q: web::Query<Continue>) -> impl Responder {
    let mut location = String::from("/home");
    if FOLLOW_CLIENT_TARGET {
        location = q.target.clone();
    }
    web::Redirect::to(location).see_other()
}
