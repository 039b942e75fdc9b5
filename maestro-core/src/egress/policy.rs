//! The egress policy: which URLs maestro may contact.
//!
//! Decisions are made from the URL alone, without resolving any name, so a refused request
//! never causes a DNS lookup. Loopback is `localhost`, `127.0.0.0/8` and `::1` (also as the
//! IPv4-mapped `::ffff:127.x.y.z`).

use std::fmt;
use std::net::{IpAddr, Ipv6Addr};

use url::{Host, Url};

use crate::config::{DEFAULT_ANTHROPIC_URL, ResidencyMode, WorkspaceConfig};

/// An allowed host: an exact name, or `*.domain` for any subdomain of `domain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPattern {
    /// Lowercase host name without a trailing dot (or an IP literal).
    host: String,
    /// Whether this is `*.host`.
    subdomains: bool,
}

impl HostPattern {
    /// Parses `host`, `*.domain`, or an IP literal (`[::1]` or `::1`).
    pub fn parse(pattern: &str) -> Result<HostPattern, String> {
        let (subdomains, rest) = match pattern.strip_prefix("*.") {
            Some(rest) => (true, rest),
            None => (false, pattern),
        };
        let not_a_host = || format!("`{pattern}` is not a host name");
        let host = normalise_host(rest).ok_or_else(not_a_host)?;
        if subdomains && host.parse::<IpAddr>().is_ok() {
            return Err(not_a_host());
        }
        Ok(HostPattern { host, subdomains })
    }

    fn from_url(url: &Url) -> Option<HostPattern> {
        Some(HostPattern {
            host: host_string(&url.host()?),
            subdomains: false,
        })
    }

    fn matches(&self, host: &str) -> bool {
        if self.subdomains {
            host.len() > self.host.len() + 1
                && host.ends_with(&self.host)
                && host.as_bytes()[host.len() - self.host.len() - 1] == b'.'
        } else {
            host == self.host
        }
    }
}

impl fmt::Display for HostPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.subdomains {
            f.write_str("*.")?;
        }
        f.write_str(&self.host)
    }
}

/// Lowercases a host name, strips one trailing dot and brackets, and checks its characters.
fn normalise_host(raw: &str) -> Option<String> {
    let trimmed = raw.strip_suffix('.').unwrap_or(raw);
    let unbracketed = trimmed
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(trimmed);
    if let Ok(ip) = unbracketed.parse::<IpAddr>() {
        return Some(ip.to_string());
    }
    let valid_label = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    (!trimmed.is_empty() && trimmed.len() <= 253 && trimmed.split('.').all(valid_label))
        .then(|| trimmed.to_ascii_lowercase())
}

fn host_string(host: &Host<&str>) -> String {
    match host {
        Host::Domain(name) => name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase(),
        Host::Ipv4(ip) => ip.to_string(),
        Host::Ipv6(ip) => ip.to_string(),
    }
}

/// Whether `url`'s host is loopback, judged without any name resolution.
#[must_use]
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(name)) => name
            .strip_suffix('.')
            .unwrap_or(name)
            .eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => is_loopback_v6(ip),
        None => false,
    }
}

fn is_loopback_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => is_loopback_v6(v6),
    }
}

fn is_loopback_v6(ip: Ipv6Addr) -> bool {
    ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
}

/// Which destinations maestro may contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EgressPolicy {
    mode: ResidencyMode,
    allowed: Vec<HostPattern>,
}

/// A URL the policy does not allow; nothing was sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("refused {url}: {reason} (egress policy: {policy})")]
pub struct EgressDenied {
    /// The refused URL.
    pub url: String,
    /// Why.
    pub reason: String,
    /// `standard` or `air-gapped`.
    pub policy: &'static str,
}

impl EgressPolicy {
    /// Loopback only.
    #[must_use]
    pub fn air_gapped() -> EgressPolicy {
        EgressPolicy {
            mode: ResidencyMode::AirGapped,
            allowed: Vec::new(),
        }
    }

    /// Loopback and the given hosts.
    #[must_use]
    pub fn standard(allowed: Vec<HostPattern>) -> EgressPolicy {
        EgressPolicy {
            mode: ResidencyMode::Standard,
            allowed,
        }
    }

