//! Source languages, recognised by file extension, that code rules are restricted to.

use std::{fmt, path::Path};

use serde::{Deserialize, Serialize};

/// A language code rules can target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Language {
    /// `.py`, `.pyw`, `.pyi`
    Python,
    /// `.js`, `.jsx`, `.mjs`, `.cjs`, `.vue`, `.svelte`
    JavaScript,
    /// `.ts`, `.tsx`, `.mts`, `.cts`
    TypeScript,
    /// `.go`
    Go,
    /// `.java`
    Java,
    /// `.rs`
    Rust,
    /// `.rb`, `.erb`, `.rake`, `.gemspec`
    Ruby,
    /// `.php`, `.phtml`
    Php,
    /// `.cs`, `.cshtml`
    CSharp,
    /// `.sh`, `.bash`, `.zsh`, `.ksh`
    Shell,
}

impl Language {
    /// The language of a path, from its extension; `None` when no code rule applies.
    #[must_use]
    pub fn from_path(path: &str) -> Option<Language> {
        let ext = Path::new(path).extension()?.to_str()?;
        Some(match ext.to_ascii_lowercase().as_str() {
            "py" | "pyw" | "pyi" => Language::Python,
            "js" | "jsx" | "mjs" | "cjs" | "vue" | "svelte" => Language::JavaScript,
            "ts" | "tsx" | "mts" | "cts" => Language::TypeScript,
            "go" => Language::Go,
            "java" => Language::Java,
            "rs" => Language::Rust,
            "rb" | "erb" | "rake" | "gemspec" => Language::Ruby,
            "php" | "phtml" => Language::Php,
            "cs" | "cshtml" => Language::CSharp,
            "sh" | "bash" | "zsh" | "ksh" => Language::Shell,
            _ => return None,
        })
    }

    /// A typical file extension (used to name example files).
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Language::Python => "py",
            Language::JavaScript => "js",
            Language::TypeScript => "ts",
            Language::Go => "go",
            Language::Java => "java",
            Language::Rust => "rs",
            Language::Ruby => "rb",
            Language::Php => "php",
            Language::CSharp => "cs",
            Language::Shell => "sh",
        }
    }

    /// The lowercase name used in rule files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::JavaScript => "javascript",
            Language::TypeScript => "typescript",
            Language::Go => "go",
            Language::Java => "java",
            Language::Rust => "rust",
            Language::Ruby => "ruby",
            Language::Php => "php",
            Language::CSharp => "csharp",
            Language::Shell => "shell",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_map_to_languages() {
        assert_eq!(Language::from_path("a/b.PY"), Some(Language::Python));
        assert_eq!(Language::from_path("x.tsx"), Some(Language::TypeScript));
        assert_eq!(Language::from_path("README.md"), None);
        assert_eq!(Language::from_path("Makefile"), None);
        for lang in [
            Language::Go,
            Language::CSharp,
            Language::Shell,
            Language::Php,
        ] {
            assert_eq!(
                Language::from_path(&format!("f.{}", lang.extension())),
                Some(lang)
            );
        }
    }
}
