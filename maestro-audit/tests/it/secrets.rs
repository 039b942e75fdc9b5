//! A finding's raw match never reaches the log through `FindingRef`.

use maestro_audit::{
    Chain, Details, Event, FindingRef, Fingerprint, Options, Redacted, Value, entries,
};

const SECRET: &str = "AKIAIOSFODNN7EXAMPLEwJalrXUtnFEMIK7MDENG";

#[test]
fn the_finding_path_carries_only_the_redacted_value() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("audit.log");
    let mut chain = Chain::open(&log, Options::default()).expect("open");
    let finding =
        FindingRef::from_match("aws-access-key", SECRET, "deploy/env.sh", 12).expect("finding");
    chain
        .append(
            &Event::new("crew-1/hook", "secret.block", "v1/deploy")
                .with_details(Details::new().with("finding", finding)),
        )
        .expect("append");
    drop(chain);

    // No 5-character window of the secret appears in any file the chain wrote.
    for file in std::fs::read_dir(dir.path()).expect("dir") {
        let text =
            String::from_utf8_lossy(&std::fs::read(file.expect("entry").path()).expect("read"))
                .into_owned();
        for window in SECRET.as_bytes().windows(Redacted::MAX_VISIBLE + 1) {
            let window = std::str::from_utf8(window).expect("ASCII");
            assert!(!text.contains(window), "{window:?} leaked");
        }
    }
    // The finding object has exactly the documented fields.
    let entry = entries(&log)
        .expect("open")
        .next()
        .expect("one")
        .expect("valid");
    let finding = entry.details["finding"].as_object().expect("object");
    let keys: Vec<&str> = finding.keys().map(String::as_str).collect();
    assert_eq!(keys, ["fingerprint", "line", "path", "redacted", "rule_id"]);
    assert_eq!(finding["redacted"], "AKIA****");
    assert_eq!(
        finding["fingerprint"].as_str(),
        Some(Fingerprint::of_match(SECRET).as_str())
    );
}

#[test]
fn scanner_supplied_values_are_checked() {
    assert!(
        Redacted::new(SECRET).is_err(),
        "raw text is not a redaction"
    );
    assert!(
        Redacted::new("AKIA…MDENG").is_err(),
        "too many visible characters"
    );
    let redacted = Redacted::new("AKIA****").expect("redacted");
    let fingerprint = Fingerprint::from_hex(&"ab".repeat(32)).expect("hex");
    assert!(Fingerprint::from_hex(SECRET).is_err());
    assert!(
        FindingRef::new(SECRET, redacted.clone(), fingerprint.clone(), "p", 1).is_err(),
        "rule id is not free text"
    );
    let finding = FindingRef::new("aws-access-key", redacted, fingerprint, "p", 1).expect("valid");
    let Value::Object(object) = Value::from(finding) else {
        panic!("a finding is an object")
    };
    assert_eq!(
        object.get("redacted"),
        Some(&Value::String("AKIA****".into()))
    );
}
