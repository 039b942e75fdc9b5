//! What a [`Scanner`](crate::Scanner) runs and refuses: its rule kinds, size limit and
//! suppressions.

use std::str::FromStr;

use crate::allow::{Allowlist, InlineAllow};
use crate::rule::Kind;

/// Which rules run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Kinds {
    /// Secret rules only.
    Secrets,
    /// Code rules only.
    Code,
    /// Both.
    #[default]
    All,
}

impl Kinds {
    /// Whether rules of `kind` run.
    #[must_use]
    pub fn includes(self, kind: Kind) -> bool {
        matches!(
            (self, kind),
            (Kinds::All, _) | (Kinds::Secrets, Kind::Secret) | (Kinds::Code, Kind::Code)
        )
    }
}

/// A `--rules` value that is not `secrets`, `code` or `all`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule kind `{0}` (expected secrets, code or all)")]
pub struct UnknownKinds(pub String);

impl FromStr for Kinds {
    type Err = UnknownKinds;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "secrets" | "secret" => Ok(Kinds::Secrets),
            "code" => Ok(Kinds::Code),
            "all" => Ok(Kinds::All),
            _ => Err(UnknownKinds(s.to_owned())),
        }
    }
}

/// Scanner options.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Which rules run. Default: [`Kinds::All`].
    pub kinds: Kinds,
    /// Files (and texts) larger than this many bytes are not scanned (nor read past the limit):
    /// counted in `skipped_by.too_large` and listed in
    /// [`Report::unscanned`](crate::Report::unscanned), which a caller that must fail closed
    /// refuses. Default: 10 MiB (`scan.maxFileSize`).
    pub max_file_size: u64,
    /// Configured suppressions. Default: none.
    pub allow: Allowlist,
    /// Where an inline `maestro:allow` counts. Default: [`InlineAllow::Anywhere`].
    pub inline_allow: InlineAllow,
    /// Worker threads for directory walks; 0 picks the number of CPUs. Default: 0.
    pub threads: usize,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            kinds: Kinds::All,
            max_file_size: 10 << 20,
            allow: Allowlist::default(),
            inline_allow: InlineAllow::Anywhere,
            threads: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse() {
        assert_eq!("code".parse::<Kinds>(), Ok(Kinds::Code));
        assert!("everything".parse::<Kinds>().is_err());
        assert!(Kinds::Secrets.includes(Kind::Secret));
        assert!(!Kinds::Secrets.includes(Kind::Code));
    }
}
