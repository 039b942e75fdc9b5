use axum::http::StatusCode;
use axum_extra::extract::CookieJar;

pub async fn resume_draft(jar: CookieJar) -> Result<String, StatusCode> {
    let draft = jar.get("draft").map(|c| c.value().to_owned()).ok_or(StatusCode::NO_CONTENT)?;
    let path = ["/var/lib/editor/drafts", draft.as_str()].join("/");
    tokio::fs::read_to_string(path).await.map_err(|_| StatusCode::NOT_FOUND)
}
