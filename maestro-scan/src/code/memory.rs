//! Syntax trees kept between scans, so that a file scanned again after an edit is parsed again
//! only where it changed: the old tree is told what the edit was (the bytes between the longest
//! common prefix and suffix of the old and new text) and tree-sitter reuses the rest of it.
//! The result is the tree a fresh parse gives (the tests compare them on many edits); what is
//! kept is a text and the tree of exactly that text, so the edit is always computed, never
//! taken from a caller.
//!
//! Rust is always parsed afresh: its macro calls are parsed a second time from rewritten text,
//! so no one tree belongs to the file's own bytes.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};

use tree_sitter::{InputEdit, Point, Tree};

use super::grammar::Grammar;

/// Texts larger than this are not kept (a tree takes several times its text's size).
const LARGEST_KEPT: usize = 1 << 20;
/// The kept texts together stay under this many bytes.
const KEPT_BYTES: usize = 16 << 20;

/// Trees of the last files scanned, by path; the oldest is forgotten first, and no more than
/// 16 MiB of text (1 MiB a file) is kept with its trees.
#[derive(Debug)]
pub struct TreeMemory {
    capacity: usize,
    kept: Mutex<VecDeque<Kept>>,
}

#[derive(Debug)]
struct Kept {
    path: String,
    grammar: Grammar,
    text: Vec<u8>,
    tree: Tree,
}

impl TreeMemory {
    /// Keeps the trees of the last `capacity` paths.
    #[must_use]
    pub fn new(capacity: usize) -> TreeMemory {
        TreeMemory {
            capacity,
            kept: Mutex::new(VecDeque::new()),
        }
    }

    /// The tree of `text` (the file at `path`), from the one kept for `path` where there is one.
    pub(crate) fn parse_code(&self, grammar: Grammar, path: &str, text: &[u8]) -> Option<Tree> {
        if grammar == Grammar::Rust || self.capacity == 0 {
            return grammar.parse_code(text);
        }
        // Taken out while in use: a tree is edited in place, and another thread may scan the
        // same path meanwhile (it then parses afresh).
        let old = {
            let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
            kept.iter()
                .position(|k| k.path == path && k.grammar == grammar)
                .and_then(|at| kept.remove(at))
        };
        let tree = match old {
            Some(mut old) => {
                old.tree.edit(&edit(&old.text, text));
                grammar.parse_from(text, Some(&old.tree))?
            }
            None => grammar.parse_code(text)?,
        };
        if text.len() > LARGEST_KEPT {
            return Some(tree);
        }
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        kept.push_back(Kept {
            path: path.to_owned(),
            grammar,
            text: text.to_vec(),
            tree: tree.clone(),
        });
        let mut bytes: usize = kept.iter().map(|k| k.text.len()).sum();
        while kept.len() > self.capacity || bytes > KEPT_BYTES {
            let Some(old) = kept.pop_front() else { break };
            bytes -= old.text.len();
        }
        Some(tree)
    }
}

/// The one edit that turns `old` into `new`: what lies between their common prefix and suffix.
fn edit(old: &[u8], new: &[u8]) -> InputEdit {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let room = old.len().min(new.len()) - prefix;
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    let start = point(old, prefix);
    InputEdit {
        start_byte: prefix,
        old_end_byte: old.len() - suffix,
        new_end_byte: new.len() - suffix,
        start_position: start,
        old_end_position: point(old, old.len() - suffix),
        new_end_position: point(new, new.len() - suffix),
    }
}