    /// The policy of a workspace: in `standard` mode the Anthropic host (`anthropic.baseUrl` or
    /// the public API), the GitHub API host, the configured licence endpoint's host, the
    /// `extra` URLs (e.g. a licence endpoint signed into a token) and `allowHosts`.
    ///
    /// The configuration is assumed validated; unparsable entries are skipped, which only
    /// narrows what is allowed.
    #[must_use]
    pub fn from_config(config: &WorkspaceConfig, extra: &[&str]) -> EgressPolicy {
        if config.data_residency.mode == ResidencyMode::AirGapped {
            return EgressPolicy::air_gapped();
        }
        let urls = [
            Some(
                config
                    .anthropic
                    .base_url
                    .as_deref()
                    .unwrap_or(DEFAULT_ANTHROPIC_URL),
            ),
            Some(config.github.api_url.as_str()),
            config.licence.endpoint.as_deref(),
        ];
        let mut allowed: Vec<HostPattern> = urls
            .into_iter()
            .flatten()
            .chain(extra.iter().copied())
            .filter_map(|u| Url::parse(u).ok())
            .filter_map(|u| HostPattern::from_url(&u))
            .collect();
        allowed.extend(
            config
                .data_residency
                .allow_hosts
                .iter()
                .filter_map(|h| HostPattern::parse(h).ok()),
        );
        allowed.dedup();
        EgressPolicy::standard(allowed)
    }

    /// The mode of this policy.
    #[must_use]
    pub fn mode(&self) -> ResidencyMode {
        self.mode
    }

    /// The mode's name as written in `workspace.json`.
    #[must_use]
    pub fn mode_name(&self) -> &'static str {
        self.mode.as_str()
    }

    /// The hosts allowed besides loopback (none when air-gapped).
    #[must_use]
    pub fn allowed_hosts(&self) -> &[HostPattern] {
        &self.allowed
    }

    /// Decides whether a host name (as handed to a name resolver, without scheme or port) may be
    /// resolved and contacted: loopback names always, otherwise only allowed hosts in `standard`
    /// mode.
    pub fn check_host(&self, host: &str) -> Result<(), EgressDenied> {
        let deny = |reason: String| EgressDenied {
            url: host.to_owned(),
            reason,
            policy: self.mode_name(),
        };
        let Some(normalised) = normalise_host(host) else {
            return Err(deny("not a valid host name".to_owned()));
        };
        if normalised == "localhost" || normalised.parse::<IpAddr>().is_ok_and(is_loopback_ip) {
            return Ok(());
        }
        match self.mode {
            ResidencyMode::AirGapped => Err(deny("only loopback is allowed".to_owned())),
            ResidencyMode::Standard if self.allowed.iter().any(|p| p.matches(&normalised)) => {
                Ok(())
            }
            ResidencyMode::Standard => Err(deny(format!(
                "host {normalised} is not an allowed destination"
            ))),
        }
    }

    /// Decides whether `url` may be contacted. Only `http` and `https` are ever allowed, and
    /// plain `http` only to loopback.
    pub fn check(&self, url: &str) -> Result<Url, EgressDenied> {
        let deny = |reason: String| EgressDenied {
            url: url.to_owned(),
            reason,
            policy: self.mode_name(),
        };
        let parsed = Url::parse(url).map_err(|e| deny(format!("not a valid URL ({e})")))?;
        self.check_url(&parsed).map_err(|e| deny(e.reason))?;
        Ok(parsed)
    }

    /// [`EgressPolicy::check`] for an already parsed URL (e.g. a redirect target).
    pub fn check_url(&self, url: &Url) -> Result<(), EgressDenied> {
        let deny = |reason: &str| EgressDenied {
            url: url.to_string(),
            reason: reason.to_owned(),
            policy: self.mode_name(),
        };
        if !matches!(url.scheme(), "http" | "https") {
            return Err(deny("only http and https are allowed"));
        }
        let Some(host) = url.host() else {
            return Err(deny("the URL has no host"));
        };
        if is_loopback(url) {
            return Ok(());
        }
        match self.mode {
            ResidencyMode::AirGapped => Err(deny("only loopback is allowed")),
            ResidencyMode::Standard => {
                if url.scheme() != "https" {
                    return Err(deny("plain http is only allowed to loopback"));
                }
                let host = host_string(&host);
                if self.allowed.iter().any(|p| p.matches(&host)) {
                    Ok(())
                } else {
                    Err(deny(&format!("host {host} is not an allowed destination")))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
