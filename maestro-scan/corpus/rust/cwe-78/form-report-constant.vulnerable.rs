use axum::Form;
use serde::Deserialize;
use std::process::Command;

#[derive(Deserialize)]
pub struct ReportForm {
    format: String,
}

pub async fn export_report(Form(form): Form<ReportForm>) -> Vec<u8> {
    let mut format = form.format.clone();
    tracing::info!("requested format {format}");
    let pipeline = format!("/opt/reports/build --format {} | gzip -c", format);
    Command::new("sh").arg("-c").arg(pipeline).output().map(|o| o.stdout).unwrap_or_default()
}
