//! `maestro licence status|activate|refresh|keygen|issue`.

use std::path::Path;

use anyhow::Context as _;
use jiff::{SignedDuration, Timestamp};
use maestro_licence::{
    Claims, Issuer, IssuerKey, Licence, Online, Token, TrustedKeys, public_key_text,
};
use serde::Serialize;

use crate::cli::IssueArgs;
use crate::commands::Outcome;
use crate::output::{self, Output};
use crate::render::timestamp;
use maestro_cli::licence::current;
use maestro_cli::workspace::{Workspace, display_path};

#[derive(Serialize)]
struct StatusJson<'a> {
    tier: &'static str,
    max_crews: u32,
    roles: &'static [&'static str],
    licensee: Option<&'a str>,
    licence_id: Option<&'a str>,
    expires: Option<String>,
    last_validated: Option<String>,
    grace_until: Option<String>,
    status: maestro_licence::Status,
    message: &'a str,
}

fn print_licence(out: Output, licence: &Licence) -> anyhow::Result<()> {
    let entitlements = licence.entitlements();
    if out.json {
        output::json(&StatusJson {
            tier: licence.tier.as_str(),
            max_crews: entitlements.max_crews,
            roles: entitlements.roles,
            licensee: licence.licensee.as_deref(),
            licence_id: licence.licence_id.as_deref(),
            expires: licence.expires.map(timestamp),
            last_validated: licence.last_validated.map(timestamp),
            grace_until: licence.grace_until.map(timestamp),
            status: licence.status,
            message: &licence.message,
        })?;
        return Ok(());
    }
    let mut text = format!(
        "tier:            {} ({})\n",
        licence.tier,
        crate::render::allowance(&entitlements)
    );
    let rows = [
        ("licensee:       ", licence.licensee.clone()),
        ("licence:        ", licence.licence_id.clone()),
        ("expires:        ", licence.expires.map(timestamp)),
        ("last validated: ", licence.last_validated.map(timestamp)),
        ("grace until:    ", licence.grace_until.map(timestamp)),
    ];
    for (label, value) in rows {
        if let Some(value) = value {
            text.push_str(&format!("{label} {value}\n"));
        }
    }
    text.push_str(&licence.message);
    if licence.status == maestro_licence::Status::GraceEnded {
        text.push_str(" (`maestro licence refresh` validates it now)");
    }
    output::data(&text)?;
    Ok(())
}

/// `maestro licence status`: from the cache, validating online only when a validation is due.
pub fn status(out: Output) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let checked = current(&ws, false)?;
    print_licence(out, &checked.licence)?;
    Ok(Outcome::Clean)
}

/// `maestro licence refresh`: asks the endpoint now; exit code 1 if it could not be asked.
pub fn refresh(out: Output) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let checked = current(&ws, true)?;
    let outcome = match &checked.online {
        Online::Validated => {
            out.info("validated with the licence endpoint")?;
            Outcome::Clean
        }
        Online::NotNeeded => {
            out.info(if checked.licence.licence_id.is_some() {
                "offline token: no endpoint to ask"
            } else {
                "community tier: nothing to validate"
            })?;
            Outcome::Clean
        }
        Online::Failed(e) => {
            eprintln_warning(&e.to_string());
            Outcome::Problem
        }
        Online::BadAnswer(e) => {
            eprintln_warning(&format!("licence endpoint gave an unusable answer: {e}"));
            Outcome::Problem
        }
        _ => Outcome::Problem,
    };
    print_licence(out, &checked.licence)?;
    Ok(outcome)
}

#[allow(clippy::print_stderr)]
fn eprintln_warning(message: &str) {
    eprintln!("warning: {message}");
}