/// Row and byte column of `at` in `text`.
fn point(text: &[u8], at: usize) -> Point {
    let before = &text[..at];
    let row = memchr::memchr_iter(b'\n', before).count();
    let column = before
        .iter()
        .rev()
        .position(|&b| b == b'\n')
        .unwrap_or(before.len());
    Point { row, column }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::grammar::shape;

    fn fresh(grammar: Grammar, text: &[u8]) -> String {
        shape(&grammar.parse_code(text).unwrap())
    }

    /// A small deterministic generator (no dependency for one test).
    struct Lcg(u64);
    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((self.0 >> 33) as usize) % n.max(1)
        }
    }

    #[test]
    fn the_edit_is_what_lies_between_prefix_and_suffix() {
        let e = edit(b"ab\ncd\nef", b"ab\nXYZ\nef");
        assert_eq!((e.start_byte, e.old_end_byte, e.new_end_byte), (3, 5, 6));
        assert_eq!(e.start_position, Point { row: 1, column: 0 });
        assert_eq!(e.new_end_position, Point { row: 1, column: 3 });
        // Repeated text: prefix and suffix never overlap.
        let e = edit(b"aaaa", b"aaaaaa");
        assert_eq!((e.start_byte, e.old_end_byte, e.new_end_byte), (4, 4, 6));
        let e = edit(b"aaaa", b"aa");
        assert_eq!((e.start_byte, e.old_end_byte, e.new_end_byte), (2, 4, 2));
        let e = edit(b"", b"x\ny");
        assert_eq!(e.new_end_position, Point { row: 1, column: 1 });
    }

    /// Random edits of real files (deletions, insertions of pieces of the file, indentation,
    /// quotes and brackets that break the syntax and later mend it): the kept tree, edited and
    /// parsed again, is the tree of a fresh parse every time.
    #[test]
    fn incremental_trees_are_fresh_trees() {
        // Each language's corpus cases joined into one file of about 12 KB.
        let corpus = |dir: &str, ext: &str| {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("corpus")
                .join(dir);
            let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&root)
                .unwrap()
                .map(|cwe| cwe.unwrap().path())
                .filter(|cwe| cwe.is_dir())
                .flat_map(|cwe| std::fs::read_dir(cwe).unwrap())
                .map(|f| f.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == ext))
                .collect();
            files.sort();
            let mut text = String::new();
            for f in files {
                if text.len() > 12 * 1024 {
                    break;
                }
                text.push_str(&std::fs::read_to_string(f).unwrap());
                text.push('\n');
            }
            text
        };
        let sources = [
            (Grammar::Python, "a.py", corpus("python", "py")),
            (Grammar::JavaScript, "a.js", corpus("javascript", "js")),
            (Grammar::Php, "a.php", corpus("php", "php")),
            (Grammar::Bash, "a.sh", corpus("shell", "sh")),
        ];
        let pieces: &[&[u8]] = &[
            b"\n",
            b"    ",
            b"\"",
            b"'",
            b"(",
            b")",
            b"{",
            b"}",
            b"[",
            b"]",
            b"\n    if x:\n",
            b"#",
            b"/*",
            b"*/",
            b"`",
            b"$(",
            b"<?php ",
            b"\\",
            b"\t",
            b";",
        ];
        let mut rng = Lcg(0x5eed);
        for (grammar, path, source) in &sources {
            let memory = TreeMemory::new(4);
            let mut text = source.as_bytes().to_vec();
            memory.parse_code(*grammar, path, &text).unwrap();
            for step in 0..100 {
                let at = rng.below(text.len() + 1);
                match rng.below(4) {
                    0 => {
                        let end = (at + rng.below(40)).min(text.len());
                        text.drain(at..end);
                    }
                    1 => {
                        let piece = pieces[rng.below(pieces.len())];
                        text.splice(at..at, piece.iter().copied());
                    }
                    2 => {
                        // Move a piece of the file elsewhere.
                        let from = rng.below(text.len());
                        let end = (from + rng.below(60)).min(text.len());
                        let piece = text[from..end].to_vec();
                        let at = at.min(text.len());
                        text.splice(at..at, piece);
                    }
                    _ => {
                        // Back to the source now and then: the syntax mends.
                        if step % 7 == 0 {
                            text = source.as_bytes().to_vec();
                        }
                    }
                }
                let kept = memory.parse_code(*grammar, path, &text).unwrap();
                assert_eq!(
                    shape(&kept),
                    fresh(*grammar, &text),
                    "{path} step {step}:\n{}",
                    String::from_utf8_lossy(&text)
                );
            }
        }
    }
}
