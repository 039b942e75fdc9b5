//! Every kind of tampering is reported with the right kind and line.

use maestro_audit::{Checkpoint, FailureKind, Signer, verify};

use crate::common::{build_log, hash_of, head, read_lines, rehash, signer, write_lines};

type Tamper = fn(&std::path::Path);

fn modify_field(log: &std::path::Path) {
    let mut lines = read_lines(log);
    lines[3] = lines[3].replace("\"subject\":\"s4\"", "\"subject\":\"x4\"");
    write_lines(log, &lines);
}

fn delete_line(log: &std::path::Path) {
    let mut lines = read_lines(log);
    lines.remove(4);
    write_lines(log, &lines);
}

fn insert_forged_line(log: &std::path::Path) {
    // A well-formed entry chained correctly onto line 6, inserted as line 7: the old line 7
    // (now line 8) no longer links.
    let mut lines = read_lines(log);
    let forged = rehash(
        &lines[6].replace("\"subject\":\"s7\"", "\"subject\":\"forged\""),
        &hash_of(&lines[5]),
    );
    lines.insert(6, forged);
    write_lines(log, &lines);
}

fn insert_copied_line(log: &std::path::Path) {
    let mut lines = read_lines(log);
    let copy = lines[2].clone();
    lines.insert(6, copy);
    write_lines(log, &lines);
}

fn swap_lines(log: &std::path::Path) {
    let mut lines = read_lines(log);
    lines.swap(2, 3);
    write_lines(log, &lines);
}

fn change_seq(log: &std::path::Path) {
    let mut lines = read_lines(log);
    lines[5] = lines[5].replace("\"seq\":6,", "\"seq\":60,");
    write_lines(log, &lines);
}

fn tear_last_line(log: &std::path::Path) {
    let text = std::fs::read(log).expect("read");
    std::fs::write(log, &text[..text.len() - 30]).expect("write");
}

fn truncate_tail(log: &std::path::Path) {
    let mut lines = read_lines(log);
    lines.truncate(8);
    write_lines(log, &lines);
}

fn corrupt_signature(log: &std::path::Path) {
    let path = head(log);
    let text = std::fs::read_to_string(&path).expect("head");
    let at = text.find("\"value\":\"").expect("signed") + 9;
    let flipped = if &text[at..=at] == "A" { "B" } else { "A" };
    std::fs::write(
        &path,
        format!("{}{flipped}{}", &text[..at], &text[at + 1..]),
    )
    .expect("write");
}

/// Rewrites entry 3 and recomputes every later hash: the chain itself is consistent again.
fn rewrite_chain(log: &std::path::Path) {
    let mut lines = read_lines(log);
    lines[2] = lines[2].replace("\"note\":\"ok\"", "\"note\":\"nothing to see\"");
    for i in 2..lines.len() {
        let prev = hash_of(&lines[i - 1]);
        lines[i] = rehash(&lines[i], &prev);
    }
    write_lines(log, &lines);
}

fn rewrite_chain_and_unsigned_head(log: &std::path::Path) {
    rewrite_chain(log);
    let last = read_lines(log).pop().expect("lines");
    std::fs::write(
        head(log),
        format!(
            "{{\"hash\":\"{}\",\"seq\":10,\"ts\":\"2026-11-24T10:00:00Z\"}}\n",
            hash_of(&last)
        ),
    )
    .expect("write head");
}

fn rewrite_chain_and_resign_with_other_key(log: &std::path::Path) {
    rewrite_chain_and_unsigned_head(log);
    // The attacker has the chain code sign a validly formed head with their own key.
    let attacker = Signer::from_key_text(&format!("ed25519:{}", "66".repeat(32))).expect("key");
    let mut chain = maestro_audit::Chain::open(
        log,
        maestro_audit::Options {
            signer: Some(attacker),
            ..Default::default()
        },
    )
    .expect("open");
    chain
        .sign_checkpoint()
        .expect("sign")
        .expect("re-signed the head");
}

