//! The checkpoint follows every append, and a checkpoint damaged by a crash is reported as such
//! and rewritten from the log.

use maestro_audit::{
    AppendError, Chain, CheckpointPolicy, Event, FailureKind, Options, Receipt, Signer, verify,
};

use crate::common::{build_log, hash_of, head, read_lines, rehash, signer, write_lines};

fn signed() -> Options {
    Options {
        signer: Some(signer()),
        ..Options::default()
    }
}

fn event(i: u64) -> Event {
    Event::new("dispatcher", "order.dispatch", format!("s{i}"))
}

/// Reads the checkpoint as `verify` does and returns its `(seq, hash)`.
fn head_of(log: &std::path::Path) -> (u64, String) {
    let report = verify(log, &head(log), None).expect("verify");
    assert!(report.is_ok(), "{:?}", report.failure);
    let checkpoint = report.checkpoint.expect("checkpoint");
    (checkpoint.seq, checkpoint.hash.to_string())
}

#[test]
fn the_checkpoint_names_the_last_entry_after_every_append() {
    let dir = tempfile::tempdir().expect("tempdir");
    let verifier = signer().verifier();
    for (name, options) in [
        ("default", Options::default()),
        ("signed", signed()),
        (
            "durable each",
            Options {
                checkpoint: CheckpointPolicy {
                    sync_every_entries: 1,
                    ..CheckpointPolicy::default()
                },
                ..Options::default()
            },
        ),
    ] {
        let log = dir.path().join(format!("{}.log", name.replace(' ', "-")));
        let is_signed = options.signer.is_some();
        let mut chain = Chain::open(&log, options).expect("open");
        // Past several durable points (every 64 entries by default) and the in-place writes
        // between them, including growth of the file as `seq` gains digits.
        for i in 1..=150 {
            let receipt = chain.append(&event(i)).expect("append");
            assert_eq!(
                head_of(&log),
                (receipt.seq, receipt.hash.to_string()),
                "{name}, append {i}"
            );
            if is_signed {
                let report = verify(&log, &head(&log), Some(&verifier)).expect("verify");
                assert!(report.signature_verified, "{name}, append {i}");
            }
        }
        let batch = chain
            .append_batch(&[event(151), event(152)])
            .expect("batch");
        assert_eq!(
            head_of(&log),
            (152, batch[1].hash.to_string()),
            "{name}, batch"
        );
        let text = std::fs::read_to_string(head(&log)).expect("read head");
        assert_eq!(
            text.matches('\n').count(),
            1,
            "{name}: one line, no leftovers"
        );
    }
}

/// An unsigned log of five entries in a new directory under `dir`; returns it and its last
/// receipt.
fn unsigned_log(dir: &std::path::Path, name: &str) -> (std::path::PathBuf, Receipt) {
    std::fs::create_dir(dir.join(name)).expect("mkdir");
    let log = dir.join(name).join("audit.log");
    let mut chain = Chain::open(&log, Options::default()).expect("open");
    let mut last = None;
    for i in 1..=5 {
        last = Some(chain.append(&event(i)).expect("append"));
    }
    (log, last.expect("appended"))
}

#[test]
fn an_emptied_or_cut_unsigned_checkpoint_is_reported_and_rewritten_from_the_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (probe, _) = unsigned_log(dir.path(), "probe");
    let whole = std::fs::read(head(&probe)).expect("head");
    // A crash after renames and in-place writes whose data never reached the disk.
    let cases: [(&str, &[u8]); 3] = [
        ("empty", b""),
        ("cut", &whole[..whole.len() / 2]),
        ("zeros", &[0u8; 40]),
    ];
    for (name, damaged) in cases {
        let (log, last) = unsigned_log(dir.path(), name);
        std::fs::write(head(&log), damaged).expect("damage");
        let report = verify(&log, &head(&log), None).expect("verify");
        let failure = report.failure.expect("reported");
        assert_eq!(
            (failure.kind, failure.line),
            (FailureKind::CheckpointMalformed, 0),
            "{name}"
        );
        assert_eq!(report.entries_checked, 5, "{name}: the log itself verifies");

        // `verify --repair`: rewritten from the last verified entry.
        let repaired = Chain::open(&log, Options::default())
            .expect("open")
            .repair_checkpoint()
            .expect("repair")
            .expect("rewritten");
        assert_eq!(
            (repaired.seq, repaired.hash),
            (last.seq, last.hash),
            "{name}"
        );
        assert_eq!(head_of(&log), (5, last.hash.to_string()), "{name}");
        assert!(
            Chain::open(&log, Options::default())
                .expect("open")
                .repair_checkpoint()
                .expect("repair")
                .is_none(),
            "{name}: nothing to repair"
        );

        // Without a repair, the next append rewrites it too.
        std::fs::write(head(&log), damaged).expect("damage");
        let receipt = Chain::open(&log, Options::default())
            .expect("open")
            .append(&event(6))
            .expect("append");
        assert_eq!(
            head_of(&log),
            (receipt.seq, receipt.hash.to_string()),
            "{name}"
        );
    }
}

