use axum::extract::Path;
use libloading::{Library, Symbol};

pub async fn run_plugin(Path(name): Path<String>) -> String {
    let lib_path = match name.as_str() {
        "thumbnails" => "/opt/app/plugins/libthumbnails.so",
        "search" => "/opt/app/plugins/libsearch.so",
        _ => return "unknown plugin".to_string(),
    };
    unsafe {
        let lib = match Library::new(&lib_path) {
            Ok(lib) => lib,
            Err(e) => return e.to_string(),
        };
        let entry: Symbol<unsafe extern "C" fn() -> i32> = lib.get(b"plugin_main").unwrap();
        entry().to_string()
    }
}
