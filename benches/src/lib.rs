//! maestro's benchmarks live in `benches/` (criterion, `harness = false`); run them with
//! `cargo bench -p maestro-benches`. This library holds nothing but this note.
