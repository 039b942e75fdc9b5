//! Reading entries for display: all of them in order, or the last few from the end.

use std::fs::File;
use std::io::{self, BufRead as _, BufReader};
use std::path::{Path, PathBuf};

use crate::hash::EntryHash;
use crate::line::{ParsedLine, parse_line};
use crate::tail::read_tail;

/// One stored entry, parsed. `raw` is the line exactly as stored (without `\n`): what to show
/// of an entry.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Entry {
    /// 1-based line number, when known (always from [`entries`]; from [`tail`] only when the
    /// tail reaches the start of the file).
    pub line: Option<u64>,
    /// Sequence number.
    pub seq: u64,
    /// Timestamp as stored (RFC 3339 UTC).
    pub ts: String,
    /// Who acted.
    pub actor: String,
    /// What was done.
    pub action: String,
    /// What it was done to.
    pub subject: String,
    /// The details object.
    pub details: serde_json::Value,
    /// Hash of the previous entry.
    pub prev: EntryHash,
    /// This entry's recorded hash (not checked here; see [`verify`](crate::verify())).
    pub hash: EntryHash,
    /// The stored line.
    pub raw: String,
}

/// A line that is not a canonical entry (or a final line without `\n`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MalformedLine {
    /// 1-based line number, when known.
    pub line: Option<u64>,
    /// Byte offset of the line.
    pub offset: u64,
    /// The line, lossily decoded.
    pub raw: String,
    /// What is wrong.
    pub problem: String,
}

/// Reading the log failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The log could not be opened or read.
    #[error("read audit log {path}")]
    Io {
        /// The log.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// A line is not an entry; [`Entries`] continues with the next line after yielding this.
    #[error("read audit log: line {} at byte {}: {}", .0.line.map_or_else(|| "?".into(), |l| l.to_string()), .0.offset, .0.problem)]
    Malformed(MalformedLine),
}

fn decode(line: &[u8], range: &std::ops::Range<usize>) -> String {
    serde_json::from_slice(&line[range.clone()]).expect("a checked canonical string is valid JSON")
}

fn to_entry(line: &[u8], parsed: &ParsedLine, number: Option<u64>) -> Entry {
    Entry {
        line: number,
        seq: parsed.seq,
        ts: decode(line, &parsed.ts),
        actor: decode(line, &parsed.actor),
        action: decode(line, &parsed.action),
        subject: decode(line, &parsed.subject),
        details: serde_json::from_slice(&line[parsed.details.clone()])
            .expect("checked canonical JSON"),
        prev: parsed.prev,
        hash: parsed.hash,
        raw: String::from_utf8(line.to_vec()).expect("checked UTF-8"),
    }
}

fn parse_entry(line: &[u8], number: Option<u64>, offset: u64) -> Result<Entry, MalformedLine> {
    match parse_line(line) {
        Ok(parsed) => Ok(to_entry(line, &parsed, number)),
        Err(e) => Err(MalformedLine {
            line: number,
            offset,
            raw: String::from_utf8_lossy(line).into_owned(),
            problem: format!("{} at byte {}", e.what, e.offset),
        }),
    }
}

/// Iterator over a log's entries in order, streaming (constant memory). Created by [`entries`].
#[derive(Debug)]
pub struct Entries {
    reader: BufReader<File>,
    path: PathBuf,
    buf: Vec<u8>,
    line: u64,
    offset: u64,
}

/// Opens `path` for reading its entries in order.
pub fn entries(path: &Path) -> Result<Entries, ReadError> {
    let file = File::open(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(Entries {
        reader: BufReader::with_capacity(256 * 1024, file),
        path: path.to_path_buf(),
        buf: Vec::new(),
        line: 0,
        offset: 0,
    })
}

impl Iterator for Entries {
    type Item = Result<Entry, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.buf.clear();
        match self.reader.read_until(b'\n', &mut self.buf) {
            Ok(0) => None,
            Ok(n) => {
                self.line += 1;
                let offset = self.offset;
                self.offset += n as u64;
                let result = if self.buf.last() == Some(&b'\n') {
                    parse_entry(&self.buf[..n - 1], Some(self.line), offset)
                } else {
                    Err(MalformedLine {
                        line: Some(self.line),
                        offset,
                        raw: String::from_utf8_lossy(&self.buf).into_owned(),
                        problem: "last line has no newline (torn write)".into(),
                    })
                };
                Some(result.map_err(ReadError::Malformed))
            }
            Err(source) => Some(Err(ReadError::Io {
                path: self.path.clone(),
                source,
            })),
        }
    }
}

/// The last `n` lines of the log, in file order, read back from the end of the file (the cost
/// does not grow with the log). A final line without `\n` comes last, as a [`MalformedLine`].
pub fn tail(path: &Path, n: usize) -> Result<Vec<Result<Entry, MalformedLine>>, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    let tail = read_tail(&file, len, n).map_err(io)?;
    let first_line = tail.reaches_start.then_some(1u64);
    let mut out: Vec<_> = tail
        .lines
        .iter()
        .enumerate()
        .map(|(i, (offset, line))| parse_entry(line, first_line.map(|f| f + i as u64), *offset))
        .collect();
    if let Some((offset, fragment)) = tail.fragment {
        out.push(Err(MalformedLine {
            line: first_line.map(|f| f + tail.lines.len() as u64),
            offset,
            raw: String::from_utf8_lossy(&fragment).into_owned(),
            problem: "last line has no newline (torn write)".into(),
        }));
    }
    Ok(out)
}
