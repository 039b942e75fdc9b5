use actix_web::{post, web, HttpResponse};
use libxml::bindings::{
    xmlParserOption_XML_PARSE_DTDLOAD, xmlParserOption_XML_PARSE_NOENT, xmlReadMemory,
};
use libxml::tree::Document;

const PARSE_FLAGS: u32 = xmlParserOption_XML_PARSE_NOENT | xmlParserOption_XML_PARSE_DTDLOAD;

fn parse_request_xml(data: &[u8]) -> Option<Document> {
    let ptr = unsafe {
        xmlReadMemory(data.as_ptr() as *const _, data.len() as i32, std::ptr::null(), std::ptr::null(), PARSE_FLAGS as i32)
    };
    (!ptr.is_null()).then(|| Document::new_ptr(ptr))
}

#[post("/webhooks/xml")]
async fn receive(body: web::Bytes) -> HttpResponse {
    match parse_request_xml(&body) {
        Some(doc) => HttpResponse::Ok().body(doc.get_root_element().map(|r| r.get_name()).unwrap_or_default()),
        None => HttpResponse::BadRequest().finish(),
    }
}