#[test]
fn every_tampering_is_reported_with_kind_and_line() {
    let cases: &[(&str, Tamper, FailureKind, u64)] = &[
        ("modify a field", modify_field, FailureKind::Modified, 4),
        ("delete a line", delete_line, FailureKind::BrokenLink, 5),
        (
            "insert a forged line",
            insert_forged_line,
            FailureKind::BrokenLink,
            8,
        ),
        (
            "insert a copied line",
            insert_copied_line,
            FailureKind::BrokenLink,
            7,
        ),
        ("swap two lines", swap_lines, FailureKind::BrokenLink, 3),
        ("change a seq", change_seq, FailureKind::SequenceGap, 6),
        (
            "tear the last line",
            tear_last_line,
            FailureKind::TornTail,
            10,
        ),
        (
            "truncate the tail",
            truncate_tail,
            FailureKind::Truncated,
            9,
        ),
        (
            "corrupt the signature",
            corrupt_signature,
            FailureKind::CheckpointSignature,
            10,
        ),
        (
            "rewrite and rehash the chain",
            rewrite_chain,
            FailureKind::CheckpointMismatch,
            10,
        ),
        (
            "… and write an unsigned head",
            rewrite_chain_and_unsigned_head,
            FailureKind::CheckpointSignature,
            10,
        ),
        (
            "… and sign with another key",
            rewrite_chain_and_resign_with_other_key,
            FailureKind::CheckpointSignature,
            10,
        ),
    ];
    let verifier = signer().verifier();
    for (name, tamper, kind, line) in cases {
        let dir = tempfile::tempdir().expect("tempdir");
        let log = build_log(dir.path(), 10);
        let clean = verify(&log, &head(&log), Some(&verifier)).expect("verify");
        assert!(
            clean.is_ok(),
            "{name}: clean log fails: {:?}",
            clean.failure
        );
        tamper(&log);
        let report = verify(&log, &head(&log), Some(&verifier)).expect("verify");
        let failure = report
            .failure
            .unwrap_or_else(|| panic!("{name}: not detected"));
        assert_eq!(
            (failure.kind, failure.line),
            (*kind, *line),
            "{name}: {failure}"
        );
        assert_eq!(
            report.entries_checked,
            line - 1,
            "{name}: entries before the failure"
        );
    }
}

#[test]
fn without_a_key_a_rewritten_chain_is_still_caught_by_the_checkpoint_hash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = build_log(dir.path(), 10);
    rewrite_chain(&log);
    let report = verify(&log, &head(&log), None).expect("verify");
    let failure = report.failure.expect("detected");
    assert_eq!(
        (failure.kind, failure.line, failure.seq),
        (FailureKind::CheckpointMismatch, 10, Some(10))
    );
    // The unsigned checkpoint detects truncation too, but only a key detects a forged head.
    let checkpoint = Checkpoint::read(&head(&log))
        .expect("read")
        .expect("exists");
    assert!(checkpoint.signature.is_some());
    assert!(!report.signature_verified);
}

#[test]
fn missing_or_malformed_checkpoint_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = build_log(dir.path(), 3);
    std::fs::write(head(&log), "{not json").expect("write");
    let failure = verify(&log, &head(&log), None)
        .expect("verify")
        .failure
        .expect("malformed");
    assert_eq!(
        (failure.kind, failure.line),
        (FailureKind::CheckpointMalformed, 0)
    );
    std::fs::remove_file(head(&log)).expect("remove");
    let failure = verify(&log, &head(&log), None)
        .expect("verify")
        .failure
        .expect("missing");
    assert_eq!(failure.kind, FailureKind::CheckpointMissing);
}

#[test]
fn only_a_last_line_that_is_not_json_counts_as_torn() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = build_log(dir.path(), 5);
    let mut lines = read_lines(&log);
    let kind_at = |lines: &[String]| {
        write_lines(&log, lines);
        let failure = verify(&log, &head(&log), None)
            .expect("verify")
            .failure
            .expect("detected");
        (failure.kind, failure.line)
    };
    lines[1] = "\0\0\0garbage".into();
    assert_eq!(
        kind_at(&lines),
        (FailureKind::Malformed, 2),
        "not at the end: malformed"
    );
    lines[1] = "{\"seq\": 2}".into();
    assert_eq!(kind_at(&lines), (FailureKind::Malformed, 2));
    lines.truncate(2);
    assert_eq!(
        kind_at(&lines),
        (FailureKind::Malformed, 2),
        "JSON at the end: no crash writes that"
    );
    lines[1] = "{\"action\":\"order.dis".into();
    assert_eq!(
        kind_at(&lines),
        (FailureKind::TornTail, 2),
        "a complete line that is not JSON"
    );
}

/// Every byte of a log, and of its signed checkpoint, changed one at a time (its lowest bit;
/// every seventh byte also made non-UTF-8): verify reports a failure every time and never errors
/// or panics.
#[test]
fn every_single_byte_change_is_detected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = build_log(dir.path(), 3);
    let head_path = head(&log);
    let verifier = signer().verifier();
    let clean_log = std::fs::read(&log).expect("log");
    let clean_head = std::fs::read(&head_path).expect("head");
    assert!(
        verify(&log, &head_path, Some(&verifier))
            .expect("verify")
            .is_ok()
    );
    let mut tried = 0;
    for (file, clean) in [(&log, &clean_log), (&head_path, &clean_head)] {
        for at in 0..clean.len() {
            let flips: &[u8] = if at % 7 == 0 { &[0x01, 0x80] } else { &[0x01] };
            for &flip in flips {
                let mut bytes = clean.clone();
                bytes[at] ^= flip;
                std::fs::write(file, &bytes).expect("write");
                let report = verify(&log, &head_path, Some(&verifier)).expect("verify reads");
                assert!(
                    report.failure.is_some(),
                    "byte {at} of {} ^ {flip:#04x} ({:?} -> {:?}) not detected",
                    file.display(),
                    clean[at] as char,
                    bytes[at] as char
                );
                tried += 1;
            }
        }
        std::fs::write(file, clean).expect("restore");
    }
    assert!(tried > 1_000, "{tried}");
}
