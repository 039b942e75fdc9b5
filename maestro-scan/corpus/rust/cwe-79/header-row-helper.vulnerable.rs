use axum::http::{header, HeaderMap};
use axum::response::Html;

fn row(label: &str, value: &str) -> String {
    format!("<tr><th>{}</th><td>{}</td></tr>", label, value)
}

pub async fn client_info(headers: HeaderMap) -> Html<String> {
    let agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("");
    Html(format!("<table>{}</table>", row("User agent", agent)))
}
