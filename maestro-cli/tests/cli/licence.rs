//! `maestro licence`: self-hosted issuers end to end, with a licence endpoint on loopback.

use maestro_licence::Standing;
use maestro_tests::licence_fake::LicenceServer;

use crate::snapshot;
use crate::support::Repo;

/// keygen + issue + trusting the key + activate, in `repo`; returns the key directory.
fn self_issued(repo: &Repo, endpoint: Option<&str>) -> std::path::PathBuf {
    let keys = repo.path().join("../").join(format!(
        "{}-keys",
        repo.path().file_name().expect("name").to_string_lossy()
    ));
    let keys = std::path::absolute(keys).expect("absolute");
    repo.maestro(&["licence", "keygen", keys.to_str().expect("utf-8")])
        .ok();
    let public = std::fs::read_to_string(keys.join("issuer.pub")).expect("public key");
    let mut args = vec![
        "licence".to_owned(),
        "issue".into(),
        "--signing-key".into(),
        keys.join("issuer.key").display().to_string(),
        "--tier".into(),
        "pro".into(),
        "--licensee".into(),
        "Acme Ltd".into(),
        "--days".into(),
        "30".into(),
    ];
    if let Some(endpoint) = endpoint {
        args.extend(["--endpoint".into(), endpoint.to_owned()]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = repo.maestro(&args);
    let token = run.ok().trim().to_owned();
    assert!(token.starts_with("mso-licence-v1."), "{token}");

    // Not trusted yet: refused, and the config is unchanged.
    let before = repo.read(".mso/workspace.json");
    let refused = repo.maestro(&["licence", "activate", &token]);
    assert!(refused.usage_error().contains("not from a trusted issuer"));
    assert_eq!(repo.read(".mso/workspace.json"), before);

    let trusted = repo.maestro(&[
        "licence",
        "trust",
        keys.join("issuer.pub").to_str().expect("utf-8"),
    ]);
    assert!(
        trusted.ok().starts_with("trusted issuer key "),
        "{}",
        trusted.transcript()
    );
    let config: serde_json::Value =
        serde_json::from_str(&repo.read(".mso/workspace.json")).expect("JSON");
    assert_eq!(
        config["licence"]["publicKeys"],
        serde_json::json!([public.trim()])
    );
    let file = repo.write("token.txt", &format!("{token}\n"));
    repo.maestro(&["licence", "activate", file.to_str().expect("utf-8")])
        .ok();
    keys
}

fn status(repo: &Repo) -> serde_json::Value {
    let run = repo.maestro(&["licence", "status", "--json"]);
    serde_json::from_str(run.ok()).expect("JSON")
}

#[test]
fn trusting_an_issuer_key_is_checked_idempotent_and_audited() {
    let repo = Repo::initialised();
    let before = repo.read(".mso/workspace.json");
    // Not a key: one line naming what is wrong, exit 2, nothing changed.
    let bad = repo.write("bad.pub", "not-a-key\n");
    let refused = repo.maestro(&["licence", "trust", bad.to_str().expect("utf-8")]);
    snapshot!(
        repo,
        refused,
        @r"
        exit: 2
        --- stdout
        --- stderr
        error: bad.pub is not a base64 Ed25519 key of 32 bytes
        "
    );
    assert_eq!(refused.code, 2);
    let refused = repo.maestro(&["licence", "trust", "AAAA"]);
    snapshot!(
        repo,
        refused,
        @r"
        exit: 2
        --- stdout
        --- stderr
        error: the key given is not a base64 Ed25519 key of 32 bytes
        "
    );
    assert_eq!(repo.read(".mso/workspace.json"), before);

    // Outside the repository (whose temporary directory goes with it), named after it.
    let keys = std::path::absolute(repo.path().join(format!(
        "../{}-trust-keys",
        repo.path().file_name().expect("name").to_string_lossy()
    )))
    .expect("absolute");
    repo.maestro(&["licence", "keygen", keys.to_str().expect("utf-8")])
        .ok();
    let public = std::fs::read_to_string(keys.join("issuer.pub")).expect("public key");
    let first = repo.maestro(&["licence", "trust", public.trim()]);
    assert_eq!(first.code, 0, "{}", first.transcript());
    assert!(
        first.stdout.starts_with("trusted issuer key "),
        "{}",
        first.transcript()
    );
    let again = repo.maestro(&[
        "licence",
        "trust",
        keys.join("issuer.pub").to_str().expect("utf-8"),
    ]);
    assert!(
        again.stdout.contains("is already trusted"),
        "{}",
        again.transcript()
    );
    let config: serde_json::Value =
        serde_json::from_str(&repo.read(".mso/workspace.json")).expect("JSON");
    assert_eq!(
        config["licence"]["publicKeys"],
        serde_json::json!([public.trim()])
    );
    let audit = repo.maestro(&["audit", "show", "--json"]);
    assert_eq!(
        audit.ok().matches("\"licence.trust\"").count(),
        1,
        "{}",
        audit.stdout
    );
}

#[test]
fn community_without_a_token() {
    let repo = Repo::initialised();
    let run = repo.maestro(&["licence", "status"]);
    snapshot!(
        repo,
        run,
        @r"
        exit: 0
        --- stdout
        tier:            community (1 crew; roles planner, builder, tester)
        community tier (no licence token)
        --- stderr
        "
    );
    let value = status(&repo);
    assert_eq!(value["tier"], "community");
    assert_eq!(value["max_crews"], 1);
    assert_eq!(
        value["roles"],
        serde_json::json!(["planner", "builder", "tester"])
    );
}

#[test]
fn a_self_issued_token_gives_pro_with_the_endpoint_unreachable() {
    let repo = Repo::initialised();
    // Port 9 on loopback: nothing listens, so the endpoint is unreachable without any DNS.
    self_issued(&repo, Some("http://127.0.0.1:9/validate"));
    let value = status(&repo);
    assert_eq!(value["tier"], "pro");
    assert_eq!(value["max_crews"], 5);
    assert_eq!(value["licensee"], "Acme Ltd");
    assert_eq!(value["status"], "validated");
    assert!(value["grace_until"].is_string());
    let refresh = repo.maestro(&["licence", "refresh"]);
    assert_eq!(refresh.code, 1, "{}", refresh.transcript());
    assert!(
        refresh.stderr.contains("could not be reached"),
        "{}",
        refresh.stderr
    );
    assert!(
        refresh.stdout.contains("tier:            pro"),
        "{}",
        refresh.stdout
    );
}

#[test]
fn air_gapped_refuses_the_endpoint_and_keeps_the_grace() {
    let repo = Repo::initialised();
    self_issued(&repo, Some("https://licence.example.invalid/validate"));
    let mut config: serde_json::Value =
        serde_json::from_str(&repo.read(".mso/workspace.json")).expect("JSON");
    config["dataResidency"]["mode"] = "air-gapped".into();
    repo.write(".mso/workspace.json", &config.to_string());
    let refresh = repo.maestro(&["licence", "refresh"]);
    assert_eq!(refresh.code, 1, "{}", refresh.transcript());
    assert!(
        refresh.stderr.contains(
            "refused by the egress policy: refused https://licence.example.invalid/validate: only loopback is allowed (egress policy: air-gapped)"
        ),
        "{}",
        refresh.stderr
    );
    assert_eq!(status(&repo)["tier"], "pro");
}

#[test]
fn an_offline_token_needs_no_endpoint() {
    let repo = Repo::initialised();
    self_issued(&repo, None);
    let value = status(&repo);
    assert_eq!(
        (value["tier"].as_str(), value["status"].as_str()),
        (Some("pro"), Some("offline"))
    );
    let refresh = repo.maestro(&["licence", "refresh"]);
    assert!(refresh.ok().contains("offline token: no endpoint to ask"));
}

#[test]
fn refresh_validates_with_the_endpoint_and_revocation_acts_at_once() {
    let repo = Repo::initialised();
    // Issue against a port, then start the endpoint with the issuer key on another port and
    // point licence.endpoint at it (a configured endpoint wins over the token's).
    let keys = self_issued(&repo, Some("http://127.0.0.1:9/validate"));
    let server = LicenceServer::start(&keys.join("issuer.key"), Standing::Valid).expect("endpoint");
    let mut config: serde_json::Value =
        serde_json::from_str(&repo.read(".mso/workspace.json")).expect("JSON");
    config["licence"]["endpoint"] = server.url().into();
    let token = config["licence"]["token"]
        .as_str()
        .expect("token")
        .to_owned();
    repo.write(".mso/workspace.json", &config.to_string());
    let refresh = repo.maestro(&["licence", "refresh"]);
    assert!(
        refresh.ok().contains("validated with the licence endpoint"),
        "{}",
        refresh.transcript()
    );
    assert_eq!(server.tokens(), [token]);
    let cache: serde_json::Value =
        serde_json::from_str(&repo.read(".mso/licence.json")).expect("JSON");
    assert!(
        cache["answer"]
            .as_str()
            .expect("cached")
            .starts_with("mso-validation-v1.")
    );
    // Status within the day does not ask again.
    assert_eq!(status(&repo)["tier"], "pro");
    assert_eq!(server.tokens().len(), 1);

    server.set_standing(Standing::Revoked);
    repo.maestro(&["licence", "refresh"]).ok();
    let value = status(&repo);
    assert_eq!(
        (value["tier"].as_str(), value["status"].as_str()),
        (Some("community"), Some("revoked"))
    );
}

#[test]
fn licence_usage_errors() {
    let repo = Repo::initialised();
    for (name, args) in [
        (
            "licence_issue_bad_tier",
            vec![
                "licence",
                "issue",
                "--signing-key",
                "k",
                "--tier",
                "gold",
                "--licensee",
                "A",
                "--days",
                "3",
            ],
        ),
        (
            "licence_issue_missing_key",
            vec![
                "licence",
                "issue",
                "--signing-key",
                "/nonexistent/k",
                "--tier",
                "pro",
                "--licensee",
                "A",
                "--days",
                "3",
            ],
        ),
        (
            "licence_activate_garbage",
            vec!["licence", "activate", "not-a-token"],
        ),
    ] {
        let run = repo.maestro(&args);
        snapshot!(name, repo, run);
        run.usage_error();
    }
}
