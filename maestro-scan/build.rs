//! Converts the built-in TOML rule files into a static Rust table (without their examples), so
//! loading the built-in rule set costs no parsing at run time: the hook process pays it on every
//! tool call. The TOML files stay the source of truth; the tests read them directly.

use std::{env, fmt::Write as _, fs, path::Path};

use serde_json::Value;

fn enum_path(field: &str, value: &str) -> String {
    let variant = match (field, value) {
        ("kind", "secret") => "Kind::Secret",
        ("kind", "code") => "Kind::Code",
        ("confidence", "low") => "Confidence::Low",
        ("confidence", "medium") => "Confidence::Medium",
        ("confidence", "high") => "Confidence::High",
        ("severity", "low") => "Severity::Low",
        ("severity", "medium") => "Severity::Medium",
        ("severity", "high") => "Severity::High",
        ("severity", "critical") => "Severity::Critical",
        ("span", "line") => "Span::Line",
        ("span", "block") => "Span::Block",
        ("validator", "github-crc32") => "Validator::GithubCrc32",
        ("validator", "jwt") => "Validator::Jwt",
        ("validator", "pem") => "Validator::Pem",
        ("validator", "basic-auth") => "Validator::BasicAuth",
        ("validator", "grafana-crc32") => "Validator::GrafanaCrc32",
        ("validator", "pypi-macaroon") => "Validator::PypiMacaroon",
        ("validator", "macaroon-hex") => "Validator::MacaroonHex",
        ("validator", "embedded-json") => "Validator::EmbeddedJson",
        ("validator", "bech32") => "Validator::Bech32",
        ("validator", "base58-check") => "Validator::Base58Check",
        ("validator", "base58-key64") => "Validator::Base58Key64",
        ("validator", "bip39") => "Validator::Bip39",
        ("validator", "der-private-key") => "Validator::DerPrivateKey",
        ("validator", "pem-base64") => "Validator::PemBase64",
        ("validator", "openssh-encrypted") => "Validator::OpensshEncrypted",
        ("language", "python") => "Language::Python",
        ("language", "javascript") => "Language::JavaScript",
        ("language", "typescript") => "Language::TypeScript",
        ("language", "go") => "Language::Go",
        ("language", "java") => "Language::Java",
        ("language", "rust") => "Language::Rust",
        ("language", "ruby") => "Language::Ruby",
        ("language", "php") => "Language::Php",
        ("language", "csharp") => "Language::CSharp",
        ("language", "shell") => "Language::Shell",
        _ => panic!("unknown {field} `{value}` in a built-in rule"),
    };
    variant.to_owned()
}

fn string(rule: &Value, key: &str) -> Option<String> {
    rule.get(key).map(|v| {
        format!(
            "{:?}",
            v.as_str()
                .unwrap_or_else(|| panic!("`{key}` must be a string"))
        )
    })
}

fn option(value: Option<String>) -> String {
    value.map_or_else(|| "None".to_owned(), |v| format!("Some({v})"))
}

/// Whether the official SARIF 2.1.0 schema (a test tool, from `scripts/install-sarif-schema`)
/// is installed: the test that validates against it is reported as ignored without it, never
/// as passed; `MAESTRO_REQUIRE_TOOLS=1` (CI) makes its absence a build failure.
fn probe_sarif_schema() {
    println!("cargo::rustc-check-cfg=cfg(maestro_sarif_schema)");
    println!("cargo::rerun-if-env-changed=MAESTRO_SARIF_SCHEMA");
    println!("cargo::rerun-if-env-changed=MAESTRO_REQUIRE_TOOLS");
    let path = env::var_os("MAESTRO_SARIF_SCHEMA").map_or_else(
        || {
            Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets it")).join(
                "../target/tools/sarif-schema/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json",
            )
        },
        std::path::PathBuf::from,
    );
    println!("cargo::rerun-if-changed={}", path.display());
    if path.is_file() {
        println!("cargo::rustc-cfg=maestro_sarif_schema");
    } else {
        assert!(
            env::var("MAESTRO_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "MAESTRO_REQUIRE_TOOLS=1 but the official SARIF schema is missing at {} (run scripts/install-sarif-schema)",
            path.display()
        );
    }
}

