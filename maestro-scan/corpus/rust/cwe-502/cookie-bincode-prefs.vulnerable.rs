use axum_extra::extract::CookieJar;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct Prefs {
    theme: String,
    page_size: u16,
}

pub async fn show_prefs(jar: CookieJar) -> String {
    let prefs: Prefs = jar
        .get("prefs")
        .and_then(|c| URL_SAFE_NO_PAD.decode(c.value()).ok())
        .and_then(|raw| bincode::deserialize(&raw).ok())
        .unwrap_or_default();
    format!("{} / {}", prefs.theme, prefs.page_size)
}
