use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use sqlx::PgPool;

pub async fn record_visit(State(pool): State<PgPool>, headers: HeaderMap) -> StatusCode {
    let tenant = headers
        .get("x-tenant-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("public");
    let mut stmt = String::from("INSERT INTO visits (tenant, seen_at) VALUES ('");
    stmt.push_str(tenant);
    stmt.push_str("', now())");
    match sqlx::query(&stmt).execute(&pool).await {
        Ok(_) => StatusCode::NO_CONTENT,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}
