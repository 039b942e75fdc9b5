//! Inputs beyond one text: a file, directory trees (honouring `.gitignore`, walked in parallel)
//! and the added lines of a diff.

use std::{
    io::Read as _,
    path::{Path, PathBuf},
    sync::Mutex,
};

use ignore::{DirEntry, ParallelVisitor, ParallelVisitorBuilder, WalkBuilder, WalkState};

use crate::{
    report::{FileError, Report},
    scanner::{BINARY_PROBE, Scanner},
};

/// An error scanning a path given explicitly.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The path could not be read.
    #[error("scanning {path}")]
    Read {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

/// The lines a change adds to one file: `(line number in the new file, text)`, as produced from
/// a staged diff. Only these lines are scanned, and findings carry their real line numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddedLines {
    /// The file's path (selects the code rules and is reported).
    pub path: String,
    /// 1-based line numbers with their text (without the newline).
    pub lines: Vec<(usize, String)>,
}

/// A path as reported: `/` separators, no leading `./`.
fn display(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    match text.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => text,
    }
}

impl Scanner {
    /// Scan one file. A file over the size limit is counted as skipped without being read.
    pub fn scan_file(&self, path: &Path) -> Result<Report, Error> {
        let mut report = Report::default();
        self.scan_file_into(path, &mut report)
            .map_err(|source| Error::Read {
                path: path.to_owned(),
                source,
            })?;
        report.finish();
        Ok(report)
    }

    fn scan_file_into(&self, path: &Path, report: &mut Report) -> std::io::Result<()> {
        let mut file = std::fs::File::open(path)?;
        let len = file.metadata()?.len();
        if len > self.options.max_file_size {
            report.summary.skipped_by.too_large += 1;
            return Ok(());
        }
        // Read the first 8 KiB alone: a binary file is skipped without reading the rest.
        let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
        (&mut file)
            .take(BINARY_PROBE as u64)
            .read_to_end(&mut bytes)?;
        if memchr::memchr(0, &bytes).is_some() {
            report.summary.skipped_by.binary += 1;
            return Ok(());
        }
        file.read_to_end(&mut bytes)?;
        self.scan_into(Some(&display(path)), &bytes, None, report);
        Ok(())
    }

    /// Scan a directory tree (or a single file), honouring `.gitignore`, `.ignore` and git
    /// excludes. Hidden files are scanned (credentials live in `.env` files); `.git` is not.
    /// Unreadable files are counted as skipped and listed in [`Report::errors`]. Paths are
    /// reported as the walk produces them: `root` joined with the relative path.
    #[must_use]
    pub fn scan_tree(&self, root: &Path) -> Report {
        let shared = Mutex::new(Report::default());
        let threads = match self.options.threads {
            0 => std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
            n => n,
        };
        WalkBuilder::new(root)
            .hidden(false)
            .filter_entry(|entry| entry.file_name() != ".git")
            .threads(threads)
            .build_parallel()
            .visit(&mut Collector {
                scanner: self,
                shared: &shared,
            });
        let mut report = shared.into_inner().expect("a scan worker panicked");
        report.finish();
        report
    }

    /// Scan several files or directories (the `maestro scan PATH...` arguments) into one report.
    /// A path that does not exist is an error; problems inside a tree are counted in the report.
    pub fn scan_paths<P: AsRef<Path>>(&self, paths: &[P]) -> Result<Report, Error> {
        let mut report = Report::default();
        for path in paths {
            let path = path.as_ref();
            let meta = std::fs::metadata(path).map_err(|source| Error::Read {
                path: path.to_owned(),
                source,
            })?;
            if meta.is_dir() {
                report.absorb(self.scan_tree(path));
            } else {
                report.absorb(self.scan_file(path)?);
            }
        }
        report.finish();
        Ok(report)
    }

    /// Scan only the added lines of a change, reporting findings at their real line numbers.
    /// Consecutive added lines are scanned together, so a multi-line secret added as a whole is
    /// found.
    #[must_use]
    pub fn scan_added_lines(&self, files: &[AddedLines]) -> Report {
        let mut report = Report::default();
        for file in files {
            let mut text = Vec::new();
            let mut map = Vec::with_capacity(file.lines.len());
            for (number, line) in &file.lines {
                text.extend_from_slice(line.as_bytes());
                text.push(b'\n');
                map.push(*number);
            }
            self.scan_into(Some(&file.path), &text, Some(&map), &mut report);
        }
        report.finish();
        report
    }
}

struct Collector<'a> {
    scanner: &'a Scanner,
    shared: &'a Mutex<Report>,
}

impl<'s, 'a: 's> ParallelVisitorBuilder<'s> for Collector<'a> {
    fn build(&mut self) -> Box<dyn ParallelVisitor + 's> {
        Box::new(Worker {
            scanner: self.scanner,
            shared: self.shared,
            local: Report::default(),
        })
    }
}

struct Worker<'a> {
    scanner: &'a Scanner,
    shared: &'a Mutex<Report>,
    local: Report,
}

impl ParallelVisitor for Worker<'_> {
    fn visit(&mut self, entry: Result<DirEntry, ignore::Error>) -> WalkState {
        match entry {
            Ok(entry) => {
                if entry.file_type().is_some_and(|t| t.is_file())
                    && let Err(e) = self.scanner.scan_file_into(entry.path(), &mut self.local)
                {
                    self.local.summary.skipped_by.unreadable += 1;
                    self.local.errors.push(FileError {
                        path: display(entry.path()),
                        message: e.to_string(),
                    });
                }
            }
            Err(e) => {
                self.local.summary.skipped_by.unreadable += 1;
                self.local.errors.push(FileError {
                    path: String::new(),
                    message: e.to_string(),
                });
            }
        }
        WalkState::Continue
    }
}

impl Drop for Worker<'_> {
    fn drop(&mut self) {
        let local = std::mem::take(&mut self.local);
        // A poisoned lock means another worker panicked; its panic is what matters.
        if let Ok(mut shared) = self.shared.lock() {
            shared.absorb(local);
        }
    }
}
