//! The read API, durability modes and crash recovery on append.

use maestro_audit::{
    AppendError, Chain, Details, Durability, Event, FailureKind, Options, entries, tail, verify,
};

use crate::common::{append_bytes, build_log, head, read_lines};

#[test]
fn tail_reads_the_last_entries_and_entries_streams_them_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = build_log(dir.path(), 20);
    let last = tail(&log, 3).expect("tail");
    let seqs: Vec<u64> = last
        .iter()
        .map(|e| e.as_ref().expect("valid").seq)
        .collect();
    assert_eq!(seqs, [18, 19, 20]);
    assert_eq!(last[2].as_ref().expect("valid").raw, read_lines(&log)[19]);
    assert_eq!(last[0].as_ref().expect("valid").line, None);
    let all = tail(&log, 100).expect("tail");
    assert_eq!(all.len(), 20);
    assert_eq!(all[4].as_ref().expect("valid").line, Some(5));
    let streamed: Vec<_> = entries(&log)
        .expect("open")
        .map(|e| e.expect("valid"))
        .collect();
    assert_eq!(streamed.len(), 20);
    assert_eq!(streamed[0].subject, "s1");
    assert_eq!(streamed[0].details["i"], 1);
    assert_eq!(streamed[19].line, Some(20));
}

#[test]
fn grouped_durability_advances_the_checkpoint_on_sync_and_drop() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("audit.log");
    let options = Options {
        durability: Durability::Grouped {
            max_entries: 1000,
            max_delay: std::time::Duration::from_secs(3600),
        },
        ..Options::default()
    };
    let mut chain = Chain::open(&log, options).expect("open");
    for i in 0..10 {
        chain
            .append(&Event::new("a", "b", format!("{i}")))
            .expect("append");
    }
    let report = verify(&log, &head(&log), None).expect("verify");
    assert!(report.is_ok());
    assert_eq!(
        report.checkpoint.as_ref().expect("head").seq,
        0,
        "not synced yet"
    );
    chain.sync().expect("sync");
    assert_eq!(
        verify(&log, &head(&log), None)
            .expect("verify")
            .checkpoint
            .expect("head")
            .seq,
        10
    );
    let receipts = chain
        .append_batch(&[Event::new("a", "b", "x"), Event::new("a", "b", "y")])
        .expect("batch");
    assert_eq!(receipts.iter().map(|r| r.seq).collect::<Vec<_>>(), [11, 12]);
    drop(chain);
    let report = verify(&log, &head(&log), None).expect("verify");
    assert_eq!(report.checkpoint.expect("head").seq, 12);
    assert_eq!(report.last.expect("entries").hash, receipts[1].hash);
}

#[test]
fn append_moves_a_torn_fragment_aside_and_records_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = build_log(dir.path(), 3);
    append_bytes(&log, b"{\"action\":\"half a li");
    assert_eq!(
        verify(&log, &head(&log), None)
            .expect("verify")
            .failure
            .expect("torn")
            .kind,
        FailureKind::TornTail
    );

    let mut chain = Chain::open(&log, Options::default()).expect("open");
    let receipt = chain
        .append(&Event::new("dispatcher", "order.finish", "s4"))
        .expect("append");
    assert_eq!(receipt.seq, 5, "seq 4 records the repair");
    let report = verify(&log, &head(&log), None).expect("verify");
    assert!(report.is_ok(), "{:?}", report.failure);
    let moved = &read_lines(&log)[3];
    assert!(moved.contains("\"action\":\"audit.tail_moved\""), "{moved}");
    let side: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("audit.log.torn-"))
        })
        .collect();
    assert_eq!(side.len(), 1);
    assert_eq!(
        std::fs::read(&side[0]).expect("side"),
        b"{\"action\":\"half a li"
    );
}