#[test]
fn only_a_signer_rewrites_a_damaged_signed_checkpoint() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = build_log(dir.path(), 4);
    let verifier = signer().verifier();
    let whole = std::fs::read(head(&log)).expect("head");
    let cut = &whole[..whole.len() - 20];
    assert!(
        String::from_utf8_lossy(cut).contains("\"sig\""),
        "cut after the signature key"
    );
    std::fs::write(head(&log), cut).expect("cut");
    let report = verify(&log, &head(&log), Some(&verifier)).expect("verify");
    assert_eq!(
        report.failure.expect("reported").kind,
        FailureKind::CheckpointMalformed
    );

    // A keyless appender (a hook) appends but leaves the damaged signed checkpoint alone, and
    // a keyless repair is refused.
    let mut keyless = Chain::open(&log, Options::default()).expect("open");
    assert_eq!(keyless.append(&event(5)).expect("append").seq, 5);
    assert_eq!(std::fs::read(head(&log)).expect("head"), cut);
    assert!(matches!(
        keyless.repair_checkpoint(),
        Err(AppendError::SignedCheckpoint { .. })
    ));
    drop(keyless);
    assert_eq!(std::fs::read(head(&log)).expect("head"), cut);

    // Another key's chain may sign a new checkpoint, but verification with the real key
    // rejects it.
    let other = Signer::from_key_text(&format!("ed25519:{}", "77".repeat(32))).expect("key");
    let mut chain = Chain::open(
        &log,
        Options {
            signer: Some(other),
            ..Options::default()
        },
    )
    .expect("open");
    assert_eq!(
        chain
            .repair_checkpoint()
            .expect("repair")
            .expect("rewritten")
            .seq,
        5
    );
    drop(chain);
    let report = verify(&log, &head(&log), Some(&verifier)).expect("verify");
    assert_eq!(
        report.failure.expect("reported").kind,
        FailureKind::CheckpointSignature
    );

    // The signer's repair restores a verifiable checkpoint at the last entry.
    std::fs::write(head(&log), cut).expect("cut");
    let repaired = Chain::open(&log, signed())
        .expect("open")
        .repair_checkpoint()
        .expect("repair")
        .expect("rewritten");
    assert_eq!(repaired.seq, 5);
    let report = verify(&log, &head(&log), Some(&verifier)).expect("verify");
    assert!(report.is_ok(), "{:?}", report.failure);
    assert!(report.signature_verified);

    // The signer's next append does not rewrite it on its own: an emptied checkpoint may hide a
    // rewritten log, so it stays reported until a repair.
    std::fs::write(head(&log), b"").expect("empty");
    let receipt = Chain::open(&log, signed())
        .expect("open")
        .append(&event(6))
        .expect("append");
    assert_eq!(std::fs::read(head(&log)).expect("head"), b"");
    let report = verify(&log, &head(&log), Some(&verifier)).expect("verify");
    assert_eq!(
        report.failure.expect("reported").kind,
        FailureKind::CheckpointMalformed
    );
    Chain::open(&log, signed())
        .expect("open")
        .repair_checkpoint()
        .expect("repair")
        .expect("rewritten");
    let report = verify(&log, &head(&log), Some(&verifier)).expect("verify");
    assert!(report.is_ok(), "{:?}", report.failure);
    assert_eq!(report.checkpoint.expect("checkpoint").seq, receipt.seq);
}

