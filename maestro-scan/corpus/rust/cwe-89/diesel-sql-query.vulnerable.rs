use axum::extract::{Form, State};
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, Pool};
use diesel::sql_query;
use diesel::sql_types::{BigInt, Text};
use std::collections::HashMap;

#[derive(QueryableByName, Debug)]
pub struct Member {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = Text)]
    pub handle: String,
}

pub fn members_named(conn: &mut PgConnection, form_handle: &str) -> QueryResult<Vec<Member>> {
    sql_query(format!("SELECT id, handle FROM members WHERE handle = '{}'", form_handle))
        .load::<Member>(conn)
}

pub async fn search_members(
    State(pool): State<Pool<ConnectionManager<PgConnection>>>,
    Form(form): Form<HashMap<String, String>>,
) -> String {
    let handle = form.get("handle").cloned().unwrap_or_default();
    let mut conn = pool.get().expect("database connection");
    members_named(&mut conn, &handle)
        .unwrap_or_default()
        .iter()
        .map(|m| format!("{} {}\n", m.id, m.handle))
        .collect()
}
