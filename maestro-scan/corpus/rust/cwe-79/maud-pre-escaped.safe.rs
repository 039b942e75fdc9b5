use axum::extract::Query;
use maud::{html, Markup};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Notice {
    msg: String,
}

pub async fn notice(Query(n): Query<Notice>) -> Markup {
    html! {
        div class="notice" { (n.msg) }
    }
}
