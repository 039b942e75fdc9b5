use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use std::fs::File;
use std::io::Read;

#[derive(Deserialize)]
struct ReportForm {
    report: String,
}

#[post("/reports/view")]
async fn view(form: web::Form<ReportForm>) -> HttpResponse {
    if !form.report.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return HttpResponse::BadRequest().finish();
    }
    let mut buf = String::new();
    let opened = File::open(format!("reports/{}.csv", form.report));
    match opened.and_then(|mut f| f.read_to_string(&mut buf)) {
        Ok(_) => HttpResponse::Ok().content_type("text/csv").body(buf),
        Err(_) => HttpResponse::NotFound().finish(),
    }
}
