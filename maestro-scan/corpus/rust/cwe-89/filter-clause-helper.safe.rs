use actix_web::{web, HttpResponse};
use serde::Deserialize;
use sqlx::{MySqlPool, Row};

#[derive(Deserialize)]
pub struct Search {
    author: String,
}

fn author_clause() -> &'static str {
    "author = ? AND published = 1"
}

pub async fn search_posts(pool: web::Data<MySqlPool>, q: web::Query<Search>) -> HttpResponse {
    let sql = format!("SELECT title FROM posts WHERE {}", author_clause());
    let rows = sqlx::query(&sql).bind(&q.author).fetch_all(pool.get_ref()).await.unwrap_or_default();
    let titles: Vec<String> = rows.iter().map(|r| r.get("title")).collect();
    HttpResponse::Ok().json(titles)
}
