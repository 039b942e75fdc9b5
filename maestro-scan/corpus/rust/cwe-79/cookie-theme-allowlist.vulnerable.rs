use axum::response::Html;
use axum_extra::extract::CookieJar;

pub async fn theme_banner(jar: CookieJar) -> Html<String> {
    let theme = jar.get("theme").map(|c| c.value().to_owned()).unwrap_or_else(|| "light".into());
    Html(format!("<div class=\"banner\">Theme: {}</div>", theme))
}
