use axum::extract::{Query, State};
use axum::Json;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;

#[derive(Deserialize)]
pub struct Lookup {
    email: String,
}

#[derive(Serialize, sqlx::FromRow)]
pub struct Account {
    id: i64,
    name: String,
}

pub async fn find_account(
    State(pool): State<PgPool>,
    Query(params): Query<Lookup>,
) -> Json<Option<Account>> {
    let account = sqlx::query_as::<_, Account>("SELECT id, name FROM accounts WHERE email = $1")
        .bind(&params.email)
        .fetch_optional(&pool)
        .await
        .unwrap_or(None);
    Json(account)
}
