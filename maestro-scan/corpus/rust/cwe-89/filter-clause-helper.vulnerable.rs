use actix_web::{web, HttpResponse};
use serde::Deserialize;
use sqlx::{MySqlPool, Row};

#[derive(Deserialize)]
pub struct Search {
    author: String,
}

fn author_clause(author: &str) -> String {
    format!("author = '{}' AND published = 1", author)
}

pub async fn search_posts(pool: web::Data<MySqlPool>, q: web::Query<Search>) -> HttpResponse {
    let sql = format!("SELECT title FROM posts WHERE {}", author_clause(&q.author));
    let rows = sqlx::query(&sql).fetch_all(pool.get_ref()).await.unwrap_or_default();
    let titles: Vec<String> = rows.iter().map(|r| r.get("title")).collect();
    HttpResponse::Ok().json(titles)
}
