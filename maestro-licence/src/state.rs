//! The licence a workspace holds right now, computed from the token, the latest signed answer
//! and the clock, by pure functions, so every case is testable without a clock or a network.

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use crate::answer::{Answer, Standing};
use crate::tier::{Entitlements, Tier};
use crate::token::Token;

/// How long the latest validation holds when the endpoint cannot be reached.
pub const GRACE: SignedDuration = SignedDuration::from_hours(14 * 24);

/// How old the latest validation may be before the endpoint is asked again.
pub const REVALIDATE_AFTER: SignedDuration = SignedDuration::from_hours(24);

/// Clock difference tolerated between this machine and the licence server before a clock is
/// considered set back.
pub const CLOCK_TOLERANCE: SignedDuration = SignedDuration::from_mins(5);

/// Why the workspace holds the tier it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// No token: the community tier.
    NoToken,
    /// A token without endpoint, valid until it expires.
    Offline,
    /// Validated (by its issue time or the endpoint) within the grace period.
    Validated,
    /// The token expired, or the issuer says so.
    Expired,
    /// The issuer revoked it.
    Revoked,
    /// Not validated for longer than the grace period.
    GraceEnded,
    /// The clock is earlier than a time already seen.
    ClockSetBack,
}

/// The licence in force, and what the user should know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Licence {
    /// The tier in force (community unless the token holds).
    pub tier: Tier,
    /// Why.
    pub status: Status,
    /// The licence id, when there is a token.
    pub licence_id: Option<String>,
    /// The licensee, when there is a token.
    pub licensee: Option<String>,
    /// The token's expiry.
    pub expires: Option<Timestamp>,
    /// The latest validation: the newest valid answer's signed time or the token's issue time.
    pub last_validated: Option<Timestamp>,
    /// Until when the latest validation holds without reaching the endpoint.
    pub grace_until: Option<Timestamp>,
    /// One line for the user.
    pub message: String,
}

impl Licence {
    /// What the tier in force allows.
    #[must_use]
    pub fn entitlements(&self) -> Entitlements {
        self.tier.entitlements()
    }

    /// Whether the workspace runs with a paid tier right now.
    #[must_use]
    pub fn is_paid(&self) -> bool {
        self.tier != Tier::Community
    }
}

/// The validation endpoint of `token`: `configured` (`licence.endpoint`) if set, else the one
/// signed into the token, else none (an offline token).
#[must_use]
pub fn endpoint<'a>(configured: Option<&'a str>, token: &'a Token) -> Option<&'a str> {
    configured.or(token.claims.endpoint.as_deref())
}

/// The latest time known: the clock readings recorded so far, the token's issue time and the
/// answer's signed time.
#[must_use]
pub fn latest_known(
    token: Option<&Token>,
    answer: Option<&Answer>,
    latest_seen: Option<Timestamp>,
) -> Option<Timestamp> {
    [
        latest_seen,
        token.map(|t| t.claims.issued),
        answer.map(|a| a.checked_at),
    ]
    .into_iter()
    .flatten()
    .max()
}

/// The licence in force at `now`.
///
/// `answer` must already be verified for `token` ([`Answer::verify`]); `endpoint` is the
/// resolved validation endpoint ([`endpoint`]); `latest_seen` comes from the cache.
#[must_use]
pub fn evaluate(
    token: Option<&Token>,
    answer: Option<&Answer>,
    latest_seen: Option<Timestamp>,
    endpoint: Option<&str>,
    now: Timestamp,
) -> Licence {
    let Some(token) = token else {
        return Licence {
            tier: Tier::Community,
            status: Status::NoToken,
            licence_id: None,
            licensee: None,
            expires: None,
            last_validated: None,
            grace_until: None,
            message: "community tier (no licence token)".to_owned(),
        };
    };
    let claims = &token.claims;
    let last_validated = match answer {
        Some(a) if a.status == Standing::Valid => a.checked_at.max(claims.issued),
        _ => claims.issued,
    };
    let grace_until = endpoint.map(|_| last_validated + GRACE);
    let (status, message) = judge(token, answer, latest_seen, last_validated, grace_until, now);
    let holds = matches!(status, Status::Offline | Status::Validated);
    Licence {
        tier: if holds { claims.tier } else { Tier::Community },
        status,
        licence_id: Some(claims.id.clone()),
        licensee: Some(claims.licensee.clone()),
        expires: Some(claims.expires),
        last_validated: Some(last_validated),
        grace_until,
        message,
    }
}

/// The status of a token at `now`, and the line that explains it.
fn judge(
    token: &Token,
    answer: Option<&Answer>,
    latest_seen: Option<Timestamp>,
    last_validated: Timestamp,
    grace_until: Option<Timestamp>,
    now: Timestamp,
) -> (Status, String) {
    let claims = &token.claims;
    if let Some(latest) = latest_known(Some(token), answer, latest_seen)
        && now < latest - CLOCK_TOLERANCE
    {
        return (
            Status::ClockSetBack,
            format!(
                "the system clock ({}) is earlier than a time already seen ({}): the licence is void until the clock is corrected; running as community",
                second(now),
                second(latest)
            ),
        );
    }
    match answer.map(|a| a.status) {
        Some(Standing::Revoked) => {
            return (
                Status::Revoked,
                format!(
                    "licence {} was revoked by its issuer; running as community",
                    claims.id
                ),
            );
        }
        Some(Standing::Expired) => {
            return (
                Status::Expired,
                format!(
                    "licence {} has expired according to its issuer; running as community",
                    claims.id
                ),
            );
        }
        Some(Standing::Valid) | None => {}
    }
    if now >= claims.expires {
        return (
            Status::Expired,
            format!(
                "licence {} expired on {}; running as community",
                claims.id,
                second(claims.expires)
            ),
        );
    }
    match grace_until {
        None => (
            Status::Offline,
            format!(
                "{} licence for {} (offline token, valid until {})",
                claims.tier,
                claims.licensee,
                second(claims.expires)
            ),
        ),
        Some(until) if now <= until => (
            Status::Validated,
            format!(
                "{} licence for {} (validated {}, valid offline until {})",
                claims.tier,
                claims.licensee,
                second(last_validated),
                second(until)
            ),
        ),
        Some(until) => (
            Status::GraceEnded,
            format!(
                "licence {} was last validated {}; the 14-day offline grace ended {}; running as community until a validation reaches the licence endpoint",
                claims.id,
                second(last_validated),
                second(until)
            ),
        ),
    }
}

/// Whether the endpoint should be asked now: there is one, and the latest validation is at least
/// [`REVALIDATE_AFTER`] old (validation happens at most once a day).
#[must_use]
pub fn validation_due(licence: &Licence, endpoint: Option<&str>, now: Timestamp) -> bool {
    match (endpoint, licence.last_validated) {
        (Some(_), Some(last)) => now.duration_since(last) >= REVALIDATE_AFTER,
        _ => false,
    }
}

fn second(ts: Timestamp) -> String {
    ts.round(jiff::Unit::Second).unwrap_or(ts).to_string()
}
