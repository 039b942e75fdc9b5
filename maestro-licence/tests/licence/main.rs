//! Licence tokens, answers and the grace period, case by case; the issuer, tokens and scripted
//! transport the cases share.

mod online;
mod tables;

use std::cell::RefCell;

use jiff::{SignedDuration, Timestamp};
use maestro_licence::{
    Answer, Cache, Claims, Issuer, IssuerKey, Online, Standing, Status, Tier, Token, TokenError,
    Transport, TransportError, TrustedKeys, ValidationRequest, ValidationResponse, check, evaluate,
};

const ENDPOINT: &str = "https://licence.example.com/v1/validate";

fn days(n: i64) -> SignedDuration {
    SignedDuration::from_hours(24 * n)
}

fn t0() -> Timestamp {
    "2026-11-01T00:00:00Z".parse().expect("valid time")
}

fn issuer(seed: u8) -> Issuer {
    Issuer::new(IssuerKey::from_seed(&[seed; 32]))
}

fn claims(endpoint: Option<&str>) -> Claims {
    Claims {
        id: "lic-42".into(),
        licensee: "Acme".into(),
        tier: Tier::Pro,
        issued: t0(),
        expires: t0() + days(365),
        endpoint: endpoint.map(str::to_owned),
    }
}

fn trusted(issuer: &Issuer) -> TrustedKeys {
    TrustedKeys::only(vec![issuer.key().public_key()])
}

fn token(issuer: &Issuer, endpoint: Option<&str>) -> Token {
    Token::verify(&issuer.issue(&claims(endpoint)), &trusted(issuer)).expect("valid token")
}

fn answer(status: Standing, at: Timestamp) -> Answer {
    Answer {
        licence_id: "lic-42".into(),
        status,
        checked_at: at,
    }
}

type Reply = Box<dyn Fn(&ValidationRequest) -> Result<Vec<u8>, TransportError>>;

/// A transport that records requests and answers from a script.
struct Scripted {
    calls: RefCell<Vec<String>>,
    reply: Reply,
}

impl Scripted {
    fn new(
        reply: impl Fn(&ValidationRequest) -> Result<Vec<u8>, TransportError> + 'static,
    ) -> Self {
        Scripted {
            calls: RefCell::new(Vec::new()),
            reply: Box::new(reply),
        }
    }

    fn answering(issuer: Issuer, status: Standing, at: Timestamp) -> Self {
        Scripted::new(move |_| {
            let answer = issuer.answer(&answer(status, at));
            Ok(serde_json::to_vec(&ValidationResponse { answer }).expect("JSON"))
        })
    }

    /// A transport that must never be used.
    fn forbidden() -> Self {
        Scripted::new(|_| panic!("no network call may happen here"))
    }
}

impl Transport for Scripted {
    fn post_json(&self, url: &str, body: &[u8]) -> Result<Vec<u8>, TransportError> {
        self.calls.borrow_mut().push(url.to_owned());
        let request: ValidationRequest = serde_json::from_slice(body).expect("a request");
        (self.reply)(&request)
    }
}
