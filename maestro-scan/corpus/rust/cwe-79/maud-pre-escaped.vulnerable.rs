use axum::extract::Query;
use maud::{html, Markup, PreEscaped};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Notice {
    msg: String,
}

pub async fn notice(Query(n): Query<Notice>) -> Markup {
    html! {
        div class="notice" { (PreEscaped(n.msg)) }
    }
}