/// Damages a log or its checkpoint in place.
type Damage = fn(&std::path::Path);

#[test]
fn a_signer_never_signs_over_a_checkpoint_it_cannot_vouch_for() {
    let verifier = signer().verifier();
    // Each case leaves a 4-entry signed log in a state a signer must not extend.
    let cases: [(&str, Damage); 4] = [
        ("unsigned", |log| {
            let text = std::fs::read_to_string(head(log)).expect("head");
            let at = text.find(",\"sig\"").expect("signed");
            let end = text.find("},").expect("sig object") + 1;
            std::fs::write(head(log), format!("{}{}", &text[..at], &text[end..])).expect("write");
        }),
        ("missing", |log| {
            std::fs::remove_file(head(log)).expect("remove");
        }),
        ("signed by another key", |log| {
            std::fs::remove_file(head(log)).expect("remove");
            std::fs::write(head(log), b"").expect("empty");
            Chain::open(
                log,
                Options {
                    signer: Some(
                        Signer::from_key_text(&format!("ed25519:{}", "77".repeat(32)))
                            .expect("key"),
                    ),
                    ..Options::default()
                },
            )
            .expect("open")
            .repair_checkpoint()
            .expect("repair")
            .expect("rewritten");
        }),
        ("naming an entry the log no longer has", |log| {
            // The last entry is replaced by another (a rewrite of the tail after the head).
            let text = std::fs::read_to_string(log).expect("log");
            let lines: Vec<&str> = text.lines().collect();
            std::fs::write(log, format!("{}\n", lines[..3].join("\n"))).expect("cut");
            Chain::open(log, Options::default())
                .expect("open")
                .append(&event(40))
                .expect("append");
        }),
    ];
    for (name, damage) in cases {
        let dir = tempfile::tempdir().expect("tempdir");
        let log = build_log(dir.path(), 4);
        damage(&log);
        let before = std::fs::read(head(&log)).ok();
        let receipt = Chain::open(&log, signed())
            .expect("open")
            .append(&event(5))
            .expect("the entry is still appended");
        assert!(receipt.seq >= 5, "{name}");
        assert_eq!(
            std::fs::read(head(&log)).ok(),
            before,
            "{name}: the checkpoint is left as evidence"
        );
        let report = verify(&log, &head(&log), Some(&verifier)).expect("verify");
        assert!(report.failure.is_some(), "{name}: still reported");
    }
}

#[test]
fn a_checkpoint_is_signed_over_only_on_request_and_only_over_a_log_that_verifies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let verifier = signer().verifier();
    let (log, last) = unsigned_log(dir.path(), "before-the-key");
    // Appends with the new key leave the unsigned checkpoint as it is.
    Chain::open(&log, signed())
        .expect("open")
        .append(&event(6))
        .expect("append");
    let report = verify(&log, &head(&log), Some(&verifier)).expect("verify");
    assert_eq!(
        report.failure.expect("reported").kind,
        FailureKind::CheckpointSignature
    );
    assert!(matches!(
        Chain::open(&log, Options::default())
            .expect("open")
            .sign_checkpoint(),
        Err(AppendError::NoSigner)
    ));
    let signed_head = Chain::open(&log, signed())
        .expect("open")
        .sign_checkpoint()
        .expect("sign")
        .expect("signed");
    assert_eq!(signed_head.seq, 6);
    let report = verify(&log, &head(&log), Some(&verifier)).expect("verify");
    assert!(report.is_ok(), "{:?}", report.failure);
    assert!(
        Chain::open(&log, signed())
            .expect("open")
            .sign_checkpoint()
            .expect("sign")
            .is_none(),
        "already signed"
    );
    // A new key: its owner signs the log over the old key's checkpoint.
    let new_key = Signer::from_key_text(&format!("ed25519:{}", "55".repeat(32))).expect("key");
    let new_verifier = new_key.verifier();
    let mut rotated = Chain::open(
        &log,
        Options {
            signer: Some(new_key),
            ..Options::default()
        },
    )
    .expect("open");
    assert_eq!(
        rotated
            .sign_checkpoint()
            .expect("sign")
            .expect("signed")
            .seq,
        6
    );
    let report = verify(&log, &head(&log), Some(&new_verifier)).expect("verify");
    assert!(report.is_ok(), "{:?}", report.failure);

    // A log that does not verify is not signed.
    let (log, _) = unsigned_log(dir.path(), "tampered");
    let text = std::fs::read_to_string(&log).expect("log");
    std::fs::write(&log, text.replacen("\"s2\"", "\"s9\"", 1)).expect("tamper");
    assert!(matches!(
        Chain::open(&log, signed()).expect("open").sign_checkpoint(),
        Err(AppendError::Unverified(_))
    ));
    let _ = last;
}

