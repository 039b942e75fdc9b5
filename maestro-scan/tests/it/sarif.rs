//! The SARIF of a scan of every rule's positive examples validates against a hand-written subset
//! of the SARIF 2.1.0 schema (tests/it/sarif-2.1.0-subset.json), and carries what consumers use.

use maestro_scan::{AddedLines, Kind, Kinds, ScanOptions, Scanner, output};
use serde_json::Value;

use crate::rules_with_examples;

/// The SARIF of a scan of every rule's positive examples.
fn sarif_of_the_examples() -> Value {
    let rules = rules_with_examples();
    let scanner = Scanner::new(
        rules.clone(),
        ScanOptions {
            kinds: Kinds::All,
            ..ScanOptions::default()
        },
    );
    // One file per rule, named for the rule's language, holding its positive examples.
    let files: Vec<AddedLines> = rules
        .rules()
        .iter()
        .map(|rule| {
            let ext = match rule.kind() {
                Kind::Secret => "txt",
                Kind::Code => rule.languages()[0].extension(),
            };
            AddedLines {
                path: format!("examples/{}.{ext}", rule.id()),
                lines: rule
                    .positive_examples()
                    .iter()
                    .flat_map(|e| e.lines())
                    .enumerate()
                    .map(|(i, l)| (i + 1, l.to_owned()))
                    .collect(),
            }
        })
        .collect();
    let report = scanner.scan_added_lines(&files);
    assert!(report.findings.len() >= rules.len());
    serde_json::from_str(&output::sarif(&report, &rules)).expect("valid JSON")
}

#[test]
#[cfg_attr(
    not(maestro_sarif_schema),
    ignore = "needs the official SARIF schema: scripts/install-sarif-schema"
)]
fn sarif_of_the_examples_passes_the_official_schema() {
    official_schema_accepts(&sarif_of_the_examples());
}

#[test]
fn sarif_of_the_examples_is_valid() {
    let sarif = sarif_of_the_examples();
    let schema: Value =
        serde_json::from_str(include_str!("sarif-2.1.0-subset.json")).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .take(20)
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));

    // The schema subset does reject what it should.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken));
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    assert!(!validator.is_valid(&broken));

    let run = &sarif["runs"][0];
    let driver_rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let result = &run["results"][0];
    let index = usize::try_from(result["ruleIndex"].as_u64().expect("index")).expect("small");
    assert_eq!(driver_rules[index]["id"], result["ruleId"]);
    let code_rule = driver_rules
        .iter()
        .find(|r| r["id"] == "python-weak-hash")
        .expect("a code rule is listed");
    assert_eq!(code_rule["properties"]["cwe"], "CWE-328");
    assert!(
        code_rule["properties"]["tags"]
            .as_array()
            .expect("tags")
            .contains(&Value::from("external/cwe/cwe-328"))
    );
    assert!(
        code_rule["help"]["text"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
}

/// The official OASIS SARIF 2.1.0 schema (rtm.5), installed by `scripts/install-sarif-schema`
/// (or named by `MAESTRO_SARIF_SCHEMA`), accepts `sarif`. The test that calls this runs only
/// when the build found the schema (`cfg(maestro_sarif_schema)`, see build.rs).
fn official_schema_accepts(sarif: &Value) {
    let path = std::env::var_os("MAESTRO_SARIF_SCHEMA").map_or_else(
        || {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(
                "../target/tools/sarif-schema/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json",
            )
        },
        std::path::PathBuf::from,
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the official SARIF schema is missing at {} (run scripts/install-sarif-schema): {e}",
            path.display()
        )
    });
    // The published schema's `language` pattern ends in an unescaped `]`, a literal in ECMA-262
    // regexes but an error for Rust's regex engine; escaping it keeps its meaning.
    let text = text.replace(
        "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
        "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\\\]?$",
    );
    let schema: Value = serde_json::from_str(&text).expect("the official schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the official schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .take(20)
        .collect();
    assert!(
        errors.is_empty(),
        "official SARIF 2.1.0 schema: {}",
        errors.join("\n")
    );
    let mut broken = sarif.clone();
    broken["version"] = Value::from("2.0.0");
    assert!(
        !validator.is_valid(&broken),
        "the official schema rejects a wrong version"
    );
}
