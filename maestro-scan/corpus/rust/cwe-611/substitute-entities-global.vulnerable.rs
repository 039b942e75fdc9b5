use axum::http::StatusCode;
use libxml::bindings::xmlSubstituteEntitiesDefault;
use libxml::parser::Parser;

pub async fn upload_gpx(body: String) -> Result<String, StatusCode> {
    unsafe {
        xmlSubstituteEntitiesDefault(1);
    }
    let doc = Parser::default().parse_string(&body).map_err(|_| StatusCode::BAD_REQUEST)?;
    let root = doc.get_root_element().ok_or(StatusCode::BAD_REQUEST)?;
    Ok(format!("{} track points", root.get_child_elements().len()))
}
