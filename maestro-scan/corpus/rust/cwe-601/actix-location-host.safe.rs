use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
struct Out {
    url: String,
}

#[get("/out")]
async fn outbound(q: web::Query<Out>) -> HttpResponse {
    let allowed = matches!(
        url::Url::parse(&q.url).ok().and_then(|u| u.host_str().map(str::to_owned)).as_deref(),
        Some("docs.example.com") | Some("status.example.com")
    );
    if !allowed {
        return HttpResponse::BadRequest().finish();
    }
    HttpResponse::Found()
        .append_header((header::LOCATION, q.url.as_str()))
        .finish()
}