/// The syntax-tree code rules (`rules/code/*.toml`): only what a rule set lists of them (id,
/// message, CWE, severity, confidence, fix, languages); the code engine reads the files
/// themselves when it first scans a file of their language.
fn syntax_rules(out: &mut String) {
    println!("cargo::rerun-if-changed=rules/code");
    let mut files: Vec<_> = fs::read_dir("rules/code")
        .expect("rules/code exists")
        .map(|e| e.expect("readable directory").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    for src in files {
        println!("cargo::rerun-if-changed={}", src.display());
        let text =
            fs::read_to_string(&src).unwrap_or_else(|e| panic!("reading {}: {e}", src.display()));
        let value: Value =
            toml::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", src.display()));
        let languages: Vec<String> = value["languages"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: no languages", src.display()))
            .iter()
            .map(|l| enum_path("language", l.as_str().expect("a language name")))
            .collect();
        // The engine's copy: JSON without the examples (parsed in a fraction of the TOML's time,
        // by the hook process, on the first file of the language).
        let mut compact = value.clone();
        if let Some(rules) = compact.get_mut("rule").and_then(Value::as_array_mut) {
            for rule in rules {
                if let Some(table) = rule.as_object_mut() {
                    table.remove("positive");
                    table.remove("negative");
                }
            }
        }
        let stem = src
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a rule file name");
        let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
        fs::write(
            Path::new(&out_dir).join(format!("code_rules_{stem}.json")),
            serde_json::to_string(&compact).expect("JSON"),
        )
        .unwrap_or_else(|e| panic!("writing the compact copy of {}: {e}", src.display()));
        let Some(rules) = value.get("rule").and_then(Value::as_array) else {
            continue;
        };
        for rule in rules {
            let enum_field = |key: &str| {
                rule.get(key)
                    .map(|v| enum_path(key, v.as_str().expect("an enum name")))
            };
            let _ = writeln!(
                out,
                "    StaticRule {{ id: {}, kind: Kind::Code, description: {}, keywords: &[], \
                 pattern: \"\", group: None, entropy: 0.0, validator: None, confidence: {}, \
                 span: Span::Line, generic: false, exact_keywords: false, context: None, \
                 unless: None, cwe: Some({}u32), severity: Some({}), languages: &[{}], \
                 fix: {}, syntax: true }},",
                string(rule, "id").expect("id"),
                string(rule, "message").expect("message"),
                enum_field("confidence").unwrap_or_else(|| "Confidence::Medium".to_owned()),
                rule["cwe"].as_u64().expect("cwe"),
                enum_field("severity").expect("severity"),
                languages.join(", "),
                option(string(rule, "fix")),
            );
        }
    }
}

fn main() {
    probe_sarif_schema();
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let mut out = String::from("&[\n");
    for name in ["secrets", "code"] {
        let src = format!("rules/{name}.toml");
        println!("cargo::rerun-if-changed={src}");
        let text = fs::read_to_string(&src).unwrap_or_else(|e| panic!("reading {src}: {e}"));
        let value: Value = toml::from_str(&text).unwrap_or_else(|e| panic!("parsing {src}: {e}"));
        let rules = value["rule"]
            .as_array()
            .unwrap_or_else(|| panic!("{src}: no [[rule]] table"));
        for rule in rules {
            let list = |key: &str, f: &dyn Fn(&str) -> String| -> String {
                let items: Vec<String> = rule
                    .get(key)
                    .and_then(Value::as_array)
                    .map(|a| a.iter().map(|v| f(v.as_str().expect("strings"))).collect())
                    .unwrap_or_default();
                format!("&[{}]", items.join(", "))
            };
            let enum_field = |key: &str| {
                rule.get(key)
                    .map(|v| enum_path(key, v.as_str().expect("an enum name")))
            };
            let _ = writeln!(
                out,
                "    StaticRule {{ id: {}, kind: {}, description: {}, keywords: {}, pattern: {}, \
                 group: {}, entropy: {:?}, validator: {}, confidence: {}, span: {}, generic: {}, \
                 exact_keywords: {}, context: {}, unless: {}, cwe: {}, severity: {}, \
                 languages: {}, fix: {}, syntax: false }},",
                string(rule, "id").expect("id"),
                enum_field("kind").expect("kind"),
                string(rule, "description").expect("description"),
                list("keywords", &|k| format!("{k:?}")),
                string(rule, "pattern").expect("pattern"),
                option(
                    rule.get("group")
                        .map(|g| format!("{}usize", g.as_u64().expect("integer")))
                ),
                rule.get("entropy").and_then(Value::as_f64).unwrap_or(0.0),
                option(enum_field("validator")),
                enum_field("confidence").unwrap_or_else(|| "Confidence::Medium".to_owned()),
                enum_field("span").unwrap_or_else(|| "Span::Line".to_owned()),
                rule.get("generic")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                rule.get("exact_keywords")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                option(string(rule, "context")),
                option(string(rule, "unless")),
                option(
                    rule.get("cwe")
                        .map(|c| format!("{}u32", c.as_u64().expect("integer")))
                ),
                option(enum_field("severity")),
                list("languages", &|l| enum_path("language", l)),
                option(string(rule, "fix")),
            );
        }
    }
    syntax_rules(&mut out);
    out.push_str("]\n");
    fs::write(Path::new(&out_dir).join("builtin_rules.rs"), out)
        .unwrap_or_else(|e| panic!("writing builtin_rules.rs: {e}"));
}
