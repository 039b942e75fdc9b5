use sqlx::sqlite::SqlitePool;
use std::env;

#[tokio::main]
async fn main() -> Result<(), sqlx::Error> {
    let pool = SqlitePool::connect("sqlite://jobs.db").await?;
    let mut table = "jobs_archive".to_string();
    if env::var("ARCHIVE_TABLE").is_ok() {
        table = env::var("ARCHIVE_TABLE").unwrap_or(table);
    }
    let sql = format!("DELETE FROM {} WHERE finished_at < datetime('now', '-30 days')", table);
    let done = sqlx::query(&sql).execute(&pool).await?;
    println!("purged {} rows", done.rows_affected());
    Ok(())
}
