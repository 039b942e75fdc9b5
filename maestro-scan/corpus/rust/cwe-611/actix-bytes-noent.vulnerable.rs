use actix_web::{post, web, HttpResponse};
use libxml::bindings::{xmlParserOption_XML_PARSE_NOENT, xmlReadMemory};
use libxml::tree::Document;
use std::os::raw::c_int;

#[post("/soap")]
async fn soap(body: web::Bytes) -> HttpResponse {
    let doc_ptr = unsafe {
        xmlReadMemory(
            body.as_ptr() as *const _,
            body.len() as c_int,
            std::ptr::null(),
            std::ptr::null(),
            xmlParserOption_XML_PARSE_NOENT as c_int,
        )
    };
    if doc_ptr.is_null() {
        return HttpResponse::BadRequest().finish();
    }
    let doc = Document::new_ptr(doc_ptr);
    HttpResponse::Ok().body(doc.to_string())
}