#[test]
fn a_lagging_checkpoint_after_a_crash_verifies_and_is_advanced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("audit.log");
    let mut chain = Chain::open(&log, Options::default()).expect("open");
    chain.append(&event(1)).expect("append");
    let head_at_1 = std::fs::read(head(&log)).expect("head");
    for i in 2..=10 {
        chain.append(&event(i)).expect("append");
    }
    drop(chain);
    // The in-place advances after entry 1 were lost: the checkpoint lags, never leads.
    std::fs::write(head(&log), &head_at_1).expect("restore");
    let report = verify(&log, &head(&log), None).expect("verify");
    assert!(report.is_ok(), "{:?}", report.failure);
    assert_eq!(report.entries_checked, 10);
    let receipt = Chain::open(&log, Options::default())
        .expect("open")
        .append(&event(11))
        .expect("append");
    assert_eq!(head_of(&log), (11, receipt.hash.to_string()));
}

#[test]
fn a_rolled_back_checkpoint_is_caught_by_the_witness() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("audit.log");
    let witness = dir.path().join("keys/audit.witness");
    std::fs::create_dir_all(witness.parent().expect("parent")).expect("mkdir");
    let options = || Options {
        witness: Some(witness.clone()),
        ..signed()
    };
    let mut chain = Chain::open(&log, options()).expect("open");
    for i in 1..=3 {
        chain.append(&event(i)).expect("append");
    }
    // The attacker keeps the signed checkpoint of entry 3…
    let old_head = std::fs::read(head(&log)).expect("head");
    for i in 4..=6 {
        chain.append(&event(i)).expect("append");
    }
    drop(chain);
    assert_eq!(
        maestro_audit::Checkpoint::read(&witness)
            .expect("readable")
            .expect("written")
            .seq,
        6,
        "the witness names the last entry"
    );
    // …rewrites the entries after it (entry 5 says something else, the rest rechained) and
    // puts it back.
    let lines = read_lines(&log);
    let mut rewritten: Vec<String> = lines[..3].to_vec();
    let mut prev = hash_of(&lines[2]);
    let doctored = lines[4].replace("\"s5\"", "\"sX\"");
    assert_ne!(doctored, lines[4]);
    for line in [&lines[3], &doctored, &lines[5]] {
        let line = rehash(line, &prev);
        prev = hash_of(&line);
        rewritten.push(line);
    }
    write_lines(&log, &rewritten);
    std::fs::write(head(&log), &old_head).expect("head put back");
    let verifier = signer().verifier();
    // audit.head alone cannot tell: its entry is untouched.
    let by_head = maestro_audit::verify(&log, &head(&log), Some(&verifier)).expect("verify");
    assert!(by_head.failure.is_none(), "{by_head:?}");
    // The witness can: the log no longer holds the entry it names.
    let by_witness = maestro_audit::verify(&log, &witness, Some(&verifier)).expect("verify");
    assert!(by_witness.failure.is_some(), "{by_witness:?}");
    // A chain never moves the witness back to an older checkpoint.
    let mut chain = Chain::open(&log, options()).expect("open");
    chain.append(&event(7)).expect("append");
    drop(chain);
    assert_eq!(
        maestro_audit::Checkpoint::read(&witness)
            .expect("readable")
            .expect("kept")
            .seq,
        6
    );
}
