use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
struct Out {
    url: String,
}

#[get("/out")]
async fn outbound(q: web::Query<Out>) -> HttpResponse {
    HttpResponse::Found()
        .append_header((header::LOCATION, q.url.as_str()))
        .finish()
}
