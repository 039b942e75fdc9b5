//! Name patterns: how rules name functions, members and values.
//!
//! A name is a dotted path as the engine resolves it: imports are followed (`h.md5` after
//! `import hashlib as h` is `hashlib.md5`), a call inside a path keeps `()` on its segment
//! (`sqlite3.connect().execute`), and a receiver that is not a name is `?` (`"a,b".split`
//! is `?.split`). A pattern is a dotted path where `*` as a segment matches one segment, a
//! leading `*` matches one or more leading segments and a trailing `*` one or more trailing
//! ones. `*.execute` is "a method `execute` on any receiver"; `flask.request.*` is "anything
//! under `flask.request`"; `subprocess.*` is "any function of `subprocess`". Segments compare
//! exactly (case-sensitively).

/// A compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pattern {
    text: String,
    /// The last segment when it is literal: most paths are rejected by comparing it alone.
    last: Option<String>,
    /// The first segment when it is literal and not preceded by `*`.
    first: Option<String>,
    segments: Vec<String>,
    leading_any: bool,
    trailing_any: bool,
}

impl Pattern {
    /// Compile `text`.
    pub(crate) fn new(text: &str) -> Pattern {
        let mut segments: Vec<String> = split(text).into_iter().map(str::to_owned).collect();
        let leading_any = segments.len() > 1 && segments.first().is_some_and(|s| s == "*");
        if leading_any {
            segments.remove(0);
        }
        let trailing_any = segments.len() > 1 && segments.last().is_some_and(|s| s == "*");
        if trailing_any {
            segments.pop();
        }
        let literal = |s: &String| !s.contains('*');
        let last = segments
            .last()
            .filter(|s| !trailing_any && literal(s))
            .cloned();
        let first = segments
            .first()
            .filter(|s| !leading_any && literal(s))
            .cloned();
        Pattern {
            text: text.to_owned(),
            last,
            first,
            segments,
            leading_any,
            trailing_any,
        }
    }

    /// Whether `path` matches.
    pub(crate) fn matches(&self, path: &str) -> bool {
        // Cheap rejections on the literal ends before splitting the path.
        if let Some(last) = &self.last {
            let fits = path.ends_with(last.as_str())
                && (path.len() == last.len()
                    || path.as_bytes()[path.len() - last.len() - 1] == b'.');
            if !fits {
                return false;
            }
        }
        if let Some(first) = &self.first {
            let fits = path.starts_with(first.as_str())
                && (path.len() == first.len() || path.as_bytes()[first.len()] == b'.');
            if !fits {
                return false;
            }
        }
        let parts = split(path);
        let n = self.segments.len();
        let fits = |at: usize| -> bool {
            self.segments
                .iter()
                .zip(&parts[at..at + n])
                .all(|(p, s)| p == "*" || glob(p, s))
        };
        match (self.leading_any, self.trailing_any) {
            (false, false) => parts.len() == n && fits(0),
            (false, true) => parts.len() > n && fits(0),
            (true, false) => parts.len() > n && fits(parts.len() - n),
            (true, true) => parts.len() > n + 1 && (1..parts.len() - n).any(fits),
        }
    }

    /// The last segment when it is literal: a path matches only if its own last segment (see
    /// [`last_segment`]) is this.
    pub(crate) fn literal_last(&self) -> Option<&str> {
        self.last.as_deref()
    }

    /// Whether the whole of `text` matches the pattern read as a plain glob (`*` matches any
    /// run of characters, dots included): for values such as `*SafeLoader` or `["sh", "-c", *`.
    pub(crate) fn matches_text(&self, text: &str) -> bool {
        glob(&self.text, text)
    }
}

/// `pattern` with `*` matching any run of characters equals `text`.
fn glob(pattern: &str, text: &str) -> bool {
    if !pattern.contains('*') {
        return pattern == text;
    }
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(i) => rest = &rest[i + middle.len()..],
            None => return false,
        }
    }
    true
}

/// The positions of a path's dots that are not inside parentheses or brackets.
fn dots(path: &str) -> impl Iterator<Item = usize> + '_ {
    let mut depth = 0usize;
    path.bytes().enumerate().filter_map(move |(i, b)| {
        match b {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            b'.' if depth == 0 => return Some(i),
            _ => {}
        }
        None
    })
}

/// The last of a path's segments (what [`split`] returns last), without splitting it.
pub(crate) fn last_segment(path: &str) -> &str {
    dots(path).last().map_or(path, |i| &path[i + 1..])
}

/// Split a path at the dots that are not inside parentheses or brackets.
fn split(path: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for i in dots(path) {
        parts.push(&path[start..i]);
        start = i + 1;
    }
    parts.push(&path[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        let m = |p: &str, s: &str| Pattern::new(p).matches(s);
        assert!(m("hashlib.md5", "hashlib.md5"));
        assert!(!m("hashlib.md5", "hashlib.md5.x"));
        assert!(m("*.execute", "cursor.execute"));
        assert!(m("*.execute", "self.db.cursor().execute"));
        assert!(!m("*.execute", "execute"));
        assert!(m("flask.request.*", "flask.request.args"));
        assert!(!m("flask.request.*", "flask.request"));
        assert!(m("subprocess.*", "subprocess.run"));
        assert!(m("os.*.join", "os.path.join"));
        assert!(m("*.cursor().*", "conn.cursor().execute"));
        assert!(m("input", "input"));
        assert!(!m("input", "x.input"));
        assert!(m("crypto/md5.New", "crypto/md5.New"));
        assert!(m("*.get(x.y)", "a.get(x.y)"));
        assert!(m("yaml.*Loader", "yaml.SafeLoader"));
        assert!(Pattern::new("*SafeLoader").matches_text("yaml.SafeLoader"));
        assert!(Pattern::new("[\"sh\", \"-c\", *").matches_text("[\"sh\", \"-c\", cmd]"));
        assert!(!Pattern::new("*sha256").matches_text("hashlib.md5"));
    }

    #[test]
    fn last_segment_is_the_last_part_of_split() {
        for path in [
            "a.b.c",
            "a.get(x.y)",
            "f(a.b)",
            "x[a.b].c",
            "",
            ".",
            "a.",
            "(a.b",
            "a)].b",
        ] {
            assert_eq!(Some(&last_segment(path)), split(path).last(), "{path}");
        }
    }
}
