//! Licence tokens, tiers and the 14-day offline grace of maestro.
//!
//! maestro is licensed per workspace in tiers ([`Tier`]). The **community** tier needs no token
//! and never makes a network call; it runs one crew at a time with the Planner, Builder and
//! Tester roles. The paid tiers (**pro**, **team**, **enterprise**) run up to five crews at once
//! with every role.
//!
//! A paid tier comes from a **token** ([`Token`]): claims (licence id, licensee, tier, issue and
//! expiry times, optional validation endpoint) signed with Ed25519 by an issuer whose public key
//! the workspace trusts ([`TrustedKeys`]: built-in keys plus `licence.publicKeys`). Anyone can run
//! an issuer ([`Issuer`], [`IssuerKey`]).
//!
//! A token with an endpoint is validated online at most once a day; the endpoint's signed
//! [`Answer`] is cached, and when the endpoint cannot be reached (or the egress policy forbids
//! it) the latest validation holds for 14 days from its server-signed time — a token's own issue
//! time counting as the first validation. A clock set back before a time already seen voids the
//! grace. All of this is computed by pure functions ([`evaluate`], [`check`] with a
//! [`Transport`] supplied by the application).
//!
//! ```
//! use jiff::{SignedDuration, Timestamp};
//! use maestro_licence::{Claims, Issuer, IssuerKey, Tier, Token, TrustedKeys, evaluate};
//!
//! let issuer = Issuer::new(IssuerKey::from_seed(&[7; 32]));
//! let issued: Timestamp = "2026-11-01T00:00:00Z".parse()?;
//! let text = issuer.issue(&Claims {
//!     id: "lic-1".into(),
//!     licensee: "Acme".into(),
//!     tier: Tier::Pro,
//!     issued,
//!     expires: issued + SignedDuration::from_hours(24 * 365),
//!     endpoint: Some("https://licence.example.com/v1/validate".into()),
//! });
//! let trusted = TrustedKeys::only(vec![issuer.key().public_key()]);
//! let token = Token::verify(&text, &trusted)?;
//!
//! // Never validated online: the issue time counts, so day 13 is still pro…
//! let day_13 = issued + SignedDuration::from_hours(13 * 24);
//! let endpoint = token.claims.endpoint.as_deref();
//! assert_eq!(evaluate(Some(&token), None, None, endpoint, day_13).tier, Tier::Pro);
//! // …and day 15 is past the grace.
//! let day_15 = issued + SignedDuration::from_hours(15 * 24);
//! assert_eq!(evaluate(Some(&token), None, None, endpoint, day_15).tier, Tier::Community);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

mod answer;
mod envelope;
mod issuer;
mod key;
mod state;
mod tier;
mod token;
mod validate;

pub use answer::{ANSWER_KIND, Answer, AnswerError, Cache, Standing};
pub use envelope::EnvelopeError;
pub use issuer::Issuer;
pub use key::{
    BUILTIN_PUBLIC_KEYS, IssuerKey, KeyError, TrustedKeys, parse_public_key, public_key_text,
};
pub use state::{
    CLOCK_TOLERANCE, GRACE, Licence, REVALIDATE_AFTER, Status, endpoint, evaluate, latest_known,
    validation_due,
};
pub use tier::{Entitlements, Tier, UnknownTier};
pub use token::{Claims, TOKEN_KIND, Token, TokenError, new_licence_id};
pub use validate::{
    Checked, Online, Transport, TransportError, ValidationRequest, ValidationResponse, check,
};
