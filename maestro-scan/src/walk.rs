//! Inputs beyond one text: a file, directory trees (honouring `.gitignore`, walked in parallel)
//! and the added lines of a diff.

use std::{
    io::Read as _,
    path::{Path, PathBuf},
    sync::Mutex,
};

use ignore::{DirEntry, ParallelVisitor, ParallelVisitorBuilder, WalkBuilder, WalkState};

use crate::{report::Report, scanner::Scanner};

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
    /// Scan one file, as [`Scanner::scan_text`] scans a text. A file over the size limit is
    /// not read: it is listed in [`Report::unscanned`].
    pub fn scan_file(&self, path: &Path) -> Result<Report, Error> {
        self.scan_file_with_base(path, None)
    }

    /// [`Scanner::scan_file`] with `base`, the file's content in a base version, for
    /// [`InlineAllow::BaseLines`](crate::InlineAllow::BaseLines) (see
    /// [`Scanner::scan_text_with_base`]).
    pub fn scan_file_with_base(&self, path: &Path, base: Option<&[u8]>) -> Result<Report, Error> {
        let mut report = Report::default();
        self.scan_file_into(path, base, &mut report)
            .map_err(|source| Error::Read {
                path: path.to_owned(),
                source,
            })?;
        report.finish();
        Ok(report)
    }

    fn scan_file_into(
        &self,
        path: &Path,
        base: Option<&[u8]>,
        report: &mut Report,
    ) -> std::io::Result<()> {
        let shown = display(path);
        let limit = self.options.max_file_size;
        let mut file = std::fs::File::open(path)?;
        let len = file.metadata()?.len();
        if len > limit {
            report.refuse_too_large(&shown, len, limit);
            return Ok(());
        }
        // Never read past the limit, even if the file grows meanwhile.
        let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
        (&mut file)
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)?;
        let read = bytes.len() as u64;
        if read > limit {
            let size = file.metadata().map_or(read, |m| m.len().max(read));
            report.refuse_too_large(&shown, size, limit);
            return Ok(());
        }
        self.scan_into(Some(&shown), &bytes, None, base, report);
        Ok(())
    }

    /// Scan a directory tree (or a single file), honouring `.gitignore`, `.ignore` and git
    /// excludes. Hidden files are scanned (credentials live in `.env` files); `.git` is not.
    /// Unreadable files (and walk errors) are counted as skipped and listed in
    /// [`Report::unscanned`] and [`Report::errors`]. Paths are reported as the walk produces
    /// them: `root` joined with the relative path. No base text: under
    /// [`InlineAllow::BaseLines`](crate::InlineAllow::BaseLines) no inline allow counts.
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

    /// Scan several files or directories into one report.
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
    /// found. A file whose added lines hold a NUL byte is scanned through the binary path
    /// (printable and NUL-interleaved runs: its lines are already decoded text, so no UTF-16
    /// decoding); one whose added lines exceed the size limit is listed in
    /// [`Report::unscanned`]. No base text: under
    /// [`InlineAllow::BaseLines`](crate::InlineAllow::BaseLines) no inline allow counts.
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
            self.scan_into(Some(&file.path), &text, Some(&map), None, &mut report);
        }
        report.finish();
        report
    }
}

/// The path an `ignore` error is about, if it names one.
fn error_path(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::Partial(errors) => errors.iter().find_map(error_path),
        _ => None,
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
                    && let Err(e) = self
                        .scanner
                        .scan_file_into(entry.path(), None, &mut self.local)
                {
                    self.local
                        .refuse_unreadable(display(entry.path()), e.to_string());
                }
            }
            // A walk error may hide files: it is listed as unscanned, under its path if it
            // has one.
            Err(e) => {
                let path = error_path(&e).map(display).unwrap_or_default();
                self.local.refuse_unreadable(path, e.to_string());
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{RuleSet, ScanOptions, UnscannedReason};

    #[test]
    fn walk_errors_are_listed_as_unscanned_under_their_path() {
        let scanner = Scanner::new(RuleSet::builtin().clone(), ScanOptions::default());
        let shared = Mutex::new(Report::default());
        let denied = || std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        {
            let mut worker = Worker {
                scanner: &scanner,
                shared: &shared,
                local: Report::default(),
            };
            worker.visit(Err(ignore::Error::WithDepth {
                depth: 2,
                err: Box::new(ignore::Error::WithPath {
                    path: PathBuf::from("./src/secret"),
                    err: Box::new(ignore::Error::Io(denied())),
                }),
            }));
            worker.visit(Err(ignore::Error::Io(denied())));
        }
        let mut report = shared.into_inner().expect("no panic");
        report.finish();
        assert!(!report.is_complete());
        let paths: Vec<&str> = report.unscanned.iter().map(|u| u.path.as_str()).collect();
        assert_eq!(paths, ["", "src/secret"]);
        assert!(matches!(
            report.unscanned[1].reason,
            UnscannedReason::Unreadable { .. }
        ));
        assert_eq!(report.summary.skipped_by.unreadable, 2);
        assert_eq!(report.errors.len(), 2);
    }

    #[test]
    fn a_file_that_cannot_be_read_is_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let scanner = Scanner::new(RuleSet::builtin().clone(), ScanOptions::default());
        // A directory opens on Unix but does not read.
        let err = scanner.scan_file(dir.path()).expect_err("a directory");
        assert!(err.to_string().contains("scanning"), "{err}");
    }
}
