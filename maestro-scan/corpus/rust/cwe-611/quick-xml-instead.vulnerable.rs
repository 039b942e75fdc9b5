use axum::http::StatusCode;
use libxml::bindings::{xmlParserOption_XML_PARSE_NOENT, xmlReadMemory};
use libxml::tree::Document;

pub async fn count_items(body: String) -> Result<String, StatusCode> {
    let ptr = unsafe {
        xmlReadMemory(body.as_ptr() as *const _, body.len() as i32, std::ptr::null(), std::ptr::null(), xmlParserOption_XML_PARSE_NOENT as i32)
    };
    if ptr.is_null() {
        return Err(StatusCode::BAD_REQUEST);
    }
    let doc = Document::new_ptr(ptr);
    let root = doc.get_root_element().ok_or(StatusCode::BAD_REQUEST)?;
    let items = root.get_child_elements().iter().filter(|n| n.get_name() == "item").count();
    Ok(format!("{items} items"))
}
