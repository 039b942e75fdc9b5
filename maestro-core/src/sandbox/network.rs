//! Where sandboxed processes may connect.

use crate::config::{DEFAULT_ANTHROPIC_URL, ResidencyMode, WorkspaceConfig};

/// Where sandboxed processes may connect.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Network {
    /// Only these hosts (`host`, `*.domain`, each optionally with `:port`), through Claude Code's
    /// proxy; every other host is refused without asking.
    Hosts(Vec<String>),
    /// Loopback only (air-gapped mode): `localhost`, `127.0.0.1` and `::1`.
    Loopback,
}

/// The loopback names allowed in air-gapped mode.
const LOOPBACK_HOSTS: [&str; 3] = ["localhost", "127.0.0.1", "::1"];

impl Network {
    /// The rule of `config`: loopback only in air-gapped mode, else the model endpoint
    /// (`anthropic.baseUrl`, or the public Anthropic API) and `dataResidency.allowHosts`.
    #[must_use]
    pub fn from_config(config: &WorkspaceConfig) -> Network {
        if config.data_residency.mode == ResidencyMode::AirGapped {
            return Network::Loopback;
        }
        let endpoint = config
            .anthropic
            .base_url
            .as_deref()
            .unwrap_or(DEFAULT_ANTHROPIC_URL);
        let mut hosts: Vec<String> = url::Url::parse(endpoint)
            .ok()
            .and_then(|url| {
                let host = url.host_str()?.to_owned();
                Some(match url.port_or_known_default() {
                    Some(port) => format!("{host}:{port}"),
                    None => host,
                })
            })
            .into_iter()
            .collect();
        for host in &config.data_residency.allow_hosts {
            if !hosts.contains(host) {
                hosts.push(host.clone());
            }
        }
        Network::Hosts(hosts)
    }

    /// The hosts Claude Code's proxy lets through.
    pub(super) fn allowed_domains(&self) -> Vec<String> {
        match self {
            Network::Hosts(hosts) => hosts.clone(),
            Network::Loopback => LOOPBACK_HOSTS.iter().map(|h| (*h).to_owned()).collect(),
        }
    }
}
