use axum::http::StatusCode;
use quick_xml::events::Event;
use quick_xml::Reader;

pub async fn count_items(body: String) -> Result<String, StatusCode> {
    let mut reader = Reader::from_str(&body);
    let mut items = 0;
    loop {
        match reader.read_event().map_err(|_| StatusCode::BAD_REQUEST)? {
            Event::Start(e) if e.name().as_ref() == b"item" => items += 1,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(format!("{items} items"))
}
