use bincode::Options;
use serde::Deserialize;
use std::env;
use std::fs;

#[derive(Deserialize, Debug)]
struct ImportState {
    import_id: u64,
    row: u64,
    pending: Vec<String>,
}

fn main() {
    let path = env::args().nth(1).expect("usage: resume-import STATE_FILE");
    let raw = fs::read(&path).expect("read state file");
    let state: ImportState = bincode::DefaultOptions::new()
        .with_limit(1 << 20)
        .deserialize(&raw)
        .expect("decode state");
    println!("resuming import {} at row {} ({} pending)", state.import_id, state.row, state.pending.len());
}
