use axum::http::HeaderMap;

fn template_path(theme: &str) -> String {
    let theme = if ["default", "dark", "print"].contains(&theme) { theme } else { "default" };
    format!("/srv/app/themes/{}/layout.html", theme)
}

pub async fn layout(headers: HeaderMap) -> String {
    let theme = headers
        .get("x-theme")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("default");
    std::fs::read_to_string(template_path(theme)).unwrap_or_default()
}
