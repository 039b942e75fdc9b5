use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use ldap3::{LdapConnAsync, Scope, SearchEntry};

pub async fn my_groups(headers: HeaderMap) -> Result<Json<Vec<String>>, StatusCode> {
    let user = headers
        .get("x-remote-user")
        .and_then(|v| v.to_str().ok())
        .ok_or(StatusCode::UNAUTHORIZED)?;
    if !user.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_') {
        return Err(StatusCode::BAD_REQUEST);
    }
    let (conn, mut ldap) = LdapConnAsync::new("ldap://sso-directory").await.map_err(|_| StatusCode::BAD_GATEWAY)?;
    ldap3::drive!(conn);
    let filter = format!("(member=uid={},ou=people,dc=sso,dc=local)", user);
    let (rs, _) = ldap
        .search("ou=groups,dc=sso,dc=local", Scope::Subtree, &filter, vec!["cn"])
        .await
        .and_then(|r| r.success())
        .map_err(|_| StatusCode::BAD_GATEWAY)?;
    Ok(Json(rs.into_iter().map(|e| SearchEntry::construct(e).dn).collect()))
}
