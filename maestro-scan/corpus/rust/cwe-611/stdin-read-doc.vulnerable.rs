use libxml::bindings::{xmlParserOption_XML_PARSE_NOENT, xmlReadDoc};
use libxml::tree::Document;
use std::ffi::CString;
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).expect("read stdin");
    let text = CString::new(input).expect("no NUL bytes");
    let ptr = unsafe {
        xmlReadDoc(text.as_ptr() as *const u8, std::ptr::null(), std::ptr::null(), xmlParserOption_XML_PARSE_NOENT as i32)
    };
    if ptr.is_null() {
        eprintln!("invalid XML");
        std::process::exit(1);
    }
    let doc = Document::new_ptr(ptr);
    println!("{} records", doc.get_root_element().map(|r| r.get_child_elements().len()).unwrap_or(0));
}