/// `maestro licence activate <TOKEN|FILE>`.
pub fn activate(out: Output, token_or_file: &str) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let path = Path::new(token_or_file);
    let text = if path.is_file() {
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?
    } else {
        token_or_file.to_owned()
    };
    let text = text.trim().to_owned();
    let trusted = TrustedKeys::new(&ws.config.licence.public_keys)
        .context("licence.publicKeys in .mso/workspace.json")?;
    let token = Token::verify(&text, &trusted).map_err(|e| {
        let untrusted = matches!(
            e,
            maestro_licence::TokenError::Envelope(maestro_licence::EnvelopeError::Untrusted { .. })
        );
        anyhow::Error::new(e).context(if untrusted {
            "not activated (a self-hosted issuer's public key must first be listed in licence.publicKeys)"
        } else {
            "not activated"
        })
    })?;
    let config = ws.store.update_config(|config| {
        config.licence.token = Some(text.clone());
    })?;
    let ws = Workspace { config, ..ws };
    maestro_cli::audit::record(
        &ws,
        "licence.change",
        &token.claims.id,
        maestro_audit::Details::new()
            .with("tier", token.claims.tier.as_str())
            .with("licensee", token.claims.licensee.as_str()),
    )?;
    out.info(&format!(
        "activated licence {} ({} for {})",
        token.claims.id, token.claims.tier, token.claims.licensee
    ))?;
    let checked = current(&ws, false)?;
    print_licence(out, &checked.licence)?;
    Ok(Outcome::Clean)
}

/// `maestro licence trust <KEY|FILE>`: lists a self-hosted issuer's public key in
/// `licence.publicKeys`, so that tokens it signs can be activated.
pub fn trust(out: Output, key_or_file: &str) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let path = Path::new(key_or_file);
    let (text, what) = if path.is_file() {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        (text, display_path(path))
    } else {
        (key_or_file.to_owned(), "the key given".to_owned())
    };
    let key = maestro_licence::parse_public_key(text.trim(), &what)?;
    let text = public_key_text(&key);
    if ws
        .config
        .licence
        .public_keys
        .iter()
        .any(|k| k.trim() == text)
    {
        out.info(&format!(
            "issuer key {text} is already trusted (licence.publicKeys)"
        ))?;
        return Ok(Outcome::Clean);
    }
    let config = ws.store.update_config(|config| {
        config.licence.public_keys.push(text.clone());
    })?;
    let ws = Workspace { config, ..ws };
    maestro_cli::audit::record(&ws, "licence.trust", &text, maestro_audit::Details::new())?;
    out.info(&format!(
        "trusted issuer key {text} (added to licence.publicKeys in {})",
        display_path(&ws.store.config_path())
    ))?;
    Ok(Outcome::Clean)
}

/// `maestro licence keygen <DIR>`.
pub fn keygen(out: Output, dir: &Path) -> anyhow::Result<Outcome> {
    let key = IssuerKey::generate()?;
    let (private, public) = key.write_pair(dir)?;
    let public_text = public_key_text(&key.public_key());
    if out.json {
        output::json(&serde_json::json!({
            "private_key": private,
            "public_key_file": public,
            "public_key": public_text,
        }))?;
    } else {
        out.info(&format!(
            "wrote {} (private, mode 0600: keep it outside the repository)",
            display_path(&private)
        ))?;
        out.info(&format!("wrote {}", display_path(&public)))?;
        out.info(&format!(
            "to trust it in a workspace: maestro licence trust {}",
            display_path(&public)
        ))?;
    }
    Ok(Outcome::Clean)
}

/// `maestro licence issue`: prints the token on stdout.
pub fn issue(args: &IssueArgs) -> anyhow::Result<Outcome> {
    let key = IssuerKey::load(&args.signing_key)?;
    if let Some(endpoint) = &args.endpoint {
        let url = url::Url::parse(endpoint)
            .with_context(|| format!("--endpoint `{endpoint}` is not a URL"))?;
        anyhow::ensure!(
            matches!(url.scheme(), "http" | "https"),
            "--endpoint `{endpoint}` is not an http(s) URL"
        );
    }
    let now = Timestamp::now()
        .round(jiff::Unit::Second)
        .context("the clock is out of range")?;
    let id = match &args.id {
        Some(id) => id.clone(),
        None => maestro_licence::new_licence_id()?,
    };
    let claims = Claims {
        id,
        licensee: args.licensee.clone(),
        tier: args.tier,
        issued: now,
        expires: now + SignedDuration::from_hours(24 * i64::from(args.days)),
        endpoint: args.endpoint.clone(),
    };
    anyhow::ensure!(
        claims.tier != maestro_licence::Tier::Community,
        "--tier community needs no token"
    );
    output::data(&Issuer::new(key).issue(&claims))?;
    Ok(Outcome::Clean)
}