#[test]
fn append_refuses_a_complete_garbage_line_which_repair_moves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = build_log(dir.path(), 3);
    append_bytes(&log, b"not an entry\n");
    let mut chain = Chain::open(&log, Options::default()).expect("open");
    let err = chain
        .append(&Event::new("a", "b", "c"))
        .expect_err("refused");
    assert!(matches!(err, AppendError::CorruptTail { .. }), "{err}");
    assert!(
        err.to_string().contains("refusing to chain onto it"),
        "{err}"
    );
    assert_eq!(
        verify(&log, &head(&log), None)
            .expect("verify")
            .failure
            .expect("torn")
            .kind,
        FailureKind::TornTail
    );
    let repair = chain
        .repair_tail()
        .expect("repair")
        .expect("something to repair");
    assert_eq!(
        std::fs::read(&repair.side_file).expect("side"),
        b"not an entry\n"
    );
    assert_eq!(repair.recorded.seq, 4);
    assert!(
        chain.repair_tail().expect("repair").is_none(),
        "nothing left to repair"
    );
    assert!(verify(&log, &head(&log), None).expect("verify").is_ok());
}

#[test]
fn floats_in_details_are_refused() {
    let serde_json::Value::Object(map) = serde_json::json!({"ratio": 0.5}) else {
        unreachable!()
    };
    let err = Details::try_from(map).expect_err("float");
    assert!(err.to_string().contains("details.ratio"), "{err}");
}

#[test]
fn a_new_log_has_a_genesis_checkpoint_and_verifies_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("audit.log");
    drop(Chain::open(&log, Options::default()).expect("open"));
    let report = verify(&log, &head(&log), None).expect("verify");
    assert!(report.is_ok());
    assert_eq!(
        (
            report.entries_checked,
            report.checkpoint.expect("genesis").seq
        ),
        (0, 0)
    );
}

#[test]
fn an_appender_without_the_key_leaves_a_signed_checkpoint_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = build_log(dir.path(), 3);
    let verifier = crate::common::signer().verifier();
    let mut hook = Chain::open(&log, Options::default()).expect("open without a key");
    hook.append(&Event::new("crew-1/hook", "secret.block", "s4"))
        .expect("append");
    drop(hook);
    let report = verify(&log, &head(&log), Some(&verifier)).expect("verify");
    assert!(report.is_ok(), "{:?}", report.failure);
    assert_eq!(
        report.checkpoint.as_ref().expect("head").seq,
        3,
        "signed head kept"
    );
    assert_eq!(report.entries_checked, 4);
    let mut dispatcher = Chain::open(
        &log,
        Options {
            signer: Some(crate::common::signer()),
            ..Options::default()
        },
    )
    .expect("open");
    dispatcher.sync().expect("sign the latest entry");
    let report = verify(&log, &head(&log), Some(&verifier)).expect("verify");
    assert!(report.is_ok() && report.signature_verified);
    assert_eq!(report.checkpoint.expect("head").seq, 4);
}

#[test]
fn a_line_cut_anywhere_is_a_torn_tail_that_the_next_append_moves_aside() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("audit.log");
    let mut chain = Chain::open(&log, Options::default()).expect("open");
    chain
        .append(&Event::new("a", "b", "first"))
        .expect("append");
    // A crash while writing entry 2 leaves the checkpoint at entry 1.
    let head_at_1 = std::fs::read(head(&log)).expect("head");
    chain
        .append(&Event::new("a", "b", "second"))
        .expect("append");
    drop(chain);
    let whole = std::fs::read(&log).expect("read");
    let line2_start = whole[..whole.len() - 1]
        .iter()
        .rposition(|&b| b == b'\n')
        .expect("two lines")
        + 1;
    for cut in (line2_start + 1..whole.len()).step_by(23) {
        std::fs::write(&log, &whole[..cut]).expect("cut");
        std::fs::write(head(&log), &head_at_1).expect("head");
        let report = verify(&log, &head(&log), None).expect("verify");
        let failure = report.failure.expect("torn");
        assert_eq!(
            (failure.kind, failure.line),
            (FailureKind::TornTail, 2),
            "cut at {cut}"
        );
        let mut chain = Chain::open(&log, Options::default()).expect("open");
        let receipt = chain
            .append(&Event::new("a", "b", "after the crash"))
            .expect("append");
        assert_eq!(receipt.seq, 3, "seq 2 records the move");
        let report = verify(&log, &head(&log), None).expect("verify");
        assert!(report.is_ok(), "cut at {cut}: {:?}", report.failure);
    }
}
