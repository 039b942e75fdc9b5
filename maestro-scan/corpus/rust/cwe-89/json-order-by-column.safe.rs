use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use sqlx::{PgPool, Row};

#[derive(Deserialize)]
pub struct Listing {
    sort: String,
}

pub async fn list_products(State(pool): State<PgPool>, Json(body): Json<Listing>) -> Json<Vec<String>> {
    let column = match body.sort.as_str() {
        "price" => "price",
        "created_at" => "created_at",
        _ => "name",
    };
    let sql = format!("SELECT name FROM products ORDER BY {} LIMIT 100", column);
    let rows = sqlx::query(&sql).fetch_all(&pool).await.unwrap_or_default();
    Json(rows.iter().map(|r| r.get::<String, _>("name")).collect())
}
