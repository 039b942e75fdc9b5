//! The decoded view: pieces, depth, context and where matches come from.

use super::*;

fn b64(text: &str) -> String {
    use ::base64::Engine as _;
    ::base64::engine::general_purpose::STANDARD.encode(text)
}

fn pieces(view: &Decoded) -> Vec<(String, Vec<Encoding>)> {
    view.pieces
        .iter()
        .map(|p| {
            let value = String::from_utf8_lossy(&view.text[p.value..p.end]).into_owned();
            (value, p.how.clone())
        })
        .collect()
}

#[test]
fn base64_of_base64_is_decoded_twice_and_maps_to_the_outer_run() {
    let inner = b64("postgres://app:Zq3k9xTw@db/app");
    let outer = b64(&inner);
    let text = format!("x = 1\nblob: \"{outer}\"\n");
    let view = Decoded::of(text.as_bytes(), Finders::ANY).expect("decoded");
    assert_eq!(
        pieces(&view),
        [
            (inner.clone(), vec![Encoding::Base64]),
            (
                "postgres://app:Zq3k9xTw@db/app".to_owned(),
                vec![Encoding::Base64, Encoding::Base64]
            ),
        ]
    );
    let run = 13..13 + outer.len();
    assert_eq!(&text[run.clone()], outer);
    let second = &view.pieces[1];
    let at = view
        .locate(second.value + 3, second.value + 8)
        .expect("in a value");
    assert_eq!(at.range, run);
    // The inner value keeps the outer context.
    let start = view.pieces[0].end + 1;
    assert_eq!(&view.text[start..second.value], b"blob: \"");
    // A match in a context is not the piece's.
    assert!(view.locate(start, start + 2).is_none());
}

#[test]
fn nothing_to_decode_is_no_view() {
    assert!(Decoded::of(b"fn main() { println!(\"hello, world\"); }\n", Finders::ANY).is_none());
    assert!(Decoded::of(b"", Finders::ANY).is_none());
}

#[test]
fn the_budget_bounds_the_decoded_bytes() {
    let line = format!("v = \"{}\"\n", b64(&"printable text ".repeat(10)));
    let text = line.repeat(MAX_DECODED / 100 + 100);
    let view = Decoded::of(text.as_bytes(), Finders::ANY).expect("decoded");
    let decoded: usize = view.pieces.iter().map(|p| p.end - p.value).sum();
    assert!(decoded <= MAX_DECODED, "{decoded}");
    assert!(view.pieces.len() < text.len() / line.len());
}

#[test]
fn text_is_mostly_printable_utf8() {
    assert!(is_text(b"plain text\n", true));
    assert!(!is_text(b"short", true));
    assert!(is_text(b"short", false));
    assert!(!is_text(b"\x00\x01\x02\x03binary\x04\x05", true));
    assert!(!is_text(b"caf\xc3", true));
    assert!(is_text(b"caf\xc3", false));
    assert!(is_text(
        "caf\u{e9} cr\u{e8}me br\u{fb}l\u{e9}e".as_bytes(),
        true
    ));
}

#[test]
fn finders_follow_the_file_kind() {
    assert_eq!(Finders::for_path(None), Finders::ANY);
    assert_eq!(Finders::for_path(Some("Makefile")), Finders::ANY);
    assert_eq!(Finders::for_path(Some("src/app.py")).joins, Joins::Adjacent);
    assert!(!Finders::for_path(Some("src/app.py")).block_scalars);
    assert_eq!(
        Finders::for_path(Some("src/app.js")).joins,
        Joins::Operators
    );
    assert_eq!(Finders::for_path(Some("src/lib.rs")).joins, Joins::No);
    assert_eq!(Finders::for_path(Some("conf/app.JSON")).joins, Joins::No);
    assert_eq!(
        Finders::for_path(Some("k8s/secret.yaml")),
        Finders {
            joins: Joins::No,
            block_scalars: true,
            pairs: true,
        }
    );
    assert!(!Finders::for_path(Some("src/app.py")).pairs);
    assert!(Finders::for_path(Some("task.json")).pairs);
    let text = r#"x = "abcd" + "efgh""#;
    assert!(Decoded::of(text.as_bytes(), Finders::ANY).is_some());
    assert!(Decoded::of(text.as_bytes(), Finders::DECODED).is_none());
}
