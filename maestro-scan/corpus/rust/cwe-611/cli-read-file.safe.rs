use libxml::bindings::{xmlParserOption_XML_PARSE_NONET, xmlReadFile};
use libxml::tree::Document;
use std::env;
use std::ffi::CString;

fn main() {
    let path = env::args().nth(1).expect("usage: import-products FILE.xml");
    let c_path = CString::new(path).unwrap();
    let flags = xmlParserOption_XML_PARSE_NONET;
    let ptr = unsafe { xmlReadFile(c_path.as_ptr(), std::ptr::null(), flags as i32) };
    assert!(!ptr.is_null(), "not well-formed");
    let doc = Document::new_ptr(ptr);
    for product in doc.get_root_element().unwrap().get_child_elements() {
        println!("{}", product.get_content());
    }
}
