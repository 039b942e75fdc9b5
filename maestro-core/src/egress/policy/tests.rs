use super::*;

#[test]
fn loopback_is_recognised_without_lookup() {
    let loopback = [
        "http://localhost:8080/x",
        "http://LOCALHOST./",
        "http://127.0.0.1/",
        "http://127.1.2.3:1/",
        "http://127.1/",
        "http://2130706433/",
        "http://0x7f000001/",
        "http://[::1]:9/",
        "http://[::ffff:127.0.0.1]/",
    ];
    for url in loopback {
        assert!(is_loopback(&Url::parse(url).expect(url)), "{url}");
    }
    let not = [
        "http://localhost.example.com/",
        "http://127.0.0.1.nip.io/",
        "http://0.0.0.0/",
        "http://[::]/",
        "http://128.0.0.1/",
        "http://10.0.0.1/",
        "http://[::ffff:10.0.0.1]/",
        "http://my-localhost/",
        "file:///etc/passwd",
    ];
    for url in not {
        assert!(!is_loopback(&Url::parse(url).expect(url)), "{url}");
    }
}

#[test]
fn air_gapped_allows_loopback_only() {
    let policy = EgressPolicy::air_gapped();
    assert!(policy.check("http://127.0.0.1:3000/v1/messages").is_ok());
    assert!(policy.check("http://[::1]/").is_ok());
    let err = policy
        .check("https://api.anthropic.com/v1/messages")
        .expect_err("refused");
    assert_eq!(
        err.to_string(),
        "refused https://api.anthropic.com/v1/messages: only loopback is allowed (egress policy: air-gapped)"
    );
}

#[test]
fn standard_allows_configured_hosts() {
    let mut config = WorkspaceConfig::default();
    config.data_residency.allow_hosts =
        vec!["*.corp.example".to_owned(), "Mirror.Example.".to_owned()];
    config.licence.endpoint = Some("https://licence.example.net/v1/validate".to_owned());
    let policy = EgressPolicy::from_config(&config, &["https://issuer.example.org/check"]);
    for ok in [
        "https://api.anthropic.com/v1/messages",
        "https://api.github.com/repos/a/b/pulls",
        "https://licence.example.net/v1/validate",
        "https://issuer.example.org/check",
        "https://git.corp.example/api",
        "https://mirror.example/pkg",
        "http://localhost:1234/",
    ] {
        assert!(policy.check(ok).is_ok(), "{ok}");
    }
    let refused = [
        (
            "https://evil.example/",
            "host evil.example is not an allowed destination",
        ),
        (
            "https://corp.example/",
            "host corp.example is not an allowed destination",
        ),
        (
            "https://api.github.com.evil.example/",
            "is not an allowed destination",
        ),
        (
            "http://api.github.com/",
            "plain http is only allowed to loopback",
        ),
        ("ftp://api.github.com/", "only http and https are allowed"),
        ("not a url", "not a valid URL"),
    ];
    for (url, reason) in refused {
        let err = policy.check(url).expect_err(url).to_string();
        assert!(
            err.contains(reason) && err.contains("(egress policy: standard)"),
            "{url}: {err}"
        );
    }
}

#[test]
fn air_gapped_config_ignores_allow_hosts() {
    let mut config = WorkspaceConfig::default();
    config.data_residency.mode = ResidencyMode::AirGapped;
    config.data_residency.allow_hosts = vec!["api.github.com".to_owned()];
    let policy = EgressPolicy::from_config(&config, &[]);
    assert!(policy.allowed_hosts().is_empty());
    assert!(policy.check("https://api.github.com/").is_err());
}

#[test]
fn bare_hosts_are_checked_like_urls() {
    let policy = EgressPolicy::standard(vec![HostPattern::parse("ok.example").expect("valid")]);
    assert!(policy.check_host("ok.example").is_ok());
    assert!(policy.check_host("OK.example.").is_ok());
    assert!(policy.check_host("localhost").is_ok());
    assert!(policy.check_host("127.0.0.9").is_ok());
    assert!(policy.check_host("::1").is_ok());
    assert!(policy.check_host("evil.example").is_err());
    let air = EgressPolicy::air_gapped();
    assert!(air.check_host("localhost").is_ok());
    let err = air.check_host("ok.example").expect_err("refused");
    assert_eq!(
        err.to_string(),
        "refused ok.example: only loopback is allowed (egress policy: air-gapped)"
    );
}

#[test]
fn host_patterns_are_validated() {
    assert!(HostPattern::parse("example.com").is_ok());
    assert!(HostPattern::parse("*.example.com").is_ok());
    assert!(HostPattern::parse("10.1.2.3").is_ok());
    assert!(HostPattern::parse("[::1]").is_ok());
    for bad in ["", "bad host", "*.10.0.0.1", "a..b", "-a.com", "http://x"] {
        assert!(HostPattern::parse(bad).is_err(), "{bad}");
    }
}
