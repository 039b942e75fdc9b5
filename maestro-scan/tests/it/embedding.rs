//! Acceptance: every secret rule's example token is found in Python, JavaScript, YAML, .env,
//! JSON and shell contexts, and placeholders in the same contexts are found by no secret rule.
//!
//! Rules whose secret has no self-identifying prefix (a Datadog key is 32 hex digits) are only
//! recognised next to a telling variable name; for them the contexts use the rule's `context`
//! name (e.g. `DATADOG_API_KEY`) instead of `KEY`. Multi-line secrets (PEM blocks, `span =
//! "block"`) use each context's multi-line string form: Python triple quotes, a JavaScript
//! template literal, a YAML block scalar, double-quoted multi-line .env and shell values, and a
//! JSON string with `\n` escapes.

use maestro_scan::{Kind, Kinds, Rule, RuleSet, ScanOptions, Scanner, rule::Span};

use crate::rules_with_examples;

fn contexts(name: &str, token: &str, multiline: bool) -> Vec<(&'static str, String)> {
    let lower = name.to_ascii_lowercase();
    if multiline {
        let indented: String = token.lines().flat_map(|l| ["  ", l, "\n"]).collect();
        let escaped = token.replace('\n', "\\n");
        return vec![
            ("python", format!("{name} = \"\"\"{token}\n\"\"\"\n")),
            ("javascript", format!("const {lower} = `{token}\n`;\n")),
            ("yaml", format!("{lower}: |\n{indented}")),
            ("env", format!("{name}=\"{token}\n\"\n")),
            ("json", format!("{{\"{lower}\": \"{escaped}\\n\"}}\n")),
            ("shell", format!("export {name}=\"{token}\n\"\n")),
        ];
    }
    vec![
        ("python", format!("{name} = \"{token}\"\n")),
        ("javascript", format!("const {lower} = '{token}';\n")),
        ("yaml", format!("{lower}: {token}\n")),
        ("env", format!("{name}={token}\n")),
        ("json", format!("{{\"{lower}\": \"{token}\"}}\n")),
        ("shell", format!("export {name}=\"{token}\"\n")),
    ]
}

/// A scanner running only the secret rules of `rules`.
fn secrets_scanner(rules: &RuleSet) -> Scanner {
    Scanner::new(
        rules.clone(),
        ScanOptions {
            kinds: Kinds::Secrets,
            ..ScanOptions::default()
        },
    )
}

fn variable(rule: &Rule) -> &str {
    rule.context().unwrap_or("KEY")
}

#[test]
fn tokens_are_found_in_every_context() {
    let rules = rules_with_examples();
    let scanner = secrets_scanner(&rules);
    let mut failures = Vec::new();
    let mut checked = 0;
    for rule in rules.rules().iter().filter(|r| r.kind() == Kind::Secret) {
        let first = &rule.positive_examples()[0];
        let Some(token) = rule.first_match(first.as_bytes()) else {
            panic!("{}: the first positive example does not match", rule.id());
        };
        let token = String::from_utf8_lossy(token);
        for (name, text) in contexts(variable(rule), &token, rule.span() == Span::Block) {
            let report = scanner.scan_text(None, text.as_bytes());
            checked += 1;
            if !report.findings.iter().any(|f| f.rule_id == rule.id()) {
                let got: Vec<_> = report.findings.iter().map(|f| f.rule_id.as_str()).collect();
                failures.push(format!("{} in {name}: {text:?} gave {got:?}", rule.id()));
            }
        }
    }
    assert!(checked >= 150 * 6);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn placeholders_are_not_secrets() {
    let rules = rules_with_examples();
    let scanner = secrets_scanner(&rules);
    let mut names: Vec<&str> = vec!["KEY", "API_KEY", "TOKEN", "PASSWORD", "SECRET"];
    names.extend(rules.rules().iter().filter_map(|r| r.context()));
    names.sort_unstable();
    names.dedup();
    let mut failures = Vec::new();
    for name in names {
        let lower = name.to_ascii_lowercase();
        let mut texts = Vec::new();
        for value in [
            "<your-key>",
            "xxxx",
            "${API_KEY}",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "<YOUR_API_KEY_HERE>",
        ] {
            texts.extend(contexts(name, value, false).into_iter().map(|(_, t)| t));
        }
        texts.push(format!("{name} = os.environ[\"{name}\"]\n"));
        texts.push(format!("{name} = os.environ.get(\"{name}\", \"\")\n"));
        texts.push(format!("{name} = os.getenv(\"{name}\")\n"));
        texts.push(format!("const {lower} = process.env.{name};\n"));
        texts.push(format!("const {lower} = process.env[\"{name}\"] || '';\n"));
        texts.push(format!("{lower}: ${{{name}}}\n"));
        texts.push(format!("export {name}=\"$(cat /run/secrets/{lower})\"\n"));
        texts.push(format!("{name}: ${{{{ secrets.{name} }}}}\n"));
        for text in texts {
            let report = scanner.scan_text(None, text.as_bytes());
            if !report.findings.is_empty() {
                let got: Vec<_> = report.findings.iter().map(|f| f.rule_id.as_str()).collect();
                failures.push(format!("{text:?} gave {got:?}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
