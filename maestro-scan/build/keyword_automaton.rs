//! The keyword automaton of the built-in rules, built here rather than at every process start:
//! an Aho–Corasick automaton over the built-in keywords (ASCII case folded), made a complete
//! DFA (every state has a transition for every byte class) so that the search is one table
//! lookup per byte. The hook process runs once per tool call: building an automaton over six
//! hundred keywords at run time cost it more than the rest of its work.
//!
//! Written to `$OUT_DIR`: `keyword_automaton.rs` (the keywords, the byte classes, the outputs
//! of each state) and `keyword_transitions.bin` (the transition table, little-endian `u16`).

use std::{collections::BTreeSet, collections::VecDeque, fmt::Write as _, fs, path::Path};

/// Build the automaton over `keywords` (lowercase) and write it into `out_dir`.
pub fn write(keywords: &BTreeSet<String>, out_dir: &str) {
    let keywords: Vec<&[u8]> = keywords.iter().map(String::as_bytes).collect();
    // Byte classes: one per distinct (folded) byte of a keyword, class 0 for every other byte.
    let mut classes = [0u8; 256];
    let mut class_count = 1usize;
    for &b in keywords.iter().flat_map(|k| k.iter()) {
        assert!(
            !b.is_ascii_uppercase(),
            "keywords are folded to lowercase first"
        );
        if classes[usize::from(b)] == 0 {
            classes[usize::from(b)] = u8::try_from(class_count).expect("under 256 classes");
            class_count += 1;
        }
    }
    for upper in b'A'..=b'Z' {
        classes[usize::from(upper)] = classes[usize::from(upper.to_ascii_lowercase())];
    }
    // The trie: state 0 is the root; `goto[s][c]` is 0 where there is no edge (the root has no
    // incoming edge, so 0 means "none" below the root).
    let mut goto: Vec<Vec<u16>> = vec![vec![0; class_count]];
    let mut outputs: Vec<Vec<u16>> = vec![Vec::new()];
    for (id, keyword) in keywords.iter().enumerate() {
        let mut state = 0usize;
        for &b in *keyword {
            let c = usize::from(classes[usize::from(b)]);
            if goto[state][c] == 0 {
                goto.push(vec![0; class_count]);
                outputs.push(Vec::new());
                goto[state][c] = u16::try_from(goto.len() - 1).expect("under 65,536 states");
            }
            state = usize::from(goto[state][c]);
        }
        outputs[state].push(u16::try_from(id).expect("under 65,536 keywords"));
    }
    // Breadth first: each state's failure state is already complete when it is reached, so
    // its missing transitions are copied from there and its outputs extended with its outputs.
    let mut fail = vec![0u16; goto.len()];
    let mut queue = VecDeque::new();
    queue.extend(goto[0].iter().copied().filter(|&next| next != 0));
    while let Some(state) = queue.pop_front() {
        let s = usize::from(state);
        let f = usize::from(fail[s]);
        let inherited = outputs[f].clone();
        outputs[s].extend(inherited);
        let via_fail = goto[f].clone();
        for (next, &fallback) in goto[s].iter_mut().zip(&via_fail) {
            if *next == 0 {
                *next = fallback;
            } else {
                fail[usize::from(*next)] = fallback;
                queue.push_back(*next);
            }
        }
    }
    let mut transitions = Vec::with_capacity(goto.len() * class_count * 2);
    for row in &goto {
        for &next in row {
            transitions.extend_from_slice(&next.to_le_bytes());
        }
    }
    fs::write(
        Path::new(out_dir).join("keyword_transitions.bin"),
        transitions,
    )
    .expect("writing keyword_transitions.bin");

    let mut out = String::new();
    let _ = writeln!(out, "/// The built-in keywords, lowercase, sorted.");
    let _ = writeln!(out, "pub(crate) static KEYWORDS: &[&str] = &[");
    for k in &keywords {
        let _ = writeln!(
            out,
            "    {:?},",
            std::str::from_utf8(k).expect("UTF-8 keywords")
        );
    }
    let _ = writeln!(out, "];");
    let _ = writeln!(
        out,
        "/// The class of each byte (upper case folded to lower case)."
    );
    let _ = writeln!(out, "pub(crate) static CLASSES: [u8; 256] = {classes:?};");
    let _ = writeln!(out, "/// Byte classes per state.");
    let _ = writeln!(out, "pub(crate) const CLASS_COUNT: usize = {class_count};");
    let _ = writeln!(out, "/// States (the tests check the table against it).");
    let _ = writeln!(out, "#[cfg(test)]");
    let _ = writeln!(out, "pub(crate) const STATE_COUNT: usize = {};", goto.len());
    let mut offsets = Vec::with_capacity(outputs.len() + 1);
    let mut matches = Vec::new();
    for list in &mut outputs {
        offsets.push(matches.len());
        list.sort_unstable();
        matches.extend_from_slice(list);
    }
    offsets.push(matches.len());
    let _ = writeln!(
        out,
        "/// The keywords ending at state `s`: `MATCHES[MATCH_OFFSETS[s]..MATCH_OFFSETS[s + 1]]`."
    );
    let _ = writeln!(
        out,
        "pub(crate) static MATCH_OFFSETS: [u32; {}] = {offsets:?};",
        offsets.len()
    );
    let _ = writeln!(out, "/// Keyword indices, by state (see `MATCH_OFFSETS`).");
    let _ = writeln!(
        out,
        "pub(crate) static MATCHES: [u16; {}] = {matches:?};",
        matches.len()
    );
    fs::write(Path::new(out_dir).join("keyword_automaton.rs"), out)
        .expect("writing keyword_automaton.rs");
}
