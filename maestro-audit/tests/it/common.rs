//! Helpers shared by the test modules.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use maestro_audit::{Chain, Details, Event, Options, Signer, head_path_for};
use sha2::{Digest, Sha256};

pub fn signer() -> Signer {
    Signer::from_key_text(&format!("ed25519:{}", "2a".repeat(32))).expect("valid key text")
}

/// A log of `n` entries (subjects `s1`…`sn`) signed with [`signer`], in `dir`.
pub fn build_log(dir: &Path, n: u64) -> PathBuf {
    let log = dir.join("audit.log");
    let mut chain = Chain::open(
        &log,
        Options {
            signer: Some(signer()),
            ..Options::default()
        },
    )
    .expect("open");
    for i in 1..=n {
        let event = Event::new("dispatcher", "order.dispatch", format!("s{i}"))
            .with_details(Details::new().with("i", i).with("note", "ok"));
        assert_eq!(chain.append(&event).expect("append").seq, i);
    }
    log
}

pub fn head(log: &Path) -> PathBuf {
    head_path_for(log)
}

pub fn read_lines(log: &Path) -> Vec<String> {
    std::fs::read_to_string(log)
        .expect("read log")
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Appends raw `bytes` to the log file, as a crashed or hostile writer would.
pub fn append_bytes(log: &Path, bytes: &[u8]) {
    std::fs::OpenOptions::new()
        .append(true)
        .open(log)
        .expect("open")
        .write_all(bytes)
        .expect("write");
}

pub fn write_lines(log: &Path, lines: &[String]) {
    let mut text = lines.join("\n");
    text.push('\n');
    std::fs::write(log, text).expect("write log");
}

/// An independent implementation of the documented hash rule: body = line minus its last 75
/// bytes plus `}`; hash = SHA-256(prev hex || body).
pub fn rehash(line: &str, prev: &str) -> String {
    let prev_key = "\"prev\":\"";
    let at = line.find(prev_key).expect("prev key") + prev_key.len();
    let line = format!("{}{}{}", &line[..at], prev, &line[at + 64..]);
    let body = format!("{}}}", &line[..line.len() - 75]);
    let hash = hex::encode(
        Sha256::new()
            .chain_update(prev.as_bytes())
            .chain_update(body.as_bytes())
            .finalize(),
    );
    format!("{},\"hash\":\"{hash}\"}}", &line[..line.len() - 75])
}

pub fn hash_of(line: &str) -> String {
    line[line.len() - 66..line.len() - 2].to_owned()
}
