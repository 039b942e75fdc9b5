//! The licence in force in a workspace: its token verified against the trusted issuer keys,
//! validated with its endpoint through the egress guard when due, and its cache in `.mso/`.

use anyhow::Context as _;
use jiff::Timestamp;
use maestro_core::egress::{HttpClient, HttpError, HttpOptions};
use maestro_core::{EgressPolicy, WorkspaceConfig};
use maestro_licence::{
    Cache, Checked, Token, Transport, TransportError, TrustedKeys, check as check_licence,
};

use crate::workspace::Workspace;

/// The licence cache in `.mso/`.
const CACHE_FILE: &str = "licence.json";

/// Licence validation through the egress-guarded client.
struct HttpTransport(HttpClient);

impl Transport for HttpTransport {
    fn post_json(&self, url: &str, body: &[u8]) -> Result<Vec<u8>, TransportError> {
        let request = http::Request::post(url)
            .header(http::header::CONTENT_TYPE, "application/json")
            .body(body.to_vec())
            .map_err(|e| TransportError::Unreachable(format!("{url}: {e}")))?;
        match self.0.send(request) {
            Ok(response) if response.status().is_success() => Ok(response.into_body()),
            Ok(response) => Err(TransportError::Unreachable(format!(
                "{url} answered HTTP {}",
                response.status().as_u16()
            ))),
            Err(HttpError::Refused(denied)) => Err(TransportError::Refused(denied.to_string())),
            Err(e) => Err(TransportError::Unreachable(crate::redaction::one_line(
                &e.into(),
            ))),
        }
    }
}

/// The configured token, verified; `None` for the community tier.
pub fn configured_token(
    config: &WorkspaceConfig,
    trusted: &TrustedKeys,
) -> anyhow::Result<Option<Token>> {
    config
        .licence
        .token
        .as_deref()
        .map(|text| Token::verify(text, trusted).context("licence.token in .mso/workspace.json"))
        .transpose()
}

/// Computes the licence in force, asking the endpoint when a validation is due (or `force`),
/// and records the result in `.mso/licence.json` ([`check`] then [`save`]).
pub fn current(ws: &Workspace, force: bool) -> anyhow::Result<Checked> {
    let checked = check(ws, force)?;
    save(ws, &checked)?;
    Ok(checked)
}

/// Computes the licence in force, asking the endpoint when a validation is due (or `force`),
/// without writing anything: a command that may still fail on its other inputs saves the
/// result with [`save`] once they are validated.
pub fn check(ws: &Workspace, force: bool) -> anyhow::Result<Checked> {
    let trusted = TrustedKeys::new(&ws.config.licence.public_keys)
        .context("licence.publicKeys in .mso/workspace.json")?;
    let token = configured_token(&ws.config, &trusted)?;
    let token_endpoint = token.as_ref().and_then(|t| t.claims.endpoint.clone());
    let extra: Vec<&str> = token_endpoint.iter().map(String::as_str).collect();
    let policy = EgressPolicy::from_config(&ws.config, &extra);
    let transport = HttpTransport(HttpClient::new(policy, &HttpOptions::default())?);
    let cache: Cache = ws.store.read_state(CACHE_FILE)?.unwrap_or_default();
    Ok(check_licence(
        token.as_ref(),
        ws.config.licence.endpoint.as_deref(),
        &cache,
        &trusted,
        &transport,
        Timestamp::now(),
        force,
    ))
}

/// Records `checked` in `.mso/licence.json`. Without a licence token there is nothing to keep
/// (the community tier has no grace period to protect), so a workspace that never had one
/// gets no file.
pub fn save(ws: &Workspace, checked: &Checked) -> anyhow::Result<()> {
    let has_file = ws
        .store
        .read_state::<serde_json::Value>(CACHE_FILE)?
        .is_some();
    if ws.config.licence.token.is_none() && checked.cache.answer.is_none() && !has_file {
        return Ok(());
    }
    ws.store.write_state(CACHE_FILE, &checked.cache)?;
    Ok(())
}
