use axum::Form;
use libxml::bindings::{
    xmlCtxtReadMemory, xmlFreeParserCtxt, xmlNewParserCtxt, xmlParserOption_XML_PARSE_NONET,
};
use libxml::tree::Document;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct FeedForm {
    opml: String,
}

pub async fn import_opml(Form(form): Form<FeedForm>) -> String {
    let doc = unsafe {
        let ctxt = xmlNewParserCtxt();
        let ptr = xmlCtxtReadMemory(
            ctxt,
            form.opml.as_ptr() as *const _,
            form.opml.len() as i32,
            std::ptr::null(),
            std::ptr::null(),
            xmlParserOption_XML_PARSE_NONET as i32,
        );
        xmlFreeParserCtxt(ctxt);
        if ptr.is_null() {
            return "invalid OPML".into();
        }
        Document::new_ptr(ptr)
    };
    format!("{} outlines", doc.get_root_element().map(|r| r.get_child_elements().len()).unwrap_or(0))
}
