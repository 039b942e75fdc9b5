//! Reading the last lines of the log from its end, without replaying the file.

use std::fs::File;
use std::io::{self, Read as _, Seek as _, SeekFrom};

const BLOCK: u64 = 16 * 1024;

/// The end of a log: up to `n` complete lines and, if the file does not end with `\n`, the
/// fragment after the last newline.
#[derive(Debug, Default)]
pub(crate) struct Tail {
    /// Complete lines in file order: (byte offset of the line, bytes without the `\n`).
    pub lines: Vec<(u64, Vec<u8>)>,
    /// A final line without `\n`: (byte offset, bytes).
    pub fragment: Option<(u64, Vec<u8>)>,
    /// Whether `lines` reaches back to the start of the file (so the first line is line 1).
    pub reaches_start: bool,
}

/// Reads the last `n` complete lines (and any final fragment) of the first `len` bytes of `file`,
/// seeking back block by block from `len` until enough newlines have been seen.
pub(crate) fn read_tail(mut file: &File, len: u64, n: usize) -> io::Result<Tail> {
    let mut blocks: Vec<Vec<u8>> = Vec::new();
    let mut pos = len;
    let mut newlines = 0;
    while pos > 0 && newlines < n + 1 {
        let size = BLOCK.min(pos);
        pos -= size;
        let mut block = vec![0; usize::try_from(size).expect("block size fits in usize")];
        file.seek(SeekFrom::Start(pos))?;
        file.read_exact(&mut block)?;
        newlines += memchr::memchr_iter(b'\n', &block).count();
        blocks.push(block);
    }
    let mut buf = Vec::with_capacity(blocks.iter().map(Vec::len).sum());
    for block in blocks.iter().rev() {
        buf.extend_from_slice(block);
    }
    let mut tail = Tail::default();
    // Offsets of line starts within buf: skip a partial first line unless we reached the start.
    let mut start = if pos == 0 {
        0
    } else {
        buf.iter()
            .position(|&b| b == b'\n')
            .map_or(buf.len(), |i| i + 1)
    };
    let mut lines = Vec::new();
    while start < buf.len() {
        let Some(i) = memchr::memchr(b'\n', &buf[start..]) else {
            tail.fragment = Some((pos + start as u64, buf[start..].to_vec()));
            break;
        };
        lines.push((pos + start as u64, buf[start..start + i].to_vec()));
        start += i + 1;
    }
    let skip = lines.len().saturating_sub(n);
    tail.reaches_start = pos == 0 && skip == 0;
    tail.lines = lines.split_off(skip);
    Ok(tail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    #[test]
    fn reads_last_lines_across_blocks() {
        let mut file = tempfile::tempfile().expect("tempfile");
        let long = "x".repeat(40_000);
        write!(file, "a\n{long}\nc\nfrag").expect("write");
        let len = file.metadata().expect("meta").len();
        let tail = read_tail(&file, len, 2).expect("tail");
        assert_eq!(tail.lines.len(), 2);
        assert_eq!(tail.lines[0], (2, long.clone().into_bytes()));
        assert_eq!(tail.lines[1].1, b"c");
        assert_eq!(tail.fragment, Some((len - 4, b"frag".to_vec())));
        assert!(!tail.reaches_start);
        let all = read_tail(&file, len - 4, 10).expect("tail");
        assert_eq!(all.lines.len(), 3);
        assert!(all.reaches_start && all.fragment.is_none());
        assert!(read_tail(&file, 0, 1).expect("empty").lines.is_empty());
    }
}
