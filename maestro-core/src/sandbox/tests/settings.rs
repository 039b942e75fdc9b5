//! What a workspace's configuration makes of the sandbox: Claude's settings, the network rule
//! and the credential variables.

use super::*;

#[test]
fn the_claude_settings_of_a_workspace() {
    let f = Fixture::new();
    let sandbox = f.sandbox(&f.config(|_| {})).expect("sandbox");
    let settings = sandbox.claude_settings();
    let p = |relative: &str| f.path(relative).to_str().expect("UTF-8").to_owned();
    assert_eq!(
        settings,
        json!({
            "enabled": true,
            "failIfUnavailable": true,
            "allowUnsandboxedCommands": false,
            "autoAllowBashIfSandboxed": true,
            "filesystem": {
                "allowWrite": [p("home/.cargo/registry")],
                "denyWrite": [p("repo/.git")],
                "denyRead": [
                    p("repo/.mso"),
                    p("home/.aws"),
                    p("home/.netrc"),
                    p("keys/audit.key"),
                ],
            },
            "network": {
                "allowedDomains": ["127.0.0.1:8080", "registry.example.com", "*.pkg.example.org"],
                "strictAllowlist": true,
            },
            "credentials": {
                "envVars": [
                    {"name": "ANTHROPIC_API_KEY", "mode": "deny"},
                    {"name": "ANTHROPIC_AUTH_TOKEN", "mode": "deny"},
                    {"name": "GITHUB_TOKEN", "mode": "deny"},
                ],
            },
        })
    );
    // Every withheld variable is unset in what bwrap runs too.
    let (_, args) = sandbox
        .withhold_env(["STRIPE_KEY"])
        .wrap(&f.path("repo"), "true", &[]);
    let unset: Vec<&str> = args
        .windows(2)
        .filter(|w| w[0] == "--unsetenv")
        .map(|w| w[1].as_str())
        .collect();
    assert_eq!(
        unset,
        [
            "ANTHROPIC_API_KEY",
            "ANTHROPIC_AUTH_TOKEN",
            "GITHUB_TOKEN",
            "STRIPE_KEY"
        ]
    );
}

#[test]
fn the_network_rule() {
    let f = Fixture::new();
    let standard = |base_url: Value| {
        Network::from_config(&f.config(|c| {
            c["anthropic"]["baseUrl"] = base_url;
            c["dataResidency"]["allowHosts"] = json!(["api.anthropic.com:443", "x.example"]);
        }))
    };
    // The public API when no proxy is set; a duplicate of the endpoint is listed once.
    assert_eq!(
        standard(Value::Null),
        Network::Hosts(vec!["api.anthropic.com:443".into(), "x.example".into()])
    );
    assert_eq!(
        standard(json!("https://proxy.internal/v1")),
        Network::Hosts(vec![
            "proxy.internal:443".into(),
            "api.anthropic.com:443".into(),
            "x.example".into()
        ])
    );
    let air_gapped = f.config(|c| c["dataResidency"]["mode"] = json!("air-gapped"));
    assert_eq!(Network::from_config(&air_gapped), Network::Loopback);
    let sandbox = f.sandbox(&air_gapped).expect("sandbox");
    assert_eq!(
        sandbox.claude_settings()["network"]["allowedDomains"],
        json!(["localhost", "127.0.0.1", "::1"])
    );
}

#[test]
fn a_claude_agent_passes_the_sandbox_through_its_settings() {
    use crate::agent::{ClaudeAgent, ClaudeOptions};

    let f = Fixture::new();
    let sandbox = f.sandbox(&f.config(|_| {})).expect("sandbox");
    let settings = |options: ClaudeOptions| {
        ClaudeAgent::new(options)
            .expect("agent")
            .settings_json()
            .map(|s| serde_json::from_str::<Value>(&s).expect("JSON"))
    };
    let both = settings(ClaudeOptions {
        hook_command: Some("/usr/bin/maestro hook".into()),
        sandbox: Some(sandbox.clone()),
        ..ClaudeOptions::default()
    })
    .expect("settings");
    assert_eq!(both["sandbox"], sandbox.claude_settings());
    assert!(both["hooks"]["PreToolUse"].is_array(), "{both}");
    let only_sandbox = settings(ClaudeOptions {
        sandbox: Some(sandbox.clone()),
        ..ClaudeOptions::default()
    })
    .expect("settings");
    assert_eq!(only_sandbox, json!({"sandbox": sandbox.claude_settings()}));
    assert_eq!(settings(ClaudeOptions::default()), None);
}

#[test]
fn credential_variables_are_named_by_name_or_value() {
    let vars = [
        ("PATH", "/usr/bin"),
        ("GITHUB_TOKEN", "x"),
        ("db_password", "x"),
        ("OPENAI_API_KEY", "x"),
        ("HARMLESS", "AKIA-looking"),
        ("EDITOR", "vi"),
    ]
    .map(|(k, v)| (k.into(), v.into()));
    let names = credential_variables(vars, |value| value.starts_with("AKIA"));
    assert_eq!(
        names,
        ["GITHUB_TOKEN", "db_password", "OPENAI_API_KEY", "HARMLESS"]
    );
}
