use axum::http::StatusCode;
use libxml::bindings::{
    xmlParserOption_XML_PARSE_DTDLOAD, xmlParserOption_XML_PARSE_NOENT, xmlReadMemory,
};
use libxml::tree::Document;
use std::ffi::CString;
use std::os::raw::c_int;

pub async fn import_invoice(body: String) -> Result<String, StatusCode> {
    let url = CString::new("invoice.xml").unwrap();
    let options = (xmlParserOption_XML_PARSE_NOENT | xmlParserOption_XML_PARSE_DTDLOAD) as c_int;
    let ptr = unsafe {
        xmlReadMemory(body.as_ptr() as *const _, body.len() as c_int, url.as_ptr(), std::ptr::null(), options)
    };
    if ptr.is_null() {
        return Err(StatusCode::BAD_REQUEST);
    }
    let doc = Document::new_ptr(ptr);
    let root = doc.get_root_element().ok_or(StatusCode::BAD_REQUEST)?;
    Ok(root.get_content())
}
