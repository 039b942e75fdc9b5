//! Suppressions: the `scan.allow` configuration entries and inline `maestro:allow` comments,
//! and where an inline comment counts ([`InlineAllow`]).

use std::{collections::HashSet, fmt};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Serialize;

use crate::rule_set::RuleSet;

/// An error building an [`Allowlist`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An entry that is neither a rule id nor a fingerprint is not a valid path glob.
    #[error("scan.allow entry `{entry}` is not a valid path glob")]
    Glob {
        /// The entry.
        entry: String,
        /// The glob error.
        #[source]
        source: globset::Error,
    },
}

/// Why a finding was suppressed. Displayed as the setting that did it (`inline maestro:allow`,
/// `scan.allow rule id`, `scan.allow path glob`, `scan.allow fingerprint`); serialised in
/// lowercase (`"inline"`, `"rule"`, `"path"`, `"fingerprint"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Suppression {
    /// A `maestro:allow` comment on the line.
    Inline,
    /// The rule id is allowed.
    Rule,
    /// The path matches an allowed glob.
    Path,
    /// The finding's fingerprint is allowed.
    Fingerprint,
}

impl fmt::Display for Suppression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Suppression::Inline => "inline maestro:allow",
            Suppression::Rule => "scan.allow rule id",
            Suppression::Path => "scan.allow path glob",
            Suppression::Fingerprint => "scan.allow fingerprint",
        })
    }
}

/// Where an inline `maestro:allow` comment counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum InlineAllow {
    /// On any line: whoever writes the comment allows the finding. For people scanning their
    /// own code.
    #[default]
    Anywhere,
    /// Only on a line that already exists, byte for byte (a trailing `\r` aside), in a base
    /// text the caller supplies ([`Scanner::scan_text_with_base`](crate::Scanner::scan_text_with_base),
    /// [`Scanner::scan_file_with_base`](crate::Scanner::scan_file_with_base)): a crew cannot
    /// allow a finding on a line it adds. Without a base text no inline comment counts, and in
    /// content scanned through the binary path (printable runs, UTF-16) none counts either. A
    /// comment that did not count is shown on the finding
    /// ([`Finding::inline_allow_refused`](crate::Finding::inline_allow_refused)).
    BaseLines,
}

/// The lines of a base text, split when first asked (most scans never need them).
#[derive(Debug)]
pub(crate) struct BaseLines<'a> {
    base: Option<&'a [u8]>,
    lines: Option<HashSet<&'a [u8]>>,
}

impl<'a> BaseLines<'a> {
    pub(crate) fn new(base: Option<&'a [u8]>) -> BaseLines<'a> {
        BaseLines { base, lines: None }
    }

    /// Whether `line` (without its `\n`; a trailing `\r` is ignored) is a line of the base.
    pub(crate) fn contains(&mut self, line: &[u8]) -> bool {
        let Some(base) = self.base else {
            return false;
        };
        let lines = self
            .lines
            .get_or_insert_with(|| base.split(|&b| b == b'\n').map(trim_cr).collect());
        lines.contains(trim_cr(line))
    }
}

fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Suppressions from configuration. Built from the `scan.allow` strings: an entry that is a known
/// rule id suppresses that rule; 64 hex digits, or any string prefixed with `fp:`, is a finding
/// fingerprint; anything else is a path glob (`*` crosses `/`; a glob without `/` also matches
/// the file name alone, so `*.md` matches `docs/a.md`).
#[derive(Debug, Clone, Default)]
pub struct Allowlist {
    rules: Vec<String>,
    fingerprints: Vec<String>,
    globs: Option<GlobSet>,
    basename_globs: Option<GlobSet>,
}

impl Allowlist {
    /// Classify and compile `entries` against the ids of `rules`.
    pub fn new<S: AsRef<str>>(entries: &[S], rules: &RuleSet) -> Result<Allowlist, Error> {
        let mut allow = Allowlist::default();
        let mut globs = GlobSetBuilder::new();
        let mut basename_globs = GlobSetBuilder::new();
        let (mut any_glob, mut any_basename) = (false, false);
        for entry in entries {
            let entry = entry.as_ref().trim();
            if entry.is_empty() {
                continue;
            }
            if rules.get(entry).is_some() {
                allow.rules.push(entry.to_owned());
            } else if let Some(fp) = entry.strip_prefix("fp:") {
                allow.fingerprints.push(fp.trim().to_ascii_lowercase());
            } else if entry.len() == 64 && entry.bytes().all(|b| b.is_ascii_hexdigit()) {
                allow.fingerprints.push(entry.to_ascii_lowercase());
            } else {
                let glob = Glob::new(entry).map_err(|source| Error::Glob {
                    entry: entry.to_owned(),
                    source,
                })?;
                if entry.contains('/') {
                    globs.add(glob);
                    any_glob = true;
                } else {
                    basename_globs.add(glob.clone());
                    globs.add(glob);
                    any_glob = true;
                    any_basename = true;
                }
            }
        }
        let build = |b: GlobSetBuilder, entries: &[S]| {
            b.build().map_err(|source| Error::Glob {
                entry: entries
                    .iter()
                    .map(AsRef::as_ref)
                    .collect::<Vec<_>>()
                    .join(", "),
                source,
            })
        };
        if any_glob {
            allow.globs = Some(build(globs, entries)?);
        }
        if any_basename {
            allow.basename_globs = Some(build(basename_globs, entries)?);
        }
        Ok(allow)
    }

