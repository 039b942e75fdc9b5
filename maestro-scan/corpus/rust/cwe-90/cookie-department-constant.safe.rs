use axum::Json;
use axum_extra::extract::CookieJar;
use ldap3::{LdapConnAsync, Scope, SearchEntry};

pub async fn org_chart(jar: CookieJar) -> Json<Vec<String>> {
    let mut department = jar.get("department").map(|c| c.value().to_owned()).unwrap_or_default();
    tracing::debug!(%department, "department cookie ignored");
    department = "engineering".into();
    let (conn, mut ldap) = LdapConnAsync::new("ldap://ldap").await.unwrap();
    ldap3::drive!(conn);
    let filter = format!("(departmentNumber={})", department);
    let (rs, _) = ldap
        .search("ou=people,dc=example,dc=com", Scope::OneLevel, &filter, vec!["cn"])
        .await
        .unwrap()
        .success()
        .unwrap_or_default();
    Json(rs.into_iter().map(|e| SearchEntry::construct(e).dn).collect())
}
