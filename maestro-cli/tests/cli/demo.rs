//! `maestro demo`: what a newcomer sees.

use crate::support::Repo;

#[test]
fn the_demo_explains_its_words_and_shows_the_refused_key_redacted() {
    let dir = Repo::empty_dir();
    let run = dir.maestro(&["demo"]);
    let stdout = run.ok();
    let first = stdout.lines().next().expect("output");
    for word in ["voyage:", "order:", "crew:", "gate:"] {
        assert!(first.contains(word), "{word} in {first}");
    }
    assert!(
        stdout.contains(
            "health/config attempt 1: src/storage.py:1 aws-access-key-id AKIA…(20 chars)"
        ),
        "{stdout}"
    );
    assert!(
        !stdout.contains("AKIAQ7RPZ3MFXW2BKT5L"),
        "the key itself is never shown"
    );
    assert!(stdout.contains("health: 6 merged"), "{stdout}");
}