    /// Whether nothing is allowed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty() && self.fingerprints.is_empty() && self.globs.is_none()
    }

    /// Whether the path matches an allowed glob.
    #[must_use]
    pub fn allows_path(&self, path: &str) -> bool {
        let path = path.strip_prefix("./").unwrap_or(path);
        if self.globs.as_ref().is_some_and(|g| g.is_match(path)) {
            return true;
        }
        let name = path.rsplit('/').next().unwrap_or(path);
        self.basename_globs
            .as_ref()
            .is_some_and(|g| g.is_match(name))
    }

    /// The reason a finding is suppressed by configuration, if it is.
    #[must_use]
    pub fn check(&self, rule_id: &str, path: &str, fingerprint: &str) -> Option<Suppression> {
        if self.rules.iter().any(|r| r == rule_id) {
            Some(Suppression::Rule)
        } else if self.fingerprints.iter().any(|f| f == fingerprint) {
            Some(Suppression::Fingerprint)
        } else if self.allows_path(path) {
            Some(Suppression::Path)
        } else {
            None
        }
    }
}

/// Whether a `maestro:allow` comment on `line` suppresses `rule_id`: a bare `maestro:allow`
/// suppresses every rule; `maestro:allow id1,id2` (ids of known rules) only those.
#[must_use]
pub fn inline_allows(line: &[u8], rule_id: &str, rules: &RuleSet) -> bool {
    const MARKER: &[u8] = b"maestro:allow";
    let mut rest = line;
    while let Some(at) = memchr::memmem::find(rest, MARKER) {
        rest = &rest[at + MARKER.len()..];
        let after = rest.trim_ascii_start();
        let word_end = after
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b',')))
            .unwrap_or(after.len());
        let ids: Vec<&str> = std::str::from_utf8(&after[..word_end])
            .unwrap_or("")
            .split(',')
            .filter(|id| !id.is_empty())
            .collect();
        let known: Vec<&str> = ids
            .iter()
            .copied()
            .filter(|id| rules.get(id).is_some())
            .collect();
        if known.is_empty() || known.contains(&rule_id) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_classified() {
        let rules = RuleSet::builtin();
        let fp = "a".repeat(64);
        let allow = Allowlist::new(
            &["jwt", fp.as_str(), "fp:ABC123", "tests/**", "*.md"],
            rules,
        )
        .expect("valid");
        assert_eq!(allow.check("jwt", "src/a.rs", "0"), Some(Suppression::Rule));
        assert_eq!(
            allow.check("x", "src/a.rs", &fp),
            Some(Suppression::Fingerprint)
        );
        assert_eq!(
            allow.check("x", "src/a.rs", "abc123"),
            Some(Suppression::Fingerprint)
        );
        assert_eq!(
            allow.check("x", "tests/fixtures/k.pem", "0"),
            Some(Suppression::Path)
        );
        assert_eq!(
            allow.check("x", "docs/readme.md", "0"),
            Some(Suppression::Path)
        );
        assert_eq!(allow.check("x", "src/a.rs", "0"), None);
        assert!(Allowlist::new(&["a[b"], rules).is_err());
    }

    #[test]
    fn inline_comments() {
        let rules = RuleSet::builtin();
        assert!(inline_allows(b"x = 1 # maestro:allow", "jwt", rules));
        assert!(inline_allows(
            b"x = 1 # maestro:allow test fixture",
            "jwt",
            rules
        ));
        assert!(inline_allows(
            b"x = 1 // maestro:allow jwt,github-pat",
            "jwt",
            rules
        ));
        assert!(!inline_allows(
            b"x = 1 // maestro:allow github-pat",
            "jwt",
            rules
        ));
        assert!(!inline_allows(b"x = 1", "jwt", rules));
    }

    #[test]
    fn base_lines_match_whole_lines_ignoring_a_trailing_cr() {
        let base = b"a = 1\r\nkey = 2 # maestro:allow\nlast";
        let mut lines = BaseLines::new(Some(base));
        assert!(lines.contains(b"key = 2 # maestro:allow"));
        assert!(lines.contains(b"key = 2 # maestro:allow\r"));
        assert!(lines.contains(b"a = 1"));
        assert!(lines.contains(b"last"));
        assert!(!lines.contains(b"key = 3 # maestro:allow"));
        assert!(!lines.contains(b"key = 2"));
        assert!(!BaseLines::new(None).contains(b"a = 1"));
    }

    #[test]
    fn suppressions_name_their_setting() {
        assert_eq!(Suppression::Rule.to_string(), "scan.allow rule id");
        assert_eq!(Suppression::Inline.to_string(), "inline maestro:allow");
        assert_eq!(
            serde_json::to_value(Suppression::Fingerprint).expect("serialisable"),
            "fingerprint"
        );
    }
}
