//! Secrets out of everything the command line stores or prints: text, JSON values and error
//! chains pass the built-in secret rules and come out with `[REDACTED:<rule>]` in their place.

/// Redacts every string (and key) of a JSON value.
pub fn redact_strings(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::String(s) => {
            let clean = redacted(s);
            if clean != *s {
                *s = clean;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_strings),
        Value::Object(map) => {
            let entries = std::mem::take(map);
            for (key, mut item) in entries {
                redact_strings(&mut item);
                map.insert(redacted(&key), item);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// `text` with every secret the built-in rules recognise replaced by `[REDACTED:<rule>]`:
/// whatever maestro prints may quote a path, a title or a tool's input.
#[must_use]
pub fn redacted(text: &str) -> String {
    redact(text).unwrap_or_else(|| text.to_owned())
}

/// `text` with its secrets redacted, or `None` when it holds none.
pub fn redact(text: &str) -> Option<String> {
    static SCANNER: std::sync::OnceLock<maestro_scan::Scanner> = std::sync::OnceLock::new();
    SCANNER
        .get_or_init(|| {
            maestro_scan::Scanner::new(
                maestro_scan::RuleSet::builtin().clone(),
                maestro_scan::ScanOptions {
                    kinds: maestro_scan::Kinds::Secrets,
                    ..maestro_scan::ScanOptions::default()
                },
            )
        })
        .redact_secrets(text)
}

/// The redactor of everything the command line stores (reports) or prints.
pub fn redactor() -> maestro_core::process::Redactor {
    maestro_core::process::Redactor::new(redact)
}

/// An error and its causes on one line, joined by `: `.
pub fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    one_line(&anyhow::anyhow!("{}", chain_text(error)))
}

fn chain_text(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(current) = cause {
        let next = current.to_string();
        if !text.ends_with(&next) {
            text.push_str(": ");
            text.push_str(&next);
        }
        cause = current.source();
    }
    text
}

/// An error as one line: the chain of causes joined by `: `, with any line breaks inside a
/// message folded into spaces, and secrets redacted.
#[must_use]
pub fn one_line(error: &anyhow::Error) -> String {
    redacted(&plain_line(error))
}

fn plain_line(error: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in error.chain() {
        let text = cause
            .to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        // Some libraries repeat their source's message in their own; do not print it twice.
        if parts.last().is_some_and(|prev| prev.ends_with(&text)) || text.is_empty() {
            continue;
        }
        parts.push(text);
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_fold_into_one_line() {
        let inner = std::io::Error::other("disk\nfull");
        let err = anyhow::Error::new(inner).context("cannot write x.json");
        assert_eq!(one_line(&err), "cannot write x.json: disk full");
    }
}
