//! Which finders apply to a text, by the kind of file it is: string literals are joined only in
//! languages that join them, YAML block scalars read in YAML files, name/value pairs in YAML and
//! JSON files.

/// Which string literals are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Joins {
    /// None (Rust, data files, decoded values).
    No,
    /// Literals joined by an operator (`+`, `.`, `..`), a `\` continuation, or touching.
    Operators,
    /// Those and literals separated by white space and line breaks (Python, C).
    Adjacent,
}

/// Which finders apply to a text besides the runs, `%XX` escapes and escaped strings, which
/// apply everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Finders {
    /// Which string literals are joined.
    pub(crate) joins: Joins,
    /// YAML block scalars are read.
    pub(crate) block_scalars: bool,
    /// Name/value pairs are read.
    pub(crate) pairs: bool,
}

/// Extensions of files whose string literals are never joined: Rust (`concat!` takes a list)
/// and data formats without expressions.
const NO_JOINS: &[&str] = &[
    "rs", "json", "jsonl", "lock", "toml", "yaml", "yml", "ini", "csv", "tsv", "xml", "svg", "pem",
    "crt", "key",
];

/// Extensions of files where literals separated by white space are one string.
const ADJACENT: &[&str] = &[
    "py", "pyi", "pyw", "c", "h", "cc", "cpp", "cxx", "hh", "hpp", "hxx", "m", "mm",
];

/// Extensions of YAML files.
const YAML: &[&str] = &["yaml", "yml"];

/// Extensions of files whose values come in name/value pairs (Kubernetes manifests, ECS task
/// definitions, `CloudFormation` templates).
const PAIRS: &[&str] = &["yaml", "yml", "json", "jsonl", "template"];

impl Finders {
    /// Every finder, literals joined by white space too: for redaction, where hiding a little
    /// more than a secret costs nothing.
    pub(crate) const ALL: Finders = Finders {
        joins: Joins::Adjacent,
        block_scalars: true,
        pairs: true,
    };

    /// Text of no known kind (without a path or an extension): literals joined by operators,
    /// block scalars read.
    pub(crate) const ANY: Finders = Finders {
        joins: Joins::Operators,
        block_scalars: true,
        pairs: true,
    };

    /// In a decoded value: not code, maybe YAML.
    pub(crate) const DECODED: Finders = Finders {
        joins: Joins::No,
        block_scalars: true,
        pairs: true,
    };

    /// The finders of the file at `path`: literals are not joined when its extension is in
    /// [`NO_JOINS`], joined by white space too when it is in [`ADJACENT`]; block scalars are
    /// read in YAML files, name/value pairs in the files of [`PAIRS`]. Text without a path or
    /// an extension gets [`Finders::ANY`].
    pub(crate) fn for_path(path: Option<&str>) -> Finders {
        let Some(path) = path else {
            return Finders::ANY;
        };
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let Some((_, extension)) = name.rsplit_once('.') else {
            return Finders::ANY;
        };
        let any = |list: &[&str]| list.iter().any(|e| extension.eq_ignore_ascii_case(e));
        let joins = if any(NO_JOINS) {
            Joins::No
        } else if any(ADJACENT) {
            Joins::Adjacent
        } else {
            Joins::Operators
        };
        Finders {
            joins,
            block_scalars: any(YAML),
            pairs: any(PAIRS),
        }
    }
}
